// RFC 9083 parsing against realistic response shapes in fixtures/rdap/.
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { renderLabBootstrap, startLabRdapServer } from "../../../src/lab/rdap-server.js";
import {
  lacksRegistrarData,
  mergeRegistrarAnswer,
  parseRdapDomain,
  type RdapDomainData,
} from "../../../src/observe/rdap/domain-object.js";
import { createRdapObserver, parseRdapBootstrap } from "../../../src/observe/rdap/index.js";
import { repoPath } from "../../support/repo.js";

const fixture = async (name: string): Promise<unknown> =>
  JSON.parse(await readFile(repoPath("fixtures", "rdap", name), "utf8"));

async function parsed(
  name: string,
  domain: string,
  url = "https://rdap.example/domain/x",
): Promise<RdapDomainData> {
  const result = parseRdapDomain(await fixture(name), domain, url);
  if (!result.ok) throw new Error(result.message);
  return result.data;
}

describe("parseRdapDomain on fixtures", () => {
  it("Verisign-like com: IANA ID, upper-case names, DNSSEC, registrar link", async () => {
    expect(await parsed("verisign-com.json", "example-brand.com")).toEqual({
      registrar: { ianaId: 292, name: "MarkMonitor Inc.", handle: "292", role: "registrar" },
      statuses: [
        "client delete prohibited",
        "client transfer prohibited",
        "client update prohibited",
        "server delete prohibited",
        "server transfer prohibited",
        "server update prohibited",
      ],
      events: {
        registration: "2003-04-11T18:22:05Z",
        expiration: "2027-04-11T18:22:05Z",
        lastChanged: "2026-03-09T10:14:52Z",
      },
      nameservers: [
        "ns-1234.awsdns-20.org",
        "ns-1801.awsdns-33.co.uk",
        "ns-371.awsdns-46.com",
        "ns-752.awsdns-30.net",
      ],
      delegationSigned: true,
      dsData: [
        {
          keyTag: 2371,
          algorithm: 13,
          digestType: 2,
          digest: "7c5dd0b1d1e9ac8c5e5a5c6a9f00b3e1c0d9a6d4e5f8c3b2a1908172635445ab",
        },
      ],
      keyData: [],
      relatedUrl: "https://rdap.markmonitor.com/rdap/domain/EXAMPLE-BRAND.COM",
      registrarEntityUrl: undefined,
      truncated: [],
    });
  });

  it("PIR org: registrar among other entities, millisecond timestamps", async () => {
    const data = await parsed("pir-org.json", "example-charity.org");
    expect(data.registrar).toMatchObject({ ianaId: 1068, name: "NameCheap, Inc." });
    expect(data.statuses).toEqual(["client transfer prohibited"]);
    expect(data.events.expiration).toBe("2027-01-15T21:04:11.000+00:00");
    expect(data.nameservers).toEqual([
      "dns1.registrar-servers.com",
      "dns2.registrar-servers.com",
      "ns1.example-charity.org",
    ]);
    expect(data.delegationSigned).toBe(false);
    expect(lacksRegistrarData(data)).toBe(false);
  });

  it("ccTLD: registrar by name only, trailing dots on name servers", async () => {
    const data = await parsed("cctld-name-only.json", "example-shop.co.uk");
    // A two-letter TLD: no IANA id is trusted; the name and the registry's handle are kept.
    expect(data.registrar).toEqual({
      ianaId: undefined,
      name: "Example Hosting Ltd t/a Example Domains [Tag = EXAMPLETAG]",
      handle: "EXAMPLE-REGISTRAR-TAG",
      role: "registrar",
    });
    expect(data.nameservers).toEqual(["ns1.example-dns.net", "ns2.example-dns.net"]);
    expect(data.delegationSigned).toBeUndefined();
    expect(data.relatedUrl).toBeUndefined();
  });

  it("a registrar's RDAP answer", async () => {
    const data = await parsed("registrar-markmonitor.json", "example-brand.com");
    expect(data.registrar).toMatchObject({ ianaId: 292, name: "MarkMonitor Inc." });
    expect(data.events.expiration).toBe("2027-04-11T00:00:00.000+00:00");
    expect(data.nameservers).toHaveLength(4);
  });

  it("tolerates odd shapes: nested registrar, numeric ID, odd vCard, junk entries", async () => {
    const data = await parsed(
      "odd-shapes.json",
      "odd-shapes.example",
      "https://rdap.example/domain/odd-shapes.example",
    );
    expect(data).toEqual({
      registrar: { ianaId: 1910, name: "Cloudflare Inc.", handle: "7", role: "registrar" },
      statuses: ["client transfer prohibited", "ok"],
      events: {
        registration: "2019-09-01T12:00:00Z",
        expiration: undefined,
        lastChanged: "2026-02-02T02:02:02Z",
      },
      nameservers: ["b.ns.cloudflare.com", "ns.xn--bcher-kva.example"],
      // secureDNS without delegationSigned: the DS record still counts.
      delegationSigned: true,
      dsData: [{ keyTag: 1, algorithm: 13, digestType: 2, digest: "ab" }],
      keyData: [],
      relatedUrl: "https://rdap.example/registrar/domain/odd-shapes.example",
      registrarEntityUrl: undefined,
      truncated: [],
    });
  });
});

describe("parseRdapDomain refusals", () => {
  it.each([
    [[], /not a JSON object/],
    [{ objectClassName: "entity" }, /not a domain object/],
    [{ objectClassName: "domain", ldhName: "other.example" }, /another domain/],
  ])("refuses %j", (json, message) => {
    const result = parseRdapDomain(json, "mine.example", "https://rdap.example/");
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(message);
  });

  it("ignores a related link that points back at the answer itself", () => {
    const url = "https://rdap.example/domain/mine.example";
    const result = parseRdapDomain(
      {
        objectClassName: "domain",
        links: [{ rel: "related", type: "application/rdap+json", href: url }],
      },
      "mine.example",
      url,
    );
    expect(result.ok && result.data.relatedUrl).toBeUndefined();
  });
});

describe("mergeRegistrarAnswer", () => {
  it("keeps the registry's statuses and name servers, fills the rest from the registrar", async () => {
    const registry: RdapDomainData = {
      dsData: [],
      keyData: [],
      registrar: { ianaId: undefined, name: undefined },
      registrarEntityUrl: undefined,
      truncated: [],
      statuses: ["server hold"],
      events: {
        registration: "2001-01-01T00:00:00Z",
        expiration: undefined,
        lastChanged: undefined,
      },
      nameservers: ["ns1.registry-view.example"],
      delegationSigned: undefined,
      relatedUrl: "https://rdap.markmonitor.com/rdap/domain/example-brand.com",
    };
    const registrar = await parsed("registrar-markmonitor.json", "example-brand.com");
    expect(mergeRegistrarAnswer(registry, registrar)).toEqual({
      registrar: { ianaId: 292, name: "MarkMonitor Inc.", handle: "292", role: "registrar" },
      statuses: ["server hold"],
      events: {
        registration: "2001-01-01T00:00:00Z",
        expiration: "2027-04-11T00:00:00.000+00:00",
        lastChanged: "2026-03-09T10:14:52.000+00:00",
      },
      nameservers: ["ns1.registry-view.example"],
      delegationSigned: true,
      dsData: [],
      keyData: [],
      relatedUrl: undefined,
      registrarEntityUrl: undefined,
      truncated: [],
    });
  });
});

describe("a fixture served over HTTP", () => {
  it("reads the Verisign-like answer end to end without following the registrar link", async () => {
    const lab = await startLabRdapServer({ basePath: "/com/v1/" });
    lab.setRawDomain("example-brand.com", await fixture("verisign-com.json"));
    const bootstrap = parseRdapBootstrap(renderLabBootstrap({ com: lab.baseUrl }), "lab");
    if (!bootstrap.ok) throw new Error(bootstrap.message);
    const observer = createRdapObserver({ bootstrap: bootstrap.bootstrap, userSupplied: true });
    try {
      const result = await observer.lookup("example-brand.com");
      expect(result).toMatchObject({
        kind: "registered",
        registrar: { ianaId: 292, name: "MarkMonitor Inc." },
        url: `${lab.baseUrl}domain/example-brand.com`,
      });
      // Complete registry data: the https link to the registrar is not needed, and not fetched.
      expect(observer.stats()).toMatchObject({ requests: 1, relatedFollowed: 0 });
    } finally {
      await observer.close();
      await lab.close();
    }
  });
});
