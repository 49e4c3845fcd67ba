// What `domain-drift merge` does (its options are in ./merge.ts, which loads this module only when
// the command runs): reads and checks each shard's JSON report, merges them, writes the result.
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { mergeReports, type NamedReport } from "../../../report/merge.js";
import { ExitCode } from "../../../report/model/exit-codes.js";
import { checkReport } from "../../../report/model/report-schema.js";
import { exitCodeOf } from "../../../report/model/summary.js";
import { type OutputTarget, resolveTargets } from "../output-options.js";
import type { CliContext } from "../program.js";
import { writeTargets } from "../write-report.js";

/** Reads `file`; messages name it as the user wrote it (`source`). */
async function readReport(file: string, source: string): Promise<NamedReport | { error: string }> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    return { error: `${source}: cannot read a JSON report: ${(error as Error).message}` };
  }
  const checked = checkReport(value, source);
  return checked.ok ? { source, report: checked.report } : { error: checked.message };
}

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
  const inputs: NamedReport[] = [];
  for (const path of paths) {
    const read = await readReport(resolve(context.io.cwd, path), path);
    if ("error" in read) return fail(read.error);
    inputs.push(read);
  }
  const merged = mergeReports(inputs);
  if (!merged.ok) return fail(merged.message);
  await writeTargets(context, merged.report, targets);
  context.exitCode = exitCodeOf(merged.report);
}
