// The summary and the exit code, computed from the per-domain verdicts. One implementation serves
// `check`, `merge` and the Action, so a merged report counts exactly as an unsharded one.
import { ExitCode } from "./exit-codes.js";
import {
  type AccountReport,
  atLeast,
  type DomainReport,
  type Finding,
  type Report,
  type ReportSummary,
  SEVERITIES,
  type Severity,
} from "./model.js";
import { RULE_IDS } from "./rule-ids.js";

export function allFindings(report: Pick<Report, "domains" | "accounts">): Finding[] {
  return [
    ...report.domains.flatMap((d) => d.findings),
    ...report.accounts.flatMap((a) => a.findings),
  ];
}

export function summarise(
  domains: readonly DomainReport[],
  accounts: readonly AccountReport[],
): ReportSummary {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const byRule: Record<string, number> = Object.fromEntries(RULE_IDS.map((id) => [id, 0]));
  let suppressed = 0;
  for (const finding of allFindings({ domains, accounts })) {
    if (finding.suppressed) {
      suppressed += 1;
      continue;
    }
    bySeverity[finding.severity] += 1;
    byRule[finding.rule] = (byRule[finding.rule] ?? 0) + 1;
  }
  const count = (status: DomainReport["status"]) =>
    domains.filter((d) => d.status === status).length;
  return {
    domains: domains.length,
    compliant: count("compliant"),
    drift: count("drift"),
    unknown: count("unknown"),
    bySeverity,
    byRule,
    suppressed,
  };
}

/** Exit-code contract: 1 drift at or above the threshold; else 3 if anything could not be checked. */
export function exitCodeOf(report: Pick<Report, "domains" | "accounts" | "failOn">): ExitCode {
  const failing = allFindings(report).some(
    (f) => !f.suppressed && atLeast(f.severity, report.failOn),
  );
  if (failing) return ExitCode.Drift;
  const incomplete =
    report.domains.some((d) => d.status === "unknown") ||
    report.accounts.some((a) => Object.values(a.sources).some((s) => s?.status === "unavailable"));
  return incomplete ? ExitCode.Incomplete : ExitCode.Ok;
}
