// The JSON report is written in pieces (one per domain) so that a large scan is never one string;
// the pieces must add up to exactly what JSON.stringify gives, whatever the report holds.
import { beforeEach, describe, expect, it } from "vitest";
import type { Report } from "../../src/report/model/model.js";
import { renderJson, renderJsonChunks } from "../../src/report/render/json.js";
import { escapedJson } from "../../src/text/sanitize.js";
import { sampleReport } from "../support/sample-report.js";

const stringify = (report: unknown): string => `${JSON.stringify(report, null, 2)}\n`;

describe("the JSON report in pieces", () => {
  // Built in each test, not when the file loads: mutation testing credits a test only with the
  // code run inside it (docs/mutation-testing.md).
  let sample: Report;
  beforeEach(() => {
    sample = sampleReport();
  });

  it("adds up to JSON.stringify(report, null, 2), one piece per domain at least", () => {
    const chunks = [...renderJsonChunks(sample)];
    expect(chunks.join("")).toBe(stringify(sample));
    expect(renderJson(sample)).toBe(stringify(sample));
    const domainChunks = chunks.filter((chunk) => chunk.includes('"domain": '));
    expect(domainChunks.length).toBeGreaterThanOrEqual(sample.domains.length);
    expect(domainChunks.every((chunk) => chunk.split('"unicode": ').length === 2)).toBe(true);
  });

  it("leaves out undefined fields and writes empty arrays and objects as JSON.stringify does", () => {
    const variants: unknown[] = [
      { ...sample, domains: [], accounts: [] },
      { ...sample, shard: { index: 1, count: 4 }, baseline: undefined },
      { ...sample, stats: {}, summary: { ...sample.summary, byRule: {} } },
      { schemaVersion: "1.0", extra: undefined, list: [undefined, 1, { a: undefined }] },
      { only: undefined },
      {},
    ];
    for (const report of variants) {
      expect([...renderJsonChunks(report as Report)].join("")).toBe(stringify(report));
    }
  });

  it("keeps strings that look like structure intact", () => {
    const tricky = {
      ...sample,
      domains: sample.domains.map((d) => ({
        ...d,
        unicode: 'a\n  "b": [\n]\u2028\u00e9\u{1f600}',
      })),
    };
    // The same text, but U+2028 written as an escape: the same data, harmless when printed.
    const text = [...renderJsonChunks(tricky)].join("");
    expect(text).toBe(escapedJson(stringify(tricky)));
    expect(text).toContain("\\u2028");
    expect(JSON.parse(text)).toEqual(JSON.parse(stringify(tricky)));
  });
});
