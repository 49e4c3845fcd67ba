// Golden-file tests for every output format. Regenerate after an intended change with
// `UPDATE_GOLDEN=1 npx vitest run test/report/render.test.ts` and review the diff.
import { readFileSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { Ajv2020 } from "ajv/dist/2020.js";
import AjvDraft04Module from "ajv-draft-04";
import addFormatsModule from "ajv-formats";
import { describe, expect, it } from "vitest";
import { compareWithBaseline } from "../../src/report/baseline.js";
import type { Finding, Report } from "../../src/report/model/model.js";
import { checkReport } from "../../src/report/model/report-schema.js";
import { reportAnnotations } from "../../src/report/render/github.js";
import { FORMATS, render } from "../../src/report/render/index.js";
import reportSchema from "../../src/schemas/report-v1.schema.json" with { type: "json" };
import { sampleReport } from "../support/sample-report.js";

// Both packages are CommonJS; their default exports arrive as module objects under NodeNext typing.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;
const AjvDraft04 = AjvDraft04Module as unknown as typeof AjvDraft04Module.default;
const GOLDEN = new URL("../../fixtures/report/golden/", import.meta.url);
const EXTENSION = {
  text: "txt",
  json: "json",
  markdown: "md",
  sarif: "sarif.json",
  github: "github.txt",
  openmetrics: "openmetrics.txt",
} as const;
// The HTML page's golden is its data (test/report/render/html/page.test.ts); its markup and script
// are tested in a browser (test/report/render/html/browser.test.ts).
const GOLDEN_FORMATS = FORMATS.filter((format) => format !== "html");

async function golden(name: string, actual: string): Promise<void> {
  const file = new URL(name, GOLDEN);
  if (process.env.UPDATE_GOLDEN) {
    await mkdir(GOLDEN, { recursive: true });
    await writeFile(file, actual);
  }
  expect(actual).toBe(await readFile(file, "utf8"));
}

describe("renderers (golden files)", () => {
  const report = sampleReport();

  it.each(GOLDEN_FORMATS)("%s", async (format) => {
    await golden(`sample.${EXTENSION[format]}`, render(report, format, { color: false }));
  });

  it("text with colour on a terminal differs only by escape codes", () => {
    const colored = render(report, "text", { color: true });
    expect(colored).toContain("\u001b[");
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping ANSI colour codes.
    expect(colored.replace(/\u001b\[[0-9;]*m/g, "")).toBe(render(report, "text", { color: false }));
  });
});

describe("JSON report", () => {
  it("validates against the shipped schema, and round-trips through checkReport", () => {
    const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
    addFormats(ajv, ["date", "date-time"]);
    const validate = ajv.compile(reportSchema);
    const json = JSON.parse(render(report(), "json", { color: false }));
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    expect(checkReport(json, "sample").ok).toBe(true);
  });

  it("refuses other schema versions and foreign JSON with a clear message", () => {
    const json = JSON.parse(render(report(), "json", { color: false }));
    expect(checkReport({ ...json, schemaVersion: "2.0" }, "old.json")).toEqual({
      ok: false,
      message:
        "old.json: report schema version 2.0 is not supported (this is domain-drift with schema 1.0)",
    });
    const foreign = checkReport({ hello: "world" }, "x.json");
    expect(foreign.ok).toBe(false);
    expect(!foreign.ok && foreign.message).toMatch(/^x\.json: not a domain-drift report/);
  });

  function report() {
    return sampleReport();
  }
});

describe("SARIF", () => {
  it("validates against the official SARIF 2.1.0 schema (vendored)", () => {
    const schema = JSON.parse(
      readFileSync(
        new URL("../../src/schemas/vendor/sarif-schema-2.1.0.json", import.meta.url),
        "utf8",
      ),
    );
    const ajv = new AjvDraft04({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const baselined = compareWithBaseline(sampleReport(), sampleReport());
    for (const report of [sampleReport(), baselined]) {
      const sarif = JSON.parse(render(report, "sarif", { color: false }));
      expect(validate(sarif), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    }
  });

  it("puts each result at its policy line, with a stable fingerprint, levels from severities", () => {
    const sarif = JSON.parse(render(sampleReport(), "sarif", { color: false }));
    type Result = {
      ruleId: string;
      level: string;
      partialFingerprints: Record<string, string>;
      locations: { physicalLocation: unknown }[];
      suppressions?: { kind: string }[];
    };
    const results = sarif.runs[0].results as Result[];
    const dangling = results.find((r) => r.ruleId === "dangling-delegation");
    expect(dangling?.level).toBe("error");
    expect(dangling?.locations[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: "policies/brands.yaml", uriBaseId: "%SRCROOT%" },
      region: { startLine: 8, startColumn: 3 },
    });
    expect(dangling?.partialFingerprints["domainDrift/v1"]).toMatch(/^[0-9a-f]{32}$/);
    const again = JSON.parse(render(sampleReport(), "sarif", { color: false }));
    expect((again.runs[0].results as Result[]).map((r) => r.partialFingerprints)).toEqual(
      results.map((r) => r.partialFingerprints),
    );
    expect(
      results.find((r) => r.ruleId === "transfer-lock-disabled")?.suppressions?.[0]?.kind,
    ).toBe("external");
  });
});

describe("levels follow each finding's own severity, not its rule's default", () => {
  // lame-delegation is medium by default and high when no server answers: the finding says which.
  function withRaisedLameDelegation(): Report {
    const report = sampleReport();
    const raise = (f: Finding): Finding =>
      f.rule === "lame-delegation" ? { ...f, severity: "high" } : f;
    return {
      ...report,
      domains: report.domains.map((d) => ({ ...d, findings: d.findings.map(raise) })),
    };
  }

  it("SARIF: the result is an error while the rule's default stays a warning", () => {
    const sarif = JSON.parse(render(withRaisedLameDelegation(), "sarif", { color: false }));
    const run = sarif.runs[0];
    const result = run.results.find((r: { ruleId: string }) => r.ruleId === "lame-delegation");
    expect([result.level, result.properties.severity]).toEqual(["error", "high"]);
    expect(run.tool.driver.rules[result.ruleIndex].defaultConfiguration.level).toBe("warning");
  });

  it("GitHub: the annotation is an error", () => {
    const annotation = reportAnnotations(withRaisedLameDelegation()).find((a) =>
      a.title.startsWith("lame-delegation"),
    );
    expect([annotation?.level, annotation?.title]).toEqual([
      "error",
      "lame-delegation (high): legacy.example",
    ]);
  });
});

describe("escaping", () => {
  it("Markdown: hostile observed text cannot open HTML, mention people or break the table", () => {
    const md = render(sampleReport(), "markdown", { color: false });
    expect(md).not.toContain("<script>");
    expect(md).toContain("&lt;script&gt;");
    expect(md).not.toMatch(/@admins/);
    for (const line of md.split("\n").filter((l) => l.startsWith("| `"))) {
      // every row keeps exactly 7 unescaped pipes (6 cells)
      expect(line.replace(/\\\|/g, "").split("|").length - 1).toBe(7);
    }
  });

  it("GitHub annotations escape %, newlines, and : , in properties", () => {
    const lines = render(sampleReport(), "github", { color: false }).trim().split("\n");
    for (const line of lines) expect(line).toMatch(/^::(error|warning|notice) [^\n]*::[^\n]*$/);
    const annotations = reportAnnotations(sampleReport());
    expect(annotations.length).toBeGreaterThan(0);
    expect(lines.join("\n")).toContain("title=dangling-delegation (critical)%3A recreated.example");
    expect(lines.join("\n")).toContain("%0AFix%3A".replace("%3A", ":"));
  });

  it("caps annotations per level and says how many were left to the summary", () => {
    const capped = reportAnnotations(sampleReport(), 1);
    const last = capped.at(-1);
    expect(capped.filter((a) => a.level === "error").length).toBe(1);
    expect(last?.message).toMatch(/more finding\(s\) are not annotated/);
  });
});
