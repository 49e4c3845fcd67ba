// The OpenMetrics exposition read back by a real parser of the format (test/support/
// openmetrics-parser.ts). The Grafana dashboard in docs/ must use exactly the metric names the
// exposition has.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Report } from "../../../src/report/model/model.js";
import { metricFamilies, renderOpenMetrics } from "../../../src/report/render/openmetrics.js";
import { plainLine } from "../../../src/text/sanitize.js";
import { HOSTILE, hostileReport } from "../../support/hostile-report.js";
import {
  OPENMETRICS_PARSER_MISSING as MISSING,
  type ParsedFamily,
  parseOpenMetrics as parse,
} from "../../support/openmetrics-parser.js";
import { repoPath } from "../../support/repo.js";
import { sampleReport } from "../../support/sample-report.js";
import { noteSkipped } from "../../support/skipped.js";

noteSkipped("OpenMetrics, read by a real parser", MISSING);

const family = (families: ParsedFamily[], name: string) => {
  const found = families.find((f) => f.name === name);
  if (found === undefined) throw new Error(`no family ${name}`);
  return found;
};

describe.skipIf(MISSING !== undefined)(
  `OpenMetrics, read by a real parser${MISSING ? ` (skipped: ${MISSING})` : ""}`,
  () => {
    it("parses, every family a gauge with its own samples, ending in # EOF", () => {
      const report = sampleReport();
      const text = renderOpenMetrics(report);
      expect(text.endsWith("\n# EOF\n")).toBe(true);
      const families = parse(text);
      // A sample outside its family would come back as a family of type "unknown".
      expect(families.map((f) => f.type).every((t) => t === "gauge")).toBe(true);
      expect(families.map((f) => f.name)).toEqual(
        metricFamilies(report).map((f) => `domain_drift_${f.name}`),
      );
      const seconds = families.filter((f) => f.unit === "seconds").map((f) => f.name);
      expect(seconds).toEqual([
        "domain_drift_scan_timestamp_seconds",
        "domain_drift_scan_duration_seconds",
        "domain_drift_domain_expiry_timestamp_seconds",
      ]);
    });

    it("gives each domain one status of three, the counts, findings and expiry", () => {
      const report = sampleReport();
      const families = parse(renderOpenMetrics(report));
      const status = family(families, "domain_drift_domain_status").samples;
      expect(status).toHaveLength(3 * report.domains.length);
      for (const d of report.domains) {
        const mine = status.filter((s) => s.labels.domain === d.domain);
        expect(mine.filter((s) => s.value === 1).map((s) => s.labels.status)).toEqual([d.status]);
      }
      expect(
        Object.fromEntries(
          family(families, "domain_drift_domains").samples.map((s) => [s.labels.status, s.value]),
        ),
      ).toEqual({ compliant: 2, drift: 2, unknown: 1 });
      const findings = family(families, "domain_drift_findings").samples;
      expect(findings.find((s) => s.labels.rule === "dangling-delegation")).toMatchObject({
        labels: { severity: "critical" },
        value: 1,
      });
      expect(findings.reduce((n, s) => n + s.value, 0)).toBe(6);
      expect(family(families, "domain_drift_scan_duration_seconds").samples[0]?.value).toBe(3.5);
      expect(family(families, "domain_drift_scan_dns_queries").samples[0]?.value).toBe(42);
      const expiry = family(families, "domain_drift_domain_expiry_timestamp_seconds").samples;
      expect(expiry.find((s) => s.labels.domain === "example.com")?.value).toBe(
        Date.parse("2027-06-01T00:00:00Z") / 1000,
      );
      const rdap = family(families, "domain_drift_source_domains").samples.filter(
        (s) => s.labels.source === "rdap",
      );
      expect(rdap.map((s) => [s.labels.status, s.value])).toEqual([
        ["ok", 4],
        ["unavailable", 1],
        ["skipped", 0],
      ]);
    });

    it("escapes label values: quotes and backslashes come back intact, line breaks and bidi controls neutralised", () => {
      const base = hostileReport();
      const [first, ...rest] = base.domains;
      const registrar = first?.observed.registrar;
      if (first === undefined || registrar === undefined) throw new Error("sample changed");
      const nasty = `back\\slash "quoted"\nsecond line ${HOSTILE}`;
      const report: Report = {
        ...base,
        domains: [
          {
            ...first,
            observed: { ...first.observed, registrar: { ...registrar, ids: [], name: nasty } },
          },
          ...rest,
        ],
      };
      const families = parse(renderOpenMetrics(report));
      const info = family(families, "domain_drift_domain_info").samples;
      const mine = info.find((s) => s.labels.domain === plainLine(first.domain));
      expect(mine?.labels.registrar).toBe(plainLine(nasty));
      expect(info.every((s) => !/[\n\u202E]/.test(Object.values(s.labels).join("")))).toBe(true);
    });
  },
);

describe("Grafana dashboard (docs/grafana-dashboard.json)", () => {
  const dashboard = JSON.parse(
    readFileSync(repoPath("docs", "grafana-dashboard.json"), "utf8"),
  ) as { panels: { title: string; targets: { expr: string }[] }[] };
  const used = new Set(
    dashboard.panels.flatMap((p) =>
      p.targets.flatMap((t) => t.expr.match(/domain_drift_\w+/g) ?? []),
    ),
  );
  // Called in each test, not while the file loads (mutation testing credits load-time code to no test).
  const exposed = () => metricFamilies(sampleReport()).map((f) => `domain_drift_${f.name}`);

  it("queries only metrics the exposition has, and charts every one of them", () => {
    expect([...used].sort()).toEqual(exposed().sort());
  });

  it("is documented: docs/reports.md names every metric", () => {
    const doc = readFileSync(repoPath("docs", "reports.md"), "utf8");
    for (const name of exposed()) expect(doc, name).toContain(`\`${name}\``);
  });
});
