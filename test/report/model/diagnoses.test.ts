// One diagnosis, not a wall of repeats (issue 11): a host without network and without AWS
// credentials checks 14 domains. Every source fails the same way for all of them; the report says
// each failure once, at the top, with its fix, and each domain's lines point at it.
import { readFile, writeFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import type { Observers } from "../../../src/observe/observers.js";
import { generalReason } from "../../../src/report/model/diagnoses.js";
import { checkReport } from "../../../src/report/model/report-schema.js";
import { renderJson } from "../../../src/report/render/json.js";
import { renderMarkdown } from "../../../src/report/render/markdown.js";
import { renderText } from "../../../src/report/render/text.js";
import { checkWith, intent, route53Answering } from "../../support/observations.js";
import { catalog } from "../../support/rules.js";

const GOLDEN = new URL("../../../fixtures/report/golden/no-network.txt", import.meta.url);
const NAMES = Array.from({ length: 14 }, (_, i) => `brand-${String(i + 1).padStart(2, "0")}.com`);
const NO_CREDENTIALS = "no AWS credentials: Could not load credentials from any providers";

// What the observers report on a host whose packets go nowhere.
const noCredentials = {
  kind: "unavailable",
  account: "default",
  reason: NO_CREDENTIALS,
  deniedAction: undefined,
} as const;

const offline: Observers = {
  delegation: {
    walk: async (name) => ({
      kind: "failed",
      domain: name,
      zone: ".",
      reason: "no root server answered (13 servers, 26 addresses: network unreachable)",
      path: [],
      stats: { queries: 26, durationMs: 3000 },
    }),
  },
  rdap: {
    kind: "enabled",
    source: {
      lookup: async (name) => ({
        kind: "unavailable",
        domain: name,
        reason: `connection to https://rdap.verisign.com/com/v1/domain/${name} failed: connect ENETUNREACH (after 3 attempts)`,
        url: `https://rdap.verisign.com/com/v1/domain/${name}`,
      }),
    },
  },
  providers: route53Answering({
    registration: async () => noCredentials,
    zones: async () => noCredentials,
    apexNameservers: async () => noCredentials,
    zoneDnssec: async () => noCredentials,
  }),
};

async function offlineReport() {
  return checkWith(
    {
      files: ["policies/brands.yaml"],
      domains: NAMES.map((name, i) =>
        intent({
          name,
          unicode: name,
          position: { file: "policies/brands.yaml", line: 5 + i, column: 3 },
          hygiene: { expiryMinDays: 30, transferLock: "required", autoRenew: "required" },
        }),
      ),
      accounts: new Map(),
      waivers: [],
      catalog,
    },
    offline,
  );
}

describe("one diagnosis per shared failure", () => {
  it("says each failure once with its fix, and keeps each domain to a line or two (golden)", async () => {
    const report = await offlineReport();
    const text = renderText(report, { color: false });
    if (process.env.UPDATE_GOLDEN) await writeFile(GOLDEN, text);
    expect(text).toBe(await readFile(GOLDEN, "utf8"));
    // Two lines a domain; six for the diagnoses, two blank lines, the summary and the final newline.
    expect(text.split("\n")).toHaveLength(NAMES.length * 2 + 10);
  });

  it("carries the diagnoses in the report model, with the fixes", async () => {
    const report = await offlineReport();
    expect(report.diagnoses).toEqual([
      {
        sources: ["delegation"],
        reason: "no root server answered (13 servers, 26 addresses: network unreachable)",
        fix: "check network access to the root servers (UDP and TCP port 53) or pass --root-hints",
        domains: 14,
      },
      {
        sources: ["rdap"],
        reason:
          "connection to https://rdap.verisign.com/com/v1/domain/<domain> failed: connect ENETUNREACH (after 3 attempts)",
        fix: "check network access to the registry's RDAP (HTTPS) or WHOIS (TCP port 43) server",
        domains: 14,
      },
      {
        sources: ["route53Domains", "route53"],
        reason: NO_CREDENTIALS,
        fix: "configure AWS credentials or pass --no-aws",
        domains: 14,
      },
    ]);
    // The JSON report, diagnoses and marks included, matches the shipped schema.
    expect(checkReport(JSON.parse(renderJson(report)), "report.json")).toMatchObject({ ok: true });
    const notChecked = report.domains.flatMap((d) =>
      d.checks.filter((c) => c.status === "not-checked"),
    );
    expect(notChecked.every((c) => c.diagnosis !== undefined)).toBe(true);
  });

  it("points the Markdown rows (and so the Action summary) at the diagnoses", async () => {
    const markdown = renderMarkdown(await offlineReport());
    expect(markdown).toContain(
      "> **\\[3\\] Route 53 Domains and Route 53 failed for 14 domains: no AWS credentials: Could not load credentials from any providers**",
    );
    expect(
      markdown.split("not checked \\(18 checks\\): see \\[1\\], \\[2\\], \\[3\\]"),
    ).toHaveLength(15);
    expect(markdown).not.toContain("ENETUNREACH (after 3 attempts)<br>");
  });

  it("compares failures without the domains' own names", () => {
    expect(
      generalReason(
        "https://rdap.example/domain/shop.example.net failed for example.net",
        "shop.example.net",
      ),
    ).toBe("https://rdap.example/domain/<domain> failed for <domain>");
  });
});
