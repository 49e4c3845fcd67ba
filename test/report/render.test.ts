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
const FIRST_LINE = { file: "policies/brands.yaml", line: 1, column: 1 };
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
  it.each(GOLDEN_FORMATS)("%s", async (format) => {
    await golden(`sample.${EXTENSION[format]}`, render(sampleReport(), format, { color: false }));
  });

  it("text with colour on a terminal differs only by escape codes", () => {
    const report = sampleReport();
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

/** The sample report with its account finding changed by `change`. */
function withAccountFinding(change: (finding: Finding) => Finding): Report {
  const report = sampleReport();
  return {
    ...report,
    accounts: report.accounts.map((a) => ({ ...a, findings: a.findings.map(change) })),
  };
}

describe("SARIF results beyond the sample", () => {
  const results = (report: Report) =>
    JSON.parse(render(report, "sarif", { color: false })).runs[0].results as {
      ruleId: string;
      ruleIndex: number;
      level: string;
      baselineState?: string;
    }[];

  it("an info finding is a note", () => {
    const info = withAccountFinding((f) => ({ ...f, severity: "info" }));
    expect(results(info).find((r) => r.ruleId === "unmanaged-domain")?.level).toBe("note");
  });

  it("marks each result new or unchanged against a baseline", () => {
    const before = sampleReport();
    const dropped = before.domains.map((d) =>
      d.domain === "legacy.example" ? { ...d, findings: [] } : d,
    );
    const after = compareWithBaseline(sampleReport(), { ...before, domains: dropped });
    const states = results(after).map((r) => [r.ruleId, r.baselineState]);
    expect(states).toContainEqual(["lame-delegation", "new"]);
    expect(states).toContainEqual(["dangling-delegation", "unchanged"]);
  });

  it("gives a rule this version does not know (from a newer version's report) rule index -1", () => {
    const future = (f: Finding): Finding => ({ ...f, rule: "rule-of-the-future" });
    const report = withAccountFinding(future);
    const unknown = {
      ...report,
      domains: report.domains.map((d) => ({ ...d, findings: d.findings.map(future) })),
    };
    const indexes = results(unknown).map((r) => [r.ruleId, r.ruleIndex]);
    expect(indexes.length).toBeGreaterThan(1);
    expect(new Set(indexes.map(String))).toEqual(new Set(["rule-of-the-future,-1"]));
  });

  it("names the shard in the automation id, so code scanning keeps shards apart", () => {
    const shard = { ...sampleReport(), shard: { index: 2, count: 4 } };
    const sarif = JSON.parse(render(shard, "sarif", { color: false }));
    expect(sarif.runs[0].automationDetails.id).toBe("domain-drift/shard-2-of-4/");
  });
});

describe("GitHub annotations beyond the sample", () => {
  it("an info finding is a notice, annotated after the more severe ones", () => {
    const info = withAccountFinding((f) => ({ ...f, severity: "info" }));
    const annotations = reportAnnotations(info);
    expect(annotations.at(-1)).toMatchObject({
      level: "notice",
      title: "unmanaged-domain (info)",
    });
  });

  it("a finding without a location is annotated without file, line or column", () => {
    const nowhere = withAccountFinding((f) => ({ ...f, location: undefined }));
    const command = render(nowhere, "github", { color: false })
      .split("\n")
      .find((line) => line.includes("unmanaged-domain"));
    expect(command).toMatch(/^::notice title=unmanaged-domain \(low\)::forgotten\.example /);
  });

  it("leaves suppressed findings out, domain and account alike", () => {
    const suppressed = withAccountFinding((f) => ({
      ...f,
      suppressed: { reason: "known", expires: "2099-01-01", waiver: f.location ?? FIRST_LINE },
    }));
    const rules = reportAnnotations(suppressed).map((a) => a.title.split(" ")[0]);
    expect(rules).not.toContain("unmanaged-domain");
    expect(rules).not.toContain("transfer-lock-disabled");
  });

  it("escapes %, CR and LF in messages, and also : and , in properties", () => {
    const hostile = withAccountFinding((f) => ({
      ...f,
      message: "100% sure,\nreally: yes",
      location: { file: "policies/a,b:c%.yaml", line: 1, column: 1 },
    }));
    const command = render(hostile, "github", { color: false })
      .split("\n")
      .find((line) => line.includes("unmanaged-domain"));
    expect(command).toContain("file=policies/a%2Cb%3Ac%25.yaml,");
    expect(command).toContain("::100%25 sure,%0Areally: yes%0AFix: ");
  });

  it("ends with a notice saying how many were left out", () => {
    const capped = reportAnnotations(sampleReport(), 1);
    expect(capped.at(-1)).toEqual({
      level: "notice",
      title: "domain-drift",
      message:
        "3 more annotation(s) are not shown (GitHub shows 1 per level); see the job summary or the JSON report.",
      file: undefined,
      line: undefined,
      column: undefined,
    });
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
    expect(last?.message).toMatch(/more annotation\(s\) are not shown/);
  });
});
