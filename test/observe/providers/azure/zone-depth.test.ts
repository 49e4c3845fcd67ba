// The Azure DNS adapter's DNS-host depth through the official SDK against the lab's HTTPS
// emulator, over loopback: a zone's DNSSEC configuration (`dnssecConfigs/default`, which
// @azure/arm-dns 5.1 does not know, asked through the SDK's own pipeline), its apex NS record set
// (`recordSets.get`) and its record sets (`recordSets.listByDnsZone`, paged by `nextLink`, kept to
// the Resource Manager endpoint); every failure a reason, every answer shape-checked.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type AzureDnsEmulator,
  type AzureZoneSpec,
  startAzureDnsEmulator,
} from "../../../../src/lab/azure-dns-emulator.js";
import { openAzureDns } from "../../../../src/observe/providers/azure/provider.js";
import type { ProviderObserver, ZoneSummary } from "../../../../src/observe/providers/types.js";
import { labTls } from "../../../support/lab-tls.js";

let emulator: AzureDnsEmulator;

beforeAll(async () => {
  emulator = await startAzureDnsEmulator(await labTls());
});
afterAll(() => emulator.close());

const DIGEST = "9c".repeat(32);

/** A readable subscription holding one zone, and the adapter opened on it (the listing read first). */
async function withZone(
  spec: AzureZoneSpec,
): Promise<{ observer: ProviderObserver; zone: ZoneSummary; secret: string }> {
  const subscription = emulator.addSubscription();
  const principal = emulator.addServicePrincipal();
  subscription.grantReader(principal);
  const { id } = subscription.addZone(spec);
  const observer = openAzureDns({
    accounts: [{ id: "az", provider: "azure-dns", settings: { subscriptionId: subscription.id } }],
    cacheDir: undefined,
    requestsPerSecond: undefined,
    env: {
      AZURE_AUTHORITY_HOST: emulator.origin,
      AZURE_RESOURCE_MANAGER_ENDPOINT: emulator.origin,
      AZURE_TENANT_ID: principal.tenantId,
      AZURE_CLIENT_ID: principal.clientId,
      AZURE_CLIENT_SECRET: principal.clientSecret,
    },
  });
  await observer.dnsHost?.zones(spec.name, "az");
  emulator.resetCounters();
  return {
    observer,
    zone: { id, name: spec.name, recordCount: undefined },
    secret: principal.clientSecret,
  };
}

describe("zoneDnssec (dnssecConfigs/default through the SDK's pipeline)", () => {
  it("Succeeded: signing, a key-signing key per DS; asked once, with the DNSSEC API version", async () => {
    const { observer, zone } = await withZone({
      name: "signed.example",
      dnssec: { provisioningState: "Succeeded", keys: [{ keyTag: 4711, digest: DIGEST }] },
    });
    const answer = await observer.dnsHost?.zoneDnssec?.(zone, "az");
    expect(answer).toEqual({
      kind: "ok",
      account: "az",
      zoneId: zone.id,
      serveSignature: "Succeeded",
      signing: true,
      statusMessage: undefined,
      keySigningKeys: [
        {
          name: "ksk-4711",
          status: "Succeeded",
          active: true,
          statusMessage: undefined,
          keyTag: 4711,
          algorithm: 13,
          flag: 257,
          digestType: 2,
          digest: DIGEST,
          publicKey: Buffer.alloc(64, 0x5a).toString("base64"),
        },
      ],
    });
    await observer.dnsHost?.zoneDnssec?.(zone, "az");
    expect(emulator.calls()).toEqual({ "dnssecConfigs.get": 1 });
    expect(emulator.requestLog[0]?.path).toContain("api-version=2023-07-01-preview");
    // The adapter's counters, the zone listing of the scan included; every attempt of the SDK seen.
    const both = { "dnsZones.list": 1, "dnssecConfigs.get": 1 };
    expect(observer.stats()).toEqual({ calls: both, attempts: both });
  });

  it("no configuration (404 NotFound): not signing, no keys", async () => {
    const { observer, zone } = await withZone({ name: "plain.example" });
    expect(await observer.dnsHost?.zoneDnssec?.(zone, "az")).toMatchObject({
      kind: "ok",
      serveSignature: "not configured",
      signing: false,
      keySigningKeys: [],
    });
  });

  it.each([
    ["Deleting", true, false],
    ["Creating", false, false],
  ] as const)("%s: signing %s, key active %s", async (provisioningState, signing, active) => {
    const { observer, zone } = await withZone({
      name: `${provisioningState.toLowerCase()}.example`,
      dnssec: { provisioningState, keys: [{ keyTag: 1 }] },
    });
    expect(await observer.dnsHost?.zoneDnssec?.(zone, "az")).toMatchObject({
      serveSignature: provisioningState,
      signing,
      keySigningKeys: [{ active }],
    });
  });

  it("rate limited past the SDK's retries: a reason, the secret never in it", async () => {
    const { observer, zone, secret } = await withZone({ name: "busy.example" });
    emulator.faults.rateLimit("dnssecConfigs.get", 3, "0");
    const answer = await observer.dnsHost?.zoneDnssec?.(zone, "az");
    emulator.faults.clear();
    expect(answer).toMatchObject({ kind: "unavailable" });
    expect(JSON.stringify(answer)).toContain("rate-limited dnssecConfigs.get (429");
    expect(JSON.stringify(answer)).not.toContain(secret);
  }, 30_000);

  it.each([
    [
      "an unknown provisioning state",
      { properties: { provisioningState: "Dozing" } },
      "unknown provisioningState",
    ],
    [
      "a digest that is not hex",
      {
        properties: {
          provisioningState: "Succeeded",
          signingKeys: [
            {
              keyTag: 1,
              flags: 257,
              securityAlgorithmType: 13,
              delegationSignerInfo: [{ digestAlgorithmType: 2, digestValue: "<img>" }],
            },
          ],
        },
      },
      "digestValue is not hexadecimal",
    ],
    ["an HTML page", "<html>maintenance</html>", "the answer is not JSON"],
  ])("a hostile answer (%s) is unavailable with the problem", async (_, body, problem) => {
    const { observer, zone } = await withZone({ name: "hostile.example" });
    emulator.faults.answer("dnssecConfigs.get", body);
    const answer = await observer.dnsHost?.zoneDnssec?.(zone, "az");
    emulator.faults.clear();
    expect(answer).toMatchObject({ kind: "unavailable" });
    expect(JSON.stringify(answer)).toContain(problem);
  });

  it("an answer longer than the bound is refused unread", async () => {
    const { observer, zone } = await withZone({ name: "huge.example" });
    emulator.faults.answer("dnssecConfigs.get", { padding: "x".repeat(300 * 1024) });
    const answer = await observer.dnsHost?.zoneDnssec?.(zone, "az");
    emulator.faults.clear();
    expect(answer).toMatchObject({ kind: "unavailable" });
    expect(JSON.stringify(answer)).toContain("longer than 262144 bytes");
  });
});

describe("apexNameservers (recordSets.get @ NS)", () => {
  it("the apex NS set, which may differ from the assigned one; asked once", async () => {
    const { observer, zone } = await withZone({
      name: "edited.example",
      apexNameServers: ["ns1.other-host.example.", "NS2.Other-Host.example"],
    });
    expect(await observer.dnsHost?.apexNameservers?.(zone, "az")).toEqual({
      kind: "ok",
      account: "az",
      zoneId: zone.id,
      ns: ["ns1.other-host.example", "ns2.other-host.example"],
    });
    await observer.dnsHost?.apexNameservers?.(zone, "az");
    expect(emulator.calls()).toEqual({ "recordSets.get": 1 });
    expect(emulator.requestLog[0]?.path).toMatch(/\/dnszones\/edited\.example\/NS\/@\?/i);
  });
});

describe("zoneRecords (recordSets.listByDnsZone, paged)", () => {
  const many = (zone: string, n: number) =>
    Array.from({ length: n }, (_, i) => ({
      name: `h${String(i).padStart(4, "0")}.${zone}`,
      type: "A",
      values: ["192.0.2.1"],
    }));

  it("every set over pages, complete", async () => {
    const { observer, zone } = await withZone({
      name: "records.example",
      records: [
        { name: "records.example", type: "MX", values: ["10 mx.records.example"] },
        ...many("records.example", 150),
      ],
    });
    const answer = await observer.dnsHost?.zoneRecords?.(zone, "az", 10_000);
    expect(answer).toMatchObject({ kind: "ok", zoneId: zone.id, complete: true });
    if (answer?.kind !== "ok") throw new Error("listed");
    expect(answer.records.slice(0, 4)).toEqual([
      { name: "records.example", type: "NS" },
      { name: "records.example", type: "SOA" },
      { name: "records.example", type: "MX" },
      { name: "h0000.records.example", type: "A" },
    ]);
    expect(answer.records).toHaveLength(153);
    expect(emulator.calls()).toEqual({ "recordSets.listByDnsZone": 2 });
  });

  it("more sets than asked for: cut, saying so", async () => {
    const { observer, zone } = await withZone({
      name: "big.example",
      records: many("big.example", 20),
    });
    const answer = await observer.dnsHost?.zoneRecords?.(zone, "az", 5);
    expect(answer).toMatchObject({ kind: "ok", complete: false });
    if (answer?.kind === "ok") expect(answer.records).toHaveLength(5);
  });

  it("a nextLink to another host is not followed (the token would go with it)", async () => {
    const { observer, zone } = await withZone({ name: "link.example" });
    emulator.faults.answer("recordSets.listByDnsZone", {
      value: [],
      nextLink: "https://collector.example/steal?api-version=2018-05-01",
    });
    const answer = await observer.dnsHost?.zoneRecords?.(zone, "az", 100);
    emulator.faults.clear();
    expect(answer).toMatchObject({ kind: "unavailable" });
    expect(JSON.stringify(answer)).toContain("a nextLink away from the Resource Manager endpoint");
  });
});
