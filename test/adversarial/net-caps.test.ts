// Break 10.1 of the adversarial review: what the walker does not ask must never read as a pass. A
// hostile delegation hides its lame or disagreeing servers behind the walker's caps (the ninth
// address of a name server, the twenty-first name server); IPv6 addresses left out while IPv6 is
// off are said to be left out. The real walker over real sockets on loopback, judged by the real
// rules.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { judgeDomain } from "../../src/judge/judge.js";
import { waiverBook } from "../../src/judge/waivers.js";
import { a, aaaa, ns, zone } from "../../src/lab/dns-records.js";
import { type LabDns, type LabServerSpec, startLabDns } from "../../src/lab/dns-world.js";
import { formatTrace } from "../../src/observe/dns/trace-text.js";
import type { DelegationObservation } from "../../src/observe/dns/types.js";
import { paritySideServers } from "../../src/observe/record-parity/index.js";
import type { DomainReport } from "../../src/report/model/model.js";
import { delegated, labWalker, nameserver } from "../support/lab-walker.js";
import {
  zone as hostedZone,
  intent,
  NOW,
  observations,
  rdapRegistered,
} from "../support/observations.js";
import { catalog } from "../support/rules.js";
import { rootAndCom, zoneServedBy } from "./support/lab-tree.js";

/** Route 53-style names, all under com so that com's servers hand out their glue. */
const server = (n: number) => `ns-${n}.awsdns-${String(n % 64).padStart(2, "0")}.com`;
const PAIR = [server(1), server(2)];
/** More than the walker probes per delegation. */
const WIDE = Array.from({ length: 21 }, (_, i) => server(100 + i));
/** Glued in com: the walk's query budget runs out between the two probes. */
const BUDGET = [server(5), server(6)];
/** Not glued (both under awsdns-07.com): the query budget runs out before their addresses are known. */
const GLUELESS = [server(7), server(71)];
/** Glued in com, whose referral to late.com comes after the walk's deadline: neither is asked. */
const LATE = [server(12), server(13)];
/**
 * mixed.com: the first glued and REFUSED (really lame), the second not glued, its address lookup
 * asking com, which answers that one only after the walk's deadline.
 */
const MIXED = [server(14), server(15)];
/**
 * halfv6.com: one server, not glued (under awsdns-16.com), with an IPv4 and an IPv6 address. With
 * IPv6 on `auto` the walk looks both up; its query budget lets the A lookup through and stops the
 * AAAA one.
 */
const HALF_V6 = server(16);
/**
 * servfailv6.com: one server, not glued (under awsdns-17.com), whose AAAA lookup awsdns-17.com's
 * server answers SERVFAIL while its A lookup works.
 */
const SERVFAIL_V6 = server(17);
/** The walk deadline of the slow cases; com's slow answers come this much later still. */
const SHORT_DEADLINE_MS = 1000;
const SLOW_MS = 1500;

let lab: LabDns;

/**
 * awsdns-N.com's server on host `at`, with `target`'s IPv4 address (host `at + 1`) and an IPv6 one:
 * `target` is a name server that is not glued, so its addresses are looked up.
 */
function dualStackHost(
  n: number,
  target: string,
  at: number,
  host: (n: number) => string,
): LabServerSpec {
  const origin = `awsdns-${n}.com`;
  return {
    name: `awsdns-${n}`,
    host: at,
    zones: [
      zone(origin, [
        ns(origin, `ns.${origin}`),
        a(`ns.${origin}`, host(at)),
        a(target, host(at + 1)),
        aaaa(target, `2001:db8::${n}`),
      ]),
    ],
  };
}

beforeAll(async () => {
  lab = await startLabDns(({ host }) => {
    const servers: LabServerSpec[] = [
      ...rootAndCom(host, [
        // capped.com: its first server has ten addresses, hosts 10 to 19.
        ...PAIR.map((target) => ns("capped.com", target)),
        ...Array.from({ length: 10 }, (_, i) => a(server(1), host(10 + i))),
        a(server(2), host(20)),
        // wide.com: 21 name servers, hosts 30 to 50.
        ...WIDE.flatMap((target, i) => [ns("wide.com", target), a(target, host(30 + i))]),
        // dual.com: a server with an IPv4 and an IPv6 address (a documentation one: never sent to).
        ns("dual.com", server(3)),
        ns("dual.com", server(4)),
        a(server(3), host(60)),
        aaaa(server(3), "2001:db8::53"),
        a(server(4), host(61)),
        // budget.com: two glued servers; glueless.com: two servers under awsdns-07.com, no glue.
        ...BUDGET.flatMap((target, i) => [ns("budget.com", target), a(target, host(62 + i))]),
        ...GLUELESS.map((target) => ns("glueless.com", target)),
        ns("awsdns-07.com", "ns.awsdns-07.com"),
        a("ns.awsdns-07.com", host(64)),
        // late.com: two glued servers; mixed.com: one glued, one under awsdns-15.com.
        ...LATE.flatMap((target, i) => [ns("late.com", target), a(target, host(70 + i))]),
        ...MIXED.map((target) => ns("mixed.com", target)),
        a(server(14), host(72)),
        ns("awsdns-15.com", "ns.awsdns-15.com"),
        a("ns.awsdns-15.com", host(73)),
        ns("halfv6.com", HALF_V6),
        ns("awsdns-16.com", "ns.awsdns-16.com"),
        a("ns.awsdns-16.com", host(75)),
        ns("servfailv6.com", SERVFAIL_V6),
        ns("awsdns-17.com", "ns.awsdns-17.com"),
        a("ns.awsdns-17.com", host(77)),
      ]).map((spec) =>
        // com answers late.com, and the address of mixed.com's unglued server, after the deadline.
        spec.name === "com"
          ? {
              ...spec,
              faults: [
                { fault: { kind: "delay" as const, ms: SLOW_MS }, names: ["late.com", server(15)] },
              ],
            }
          : spec,
      ),
      ...LATE.map((_, i) => ({
        name: `late-${i}`,
        host: 70 + i,
        zones: [zoneServedBy("late.com", LATE)],
      })),
      {
        name: "mixed-refused",
        host: 72,
        zones: [zoneServedBy("mixed.com", MIXED)],
        faults: [{ fault: { kind: "refused" } }],
      },
      {
        name: "awsdns-15",
        host: 73,
        zones: [
          zone("awsdns-15.com", [
            ns("awsdns-15.com", "ns.awsdns-15.com"),
            a("ns.awsdns-15.com", host(73)),
            a(server(15), host(74)),
          ]),
        ],
      },
      { name: "mixed-served", host: 74, zones: [zoneServedBy("mixed.com", MIXED)] },
      dualStackHost(16, HALF_V6, 75, host),
      { name: "halfv6", host: 76, zones: [zoneServedBy("halfv6.com", [HALF_V6])] },
      {
        ...dualStackHost(17, SERVFAIL_V6, 77, host),
        faults: [{ fault: { kind: "servfail" }, names: [SERVFAIL_V6], types: ["AAAA"] }],
      },
      { name: "servfailv6", host: 78, zones: [zoneServedBy("servfailv6.com", [SERVFAIL_V6])] },
      ...BUDGET.map((_, i) => ({
        name: `budget-${i}`,
        host: 62 + i,
        zones: [zoneServedBy("budget.com", BUDGET)],
      })),
      {
        name: "awsdns-07",
        host: 64,
        zones: [
          zone("awsdns-07.com", [
            ns("awsdns-07.com", "ns.awsdns-07.com"),
            a("ns.awsdns-07.com", host(64)),
            ...GLUELESS.map((target, i) => a(target, host(65 + i))),
          ]),
        ],
      },
      ...GLUELESS.map((_, i) => ({
        name: `glueless-${i}`,
        host: 65 + i,
        zones: [zoneServedBy("glueless.com", GLUELESS)],
      })),
      // Eight addresses that serve capped.com as the parent says ...
      ...Array.from({ length: 8 }, (_, i) => ({
        name: `capped-${i}`,
        host: 10 + i,
        zones: [zoneServedBy("capped.com", PAIR)],
      })),
      // ... the ninth with another NS set, the tenth refusing it.
      { name: "capped-other-set", host: 18, zones: [zoneServedBy("capped.com", [server(9)])] },
      {
        name: "capped-refused",
        host: 19,
        zones: [zoneServedBy("capped.com", PAIR)],
        faults: [{ fault: { kind: "refused" } }],
      },
      { name: "capped-second", host: 20, zones: [zoneServedBy("capped.com", PAIR)] },
      ...WIDE.map((_, i) => ({
        name: `wide-${i}`,
        host: 30 + i,
        zones: [zoneServedBy("wide.com", WIDE)],
      })),
      { name: "dual-1", host: 60, zones: [zoneServedBy("dual.com", [server(3), server(4)])] },
      { name: "dual-2", host: 61, zones: [zoneServedBy("dual.com", [server(3), server(4)])] },
    ];
    return { servers };
  });
});

afterAll(async () => {
  await lab?.close();
});

/** The domain judged as a Route 53 domain whose every other observation agrees with `set`. */
function judged(domain: string, delegation: DelegationObservation, set: readonly string[]) {
  return judgeDomain(
    intent({ name: domain, unicode: domain }),
    observations({
      delegation,
      rdap: rdapRegistered({ domain, nameservers: [...set].sort() }),
      registration: {
        kind: "registered",
        account: "default",
        detail: {
          name: domain,
          autoRenew: true,
          transferLock: true,
          expiry: "2027-06-01T00:00:00Z",
          nameservers: [...set].sort(),
          registrarName: "Amazon Registrar, Inc.",
          statusList: ["clientTransferProhibited"],
          dnssecKeys: [],
        },
      },
      hostedZones: { kind: "found", account: "default", zones: [hostedZone("Z1", set, domain)] },
    }),
    catalog,
    waiverBook([]),
    NOW,
  );
}

const check = (report: DomainReport, name: string) => report.checks.find((c) => c.name === name);

describe("10.1 what the walker does not ask", () => {
  it("10.1 an address beyond the per-server cap that answers another NS set is probed or not-checked; so is a server beyond the name-server cap; IPv6 left out is said to be", async () => {
    const walker = labWalker(lab, { timeoutMs: 2000 });
    try {
      // Ten addresses: the ninth answers another NS set, the tenth REFUSED.
      const capped = judged("capped.com", await walker.walk("capped.com"), PAIR);
      expect(capped.status, JSON.stringify(capped.checks)).not.toBe("compliant");
      for (const name of ["lame-delegation", "parent-child-ns-mismatch"]) {
        const result = check(capped, name);
        // Probed, the two addresses fail the checks; not probed, the checks say so.
        if (result?.status !== "fail") {
          expect(result?.status).toBe("not-checked");
          expect(result?.reason).toContain(`${lab.net.prefix}.18`);
          expect(result?.reason).toContain(`${lab.net.prefix}.19`);
          expect(result?.reason).toMatch(/more than 8 addresses/);
        }
      }

      // The 21st name server is neither lame nor silently passed: not checked, by name.
      const wide = judged("wide.com", await walker.walk("wide.com"), WIDE);
      expect(wide.status, JSON.stringify(wide.checks)).toBe("unknown");
      expect(check(wide, "lame-delegation")).toMatchObject({ status: "not-checked" });
      expect(check(wide, "lame-delegation")?.reason).toContain(server(120));
      expect(check(wide, "lame-delegation")?.reason).toMatch(/more than 20 name servers/);

      // IPv6 off: the IPv6 address is not asked, and the passing checks say which.
      const dualSet = [server(3), server(4)];
      const dual = judged("dual.com", await walker.walk("dual.com"), dualSet);
      expect(dual.status, JSON.stringify(dual.checks)).toBe("compliant");
      for (const name of ["lame-delegation", "parent-child-ns-mismatch"]) {
        expect(check(dual, name)).toMatchObject({ status: "pass" });
        expect(check(dual, name)?.reason).toMatch(/2001:db8::53\): not probed: IPv6 is off/);
      }
    } finally {
      await walker.close();
    }
  });

  it("10.1 a walk stopped by its query budget is not checked, saying so: never lame, never a pass", async () => {
    // The root's referral to com, com's referral to budget.com, then one of the two probes.
    const walker = labWalker(lab, { timeoutMs: 2000, maxQueriesPerWalk: 3 });
    try {
      const observation = await walker.walk("budget.com");
      const probes = delegated(observation).nameservers.flatMap((n) => n.probes);
      expect(probes.map((p) => p.answer.kind).sort()).toEqual(["authoritative", "not-probed"]);
      // Record parity asks the server the walk asked.
      const asked = probes.find((p) => p.answer.kind === "authoritative")?.address;
      expect(paritySideServers("old", delegated(observation).nameservers)).toEqual({
        servers: [{ name: expect.stringMatching(/^ns-[56]\.awsdns-0[56]\.com$/), address: asked }],
        notAsked: {
          side: "old",
          servers: [
            expect.stringMatching(
              /^ns-[56]\.awsdns-0[56]\.com \([\d.]+\): not probed: the walk had sent the 3 queries one walk may send/,
            ),
          ],
        },
      });
      const report = judged("budget.com", observation, BUDGET);
      expect(report.status, JSON.stringify(report.checks)).toBe("unknown");
      expect(report.findings).toEqual([]);
      for (const name of ["lame-delegation", "parent-child-ns-mismatch", "dangling-delegation"]) {
        expect(check(report, name)).toMatchObject({ status: "not-checked" });
        expect(check(report, name)?.reason).toMatch(
          /the walk had sent the 3 queries one walk may send/,
        );
      }
    } finally {
      await walker.close();
    }

    // The referrals to com and to glueless.com, and nothing left to look up the servers' addresses.
    const short = labWalker(lab, { timeoutMs: 2000, maxQueriesPerWalk: 2 });
    try {
      const observation = await short.walk("glueless.com");
      for (const name of GLUELESS) {
        expect(nameserver(observation, name).addresses).toEqual({
          kind: "not-probed",
          reason: { kind: "query-budget", limit: 2 },
        });
      }
      const report = judged("glueless.com", observation, GLUELESS);
      expect(report.status, JSON.stringify(report.checks)).toBe("unknown");
      expect(report.findings).toEqual([]);
      for (const name of ["lame-delegation", "dangling-delegation"]) {
        expect(check(report, name)).toMatchObject({ status: "not-checked" });
        expect(check(report, name)?.reason).toContain(
          `${server(7)}: not probed: the walk had sent the 2 queries`,
        );
      }
      // Record parity asks no server the walk did not: as the old host's, these leave it with
      // none, and the reason names each server and the walk's limit.
      const limit =
        "not probed: the walk had sent the 2 queries one walk may send (a hostile or broken zone?)";
      expect(paritySideServers("old", delegated(observation).nameservers)).toBe(
        `no server of the old host was asked by the delegation walk: ${server(7)}: ${limit}; ${server(71)}: ${limit}`,
      );
    } finally {
      await short.close();
    }
  });

  it("10.1 a walk that reached its deadline before asking is not checked, saying so: never lame, unless a server it asked is", async () => {
    // com's referral to late.com arrives after the deadline: neither server is asked.
    const walker = labWalker(lab, { timeoutMs: 3000, deadlineMs: SHORT_DEADLINE_MS });
    try {
      const observation = await walker.walk("late.com");
      const probes = delegated(observation).nameservers.flatMap((n) => n.probes);
      expect(probes.map((p) => p.answer)).toEqual(
        LATE.map(() => ({
          kind: "not-probed",
          reason: { kind: "walk-deadline", limitMs: SHORT_DEADLINE_MS },
        })),
      );
      const report = judged("late.com", observation, LATE);
      expect(report.status, JSON.stringify(report.checks)).toBe("unknown");
      expect(report.findings).toEqual([]);
      for (const name of ["lame-delegation", "parent-child-ns-mismatch", "dangling-delegation"]) {
        expect(check(report, name)).toMatchObject({ status: "not-checked" });
        expect(check(report, name)?.reason).toContain(
          `${server(12)} (${lab.net.prefix}.70): not probed: the walk had reached its 1 s deadline`,
        );
      }
    } finally {
      await walker.close();
    }

    // The REFUSED server is asked at once; the other's address lookup is cut short by the deadline.
    const mixedWalker = labWalker(lab, { timeoutMs: 3000, deadlineMs: SHORT_DEADLINE_MS });
    try {
      const observation = await mixedWalker.walk("mixed.com");
      expect(nameserver(observation, server(14)).probes.map((p) => p.answer)).toEqual([
        { kind: "refused" },
      ]);
      expect(nameserver(observation, server(15)).addresses).toEqual({
        kind: "not-probed",
        reason: { kind: "walk-deadline", limitMs: SHORT_DEADLINE_MS },
      });
      const report = judged("mixed.com", observation, MIXED);
      expect(report.status, JSON.stringify(report.checks)).toBe("drift");
      // REFUSED from a Route 53 server: the zone is gone there (dangling, which takes the lame
      // server); the server not asked is in no finding.
      expect(report.findings.map((f) => f.rule)).toEqual(["dangling-delegation"]);
      expect(JSON.stringify(report.findings)).toContain(server(14));
      expect(JSON.stringify(report.findings)).not.toContain(server(15));
      expect(check(report, "lame-delegation")).toMatchObject({ status: "not-checked" });
      expect(check(report, "lame-delegation")?.reason).toContain(
        `${server(15)}: not probed: the walk had reached its 1 s deadline`,
      );
    } finally {
      await mixedWalker.close();
    }
  });

  it("10.1 a server whose IPv6 lookup the walk's budget cut short after its IPv4 one is not checked, naming it", async () => {
    // The referrals to com, halfv6.com and awsdns-16.com, then the A lookup: the AAAA one is past
    // the budget.
    const walker = labWalker(lab, { timeoutMs: 2000, maxQueriesPerWalk: 4, ipv6: "auto" });
    try {
      const observation = await walker.walk("halfv6.com");
      const budget = { kind: "query-budget", limit: 4 } as const;
      expect(nameserver(observation, HALF_V6).addresses).toEqual({
        kind: "ok",
        source: "resolved",
        addresses: [`${lab.net.prefix}.76`],
        incomplete: { type: "AAAA", why: { kind: "cut-short", reason: budget } },
      });
      // `trace` says so too.
      expect(formatTrace(observation)).toContain(
        `resolved ${lab.net.prefix}.76 (IPv6 addresses not looked up: the walk had sent the 4 queries`,
      );
      const report = judged("halfv6.com", observation, [HALF_V6]);
      // One name server is too few; nothing else is drift, and nothing passes on its behalf.
      expect(report.findings.map((f) => f.rule)).toEqual(["insufficient-nameservers"]);
      for (const name of ["lame-delegation", "parent-child-ns-mismatch", "dangling-delegation"]) {
        expect(check(report, name)).toMatchObject({ status: "not-checked" });
        expect(check(report, name)?.reason).toContain(
          `${HALF_V6}: IPv6 addresses not looked up: the walk had sent the 4 queries`,
        );
      }
    } finally {
      await walker.close();
    }
  });
  it("10.1 a server whose IPv6 lookup fails (SERVFAIL) after its IPv4 one is not checked with IPv6 on auto or on, naming it; IPv6 off says nothing of AAAA", async () => {
    const address = `${lab.net.prefix}.78`;
    for (const ipv6 of ["auto", "on"] as const) {
      const walker = labWalker(lab, { timeoutMs: 2000, ipv6 });
      try {
        const observation = await walker.walk("servfailv6.com");
        const addresses = nameserver(observation, SERVFAIL_V6).addresses;
        expect(addresses).toMatchObject({
          kind: "ok",
          source: "resolved",
          addresses: [address],
          incomplete: { type: "AAAA", why: { kind: "failed" } },
        });
        const why = addresses.kind === "ok" ? addresses.incomplete?.why.reason : undefined;
        expect(why).toContain("SERVFAIL");
        const gap = `${SERVFAIL_V6}: IPv6 addresses unknown: their lookup failed: ${why}`;
        expect(formatTrace(observation)).toContain(`resolved ${address} (IPv6 addresses unknown`);
        const report = judged("servfailv6.com", observation, [SERVFAIL_V6]);
        expect(report.findings.map((f) => f.rule)).toEqual(["insufficient-nameservers"]);
        for (const name of ["lame-delegation", "parent-child-ns-mismatch", "dangling-delegation"]) {
          expect(check(report, name)).toMatchObject({ status: "not-checked" });
          expect(check(report, name)?.reason).toContain(gap);
        }
      } finally {
        await walker.close();
      }
    }
    // With IPv6 off no AAAA is looked up: nothing is unknown, and the checks pass.
    const walker = labWalker(lab, { timeoutMs: 2000, ipv6: "off" });
    try {
      const observation = await walker.walk("servfailv6.com");
      expect(nameserver(observation, SERVFAIL_V6).addresses).toEqual({
        kind: "ok",
        source: "resolved",
        addresses: [address],
      });
      const report = judged("servfailv6.com", observation, [SERVFAIL_V6]);
      for (const name of ["lame-delegation", "parent-child-ns-mismatch", "dangling-delegation"]) {
        expect(check(report, name)).toMatchObject({ status: "pass" });
      }
    } finally {
      await walker.close();
    }
  });
});
