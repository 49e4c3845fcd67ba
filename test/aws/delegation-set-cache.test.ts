import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDelegationSetCache } from "../../src/aws/delegation-set-cache.js";

let dir: string;
const servers = ["ns-1.awsdns-01.com", "ns-600.awsdns-01.net"];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "domain-drift-cache-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("delegation-set cache", () => {
  it("stores one JSON file per zone id and reads it back for the same zone name only", async () => {
    const cache = createDelegationSetCache(dir);
    await cache.put("Z123ABC", "example.com", servers);
    const file = join(dir, "route53", "delegation-sets", "Z123ABC.json");
    expect(JSON.parse(await readFile(file, "utf8"))).toMatchObject({
      version: 1,
      zoneId: "Z123ABC",
      zoneName: "example.com",
      nameServers: servers,
    });
    expect(await cache.get("Z123ABC", "example.com")).toEqual(servers);
    expect(await cache.get("Z123ABC", "example.org")).toBeUndefined();
    expect(await cache.get("ZOTHER", "example.com")).toBeUndefined();
  });

  it("never turns an odd zone id into a path", async () => {
    const cache = createDelegationSetCache(dir);
    await cache.put("../../escape", "example.com", servers);
    await cache.put("z-lower", "example.com", servers);
    expect(await cache.get("../../escape", "example.com")).toBeUndefined();
    expect((await readdir(join(dir, "route53", "delegation-sets"))).sort()).toEqual([
      "Z123ABC.json",
    ]);
  });

  it("treats a file that is not a valid entry as absent", async () => {
    const cache = createDelegationSetCache(dir);
    const file = join(dir, "route53", "delegation-sets", "ZBAD.json");
    for (const content of [
      "",
      "null",
      "[]",
      "{}",
      '{"version":2,"zoneId":"ZBAD","zoneName":"x","nameServers":["a.b"],"observedAt":"t"}',
      `{"version":1,"zoneId":"ZBAD","zoneName":"x","nameServers":[],"observedAt":"t"}`,
      "x".repeat(20_000),
    ]) {
      await writeFile(file, content);
      expect(await cache.get("ZBAD", "x")).toBeUndefined();
    }
  });

  it("does nothing on disk without a directory", async () => {
    const cache = createDelegationSetCache(undefined);
    await cache.put("ZNODISK", "example.com", servers);
    expect(await cache.get("ZNODISK", "example.com")).toBeUndefined();
  });

  it("a cache directory that cannot be written costs nothing but the cache", async () => {
    const blocker = join(dir, "a-file");
    await writeFile(blocker, "not a directory");
    const cache = createDelegationSetCache(blocker);
    await expect(cache.put("Z1", "example.com", servers)).resolves.toBeUndefined();
    expect(await cache.get("Z1", "example.com")).toBeUndefined();
  });
});
