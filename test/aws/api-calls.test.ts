// What the benchmark and the security team count on: API calls per scan, cold and warm.
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { EmulatedAccount, EmulatedHostedZone } from "../../src/lab/aws-emulator.js";
import { useAwsLab, useEnvironmentCredentials } from "./aws-lab.js";

const lab = useAwsLab();
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
    const files = await readdir(join(cacheDir, "route53", "delegation-sets"));
    expect(files.sort()).toEqual(zones.map((z) => `${z.id}.json`).sort());

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

  it("ignores and rewrites a corrupt or mismatched cache file", async () => {
    const cacheDir = await lab.tempDir();
    const [a, b, c] = zones as [EmulatedHostedZone, EmulatedHostedZone, EmulatedHostedZone];
    await lab.observer({ cacheDir }).hostedZones(a.name, undefined);
    await lab.observer({ cacheDir }).hostedZones(b.name, undefined);
    await lab.observer({ cacheDir }).hostedZones(c.name, undefined);
    const dir = join(cacheDir, "route53", "delegation-sets");
    await writeFile(join(dir, `${a.id}.json`), '{"version":1,"zoneId":');
    const entryB = JSON.parse(await readFile(join(dir, `${b.id}.json`), "utf8")) as Record<
      string,
      unknown
    >;
    await writeFile(
      join(dir, `${b.id}.json`),
      JSON.stringify({ ...entryB, nameServers: ["evil..name", 7] }),
    );
    const entryC = JSON.parse(await readFile(join(dir, `${c.id}.json`), "utf8")) as Record<
      string,
      unknown
    >;
    await writeFile(
      join(dir, `${c.id}.json`),
      JSON.stringify({ ...entryC, zoneName: "another.example" }),
    );

    lab.emulator.resetCounters();
    const observer = lab.observer({ cacheDir });
    const results = await Promise.all(
      [a, b, c].map((z) => observer.hostedZones(z.name, undefined)),
    );
    expect(results.map((r) => r.kind)).toEqual(["found", "found", "found"]);
    expect(lab.emulator.callCount("GetHostedZone")).toBe(3);
    const rewritten = JSON.parse(await readFile(join(dir, `${a.id}.json`), "utf8")) as {
      nameServers: string[];
    };
    expect(rewritten.nameServers).toEqual([...a.delegationSet].sort());
    expect((await readdir(dir)).filter((f) => f.endsWith(".tmp"))).toEqual([]);

    lab.emulator.resetCounters();
    await lab.observer({ cacheDir }).hostedZones(a.name, undefined);
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
