// What `domain-drift report` does (its options are in ./report.ts, which loads this module only
// when the command runs): reads each saved JSON report (bounded, checked against the report
// schema), and writes the formats asked for. One report renders as `check` would have rendered
// it; several make the HTML history page, and every other format describes the newest of them.
import { resolve } from "node:path";
import type { NamedReport } from "../../../report/merge.js";
import { ExitCode } from "../../../report/model/exit-codes.js";
import { historyOf, renderHistoryScansHtml } from "../../../report/render/html/index.js";
import { renderChunks } from "../../../report/render/index.js";
import { readSavedReport } from "../../../report/saved-report.js";
import { plainLine } from "../../../text/sanitize.js";
import { outputFilesProblem } from "../output-files.js";
import { resolveTargets } from "../output-options.js";
import type { CliContext } from "../program.js";
import { type TargetRenderer, writeRendered } from "../write-report.js";
import type { ReportOptionValues } from "./report.js";

/**
 * What to write for each format: one report as itself; several as a history (no shards, oldest
 * first), the HTML page drawing all of them and the other formats the newest.
 */
function renderersOf(reports: readonly NamedReport[]): TargetRenderer | { error: string } {
  const [only] = reports;
  if (reports.length === 1 && only !== undefined) {
    return (target, options) => renderChunks(only.report, target.format, options);
  }
  const history = historyOf(reports);
  if (!history.ok) return { error: history.message };
  const newest = history.scans.at(-1);
  if (newest === undefined) return { error: "no report given" };
  return (target, options) =>
    target.format === "html"
      ? [renderHistoryScansHtml(history.scans)]
      : renderChunks(newest.report, target.format, options);
}

export async function runReport(
  context: CliContext,
  paths: readonly string[],
  values: ReportOptionValues,
): Promise<void> {
  // File names and parser messages are the user's and the file's text: one line on the terminal.
  const fail = (message: string) => {
    context.io.stderr.write(`domain-drift report: ${plainLine(message)}\n`);
    context.exitCode = ExitCode.InvalidInput;
  };
  const targets = resolveTargets(values.format ?? [{ format: "html", output: undefined }]);
  if ("error" in targets) return fail(targets.error);
  // Before reading anything: no --output may be one of the reports read, or another's file.
  const outputProblem = await outputFilesProblem(context.io.cwd, targets, paths);
  if (outputProblem !== undefined) return fail(outputProblem);
  const reports: NamedReport[] = [];
  for (const path of paths) {
    const read = await readSavedReport(resolve(context.io.cwd, path), path);
    if (!read.ok) return fail(read.message);
    reports.push({ source: path, report: read.report });
  }
  const render = renderersOf(reports);
  if ("error" in render) return fail(render.error);
  const written = await writeRendered(context, "report", targets, render);
  // Written is all a rendering is judged on: check and merge are the gates that judge the drift.
  context.exitCode = written ? ExitCode.Ok : ExitCode.OutputFailed;
}
