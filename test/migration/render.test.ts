// The phase of a migrating domain in the formats written for people: text always, Markdown even
// where compliant domains are left out (the Action's pull-request comment), escaped like the rest.
import { describe, expect, it } from "vitest";
import type { MigrationReport, Report } from "../../src/report/model/model.js";
import { renderMarkdown } from "../../src/report/render/markdown.js";
import { renderText } from "../../src/report/render/text.js";
import { sampleReport } from "../support/sample-report.js";

const MIGRATION: MigrationReport = {
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

function withMigration(): Report {
  const report = sampleReport();
  const compliant = report.domains.findIndex((d) => d.status === "compliant");
  const domains = report.domains.map((d, i) =>
    i === compliant ? { ...d, migration: MIGRATION } : d,
  );
  return { ...report, domains };
}

describe("a migrating domain in reports", () => {
  it("text: the phase, the moves and what holds the migration back", () => {
    const text = renderText(withMigration(), { color: false });
    expect(text).toContain("    migration switching: DNS host hover → route53 switching\n");
    expect(text).toContain(
      "      DNS host delegation not yet: 2 of 4 parent servers delegate to route53\n",
    );
    expect(text).toContain("      DNS host record-parity not checked: a|b <script>\n");
    expect(text).not.toContain("target-zone");
  });

  it("Markdown: listed with its phase even when compliant domains are left out, escaped", () => {
    const markdown = renderMarkdown(withMigration(), { maxRows: 500, includeCompliant: false });
    const line = markdown.split("\n").find((l) => l.includes("🚚"));
    expect(line).toContain(
      "✅ compliant<br>🚚 migration switching: DNS host hover → route53 switching",
    );
    expect(renderMarkdown(sampleReport(), { maxRows: 500, includeCompliant: false })).not.toContain(
      "🚚",
    );
  });
});
