// The Azure DNS adapter through the official SDKs (@azure/arm-dns with @azure/identity's
// ClientSecretCredential) against the lab's wire-level HTTPS emulator, over loopback: what zones
// it reads, how it pages, and every way it can fail.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type AzureDnsEmulator,
  type EmulatedAzureSubscription,
  type EmulatedServicePrincipal,
  startAzureDnsEmulator,
} from "../../../../src/lab/azure-dns-emulator.js";
import { openAzureDns } from "../../../../src/observe/providers/azure/provider.js";
import type { ProviderObserver } from "../../../../src/observe/providers/types.js";
import { labTls } from "../../../support/lab-tls.js";

let emulator: AzureDnsEmulator;

beforeAll(async () => {
  emulator = await startAzureDnsEmulator(await labTls());
});
afterAll(() => emulator.close());

/** A subscription the returned service principal may read. */
function readableSubscription(): {
  subscription: EmulatedAzureSubscription;
  principal: EmulatedServicePrincipal;
} {
  const subscription = emulator.addSubscription();
  const principal = emulator.addServicePrincipal();
  subscription.grantReader(principal);
  return { subscription, principal };
}

const credentials = (principal: EmulatedServicePrincipal) => ({
  AZURE_TENANT_ID: principal.tenantId,
  AZURE_CLIENT_ID: principal.clientId,
  AZURE_CLIENT_SECRET: principal.clientSecret,
});

function open(subscriptionId: string, env: Record<string, string | undefined>): ProviderObserver {
  return openAzureDns({
    accounts: [{ id: "az", provider: "azure-dns", settings: { subscriptionId } }],
    cacheDir: undefined,
    requestsPerSecond: undefined,
    env: {
      AZURE_AUTHORITY_HOST: emulator.origin,
      AZURE_RESOURCE_MANAGER_ENDPOINT: emulator.origin,
      ...env,
    },
  });
}

describe("Azure DNS zones", () => {
  it("reads a public zone's name servers; private zones are not on the internet", async () => {
    const { subscription, principal } = readableSubscription();
    const zone = subscription.addZone({
      name: "shop.example",
      nameServers: ["NS1-07.azure-dns.com.", "ns2-07.azure-dns.net."],
    });
    subscription.addZone({ name: "internal.example", zoneType: "Private" });
    const observer = open(subscription.id, credentials(principal));
    expect(await observer.dnsHost?.zones("shop.example", "az")).toEqual({
      kind: "found",
      account: "az",
      zones: [
        {
          id: zone.id,
          name: "shop.example",
          recordCount: 2,
          delegationSet: ["ns1-07.azure-dns.com", "ns2-07.azure-dns.net"],
          status: "active",
        },
      ],
    });
    expect(await observer.dnsHost?.zones("internal.example", "az")).toEqual({
      kind: "none",
      account: "az",
    });
  });

  it("lists a subscription once, page by page along nextLink, for every domain of a scan", async () => {
    const { subscription, principal } = readableSubscription();
    for (let i = 0; i < 250; i += 1)
      subscription.addZone({ name: `z${String(i).padStart(3, "0")}.example` });
    const observer = open(subscription.id, credentials(principal));
    emulator.resetCounters();
    const answers = await Promise.all(
      ["z000.example", "z249.example", "z120.example"].map((name) =>
        observer.dnsHost?.zones(name, "az"),
      ),
    );
    expect(answers.map((answer) => answer?.kind)).toEqual(["found", "found", "found"]);
    expect(emulator.calls()).toMatchObject({ token: 1, "dnsZones.list": 3 });
    expect(
      emulator.requestLog
        .filter((r) => r.operation === "dnsZones.list")
        .map((r) => new URL(r.path, "https://x").searchParams.get("$skiptoken")),
    ).toEqual([null, "100", "200"]);
    expect(observer.stats().calls).toEqual({ "dnsZones.list": 3 });
    expect(observer.stats().attempts).toEqual({ "dnsZones.list": 3 });
  });

  it("with a resource group, lists only that group's zones", async () => {
    const { subscription, principal } = readableSubscription();
    subscription.addZone({ name: "ours.example", resourceGroup: "dns-prod" });
    subscription.addZone({ name: "theirs.example", resourceGroup: "sandbox" });
    const observer = openAzureDns({
      accounts: [
        {
          id: "az",
          provider: "azure-dns",
          settings: { subscriptionId: subscription.id, resourceGroup: "dns-prod" },
        },
      ],
      cacheDir: undefined,
      requestsPerSecond: undefined,
      env: {
        AZURE_AUTHORITY_HOST: emulator.origin,
        AZURE_RESOURCE_MANAGER_ENDPOINT: emulator.origin,
        ...credentials(principal),
      },
    });
    const listing = await observer.dnsHost?.listZones("az");
    expect(listing?.kind === "ok" && listing.items.map((z) => z.name)).toEqual(["ours.example"]);
  });

  it("sees only the declared subscription's zones", async () => {
    const ours = readableSubscription();
    const theirs = readableSubscription();
    theirs.subscription.addZone({ name: "elsewhere.example" });
    const observer = open(ours.subscription.id, credentials(ours.principal));
    expect(await observer.dnsHost?.zones("elsewhere.example", "az")).toMatchObject({
      kind: "none",
    });
  });
});

describe("Azure DNS failures are reasons, never a crash or an empty answer", () => {
  it("no credentials: not asked, naming the variables", async () => {
    emulator.resetCounters();
    expect(
      await open("00000000-0000-0000-0000-000000000001", {}).dnsHost?.zones("a.example", "az"),
    ).toEqual({
      kind: "unavailable",
      account: "az",
      reason:
        "no Azure credentials: AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET are not set (a service principal for subscription 00000000-0000-0000-0000-000000000001)",
      deniedAction: undefined,
    });
    expect(emulator.requestLog).toEqual([]);
  });

  it("a refused client secret: the identity platform's answer, and the secret never in it", async () => {
    const { subscription, principal } = readableSubscription();
    const wrong = "wrong~secret~0123456789abcdefghij";
    const result = await open(subscription.id, {
      ...credentials(principal),
      AZURE_CLIENT_SECRET: wrong,
    }).dnsHost?.zones("a.example", "az");
    expect(result).toMatchObject({ kind: "unavailable", deniedAction: undefined });
    expect(JSON.stringify(result)).toContain("identity platform refused the service principal");
    expect(JSON.stringify(result)).toContain("AADSTS7000215");
    expect(JSON.stringify(result)).not.toContain(wrong);
  });

  it("a service principal without read access: 403, naming the action", async () => {
    const { subscription } = readableSubscription();
    const outsider = emulator.addServicePrincipal();
    expect(
      await open(subscription.id, credentials(outsider)).dnsHost?.zones("a.example", "az"),
    ).toMatchObject({ kind: "unavailable", deniedAction: "Microsoft.Network/dnsZones/read" });
  });

  it("rate limited: retried as Retry-After says, then a reason", async () => {
    const { subscription, principal } = readableSubscription();
    subscription.addZone({ name: "busy.example" });
    emulator.faults.rateLimit("dnsZones.list", 1, "1");
    const patient = open(subscription.id, credentials(principal));
    expect((await patient.dnsHost?.zones("busy.example", "az"))?.kind).toBe("found");
    expect(patient.stats().attempts).toEqual({ "dnsZones.list": 2 });

    emulator.faults.rateLimit("dnsZones.list", 3, "1");
    const result = await open(subscription.id, credentials(principal)).dnsHost?.zones(
      "busy.example",
      "az",
    );
    expect(result).toMatchObject({ kind: "unavailable" });
    expect(JSON.stringify(result)).toContain("rate-limited dnsZones.list (429");
    expect(JSON.stringify(result)).toContain("SubscriptionRequestsThrottled");
    emulator.faults.clear();
  }, 30_000);

  const zone = (extra: Record<string, unknown>) => ({
    id: "/subscriptions/s/resourceGroups/dns/providers/Microsoft.Network/dnszones/x.example",
    name: "x.example",
    properties: { nameServers: ["ns1-01.azure-dns.com."], zoneType: "Public", ...extra },
  });

  it.each([
    [
      "a zone with an unknown zoneType",
      { value: [zone({ zoneType: "Secret" })] },
      "unknown zoneType",
    ],
    [
      "a name server that is no host name",
      { value: [zone({ nameServers: ["a b\u001b[31m"] })] },
      "not letters, digits and hyphens",
    ],
    [
      "a zone id that is no DNS zone resource",
      { value: [{ ...zone({}), id: "/elsewhere" }] },
      "not a DNS zone resource id",
    ],
    [
      "too many zones",
      { value: Array.from({ length: 101 }, () => zone({})) },
      "more than the 100 zones",
    ],
    [
      "a nextLink to another host, which would be handed the token",
      { value: [], nextLink: "https://attacker.example/steal?api-version=2018-05-01" },
      "nextLink away from the Resource Manager endpoint",
    ],
  ])("a hostile answer (%s) is unavailable with the problem", async (_, body, problem) => {
    const { subscription, principal } = readableSubscription();
    emulator.faults.answer("dnsZones.list", body);
    const result = await open(subscription.id, credentials(principal)).dnsHost?.zones(
      "x.example",
      "az",
    );
    expect(result).toMatchObject({ kind: "unavailable" });
    expect(JSON.stringify(result)).toContain(problem);
    emulator.faults.clear();
  });

  it("a listing that never ends is cut at its bound", async () => {
    const { subscription, principal } = readableSubscription();
    const endless = {
      value: [],
      nextLink: `${emulator.origin}/subscriptions/${subscription.id}/providers/Microsoft.Network/dnszones?api-version=2018-05-01&$skiptoken=0`,
    };
    emulator.faults.answer("dnsZones.list", endless, 1_000);
    emulator.resetCounters();
    const result = await open(subscription.id, credentials(principal)).dnsHost?.zones(
      "x.example",
      "az",
    );
    expect(result).toMatchObject({ kind: "unavailable" });
    expect(JSON.stringify(result)).toContain("more than 10000 entries");
    expect(emulator.calls()["dnsZones.list"]).toBe(100);
    emulator.faults.clear();
  }, 60_000);
});
