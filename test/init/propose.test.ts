// What init proposes for one domain from what was observed: the registrar, the DNS host (the live
// delegation first, recorded name servers as a fallback), the zone that serves it, and the remarks.
import { describe, expect, it } from "vitest";
import { proposeDomain } from "../../src/init/propose.js";
import type { NameServerObservation } from "../../src/observe/dns/types.js";
import {
  delegated,
  intent,
  nameserver,
  observations,
  R53_NEW_SET,
  R53_SET,
  rdapRegistered,
  zone,
} from "../support/observations.js";
import { catalog } from "../support/rules.js";

const HOVER = ["ns1.hover.com", "ns2.hover.com"];
const CLOUDFLARE = ["ada.ns.cloudflare.com", "bob.ns.cloudflare.com"];
const notRegistered = { kind: "not-in-account", account: "default" } as const;
const noZones = { kind: "none", account: "default" } as const;

function whiteLabel(name: string, address: string): NameServerObservation {
  return {
    name,
    addresses: { kind: "ok", source: "glue", addresses: [address] },
    probes: [{ address, answer: { kind: "authoritative", ns: [] }, rttMs: 5, transport: "udp" }],
  };
}

describe("the registrar", () => {
  it("is route53 for a domain in the account's Route 53 Domains", () => {
    const proposal = proposeDomain(intent(), observations(), catalog);
    expect(proposal.registrar).toEqual({ kind: "provider", id: "route53", define: undefined });
  });

  it("is route53 for a domain in Route 53 Domains even when RDAP names another registrar", () => {
    const proposal = proposeDomain(
      intent(),
      observations({
        rdap: rdapRegistered({ registrar: { ianaId: 146, name: "GoDaddy.com, LLC" } }),
      }),
      catalog,
    );
    expect(proposal.registrar).toMatchObject({ kind: "provider", id: "route53" });
  });

  it("comes from RDAP for a domain outside Route 53 Domains", () => {
    const proposal = proposeDomain(
      intent(),
      observations({
        rdap: rdapRegistered({ registrar: { ianaId: 69, name: "Tucows Domains Inc." } }),
        registration: notRegistered,
      }),
      catalog,
    );
    expect(proposal.registrar).toEqual({ kind: "provider", id: "hover", define: undefined });
  });

  it("is route53 when RDAP says Amazon Registrar, though the domain is in another account", () => {
    const proposal = proposeDomain(
      intent(),
      observations({ registration: notRegistered }),
      catalog,
    );
    expect(proposal.registrar).toMatchObject({ kind: "provider", id: "route53" });
  });

  it("is defined as a new provider when the catalog does not know it", () => {
    const proposal = proposeDomain(
      intent(),
      observations({
        rdap: rdapRegistered({ registrar: { ianaId: 9999, name: "Example Registrar, LLC" } }),
        registration: notRegistered,
      }),
      catalog,
    );
    expect(proposal.registrar).toEqual({
      kind: "provider",
      id: "example-registrar",
      define: {
        id: "example-registrar",
        name: "Example Registrar, LLC",
        registrar: { ianaIds: [9999], names: ["Example Registrar, LLC"] },
      },
    });
    expect(proposal.notes.join("\n")).toMatch(
      /Example Registrar, LLC \(IANA 9999\) is not in the built-in catalog/,
    );
  });

  it("gets an id of its IANA number when it has no usable name", () => {
    const proposal = proposeDomain(
      intent(),
      observations({
        rdap: rdapRegistered({ registrar: { ianaId: 4242, name: undefined } }),
        registration: notRegistered,
      }),
      catalog,
    );
    expect(proposal.registrar).toMatchObject({ kind: "provider", id: "iana-4242" });
  });

  it("is unknown, with the reasons, when neither RDAP nor Route 53 Domains tells", () => {
    const proposal = proposeDomain(
      intent(),
      observations({
        rdap: { kind: "unavailable", domain: "example.com", reason: "HTTP 503", url: undefined },
        registration: notRegistered,
      }),
      catalog,
    );
    expect(proposal.registrar).toEqual({ kind: "unknown", reason: "registry: HTTP 503" });
  });
});

describe("the DNS host", () => {
  it("comes from the live delegation, not from what the registrar account lists", () => {
    const proposal = proposeDomain(
      intent(),
      observations({
        delegation: delegated(HOVER),
        hostedZones: noZones,
      }),
      catalog,
    );
    expect(proposal.dnsHost).toMatchObject({ kind: "provider", id: "hover" });
    expect(proposal.hostedZoneId).toBeUndefined();
  });

  it("recognises white-label Route 53 servers by their addresses", () => {
    const servers = ["ns1.brand.example", "ns2.brand.example"];
    const proposal = proposeDomain(
      intent(),
      observations({
        delegation: delegated(servers, [
          whiteLabel("ns1.brand.example", "205.251.200.1"),
          whiteLabel("ns2.brand.example", "205.251.201.7"),
        ]),
      }),
      catalog,
    );
    expect(proposal.dnsHost).toMatchObject({ kind: "provider", id: "route53" });
  });

  it("defines servers of no known provider as a new provider, by their exact names", () => {
    const servers = ["ns2.exampledns.net", "ns1.exampledns.net"];
    const proposal = proposeDomain(
      intent(),
      observations({
        delegation: delegated(
          servers,
          servers.map((n) => nameserver(n, { kind: "authoritative", ns: servers })),
        ),
        hostedZones: noZones,
      }),
      catalog,
    );
    expect(proposal.dnsHost).toEqual({
      kind: "provider",
      id: "exampledns-net",
      define: {
        id: "exampledns-net",
        name: "exampledns.net",
        dnsHost: { nameservers: ["ns1.exampledns.net", "ns2.exampledns.net"] },
      },
    });
  });

  it("takes the Route 53 part of a mixed delegation when the account has the zone", () => {
    const mixed = [...R53_SET.slice(0, 2), ...CLOUDFLARE];
    const proposal = proposeDomain(
      intent(),
      observations({ delegation: delegated(mixed) }),
      catalog,
    );
    expect(proposal.dnsHost).toMatchObject({ kind: "provider", id: "route53" });
    expect(proposal.notes.join("\n")).toMatch(
      /mix .*: `dnsHost` is route53, as the account has its hosted zone/,
    );
  });

  it("takes the largest part of a mixed delegation otherwise", () => {
    const mixed = [R53_SET[0] as string, ...CLOUDFLARE];
    const proposal = proposeDomain(
      intent(),
      observations({ delegation: delegated(mixed), hostedZones: noZones }),
      catalog,
    );
    expect(proposal.dnsHost).toMatchObject({ kind: "provider", id: "cloudflare" });
    expect(proposal.notes.join("\n")).toMatch(/as it has the most of the servers/);
  });

  it("falls back to the Route 53 Domains name servers when the domain is not delegated", () => {
    const proposal = proposeDomain(
      intent(),
      observations({
        delegation: {
          kind: "not-delegated",
          domain: "example.com",
          parentZone: "com",
          respondent: { name: "a.gtld-servers.net", address: "192.5.6.30" },
          reason: "nxdomain",
          path: [],
          stats: { queries: 3, durationMs: 10 },
        },
        registration: {
          kind: "registered",
          account: "default",
          detail: {
            name: "example.com",
            autoRenew: true,
            transferLock: true,
            expiry: undefined,
            nameservers: HOVER,
            registrarName: undefined,
            statusList: [],
            dnssecKeys: [],
          },
        },
        hostedZones: noZones,
      }),
      catalog,
    );
    expect(proposal.dnsHost).toMatchObject({ kind: "provider", id: "hover" });
    expect(proposal.notes).toContain(
      "the com servers do not delegate it (NXDOMAIN); the DNS host comes from the name servers listed in Route 53 Domains",
    );
  });

  it("falls back to the RDAP name servers, marked as unobserved, when the walk failed", () => {
    const proposal = proposeDomain(
      intent(),
      observations({
        delegation: {
          kind: "failed",
          domain: "example.com",
          zone: "com",
          reason: "every com server timed out",
          path: [],
          stats: { queries: 13, durationMs: 9000 },
        },
        registration: notRegistered,
        rdap: rdapRegistered({
          nameservers: CLOUDFLARE,
          registrar: { ianaId: 1910, name: "Cloudflare, Inc." },
        }),
        hostedZones: noZones,
      }),
      catalog,
    );
    expect(proposal.dnsHost).toMatchObject({ kind: "provider", id: "cloudflare" });
    expect(proposal.notes).toContain(
      "? the live delegation could not be observed (every com server timed out); the DNS host comes from the name servers in the registry's RDAP record",
    );
  });

  it("is unknown when nothing names a server", () => {
    const proposal = proposeDomain(
      intent(),
      observations({
        delegation: {
          kind: "failed",
          domain: "example.com",
          zone: ".",
          reason: "no root server answered",
          path: [],
          stats: { queries: 13, durationMs: 9000 },
        },
        registration: notRegistered,
        rdap: {
          kind: "not-registered",
          domain: "example.com",
          url: "https://rdap.example/domain/example.com",
        },
        hostedZones: noZones,
      }),
      catalog,
    );
    expect(proposal.dnsHost).toEqual({
      kind: "unknown",
      reason:
        "the live delegation could not be observed (no root server answered), and no name servers are recorded for it",
    });
  });
});

describe("the hosted zone", () => {
  it("is pinned when exactly one zone has the delegated servers, among duplicates", () => {
    const proposal = proposeDomain(
      intent(),
      observations({
        hostedZones: {
          kind: "found",
          account: "default",
          zones: [zone("ZSTALE", R53_NEW_SET), zone("ZLIVE", R53_SET)],
        },
      }),
      catalog,
    );
    expect(proposal.hostedZoneId).toBe("ZLIVE");
  });

  it("is not pinned when no zone has the delegated servers (a re-created zone)", () => {
    const proposal = proposeDomain(
      intent(),
      observations({
        hostedZones: { kind: "found", account: "default", zones: [zone("ZNEW", R53_NEW_SET)] },
      }),
      catalog,
    );
    expect(proposal.dnsHost).toMatchObject({ id: "route53" });
    expect(proposal.hostedZoneId).toBeUndefined();
  });

  it("is noted as not live when the DNS is hosted elsewhere", () => {
    const proposal = proposeDomain(
      intent(),
      observations({
        delegation: delegated(HOVER),
        hostedZones: { kind: "found", account: "prod", zones: [zone("ZLEFTOVER", R53_SET)] },
      }),
      catalog,
    );
    expect(proposal.dnsHost).toMatchObject({ id: "hover" });
    expect(proposal.hostedZoneId).toBeUndefined();
    expect(proposal.notes).toContain(
      "public hosted zone ZLEFTOVER of this name exists in account prod, but the DNS is hosted elsewhere: it is not live",
    );
  });
});
