// Markdown for pull-request comments and job summaries. Everything interpolated is escaped; the
// table is capped so a 10,000-domain scan still fits GitHub's 1 MiB summary limit.

import { markdownCode, markdownText } from "../../text/sanitize.js";
import type { DomainReport, Finding, Report } from "../model/model.js";
import {
  byStatusThenName,
  cachedSourcesLine,
  describeIntended,
  describeObserved,
  diagnosedLine,
  diagnosisHeadline,
  migrationHeadline,
  notCheckedOf,
} from "./describe.js";
import { summaryLine } from "./text.js";

export interface MarkdownOptions {
  /** Rows in the domain table; problems come first, so compliant domains are cut first. */
  readonly maxRows: number;
  /** Also list compliant domains (off for large scans: the summary line counts them). */
  readonly includeCompliant: boolean;
}

const DEFAULT_MARKDOWN_OPTIONS: MarkdownOptions = { maxRows: 500, includeCompliant: true };

const STATUS_ICON = {
  drift: "❌ drift",
  unknown: "❔ unknown",
  compliant: "✅ compliant",
} as const;

function findingCell(finding: Finding): string {
  const tags = [
    finding.suppressed ? "suppressed" : "",
    finding.baseline === "new" ? "new" : "",
  ].filter(Boolean);
  return `**${finding.severity}** ${markdownCode(finding.rule)}${tags.length ? ` _(${tags.join(", ")})_` : ""}: ${markdownText(finding.message)}`;
}

function row(domain: DomainReport): string {
  const name =
    domain.unicode === domain.domain
      ? markdownCode(domain.domain)
      : `${markdownCode(domain.unicode)} (${markdownCode(domain.domain)})`;
  const { diagnosed, diagnoses, others } = notCheckedOf(domain);
  const notChecked = [
    ...(diagnosed > 0 ? [markdownText(diagnosedLine(diagnosed, diagnoses))] : []),
    ...others.map((c) => `not checked ${markdownCode(c.name)}: ${markdownText(c.reason ?? "")}`),
  ];
  const findings = [...domain.findings.map(findingCell), ...notChecked].join("<br>") || "—";
  const remediation =
    domain.findings
      .filter((f) => !f.suppressed)
      .map((f) => markdownCode(f.remediation))
      .join("<br>") || "—";
  const status =
    domain.migration === undefined
      ? STATUS_ICON[domain.status]
      : `${STATUS_ICON[domain.status]}<br>🚚 ${markdownText(migrationHeadline(domain.migration))}`;
  return `| ${name} | ${status} | ${markdownText(describeIntended(domain))} | ${markdownText(describeObserved(domain))} | ${findings} | ${remediation} |`;
}

export function renderMarkdown(
  report: Report,
  options: MarkdownOptions = DEFAULT_MARKDOWN_OPTIONS,
): string {
  const s = report.summary;
  const lines = [
    `## domain-drift: ${s.drift} drift, ${s.unknown} unknown, ${s.compliant} compliant`,
    "",
    markdownText(summaryLine(report)),
    "",
  ];
  const cached = cachedSourcesLine(report);
  if (cached !== undefined) lines.push(`_${markdownText(cached)}_`, "");
  for (const [i, diagnosis] of (report.diagnoses ?? []).entries()) {
    lines.push(
      `> **${markdownText(diagnosisHeadline(diagnosis, i + 1))}**`,
      `> fix: ${markdownText(diagnosis.fix)}`,
      "",
    );
  }
  const shown = [...report.domains]
    .sort(byStatusThenName)
    // A migrating domain is listed compliant or not: its phase is what a reviewer looks for.
    .filter(
      (d) => options.includeCompliant || d.status !== "compliant" || d.migration !== undefined,
    );
  if (shown.length > 0) {
    lines.push(
      "| Domain | Status | Intended | Observed | Findings | Remediation |",
      "|---|---|---|---|---|---|",
      ...shown.slice(0, options.maxRows).map(row),
    );
    if (shown.length > options.maxRows) {
      lines.push("", `_${shown.length - options.maxRows} more domains are in the JSON report._`);
    }
  }
  const accountFindings = report.accounts.flatMap((a) => a.findings);
  if (accountFindings.length > 0) {
    lines.push(
      "",
      report.accounts.every((a) => (a.provider ?? "route53") === "route53")
        ? "### AWS accounts"
        : "### Provider accounts",
      "",
      ...accountFindings.slice(0, options.maxRows).map((f) => `- ${findingCell(f)}`),
    );
  }
  if (report.baseline && report.baseline.resolved.length > 0) {
    lines.push(
      "",
      "### Resolved since the baseline",
      "",
      ...report.baseline.resolved
        .slice(0, options.maxRows)
        .map(
          (r) =>
            `- ${markdownCode(r.rule)} ${r.domain ? markdownCode(r.domain) : ""}: ${markdownText(r.message)}`,
        ),
    );
  }
  return `${lines.join("\n")}\n`;
}
