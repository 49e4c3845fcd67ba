// The `target-servers` check of a DNS-host move: a target server address nobody asked (beyond the
// walk's caps, past its query budget or deadline, no IPv6 route from this host) says nothing about
// the target, so the check is not checked, naming it; only answers that came back (REFUSED,
// SERVFAIL, no AA, the timeout of a query that was sent) fail it. Pure: observation builders in,
// the real judge out.
import { describe, expect, it } from "vitest";
import { judgeDomain } from "../../../src/judge/judge.js";
import { waiverBook } from "../../../src/judge/waivers.js";
import type {
  DelegationObservation,
  NameServerObservation,
  NotProbedReason,
  ServerAnswer,
} from "../../../src/observe/dns/types.js";
import type { MigrationObservations } from "../../../src/observe/observations.js";
import type { RRsetParity } from "../../../src/observe/record-parity/types.js";
import type { MigrationCheck } from "../../../src/report/model/model.js";
import {
  delegated,
  intent,
  NOW,
  nameserver,
  observations,
  parityCompared,
  R53_SET,
  zone,
} from "../../support/observations.js";
import { catalog } from "../../support/rules.js";

const HOVER = ["ns1.hover.com", "ns2.hover.com"];
const SERVING: ServerAnswer = { kind: "authoritative", ns: R53_SET };
const notProbed = (reason: NotProbedReason): ServerAnswer => ({ kind: "not-probed", reason });

/** The target's four servers: the first answering `first`, the others authoritatively. */
function targetServers(first: NameServerObservation): NameServerObservation[] {
  const [, ...rest] = R53_SET;
  return [first, ...rest.map((name) => nameserver(name, SERVING))];
}

/** The `name` check of a domain moving from Hover to Route 53, still delegated to Hover. */
function moveCheck(
  name: string,
  servers: readonly NameServerObservation[],
  delegation: DelegationObservation = delegated(HOVER),
  parity: MigrationObservations["parity"] = { kind: "skipped", reason: "not asked in this test" },
): MigrationCheck | undefined {
  const report = judgeDomain(
    intent({
      dnsHost: "route53",
      migration: {
        position: { file: "policies/example.yaml", line: 9, column: 5 },
        dnsHost: { from: "hover", to: "route53" },
        registrar: undefined,
        records: { names: [], dkimSelectors: [], maxNames: 200 },
      },
    }),
    observations({
      delegation,
      hostedZones: { kind: "found", account: "default", zones: [zone("Z1", R53_SET)] },
      migration: {
        targetServers: { kind: "probed", nameservers: R53_SET, servers },
        operations: { kind: "skipped", reason: "not asked in this test" },
        parity,
      },
    }),
    catalog,
    waiverBook([]),
    NOW,
  );
  return report.migration?.moves[0]?.checks.find((c) => c.name === name);
}

const targetServersCheck = (servers: readonly NameServerObservation[]) =>
  moveCheck("target-servers", servers);

describe("migration target-servers", () => {
  it("passes when every target server answers authoritatively", () => {
    const result = targetServersCheck(targetServers(nameserver(R53_SET[0] as string, SERVING)));
    expect(result).toMatchObject({ status: "pass" });
  });

  it.each([
    ["the walk's deadline", { kind: "walk-deadline", limitMs: 10_000 }, /10 s deadline/],
    ["the walk's query budget", { kind: "query-budget", limit: 1000 }, /the 1000 queries/],
    ["no IPv6 route from this host", { kind: "ipv6-off", cause: "no-route" }, /no IPv6 route/],
    ["the per-server address cap", { kind: "address-cap", limit: 8 }, /more than 8 addresses/],
  ] as const)(
    "a server address not asked (%s) is not checked, naming it, never a fail",
    (_, reason, says) => {
      const result = targetServersCheck(
        targetServers(nameserver(R53_SET[0] as string, notProbed(reason))),
      );
      expect(result?.status).toBe("not-checked");
      expect(result?.detail).toContain(`${R53_SET[0]} (`);
      expect(result?.detail).toMatch(says);
    },
  );

  it("a server whose address lookup was cut short is not checked; one that cannot be resolved fails", () => {
    const [first = ""] = R53_SET;
    const cutShort = targetServersCheck(
      targetServers({
        name: first,
        addresses: { kind: "not-probed", reason: { kind: "walk-deadline", limitMs: 10_000 } },
        probes: [],
      }),
    );
    expect(cutShort?.status).toBe("not-checked");
    expect(cutShort?.detail).toContain(
      `${first}: not probed: the walk had reached its 10 s deadline`,
    );

    const unresolvable = targetServersCheck(
      targetServers({ name: first, addresses: { kind: "no-addresses" }, probes: [] }),
    );
    expect(unresolvable).toMatchObject({
      status: "fail",
      detail: `not serving the zone: ${first} (no address)`,
    });
  });

  it.each([
    { kind: "refused" },
    { kind: "servfail" },
    { kind: "not-authoritative", detail: "no-aa" },
    { kind: "timeout" },
  ] as const)("a real answer that is not authoritative fails: %o", (answer) => {
    const result = targetServersCheck(targetServers(nameserver(R53_SET[0] as string, answer)));
    expect(result?.status).toBe("fail");
    expect(result?.detail).toContain(`(${answer.kind})`);
  });

  it("a real failure wins over an address not asked", () => {
    const [first = "", second = ""] = R53_SET;
    const result = targetServersCheck([
      nameserver(first, { kind: "refused" }),
      nameserver(second, notProbed({ kind: "walk-deadline", limitMs: 10_000 })),
      ...R53_SET.slice(2).map((name) => nameserver(name, SERVING)),
    ]);
    expect(result?.status).toBe("fail");
    expect(result?.detail).toContain(first);
    expect(result?.detail).not.toContain(second);
  });

  it("IPv6 addresses of a server asked at another address are left out by design, and said so", () => {
    const [first = ""] = R53_SET;
    const served = nameserver(first, SERVING);
    const dual: NameServerObservation = {
      ...served,
      probes: [
        ...served.probes,
        {
          address: "2001:db8::1",
          answer: notProbed({ kind: "ipv6-off", cause: "no-route" }),
          transport: "udp",
        },
      ],
    };
    const result = targetServersCheck(targetServers(dual));
    expect(result?.status).toBe("pass");
    expect(result?.detail).toMatch(/IPv6 addresses not probed: .*2001:db8::1/);
  });

  it("dnssec: a target server not asked leaves the check not checked, not passed on its behalf", () => {
    const signed = delegated(HOVER);
    if (signed.kind !== "delegated") throw new Error("a delegation");
    const ds = [{ keyTag: 12345, algorithm: 13, digestType: 2, digest: "ab".repeat(32) }];
    const result = moveCheck(
      "dnssec",
      targetServers(
        nameserver(R53_SET[0] as string, notProbed({ kind: "query-budget", limit: 1000 })),
      ),
      { ...signed, parent: { ...signed.parent, ds } },
    );
    expect(result?.status).toBe("not-checked");
    expect(result?.detail).toContain(`not every target server was asked: ${R53_SET[0]} (`);
  });
});

describe("migration record-parity", () => {
  const PAST_DEADLINE =
    "target host: ns-1.awsdns-01.org (198.51.100.2): not asked: record parity's time limit of 60000 ms has passed";
  const parityCheck = (...differences: RRsetParity[]) =>
    moveCheck(
      "record-parity",
      targetServers(nameserver(R53_SET[0] as string, SERVING)),
      delegated(HOVER),
      parityCompared({ namesCompared: 4, rrsetsCompared: 6 }, ...differences),
    );

  it("RRsets never asked about leave it not checked, naming the limit; never a pass", () => {
    const result = parityCheck(
      { kind: "not-asked", name: "www.example.com", type: "A", reason: PAST_DEADLINE },
      { kind: "not-asked", name: "mail.example.com", type: "A", reason: PAST_DEADLINE },
      { kind: "unanswered", name: "x.example.com", type: "A", reason: "timed out (UDP)" },
      { kind: "not-compared", name: "sub.example.com", type: "NS", reason: "a delegation" },
    );
    expect(result).toEqual({
      name: "record-parity",
      status: "not-checked",
      detail: `6 RRsets of 4 names compared: 3 could not be compared (2 not asked: ${PAST_DEADLINE})`,
    });
    expect(
      parityCheck({ kind: "unanswered", name: "x.example.com", type: "A", reason: "timed out" })
        ?.detail,
    ).toBe("6 RRsets of 4 names compared: 1 could not be compared");
  });

  // A target zone that lists a delegation below it could never be ready while such RRsets
  // counted as "could not be compared": they are not compared by design, and the pass says so.
  it("passes naming what is not compared by design (a delegation below the zone)", () => {
    expect(
      parityCheck({
        kind: "not-compared",
        name: "sub.example.com",
        type: "NS",
        reason: "a delegation below the zone",
      }),
    ).toEqual({
      name: "record-parity",
      status: "pass",
      detail:
        "6 RRsets of 4 names compared: identical; not compared by design: sub.example.com NS (a delegation below the zone)",
    });
  });

  it("is not checked when a side's servers serve different versions of the zone", () => {
    const result = moveCheck(
      "record-parity",
      targetServers(nameserver(R53_SET[0] as string, SERVING)),
      delegated(HOVER),
      {
        kind: "compared",
        oldServers: [{ name: "ns1.hover.com", address: "198.51.100.1" }],
        targetServers: [{ name: R53_SET[0] as string, address: "198.51.100.2" }],
        namesCompared: 4,
        rrsetsCompared: 6,
        differences: [],
        disagreements: [
          {
            side: "old",
            servers: [
              { server: { name: "ns1.hover.com", address: "198.51.100.1" }, serial: 2 },
              { server: { name: "ns2.hover.com", address: "198.51.100.4" }, serial: 1 },
            ],
          },
        ],
      },
    );
    expect(result).toEqual({
      name: "record-parity",
      status: "not-checked",
      detail:
        "6 RRsets of 4 names compared: the old host's servers serve different versions of the zone (SOA serial 2 at ns1.hover.com (198.51.100.1), 1 at ns2.hover.com (198.51.100.4)): its RRsets were asked of ns1.hover.com (198.51.100.1) first, and another server may serve other data",
    });
  });

  it("a missing RRset fails it, whatever was not asked", () => {
    const result = parityCheck(
      { kind: "not-asked", name: "www.example.com", type: "A", reason: PAST_DEADLINE },
      {
        kind: "missing",
        name: "example.com",
        type: "MX",
        old: { ttl: 300, data: ["10 mx.example.net"] },
      },
    );
    expect(result).toMatchObject({ status: "fail", detail: expect.stringContaining("1 missing") });
  });
});
