// What the benchmark and the security team count on: API calls per scan, cold and warm.
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { EmulatedAccount, EmulatedHostedZone } from "../../../../src/lab/aws-emulator.js";
import { useAwsLab, useEnvironmentCredentials } from "./aws-lab.js";

const lab = useAwsLab();

interface CacheFile {
  zones: Record<string, unknown>;
}

const cacheFile = (cacheDir: string): string => join(cacheDir, "route53", "delegation-sets.json");
let account: EmulatedAccount;
const zones: EmulatedHostedZone[] = [];

beforeAll(() => {
  const created = lab.account();
  account = created.account;
  useEnvironmentCredentials(created.key);
  for (let i = 0; i < 5; i++) {
    account.registerDomain({
      name: `reg-${i}.example`,
      nameservers: [
        "NS-1.AWSDNS-01.COM.",
        "ns-600.awsdns-01.net",
        { name: "ns1.reg.example", glueIps: ["192.0.2.1"] },
      ],
      statusList: ["clientTransferProhibited", "clientDeleteProhibited"],
    });
  }
  for (let i = 0; i < 4; i++) zones.push(account.addHostedZone({ name: `hosted-${i}.example` }));
  // Twelve zones the policies do not cover: a scan must not fetch their delegation sets.
  for (let i = 0; i < 12; i++) account.addHostedZone({ name: `unrelated-${i}.example` });
});

describe("Route 53 Domains calls", () => {
  it("calls GetDomainDetail at most once per registered domain and never for others", async () => {
    lab.emulator.resetCounters();
    const observer = lab.observer();
    const covered = [
      "reg-0.example",
      "reg-1.example",
      "reg-2.example",
      "elsewhere.example",
      "other.test",
    ];
    // Every domain asked three times, concurrently, as a scan with several rules would.
    const results = await Promise.all(
      [...covered, ...covered, ...covered].map((d) => observer.registration(d, undefined)),
    );
    expect(results.filter((r) => r.kind === "registered")).toHaveLength(9);
    expect(results.filter((r) => r.kind === "not-in-account")).toHaveLength(6);
    expect(lab.emulator.callCount("ListDomains")).toBe(1);
    expect(lab.emulator.callCount("GetDomainDetail")).toBe(3);
    const asked = lab.emulator.requestLog.filter((r) => r.operation === "GetDomainDetail");
    expect(asked.every((r) => r.status === 200)).toBe(true);
    expect(observer.stats().calls).toEqual({ ListDomains: 1, GetDomainDetail: 3 });
  });

  it("normalises the detail: name servers, status list, expiry, transfer lock from the listing", async () => {
    account.registerDomain({
      name: "detail.example",
      nameservers: ["NS-2.AWSDNS-02.COM.", "ns-1500.awsdns-02.org"],
      autoRenew: false,
      transferLock: false,
      statusList: ["ok"],
      expiry: new Date("2031-05-06T07:08:09Z"),
      registrarName: "Gandi SAS",
    });
    const result = await lab.observer().registration("Detail.Example.", undefined);
    expect(result).toEqual({
      kind: "registered",
      account: "default",
      detail: {
        name: "detail.example",
        autoRenew: false,
        transferLock: false,
        expiry: "2031-05-06T07:08:09.000Z",
        nameservers: ["ns-1500.awsdns-02.org", "ns-2.awsdns-02.com"],
        registrarName: "Gandi SAS",
        statusList: ["ok"],
        dnssecKeys: [],
      },
      // The listing's row, which the next run compares before reusing the detail.
      listed: {
        name: "detail.example",
        autoRenew: false,
        transferLock: false,
        expiry: "2031-05-06T07:08:09.000Z",
      },
    });
  });

  it("treats a domain that left the account between listing and detail as not in the account", async () => {
    account.registerDomain({ name: "leaving.example" });
    const observer = lab.observer();
    await observer.inventory(undefined);
    account.removeDomain("leaving.example");
    expect(await observer.registration("leaving.example", undefined)).toEqual({
      kind: "not-in-account",
      account: "default",
    });
  });
});

describe("Route 53 delegation sets and the disk cache", () => {
  it("cold scan: one GetHostedZone per relevant zone; warm scan with the same cache: none", async () => {
    const cacheDir = await lab.tempDir();
    const names = zones.map((z) => z.name);

    lab.emulator.resetCounters();
    const cold = lab.observer({ cacheDir });
    const first = await Promise.all(
      [...names, ...names].map((n) => cold.hostedZones(n, undefined)),
    );
    expect(first.every((r) => r.kind === "found")).toBe(true);
    expect(lab.emulator.callCount("GetHostedZone")).toBe(zones.length);
    expect(cold.stats().calls.GetHostedZone).toBe(zones.length);
    // Written once, when the observer closes: one file for the cache dir.
    await cold.close();
    const cached = JSON.parse(await readFile(cacheFile(cacheDir), "utf8")) as CacheFile;
    expect(Object.keys(cached.zones).sort()).toEqual(zones.map((z) => z.id).sort());
    expect(await readdir(join(cacheDir, "route53"))).toEqual(["cache.key", "delegation-sets.json"]);

    lab.emulator.resetCounters();
    const warm = lab.observer({ cacheDir });
    const second = await Promise.all(names.map((n) => warm.hostedZones(n, undefined)));
    expect(lab.emulator.callCount("GetHostedZone")).toBe(0);
    expect(warm.stats().calls.GetHostedZone).toBeUndefined();
    expect(lab.emulator.callCount("ListHostedZones")).toBe(1);
    // The cached answer is the same answer.
    expect(second).toEqual(first.slice(0, names.length));
    for (const [i, zone] of zones.entries()) {
      const result = second[i];
      if (result?.kind !== "found") throw new Error("expected a zone");
      expect(result.zones[0]?.delegationSet).toEqual([...zone.delegationSet].sort());
    }
  });

  it("shards sharing a cache dir keep each other's entries", async () => {
    const cacheDir = await lab.tempDir();
    const [a, b, c, d] = zones as [
      EmulatedHostedZone,
      EmulatedHostedZone,
      EmulatedHostedZone,
      EmulatedHostedZone,
    ];
    const shards = [lab.observer({ cacheDir }), lab.observer({ cacheDir })] as const;
    await Promise.all([
      shards[0].hostedZones(a.name, undefined),
      shards[0].hostedZones(b.name, undefined),
      shards[1].hostedZones(c.name, undefined),
      shards[1].hostedZones(d.name, undefined),
    ]);
    await Promise.all(shards.map((shard) => shard.close()));

    lab.emulator.resetCounters();
    const warm = lab.observer({ cacheDir });
    const results = await Promise.all(zones.map((z) => warm.hostedZones(z.name, undefined)));
    expect(results.map((r) => r.kind)).toEqual(["found", "found", "found", "found"]);
    expect(lab.emulator.callCount("GetHostedZone")).toBe(0);
  });

  it("tolerates a corrupt cache file and bad entries: asks the API and rewrites them", async () => {
    const [a, b, c] = zones as [EmulatedHostedZone, EmulatedHostedZone, EmulatedHostedZone];
    const corruptDir = await lab.tempDir();
    await mkdir(join(corruptDir, "route53"), { recursive: true });
    await writeFile(cacheFile(corruptDir), '{"version":2,"zones":{"');
    lab.emulator.resetCounters();
    const afterCorrupt = lab.observer({ cacheDir: corruptDir });
    expect((await afterCorrupt.hostedZones(a.name, undefined)).kind).toBe("found");
    expect(lab.emulator.callCount("GetHostedZone")).toBe(1);
    await afterCorrupt.close();
    lab.emulator.resetCounters();
    expect((await lab.observer({ cacheDir: corruptDir }).hostedZones(a.name, undefined)).kind).toBe(
      "found",
    );
    expect(lab.emulator.callCount("GetHostedZone")).toBe(0);

    const cacheDir = await lab.tempDir();
    const seed = lab.observer({ cacheDir });
    await Promise.all([a, b, c].map((z) => seed.hostedZones(z.name, undefined)));
    await seed.close();
    const file = JSON.parse(await readFile(cacheFile(cacheDir), "utf8")) as CacheFile;
    const entryOf = (id: string) => file.zones[id] as Record<string, unknown>;
    file.zones[b.id] = { ...entryOf(b.id), nameServers: ["evil..name", 7] };
    file.zones[c.id] = { ...entryOf(c.id), zoneName: "another.example" };
    await writeFile(cacheFile(cacheDir), JSON.stringify(file));

    lab.emulator.resetCounters();
    const observer = lab.observer({ cacheDir });
    const results = await Promise.all(
      [a, b, c].map((z) => observer.hostedZones(z.name, undefined)),
    );
    expect(results.map((r) => r.kind)).toEqual(["found", "found", "found"]);
    // a from the cache; b (bad entry) and c (recorded for another name) from the API.
    expect(lab.emulator.callCount("GetHostedZone")).toBe(2);
    await observer.close();
    const rewritten = JSON.parse(await readFile(cacheFile(cacheDir), "utf8")) as CacheFile;
    expect(rewritten.zones[b.id]).toMatchObject({ nameServers: [...b.delegationSet].sort() });
    expect(rewritten.zones[c.id]).toMatchObject({ zoneName: c.name });
    expect(await readdir(join(cacheDir, "route53"))).toEqual(["cache.key", "delegation-sets.json"]);

    lab.emulator.resetCounters();
    const again = lab.observer({ cacheDir });
    await Promise.all([a, b, c].map((z) => again.hostedZones(z.name, undefined)));
    expect(lab.emulator.callCount("GetHostedZone")).toBe(0);
  });

  it("keeps no disk cache without a cache dir, and still fetches each zone once per observer", async () => {
    lab.emulator.resetCounters();
    const observer = lab.observer({ cacheDir: undefined });
    await observer.hostedZones(zones[0]?.name ?? "", undefined);
    await observer.hostedZones(zones[0]?.name ?? "", undefined);
    expect(lab.emulator.callCount("GetHostedZone")).toBe(1);
    await lab.observer({ cacheDir: undefined }).hostedZones(zones[0]?.name ?? "", undefined);
    expect(lab.emulator.callCount("GetHostedZone")).toBe(2);
  });

  it("drops a zone deleted between the listing and GetHostedZone", async () => {
    const doomed = account.addHostedZone({ name: "doomed.example" });
    const observer = lab.observer();
    await observer.inventory(undefined);
    account.deleteHostedZone(doomed.id);
    expect(await observer.hostedZones("doomed.example", undefined)).toEqual({
      kind: "none",
      account: "default",
    });
  });
});
