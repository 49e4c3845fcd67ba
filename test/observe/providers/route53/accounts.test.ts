// Several accounts in one scan: the default chain, named profiles from a shared config file we
// wrote, and roles assumed through the STS emulator. Each must see its own account's state.
import { beforeAll, describe, expect, it } from "vitest";
import type { AccessKey, EmulatedAccount, EmulatedRole } from "../../../../src/lab/aws-emulator.js";
import type { AwsAccountSettings } from "../../../../src/observe/providers/route53/types.js";
import { clearEnvironmentCredentials, useAwsLab, useEnvironmentCredentials } from "./aws-lab.js";

const lab = useAwsLab();
const config = (
  id: string,
  fields: Partial<AwsAccountSettings> = {},
): [string, AwsAccountSettings] => [
  id,
  { id, profile: undefined, roleArn: undefined, externalId: undefined, ...fields },
];

let main: { account: EmulatedAccount; key: AccessKey };
let prod: { account: EmulatedAccount; key: AccessKey };
let legacy: EmulatedAccount;
let reader: EmulatedRole;
let prodOnly: EmulatedRole;
const zoneIds = new Map<string, string>();

beforeAll(async () => {
  main = lab.account("111111111111");
  prod = lab.account("222222222222");
  legacy = lab.emulator.addAccount("333333333333");
  for (const [label, account] of [
    ["main", main.account],
    ["prod", prod.account],
    ["legacy", legacy],
  ] as const) {
    zoneIds.set(label, account.addHostedZone({ name: "shared.example" }).id);
    account.registerDomain({ name: `${label}-only.example` });
  }
  reader = lab.emulator.addRole({
    accountId: legacy.accountId,
    name: "domain-drift-reader",
    externalId: "ext-7f3a",
    trustedAccountIds: [main.account.accountId],
  });
  prodOnly = lab.emulator.addRole({
    accountId: legacy.accountId,
    name: "prod-reader",
    trustedAccountIds: [prod.account.accountId],
  });
  clearEnvironmentCredentials();
  await lab.useProfiles([
    { name: "default", key: main.key },
    { name: "prod", key: prod.key },
  ]);
});

const accounts = () =>
  new Map([
    config("prod", { profile: "prod" }),
    config("legacy", { roleArn: reader.arn, externalId: "ext-7f3a" }),
    config("legacy-via-prod", { profile: "prod", roleArn: prodOnly.arn }),
    config("wrong-external-id", { roleArn: reader.arn, externalId: "guess" }),
    config("no-such-profile", { profile: "staging" }),
    config("plain"),
  ]);

const zoneIdOf = async (observer: ReturnType<typeof lab.observer>, account: string | undefined) => {
  const result = await observer.hostedZones("shared.example", account);
  if (result.kind !== "found") throw new Error(`${account}: ${JSON.stringify(result)}`);
  return result.zones.map((z) => z.id);
};

describe("accounts", () => {
  it("each account sees its own zones and domains", async () => {
    lab.emulator.resetCounters();
    const observer = lab.observer({ accounts: accounts() });
    expect(await zoneIdOf(observer, undefined)).toEqual([zoneIds.get("main")]);
    expect(await zoneIdOf(observer, "default")).toEqual([zoneIds.get("main")]);
    expect(await zoneIdOf(observer, "plain")).toEqual([zoneIds.get("main")]);
    expect(await zoneIdOf(observer, "prod")).toEqual([zoneIds.get("prod")]);
    expect(await zoneIdOf(observer, "legacy")).toEqual([zoneIds.get("legacy")]);
    expect(await zoneIdOf(observer, "legacy-via-prod")).toEqual([zoneIds.get("legacy")]);

    expect((await observer.registration("prod-only.example", "prod")).kind).toBe("registered");
    expect((await observer.registration("prod-only.example", undefined)).kind).toBe(
      "not-in-account",
    );
    expect(await observer.registration("legacy-only.example", "legacy")).toMatchObject({
      kind: "registered",
      account: "legacy",
    });

    // The requests were signed by the keys that belong to each account.
    const byAccount = new Map<string, Set<string>>();
    for (const entry of lab.emulator.requestLog) {
      if (entry.accountId === undefined || entry.accessKeyId === undefined) continue;
      const keys = byAccount.get(entry.accountId) ?? new Set();
      keys.add(entry.accessKeyId);
      byAccount.set(entry.accountId, keys);
    }
    expect([...(byAccount.get(prod.account.accountId) ?? [])]).toEqual([prod.key.accessKeyId]);
    expect([...(byAccount.get(main.account.accountId) ?? [])]).toEqual([main.key.accessKeyId]);
    const legacyKeys = [...(byAccount.get(legacy.accountId) ?? [])];
    expect(legacyKeys).toHaveLength(2); // one session per role
    expect(legacyKeys.every((k) => k.startsWith("ASIA"))).toBe(true);
  });

  it("assumes a role once per account, shared by its Route 53 and Route 53 Domains clients", async () => {
    lab.emulator.resetCounters();
    const observer = lab.observer({ accounts: accounts() });
    await Promise.all([
      observer.hostedZones("shared.example", "legacy"),
      observer.registration("legacy-only.example", "legacy"),
      observer.inventory("legacy"),
    ]);
    expect(lab.emulator.callCount("AssumeRole")).toBe(1);
    expect(observer.stats().calls.AssumeRole).toBe(1);
  });

  it("a role the caller may not assume: unavailable naming sts:AssumeRole", async () => {
    const observer = lab.observer({ accounts: accounts() });
    const result = await observer.hostedZones("shared.example", "wrong-external-id");
    expect(result).toMatchObject({
      kind: "unavailable",
      account: "wrong-external-id",
      deniedAction: "sts:AssumeRole",
    });
    if (result.kind === "unavailable") {
      expect(result.reason).toContain(
        `could not assume the role for account "wrong-external-id" (role ${reader.arn} assumed with the default credential chain)`,
      );
    }
  });

  it("a profile missing from the config files: unavailable naming the profile", async () => {
    lab.emulator.resetCounters();
    const result = await lab
      .observer({ accounts: accounts() })
      .registration("x.example", "no-such-profile");
    expect(result).toMatchObject({
      kind: "unavailable",
      account: "no-such-profile",
      deniedAction: undefined,
    });
    if (result.kind === "unavailable")
      expect(result.reason).toContain('could not be loaded from profile "staging"');
    expect(lab.emulator.requestLog).toHaveLength(0);
  });

  it("environment credentials serve the default chain, never a profile account", async () => {
    const other = lab.account("444444444444");
    const otherZone = other.account.addHostedZone({ name: "shared.example" });
    useEnvironmentCredentials(other.key);
    try {
      const observer = lab.observer({ accounts: accounts() });
      expect(await zoneIdOf(observer, undefined)).toEqual([otherZone.id]);
      expect(await zoneIdOf(observer, "prod")).toEqual([zoneIds.get("prod")]);
    } finally {
      clearEnvironmentCredentials();
    }
  });
});
