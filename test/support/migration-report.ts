// The sample report with its first compliant domain in the middle of a Hover → Route 53 move: what
// the renderers' migration tests (text, Markdown, HTML) draw from.
import type { MigrationReport, Report } from "../../src/report/model/model.js";
import { sampleReport } from "./sample-report.js";

export const MIGRATION: MigrationReport = {
  phase: "switching",
  moves: [
    {
      role: "dnsHost",
      from: "hover",
      to: "route53",
      phase: "switching",
      checks: [
        { name: "delegation", status: "fail", detail: "2 of 4 parent servers delegate to route53" },
        { name: "target-zone", status: "pass", detail: "zone Z1 exists (pinned)" },
        { name: "record-parity", status: "not-checked", detail: "a|b <script>" },
      ],
    },
  ],
  next: "The switch is under way.",
};

/** The sample report with `migration` on its first compliant domain, and that domain's name. */
export function withMigration(migration: MigrationReport = MIGRATION): {
  readonly report: Report;
  readonly domain: string;
} {
  const report = sampleReport();
  const compliant = report.domains.findIndex((d) => d.status === "compliant");
  const domains = report.domains.map((d, i) => (i === compliant ? { ...d, migration } : d));
  return { report: { ...report, domains }, domain: report.domains[compliant]?.domain ?? "" };
}
