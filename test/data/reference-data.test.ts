// Embedded vs cached reference data: the cached copy wins only when present, valid and newer.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EMBEDDED_NAMED_ROOT } from "../../src/data/named-root.js";
import {
  loadRdapBootstrap,
  loadRootHintsText,
  loadRoute53Ranges,
} from "../../src/data/reference-data.js";

let cacheDir: string;
beforeEach(async () => {
  cacheDir = await mkdtemp(join(tmpdir(), "dd-refdata-"));
});
afterEach(() => rm(cacheDir, { recursive: true, force: true }));

async function cache(fileName: string, text: string): Promise<string> {
  await mkdir(join(cacheDir, "data"), { recursive: true });
  const path = join(cacheDir, "data", fileName);
  await writeFile(path, text);
  return path;
}

const bootstrapText = (publication: string) =>
  JSON.stringify({
    version: "1.0",
    publication,
    services: [[["com", "net"], ["https://rdap.refreshed.example/"]]],
  });

describe("without a cache", () => {
  it("uses the embedded copies", async () => {
    const bootstrap = await loadRdapBootstrap({ cacheDir });
    expect(bootstrap).toMatchObject({
      origin: "embedded",
      version: "2026-07-23T02:00:03Z",
      warning: undefined,
    });
    expect(bootstrap.bootstrap.services.get("com")).toEqual(["https://rdap.verisign.com/com/v1/"]);
    expect(await loadRootHintsText({ cacheDir })).toMatchObject({
      origin: "embedded",
      version: "2026052101",
      text: EMBEDDED_NAMED_ROOT,
    });
    const ranges = await loadRoute53Ranges({ cacheDir });
    expect(ranges).toMatchObject({ origin: "embedded", version: "2026-08-22-15-17-05" });
    expect(ranges.ranges.ipv4Prefixes).toContain("205.251.192.0/21");
    expect(ranges.ranges.ipv4Prefixes).toHaveLength(26);
    expect(ranges.ranges.ipv6Prefixes).toHaveLength(14);
  });
});

describe("the RDAP bootstrap", () => {
  it("uses a newer cached copy", async () => {
    const path = await cache("iana-rdap-dns.json", bootstrapText("2026-09-01T00:00:00Z"));
    const loaded = await loadRdapBootstrap({ cacheDir });
    expect(loaded).toMatchObject({
      origin: "cache",
      version: "2026-09-01T00:00:00Z",
      warning: undefined,
    });
    expect(loaded.bootstrap.source).toBe(path);
    expect(loaded.bootstrap.services.get("net")).toEqual(["https://rdap.refreshed.example/"]);
  });

  it("ignores an older cached copy silently", async () => {
    await cache("iana-rdap-dns.json", bootstrapText("2025-01-01T00:00:00Z"));
    expect(await loadRdapBootstrap({ cacheDir })).toMatchObject({
      origin: "embedded",
      warning: undefined,
    });
  });

  it("keeps only the https URLs of a cached copy", async () => {
    await cache(
      "iana-rdap-dns.json",
      JSON.stringify({
        version: "1.0",
        publication: "2026-09-01T00:00:00Z",
        services: [
          [["com"], ["http://rdap.planted.example/", "https://rdap.refreshed.example/"]],
          [["net"], ["http://rdap.planted.example/"]],
        ],
      }),
    );
    const loaded = await loadRdapBootstrap({ cacheDir });
    expect(loaded.origin).toBe("cache");
    expect(loaded.bootstrap.services.get("com")).toEqual(["https://rdap.refreshed.example/"]);
    expect(loaded.bootstrap.services.get("net")).toEqual([]);
  });

  it.each([
    ["invalid JSON", "{", /invalid JSON/],
    [
      "no publication",
      JSON.stringify({ services: [[["com"], ["https://x.example/"]]] }),
      /no "publication"/,
    ],
    [
      "no services",
      JSON.stringify({ publication: "2030-01-01T00:00:00Z", services: [] }),
      /no services/,
    ],
  ])("ignores a cached copy with %s, and says why", async (_, text, why) => {
    await cache("iana-rdap-dns.json", text);
    const loaded = await loadRdapBootstrap({ cacheDir });
    expect(loaded.origin).toBe("embedded");
    expect(loaded.warning).toMatch(why);
    expect(loaded.warning).toMatch(/update-data/);
  });
});

describe("the root hints", () => {
  const newer = EMBEDDED_NAMED_ROOT.replace("2026052101", "2026090101").replace(
    "198.41.0.4",
    "198.41.0.44",
  );

  it("uses a newer cached copy", async () => {
    await cache("named.root", newer);
    const loaded = await loadRootHintsText({ cacheDir });
    expect(loaded).toMatchObject({ origin: "cache", version: "2026090101" });
    expect(loaded.text).toContain("198.41.0.44");
  });

  it("ignores an older one", async () => {
    await cache("named.root", EMBEDDED_NAMED_ROOT.replace("2026052101", "2025010101"));
    expect(await loadRootHintsText({ cacheDir })).toMatchObject({
      origin: "embedded",
      warning: undefined,
    });
  });

  it("ignores an invalid one, naming the line", async () => {
    const path = await cache("named.root", newer.replace("198.41.0.44", "not-an-address"));
    const loaded = await loadRootHintsText({ cacheDir });
    expect(loaded.origin).toBe("embedded");
    expect(loaded.warning).toContain(`${path}:18: bad A address "not-an-address"`);
  });

  // The walker trusts its root set without the non-public address rule: a cached copy (which a
  // pull request may plant) cannot point it at the runner's network. Labs use --root-hints.
  it.each([
    ["198.41.0.44", "10.0.0.1", "a.root-servers.net is at 10.0.0.1, a private address"],
    [
      "198.41.0.44",
      "169.254.169.254",
      "a.root-servers.net is at 169.254.169.254, a link-local address",
    ],
    ["2001:503:ba3e::2:30", "::1", "a.root-servers.net is at ::1, a loopback address"],
  ])("ignores one with a non-public address (%s → %s), and says why", async (from, to, why) => {
    const path = await cache("named.root", newer.replace(from, to));
    const loaded = await loadRootHintsText({ cacheDir });
    expect(loaded).toMatchObject({ origin: "embedded", text: EMBEDDED_NAMED_ROOT });
    expect(loaded.warning).toContain(`${path}: root server ${why}`);
    expect(loaded.warning).toMatch(/update-data/);
  });

  it("ignores one without a root zone version", async () => {
    await cache("named.root", newer.replace(/related version of root zone:.*\n/, ""));
    expect((await loadRootHintsText({ cacheDir })).warning).toMatch(
      /no "related version of root zone" line/,
    );
  });
});

describe("the Route 53 ranges", () => {
  const ranges = (syncToken: string, createDate: string) =>
    JSON.stringify({
      syncToken,
      createDate,
      prefixes: [
        {
          ip_prefix: "198.18.0.0/24",
          region: "GLOBAL",
          service: "ROUTE53",
          network_border_group: "GLOBAL",
        },
      ],
      ipv6_prefixes: [],
    });

  it("uses a newer cached copy", async () => {
    await cache("aws-route53-ip-ranges.json", ranges("1799999999", "2027-01-15-08-00-00"));
    const loaded = await loadRoute53Ranges({ cacheDir });
    expect(loaded).toMatchObject({ origin: "cache", version: "2027-01-15-08-00-00" });
    expect(loaded.ranges.ipv4Prefixes).toEqual(["198.18.0.0/24"]);
  });

  it("ignores an older or a broken one", async () => {
    await cache("aws-route53-ip-ranges.json", ranges("1700000000", "2023-11-14-22-13-20"));
    expect(await loadRoute53Ranges({ cacheDir })).toMatchObject({
      origin: "embedded",
      warning: undefined,
    });
    await cache("aws-route53-ip-ranges.json", ranges("1799999999", "yesterday"));
    expect((await loadRoute53Ranges({ cacheDir })).warning).toMatch(/createDate/);
  });
});
