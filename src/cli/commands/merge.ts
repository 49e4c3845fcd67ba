// `domain-drift merge REPORTS...`: combines the JSON reports of a sharded scan into one report.
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { type Command, Option } from "commander";
import { mergeReports, type NamedReport } from "../../report/merge.js";
import { checkReport } from "../../report/report-schema.js";
import { exitCodeOf } from "../../report/summary.js";
import { ExitCode } from "../exit-codes.js";
import {
  formatCollector,
  type OutputTarget,
  outputCollector,
  resolveTargets,
} from "../output-options.js";
import type { CliContext, CommandRegistrar } from "../program.js";
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

export const registerMerge: CommandRegistrar = (program: Command, context: CliContext) => {
  const command = program
    .command("merge")
    .description(
      "Combine the JSON reports of a sharded scan (check --shard i/n) into one report; exit code as check would give.",
    )
    .argument("<reports...>", "JSON reports written by check --format json");
  command
    .addOption(
      new Option("--format <format>", "output format (repeatable; default json)").argParser(
        formatCollector,
      ),
    )
    .addOption(
      new Option("--output <file>", "write the preceding --format to this file").argParser(
        outputCollector(() => command.getOptionValue("format") as OutputTarget[] | undefined),
      ),
    )
    .action(async (paths: string[], values: { format?: OutputTarget[] }) => {
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
    });
};
