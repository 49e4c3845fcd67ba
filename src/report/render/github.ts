// GitHub workflow commands (`::error file=...::message`), one annotation per unsuppressed finding
// and a notice per migrating domain with its phase, escaped as the runner expects. GitHub shows
// only a few annotations per step, so the count is capped per level and the rest is left to the
// job summary.

import { plain } from "../../text/sanitize.js";
import type { DomainReport, Finding, Report, Severity } from "../model/model.js";
import { migrationBlockers, migrationHeadline } from "./describe.js";

const COMMAND: Readonly<Record<Severity, "error" | "warning" | "notice">> = {
  critical: "error",
  high: "error",
  medium: "warning",
  low: "notice",
  info: "notice",
};

/** GitHub displays at most 10 annotations of each level per step. */
export const ANNOTATIONS_PER_LEVEL = 10;

// The runner's escaping: data needs %, CR, LF escaped; property values also : and ,.
function escapeData(text: string): string {
  return plain(text).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

export interface Annotation {
  readonly level: "error" | "warning" | "notice";
  readonly title: string;
  readonly message: string;
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly column: number | undefined;
}

function annotationCommand(a: Annotation): string {
  const properties = [
    a.file !== undefined ? `file=${escapeProperty(a.file)}` : "",
    a.line !== undefined ? `line=${a.line}` : "",
    a.column !== undefined ? `col=${a.column}` : "",
    `title=${escapeProperty(a.title)}`,
  ].filter(Boolean);
  return `::${a.level} ${properties.join(",")}::${escapeData(a.message)}`;
}

function toAnnotation(finding: Finding, domain: string | undefined): Annotation {
  return {
    level: COMMAND[finding.severity],
    title: `${finding.rule} (${finding.severity})${domain ? `: ${domain}` : ""}`,
    message: `${finding.message}\nFix: ${finding.remediation}`,
    file: finding.location?.file,
    line: finding.location?.line,
    column: finding.location?.column,
  };
}

/**
 * A notice at the domain's policy line with its migration's phase, what holds it back and what
 * comes next: what a reviewer of a pull request that touches a migrating domain looks for.
 */
function migrationAnnotation(domain: DomainReport): Annotation | undefined {
  const migration = domain.migration;
  if (migration === undefined) return undefined;
  const blockers = migrationBlockers(migration).map(
    ({ check }) => `${check.name} ${check.status}: ${check.detail}`,
  );
  return {
    level: "notice",
    title: `migration ${migration.phase}: ${domain.domain}`,
    message: [migrationHeadline(migration), ...blockers, `Next: ${migration.next}`].join("\n"),
    file: domain.policy.file,
    line: domain.policy.line,
    column: domain.policy.column,
  };
}

/**
 * Annotations for the report: a notice per migrating domain, then its unsuppressed findings, most
 * severe first, capped per level.
 */
export function reportAnnotations(report: Report, perLevel = ANNOTATIONS_PER_LEVEL): Annotation[] {
  const migrations = report.domains.flatMap((d) => migrationAnnotation(d) ?? []);
  const all = [
    ...report.domains.flatMap((d) =>
      d.findings
        .filter((f) => !f.suppressed)
        .map((f) => ({ f, domain: d.domain as string | undefined })),
    ),
    ...report.accounts.flatMap((a) =>
      a.findings.filter((f) => !f.suppressed).map((f) => ({ f, domain: undefined })),
    ),
  ];
  const order: Severity[] = ["critical", "high", "medium", "low", "info"];
  all.sort((x, y) => order.indexOf(x.f.severity) - order.indexOf(y.f.severity));
  const used = { error: 0, warning: 0, notice: 0 };
  const kept: Annotation[] = [];
  let dropped = 0;
  for (const annotation of [
    ...migrations,
    ...all.map(({ f, domain }) => toAnnotation(f, domain)),
  ]) {
    if (used[annotation.level] >= perLevel) {
      dropped += 1;
      continue;
    }
    used[annotation.level] += 1;
    kept.push(annotation);
  }
  if (dropped > 0) {
    kept.push({
      level: "notice",
      title: "domain-drift",
      message: `${dropped} more annotation(s) are not shown (GitHub shows ${perLevel} per level); see the job summary or the JSON report.`,
      file: undefined,
      line: undefined,
      column: undefined,
    });
  }
  return kept;
}

export function renderGithub(report: Report): string {
  return reportAnnotations(report)
    .map((a) => `${annotationCommand(a)}\n`)
    .join("");
}
