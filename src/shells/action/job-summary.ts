// The job summary: the Markdown report, where to find the HTML report, which domains were checked
// and why, the policy diagnostics, and where the report files are. Everything from policies or the
// network is escaped.
import path from "node:path";
import { type Diagnostic, formatDiagnostic } from "../../policy/diagnostics.js";
import type { Report } from "../../report/model/model.js";
import { markdownCode, markdownText } from "../../text/sanitize.js";
import { fittedMarkdown } from "./fitted-markdown.js";
import type { ActionMode } from "./inputs.js";
import { describeChange } from "./policy-changes.js";
import type { ReportFiles } from "./report-files.js";
import type { CheckScope } from "./scope.js";

/** GitHub refuses summaries over 1 MiB; the report gets most of it, the lists below the rest. */
const REPORT_BYTES = 900 * 1024;
const MAX_LISTED = 200;

function capped(lines: readonly string[], what: string): string[] {
  if (lines.length <= MAX_LISTED) return [...lines];
  return [...lines.slice(0, MAX_LISTED), `- … and ${lines.length - MAX_LISTED} more ${what}`];
}

function diagnosticLines(diagnostics: readonly Diagnostic[]): string[] {
  return capped(
    diagnostics.map((diagnostic) => `- ${markdownText(formatDiagnostic(diagnostic))}`),
    "diagnostics",
  );
}

function scopeLines(scope: CheckScope, checked: number, total: number): string[] {
  if (scope.kind === "all") {
    return [`All ${total} domains were checked: ${markdownText(scope.reason)}.`];
  }
  const { changed, removed } = scope.changes;
  const lines = [
    `${checked} of ${total} domains were checked: those whose policies changed since the base commit ${markdownCode(scope.baseCommit.slice(0, 12))}.`,
  ];
  if (changed.size > 0) {
    lines.push(
      "",
      ...capped(
        [...changed].map(
          ([domain, reasons]) =>
            `- ${markdownCode(domain)}: ${markdownText(reasons.map(describeChange).join("; "))}`,
        ),
        "domains",
      ),
    );
  }
  if (removed.length > 0) {
    lines.push(
      "",
      `Removed by this pull request (not checked): ${removed.slice(0, MAX_LISTED).map(markdownCode).join(", ")}${removed.length > MAX_LISTED ? ", …" : ""}`,
    );
  }
  return lines;
}

/** Where the HTML report went, for the summary to say how to get it. */
export interface HtmlReportNote {
  /** The file: relative to the workspace when inside it, as upload-artifact's `path` names it. */
  readonly file: string;
  /** This run's page, whose Artifacts section holds what the workflow uploaded. */
  readonly runUrl: string | undefined;
}

/**
 * The file is on the runner, gone when the job ends: a person gets it from the run's artifacts,
 * which hold it only if the workflow uploads the report directory (as docs/github-action.md does).
 */
function htmlReportLines(note: HtmlReportNote): string[] {
  const directory = path.posix.dirname(note.file);
  const run = note.runUrl === undefined ? "this run" : `[this run](${note.runUrl}#artifacts)`;
  return [
    "### HTML report",
    "",
    `${markdownCode(note.file)}: one self-contained page — overview, every domain, each domain's chain from registrar to DNS host — that opens offline in a browser.`,
    `Download it from the artifacts of ${run} when the workflow uploads ${markdownCode(directory)} with \`actions/upload-artifact\`.`,
  ];
}

export interface JobSummaryInput {
  readonly mode: ActionMode;
  readonly report: Report;
  readonly scope: CheckScope;
  /** Domains the policies declare (the report has only those checked). */
  readonly declaredDomains: number;
  /** Warnings of valid policies. */
  readonly diagnostics: readonly Diagnostic[];
  readonly fromFork: boolean;
  readonly files: ReportFiles;
  /** Where the HTML report went, when one was written. */
  readonly htmlReport: HtmlReportNote | undefined;
  /** Lines about what else the run did (the tracking issue), already Markdown. */
  readonly notes: readonly string[];
}

export function renderJobSummary(input: JobSummaryInput): string {
  const { report } = input;
  const sections = [fittedMarkdown(report, REPORT_BYTES).trimEnd()];
  if (input.htmlReport !== undefined) sections.push(htmlReportLines(input.htmlReport).join("\n"));
  const mode = input.mode === "pull-request" ? "Pull-request mode" : "Scan mode";
  sections.push(
    [
      `### Checked domains (${mode.toLowerCase()})`,
      "",
      ...scopeLines(input.scope, report.domains.length, input.declaredDomains),
    ].join("\n"),
  );
  const awsMissing = report.domains.some(
    (d) =>
      d.sources.route53.status === "unavailable" ||
      d.sources.route53Domains.status === "unavailable",
  );
  if (input.fromFork && awsMissing) {
    sections.push(
      "This pull request comes from a fork, which gets no AWS credentials: the DNS and RDAP checks ran, the Route 53 checks are shown as not checked.",
    );
  }
  if (input.diagnostics.length > 0) {
    sections.push(["### Policy warnings", "", ...diagnosticLines(input.diagnostics)].join("\n"));
  }
  const files = Object.entries(input.files).map(
    ([format, file]) => `- ${format}: ${markdownCode(file)}`,
  );
  if (files.length > 0) sections.push(["### Report files", "", ...files].join("\n"));
  if (input.notes.length > 0) sections.push(input.notes.join("\n"));
  return `${sections.join("\n\n")}\n`;
}

/** The summary when the policies do not validate: every diagnostic, and that nothing was checked. */
export function renderInvalidSummary(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.length - errors;
  return [
    "## domain-drift: the policies are invalid",
    "",
    `${errors} error(s), ${warnings} warning(s); nothing was checked. Fix the policies and push again.`,
    "",
    ...diagnosticLines(diagnostics),
    "",
  ].join("\n");
}

/** The summary when the run could not start (bad inputs, unreadable reference data). */
export function renderUsageSummary(message: string): string {
  return `## domain-drift: the run could not start\n\n${markdownText(message)}\n`;
}
