// The terminal report: problems first, one block per domain, a summary line last.
import { createColors } from "picocolors";
import { describeDnssecChain } from "../../observe/dns/describe.js";
import { plainDeep } from "../../text/sanitize.js";
import type { DomainReport, Finding, Report, Severity } from "../model/model.js";
import { SEVERITIES } from "../model/model.js";
import {
  byStatusThenName,
  cachedSourcesLine,
  describeBlocker,
  describeIntended,
  describeObserved,
  describeValue,
  diagnosedLine,
  diagnosisHeadline,
  migrationBlockers,
  migrationHeadline,
  notCheckedOf,
} from "./describe.js";

export interface TextOptions {
  readonly color: boolean;
}

type Colors = ReturnType<typeof createColors>;

function severityLabel(c: Colors, severity: Severity): string {
  const label = severity.padEnd(8);
  switch (severity) {
    case "critical":
      return c.bold(c.red(label));
    case "high":
      return c.red(label);
    case "medium":
      return c.yellow(label);
    default:
      return c.dim(label);
  }
}

function statusLabel(c: Colors, domain: DomainReport): string {
  switch (domain.status) {
    case "drift":
      return c.red("✗ drift    ");
    case "unknown":
      return c.yellow("? unknown  ");
    case "compliant":
      return c.green("✓ compliant");
  }
}

function findingLines(c: Colors, finding: Finding): string[] {
  const tags = [
    finding.suppressed ? `suppressed until ${finding.suppressed.expires}` : "",
    finding.baseline ?? "",
  ].filter(Boolean);
  const head = `    ${severityLabel(c, finding.severity)} ${c.bold(finding.rule)}${tags.length ? c.dim(` [${tags.join(", ")}]`) : ""}: ${finding.message}`;
  const lines = [finding.suppressed ? c.dim(head) : head];
  lines.push(
    c.dim(
      `             expected: ${describeValue(finding.expected)}; observed: ${describeValue(finding.observed)}`,
    ),
  );
  if (finding.suppressed) lines.push(c.dim(`             waived: ${finding.suppressed.reason}`));
  else lines.push(`             fix: ${finding.remediation}`);
  return lines;
}

/** The DNSSEC chain per server address, shown when a DNSSEC rule failed or could not run. */
function dnssecLines(c: Colors, domain: DomainReport): string[] {
  const concerned = domain.checks.some(
    (check) =>
      check.name.startsWith("dnssec-") &&
      (check.status === "fail" || check.status === "not-checked"),
  );
  const servers = domain.observed.dnssec?.servers ?? [];
  if (!concerned || servers.length === 0) return [];
  return servers.map((server) => {
    const chain =
      server.chain.kind === "validated"
        ? describeDnssecChain(server.chain)
        : `${server.chain.kind}: ${server.chain.detail}`;
    return c.dim(`    DNSSEC ${server.nameserver} (${server.address}): ${chain}`);
  });
}

function domainBlock(c: Colors, domain: DomainReport): string[] {
  const where = c.dim(`${domain.policy.file}:${domain.policy.line}`);
  const name =
    domain.unicode === domain.domain ? domain.domain : `${domain.unicode} (${domain.domain})`;
  const lines = [`${statusLabel(c, domain)} ${c.bold(name)}  ${where}`];
  // A migrating domain always shows its phase, compliant or not.
  if (domain.migration !== undefined) {
    lines.push(c.cyan(`    ${migrationHeadline(domain.migration)}`));
    for (const blocker of migrationBlockers(domain.migration))
      lines.push(c.dim(`      ${describeBlocker(blocker)}`));
    lines.push(c.dim(`      next: ${domain.migration.next}`));
  }
  // A compliant domain can still carry waived findings: they stay visible, marked suppressed.
  if (domain.status === "compliant" && domain.findings.length === 0) return lines;
  const { diagnosed, diagnoses, others } = notCheckedOf(domain);
  // A domain that only shares the run's diagnosed failures has nothing of its own to show.
  if (domain.findings.length > 0 || others.length > 0) {
    lines.push(
      c.dim(`    intended ${describeIntended(domain)}; observed ${describeObserved(domain)}`),
    );
  }
  for (const finding of domain.findings) lines.push(...findingLines(c, finding));
  lines.push(...dnssecLines(c, domain));
  if (diagnosed > 0) lines.push(c.yellow(`    ${diagnosedLine(diagnosed, diagnoses)} above`));
  for (const check of others)
    lines.push(c.yellow(`    not checked ${check.name}: ${check.reason}`));
  return lines;
}

export function summaryLine(report: Report): string {
  const s = report.summary;
  const severities = SEVERITIES.filter((sev) => s.bySeverity[sev] > 0).map(
    (sev) => `${s.bySeverity[sev]} ${sev}`,
  );
  const findings = severities.length > 0 ? severities.join(", ") : "no findings";
  const suppressed = s.suppressed > 0 ? `, ${s.suppressed} suppressed` : "";
  return `${s.domains} domain${s.domains === 1 ? "" : "s"}: ${s.compliant} compliant, ${s.drift} drift, ${s.unknown} unknown; ${findings}${suppressed} (fail on ${report.failOn})`;
}

export function renderText(input: Report, options: TextOptions): string {
  // Names, messages and reasons come from the network and from pull requests: no terminal escapes,
  // and no line breaks that would forge lines (or `::` workflow commands in a CI log).
  const report = plainDeep(input);
  const c = createColors(options.color);
  const lines: string[] = [];
  for (const [i, diagnosis] of (report.diagnoses ?? []).entries()) {
    lines.push(c.yellow(diagnosisHeadline(diagnosis, i + 1)), `    fix: ${diagnosis.fix}`);
  }
  if (lines.length > 0) lines.push("");
  for (const domain of [...report.domains].sort(byStatusThenName))
    lines.push(...domainBlock(c, domain));
  for (const account of report.accounts) {
    const whose =
      (account.provider ?? "route53") === "route53" ? "AWS account" : `${account.provider} account`;
    lines.push(`${c.bold(`${whose} ${account.account}`)}`);
    for (const [source, status] of Object.entries(account.sources)) {
      if (status !== undefined && status.status !== "ok")
        lines.push(c.yellow(`    not checked ${source}: ${status.reason}`));
    }
    for (const finding of account.findings) lines.push(...findingLines(c, finding));
  }
  if (report.baseline) {
    for (const resolved of report.baseline.resolved) {
      lines.push(
        c.green(
          `resolved ${resolved.rule}${resolved.domain ? ` ${resolved.domain}` : ""}: ${resolved.message}`,
        ),
      );
    }
  }
  const cached = cachedSourcesLine(report);
  lines.push("");
  if (cached !== undefined) lines.push(c.dim(cached));
  lines.push(c.bold(summaryLine(report)));
  return `${lines.join("\n")}\n`;
}
