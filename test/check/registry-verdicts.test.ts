// Per registry: the verdict each registrar-hygiene check gives, end to end through the check
// pipeline. The registries' answers are real-shaped fixtures (fixtures/rdap/SOURCES.md), served by
// the lab RDAP and WHOIS servers over loopback; the RDAP and WHOIS observers, the registry lookup,
// the policy loader, the rules and the judging are the real ones. Only the DNS walk is a stand-in:
// it is not what these tests are about.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRegistryLookup } from "../../src/check/registry-lookup.js";
import { createRdapObserver, type RdapObserver } from "../../src/observe/rdap/index.js";
import { createWhoisObserver, type WhoisObserver } from "../../src/observe/whois/index.js";
import { parsePolicySources } from "../../src/policy/load.js";
import type { Report } from "../../src/report/model/model.js";
import { checkWith, delegated, NOW } from "../support/observations.js";
import { type RegistryWorld, startRegistryWorld } from "../support/registry-world.js";

const NS = ["ns1.example-dns.net", "ns2.example-dns.net"];

// The registrar each domain is meant to have, as providers a company would declare.
const POLICY = `
version: 1
defaults:
  dnsHost: example-dns
  expiry: { minDays: 30 }
  transferLock: required
  autoRenew: required
providers:
  example-dns:
    dnsHost: { nameservers: ["ns*.example-dns.net"] }
  gransy: { registrar: { names: ["Gransy s.r.o."] } }
  ovh: { registrar: { names: ["OVH"] } }
  domeneshop: { registrar: { handles: { norid: [reg42-NORID] } } }
  moscow-registrar: { registrar: { ianaIds: [1620] } }
  alibaba: { registrar: { ianaIds: [1599] } }
  markmonitor: { registrar: { handles: { uk: [MARKMONITOR-TAG] } } }
  comlaude: { registrar: { ianaIds: [470] } }
  nomeo: { registrar: { ianaIds: [2288] } }
  eu-registrar: { registrar: { names: ["Example Registrar GmbH"] } }
  ch-registrar: { registrar: { names: ["Example Registrar AG"] } }
  se-registrar: { registrar: { names: ["Example Registrar AB"] } }
  register-it: { registrar: { names: ["Register S.p.A."] } }
  be-registrar: { registrar: { names: ["Example Registrar NV"] } }
  local-registrar: { registrar: { names: ["A registrar the registry does not name"] } }
domains:
  example-brand.com: { registrar: markmonitor }
  example-brand.cz: { registrar: gransy }
  example-brand.fr: { registrar: ovh }
  example-brand.no: { registrar: domeneshop }
  example-brand.moscow: { registrar: moscow-registrar }
  example-brand.xin: { registrar: alibaba }
  example-brand.xyz: { registrar: namecheap }
  example-brand.click: { registrar: godaddy }
  example-brand.co.uk: { registrar: markmonitor }
  example-brand.com.br: { registrar: local-registrar }
  markmonitor-brand.net: { registrar: markmonitor }
  comlaude-brand.net: { registrar: comlaude }
  namecheap-brand.net: { registrar: namecheap }
  godaddy-brand.net: { registrar: godaddy }
  nomeo-brand.net: { registrar: nomeo }
  example-brand.de: { registrar: local-registrar }
  example-brand.io: { registrar: markmonitor }
  example-brand.co: { registrar: godaddy }
  example-brand.eu: { registrar: eu-registrar }
  example-brand.ch: { registrar: ch-registrar }
  example-brand.se: { registrar: se-registrar }
  example-brand.it: { registrar: register-it }
  example-brand.be: { registrar: be-registrar }
  example-brand.at: { registrar: eu-registrar }
  example-brand.dk: { registrar: local-registrar }
  example-brand.jp: { registrar: local-registrar }
  example-brand.es: { registrar: local-registrar }
`;

type Verdict = "pass" | "fail" | "not-applicable" | "not-checked";
type Row = readonly [
  domain: string,
  registrar: Verdict,
  expiry: Verdict,
  transferLock: Verdict,
  autoRenew: Verdict,
  why?: RegExp,
];

// auto-renew is never published by a registry: not applicable wherever the registrar is not
// Route 53 (which has an API). "why" is the reason of the first check that did not pass or fail.
const EXPECTED: readonly Row[] = [
  // Verisign: IANA id 292, six lock statuses.
  ["example-brand.com", "pass", "pass", "pass", "not-applicable"],
  // CZ.NIC names the registrar by handle; its entity object gives the name. No lock status set.
  ["example-brand.cz", "pass", "pass", "fail", "not-applicable"],
  // Afnic: `registrar` wins over `sponsor`; the "IANA Registrar ID" 433 of a ccTLD is ignored.
  ["example-brand.fr", "pass", "pass", "pass", "not-applicable"],
  // Norid: a declared handle; no expiry and no statuses are ever published.
  [
    "example-brand.no",
    "pass",
    "not-applicable",
    "not-applicable",
    "not-applicable",
    /Norid publishes no expiry/,
  ],
  // FlexiReg: dates without a zone, EPP status spellings.
  ["example-brand.moscow", "pass", "pass", "pass", "not-applicable"],
  // ZDNS: ldhName with a trailing dot, a numeric IANA id, `nameservers: null`.
  ["example-brand.xin", "pass", "pass", "pass", "not-applicable"],
  ["example-brand.xyz", "pass", "pass", "pass", "not-applicable"],
  // The .click registry writes plain "transfer prohibited".
  ["example-brand.click", "pass", "pass", "pass", "not-applicable"],
  // Nominet: registrar by its tag (a declared handle); no status member at all.
  [
    "example-brand.co.uk",
    "pass",
    "pass",
    "not-checked",
    "not-applicable",
    /RDAP record has no status codes/,
  ],
  // Registro.br: no registrar entity, no status member.
  [
    "example-brand.com.br",
    "not-checked",
    "pass",
    "not-checked",
    "not-applicable",
    /names no registrar/,
  ],
  // Registrar-side answers behind a thin registry: `registrar expiration`, zone-less dates.
  ["markmonitor-brand.net", "pass", "pass", "pass", "not-applicable"],
  ["comlaude-brand.net", "pass", "pass", "pass", "not-applicable"],
  ["namecheap-brand.net", "pass", "pass", "pass", "not-applicable"],
  ["godaddy-brand.net", "pass", "pass", "pass", "not-applicable"],
  ["nomeo-brand.net", "pass", "pass", "pass", "not-applicable"],
  // WHOIS-only registries.
  [
    "example-brand.de",
    "not-applicable",
    "not-applicable",
    "not-applicable",
    "not-applicable",
    /DENIC \(\.de\): DENIC publishes no registrar/,
  ],
  ["example-brand.io", "pass", "pass", "pass", "not-applicable"],
  ["example-brand.co", "pass", "pass", "fail", "not-applicable"],
  [
    "example-brand.eu",
    "pass",
    "not-applicable",
    "not-applicable",
    "not-applicable",
    /EURid's public WHOIS shows no expiry/,
  ],
  [
    "example-brand.ch",
    "pass",
    "not-applicable",
    "not-applicable",
    "not-applicable",
    /SWITCH publishes no expiry/,
  ],
  ["example-brand.se", "pass", "pass", "fail", "not-applicable"],
  ["example-brand.it", "pass", "pass", "fail", "not-applicable"],
  [
    "example-brand.be",
    "pass",
    "not-applicable",
    "pass",
    "not-applicable",
    /DNS Belgium publishes no expiry/,
  ],
  [
    "example-brand.at",
    "pass",
    "not-applicable",
    "not-applicable",
    "not-applicable",
    /nic\.at publishes no expiry/,
  ],
  [
    "example-brand.dk",
    "not-applicable",
    "pass",
    "fail",
    "not-applicable",
    /Punktum dk's public WHOIS names no registrar/,
  ],
  [
    "example-brand.jp",
    "not-applicable",
    "pass",
    "pass",
    "not-applicable",
    /JPRS's public WHOIS names no registrar/,
  ],
  // Red.es publishes nothing: no check of the registry applies, and nothing is asked.
  [
    "example-brand.es",
    "not-applicable",
    "not-applicable",
    "not-applicable",
    "not-applicable",
    /Red\.es has no RDAP and no public WHOIS/,
  ],
];

const CHECKS = [
  "registrar-mismatch",
  "expiry-soon",
  "transfer-lock-disabled",
  "auto-renew-disabled",
];

let world: RegistryWorld;
let rdap: RdapObserver;
let whois: WhoisObserver;
let report: Report;

async function check(policy: string): Promise<Report> {
  const loaded = parsePolicySources(
    [{ path: "policies/portfolio.yaml", bytes: Buffer.from(policy) }],
    { now: NOW },
  );
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics));
  return checkWith(loaded.policySet, {
    delegation: { walk: async (name) => delegated(NS, undefined, name) },
    rdap: {
      kind: "enabled",
      source: createRegistryLookup({
        bootstrap: world.bootstrap,
        userSupplied: true,
        rdap,
        whois,
        table: world.table,
      }),
    },
    providers: new Map([["route53", { kind: "skipped", reason: "AWS checks are off (--no-aws)" }]]),
  });
}

beforeAll(async () => {
  world = await startRegistryWorld();
  rdap = createRdapObserver({ bootstrap: world.bootstrap, userSupplied: true });
  whois = createWhoisObserver({
    servers: world.table.whoisServers(),
    allowNonPublic: true,
    timeoutMs: 5_000,
  });
  report = await check(POLICY);
});
afterAll(async () => {
  await Promise.all([rdap?.close(), whois?.close()]);
  await world?.close();
});

describe("the verdict of each registrar check, per registry", () => {
  for (const [domain, registrar, expiry, transferLock, autoRenew, why] of EXPECTED) {
    it(`${domain}: registrar ${registrar}, expiry ${expiry}, transfer lock ${transferLock}, auto-renew ${autoRenew}`, () => {
      const found = report.domains.find((d) => d.domain === domain);
      expect(found, domain).toBeDefined();
      const checks = CHECKS.map((name) => found?.checks.find((c) => c.name === name));
      expect(checks.map((c) => c?.status)).toEqual([registrar, expiry, transferLock, autoRenew]);
      if (why !== undefined) {
        const first = checks.find((c) => c?.status !== "pass" && c?.status !== "fail");
        expect(first?.reason).toMatch(why);
      }
    });
  }

  it("says which entity role the registrar was read from", () => {
    const fr = report.domains.find((d) => d.domain === "example-brand.fr");
    expect(fr?.observed.registrar).toMatchObject({
      name: "OVH",
      role: "registrar",
      ianaId: undefined,
      source: "rdap",
    });
  });

  it("asks a registrar's entity once per handle, on the registry's server", () => {
    expect(world.registry.counters().byPath.get("/entity/REG-GRANSY")).toBe(1);
  });

  it("asks WHOIS only for registries without RDAP, and nothing for one that publishes nothing", () => {
    const asked = world.whois.queries();
    expect(asked).toContain("-T dn,ace example-brand.de");
    expect(asked.some((q) => q.includes(".es"))).toBe(false);
    expect(asked.some((q) => q.includes("example-brand.com"))).toBe(false);
  });

  it("sends the RDAP Accept header registries accept", () => {
    expect(world.registry.counters().lastAccept).toBe("application/rdap+json, application/json");
  });
});

describe("a registrar named only by a handle", () => {
  it("is not checked, naming the handle, when no provider declares it and its entity gives no name", async () => {
    const undeclared = POLICY.replace(
      "domeneshop: { registrar: { handles: { norid: [reg42-NORID] } } }",
      "domeneshop: { registrar: { names: [Domeneshop AS] } }",
    );
    const result = await check(undeclared);
    const no = result.domains.find((d) => d.domain === "example-brand.no");
    expect(no?.checks.find((c) => c.name === "registrar-mismatch")).toEqual({
      name: "registrar-mismatch",
      status: "not-checked",
      reason:
        "Norid's RDAP record names the registrar only by its handle reg42-NORID, which no provider declares (add it under `registrar.handles.no` of the intended provider); Route 53 Domains: AWS checks are off (--no-aws)",
    });
  });
});
