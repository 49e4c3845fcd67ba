// The phase of a migrating domain in every format: text always, Markdown even where compliant
// domains are left out (the Action's pull-request comment), a GitHub notice at the domain's policy
// line, SARIF run properties; escaped like the rest.
import { describe, expect, it } from "vitest";
import { renderGithub, reportAnnotations } from "../../src/report/render/github.js";
import { renderMarkdown } from "../../src/report/render/markdown.js";
import { renderSarif } from "../../src/report/render/sarif.js";
import { renderText } from "../../src/report/render/text.js";
import { withMigration } from "../support/migration-report.js";
import { sampleReport } from "../support/sample-report.js";

describe("a migrating domain in reports", () => {
  it("text: the phase, the moves and what holds the migration back", () => {
    const text = renderText(withMigration().report, { color: false });
    expect(text).toContain("    migration switching: DNS host hover → route53 switching\n");
    expect(text).toContain(
      "      DNS host delegation not yet: 2 of 4 parent servers delegate to route53\n",
    );
    expect(text).toContain("      DNS host record-parity not checked: a|b <script>\n");
    expect(text).not.toContain("target-zone");
  });

  it("Markdown: listed with its phase even when compliant domains are left out, escaped", () => {
    const markdown = renderMarkdown(withMigration().report, {
      maxRows: 500,
      includeCompliant: false,
    });
    const line = markdown.split("\n").find((l) => l.includes("🚚"));
    expect(line).toContain(
      "✅ compliant<br>🚚 migration switching: DNS host hover → route53 switching",
    );
    expect(renderMarkdown(sampleReport(), { maxRows: 500, includeCompliant: false })).not.toContain(
      "🚚",
    );
  });

  it("GitHub: a notice at the domain's policy line with the phase, the blockers and what comes next, escaped", () => {
    const report = withMigration().report;
    const migrating = report.domains.find((d) => d.migration !== undefined);
    const notice = reportAnnotations(report).find((a) => a.title.startsWith("migration "));
    expect(notice).toEqual({
      level: "notice",
      title: `migration switching: ${migrating?.domain}`,
      message: [
        "migration switching: DNS host hover → route53 switching",
        "delegation fail: 2 of 4 parent servers delegate to route53",
        "record-parity not-checked: a|b <script>",
        "Next: The switch is under way.",
      ].join("\n"),
      file: migrating?.policy.file,
      line: migrating?.policy.line,
      column: migrating?.policy.column,
    });
    const command = renderGithub(report)
      .split("\n")
      .find((line) => line.includes("title=migration switching"));
    expect(command).toMatch(
      /^::notice file=[^\n]*::migration switching: [^\n]*%0ANext: The switch is under way\.$/,
    );
    expect(reportAnnotations(sampleReport()).some((a) => a.title.startsWith("migration "))).toBe(
      false,
    );
  });

  it("SARIF: the run's properties say where each migration stands; no result for a phase", () => {
    const report = withMigration().report;
    const migrating = report.domains.find((d) => d.migration !== undefined);
    const run = JSON.parse(renderSarif(report)).runs[0];
    expect(run.properties).toEqual({
      migrations: [
        { domain: migrating?.domain, phase: "switching", next: "The switch is under way." },
      ],
    });
    expect(JSON.parse(renderSarif(sampleReport())).runs[0].properties).toBeUndefined();
    expect(run.results.length).toBe(JSON.parse(renderSarif(sampleReport())).runs[0].results.length);
  });
});
