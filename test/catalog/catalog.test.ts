import { describe, expect, it } from "vitest";
import { buildCatalog, registrarNameKey } from "../../src/catalog/catalog.js";

const catalog = buildCatalog([]);

// Real-world shaped delegation sets, one per built-in DNS host.
const REALISTIC_SETS: Record<string, string[]> = {
  route53: [
    "ns-1049.awsdns-03.org",
    "ns-1835.awsdns-37.co.uk",
    "ns-318.awsdns-39.com",
    "ns-788.awsdns-34.net",
  ],
  cloudflare: ["anna.ns.cloudflare.com", "bob.ns.cloudflare.com"],
  "google-cloud-dns": [
    "ns-cloud-a1.googledomains.com",
    "ns-cloud-a2.googledomains.com",
    "ns-cloud-a3.googledomains.com",
    "ns-cloud-a4.googledomains.com",
  ],
  "azure-dns": [
    "ns1-01.azure-dns.com",
    "ns2-01.azure-dns.net",
    "ns3-01.azure-dns.org",
    "ns4-01.azure-dns.info",
  ],
  godaddy: ["ns51.domaincontrol.com", "ns52.domaincontrol.com"],
  hover: ["ns1.hover.com", "ns2.hover.com"],
  namecheap: ["dns1.registrar-servers.com", "dns2.registrar-servers.com"],
  digitalocean: ["ns1.digitalocean.com", "ns2.digitalocean.com", "ns3.digitalocean.com"],
  ns1: ["dns1.p01.nsone.net", "dns2.p01.nsone.net", "dns3.p01.nsone.net", "dns4.p01.nsone.net"],
  dnsimple: [
    "ns1.dnsimple.com",
    "ns2.dnsimple-edge.net",
    "ns3.dnsimple.com",
    "ns4.dnsimple-edge.org",
  ],
  gandi: ["ns-110-a.gandi.net", "ns-131-b.gandi.net", "ns-135-c.gandi.net"],
  vercel: ["ns1.vercel-dns.com", "ns2.vercel-dns.com"],
  akamai: ["a1-64.akam.net", "a11-65.akam.net", "a20-66.akam.net", "a3-67.akam.net"],
  ultradns: [
    "pdns196.ultradns.com",
    "pdns196.ultradns.net",
    "pdns196.ultradns.org",
    "udns1.ultradns.net",
  ],
  porkbun: [
    "curitiba.ns.porkbun.com",
    "fortaleza.ns.porkbun.com",
    "maceio.ns.porkbun.com",
    "salvador.ns.porkbun.com",
  ],
  squarespace: [
    "ns1.squarespacedns.com",
    "ns2.squarespacedns.com",
    "ns3.squarespacedns.com",
    "ns4.squarespacedns.com",
  ],
};

describe("identifyDnsHost", () => {
  it.each(Object.entries(REALISTIC_SETS))("recognises %s from its name servers", (id, set) => {
    expect(catalog.identifyDnsHost(set)).toEqual({ kind: "provider", id });
  });

  it("has a realistic set for every built-in DNS host", () => {
    const hosts = catalog.ids().filter((id) => catalog.get(id)?.dnsHost !== undefined);
    expect(Object.keys(REALISTIC_SETS).sort()).toEqual([...hosts].sort());
  });

  it("ignores case and the trailing dot, and counts a repeated server once", () => {
    expect(catalog.identifyDnsHost(["NS1.HOVER.COM.", "ns2.hover.com", "ns1.hover.com"])).toEqual({
      kind: "provider",
      id: "hover",
    });
  });

  it("reports a set spread over two providers as mixed, parts sorted", () => {
    expect(
      catalog.identifyDnsHost(["ns2.hover.com", "ns-318.awsdns-39.com", "ns1.hover.com"]),
    ).toEqual({
      kind: "mixed",
      parts: [
        { id: "hover", nameservers: ["ns1.hover.com", "ns2.hover.com"] },
        { id: "route53", nameservers: ["ns-318.awsdns-39.com"] },
      ],
    });
  });

  it("reports a partly recognised set as mixed, unrecognised servers last", () => {
    expect(catalog.identifyDnsHost(["ns.example.net", "ns-318.awsdns-39.com"])).toEqual({
      kind: "mixed",
      parts: [
        { id: "route53", nameservers: ["ns-318.awsdns-39.com"] },
        { id: undefined, nameservers: ["ns.example.net"] },
      ],
    });
  });

  it("reports unknown servers and an empty set as unknown", () => {
    expect(catalog.identifyDnsHost(["ns1.example.net", "ns2.example.net"])).toEqual({
      kind: "unknown",
    });
    expect(catalog.identifyDnsHost([])).toEqual({ kind: "unknown" });
  });

  it("keeps `*` within one label and rejects look-alikes", () => {
    for (const host of [
      "ns-1.awsdns-01.co.uk.evil.example", // suffix added
      "ns-1.x.awsdns-01.com", // extra label where `*` is
      "ns-1.awsdns-01.uk", // `co.uk` is two labels
      "ns.cloudflare.com", // `*` needs a label
      "ns-cloud-f1.googledomains.com", // outside [a-e]
      "ns5-01.azure-dns.com", // outside [1-4]
      "ns3.hover.com",
      "ns4.vercel-dns.com",
      "ns/1.hover.com",
    ]) {
      expect(catalog.identifyDnsHost([host]), host).toEqual({ kind: "unknown" });
    }
  });
});

describe("matchesNameserverPattern", () => {
  it("answers per provider id", () => {
    expect(catalog.matchesNameserverPattern("route53", "ns-2047.awsdns-63.co.uk")).toBe(true);
    expect(catalog.matchesNameserverPattern("hover", "ns-2047.awsdns-63.co.uk")).toBe(false);
    expect(catalog.matchesNameserverPattern("no-such-provider", "ns1.hover.com")).toBe(false);
    expect(catalog.matchesNameserverPattern("markmonitor", "ns1.hover.com")).toBe(false);
  });
});

describe("identifyRegistrar", () => {
  it.each([
    [468, "route53"],
    [81, "route53"],
    [69, "hover"],
    [146, "godaddy"],
    [1068, "namecheap"],
    [1910, "cloudflare"],
    [895, "squarespace"],
    [292, "markmonitor"],
    [299, "csc"],
  ])("identifies IANA id %i as %s", (ianaId, id) => {
    expect(catalog.identifyRegistrar({ ianaId, name: undefined })).toEqual({
      kind: "match",
      ids: [id],
    });
  });

  it("prefers the IANA id over a contradicting name", () => {
    expect(catalog.identifyRegistrar({ ianaId: 468, name: "Tucows Domains Inc." })).toEqual({
      kind: "match",
      ids: ["route53"],
    });
  });

  it.each([
    ["Amazon Registrar, Inc.", "route53"],
    ["AMAZON REGISTRAR INC", "route53"],
    ["amazon registrar", "route53"],
    ["Gandi SAS", "route53"],
    ["GoDaddy.com, LLC", "godaddy"],
    ["GoDaddy.com LLC", "godaddy"],
    ["Tucows Domains Inc", "hover"],
    ["NameCheap, Inc.", "namecheap"],
    ["Cloudflare Inc", "cloudflare"],
    ["MarkMonitor, Inc.", "markmonitor"],
  ])("identifies the name %j (no IANA id, as ccTLDs give) as %s", (name, id) => {
    expect(catalog.identifyRegistrar({ ianaId: undefined, name })).toEqual({
      kind: "match",
      ids: [id],
    });
  });

  it("falls back to the name when the IANA id is not in the catalog", () => {
    expect(catalog.identifyRegistrar({ ianaId: 123456, name: "Porkbun LLC" })).toEqual({
      kind: "match",
      ids: ["porkbun"],
    });
  });

  it("answers unknown for unknown registrars and for no data", () => {
    expect(catalog.identifyRegistrar({ ianaId: 9999, name: "Example Registrar" })).toEqual({
      kind: "unknown",
    });
    expect(catalog.identifyRegistrar({ ianaId: undefined, name: undefined })).toEqual({
      kind: "unknown",
    });
    // A legal suffix alone is not a name that matches everything.
    expect(catalog.identifyRegistrar({ ianaId: undefined, name: "Inc." })).toEqual({
      kind: "unknown",
    });
  });

  it("returns every id that claims an IANA id", () => {
    const extended = buildCatalog([{ id: "gandi", registrar: { ianaIds: [81] } }]);
    expect(extended.identifyRegistrar({ ianaId: 81, name: "Gandi SAS" })).toEqual({
      kind: "match",
      ids: ["route53", "gandi"],
    });
  });
});

describe("buildCatalog", () => {
  it("extends a built-in provider: white-label name servers are added to Route 53's", () => {
    const extended = buildCatalog([
      { id: "route53", dnsHost: { nameservers: ["ns[1-4].brand.example"] } },
    ]);
    const route53 = extended.get("route53");
    expect(route53?.origin).toBe("extended");
    expect(route53?.dnsHost).toEqual({
      nameservers: ["ns-*.awsdns-*.{com,net,org,co.uk}", "ns[1-4].brand.example"],
      sharedHosting: true,
    });
    expect(route53?.registrar?.ianaIds).toEqual([468, 81]);
    expect(extended.identifyDnsHost(["ns1.brand.example", "ns-1.awsdns-01.com"])).toEqual({
      kind: "provider",
      id: "route53",
    });
    // The built-in catalog itself is untouched.
    expect(catalog.matchesNameserverPattern("route53", "ns1.brand.example")).toBe(false);
  });

  it("defines new providers, listed before the built-ins, with defaults for name and sharedHosting", () => {
    const extended = buildCatalog([
      { id: "acme-dns", dnsHost: { nameservers: ["*.ns.acme.example"] } },
      { id: "acme-registrar", name: "ACME", registrar: { names: ["ACME Registrar Ltd"] } },
    ]);
    expect(extended.ids().slice(0, 2)).toEqual(["acme-dns", "acme-registrar"]);
    expect(extended.get("acme-dns")).toEqual({
      id: "acme-dns",
      name: "acme-dns",
      dnsHost: { nameservers: ["*.ns.acme.example"], sharedHosting: false },
      registrar: undefined,
      origin: "policy",
    });
    expect(extended.identifyDnsHost(["x.ns.acme.example", "y.ns.acme.example"])).toEqual({
      kind: "provider",
      id: "acme-dns",
    });
    expect(
      extended.identifyRegistrar({ ianaId: undefined, name: "Acme Registrar Limited" }),
    ).toEqual({
      kind: "match",
      ids: ["acme-registrar"],
    });
  });

  it("lets a policy-defined provider win a pattern overlap with a built-in", () => {
    const extended = buildCatalog([
      { id: "hover-reseller", dnsHost: { nameservers: ["ns1.hover.com"] } },
    ]);
    expect(extended.identifyDnsHost(["ns1.hover.com"])).toEqual({
      kind: "provider",
      id: "hover-reseller",
    });
  });
});

describe("registrarNameKey", () => {
  it("drops case, punctuation and trailing legal forms only", () => {
    expect(registrarNameKey("Amazon Registrar, Inc.")).toBe("amazon registrar");
    expect(registrarNameKey("CSC Corporate Domains, Inc.")).toBe("csc corporate domains");
    expect(registrarNameKey("Squarespace Domains II LLC")).toBe("squarespace domains ii");
    expect(registrarNameKey("Co")).toBe("co");
  });
});
