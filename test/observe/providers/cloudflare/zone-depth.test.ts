// The Cloudflare adapter's DNS-host depth through the official SDK against the lab's emulator, over
// loopback: a zone's DNSSEC (`/zones/{id}/dnssec`), its apex NS set (`/dns_records` at the apex,
// and `/dns_settings` when the zone holds apex NS records) and its record sets for migration
// parity (`/dns_records`, paged); every failure a reason, every answer shape-checked.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type CloudflareEmulator,
  type CloudflareZoneSpec,
  startCloudflareEmulator,
} from "../../../../src/lab/cloudflare-emulator.js";
import { openCloudflare } from "../../../../src/observe/providers/cloudflare/provider.js";
import type { ProviderObserver, ZoneSummary } from "../../../../src/observe/providers/types.js";

let emulator: CloudflareEmulator;

beforeAll(async () => {
  emulator = await startCloudflareEmulator();
});
afterAll(() => emulator.close());

const DIGEST = "ab".repeat(32);

/** An account holding one zone, its token (with `permissions`), and the adapter opened on it. */
function withZone(
  spec: CloudflareZoneSpec,
  permissions?: Parameters<ReturnType<CloudflareEmulator["addAccount"]>["addToken"]>[0],
): { observer: ProviderObserver; zone: ZoneSummary; token: string } {
  const account = emulator.addAccount();
  const { id } = account.addZone(spec);
  const token = account.addToken(permissions);
  const observer = openCloudflare({
    accounts: [{ id: "cf", provider: "cloudflare", settings: { accountId: account.id } }],
    cacheDir: undefined,
    requestsPerSecond: undefined,
    env: { CLOUDFLARE_BASE_URL: emulator.baseUrl, CLOUDFLARE_API_TOKEN: token },
  });
  emulator.resetCounters();
  return { observer, zone: { id, name: spec.name, recordCount: undefined }, token };
}

describe("zoneDnssec (GET /zones/{id}/dnssec)", () => {
  it("an active zone: signing, its one key-signing key with the DS digest; asked once", async () => {
    const { observer, zone } = withZone({
      name: "signed.example",
      dnssec: { status: "active", keyTag: 2371, digest: DIGEST },
    });
    const answer = await observer.dnsHost?.zoneDnssec?.(zone, "cf");
    expect(answer).toEqual({
      kind: "ok",
      account: "cf",
      zoneId: zone.id,
      serveSignature: "active",
      signing: true,
      statusMessage: undefined,
      keySigningKeys: [
        {
          name: "ksk-2371",
          status: "active",
          active: true,
          statusMessage: undefined,
          keyTag: 2371,
          algorithm: 13,
          flag: 257,
          digestType: 2,
          digest: DIGEST,
          publicKey: Buffer.alloc(64, 0x5a).toString("base64"),
        },
      ],
    });
    await observer.dnsHost?.zoneDnssec?.(zone, "cf");
    expect(emulator.calls()).toEqual({ "dnssec.get": 1 });
    expect(observer.stats().calls).toEqual({ "dnssec.get": 1 });
  });

  it.each([
    ["pending", true, true],
    ["pending-disabled", true, false],
    ["error", false, false],
  ] as const)("status %s: signing %s, key in use %s", async (status, signing, active) => {
    const { observer, zone } = withZone({ name: `${status}.example`, dnssec: { status } });
    expect(await observer.dnsHost?.zoneDnssec?.(zone, "cf")).toMatchObject({
      serveSignature: status,
      signing,
      keySigningKeys: [{ status, active }],
    });
  });

  it("disabled: not signing, no key (the API's key fields are null)", async () => {
    const { observer, zone } = withZone({ name: "plain.example" });
    expect(await observer.dnsHost?.zoneDnssec?.(zone, "cf")).toMatchObject({
      kind: "ok",
      serveSignature: "disabled",
      signing: false,
      keySigningKeys: [],
    });
  });

  it("a token without DNS read: 403, naming the permission", async () => {
    const { observer, zone } = withZone({ name: "denied.example" }, ["Zone: Read"]);
    expect(await observer.dnsHost?.zoneDnssec?.(zone, "cf")).toMatchObject({
      kind: "unavailable",
      account: "cf",
      deniedAction: "DNS: Read",
    });
  });

  it.each([
    ["an unknown status", { success: true, result: { status: "sleeping" } }, "unknown DNSSEC"],
    ["no result object", { success: true, result: [] }, "no result object"],
    [
      "a key tag out of range",
      { success: true, result: { status: "active", key_tag: 70_000 } },
      "key_tag is not a number",
    ],
    [
      "a digest that is not hex",
      { success: true, result: { status: "active", key_tag: 1, digest: "zz<script>" } },
      "digest is unreadable",
    ],
  ])("a hostile answer (%s) is unavailable with the problem", async (_, body, problem) => {
    const { observer, zone } = withZone({ name: "hostile-dnssec.example" });
    emulator.faults.answer("dnssec.get", body);
    const answer = await observer.dnsHost?.zoneDnssec?.(zone, "cf");
    emulator.faults.clear();
    expect(answer).toMatchObject({ kind: "unavailable" });
    expect(JSON.stringify(answer)).toContain(problem);
  });

  it("an undeclared account is not asked", async () => {
    const { observer, zone } = withZone({ name: "other.example" });
    expect(await observer.dnsHost?.zoneDnssec?.(zone, "elsewhere")).toMatchObject({
      kind: "unavailable",
      reason: "elsewhere is not a Cloudflare account of the policies",
    });
    expect(emulator.requestLog).toEqual([]);
  });
});

describe("apexNameservers (dns_records at the apex, dns_settings)", () => {
  it("no apex NS records: the assigned pair, which Cloudflare serves; one call", async () => {
    const { observer, zone } = withZone({
      name: "apex.example",
      nameServers: ["ada.ns.cloudflare.com", "bob.ns.cloudflare.com"],
      records: [{ name: "www.apex.example", type: "NS", content: "ns1.child.example" }],
    });
    expect(await observer.dnsHost?.apexNameservers?.(zone, "cf")).toEqual({
      kind: "ok",
      account: "cf",
      zoneId: zone.id,
      ns: ["ada.ns.cloudflare.com", "bob.ns.cloudflare.com"],
    });
    // The zone listing (to know its pair) and the apex NS records, asked by type and exact name.
    expect(emulator.calls()).toEqual({ "zones.list": 1, "dns_records.list": 1 });
    const asked = emulator.requestLog.find((r) => r.operation === "dns_records.list");
    expect(new URLSearchParams(asked?.query).get("type")).toBe("NS");
    expect(new URLSearchParams(asked?.query).get("name.exact")).toBe("apex.example");
  });

  it.each([
    [false, ["ada.ns.cloudflare.com", "bob.ns.cloudflare.com"]],
    [true, ["ada.ns.cloudflare.com", "bob.ns.cloudflare.com", "ns1.other-host.example"]],
  ])("apex NS records count only with multi-provider DNS (%s)", async (multiProvider, ns) => {
    const { observer, zone } = withZone({
      name: `multi-${multiProvider}.example`,
      nameServers: ["ada.ns.cloudflare.com", "bob.ns.cloudflare.com"],
      multiProvider,
      records: [
        { name: `multi-${multiProvider}.example`, type: "NS", content: "NS1.Other-Host.example." },
      ],
    });
    expect(await observer.dnsHost?.apexNameservers?.(zone, "cf")).toMatchObject({ kind: "ok", ns });
    expect(emulator.calls()["dns_settings.get"]).toBe(1);
  });

  it("an apex NS target that is no host name: unavailable", async () => {
    const { observer, zone } = withZone({
      name: "bad-ns.example",
      records: [{ name: "bad-ns.example", type: "NS", content: "a b\u001b[31m" }],
    });
    const answer = await observer.dnsHost?.apexNameservers?.(zone, "cf");
    expect(answer).toMatchObject({ kind: "unavailable" });
    expect(JSON.stringify(answer)).toContain("apex NS record 0's content");
  });
});

describe("zoneRecords (dns_records, paged)", () => {
  const many = (zone: string, n: number) =>
    Array.from({ length: n }, (_, i) => ({
      name: `h${String(i).padStart(4, "0")}.${zone}`,
      type: "A",
      content: "192.0.2.1",
    }));

  it("each name and type once, over pages, complete", async () => {
    const { observer, zone } = withZone({
      name: "records.example",
      records: [
        { name: "records.example", type: "MX", content: "mx.records.example" },
        { name: "records.example", type: "TXT", content: "v=spf1 -all" },
        { name: "records.example", type: "TXT", content: "google-site-verification=x" },
        ...many("records.example", 600),
      ],
    });
    const answer = await observer.dnsHost?.zoneRecords?.(zone, "cf", 10_000);
    expect(answer).toMatchObject({ kind: "ok", account: "cf", zoneId: zone.id, complete: true });
    if (answer?.kind !== "ok") throw new Error("listed");
    expect(answer.records.slice(0, 3)).toEqual([
      { name: "records.example", type: "MX" },
      { name: "records.example", type: "TXT" },
      { name: "h0000.records.example", type: "A" },
    ]);
    expect(answer.records).toHaveLength(602);
    expect(emulator.calls()).toEqual({ "dns_records.list": 2 });
  });

  it("more sets than asked for: cut, saying so, without reading further pages", async () => {
    const { observer, zone } = withZone({
      name: "big.example",
      records: many("big.example", 1_200),
    });
    const answer = await observer.dnsHost?.zoneRecords?.(zone, "cf", 10);
    expect(answer).toMatchObject({ kind: "ok", complete: false });
    if (answer?.kind === "ok") expect(answer.records).toHaveLength(10);
    expect(emulator.calls()).toEqual({ "dns_records.list": 1 });
  });

  it("a record outside the zone: unavailable, never a partial list", async () => {
    const { observer, zone } = withZone({
      name: "inside.example",
      records: [{ name: "victim.example", type: "A", content: "192.0.2.1" }],
    });
    const answer = await observer.dnsHost?.zoneRecords?.(zone, "cf", 100);
    expect(answer).toMatchObject({ kind: "unavailable" });
    expect(JSON.stringify(answer)).toContain("is not in the zone inside.example");
  });

  it("a listing that never ends is cut at its bound", async () => {
    const { observer, zone } = withZone({ name: "endless.example" });
    emulator.faults.answer(
      "dns_records.list",
      { success: true, result: [], result_info: { total_pages: 1_000_000 } },
      1_000,
    );
    const answer = await observer.dnsHost?.zoneRecords?.(zone, "cf", 100);
    emulator.faults.clear();
    expect(answer).toMatchObject({ kind: "unavailable" });
    expect(JSON.stringify(answer)).toContain("dns_records.list lists more than 50000 entries");
    expect(emulator.calls()["dns_records.list"]).toBe(100);
  });

  it("rate limited past the retries: a reason", async () => {
    const { observer, zone } = withZone({ name: "busy-records.example" });
    emulator.faults.rateLimit("dns_records.list", 3, "0");
    const answer = await observer.dnsHost?.zoneRecords?.(zone, "cf", 100);
    emulator.faults.clear();
    expect(answer).toMatchObject({ kind: "unavailable" });
    expect(JSON.stringify(answer)).toContain("rate-limited dns_records.list (429");
  }, 20_000);
});
