// The Google Cloud DNS adapter's DNS-host depth through the official SDK against the lab's
// emulator, over loopback: a zone's DNSSEC (the listing's `dnssecConfig.state`, its key-signing
// keys from `dnsKeys.list`), its apex NS set and its record sets (`resourceRecordSets.list`, paged);
// every failure a reason, every answer shape-checked.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type GoogleCloudDnsEmulator,
  type GoogleZoneSpec,
  startGoogleCloudDnsEmulator,
} from "../../../../src/lab/google-cloud-dns-emulator.js";
import { openGoogleCloudDns } from "../../../../src/observe/providers/gcp/provider.js";
import type { ProviderObserver, ZoneSummary } from "../../../../src/observe/providers/types.js";

let emulator: GoogleCloudDnsEmulator;
let dir: string;
let projects = 0;

beforeAll(async () => {
  emulator = await startGoogleCloudDnsEmulator();
  dir = await mkdtemp(join(tmpdir(), "domain-drift-gcp-depth-"));
});
afterAll(async () => {
  await emulator.close();
  await rm(dir, { recursive: true, force: true });
});

const DIGEST = "ef".repeat(32);

/** A readable project holding one zone, and the adapter opened on it (the listing read first). */
async function withZone(
  spec: GoogleZoneSpec,
  readable = true,
): Promise<{ observer: ProviderObserver; zone: ZoneSummary }> {
  projects += 1;
  const project = emulator.addProject(`depth-project-${projects}`);
  const identity = emulator.addIdentity();
  if (readable) project.grantReader(identity);
  const { name } = project.addZone(spec);
  const observer = openGoogleCloudDns({
    accounts: [{ id: "gcp", provider: "google-cloud-dns", settings: { project: project.id } }],
    cacheDir: undefined,
    requestsPerSecond: undefined,
    env: {
      CLOUDSDK_API_ENDPOINT_OVERRIDES_DNS: emulator.baseUrl,
      CLOUDSDK_CONFIG: dir,
      GOOGLE_APPLICATION_CREDENTIALS: await identity.writeCredentials(dir),
    },
  });
  // As a scan does: the domain's zone from the listing first.
  await observer.dnsHost?.zones(spec.dnsName, "gcp");
  emulator.resetCounters();
  return { observer, zone: { id: name, name: spec.dnsName, recordCount: undefined } };
}

describe("zoneDnssec (dnssecConfig, dnsKeys.list)", () => {
  it("on: signing, its key-signing keys (zone-signing keys left out); one call per zone", async () => {
    const { observer, zone } = await withZone({
      dnsName: "signed.example",
      dnssecState: "on",
      dnsKeys: [
        { keyTag: 4242, digest: DIGEST },
        { keyTag: 17, isActive: false },
        { keyTag: 999, type: "zoneSigning" },
      ],
    });
    const answer = await observer.dnsHost?.zoneDnssec?.(zone, "gcp");
    expect(answer).toEqual({
      kind: "ok",
      account: "gcp",
      zoneId: zone.id,
      serveSignature: "on",
      signing: true,
      statusMessage: undefined,
      keySigningKeys: [
        {
          name: "0",
          status: "active",
          active: true,
          statusMessage: undefined,
          keyTag: 4242,
          algorithm: 13,
          flag: 257,
          digestType: 2,
          digest: DIGEST,
          publicKey: Buffer.alloc(64, 0x5a).toString("base64"),
        },
        expect.objectContaining({ name: "1", keyTag: 17, status: "inactive", active: false }),
      ],
    });
    await observer.dnsHost?.zoneDnssec?.(zone, "gcp");
    expect(emulator.calls()).toEqual({ "dnsKeys.list": 1 });
  });

  it("transfer signs too; off (or no dnssecConfig) asks no keys", async () => {
    const transfer = await withZone({
      dnsName: "moving.example",
      dnssecState: "transfer",
      dnsKeys: [{ keyTag: 5 }],
    });
    expect(await transfer.observer.dnsHost?.zoneDnssec?.(transfer.zone, "gcp")).toMatchObject({
      serveSignature: "transfer",
      signing: true,
      keySigningKeys: [{ keyTag: 5, active: true }],
    });
    const plain = await withZone({ dnsName: "plain.example" });
    expect(await plain.observer.dnsHost?.zoneDnssec?.(plain.zone, "gcp")).toMatchObject({
      serveSignature: "off",
      signing: false,
      keySigningKeys: [],
    });
    expect(emulator.calls()).toEqual({});
  });

  it.each([
    [
      "a key without a key tag",
      { kind: "dns#dnsKeysListResponse", dnsKeys: [{ id: "1", type: "keySigning" }] },
      "has no key tag",
    ],
    ["not a key listing", { kind: "dns#managedZone" }, "not a dns#dnsKeysListResponse"],
    [
      "more keys than one page",
      { kind: "dns#dnsKeysListResponse", dnsKeys: [], nextPageToken: "50" },
      "more than 50 DNS keys",
    ],
  ])("a hostile dnsKeys answer (%s) is unavailable with the problem", async (_, body, problem) => {
    const { observer, zone } = await withZone({
      dnsName: "hostile-keys.example",
      dnssecState: "on",
    });
    emulator.faults.answer("dnsKeys.list", body);
    const answer = await observer.dnsHost?.zoneDnssec?.(zone, "gcp");
    emulator.faults.clear();
    expect(answer).toMatchObject({ kind: "unavailable" });
    expect(JSON.stringify(answer)).toContain(problem);
  });

  it("a zone deleted since the listing: unavailable, not 'not signing'", async () => {
    const { observer } = await withZone({ dnsName: "listed.example" });
    const answer = await observer.dnsHost?.zoneDnssec?.(
      { id: "gone-zone", name: "gone.example", recordCount: undefined },
      "gcp",
    );
    expect(answer).toMatchObject({
      kind: "unavailable",
      reason: expect.stringContaining("gone-zone"),
    });
  });

  it("an unknown dnssecConfig state makes the listing, and so the signing, unavailable", async () => {
    emulator.faults.answer("managedZones.list", {
      kind: "dns#managedZonesListResponse",
      managedZones: [
        {
          name: "odd-example",
          id: "1",
          dnsName: "odd.example.",
          nameServers: ["ns-cloud-a1.googledomains.com."],
          dnssecConfig: { state: "sideways" },
        },
      ],
    });
    const { observer } = await withZone({ dnsName: "odd.example" });
    emulator.faults.clear();
    const answer = await observer.dnsHost?.zoneDnssec?.(
      { id: "odd-example", name: "odd.example", recordCount: undefined },
      "gcp",
    );
    expect(answer).toMatchObject({ kind: "unavailable" });
    expect(JSON.stringify(answer)).toContain("unknown dnssecConfig");
  });
});

describe("apexNameservers (rrsets at the apex)", () => {
  it("the apex NS set, which may differ from the assigned one; asked once", async () => {
    const { observer, zone } = await withZone({
      dnsName: "edited.example",
      apexNameServers: ["ns1.other-host.example.", "NS2.Other-Host.example."],
    });
    expect(await observer.dnsHost?.apexNameservers?.(zone, "gcp")).toEqual({
      kind: "ok",
      account: "gcp",
      zoneId: zone.id,
      ns: ["ns1.other-host.example", "ns2.other-host.example"],
    });
    await observer.dnsHost?.apexNameservers?.(zone, "gcp");
    expect(emulator.calls()).toEqual({ "resourceRecordSets.list": 1 });
    const query = new URL(emulator.requestLog[0]?.path ?? "", "http://x").searchParams;
    expect([query.get("name"), query.get("type")]).toEqual(["edited.example.", "NS"]);
  });

  it("a caller without the reader's role: 403, naming the permission", async () => {
    const { observer, zone } = await withZone({ dnsName: "denied.example" }, false);
    expect(await observer.dnsHost?.apexNameservers?.(zone, "gcp")).toMatchObject({
      kind: "unavailable",
      deniedAction: "dns.managedZones.list",
    });
  });
});

describe("zoneRecords (resourceRecordSets.list, paged)", () => {
  const many = (zone: string, n: number) =>
    Array.from({ length: n }, (_, i) => ({
      name: `h${String(i).padStart(4, "0")}.${zone}`,
      type: "A",
      rrdatas: ["192.0.2.1"],
    }));

  it("every set over pages, complete", async () => {
    const { observer, zone } = await withZone({
      dnsName: "records.example",
      records: [
        { name: "records.example", type: "MX", rrdatas: ["10 mx.records.example."] },
        ...many("records.example", 1_100),
      ],
    });
    const answer = await observer.dnsHost?.zoneRecords?.(zone, "gcp", 10_000);
    expect(answer).toMatchObject({ kind: "ok", zoneId: zone.id, complete: true });
    if (answer?.kind !== "ok") throw new Error("listed");
    expect(answer.records.slice(0, 3)).toEqual([
      { name: "records.example", type: "NS" },
      { name: "records.example", type: "SOA" },
      { name: "records.example", type: "MX" },
    ]);
    expect(answer.records).toHaveLength(1_103);
    expect(emulator.calls()).toEqual({ "resourceRecordSets.list": 2 });
  });

  it("more sets than asked for: cut, saying so", async () => {
    const { observer, zone } = await withZone({
      dnsName: "big.example",
      records: many("big.example", 50),
    });
    const answer = await observer.dnsHost?.zoneRecords?.(zone, "gcp", 5);
    expect(answer).toMatchObject({ kind: "ok", complete: false });
    if (answer?.kind === "ok") expect(answer.records).toHaveLength(5);
  });

  it.each([
    [
      "a set outside the zone",
      {
        kind: "dns#resourceRecordSetsListResponse",
        rrsets: [{ name: "victim.example.", type: "A", rrdatas: [] }],
      },
      "is not in the zone hostile-sets.example",
    ],
    [
      "a type that is no type",
      {
        kind: "dns#resourceRecordSetsListResponse",
        rrsets: [{ name: "hostile-sets.example.", type: "A B", rrdatas: [] }],
      },
      "is not a record type",
    ],
  ])("a hostile rrsets answer (%s) is unavailable", async (_, body, problem) => {
    const { observer, zone } = await withZone({ dnsName: "hostile-sets.example" });
    emulator.faults.answer("resourceRecordSets.list", body);
    const answer = await observer.dnsHost?.zoneRecords?.(zone, "gcp", 100);
    emulator.faults.clear();
    expect(answer).toMatchObject({ kind: "unavailable" });
    expect(JSON.stringify(answer)).toContain(problem);
  });

  it("a listing that never ends is cut at its bound", async () => {
    const { observer, zone } = await withZone({ dnsName: "endless.example" });
    emulator.faults.answer(
      "resourceRecordSets.list",
      { kind: "dns#resourceRecordSetsListResponse", rrsets: [], nextPageToken: "again" },
      1_000,
    );
    const answer = await observer.dnsHost?.zoneRecords?.(zone, "gcp", 100);
    emulator.faults.clear();
    expect(answer).toMatchObject({ kind: "unavailable" });
    expect(JSON.stringify(answer)).toContain("more than 100000 entries");
    expect(emulator.calls()["resourceRecordSets.list"]).toBe(100);
  });
});
