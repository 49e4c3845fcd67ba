import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDelegationSetCache } from "../../../../src/observe/providers/route53/delegation-set-cache.js";

let root: string;
let counter = 0;
const servers = ["ns-1.awsdns-01.com", "ns-600.awsdns-01.net"];
const others = ["ns-2.awsdns-02.com", "ns-601.awsdns-02.net"];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "domain-drift-cache-"));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A fresh cache dir, and where its file lives. */
function cacheDir(): { dir: string; file: string } {
  counter += 1;
  const dir = join(root, `c${counter}`);
  return { dir, file: join(dir, "route53", "delegation-sets.json") };
}

async function writeCacheFile(file: string, content: string): Promise<void> {
  await mkdir(join(file, ".."), { recursive: true });
  await writeFile(file, content);
}

const entry = (zoneName: string, nameServers: readonly string[] = servers) => ({
  zoneName,
  nameServers,
  observedAt: "2026-01-01T00:00:00.000Z",
});

describe("delegation-set cache", () => {
  it("keeps new entries in memory and writes one file when flushed", async () => {
    const { dir, file } = cacheDir();
    const cache = createDelegationSetCache(dir);
    cache.put("Z123ABC", "example.com", servers);
    cache.put("Z456DEF", "example.org", others);
    expect(await cache.get("Z123ABC", "example.com")).toEqual(servers);
    await expect(readdir(dir)).rejects.toMatchObject({ code: "ENOENT" });

    await cache.flush();
    const written = JSON.parse(await readFile(file, "utf8"));
    expect(written).toMatchObject({
      version: 3,
      zones: {
        Z123ABC: { zoneName: "example.com", nameServers: servers },
        Z456DEF: { zoneName: "example.org", nameServers: others },
      },
    });
    expect(typeof written.zones.Z123ABC.observedAt).toBe("string");
    expect(await readdir(join(dir, "route53"))).toEqual(["cache.key", "delegation-sets.json"]);

    const next = createDelegationSetCache(dir);
    expect(await next.get("Z123ABC", "example.com")).toEqual(servers);
    expect(await next.get("Z123ABC", "example.org")).toBeUndefined();
    expect(await next.get("ZOTHER", "example.com")).toBeUndefined();
  });

  it("reads the file once, however many zones are asked for", async () => {
    const { dir, file } = cacheDir();
    const seed = createDelegationSetCache(dir);
    seed.put("ZONE1", "one.example", servers);
    await seed.flush();

    const cache = createDelegationSetCache(dir);
    expect(await cache.get("ZONE1", "one.example")).toEqual(servers);
    // Gone from disk now: a second read would miss it.
    await rm(file);
    expect(await cache.get("ZONE1", "one.example")).toEqual(servers);
  });

  it("flushing without new entries writes nothing", async () => {
    const { dir } = cacheDir();
    const cache = createDelegationSetCache(dir);
    expect(await cache.get("Z1", "example.com")).toBeUndefined();
    await cache.flush();
    await expect(readdir(dir)).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("merges with what another writer put on disk in the meantime", async () => {
    const { dir } = cacheDir();
    const first = createDelegationSetCache(dir);
    const second = createDelegationSetCache(dir);
    // Both start from the same (empty) view of the disk.
    expect(await first.get("ZA", "a.example")).toBeUndefined();
    expect(await second.get("ZB", "b.example")).toBeUndefined();
    first.put("ZA", "a.example", servers);
    second.put("ZB", "b.example", others);
    await first.flush();
    await second.flush();

    const reader = createDelegationSetCache(dir);
    expect(await reader.get("ZA", "a.example")).toEqual(servers);
    expect(await reader.get("ZB", "b.example")).toEqual(others);
  });

  it("concurrent flushes of many writers lose no entry and leave no temporary file", async () => {
    const { dir } = cacheDir();
    const writers = Array.from({ length: 8 }, (_, i) => {
      const cache = createDelegationSetCache(dir);
      for (let z = 0; z < 50; z++) cache.put(`ZW${i}Z${z}`, `w${i}-z${z}.example`, servers);
      return cache;
    });
    await Promise.all(writers.map((cache) => cache.flush()));

    const reader = createDelegationSetCache(dir);
    for (let i = 0; i < 8; i++) {
      for (let z = 0; z < 50; z++) {
        expect(await reader.get(`ZW${i}Z${z}`, `w${i}-z${z}.example`)).toEqual(servers);
      }
    }
    expect(await readdir(join(dir, "route53"))).toEqual(["cache.key", "delegation-sets.json"]);
  });

  it("takes over a lock left behind by a crashed writer", async () => {
    const { dir, file } = cacheDir();
    await writeCacheFile(`${file}.lock`, "");
    const old = new Date(Date.now() - 60_000);
    await utimes(`${file}.lock`, old, old);
    const cache = createDelegationSetCache(dir);
    cache.put("ZLOCKED", "locked.example", servers);
    await cache.flush();
    expect(await createDelegationSetCache(dir).get("ZLOCKED", "locked.example")).toEqual(servers);
    expect(await readdir(join(dir, "route53"))).toEqual(["cache.key", "delegation-sets.json"]);
  });

  it("drops bad entries and keeps the good ones", async () => {
    const { dir, file } = cacheDir();
    const seed = createDelegationSetCache(dir);
    seed.put("ZGOOD", "good.example", servers);
    await seed.flush();
    const good = JSON.parse(await readFile(file, "utf8")).zones.ZGOOD;
    await writeCacheFile(
      file,
      JSON.stringify({
        version: 3,
        zones: {
          ZGOOD: good,
          ZEMPTY: entry("empty.example", []),
          ZEVIL: { ...entry("evil.example"), nameServers: ["evil..name", 7] },
          ZNOTIME: { zoneName: "notime.example", nameServers: servers },
          "../escape": entry("escape.example"),
          ZARRAY: [],
          ZTOOMANY: entry(
            "many.example",
            Array.from({ length: 14 }, (_, i) => `ns${i}.example`),
          ),
        },
      }),
    );
    const cache = createDelegationSetCache(dir);
    expect(await cache.get("ZGOOD", "good.example")).toEqual(servers);
    for (const [id, name] of [
      ["ZEMPTY", "empty.example"],
      ["ZEVIL", "evil.example"],
      ["ZNOTIME", "notime.example"],
      ["../escape", "escape.example"],
      ["ZARRAY", "x"],
      ["ZTOOMANY", "many.example"],
    ] as const) {
      expect(await cache.get(id, name)).toBeUndefined();
    }
  });

  it("ignores a file that is corrupt, of another version or too large, and replaces it on flush", async () => {
    for (const content of [
      "",
      "null",
      "[]",
      "{}",
      '{"version":2,"zones":',
      '{"version":2,"zones":[]}',
      JSON.stringify({ version: 1, zones: { ZBAD: entry("x") } }),
      JSON.stringify({ version: 2, zones: { ZBAD: entry("x") }, pad: "x".repeat(33 * 2 ** 20) }),
    ]) {
      const { dir, file } = cacheDir();
      await writeCacheFile(file, content);
      const cache = createDelegationSetCache(dir);
      expect(await cache.get("ZBAD", "x")).toBeUndefined();
      cache.put("ZNEW", "new.example", servers);
      await cache.flush();
      const rewritten = JSON.parse(await readFile(file, "utf8"));
      expect(Object.keys(rewritten.zones)).toEqual(["ZNEW"]);
    }
  });

  it("never stores an odd zone id or an invalid name server", async () => {
    const { dir, file } = cacheDir();
    const cache = createDelegationSetCache(dir);
    cache.put("../../escape", "example.com", servers);
    cache.put("z-lower", "example.com", servers);
    cache.put("ZBADNS", "example.com", ["not a host"]);
    cache.put("ZOK", "example.com", servers);
    await cache.flush();
    const written = JSON.parse(await readFile(file, "utf8"));
    expect(Object.keys(written.zones)).toEqual(["ZOK"]);
  });

  it("does nothing on disk without a directory", async () => {
    const cache = createDelegationSetCache(undefined);
    cache.put("ZNODISK", "example.com", servers);
    await cache.flush();
    expect(await cache.get("ZNODISK", "example.com")).toBeUndefined();
  });

  it("a cache directory that cannot be written costs nothing but the cache", async () => {
    const blocker = join(root, "a-file");
    await writeFile(blocker, "not a directory");
    const cache = createDelegationSetCache(blocker);
    expect(await cache.get("Z1", "example.com")).toBeUndefined();
    cache.put("Z1", "example.com", servers);
    await expect(cache.flush()).resolves.toBeUndefined();
    expect(await createDelegationSetCache(blocker).get("Z1", "example.com")).toBeUndefined();
  });
});
