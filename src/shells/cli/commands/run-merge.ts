// What `domain-drift merge` does (its options are in ./merge.ts, which loads this module only when
// the command runs): reads and checks each shard's JSON report, merges them, writes the result.
import { resolve } from "node:path";
import { mergeReports, type NamedReport } from "../../../report/merge.js";
import { ExitCode } from "../../../report/model/exit-codes.js";
import { readSavedReport } from "../../../report/saved-report.js";
import { outputFilesProblem } from "../output-files.js";
import { type OutputTarget, resolveTargets } from "../output-options.js";
import type { CliContext } from "../program.js";
import { writeReport } from "../write-report.js";

export async function runMerge(
  context: CliContext,
  paths: readonly string[],
  values: { format?: OutputTarget[] },
): Promise<void> {
  const targets = resolveTargets(values.format ?? [{ format: "json", output: undefined }]);
  const fail = (message: string) => {
    context.io.stderr.write(`domain-drift merge: ${message}\n`);
    context.exitCode = ExitCode.InvalidInput;
  };
  if ("error" in targets) return fail(targets.error);
  const outputProblem = await outputFilesProblem(context.io.cwd, targets, paths);
  if (outputProblem !== undefined) return fail(outputProblem);
  const inputs: NamedReport[] = [];
  for (const path of paths) {
    const read = await readSavedReport(resolve(context.io.cwd, path), path);
    if (!read.ok) return fail(read.message);
    inputs.push({ source: path, report: read.report });
  }
  const merged = mergeReports(inputs);
  if (!merged.ok) return fail(merged.message);
  await writeReport(context, "merge", merged.report, targets);
}
