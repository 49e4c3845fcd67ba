// `domain-drift check` end to end: the built binary, run as a user runs it, against the whole
// fleet — a compliant domain of each architecture and one domain per rule that drifts — served by
// real DNS servers, the lab RDAP registry and the AWS emulators.
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import AjvDraft04Module from "ajv-draft-04";
import addFormatsModule from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Report, Severity } from "../../src/report/model/model.js";
import { BROWSER_MISSING, launchBrowser, openPage } from "../support/browser.js";
import type { CliRun } from "../support/cli.js";
import { OPENMETRICS_PARSER_MISSING, parseOpenMetrics } from "../support/openmetrics-parser.js";
import { noteSkipped } from "../support/skipped.js";
import {
  CLI_TEST_TIMEOUT_MS,
  DNS_LABEL,
  type E2eWorld,
  type Expected,
  parseReport,
  readExpected,
  schemaErrors,
  startE2eWorld,
  verdicts,
} from "./harness.js";

const AjvDraft04 = AjvDraft04Module as unknown as typeof AjvDraft04Module.default;
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

noteSkipped("e2e: check --format openmetrics read by a real parser", OPENMETRICS_PARSER_MISSING);
noteSkipped("e2e: check --format html in Chromium", BROWSER_MISSING);

const FORMATS = ["text", "json", "markdown", "sarif", "github", "html", "openmetrics"] as const;
type Format = (typeof FORMATS)[number];

describe(`check end to end (${DNS_LABEL})`, () => {
  let world: E2eWorld;
  let expected: Expected;
  let run: CliRun;
  let report: Report;
  const outputs = {} as Record<Format, string>;

  beforeAll(async () => {
    [world, expected] = await Promise.all([startE2eWorld(), readExpected()]);
    const formatArgs = FORMATS.flatMap((format) => [
      "--format",
      format,
      "--output",
      `out/report.${format}`,
    ]);
    run = await world.check(["--inventory", ...formatArgs]);
    for (const format of FORMATS) {
      outputs[format] = await readFile(join(world.dir, "out", `report.${format}`), "utf8");
    }
    report = JSON.parse(outputs.json) as Report;
  }, 240_000);

  afterAll(async () => {
    await world?.close();
  });

  it("exits 1 for drift, writes every format to its file and nothing to stdout", () => {
    expect(run.stderr).not.toMatch(/internal error|Error:|at .*\.js:\d+/);
    expect(run.exitCode, run.stderr).toBe(1);
    expect(run.stdout).toBe("");
    for (const format of FORMATS) expect(outputs[format].length, format).toBeGreaterThan(0);
  });

  it("json: validates against the shipped report schema", () => {
    expect(schemaErrors(JSON.parse(outputs.json))).toBeUndefined();
    expect(report.schemaVersion).toBe("1.0");
  });

  it("reports exactly the expected status and rule ids for every domain", () => {
    const want = Object.fromEntries(
      Object.entries(expected.domains).map(([domain, e]) => [
        domain,
        {
          status: e.status,
          rules: [...e.rules].sort(),
          suppressed: [...(e.suppressed ?? [])].sort(),
        },
      ]),
    );
    expect(verdicts(report)).toEqual(want);
  });

  it("points every domain at the line of its key in its policy file", async () => {
    for (const domain of report.domains) {
      const text = await readFile(join(world.dir, domain.policy.file), "utf8");
      const line = text.split("\n").findIndex((l) => l.startsWith(`  ${domain.domain}:`)) + 1;
      expect(domain.policy.line, domain.domain).toBe(line);
    }
  });

  it("reports the intended and observed architecture of the compliant domains", () => {
    for (const [name, e] of Object.entries(expected.domains)) {
      if (e.architecture === undefined) continue;
      const domain = report.domains.find((d) => d.domain === name);
      expect(domain?.intended.architecture, name).toBe(e.architecture);
      expect(domain?.observed.architecture, name).toBe(e.architecture);
    }
  });

  it("reports the unmanaged domain and hosted zone of the account (--inventory)", () => {
    const accounts = Object.fromEntries(
      report.accounts.map((a) => [a.account, a.findings.map((f) => f.rule).sort()]),
    );
    expect(accounts).toEqual(expected.accounts);
    const observed = report.accounts.flatMap((a) => a.findings.map((f) => f.observed));
    expect(observed).toContain("forgotten.com");
    expect(observed.some((o) => String(o).startsWith("old-campaign.com ("))).toBe(true);
  });

  it("keeps a waived finding visible as suppressed, and reports the expired waiver", () => {
    const waived = report.domains.find((d) => d.domain === "waived-lock.net");
    const [finding] = waived?.findings ?? [];
    expect(finding?.suppressed).toMatchObject({
      expires: "2099-12-31",
      reason: "The registry offers no transfer lock for this domain",
    });
    expect(report.summary.suppressed).toBe(1);
    expect(outputs.text).toContain("transfer-lock-disabled [suppressed until 2099-12-31]");
    expect(outputs.markdown).toContain("`transfer-lock-disabled` _(suppressed)_");
    expect(outputs.github).not.toContain("waived-lock.net");
    const expired = report.domains
      .find((d) => d.domain === "old-waiver.com")
      ?.findings.find((f) => f.rule === "waiver-expired");
    expect(expired?.observed).toBe("2020-01-31");
    expect(expired?.location?.file).toBe("policies/route53.yaml");
  });

  it("counts the summary from the domains", () => {
    const count = (status: string) => report.domains.filter((d) => d.status === status).length;
    expect(report.summary).toMatchObject({
      domains: Object.keys(expected.domains).length,
      compliant: count("compliant"),
      drift: count("drift"),
      unknown: 0,
    });
    expect(report.stats.dnsQueries).toBeGreaterThan(0);
    expect(report.stats.rdapRequests).toBeGreaterThan(0);
  });

  it("text: one line per domain with its status, and the summary line", () => {
    for (const domain of report.domains) {
      const label = { compliant: "✓ compliant", drift: "✗ drift    ", unknown: "? unknown  " }[
        domain.status
      ];
      expect(outputs.text).toContain(
        `${label} ${domain.domain}  ${domain.policy.file}:${domain.policy.line}`,
      );
    }
    const s = report.summary;
    expect(outputs.text).toContain(
      `${s.domains} domains: ${s.compliant} compliant, ${s.drift} drift, ${s.unknown} unknown;`,
    );
    expect(outputs.text).not.toContain("\u001b[");
  });

  it("markdown: a table row per domain with its status and rule ids", () => {
    const icon = { compliant: "✅ compliant", drift: "❌ drift", unknown: "❔ unknown" };
    for (const domain of report.domains) {
      const row = outputs.markdown
        .split("\n")
        .find((line) => line.startsWith(`| \`${domain.domain}\` |`));
      expect(row, domain.domain).toBeDefined();
      expect(row).toContain(`| ${icon[domain.status]} |`);
      for (const finding of domain.findings) expect(row).toContain(`\`${finding.rule}\``);
    }
  });

  it("sarif: valid SARIF 2.1.0, one result per finding at the policy line of its domain", () => {
    const sarif = JSON.parse(outputs.sarif);
    const schema = JSON.parse(
      readFileSync(
        new URL("../../src/schemas/vendor/sarif-schema-2.1.0.json", import.meta.url),
        "utf8",
      ),
    );
    const ajv = new AjvDraft04({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    expect(validate(sarif), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);

    type Result = {
      ruleId: string;
      properties: { domain?: string };
      suppressions?: unknown[];
      locations?: {
        physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } };
      }[];
    };
    const results: Result[] = sarif.runs[0].results;
    const fromJson = report.domains.flatMap((d) => d.findings.map((f) => `${d.domain} ${f.rule}`));
    const domainResults = results.filter((r) => r.properties.domain !== undefined);
    expect(domainResults.map((r) => `${r.properties.domain} ${r.ruleId}`).sort()).toEqual(
      fromJson.sort(),
    );
    expect(results.length - domainResults.length).toBe(
      report.accounts.reduce((n, a) => n + a.findings.length, 0),
    );
    for (const result of domainResults) {
      const domain = report.domains.find((d) => d.domain === result.properties.domain);
      const finding = domain?.findings.find((f) => f.rule === result.ruleId);
      const location = result.locations?.[0]?.physicalLocation;
      expect(location?.artifactLocation.uri).toBe(finding?.location?.file);
      expect(location?.region.startLine).toBe(finding?.location?.line);
      expect(result.suppressions !== undefined).toBe(finding?.suppressed !== undefined);
    }
  });

  it("github: one annotation per unsuppressed finding, at the level of its severity", () => {
    const level: Record<Severity, string> = {
      critical: "error",
      high: "error",
      medium: "warning",
      low: "notice",
      info: "notice",
    };
    const findings = [
      ...report.domains.flatMap((d) => d.findings.map((f) => ({ f, domain: d.domain }))),
      ...report.accounts.flatMap((a) => a.findings.map((f) => ({ f, domain: undefined }))),
    ].filter(({ f }) => !f.suppressed);
    const lines = outputs.github.trimEnd().split("\n");
    // The fleet stays within GitHub's 10 annotations per level, so none is dropped.
    expect(lines).toHaveLength(findings.length);
    for (const { f, domain } of findings) {
      const title = `title=${f.rule} (${f.severity})${domain ? `%3A ${domain}` : ""}`;
      const line = lines.find((l) => l.includes(title));
      expect(line, title).toBeDefined();
      expect(line?.startsWith(`::${level[f.severity]} `)).toBe(true);
    }
  });

  it.concurrent(
    "--fail-on critical still fails on the critical findings (exit 1)",
    async ({ expect }) => {
      const result = await world.check(["--fail-on", "critical", "--format", "json"]);
      expect(result.exitCode, result.stderr).toBe(1);
      expect(parseReport(result.stdout).failOn).toBe("critical");
    },
    CLI_TEST_TIMEOUT_MS,
  );

  it.concurrent(
    "--fail-on critical passes drift below it (exit 0); --fail-on medium fails it (exit 1)",
    async ({ expect }) => {
      const only = ["--only", "expiring.com", "half-lame.net"];
      const [critical, medium] = await Promise.all([
        world.check(["--fail-on", "critical", "--format", "json", ...only]),
        world.check(["--fail-on", "medium", "--format", "json", ...only]),
      ]);
      expect(critical.exitCode, critical.stderr).toBe(0);
      const statuses = verdicts(parseReport(critical.stdout));
      expect(statuses).toEqual({
        "expiring.com": { status: "drift", rules: ["expiry-soon"], suppressed: [] },
        "half-lame.net": { status: "drift", rules: ["lame-delegation"], suppressed: [] },
      });
      expect(medium.exitCode, medium.stderr).toBe(1);
    },
    CLI_TEST_TIMEOUT_MS,
  );

  it.skipIf(OPENMETRICS_PARSER_MISSING !== undefined)(
    "openmetrics: parses as OpenMetrics, with each domain's status",
    () => {
      const families = parseOpenMetrics(outputs.openmetrics);
      const status = families.find((f) => f.name === "domain_drift_domain_status")?.samples ?? [];
      const drifting = status.filter((s) => s.labels.status === "drift" && s.value === 1);
      expect(drifting.map((s) => s.labels.domain).sort()).toEqual(
        report.domains
          .filter((d) => d.status === "drift")
          .map((d) => d.domain)
          .sort(),
      );
    },
  );

  it.skipIf(BROWSER_MISSING !== undefined)(
    "html: opens offline in Chromium with every domain, and marks the broken links of drift",
    async () => {
      const browser = await launchBrowser();
      try {
        const url = pathToFileURL(join(world.dir, "out", "report.html")).href;
        const { page, requests, violations, errors } = await openPage(browser, url);
        await page.selectOption("#page-size", "200");
        const rows = await page.$$eval("#domain-table tbody tr[data-domain]", (trs) =>
          trs.map((tr) => tr.getAttribute("data-domain")),
        );
        expect(rows.sort()).toEqual(report.domains.map((d) => d.domain).sort());
        const chainRules = [
          "dangling-delegation",
          "lame-delegation",
          "registrar-mismatch",
          "dns-host-mismatch",
          "nameservers-mismatch",
        ];
        for (const domain of report.domains) {
          const drawn = domain.findings.some((f) => !f.suppressed && chainRules.includes(f.rule));
          if (domain.status !== "compliant" && !drawn) continue;
          await page.evaluate(`location.hash = ${JSON.stringify(`#domain=${domain.domain}`)}`);
          await page.waitForFunction(
            `document.querySelector("dialog[open] #detail-title")?.textContent === ${JSON.stringify(domain.unicode)}`,
          );
          const broken = await page.$$eval("dialog svg.chain .broken", (found) => found.length);
          if (drawn) expect(broken, domain.domain).toBeGreaterThan(0);
          else expect(broken, domain.domain).toBe(0);
        }
        expect(requests.slice(1)).toEqual([]);
        expect(await violations()).toEqual([]);
        expect(errors).toEqual([]);
      } finally {
        await browser.close();
      }
    },
    CLI_TEST_TIMEOUT_MS,
  );

  it.concurrent(
    "--only selects domains by name and glob; the text report goes to stdout (exit 0)",
    async ({ expect }) => {
      const result = await world.check(["--only", "*-ok.com", "external-ok.org"]);
      expect(result.exitCode, result.stderr).toBe(0);
      const lines = result.stdout.trimEnd().split("\n");
      expect(
        lines
          .filter((l) => l.startsWith("✓ compliant"))
          .map((l) => l.split(/\s+/)[2])
          .sort(),
      ).toEqual(["external-ok.org", "regonly-ok.com", "trad-ok.com"]);
      expect(lines.at(-1)).toBe(
        "3 domains: 3 compliant, 0 drift, 0 unknown; no findings (fail on high)",
      );
    },
    CLI_TEST_TIMEOUT_MS,
  );
});
