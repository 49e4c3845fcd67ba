// The conclusions several rules share (src/judge/rules/facts.ts), pinned through the verdicts that
// read them: which registrar the registry names, which host the delegation points at, which zone
// and name-server set the policy means, and what the zone itself lists.
import { describe, expect, it } from "vitest";
import { buildCatalog } from "../../../src/catalog/catalog.js";
import { dnsHostMismatch } from "../../../src/judge/rules/domain/dns-host-mismatch.js";
import { expirySoon } from "../../../src/judge/rules/domain/expiry-soon.js";
import { hostedZoneMissing } from "../../../src/judge/rules/domain/hosted-zone-missing.js";
import { nameserversMismatch } from "../../../src/judge/rules/domain/nameservers-mismatch.js";
import { parentChildNsMismatch } from "../../../src/judge/rules/domain/parent-child-ns-mismatch.js";
import { registrarMismatch } from "../../../src/judge/rules/domain/registrar-mismatch.js";
import { deriveFacts } from "../../../src/judge/rules/facts.js";
import type { NameServerObservation } from "../../../src/observe/dns/types.js";
import type { DomainObservations, RegistryProfile } from "../../../src/observe/observations.js";
import {
  atCloudflare,
  delegated,
  intent,
  NOW,
  nameserver,
  observations,
  R53_NEW_SET,
  R53_SET,
  rdapRegistered,
  zone,
} from "../../support/observations.js";
import { catalog, evaluate, findingsOf } from "../../support/rules.js";

const HOVER = ["ns1.hover.com", "ns2.hover.com"];
const CZ_NIC: RegistryProfile = { id: "cznic", name: "CZ.NIC", tld: "cz", unpublished: {} };
const noAws = { kind: "skipped", reason: "AWS checks are off (--no-aws)" } as const;

/** example.cz, whose registry names its registrar only by the handle REG-GRANSY. */
const byHandle = observations({
  registry: CZ_NIC,
  rdap: rdapRegistered({
    domain: "example.cz",
    registrar: { ianaId: undefined, name: undefined, handle: "REG-GRANSY", role: "registrar" },
  }),
  registration: noAws,
});
const gransy = intent({ name: "example.cz", registrar: "gransy", architecture: "external" });

describe("the registrar the registry names", () => {
  it("is unknown when the registry gives only a handle no provider declares, saying where to declare it", () => {
    expect(evaluate(registrarMismatch, gransy, byHandle)).toEqual({
      kind: "not-checked",
      reason:
        "CZ.NIC's RDAP record names the registrar only by its handle REG-GRANSY, which no provider declares (add it under `registrar.handles.cz` of the intended provider); Route 53 Domains: AWS checks are off (--no-aws)",
    });
  });

  it("is the provider that declares the handle for the registry's TLD or id, and no other", () => {
    const declaring = (scope: string) =>
      buildCatalog([
        { id: "gransy", name: "Gransy", registrar: { handles: { [scope]: ["REG-GRANSY"] } } },
      ]);
    for (const scope of ["cz", "cznic"]) {
      expect(evaluate(registrarMismatch, gransy, byHandle, NOW, declaring(scope)), scope).toEqual({
        kind: "pass",
      });
    }
    expect(evaluate(registrarMismatch, gransy, byHandle, NOW, declaring("sk")).kind).toBe(
      "not-checked",
    );
  });

  it("scopes a handle by the domain's TLD when the capability table has no entry for the registry", () => {
    const catalog = buildCatalog([
      { id: "gransy", name: "Gransy", registrar: { handles: { cz: ["REG-GRANSY"] } } },
    ]);
    const unlisted = observations({ ...byHandle, registry: undefined });
    expect(evaluate(registrarMismatch, gransy, unlisted, NOW, catalog)).toEqual({ kind: "pass" });
  });

  it("says the record names no registrar, and what the registrar API said", () => {
    const nameless = observations({
      rdap: rdapRegistered({ registrar: { ianaId: undefined, name: undefined } }),
      registration: {
        kind: "unavailable",
        account: "default",
        reason: "ThrottlingException",
        deniedAction: undefined,
      },
    });
    expect(evaluate(registrarMismatch, intent({ registrar: "hover" }), nameless)).toEqual({
      kind: "not-checked",
      reason:
        "the registry's RDAP record names no registrar; Route 53 Domains: ThrottlingException",
    });
  });

  it("names a WHOIS record as WHOIS", () => {
    const whois = observations({
      registry: { id: "denic", name: "DENIC", tld: "de", unpublished: {} },
      rdap: {
        kind: "registered",
        domain: "example.de",
        protocol: "whois",
        url: "whois://whois.denic.de/example.de",
        registrar: { ianaId: undefined, name: undefined },
        statuses: ["connect"],
        events: { registration: undefined, expiration: undefined, lastChanged: undefined },
        nameservers: HOVER,
        delegationSigned: undefined,
        truncated: [],
      },
      registration: noAws,
    });
    const verdict = evaluate(registrarMismatch, intent({ registrar: "hover" }), whois);
    expect(verdict.kind === "not-checked" && verdict.reason).toContain(
      "DENIC's WHOIS record names no registrar",
    );
  });
});

describe("the DNS host the delegation points at", () => {
  it("is not Route 53 for unknown servers that have no address at all", () => {
    const unresolved = ["ns1.example.org", "ns2.example.org"].map(
      (name): NameServerObservation => ({
        name,
        addresses: { kind: "failed", reason: "SERVFAIL" },
        probes: [],
      }),
    );
    const o = observations({
      delegation: delegated(["ns1.example.org", "ns2.example.org"], unresolved),
    });
    expect(evaluate(dnsHostMismatch, intent(), o).kind).toBe("fail");
  });

  it("is not Route 53 when only some of the servers' addresses are in Route 53's ranges", () => {
    const names = ["ns1.example.com", "ns2.example.com"];
    const servers = names.map(
      (name, i): NameServerObservation => ({
        name,
        addresses: {
          kind: "ok",
          source: "glue",
          addresses: [i === 0 ? "205.251.200.10" : "192.0.2.10"],
        },
        probes: [],
      }),
    );
    const o = observations({ delegation: delegated(names, servers) });
    expect(evaluate(dnsHostMismatch, intent(), o).kind).toBe("fail");
  });

  it("is the provider the servers' names identify, whatever ranges their addresses are in", () => {
    const names = ["ada.ns.cloudflare.com", "bob.ns.cloudflare.com"];
    const servers = names.map(
      (name, i): NameServerObservation => ({
        name,
        addresses: { kind: "ok", source: "glue", addresses: [`205.251.200.${10 + i}`] },
        probes: [],
      }),
    );
    const o = observations({ delegation: delegated(names, servers) });
    expect(deriveFacts(intent(), o, catalog).dnsHost).toEqual({
      kind: "provider",
      id: "cloudflare",
    });
    expect(evaluate(dnsHostMismatch, intent({ dnsHost: "cloudflare" }), o)).toEqual({
      kind: "pass",
    });
  });
});

describe("the zone and the name-server set the policy means", () => {
  it("is an exact set: a delegation with an extra server, or one missing, does not match", () => {
    const wanted = intent({ dnsHost: "hover", registrar: "hover", nameservers: HOVER });
    for (const ns of [[...HOVER, "ns3.hover.com"], ["ns1.hover.com"]]) {
      const o = observations({ delegation: delegated(ns) });
      expect(evaluate(nameserversMismatch, wanted, o).kind, ns.join(" ")).toBe("fail");
    }
    expect(
      evaluate(nameserversMismatch, wanted, observations({ delegation: delegated(HOVER) })),
    ).toEqual({ kind: "pass" });
  });

  it("follows the policy's nameservers over the hosted zone's set", () => {
    const o = observations({ delegation: delegated(R53_NEW_SET) });
    expect(evaluate(nameserversMismatch, intent({ nameservers: R53_NEW_SET }), o)).toEqual({
      kind: "pass",
    });
  });

  it("looks for no zone at a DNS host whose API was not asked", () => {
    const other = observations({
      hostedZones: { kind: "none", account: "default" },
      delegation: delegated(HOVER),
    });
    expect(evaluate(hostedZoneMissing, intent({ dnsHost: "hover" }), other)).toEqual({
      kind: "not-applicable",
      reason:
        "the DNS host hover is not asked through an API (no adapter, or no account of it named)",
    });
    expect(evaluate(nameserversMismatch, intent({ dnsHost: "hover" }), other).kind).toBe(
      "not-applicable",
    );
  });

  it("is the pinned zone when it exists, whatever other zones share the name", () => {
    const two = observations({
      hostedZones: {
        kind: "found",
        account: "default",
        zones: [zone("ZOTHER", R53_NEW_SET), zone("ZPINNED", R53_SET)],
      },
    });
    expect(evaluate(hostedZoneMissing, intent({ hostedZoneId: "ZPINNED" }), two)).toEqual({
      kind: "pass",
    });
    expect(evaluate(nameserversMismatch, intent({ hostedZoneId: "ZPINNED" }), two)).toEqual({
      kind: "pass",
    });
  });
});

describe("the zone's own NS set", () => {
  it("is one set however many servers answer it, in any order", () => {
    const servers = R53_SET.map((name, i) =>
      nameserver(name, {
        kind: "authoritative",
        ns: i % 2 === 0 ? [...R53_SET].sort() : [...R53_SET].reverse(),
      }),
    );
    const o = observations({ delegation: delegated(R53_SET, servers) });
    expect(evaluate(parentChildNsMismatch, intent(), o)).toEqual({ kind: "pass" });
  });

  it("comes from the servers when they answer, not from the DNS host's API", () => {
    const o = observations({
      apexNameservers: { kind: "ok", account: "default", zoneId: "Z1", ns: R53_NEW_SET },
    });
    expect(evaluate(parentChildNsMismatch, intent(), o)).toEqual({ kind: "pass" });
  });

  it("makes a differing set from the API a finding naming it", () => {
    const silent = R53_SET.map((n) => nameserver(n, { kind: "timeout" }));
    const o = observations({
      delegation: delegated(R53_SET, silent),
      apexNameservers: { kind: "ok", account: "default", zoneId: "Z1", ns: R53_NEW_SET },
    });
    expect(findingsOf(evaluate(parentChildNsMismatch, intent(), o))[0].observed).toEqual(
      R53_NEW_SET,
    );
  });
});

describe("the registrar the registry names: when the evidence is partial", () => {
  it("takes a registrar entity among more entities than were read for the registrar", () => {
    const cut = observations({
      rdap: rdapRegistered({
        registrar: { ianaId: 468, name: "Amazon Registrar, Inc.", role: "registrar" },
        truncated: ["entities"],
      }),
      registration: noAws,
    });
    expect(evaluate(registrarMismatch, intent(), cut)).toEqual({ kind: "pass" });
  });

  it("knows a registrar by an IANA id no provider declares, and names it", () => {
    const o = observations({
      rdap: rdapRegistered({ registrar: { ianaId: 9999, name: undefined } }),
      registration: noAws,
    });
    expect(findingsOf(evaluate(registrarMismatch, intent(), o))[0].message).toBe(
      "example.com is registered with IANA 9999, not Amazon Route 53.",
    );
  });

  it("says under which TLD to declare a handle, also for a registry the capability table does not list", () => {
    const o = observations({ ...byHandle, registry: undefined });
    expect(evaluate(registrarMismatch, gransy, o)).toEqual({
      kind: "not-checked",
      reason:
        "the registry's RDAP record names the registrar only by its handle REG-GRANSY, which no provider declares (add it under `registrar.handles.cz` of the intended provider); Route 53 Domains: AWS checks are off (--no-aws)",
    });
  });

  it("is Route 53 for a domain in the Route 53 Domains account when the registry cannot say", () => {
    const o = observations({
      rdap: { kind: "unavailable", domain: "example.com", reason: "timeout", url: undefined },
    });
    expect(deriveFacts(intent(), o, catalog).registrar).toEqual({
      kind: "known",
      value: {
        ids: ["route53"],
        name: "Amazon Registrar, Inc.",
        ianaId: undefined,
        source: "route53Domains",
      },
    });
  });

  it("is not another registrar's account holding the domain when the registry cannot say", () => {
    const cloudflare = atCloudflare();
    const o = observations({
      ...cloudflare.apis,
      rdap: { kind: "unavailable", domain: "example.com", reason: "timeout", url: undefined },
    });
    expect(evaluate(registrarMismatch, cloudflare.intent, o)).toEqual({
      kind: "not-checked",
      reason: "registry: timeout",
    });
  });

  it("says why the registry could not tell: not asked, or no record of the domain", () => {
    const registrarOf = (rdap: DomainObservations["rdap"]) =>
      deriveFacts(intent(), observations({ rdap, registration: noAws }), catalog).registrar;
    expect(registrarOf({ kind: "skipped", reason: "RDAP is off (--no-rdap)" })).toEqual({
      kind: "unknown",
      reason: "registry: RDAP is off (--no-rdap); Route 53 Domains: AWS checks are off (--no-aws)",
    });
    expect(
      registrarOf({ kind: "not-registered", domain: "example.com", url: "https://rdap.example/d" }),
    ).toEqual({
      kind: "unknown",
      reason:
        "the registry has no record of the domain; Route 53 Domains: AWS checks are off (--no-aws)",
    });
  });
});

describe("registry data a registry never publishes", () => {
  const NORID: RegistryProfile = {
    id: "norid",
    name: "Norid",
    tld: "no",
    unpublished: { expiry: "Norid publishes no expiry date" },
  };
  const minDays = (registrar: string) =>
    intent({
      name: "example.no",
      registrar,
      architecture: registrar === "route53" ? "traditional" : "external",
      hygiene: { expiryMinDays: 30, transferLock: "ignore", autoRenew: "ignore" },
    });
  const o = observations({
    registry: NORID,
    rdap: rdapRegistered({
      domain: "example.no",
      events: { registration: undefined, expiration: undefined, lastChanged: undefined },
    }),
    registration: noAws,
  });

  it("does not apply when the API asked is not the intended registrar's", () => {
    expect(evaluate(expirySoon, minDays("hover"), o)).toEqual({
      kind: "not-applicable",
      reason: "Norid (.no): Norid publishes no expiry date",
    });
  });

  it("is expected from the intended registrar's API when it was asked", () => {
    expect(evaluate(expirySoon, minDays("route53"), o).kind).toBe("not-checked");
  });
});

describe("the delegated servers' addresses and the zone the policy means", () => {
  it("identifies white-label Route 53 servers by the addresses found, past a server that cannot be resolved", () => {
    const names = ["ns1.example.com", "ns2.example.com", "ns3.example.com"];
    const servers = names.map(
      (name, i): NameServerObservation => ({
        name,
        addresses:
          i === 2
            ? { kind: "failed", reason: "SERVFAIL" }
            : { kind: "ok", source: "glue", addresses: [`205.251.200.${10 + i}`] },
        probes: [],
      }),
    );
    const o = observations({ delegation: delegated(names, servers) });
    expect(evaluate(dnsHostMismatch, intent(), o)).toEqual({ kind: "pass" });
  });

  it("says how the zone was found: pinned, or the sole zone of the name", () => {
    const two = observations({
      hostedZones: {
        kind: "found",
        account: "default",
        zones: [zone("ZOTHER", R53_NEW_SET), zone("ZPINNED", R53_SET)],
      },
    });
    expect(deriveFacts(intent({ hostedZoneId: "ZPINNED" }), two, catalog).intendedZone).toEqual({
      kind: "zone",
      zone: zone("ZPINNED", R53_SET),
      how: "pinned",
    });
    expect(deriveFacts(intent(), observations(), catalog).intendedZone).toEqual({
      kind: "zone",
      zone: zone("Z111111111111"),
      how: "sole",
    });
  });
});
