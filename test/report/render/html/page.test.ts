// The HTML page as text, without a browser: what it embeds, its Content-Security-Policy, the
// escaping of the data block, the chain each domain is drawn from, and the committed page script.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeEach, describe, expect, it } from "vitest";
import { chainOf } from "../../../../src/report/render/html/chain.js";
import { CLIENT_SCRIPT } from "../../../../src/report/render/html/client-script.generated.js";
import { pageData } from "../../../../src/report/render/html/data.js";
import { renderHtml } from "../../../../src/report/render/html/index.js";
import { jsonForScript } from "../../../../src/report/render/html/json-script.js";
import { STYLES } from "../../../../src/report/render/html/styles.js";
import { DNSSEC_DOMAIN, dnssecReport } from "../../../support/dnssec-report.js";
import { HOSTILE, hostileReport } from "../../../support/hostile-report.js";
import { largeReport } from "../../../support/large-report.js";
import { MIGRATION, withMigration } from "../../../support/migration-report.js";
import { REPO_ROOT, repoPath } from "../../../support/repo.js";
import { sampleReport } from "../../../support/sample-report.js";

const GOLDEN = repoPath("fixtures", "report", "golden", "sample.html-data.json");
const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("base64");

function domain(name: string) {
  const found = sampleReport().domains.find((d) => d.domain === name);
  if (found === undefined) throw new Error(`no ${name} in the sample`);
  return found;
}

describe("HTML page", () => {
  // Built for each test, not while the file loads: mutation testing credits code run at load to no
  // test, and would rerun every test for each mutant of the judging and rules that builds it.
  let html = "";
  beforeEach(() => {
    html = renderHtml(sampleReport());
  });

  it("allows only its own inline script and stylesheet, by hash, and requires Trusted Types", () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    expect(csp).toBe(
      [
        "default-src 'none'",
        `script-src 'sha256-${sha256(CLIENT_SCRIPT)}'`,
        `style-src 'sha256-${sha256(STYLES)}'`,
        "base-uri 'none'",
        "form-action 'none'",
        "require-trusted-types-for 'script'",
        "trusted-types 'none'",
      ].join("; "),
    );
    expect(csp).not.toMatch(/unsafe|http|data:|\*/);
    // The hashes cover exactly what the page inlines: one script, one stylesheet, no attributes.
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.map((m) => m[1])).toEqual([' type="application/json" id="report-data"', ""]);
    expect(scripts[1]?.[2]).toBe(CLIENT_SCRIPT);
    expect([...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1])).toEqual([STYLES]);
    expect(html).not.toMatch(/\sstyle=|\son[a-z]+=/i);
  });

  it("refers to nothing outside itself", () => {
    const references = [...html.matchAll(/\s(?:src|href|action|srcset|poster)="([^"]*)"/g)];
    expect(references.map((m) => m[1]).every((target) => target?.startsWith("#"))).toBe(true);
    expect(html).not.toMatch(/<(link|img|iframe|object|embed|base)\b/i);
    expect(CLIENT_SCRIPT).not.toMatch(
      /fetch\(|XMLHttpRequest|WebSocket|EventSource|import\(|innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function/,
    );
  });

  it("keeps inline blocks closed: neither the script nor the stylesheet can end early", () => {
    expect(CLIENT_SCRIPT).not.toMatch(/<\/script|<!--/i);
    expect(STYLES).not.toMatch(/<\/style|<!--/i);
  });

  it("embeds the data with <, >, &, U+2028 and U+2029 escaped, so hostile text stays inside", () => {
    expect(jsonForScript({ a: "</script><!--&>\u2028\u2029" })).toBe(
      '{"a":"\\u003c/script\\u003e\\u003c!--\\u0026\\u003e\\u2028\\u2029"}',
    );
    const hostile = renderHtml(hostileReport());
    const start = hostile.indexOf('id="report-data">') + 'id="report-data">'.length;
    const data = hostile.slice(start, hostile.indexOf("</script>"));
    expect(/[<>&\u2028\u2029\u202E]/.test(data)).toBe(false);
    expect(hostile.match(/<\/script>/g)).toHaveLength(2);
    expect(hostile).not.toContain(HOSTILE);
  });

  it("is the same page for the same report", () => {
    expect(renderHtml(sampleReport())).toBe(html);
  });
});

describe("page data", () => {
  it("matches the golden file (UPDATE_GOLDEN=1 to regenerate, then review the diff)", async () => {
    const actual = `${JSON.stringify(pageData(sampleReport()), null, 2)}\n`;
    if (process.env.UPDATE_GOLDEN) {
      const { writeFile } = await import("node:fs/promises");
      await writeFile(GOLDEN, actual);
    }
    expect(actual).toBe(await readFile(GOLDEN, "utf8"));
  });

  it("counts setups, findings by rule and severity, and sources from the verdicts", () => {
    const data = pageData(sampleReport());
    expect(data.overview.byStatus).toEqual({ drift: 2, unknown: 1, compliant: 2 });
    expect(data.overview.setups.find((s) => s.setup === "external")).toEqual({
      setup: "external",
      intended: 2,
      observed: 1,
    });
    expect(data.overview.findings[0]).toMatchObject({ rule: "dangling-delegation", total: 1 });
    expect(data.overview.bySeverity).toEqual({ critical: 1, high: 2, medium: 1, low: 2, info: 0 });
    expect(data.domains.map((d) => d.status)).toEqual([
      "drift",
      "drift",
      "unknown",
      "compliant",
      "compliant",
    ]);
    // Thousands of domains share a few check lists; each is stored once.
    expect(pageData(largeReport(50)).checkLists).toHaveLength(5);
  });

  it("carries the report's shared failures, labelled, and the WHOIS count when there is one", () => {
    const report = sampleReport();
    const data = pageData({
      ...report,
      diagnoses: [
        { sources: ["rdap"], reason: "no RDAP service", fix: "Declare the registrar", domains: 3 },
      ],
      stats: { ...report.stats, whoisQueries: 7 },
    });
    expect(data.overview.diagnoses).toEqual([
      {
        sources: ["Registry (RDAP or WHOIS)"],
        reason: "no RDAP service",
        fix: "Declare the registrar",
        domains: 3,
      },
    ]);
    expect(data.scan.whoisQueries).toBe(7);
    // Reports written before either existed.
    const { diagnoses: _d, ...older } = report;
    expect(pageData(older).overview.diagnoses).toEqual([]);
    expect(pageData(older).scan.whoisQueries).toBeUndefined();
  });

  it("lists registrations expiring within 30 days of the scan, soonest first", () => {
    const report = sampleReport();
    const soon = report.domains.map((d, i) =>
      i < 2
        ? {
            ...d,
            observed: { ...d.observed, expiry: `2026-12-${i === 0 ? "20" : "01"}T00:00:00Z` },
          }
        : d,
    );
    const data = pageData({ ...report, domains: soon });
    expect(data.overview.expiring.map((e) => [data.domains[e.domain]?.name, e.days])).toEqual([
      [soon[1]?.domain, 4],
      [soon[0]?.domain, 23],
    ]);
  });
});

describe("DNSSEC chain", () => {
  const view = (report = dnssecReport()) =>
    pageData(report).domains.find((d) => d.name === DNSSEC_DOMAIN)?.dnssec;

  it("links DS → key → RRset per server address, and marks the server whose keys match no DS", () => {
    const dnssec = view();
    expect(dnssec?.ds).toEqual(["4242/13/SHA-256"]);
    const [good, moved] = dnssec?.servers ?? [];
    expect(good).toMatchObject({ verdict: "secure", problem: undefined });
    expect(good?.keys.map((k) => k.label)).toEqual(["DNSKEY 4242 (SEP)", "DNSKEY 1001"]);
    // DS 4242 → key 4242; key 4242 signs DNSKEY, key 1001 signs NS.
    expect(good?.links).toEqual([
      { from: "ds", fromIndex: 0, toIndex: 0 },
      { from: "key", fromIndex: 0, toIndex: 0 },
      { from: "key", fromIndex: 1, toIndex: 1 },
    ]);
    expect(
      [...(good?.ds ?? []), ...(good?.keys ?? []), ...(good?.rrsets ?? [])].every(
        (b) => b.problem === undefined,
      ),
    ).toBe(true);
    expect(moved).toMatchObject({
      verdict: "bogus",
      problem: "ds-matches-no-key, dnskey-not-signed-by-ds-key",
    });
    expect(moved?.ds).toEqual([
      { label: "DS 4242", status: "no-matching-key", problem: "no-matching-key" },
    ]);
    expect(moved?.rrsets[0]).toMatchObject({ label: "DNSKEY", problem: "self-signed" });
    expect(moved?.links.filter((l) => l.from === "ds")).toEqual([]);
    expect(dnssec?.findings).toEqual([
      expect.stringMatching(/^dnssec-bogus: 1 of 2 server addresses/),
    ]);
  });

  it("is absent where the walk did not look at DNSSEC", () => {
    expect(pageData(sampleReport()).domains.every((d) => d.dnssec === undefined)).toBe(true);
  });

  it("embeds hostile text from the servers as data, never as markup", () => {
    const report = dnssecReport();
    const hostile = {
      ...report,
      domains: report.domains.map((d) =>
        d.domain === DNSSEC_DOMAIN && d.observed.dnssec !== undefined
          ? {
              ...d,
              observed: {
                ...d.observed,
                dnssec: {
                  ...d.observed.dnssec,
                  servers: [
                    {
                      nameserver: HOSTILE,
                      address: "192.0.2.9",
                      chain: { kind: "unreadable" as const, detail: HOSTILE },
                    },
                  ],
                },
              },
            }
          : d,
      ),
    };
    const html = renderHtml(hostile);
    expect(html).not.toContain("<script>window.__pwned");
    expect(html).not.toContain("<img src=x");
    expect(
      pageData(hostile).domains.find((d) => d.name === DNSSEC_DOMAIN)?.dnssec?.servers[0],
    ).toMatchObject({ verdict: "unreadable", links: [] });
  });
});

describe("migration", () => {
  it("gives each move's checks with their verdict and reason, and until when to keep the old zone", () => {
    const until = "2026-12-06T10:00:00.000Z";
    const { report, domain } = withMigration({
      ...MIGRATION,
      phase: "switched",
      moves: [
        { ...(MIGRATION.moves[0] as (typeof MIGRATION.moves)[number]), phase: "switched" },
        {
          role: "registrar",
          from: "hover",
          to: "route53",
          phase: "switching",
          checks: [{ name: "registrar-operation", status: "pass", detail: "succeeded" }],
          operation: {
            id: "op-1",
            type: "TRANSFER_IN_DOMAIN",
            status: "IN_PROGRESS",
            submittedAt: undefined,
            lastUpdatedAt: undefined,
            message: undefined,
            statusFlag: "PENDING_ACCEPTANCE",
          },
        },
      ],
      keepOldHostUntil: until,
      next: `Keep ${HOSTILE} serving.`,
    });
    const data = pageData(report);
    const migration = data.domains.find((d) => d.name === domain)?.migration;
    expect(migration).toMatchObject({ phase: "switched", keepOldHostUntil: until });
    expect(migration?.moves.map((m) => [m.move, m.phase, m.operation])).toEqual([
      ["DNS host hover → route53", "switched", undefined],
      [
        "Registrar hover → route53",
        "switching",
        "TRANSFER_IN_DOMAIN op-1: IN_PROGRESS, PENDING_ACCEPTANCE",
      ],
    ]);
    expect(migration?.moves[0]?.checks).toEqual([
      { name: "delegation", status: "fail", detail: "2 of 4 parent servers delegate to route53" },
      { name: "target-zone", status: "pass", detail: "zone Z1 exists (pinned)" },
      { name: "record-parity", status: "not-checked", detail: "a|b <script>" },
    ]);
    expect(data.domains.filter((d) => d.migration !== undefined)).toHaveLength(1);
    const html = renderHtml(report);
    expect(html).not.toContain("<script>window.__pwned");
    expect(html).not.toContain("<img src=x");
  });
});

describe("chain", () => {
  it("marks every REFUSED server and the servers outside the zone's delegation set", () => {
    const chain = chainOf(domain("recreated.example"));
    expect(chain.servers.map((s) => s.served.problem)).toEqual(Array(4).fill("REFUSED"));
    expect(chain.servers.map((s) => s.belongs.problem)).toEqual(
      Array(4).fill("not in the zone's delegation set"),
    );
    expect(chain.host.problems).toEqual([
      "delegated elsewhere",
      "4 of 4 servers not in the delegation",
    ]);
    expect(chain.registrar.problems).toEqual([]);
    expect(chain.registrarToRegistry.problem).toBeUndefined();
  });

  it("puts a registrar mismatch on the registrar and a timeout on that server's link only", () => {
    const chain = chainOf(domain("legacy.example"));
    expect(chain.registrar.problems).toEqual(["not the intended registrar"]);
    expect(chain.servers.map((s) => [s.name, s.served.problem])).toEqual([
      ["ns-1024.awsdns-00.org", undefined],
      ["ns-1536.awsdns-00.co.uk", "timeout"],
    ]);
  });

  it("draws nothing broken for a compliant domain, and leaves waived findings off", () => {
    for (const name of ["example.com", "waived.example"]) {
      const chain = chainOf(domain(name));
      const links = [
        chain.registrarToRegistry,
        ...chain.servers.flatMap((s) => [s.served, s.belongs]),
      ];
      expect(
        links.every((l) => l.problem === undefined),
        name,
      ).toBe(true);
      expect(
        [chain.registrar, chain.registry, chain.host].flatMap((n) => n.problems),
        name,
      ).toEqual([]);
    }
  });

  it("shows a domain that is not delegated, and servers of reports that lack their answers", () => {
    const d = domain("example.com");
    const lapsed = chainOf({
      ...d,
      observed: {
        ...d.observed,
        delegation: "not-delegated",
        nameservers: {},
        nameserverAnswers: undefined,
      } as typeof d.observed,
    });
    expect(lapsed.registry.problems).toContain("not delegated");
    expect(lapsed.servers).toEqual([]);
    const old = chainOf({ ...d, observed: { ...d.observed, nameserverAnswers: undefined } });
    expect(old.servers.map((s) => s.answers)).toEqual(Array(4).fill(["answers not recorded"]));
  });

  it("says where the registrar of record was read: RDAP, WHOIS or Route 53 Domains", () => {
    const d = domain("example.com");
    const from = (source: "rdap" | "whois" | "route53Domains") =>
      chainOf({
        ...d,
        observed: {
          ...d.observed,
          registrar: { ids: ["amazon"], name: "Amazon Registrar, Inc.", ianaId: 468, source },
        },
      }).registrar.lines.find((line) => line.startsWith("from "));
    expect([from("rdap"), from("whois"), from("route53Domains")]).toEqual([
      "from RDAP",
      "from WHOIS",
      "from Route 53 Domains",
    ]);
  });
});

describe("page script", () => {
  it("is what npm run build:html-client makes of src/report/render/html/client/", async () => {
    const dir = await mkdtemp(join(tmpdir(), "dd-client-"));
    try {
      const out = join(dir, "client-script.generated.ts");
      await promisify(execFile)(process.execPath, ["scripts/build-html-client.mjs", "--out", out], {
        cwd: REPO_ROOT,
      });
      const committed = await readFile(
        repoPath("src", "report", "render", "html", "client-script.generated.ts"),
        "utf8",
      );
      expect(
        committed === (await readFile(out, "utf8")),
        "stale: run npm run build:html-client",
      ).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
