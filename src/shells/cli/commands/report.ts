// `domain-drift report REPORTS...`: writes saved JSON reports in another format — above all the
// HTML page, which from several reports becomes the history page. The options are defined here;
// ./run-report.ts loads only when the command runs.
import { type Command, Option } from "commander";
import type { Format } from "../../../report/render/formats.js";
import { formatCollectorOf, type OutputTarget, outputCollector } from "../output-options.js";
import type { CliContext, CommandRegistrar } from "../program.js";

/**
 * The formats a saved report is worth re-rendering in. SARIF and GitHub annotations belong to the
 * check run that produced the findings (code scanning, the workflow's log), so they stay with check.
 */
export const REPORT_FORMATS: readonly Format[] = [
  "html",
  "json",
  "text",
  "markdown",
  "openmetrics",
];

export interface ReportOptionValues {
  readonly format?: OutputTarget[];
}

export const registerReport: CommandRegistrar = (program: Command, context: CliContext) => {
  const command = program
    .command("report")
    .description(
      "Write saved JSON reports (check --format json, or merge) in another format. With several reports, html is the history page (trends, changes since the previous scan, each domain's finding timeline) and the other formats describe the newest scan. Each file is checked against the report schema. Exit 0 written, 2 invalid input or usage, 4 a file could not be written.",
    )
    .argument("<reports...>", "JSON reports written by check --format json or merge");
  command
    .addOption(
      new Option(
        "--format <format>",
        `output format: ${REPORT_FORMATS.join(", ")} (repeatable; default html)`,
      ).argParser(formatCollectorOf(REPORT_FORMATS)),
    )
    .addOption(
      new Option(
        "--output <file>",
        "write the preceding --format to this file instead of stdout",
      ).argParser(
        outputCollector(() => command.getOptionValue("format") as OutputTarget[] | undefined),
      ),
    )
    .action(async (paths: string[], values: ReportOptionValues) => {
      const { runReport } = await import("./run-report.js");
      await runReport(context, paths, values);
    });
};
