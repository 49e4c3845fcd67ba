// What several rules share, asked directly: how the DNSSEC rules sort delegated servers and name
// DS records (rules/dnssec-facts.ts), the remediation texts (rules/remediation.ts) and a pass's
// note (rules/types.ts). The rules' own tests reach most of it; these pin what they do not.
import { describe, expect, it } from "vitest";
import {
  DNSSEC_NOT_IN_PLAY,
  describeDs,
  describeUnjudged,
  dnssecInPlay,
  dnssecServers,
  dsKey,
  parentDsDisagreement,
  sameDs,
  withoutCapability,
  zoneIdOf,
} from "../../../src/judge/rules/dnssec-facts.js";
import { deriveFacts } from "../../../src/judge/rules/facts.js";
import {
  createZone,
  enableAtRegistrar,
  providerName,
} from "../../../src/judge/rules/remediation.js";
import { pass, passNoting } from "../../../src/judge/rules/types.js";
import type {
  DelegationObservation,
  DnssecChain,
  DnssecProbe,
  DsRecord,
  NameServerObservation,
  ParentAnswer,
} from "../../../src/observe/dns/types.js";
import { delegated, intent, nameserver, observations } from "../../support/observations.js";
import { catalog } from "../../support/rules.js";

type Delegated = Extract<DelegationObservation, { kind: "delegated" }>;

function chain(verdict: DnssecChain["verdict"], overrides: Partial<DnssecChain> = {}): DnssecProbe {
  return {
    kind: "validated",
    verdict,
    reasons: [],
    ds: [],
    keys: [],
    rrsets: [],
    earliestExpiration: null,
    warnings: [],
    validatedAt: "2026-11-26T12:00:00Z",
    ...overrides,
  };
}

/** A name server with one address serving `dnssec` after answering the NS query as `answer`. */
function server(
  name: string,
  dnssec: DnssecProbe | undefined,
  answer: Parameters<typeof nameserver>[1] = { kind: "authoritative", ns: [] },
): NameServerObservation {
  const built = nameserver(name, answer);
  return {
    ...built,
    probes: built.probes.map((probe) => ({ ...probe, ...(dnssec && { dnssec }) })),
  };
}

function delegation(...servers: NameServerObservation[]): Delegated {
  const built = delegated(
    servers.map((s) => s.name),
    servers,
  );
  if (built.kind !== "delegated") throw new Error("fixture");
  return built;
}

const addressOf = (s: NameServerObservation) => s.probes[0]?.address as string;

describe("dnssecServers", () => {
  it("sorts every delegated address by its chain: secure, bogus, insecure", () => {
    const secure = server("ns1.example.net", chain("secure"));
    const bogus = server("ns2.example.net", chain("bogus", { warnings: ["sha1-ds 4242"] }));
    const insecure = server("ns3.example.net", chain("insecure"));
    const sorted = dnssecServers(delegation(secure, bogus, insecure));
    expect(sorted.secure.map((s) => s.nameserver)).toEqual(["ns1.example.net"]);
    expect(sorted.bogus.map((s) => [s.nameserver, s.address])).toEqual([
      ["ns2.example.net", addressOf(bogus)],
    ]);
    expect(sorted.insecure.map((s) => s.nameserver)).toEqual(["ns3.example.net"]);
    expect(sorted.unjudged).toEqual([]);
  });

  it("leaves unjudged, with why, what it could not examine or examined only in part", () => {
    const noAddress: NameServerObservation = {
      name: "ns0.example.net",
      addresses: { kind: "no-addresses" },
      probes: [],
    };
    const notAsked = server("ns1.example.net", undefined);
    const silent = server("ns2.example.net", undefined, { kind: "timeout" });
    const noKeys = server("ns3.example.net", { kind: "no-answer", answer: { kind: "refused" } });
    const garbled = server("ns4.example.net", { kind: "unreadable", detail: "bad RDATA at 12" });
    const bounded = server(
      "ns5.example.net",
      chain("bogus", {
        warnings: ["sha1-ds 4242", "limit-reached 64 of 90 RRSIGs", "limit-reached 8 of 9 keys"],
      }),
    );
    const undecided = server(
      "ns6.example.net",
      chain("indeterminate", { reasons: ["no-dnskey", "timeout"] }),
    );
    const servers = [noAddress, notAsked, silent, noKeys, garbled, bounded, undecided];
    const sorted = dnssecServers(delegation(...servers));
    expect([sorted.secure, sorted.bogus, sorted.insecure]).toEqual([[], [], []]);
    expect(sorted.unjudged).toEqual([
      { nameserver: "ns0.example.net", address: undefined, reason: "no address" },
      {
        nameserver: "ns1.example.net",
        address: addressOf(notAsked),
        reason: "not asked for DNSKEY",
      },
      {
        nameserver: "ns2.example.net",
        address: addressOf(silent),
        reason: "no authoritative NS answer (timeout)",
      },
      {
        nameserver: "ns3.example.net",
        address: addressOf(noKeys),
        reason: "DNSKEY query: REFUSED",
      },
      {
        nameserver: "ns4.example.net",
        address: addressOf(garbled),
        reason: "unreadable reply: bad RDATA at 12",
      },
      {
        nameserver: "ns5.example.net",
        address: addressOf(bounded),
        reason: "the server sent more than is examined (64 of 90 RRSIGs; 8 of 9 keys)",
      },
      {
        nameserver: "ns6.example.net",
        address: addressOf(undecided),
        reason: "indeterminate: no-dnskey, timeout",
      },
    ]);
    expect(describeUnjudged(sorted.unjudged.slice(0, 2))).toBe(
      `ns0.example.net: no address; ns1.example.net (${addressOf(notAsked)}): not asked for DNSKEY`,
    );
  });
});

const DS: DsRecord = { keyTag: 4242, algorithm: 13, digestType: 2, digest: "ab".repeat(32) };

describe("DS records", () => {
  it("are named tag/algorithm/digest, with what a source left out as ?", () => {
    expect(describeDs(DS)).toBe("4242/13/SHA-256");
    expect(describeDs({ ...DS, digestType: 1 })).toBe("4242/13/SHA-1");
    expect(describeDs({ ...DS, digestType: 4 })).toBe("4242/13/SHA-384");
    expect(describeDs({ ...DS, digestType: 3 })).toBe("4242/13/digest type 3");
    expect(describeDs({ keyTag: undefined, algorithm: undefined, digestType: undefined })).toBe(
      "?/?/?",
    );
  });

  it("are the same whatever the case of the digest, and a missing digest is empty", () => {
    expect(dsKey({ ...DS, digest: "AB".repeat(32) })).toBe(dsKey(DS));
    expect(dsKey({ ...DS, digest: undefined })).toBe("4242 13 2 ");
  });

  it("make the same RRset in any order", () => {
    const other = { ...DS, keyTag: 7 };
    expect(sameDs([DS, other], [other, DS])).toBe(true);
    expect(sameDs([DS], [other])).toBe(false);
    expect(sameDs([DS], [DS, other])).toBe(false);
  });

  it("never run two records together: a hostile parent's digests cannot make two RRsets look alike", () => {
    const record = (keyTag: number, digest: string) => ({
      keyTag,
      algorithm: 13,
      digestType: 2,
      digest,
    });
    expect(sameDs([record(1, "ab"), record(12, "cd")], [record(1, "ab1"), record(2, "cd")])).toBe(
      false,
    );
  });
});

describe("parentDsDisagreement", () => {
  const servers = ["a", "b", "c"].map((l, i) => ({
    name: `${l}.gtld-servers.net`,
    address: `192.0.2.${i + 1}`,
  }));
  const withAnswers = (...answers: ParentAnswer[]): Delegated => {
    const base = delegation(server("ns1.example.net", undefined));
    return {
      ...base,
      parent: {
        ...base.parent,
        answers: answers.map((answer, i) => ({
          server: servers[i] as (typeof servers)[number],
          answer,
        })),
      },
    };
  };
  const ds = (...records: DsRecord[]): ParentAnswer => ({
    kind: "delegation",
    ns: [],
    ds: records,
  });
  const other = { ...DS, keyTag: 7 };

  it("lists each parent server's DS RRset when they differ", () => {
    expect(parentDsDisagreement(withAnswers(ds(DS), ds(other)))).toEqual([
      { server: servers[0], ds: [DS] },
      { server: servers[1], ds: [other] },
    ]);
  });

  it("is empty when they agree (in any order), when one answered, and leaves out servers that gave no delegation", () => {
    expect(parentDsDisagreement(withAnswers(ds(DS, other), ds(other, DS)))).toEqual([]);
    expect(parentDsDisagreement(withAnswers(ds(DS)))).toEqual([]);
    expect(parentDsDisagreement(withAnswers(ds(DS), { kind: "nxdomain" }, ds(DS)))).toEqual([]);
  });
});

describe("whether DNSSEC is in play", () => {
  const signed = () => {
    const base = delegation(server("ns1.example.net", undefined));
    return { ...base, parent: { ...base.parent, ds: [DS] } };
  };
  const failed: DelegationObservation = {
    kind: "failed",
    domain: "example.com",
    zone: "com",
    reason: "timeout",
    path: [],
    stats: { queries: 3, durationMs: 1 },
  };
  const required = intent({ dnssec: { mode: "required", signatureMinDays: 7 } });

  it("is so where the parent publishes DS or the policy asks about DNSSEC", () => {
    expect(dnssecInPlay(intent(), signed())).toBe(true);
    expect(dnssecInPlay(intent(), delegated())).toBe(false);
    expect(dnssecInPlay(intent(), failed)).toBe(false);
    expect(dnssecInPlay(required, failed)).toBe(true);
  });

  it("makes an API without the capability leave the check not checked, else not applicable", () => {
    expect(withoutCapability("no DNSSEC API", intent(), signed())).toEqual({
      kind: "not-checked",
      reason: "no DNSSEC API",
    });
    expect(withoutCapability("no DNSSEC API", intent(), failed)).toEqual({
      kind: "not-checked",
      reason: "delegation: timeout",
    });
    expect(withoutCapability("no DNSSEC API", intent(), delegated())).toEqual({
      kind: "not-applicable",
      reason: `no DNSSEC API; ${DNSSEC_NOT_IN_PLAY}`,
    });
  });

  it("names the intended zone in commands, or a placeholder", () => {
    expect(zoneIdOf(deriveFacts(intent(), observations(), catalog))).toBe("Z111111111111");
    const none = observations({ hostedZones: { kind: "none", account: "default" } });
    expect(zoneIdOf(deriveFacts(intent(), none, catalog))).toBe("<hosted-zone-id>");
  });
});

describe("remediation texts", () => {
  it("name a provider by the catalog, or by its id when the catalog has none", () => {
    expect(providerName(catalog, "hover")).toBe("Hover");
    expect(providerName(catalog, "nowhere")).toBe("nowhere");
  });

  it("switch a registration setting on with Route 53 Domains' command, elsewhere in the registrar's panel", () => {
    expect(enableAtRegistrar("route53", "auto-renew", "example.com")).toBe(
      "aws route53domains enable-domain-auto-renew --region us-east-1 --domain-name example.com",
    );
    expect(enableAtRegistrar("route53", "transfer-lock", "example.com")).toBe(
      "aws route53domains enable-domain-transfer-lock --region us-east-1 --domain-name example.com",
    );
    expect(enableAtRegistrar("cloudflare", "auto-renew", "example.com")).toBe(
      "Switch on auto-renew for example.com in the Cloudflare dashboard (Domain Registration, Manage Domains).",
    );
    expect(enableAtRegistrar("hover", "transfer-lock", "example.com")).toBe(
      "Switch on the transfer lock for example.com in the registrar's control panel.",
    );
  });

  it("create a zone with Route 53's command, elsewhere in the DNS host's account", () => {
    expect(createZone("route53", "Route 53", "default", "example.com")).toBe(
      "aws route53 create-hosted-zone --name example.com --caller-reference domain-drift-$(date +%s), then delegate to its name servers.",
    );
    expect(createZone("cloudflare", "Cloudflare DNS", "cf-main", "example.com")).toBe(
      "Add example.com as a zone at Cloudflare DNS (account cf-main), then delegate to the name servers it assigns.",
    );
  });
});

describe("a pass", () => {
  it("carries a note only when there is one", () => {
    expect(passNoting(undefined)).toBe(pass);
    expect(passNoting("IPv6 left out")).toEqual({ kind: "pass", note: "IPv6 left out" });
  });
});
