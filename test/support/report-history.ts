// Three weekly scans of the sample portfolio, oldest first, for the history page: a finding that
// appears (recreated.example's dangling delegation, in the second scan) and one that is resolved
// (legacy.example's registrar mismatch, gone in the third).
import type { DomainReport, Report } from "../../src/report/model/model.js";
import { summarise } from "../../src/report/model/summary.js";
import { sampleReport } from "./sample-report.js";

function without(domain: DomainReport, rules: readonly string[]): DomainReport {
  const findings = domain.findings.filter((f) => !rules.includes(f.rule));
  const checks = domain.checks.map((c) =>
    rules.includes(c.name) ? { ...c, status: "pass" as const } : c,
  );
  const drift = findings.some((f) => f.suppressed === undefined && f.severity !== "info");
  const unknown = checks.some((c) => c.status === "not-checked");
  return {
    ...domain,
    findings,
    checks,
    status: drift ? "drift" : unknown ? "unknown" : "compliant",
  };
}

function scan(finishedAt: string, edit: (domain: DomainReport) => DomainReport): Report {
  const sample = sampleReport();
  const domains = sample.domains.map(edit);
  return {
    ...sample,
    startedAt: finishedAt.replace("12:00:03.500Z", "12:00:00.000Z"),
    finishedAt,
    summary: summarise(domains, sample.accounts),
    domains,
  };
}

export function reportHistory(): Report[] {
  const quiet = ["dangling-delegation", "nameservers-mismatch"];
  return [
    scan("2026-11-12T12:00:03.500Z", (d) =>
      d.domain === "recreated.example" ? without(d, quiet) : d,
    ),
    scan("2026-11-19T12:00:03.500Z", (d) => d),
    scan("2026-11-26T12:00:03.500Z", (d) =>
      d.domain === "legacy.example" ? without(d, ["registrar-mismatch"]) : d,
    ),
  ];
}
