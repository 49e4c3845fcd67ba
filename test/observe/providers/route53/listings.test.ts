import { beforeAll, describe, expect, it } from "vitest";
import { useAwsLab, useEnvironmentCredentials } from "./aws-lab.js";

const lab = useAwsLab();

describe("account listings over the Route 53 and Route 53 Domains wire protocols", () => {
  beforeAll(() => {
    const { account, key } = lab.account("111111111111");
    useEnvironmentCredentials(key);
    for (let i = 0; i < 7; i++) {
      account.registerDomain({
        name: `site-${i}.example`,
        autoRenew: i !== 3,
        transferLock: i !== 4,
        expiry: new Date(Date.UTC(2030, 0, 1 + i)),
      });
    }
    for (let i = 0; i < 7; i++) account.addHostedZone({ name: `zone-${i}.example` });
    account.addHostedZone({ name: "zone-1.example", private: true });
    account.addHostedZone({ name: "internal.example", private: true });
    // Two public zones with one name: the second was created by hand and never delegated.
    account.addHostedZone({ name: "dup.example" });
    account.addHostedZone({ name: "dup.example." });
    // Route 53 returns these names with octal escapes: `\052`, and the raw UTF-8 bytes of `ü`
    // (a zone created with them, not with the A-label, is another name).
    account.addHostedZone({ name: "*.wild.example" });
    account.addHostedZone({ name: "bücher.example" });
    lab.emulator.faults.pageSize("ListDomains", 2);
    lab.emulator.faults.pageSize("ListHostedZones", 3);
  });

  it("reads every page of ListDomains and ListHostedZones (at least three each)", async () => {
    lab.emulator.resetCounters();
    const observer = lab.observer();
    const inventory = await observer.inventory(undefined);

    expect(inventory.account).toBe("default");
    expect(inventory.registeredDomains.kind).toBe("ok");
    if (inventory.registeredDomains.kind !== "ok") return;
    expect(inventory.registeredDomains.items.map((d) => d.name)).toEqual(
      Array.from({ length: 7 }, (_, i) => `site-${i}.example`),
    );
    expect(inventory.registeredDomains.items[3]).toEqual({
      name: "site-3.example",
      autoRenew: false,
      transferLock: true,
      expiry: "2030-01-04T00:00:00.000Z",
    });
    expect(inventory.registeredDomains.items[4]?.transferLock).toBe(false);
    // 7 domains at 2 a page: 4 pages; 13 zones at 3 a page: 5 pages.
    expect(lab.emulator.callCount("ListDomains")).toBe(4);
    expect(lab.emulator.callCount("ListHostedZones")).toBe(5);
    expect(observer.stats().calls).toMatchObject({ ListDomains: 4, ListHostedZones: 5 });
  });

  it("leaves private zones out and keeps both zones of a duplicated name", async () => {
    const inventory = await lab.observer().inventory(undefined);
    expect(inventory.publicHostedZones.kind).toBe("ok");
    if (inventory.publicHostedZones.kind !== "ok") return;
    const names = inventory.publicHostedZones.items.map((z) => z.name);
    expect(names).not.toContain("internal.example");
    expect(names.filter((n) => n === "zone-1.example")).toHaveLength(1);
    expect(names.filter((n) => n === "dup.example")).toHaveLength(2);
    expect(inventory.publicHostedZones.items).toHaveLength(11);
  });

  it("decodes Route 53's octal escapes byte by byte", async () => {
    const observer = lab.observer();
    const inventory = await observer.inventory(undefined);
    if (inventory.publicHostedZones.kind !== "ok") throw new Error("listing failed");
    const names = inventory.publicHostedZones.items.map((z) => z.name);
    expect(names).toContain("*.wild.example");
    expect(names).toContain("b\\303\\274cher.example");
    // The emulator really sent escapes, so the decoding was exercised. Raw bytes are not the
    // A-label of bücher.example: that zone serves nothing of it.
    const zones = await observer.hostedZones("bücher.example", undefined);
    expect(zones.kind).toBe("none");
    const wild = await observer.hostedZones("*.wild.example", undefined);
    expect(wild.kind).toBe("found");
  });

  it("reports duplicate public zones with their own delegation sets", async () => {
    const observer = lab.observer();
    const result = await observer.hostedZones("DUP.example.", undefined);
    expect(result.kind).toBe("found");
    if (result.kind !== "found") return;
    expect(result.zones).toHaveLength(2);
    const [a, b] = result.zones;
    expect(a?.id).not.toBe(b?.id);
    expect(a?.delegationSet).toHaveLength(4);
    expect(a?.delegationSet).not.toEqual(b?.delegationSet);
    for (const zone of result.zones) {
      expect(zone.delegationSet).toEqual([...zone.delegationSet].sort());
      expect(
        zone.delegationSet.every((ns) => /^ns-\d+\.awsdns-\d\d\.(com|net|org|co\.uk)$/.test(ns)),
      ).toBe(true);
    }
  });

  it("answers none for a name with only a private zone or no zone", async () => {
    const observer = lab.observer();
    expect(await observer.hostedZones("internal.example", undefined)).toEqual({
      kind: "none",
      account: "default",
    });
    expect((await observer.hostedZones("absent.example", undefined)).kind).toBe("none");
  });

  it("shares one listing between concurrent callers", async () => {
    lab.emulator.resetCounters();
    const observer = lab.observer();
    const names = Array.from({ length: 7 }, (_, i) => `zone-${i}.example`);
    const results = await Promise.all(names.map((n) => observer.hostedZones(n, undefined)));
    expect(results.every((r) => r.kind === "found")).toBe(true);
    expect(lab.emulator.callCount("ListHostedZones")).toBe(5);
    expect(lab.emulator.callCount("GetHostedZone")).toBe(7);
  });
});
