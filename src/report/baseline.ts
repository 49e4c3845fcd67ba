// Compares a report with the previous scan's: each finding becomes new or persisting, and what the
// baseline had that is gone is listed as resolved, so a nightly scan can alert on change only.
import type { Finding, Report, ResolvedFinding } from "./model/model.js";
import { allFindings } from "./model/summary.js";

export function compareWithBaseline(report: Report, baseline: Report): Report {
  const before = new Set(allFindings(baseline).map((f) => f.fingerprint));
  const now = new Set(allFindings(report).map((f) => f.fingerprint));
  const mark = (finding: Finding): Finding => ({
    ...finding,
    baseline: before.has(finding.fingerprint) ? "persisting" : "new",
  });
  const resolved: ResolvedFinding[] = [];
  for (const domain of baseline.domains) {
    for (const f of domain.findings) {
      if (!now.has(f.fingerprint))
        resolved.push({
          domain: domain.domain,
          rule: f.rule,
          fingerprint: f.fingerprint,
          message: f.message,
        });
    }
  }
  for (const account of baseline.accounts) {
    for (const f of account.findings) {
      if (!now.has(f.fingerprint))
        resolved.push({
          domain: undefined,
          rule: f.rule,
          fingerprint: f.fingerprint,
          message: f.message,
        });
    }
  }
  return {
    ...report,
    domains: report.domains.map((d) => ({ ...d, findings: d.findings.map(mark) })),
    accounts: report.accounts.map((a) => ({ ...a, findings: a.findings.map(mark) })),
    baseline: { resolved },
  };
}
