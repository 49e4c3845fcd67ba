import { describe, expect, it } from "vitest";
import { danglingDelegation } from "../../../src/judge/rules/domain/dangling-delegation.js";
import { dnsHostMismatch } from "../../../src/judge/rules/domain/dns-host-mismatch.js";
import { insufficientNameservers } from "../../../src/judge/rules/domain/insufficient-nameservers.js";
import { lameDelegation } from "../../../src/judge/rules/domain/lame-delegation.js";
import { nameserversMismatch } from "../../../src/judge/rules/domain/nameservers-mismatch.js";
import { parentChildNsMismatch } from "../../../src/judge/rules/domain/parent-child-ns-mismatch.js";
import { parentNsInconsistent } from "../../../src/judge/rules/domain/parent-ns-inconsistent.js";
import { deriveFacts } from "../../../src/judge/rules/facts.js";
import type {
  NameServerObservation,
  NotProbedReason,
  ServerAnswer,
} from "../../../src/observe/dns/types.js";
import {
  delegated,
  failedWalk,
  intent,
  nameserver,
  observations,
  R53_NEW_SET,
  R53_SET,
  undelegated,
  zone,
} from "../../support/observations.js";
import { catalog, evaluate, findingsOf } from "../../support/rules.js";

const CLOUDFLARE = ["ada.ns.cloudflare.com", "bob.ns.cloudflare.com"];
const HOVER = ["ns1.hover.com", "ns2.hover.com"];

/** Delegated to Route 53 servers that all answer REFUSED: the hosted zone was deleted. */
function deletedRoute53Zone() {
  const refused = R53_SET.map((n) => nameserver(n, { kind: "refused" }));
  return observations({ delegation: delegated(R53_SET, refused) });
}

/** Delegated to a Hover server and to one whose own domain, lapsed-dns.net, is not registered. */
function lapsedNameserverDomain() {
  const lapsed: NameServerObservation[] = [
    nameserver("ns1.hover.com", {
      kind: "authoritative",
      ns: ["ns1.hover.com", "ns1.lapsed-dns.net"],
    }),
    { name: "ns1.lapsed-dns.net", addresses: { kind: "nxdomain", zone: "net" }, probes: [] },
  ];
  return observations({ delegation: delegated(["ns1.hover.com", "ns1.lapsed-dns.net"], lapsed) });
}

/** Two hosted zones of the name: ZOLD with the delegated set, ZNEW with another. */
const duplicateZones = () =>
  observations({
    hostedZones: {
      kind: "found",
      account: "default",
      zones: [zone("ZOLD", R53_SET), zone("ZNEW", R53_NEW_SET)],
    },
  });

describe("dns-host-mismatch", () => {
  it("passes for Route 53 servers, and for white-label servers inside Route 53's address ranges", () => {
    expect(evaluate(dnsHostMismatch, intent(), observations()).kind).toBe("pass");
    const whiteLabel: NameServerObservation[] = ["ns1.example.com", "ns2.example.com"].map(
      (name, i) => ({
        name,
        addresses: { kind: "ok", source: "glue", addresses: [`205.251.200.${10 + i}`] },
        probes: [
          {
            address: `205.251.200.${10 + i}`,
            answer: { kind: "authoritative", ns: ["ns1.example.com", "ns2.example.com"] },
            transport: "udp",
          },
        ],
      }),
    );
    const o = observations({
      delegation: delegated(["ns1.example.com", "ns2.example.com"], whiteLabel),
    });
    expect(evaluate(dnsHostMismatch, intent(), o).kind).toBe("pass");
  });

  it("fails when DNS moved to another host, naming it", () => {
    const moved = observations({ delegation: delegated(CLOUDFLARE) });
    const [finding] = findingsOf(evaluate(dnsHostMismatch, intent(), moved));
    expect(finding.observed).toBe("cloudflare");
    expect(finding.message).toContain("Cloudflare");
  });

  it("calls a set split between two hosts a half-finished migration", () => {
    const split = observations({ delegation: delegated([...R53_SET.slice(0, 2), ...HOVER]) });
    const [finding] = findingsOf(evaluate(dnsHostMismatch, intent({ dnsHost: "hover" }), split));
    expect(finding.message).toMatch(/half-finished migration/);
  });

  it("fails for a registered domain that is not delegated, and is not checked when the walk failed", () => {
    const notDelegated = observations({
      delegation: undelegated(),
    });
    expect(findingsOf(evaluate(dnsHostMismatch, intent(), notDelegated))[0].observed).toBe(
      "not delegated",
    );
    const failed = observations({
      delegation: failedWalk("timeout"),
    });
    expect(evaluate(dnsHostMismatch, intent(), failed)).toEqual({
      kind: "not-checked",
      reason: "delegation: timeout",
    });
  });
});

describe("nameservers-mismatch", () => {
  it("catches a re-created hosted zone the registrar no longer points at", () => {
    const recreated = observations({
      hostedZones: { kind: "found", account: "default", zones: [zone("Z0NEWZONE", R53_NEW_SET)] },
    });
    const [finding] = findingsOf(evaluate(nameserversMismatch, intent(), recreated));
    expect(finding.expected).toEqual([...R53_NEW_SET].sort());
    expect(finding.observed).toEqual([...R53_SET].sort());
    expect(finding.message).toContain("Z0NEWZONE");
  });

  it("uses the policy's nameservers first, with the registrar's instructions", () => {
    const o = observations({ delegation: delegated(["ns1.hover.com", "ns3.hover.com"]) });
    const [finding] = findingsOf(
      evaluate(
        nameserversMismatch,
        intent({ registrar: "hover", dnsHost: "hover", nameservers: HOVER }),
        o,
      ),
    );
    expect(finding.remediation).toBe(
      "At Hover, set the name servers of example.com to: ns1.hover.com, ns2.hover.com.",
    );
  });

  it("follows the pinned zone among duplicates, and does not guess without a pin", () => {
    const dup = duplicateZones();
    expect(evaluate(nameserversMismatch, intent({ hostedZoneId: "ZOLD" }), dup).kind).toBe("pass");
    expect(evaluate(nameserversMismatch, intent({ hostedZoneId: "ZNEW" }), dup).kind).toBe("fail");
    expect(evaluate(nameserversMismatch, intent(), dup).kind).toBe("not-applicable");
  });

  it("is not checked when Route 53 is unavailable", () => {
    const denied = observations({
      hostedZones: {
        kind: "unavailable",
        account: "default",
        reason: "AccessDenied",
        deniedAction: "route53:ListHostedZones",
      },
    });
    expect(evaluate(nameserversMismatch, intent(), denied)).toEqual({
      kind: "not-checked",
      reason: "Route 53: AccessDenied",
    });
  });
});

describe("dangling-delegation", () => {
  it("flags Route 53 servers that all answer REFUSED: the zone was deleted, anyone can create it", () => {
    const [finding] = findingsOf(evaluate(danglingDelegation, intent(), deletedRoute53Zone()));
    expect(finding.message).toContain("anyone can create it");
    expect(danglingDelegation.severity).toBe("critical");
  });

  it("ignores silent servers but needs every answering one to refuse", () => {
    const mixed = [
      nameserver(R53_SET[0] as string, { kind: "refused" }),
      nameserver(R53_SET[1] as string, { kind: "timeout" }),
      nameserver(R53_SET[2] as string, { kind: "servfail" }),
      nameserver(R53_SET[3] as string, { kind: "unreachable", detail: "ECONNREFUSED" }),
    ];
    expect(
      evaluate(
        danglingDelegation,
        intent(),
        observations({ delegation: delegated(R53_SET, mixed) }),
      ).kind,
    ).toBe("fail");
    const oneServes = [...mixed.slice(0, 3), nameserver(R53_SET[3] as string)];
    expect(
      evaluate(
        danglingDelegation,
        intent(),
        observations({ delegation: delegated(R53_SET, oneServes) }),
      ).kind,
    ).toBe("pass");
  });

  it("never fires when no server answered at all: silence proves nothing, it is lameness", () => {
    const silent = [
      nameserver(R53_SET[0] as string, { kind: "timeout" }),
      nameserver(R53_SET[1] as string, { kind: "timeout" }),
      nameserver(R53_SET[2] as string, { kind: "unreachable", detail: "ECONNREFUSED" }),
      nameserver(R53_SET[3] as string, {
        kind: "blocked",
        reason: "10.0.0.1 is a private address",
      }),
    ];
    const o = observations({ delegation: delegated(R53_SET, silent) });
    expect(evaluate(danglingDelegation, intent(), o).kind).toBe("pass");
    expect(findingsOf(evaluate(lameDelegation, intent(), o))[0].severity).toBe("high");
  });

  it("flags name servers whose own domain is not registered", () => {
    const o = lapsedNameserverDomain();
    const [finding] = findingsOf(evaluate(danglingDelegation, intent({ dnsHost: "hover" }), o));
    expect(finding.message).toContain("domain lapsed-dns.net is not registered");
  });

  it("does not call a missing host inside a registered domain a takeover", () => {
    const missingHost: NameServerObservation[] = [
      nameserver("ns1.example.net", {
        kind: "authoritative",
        ns: ["ns1.example.net", "ns2.example.net"],
      }),
      { name: "ns2.example.net", addresses: { kind: "nxdomain", zone: "example.net" }, probes: [] },
    ];
    const o = observations({
      delegation: delegated(["ns1.example.net", "ns2.example.net"], missingHost),
    });
    expect(evaluate(danglingDelegation, intent({ dnsHost: "acme" }), o).kind).toBe("pass");
    expect(evaluate(lameDelegation, intent({ dnsHost: "acme" }), o).kind).toBe("fail");
  });
});

describe("lame-delegation", () => {
  it("lists the lame servers and is high when none answers", () => {
    const some = [
      nameserver("ns1.hover.com", { kind: "authoritative", ns: HOVER }),
      nameserver("ns2.hover.com", { kind: "not-authoritative", detail: "upward-referral" }),
    ];
    const [finding] = findingsOf(
      evaluate(lameDelegation, intent(), observations({ delegation: delegated(HOVER, some) })),
    );
    expect(finding.message).toContain("1 of 2");
    expect(finding.message).toContain("not authoritative (upward referral)");
    expect(finding.severity).toBeUndefined();
    const none = HOVER.map((n) => nameserver(n, { kind: "timeout" }));
    expect(
      findingsOf(
        evaluate(lameDelegation, intent(), observations({ delegation: delegated(HOVER, none) })),
      )[0].severity,
    ).toBe("high");
  });

  it("counts a non-public address as lame, and leaves a dangling Route 53 delegation to dangling-delegation", () => {
    const blocked = [
      nameserver("ns1.hover.com", { kind: "authoritative", ns: HOVER }),
      nameserver("ns2.hover.com", { kind: "blocked", reason: "10.0.0.1 is a private address" }),
    ];
    expect(
      findingsOf(
        evaluate(lameDelegation, intent(), observations({ delegation: delegated(HOVER, blocked) })),
      )[0].message,
    ).toContain("private");
    const refused = R53_SET.map((n) => nameserver(n, { kind: "refused" }));
    expect(
      evaluate(lameDelegation, intent(), observations({ delegation: delegated(R53_SET, refused) }))
        .kind,
    ).toBe("pass");
  });
});

describe("parent-child-ns-mismatch", () => {
  it("fails when the zone's apex NS differ from the delegation", () => {
    const child = R53_SET.map((n) =>
      nameserver(n, { kind: "authoritative", ns: [...R53_SET.slice(0, 3), "ns-9.awsdns-09.com"] }),
    );
    const [finding] = findingsOf(
      evaluate(
        parentChildNsMismatch,
        intent(),
        observations({ delegation: delegated(R53_SET, child) }),
      ),
    );
    expect(finding.observed).toContain("ns-9.awsdns-09.com");
  });

  it("uses the Route 53 apex NS when no server answers, else is not checked", () => {
    const silent = R53_SET.map((n) => nameserver(n, { kind: "timeout" }));
    const blind = observations({ delegation: delegated(R53_SET, silent) });
    expect(evaluate(parentChildNsMismatch, intent(), blind).kind).toBe("not-checked");
    const withApi = observations({
      delegation: delegated(R53_SET, silent),
      apexNameservers: { kind: "ok", account: "default", zoneId: "Z1", ns: R53_NEW_SET },
    });
    expect(evaluate(parentChildNsMismatch, intent(), withApi).kind).toBe("fail");
  });
});

describe("insufficient-nameservers and parent-ns-inconsistent", () => {
  it("needs two name servers", () => {
    const one = observations({ delegation: delegated(["ns1.hover.com"]) });
    expect(findingsOf(evaluate(insufficientNameservers, intent(), one))[0].observed).toBe(1);
    expect(evaluate(insufficientNameservers, intent(), observations()).kind).toBe("pass");
  });

  it("reports disagreeing parent servers only when all were asked", () => {
    expect(evaluate(parentNsInconsistent, intent(), observations()).kind).toBe("not-applicable");
    const base = delegated();
    if (base.kind !== "delegated") throw new Error("unreachable");
    const a = { name: "a.gtld-servers.net", address: "192.5.6.30" };
    const b = { name: "b.gtld-servers.net", address: "192.33.14.30" };
    const inconsistent = {
      ...base,
      parent: {
        ...base.parent,
        answers: [
          { server: a, answer: { kind: "delegation" as const, ns: R53_SET, ds: [] } },
          { server: b, answer: { kind: "delegation" as const, ns: R53_NEW_SET, ds: [] } },
        ],
        inconsistent: true,
      },
    };
    const [finding] = findingsOf(
      evaluate(parentNsInconsistent, intent(), observations({ delegation: inconsistent })),
    );
    expect(finding.observed).toHaveLength(2);
  });
});

describe("nameserver health: what the walk did not ask, and servers that cannot be asked", () => {
  const v4 = (name: string, address: string, answer: ServerAnswer): NameServerObservation => ({
    name,
    addresses: { kind: "ok", source: "glue", addresses: [address] },
    probes: [{ address, answer, transport: "udp" }],
  });
  const serving = (name: string) => v4(name, "192.0.2.1", { kind: "authoritative", ns: HOVER });
  const onHover = (...servers: NameServerObservation[]) =>
    observations({ delegation: delegated(HOVER, servers) });
  /** ns2.hover.com serving the zone at 192.0.2.2, and not asked at `other`, for `reason`. */
  const partlyAsked = (other: string, reason: NotProbedReason): NameServerObservation => ({
    name: "ns2.hover.com",
    addresses: { kind: "ok", source: "glue", addresses: ["192.0.2.2", other] },
    probes: [
      { address: "192.0.2.2", answer: { kind: "authoritative", ns: HOVER }, transport: "udp" },
      { address: other, answer: { kind: "not-probed", reason }, transport: "udp" },
    ],
  });

  it("is not checked, naming the server and the cap, when a name server was beyond the walk's cap", () => {
    const o = onHover(serving("ns1.hover.com"), {
      name: "ns2.hover.com",
      addresses: { kind: "not-probed", reason: { kind: "nameserver-cap", limit: 1 } },
      probes: [],
    });
    const reason =
      "ns2.hover.com: not probed: the delegation lists more than 1 name servers, and a walk probes 1";
    expect(evaluate(lameDelegation, intent(), o)).toEqual({
      kind: "not-checked",
      reason: `not every delegated server was asked: ${reason}`,
    });
    expect(evaluate(parentChildNsMismatch, intent(), o)).toEqual({
      kind: "not-checked",
      reason: `not every delegated server was asked for its NS set: ${reason}`,
    });
  });

  it("is not checked for an address this host has no route to, grouped per server", () => {
    const unroutable: NameServerObservation = {
      name: "ns2.hover.com",
      addresses: { kind: "ok", source: "glue", addresses: ["2001:db8::1", "2001:db8::2"] },
      probes: ["2001:db8::1", "2001:db8::2"].map((address) => ({
        address,
        answer: { kind: "unroutable", detail: "ENETUNREACH" },
        transport: "udp",
      })),
    };
    expect(
      evaluate(lameDelegation, intent(), onHover(serving("ns1.hover.com"), unroutable)),
    ).toEqual({
      kind: "not-checked",
      reason:
        "not every delegated server was asked: ns2.hover.com (2001:db8::1, 2001:db8::2): unroutable: ENETUNREACH",
    });
  });

  it("passes noting the IPv6 addresses it left out while every server was asked over IPv4", () => {
    const dual = partlyAsked("2001:db8::2", {
      kind: "ipv6-off",
      cause: "no-route",
    });
    const o = onHover(serving("ns1.hover.com"), dual);
    const note =
      "IPv6 addresses not probed: ns2.hover.com (2001:db8::2): not probed: this host has no IPv6 route.";
    expect(evaluate(lameDelegation, intent(), o)).toEqual({ kind: "pass", note });
    expect(evaluate(parentChildNsMismatch, intent(), o)).toEqual({ kind: "pass", note });
  });

  it.each([
    [
      "AAAA",
      { kind: "cut-short", reason: { kind: "walk-deadline", limitMs: 10_000 } },
      "IPv6 addresses not looked up: the walk had reached its 10 s",
    ],
    [
      "A",
      { kind: "cut-short", reason: { kind: "query-budget", limit: 1000 } },
      "IPv4 addresses not looked up: the walk had sent the 1000 queries",
    ],
    [
      "AAAA",
      { kind: "failed", reason: "no server of hover.com answered: SERVFAIL" },
      "IPv6 addresses unknown: their lookup failed: no server of hover.com answered: SERVFAIL",
    ],
    [
      "A",
      { kind: "failed", reason: "timed out" },
      "IPv4 addresses unknown: their lookup failed: timed out",
    ],
  ] as const)(
    "is not checked when a server's %s lookup was cut short or failed after the other family's found addresses (%j)",
    (type, why, says) => {
      // Asked at the address found, it serves the zone; its other addresses are unknown.
      const halfResolved: NameServerObservation = {
        ...v4("ns2.hover.com", "192.0.2.2", { kind: "authoritative", ns: HOVER }),
        addresses: {
          kind: "ok",
          source: "resolved",
          addresses: ["192.0.2.2"],
          incomplete: { type, why },
        },
      };
      const o = onHover(serving("ns1.hover.com"), halfResolved);
      const gap = `ns2.hover.com: ${says}`;
      for (const rule of [lameDelegation, parentChildNsMismatch, danglingDelegation]) {
        const verdict = evaluate(rule, intent(), o);
        expect(verdict.kind).toBe("not-checked");
        expect(verdict.kind === "not-checked" && verdict.reason).toContain(gap);
      }
      // A server that already fails the check fails it, whatever addresses are unknown.
      const lame = v4("ns1.hover.com", "192.0.2.1", { kind: "servfail" });
      expect(evaluate(lameDelegation, intent(), onHover(lame, halfResolved)).kind).toBe("fail");
    },
  );

  it("says a walk with IPv6 off looked up no IPv6 addresses", () => {
    const base = delegated(HOVER, [serving("ns1.hover.com"), serving("ns2.hover.com")]);
    const o = observations({ delegation: { ...base, ipv6: "off" } as typeof base });
    expect(evaluate(lameDelegation, intent(), o)).toEqual({
      kind: "pass",
      note: "IPv6 is off: name servers' IPv6 addresses were not looked up.",
    });
  });

  it("does not examine a server whose only addresses were IPv6 ones left out", () => {
    const v6only: NameServerObservation = {
      name: "ns2.hover.com",
      addresses: { kind: "ok", source: "resolved", addresses: ["2001:db8::2"] },
      probes: [
        {
          address: "2001:db8::2",
          answer: { kind: "not-probed", reason: { kind: "ipv6-off", cause: "disabled" } },
          transport: "udp",
        },
      ],
    };
    expect(evaluate(lameDelegation, intent(), onHover(serving("ns1.hover.com"), v6only))).toEqual({
      kind: "not-checked",
      reason:
        "not every delegated server was asked: ns2.hover.com (2001:db8::2): not probed: IPv6 is off",
    });
  });

  it("lists five gaps and counts the rest", () => {
    const capped = Array.from({ length: 7 }, (_, i) => ({
      name: `ns${i + 2}.hover.com`,
      addresses: { kind: "not-probed", reason: { kind: "nameserver-cap", limit: 1 } } as const,
      probes: [],
    }));
    const verdict = evaluate(
      lameDelegation,
      intent(),
      onHover(serving("ns1.hover.com"), ...capped),
    );
    if (verdict.kind !== "not-checked")
      throw new Error(`expected not-checked, got ${verdict.kind}`);
    expect(verdict.reason).toContain("ns6.hover.com: not probed");
    expect(verdict.reason).not.toContain("ns7.hover.com");
    expect(verdict.reason).toMatch(/; and 2 more$/);
    const five = evaluate(
      lameDelegation,
      intent(),
      onHover(serving("ns1.hover.com"), ...capped.slice(0, 5)),
    );
    expect(five.kind === "not-checked" && five.reason).toContain("ns6.hover.com: not probed");
    expect(five.kind === "not-checked" && five.reason).not.toMatch(/; and \d+ more/);
  });

  it("calls servers that cannot be resolved lame, saying why, and counts them", () => {
    const o = onHover(
      serving("ns1.hover.com"),
      {
        name: "ns2.hover.com",
        addresses: { kind: "failed", reason: "SERVFAIL from hover.com" },
        probes: [],
      },
      { name: "ns3.hover.com", addresses: { kind: "no-addresses" }, probes: [] },
    );
    const [finding] = findingsOf(evaluate(lameDelegation, intent(), o));
    expect(finding.message).toContain("2 of 3 delegated server addresses of example.com are lame");
    expect(finding.observed).toEqual([
      "ns2.hover.com: cannot be resolved: SERVFAIL from hover.com",
      "ns3.hover.com: cannot be resolved: the name has no address",
    ]);
    expect(finding.severity).toBeUndefined();
  });

  it("counts an authoritative answer without NS records (NODATA) as lame, not as serving the zone", () => {
    const o = onHover(
      v4("ns1.hover.com", "192.0.2.1", { kind: "authoritative", ns: [] }),
      v4("ns2.hover.com", "192.0.2.2", { kind: "refused" }),
    );
    const [finding] = findingsOf(evaluate(lameDelegation, intent(), o));
    expect(finding.message).toContain("No delegated server of example.com answers authoritatively");
    expect(finding.observed).toEqual([
      "ns1.hover.com (192.0.2.1): authoritative, no NS records",
      "ns2.hover.com (192.0.2.2): REFUSED",
    ]);
    expect(finding.severity).toBe("high");
  });

  it("leaves servers it never asked out of the count of lame addresses", () => {
    const o = onHover(
      serving("ns1.hover.com"),
      v4("ns2.hover.com", "192.0.2.2", { kind: "refused" }),
      {
        name: "ns3.hover.com",
        addresses: { kind: "ok", source: "glue", addresses: ["192.0.2.3", "192.0.2.4"] },
        probes: [
          { address: "192.0.2.3", answer: { kind: "authoritative", ns: HOVER }, transport: "udp" },
          {
            address: "192.0.2.4",
            answer: { kind: "not-probed", reason: { kind: "address-cap", limit: 1 } },
            transport: "udp",
          },
        ],
      },
    );
    const [finding] = findingsOf(evaluate(lameDelegation, intent(), o));
    expect(finding.message).toContain("1 of 3 delegated server addresses");
  });

  it("reports name servers under one lapsed domain once, naming each, also when the root said NXDOMAIN", () => {
    const lapsed = ["ns1.lapsed-dns.net", "ns2.lapsed-dns.net"].map(
      (name): NameServerObservation => ({
        name,
        addresses: { kind: "nxdomain", zone: "net" },
        probes: [],
      }),
    );
    const gone: NameServerObservation = {
      name: "ns1.oldhost.example",
      addresses: { kind: "nxdomain", zone: "." },
      probes: [],
    };
    const names = [...lapsed.map((ns) => ns.name), gone.name];
    const o = observations({ delegation: delegated(names, [...lapsed, gone]) });
    const findings = findingsOf(evaluate(danglingDelegation, intent({ dnsHost: "acme" }), o));
    expect(findings.map((f) => [f.key, f.observed])).toEqual([
      ["domain:lapsed-dns.net", ["ns1.lapsed-dns.net", "ns2.lapsed-dns.net"]],
      ["domain:oldhost.example", ["ns1.oldhost.example"]],
    ]);
    expect(findings[0]?.message).toBe(
      "example.com is delegated to ns1.lapsed-dns.net, ns2.lapsed-dns.net, but the name servers' domain lapsed-dns.net is not registered: anyone who registers it can answer for example.com.",
    );
    expect(findings[0]?.remediation).toBe(
      "Remove ns1.lapsed-dns.net, ns2.lapsed-dns.net from the delegation of example.com at once (or register lapsed-dns.net yourself).",
    );
  });

  it("names a shared host's refusals in one finding keyed by the host, and leaves a private host to lameness", () => {
    const refusing = [
      nameserver(R53_SET[0] as string, { kind: "refused" }),
      nameserver(R53_SET[1] as string, { kind: "servfail" }),
      nameserver(R53_SET[2] as string, { kind: "refused" }),
      nameserver(R53_SET[3] as string, { kind: "refused" }),
    ];
    const [finding, ...others] = findingsOf(
      evaluate(
        danglingDelegation,
        intent(),
        observations({ delegation: delegated(R53_SET, refusing) }),
      ),
    );
    expect(others).toEqual([]);
    expect(finding.key).toBe("host:route53");
    expect(finding.message).toContain(
      "every answering Amazon Route 53 server answers REFUSED/SERVFAIL",
    );
    expect(finding.observed).toEqual(R53_SET);
    const hoverRefusing = HOVER.map((n) => nameserver(n, { kind: "refused" }));
    const atHover = observations({ delegation: delegated(HOVER, hoverRefusing) });
    expect(evaluate(danglingDelegation, intent({ dnsHost: "hover" }), atHover)).toEqual({
      kind: "pass",
    });
    expect(evaluate(lameDelegation, intent({ dnsHost: "hover" }), atHover).kind).toBe("fail");
  });

  it("is not checked for an address beyond the per-server cap, though the server answered at another", () => {
    const twoAddresses = partlyAsked("192.0.2.3", {
      kind: "address-cap",
      limit: 1,
    });
    expect(
      evaluate(lameDelegation, intent(), onHover(serving("ns1.hover.com"), twoAddresses)),
    ).toEqual({
      kind: "not-checked",
      reason:
        "not every delegated server was asked: ns2.hover.com (192.0.2.3): not probed: the name server has more than 1 addresses, and a walk probes 1 per server",
    });
  });

  it("with IPv6 off, says so and names the IPv6 addresses of the glue it did not probe, in one note", () => {
    const dual = partlyAsked("2001:db8::2", {
      kind: "ipv6-off",
      cause: "disabled",
    });
    const base = delegated(HOVER, [serving("ns1.hover.com"), dual]);
    const o = observations({ delegation: { ...base, ipv6: "off" } as typeof base });
    expect(evaluate(lameDelegation, intent(), o)).toEqual({
      kind: "pass",
      note: "IPv6 is off: name servers' IPv6 addresses were not looked up; IPv6 addresses not probed: ns2.hover.com (2001:db8::2): not probed: IPv6 is off.",
    });
  });

  it.each([
    ["a zone inside its own registered domain", "ns3.dns.example.net", "dns.example.net"],
    ["a zone whose name only ends in the same letters", "ns3.hostexample.net", "example.net"],
    ["its own name, a public suffix: there is no domain to register", "ns.ck", "ck"],
  ])(
    "calls a server lame, not dangling, when the NXDOMAIN for its name came from %s",
    (_, name, zone) => {
      const o = onHover(serving("ns1.hover.com"), serving("ns2.hover.com"), {
        name,
        addresses: { kind: "nxdomain", zone },
        probes: [],
      });
      expect(evaluate(danglingDelegation, intent({ dnsHost: "hover" }), o)).toEqual({
        kind: "pass",
      });
      const observed = [`${name}: the name does not exist (NXDOMAIN from ${zone})`];
      expect(findingsOf(evaluate(lameDelegation, intent({ dnsHost: "hover" }), o))).toEqual([
        {
          message: `1 of 3 delegated server addresses of example.com are lame: ${observed[0]}.`,
          expected: "every delegated server answers authoritatively",
          observed,
          remediation: "Make these servers serve example.com, or remove them from its delegation.",
        },
      ]);
    },
  );

  it("sorts the servers into a shared host without the zone, lame addresses and the counts of addresses asked", () => {
    const refusing = CLOUDFLARE.map((name, i) =>
      v4(name, `192.0.2.${10 + i}`, { kind: "refused" }),
    );
    const o = onHover(
      ...refusing,
      serving("ns1.hover.com"),
      v4("ns2.hover.com", "192.0.2.2", { kind: "timeout" }),
    );
    expect(deriveFacts(intent(), o, catalog).health).toEqual({
      dangling: [
        {
          kind: "zone-absent-at-shared-host",
          subject: "cloudflare",
          nameservers: CLOUDFLARE,
          answers: "REFUSED",
        },
      ],
      lame: [{ nameserver: "ns2.hover.com", address: "192.0.2.2", detail: "timeout" }],
      authoritative: 1,
      total: 4,
      unexamined: undefined,
      ipv6Note: undefined,
    });
    expect(findingsOf(evaluate(lameDelegation, intent(), o))[0]?.message).toBe(
      "1 of 4 delegated server addresses of example.com are lame: ns2.hover.com (192.0.2.2): timeout.",
    );
  });
});

describe("delegation rules: what each names, and when it does not apply", () => {
  const notDelegated = (reason: "nxdomain" | "no-delegation") =>
    observations({ delegation: undelegated(reason) });
  const failed = observations({
    delegation: failedWalk(),
  });
  const walkFailed = { kind: "not-checked", reason: "delegation: all com servers timed out" };

  it("dns-host-mismatch: says why an undelegated domain has no DNS, and leaves an unregistered one to domain-not-registered", () => {
    expect(
      findingsOf(evaluate(dnsHostMismatch, intent(), notDelegated("nxdomain")))[0].message,
    ).toBe(
      "example.com is not delegated: the com servers answer NXDOMAIN, so it has no DNS at Amazon Route 53.",
    );
    expect(
      findingsOf(evaluate(dnsHostMismatch, intent(), notDelegated("no-delegation")))[0].message,
    ).toContain("the com servers have no NS records for it");
    const unregistered = observations({
      ...notDelegated("nxdomain"),
      rdap: { kind: "not-registered", domain: "example.com", url: "https://rdap.example/d" },
    });
    expect(evaluate(dnsHostMismatch, intent(), unregistered)).toEqual({
      kind: "not-applicable",
      reason: "the domain is not registered (see domain-not-registered)",
    });
  });

  it("dns-host-mismatch: names each part of a split set, unknown servers included, and the servers of an unknown host", () => {
    const split = observations({
      delegation: delegated([...R53_SET.slice(0, 2), "ns1.example.org"]),
    });
    const [finding] = findingsOf(evaluate(dnsHostMismatch, intent({ dnsHost: "hover" }), split));
    expect(finding.message).toContain("Amazon Route 53 (");
    expect(finding.message).toContain("and unknown servers (ns1.example.org)");
    const unknown = observations({ delegation: delegated(["ns1.example.org", "ns2.example.org"]) });
    const [other] = findingsOf(evaluate(dnsHostMismatch, intent(), unknown));
    expect(other.message).toBe(
      "example.com is delegated to servers of no known provider, not Amazon Route 53.",
    );
    expect(other.observed).toBe("ns1.example.org, ns2.example.org");
  });

  it("dns-host-mismatch: gives the exact command for a known zone, else says where to point the domain", () => {
    const moved = observations({ delegation: delegated(CLOUDFLARE) });
    expect(findingsOf(evaluate(dnsHostMismatch, intent(), moved))[0].remediation).toContain(
      "aws route53domains update-domain-nameservers --region us-east-1 --domain-name example.com",
    );
    expect(
      findingsOf(evaluate(dnsHostMismatch, intent({ dnsHost: "hover" }), moved))[0].remediation,
    ).toBe(
      "Point example.com at the name servers Hover assigned to its zone (at Amazon Route 53), or correct `dnsHost` in the policy.",
    );
  });

  it("nameservers-mismatch: names the policy's set, and neither guesses without one nor judges an undelegated domain", () => {
    const o = observations({ delegation: delegated(["ns1.hover.com", "ns3.hover.com"]) });
    const [finding] = findingsOf(
      evaluate(nameserversMismatch, intent({ dnsHost: "hover", nameservers: HOVER }), o),
    );
    expect(finding.message).toBe(
      "example.com is delegated to ns1.hover.com, ns3.hover.com, but the policy's nameservers is ns1.hover.com, ns2.hover.com.",
    );
    const noZone = observations({ hostedZones: { kind: "none", account: "default" } });
    expect(evaluate(nameserversMismatch, intent(), noZone)).toEqual({
      kind: "not-applicable",
      reason: "the policy implies no exact name-server set",
    });
    expect(evaluate(nameserversMismatch, intent(), notDelegated("nxdomain"))).toEqual({
      kind: "not-applicable",
      reason: "the domain is not delegated (see dns-host-mismatch)",
    });
    expect(evaluate(nameserversMismatch, intent(), failed)).toEqual(walkFailed);
  });

  it("insufficient-nameservers: says how many and how many are needed", () => {
    const [finding] = findingsOf(
      evaluate(
        insufficientNameservers,
        intent(),
        observations({ delegation: delegated(["ns1.hover.com"]) }),
      ),
    );
    expect(finding).toMatchObject({
      message: "example.com is delegated to 1 name server; at least 2 are needed.",
      expected: ">= 2",
    });
    expect(
      evaluate(insufficientNameservers, intent(), observations({ delegation: delegated(HOVER) })),
    ).toEqual({ kind: "pass" });
    expect(evaluate(insufficientNameservers, intent(), notDelegated("nxdomain")).kind).toBe(
      "not-applicable",
    );
    expect(evaluate(insufficientNameservers, intent(), failed)).toEqual(walkFailed);
  });

  it("parent-ns-inconsistent: passes parent servers that agree and names what each said when they do not", () => {
    const base = delegated();
    if (base.kind !== "delegated") throw new Error("unreachable");
    const a = { name: "a.gtld-servers.net", address: "192.5.6.30" };
    const b = { name: "b.gtld-servers.net", address: "192.33.14.30" };
    const answered = (
      second: { kind: "delegation"; ns: string[]; ds: [] } | { kind: "nxdomain" },
      inconsistent: boolean,
    ) =>
      observations({
        delegation: {
          ...base,
          parent: {
            ...base.parent,
            answers: [
              { server: a, answer: { kind: "delegation", ns: HOVER, ds: [] } },
              { server: b, answer: second },
            ],
            inconsistent,
          },
        },
      });
    expect(
      evaluate(
        parentNsInconsistent,
        intent(),
        answered({ kind: "delegation", ns: HOVER, ds: [] }, false),
      ),
    ).toEqual({ kind: "pass" });
    const [finding] = findingsOf(
      evaluate(parentNsInconsistent, intent(), answered({ kind: "nxdomain" }, true)),
    );
    expect(finding.message).toBe("The com servers give different delegations for example.com.");
    expect(finding.observed).toEqual([
      "a.gtld-servers.net (192.5.6.30): ns1.hover.com, ns2.hover.com",
      "b.gtld-servers.net (192.33.14.30): nxdomain",
    ]);
    expect(evaluate(parentNsInconsistent, intent(), notDelegated("nxdomain")).kind).toBe(
      "not-applicable",
    );
    expect(evaluate(parentNsInconsistent, intent(), failed)).toEqual(walkFailed);
  });

  it("parent-child-ns-mismatch: names every differing child set, and passes when the zone agrees", () => {
    const first = [...R53_SET.slice(0, 3), "ns-9.awsdns-09.com"];
    const second = [...R53_SET.slice(0, 2)];
    const servers = [
      nameserver(R53_SET[0] as string, { kind: "authoritative", ns: first }),
      nameserver(R53_SET[1] as string, { kind: "authoritative", ns: second }),
      nameserver(R53_SET[2] as string),
      nameserver(R53_SET[3] as string),
    ];
    const [finding] = findingsOf(
      evaluate(
        parentChildNsMismatch,
        intent(),
        observations({ delegation: delegated(R53_SET, servers) }),
      ),
    );
    expect(finding.observed).toEqual([first.join(", "), second.join(", ")]);
    expect(finding.message).toContain(
      `lists ${first.join(", ")} / ${second.join(", ")} as its name servers`,
    );
    expect(finding.expected).toEqual([...R53_SET].sort());
    expect(evaluate(parentChildNsMismatch, intent(), observations())).toEqual({ kind: "pass" });
    expect(evaluate(parentChildNsMismatch, intent(), notDelegated("nxdomain")).kind).toBe(
      "not-applicable",
    );
    expect(evaluate(parentChildNsMismatch, intent(), failed)).toEqual(walkFailed);
  });
});

describe("dangling-delegation: which answers prove the zone is absent", () => {
  it("counts NXDOMAIN from every answering server of a shared host as the zone being absent", () => {
    const nx = CLOUDFLARE.map((n) => nameserver(n, { kind: "nxdomain" }));
    const o = observations({ delegation: delegated(CLOUDFLARE, nx) });
    const [finding] = findingsOf(
      evaluate(danglingDelegation, intent({ dnsHost: "cloudflare" }), o),
    );
    expect(finding.key).toBe("host:cloudflare");
    expect(finding.message).toContain("answers NXDOMAIN for it");
  });

  it("takes servers it never asked (private, unroutable, beyond a cap) for silence, not for serving the zone", () => {
    for (const silent of [
      { kind: "blocked", reason: "10.0.0.1 is a private address" },
      { kind: "unroutable", detail: "ENETUNREACH" },
      { kind: "not-probed", reason: { kind: "address-cap", limit: 1 } },
    ] as const) {
      const servers = [
        nameserver(R53_SET[0] as string, { kind: "refused" }),
        nameserver(R53_SET[1] as string, { kind: "refused" }),
        nameserver(R53_SET[2] as string, silent),
        nameserver(R53_SET[3] as string, silent),
      ];
      const o = observations({ delegation: delegated(R53_SET, servers) });
      expect(evaluate(danglingDelegation, intent(), o).kind, silent.kind).toBe("fail");
    }
  });
});

describe("dangling-delegation: its reasons and remedies", () => {
  it("is not checked when the walk failed and does not apply to an undelegated domain", () => {
    const failed = observations({
      delegation: failedWalk(),
    });
    expect(evaluate(danglingDelegation, intent(), failed)).toEqual({
      kind: "not-checked",
      reason: "delegation: all com servers timed out",
    });
    const notDelegated = observations({
      delegation: undelegated(),
    });
    expect(evaluate(danglingDelegation, intent(), notDelegated)).toEqual({
      kind: "not-applicable",
      reason: "the domain is not delegated",
    });
  });

  it("tells how to close a takeover at a shared host: point elsewhere, or re-create the zone on those servers", () => {
    const [finding] = findingsOf(evaluate(danglingDelegation, intent(), deletedRoute53Zone()));
    expect(finding.expected).toBe("the zone served by the delegated servers");
    expect(finding.remediation).toBe(
      "Point the delegation of example.com at the servers that host its zone now, or re-create the zone at Amazon Route 53 on exactly these servers; then review who deleted it.",
    );
  });

  it("tells how to close a takeover through a lapsed name-server domain: remove its servers at once", () => {
    const o = lapsedNameserverDomain();
    const [finding] = findingsOf(evaluate(danglingDelegation, intent({ dnsHost: "hover" }), o));
    expect(finding.expected).toBe("name servers in registered domains");
    expect(finding.remediation).toBe(
      "Remove ns1.lapsed-dns.net from the delegation of example.com at once (or register lapsed-dns.net yourself).",
    );
  });
});

describe("delegation rules: exact verdicts, findings and remedies", () => {
  const walkFailed = { kind: "not-checked", reason: "delegation: all com servers timed out" };
  const notDelegated = { kind: "not-applicable", reason: "the domain is not delegated" };
  /** A Hover delegation whose servers answer as given, one address apiece. */
  const hoverAnswering = (...answers: ServerAnswer[]) => {
    const servers = answers.map((answer, i) => nameserver(`ns${i + 1}.hover.com`, answer));
    return {
      o: observations({
        delegation: delegated(
          servers.map((s) => s.name),
          servers,
        ),
      }),
      addressOf: (i: number) => servers[i]?.probes[0]?.address,
    };
  };
  const capped: NameServerObservation = {
    name: "ns3.hover.com",
    addresses: { kind: "not-probed", reason: { kind: "nameserver-cap", limit: 2 } },
    probes: [],
  };
  const cappedGap =
    "ns3.hover.com: not probed: the delegation lists more than 2 name servers, and a walk probes 2";

  it.each([
    ["lame-delegation", lameDelegation],
    ["parent-child-ns-mismatch", parentChildNsMismatch],
    ["dangling-delegation", danglingDelegation],
  ] as const)(
    "%s is not checked when the walk failed, and does not apply to an undelegated domain",
    (_, rule) => {
      expect(evaluate(rule, intent(), observations({ delegation: failedWalk() }))).toEqual(
        walkFailed,
      );
      expect(evaluate(rule, intent(), observations({ delegation: undelegated() }))).toEqual(
        notDelegated,
      );
    },
  );

  it("lame-delegation: names each lame address, and what every server is expected to do", () => {
    const authoritative = {
      kind: "authoritative",
      ns: ["ns1.hover.com", "ns2.hover.com", "ns3.hover.com"],
    } as const;
    const { o, addressOf } = hoverAnswering(
      authoritative,
      { kind: "refused" },
      { kind: "servfail" },
    );
    const observed = [
      `ns2.hover.com (${addressOf(1)}): REFUSED`,
      `ns3.hover.com (${addressOf(2)}): SERVFAIL`,
    ];
    expect(findingsOf(evaluate(lameDelegation, intent(), o))).toEqual([
      {
        message: `2 of 3 delegated server addresses of example.com are lame: ${observed.join("; ")}.`,
        expected: "every delegated server answers authoritatively",
        observed,
        remediation: "Make these servers serve example.com, or remove them from its delegation.",
      },
    ]);
  });

  it("lame-delegation: when no server answers, says the domain has none, high", () => {
    const { o, addressOf } = hoverAnswering({ kind: "refused" }, { kind: "timeout" });
    const observed = [
      `ns1.hover.com (${addressOf(0)}): REFUSED`,
      `ns2.hover.com (${addressOf(1)}): timeout`,
    ];
    expect(findingsOf(evaluate(lameDelegation, intent(), o))).toEqual([
      {
        message: `No delegated server of example.com answers authoritatively: ${observed.join("; ")}.`,
        expected: "every delegated server answers authoritatively",
        observed,
        remediation: "Make these servers serve example.com, or remove them from its delegation.",
        severity: "high",
      },
    ]);
  });

  it("parent-child-ns-mismatch: when no server answers, says the zone's NS set is unknown, naming servers not asked", () => {
    const silent = observations({
      delegation: delegated(
        HOVER,
        HOVER.map((n) => nameserver(n, { kind: "timeout" })),
      ),
    });
    expect(evaluate(parentChildNsMismatch, intent(), silent)).toEqual({
      kind: "not-checked",
      reason: "no delegated server answered authoritatively, so the zone's own NS set is unknown",
    });
    const names = [...HOVER, capped.name];
    const partlyAsked = observations({
      delegation: delegated(names, [
        ...HOVER.map((n) => nameserver(n, { kind: "timeout" })),
        capped,
      ]),
    });
    expect(evaluate(parentChildNsMismatch, intent(), partlyAsked)).toEqual({
      kind: "not-checked",
      reason: `no delegated server answered authoritatively, so the zone's own NS set is unknown (not asked: ${cappedGap})`,
    });
  });

  it("parent-child-ns-mismatch: one differing set is the observed set itself, with the remedy", () => {
    const child = [...R53_SET.slice(0, 3), "ns-9.awsdns-09.com"];
    const servers = R53_SET.map((n) => nameserver(n, { kind: "authoritative", ns: child }));
    const o = observations({ delegation: delegated(R53_SET, servers) });
    expect(findingsOf(evaluate(parentChildNsMismatch, intent(), o))).toEqual([
      {
        message: `The zone example.com lists ${child.join(", ")} as its name servers, but the parent delegates to ${[...R53_SET].sort().join(", ")}.`,
        expected: [...R53_SET].sort(),
        observed: child,
        remediation:
          "Make the apex NS records of example.com and the delegation at the registrar the same set.",
      },
    ]);
  });

  it("dangling-delegation: names every server of the shared host in its finding", () => {
    const [finding] = findingsOf(evaluate(danglingDelegation, intent(), deletedRoute53Zone()));
    expect(finding.message).toBe(
      `example.com is delegated to Amazon Route 53 (${R53_SET.join(", ")}), but every answering Amazon Route 53 server answers REFUSED for it: the zone is not there, and anyone can create it on those servers and answer for example.com.`,
    );
  });

  it("dangling-delegation: passes when every server was asked and none dangles, else names the server not asked", () => {
    const serving = (name: string) => nameserver(name, { kind: "authoritative", ns: HOVER });
    const all = observations({ delegation: delegated(HOVER, HOVER.map(serving)) });
    expect(evaluate(danglingDelegation, intent({ dnsHost: "hover" }), all)).toEqual({
      kind: "pass",
    });
    const partly = observations({
      delegation: delegated([...HOVER, capped.name], [...HOVER.map(serving), capped]),
    });
    expect(evaluate(danglingDelegation, intent({ dnsHost: "hover" }), partly)).toEqual({
      kind: "not-checked",
      reason: `not every delegated server was asked: ${cappedGap}`,
    });
  });

  it("dns-host-mismatch: names every server of each part of a split set", () => {
    const split = observations({
      delegation: delegated([...R53_SET.slice(0, 2), ...HOVER]),
    });
    const [finding] = findingsOf(
      evaluate(dnsHostMismatch, intent({ dnsHost: "cloudflare" }), split),
    );
    expect(finding.message).toBe(
      `example.com is delegated to Hover (${HOVER.join(", ")}) and Amazon Route 53 (${R53_SET.slice(0, 2).join(", ")}) (a half-finished migration?), not Cloudflare.`,
    );
  });

  it("insufficient-nameservers: says why it does not apply, and how many servers to add", () => {
    expect(
      evaluate(insufficientNameservers, intent(), observations({ delegation: undelegated() })),
    ).toEqual(notDelegated);
    const one = observations({ delegation: delegated(["ns1.hover.com"]) });
    expect(findingsOf(evaluate(insufficientNameservers, intent(), one))).toEqual([
      {
        message: "example.com is delegated to 1 name server; at least 2 are needed.",
        expected: ">= 2",
        observed: 1,
        remediation:
          "Add name servers to the delegation of example.com (at least 2, ideally on separate networks).",
      },
    ]);
  });

  it("parent-ns-inconsistent: says why it does not apply, what it expects and what to do", () => {
    expect(
      evaluate(parentNsInconsistent, intent(), observations({ delegation: undelegated() })),
    ).toEqual(notDelegated);
    expect(evaluate(parentNsInconsistent, intent(), observations())).toEqual({
      kind: "not-applicable",
      reason: "only one parent server was asked (use --all-parents)",
    });
    const base = delegated(HOVER);
    if (base.kind !== "delegated") throw new Error("unreachable");
    const a = { name: "a.gtld-servers.net", address: "192.5.6.30" };
    const b = { name: "b.gtld-servers.net", address: "192.33.14.30" };
    const inconsistent = observations({
      delegation: {
        ...base,
        parent: {
          ...base.parent,
          answers: [
            { server: a, answer: { kind: "delegation", ns: HOVER, ds: [] } },
            { server: b, answer: { kind: "nxdomain" } },
          ],
          inconsistent: true,
        },
      },
    });
    expect(findingsOf(evaluate(parentNsInconsistent, intent(), inconsistent))).toEqual([
      {
        message: "The com servers give different delegations for example.com.",
        expected: "one delegation from every parent server",
        observed: [
          "a.gtld-servers.net (192.5.6.30): ns1.hover.com, ns2.hover.com",
          "b.gtld-servers.net (192.33.14.30): nxdomain",
        ],
        remediation:
          "Wait for the registry to converge; if it persists for more than a day, contact the registrar.",
      },
    ]);
  });

  it("nameservers-mismatch: does not guess among duplicate zones, and says so", () => {
    const dup = duplicateZones();
    expect(evaluate(nameserversMismatch, intent(), dup)).toEqual({
      kind: "not-applicable",
      reason: "several hosted zones share the name and none is pinned (see hosted-zone-duplicate)",
    });
  });
});
