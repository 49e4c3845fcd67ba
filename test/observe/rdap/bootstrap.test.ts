import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import embedded from "../../../src/data/iana-rdap-dns.json" with { type: "json" };
import {
  findRdapService,
  loadRdapBootstrapFile,
  parseRdapBootstrap,
  type RdapBootstrap,
} from "../../../src/observe/rdap/index.js";

function parse(json: unknown): RdapBootstrap {
  const result = parseRdapBootstrap(json, "test.json");
  if (!result.ok) throw new Error(result.message);
  return result.bootstrap;
}

const doc = (services: unknown[]) => ({
  version: "1.0",
  publication: "2026-05-01T00:00:00Z",
  services,
});

describe("parseRdapBootstrap", () => {
  it("reads the embedded IANA file", () => {
    const bootstrap = parse(embedded);
    expect(bootstrap.publication).toBe("2026-07-23T02:00:03Z");
    expect(bootstrap.services.get("com")).toEqual(["https://rdap.verisign.com/com/v1/"]);
    expect(bootstrap.services.get("org")).toEqual([
      "https://rdap.publicinterestregistry.org/rdap/",
    ]);
    expect(bootstrap.services.size).toBeGreaterThan(500);
  });

  it("normalises entries to lower-case A-labels and keeps the first of duplicates", () => {
    const bootstrap = parse(
      doc([
        [["COM", "Co.UK"], ["https://one.example/"]],
        [["com"], ["https://two.example/"]],
      ]),
    );
    expect([...bootstrap.services.keys()]).toEqual(["com", "co.uk"]);
    expect(bootstrap.services.get("com")).toEqual(["https://one.example/"]);
  });

  it("drops URLs of schemes it can never use", () => {
    const bootstrap = parse(doc([[["com"], ["ftp://x.example/", "https://y.example/"]]]));
    expect(bootstrap.services.get("com")).toEqual(["https://y.example/"]);
  });

  it.each([
    [null, "test.json: not a JSON object"],
    [{ services: {} }, 'test.json: "services" is not an array'],
    [{ publication: "yesterday", services: [] }, 'test.json: "publication" is not a date'],
    [doc([["com"]]), "test.json: services[0] is not an [entries, urls] pair"],
    [
      doc([["com", ["https://x.example/"]]]),
      "test.json: services[0] is not an [entries, urls] pair",
    ],
    [
      doc([[["bad label!"], ["https://x.example/"]]]),
      "test.json: services[0][0][0] is not a DNS name",
    ],
    [doc([[["com"], ["not a url"]]]), "test.json: services[0][1][0] is not a URL"],
  ])("rejects %j", (json, message) => {
    expect(parseRdapBootstrap(json, "test.json")).toEqual({ ok: false, message });
  });
});

describe("findRdapService", () => {
  const bootstrap = parse(
    doc([
      [["uk"], ["https://rdap.uk.example/uk/"]],
      [["co.uk"], ["https://rdap.uk.example/co.uk"]],
      [["xn--p1ai"], ["https://rdap.rf.example/"]],
      [["lab"], ["http://127.0.0.1:8080/", "https://rdap.lab.example/"]],
      [["plain"], ["http://rdap.plain.example/"]],
    ]),
  );

  it("prefers the longest matching entry, label-wise", () => {
    expect(findRdapService(bootstrap, "shop.example.co.uk", false)).toEqual({
      kind: "found",
      entry: "co.uk",
      baseUrl: "https://rdap.uk.example/co.uk/",
    });
    expect(findRdapService(bootstrap, "example.uk", false)).toMatchObject({ entry: "uk" });
    // "co.uk" is a suffix by characters of "deco.uk" but not by labels.
    expect(findRdapService(bootstrap, "deco.uk", false)).toMatchObject({ entry: "uk" });
  });

  it("matches IDN TLDs by their A-label", () => {
    expect(findRdapService(bootstrap, "xn--e1afmkfd.xn--p1ai", false)).toMatchObject({
      kind: "found",
      entry: "xn--p1ai",
    });
  });

  it("never matches the domain itself", () => {
    expect(findRdapService(bootstrap, "uk", false)).toEqual({
      kind: "none",
      reason: "no RDAP service for .uk in the IANA bootstrap",
    });
  });

  it("prefers https, and uses http only from a file the user supplied", () => {
    expect(findRdapService(bootstrap, "a.lab", false)).toMatchObject({
      baseUrl: "https://rdap.lab.example/",
    });
    expect(findRdapService(bootstrap, "a.plain", true)).toMatchObject({
      baseUrl: "http://rdap.plain.example/",
    });
    expect(findRdapService(bootstrap, "a.plain", false)).toEqual({
      kind: "none",
      reason:
        "the RDAP service for .plain offers only http (http://rdap.plain.example/); plain http is used only from a bootstrap file you supply",
    });
  });

  it("names the IANA bootstrap, or the user's file, when the TLD is absent", () => {
    expect(findRdapService(bootstrap, "example.zz", false)).toEqual({
      kind: "none",
      reason: "no RDAP service for .zz in the IANA bootstrap",
    });
    expect(findRdapService(bootstrap, "example.zz", true)).toEqual({
      kind: "none",
      reason: "no RDAP service for .zz in test.json",
    });
  });
});

describe("loadRdapBootstrapFile", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "dd-bootstrap-"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("loads a valid file, named by its path", async () => {
    const file = join(dir, "good.json");
    await writeFile(file, JSON.stringify(doc([[["test"], ["http://127.0.0.1:9/"]]])));
    const result = await loadRdapBootstrapFile(file);
    expect(result.ok && result.bootstrap.source).toBe(file);
    expect(result.ok && result.bootstrap.services.get("test")).toEqual(["http://127.0.0.1:9/"]);
  });

  it("reports a missing file, invalid JSON and a directory", async () => {
    const broken = join(dir, "broken.json");
    await writeFile(broken, "{ not json");
    expect(await loadRdapBootstrapFile(join(dir, "missing.json"))).toEqual({
      ok: false,
      message: `${join(dir, "missing.json")}: no such file or directory`,
    });
    expect(await loadRdapBootstrapFile(broken)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/invalid JSON/),
    });
    expect(await loadRdapBootstrapFile(dir)).toEqual({
      ok: false,
      message: `${dir}: a directory, not a regular file`,
    });
  });
});
