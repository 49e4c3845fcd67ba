// The Cloudflare adapter through the official SDK against the lab's wire-level emulator, over
// loopback: what zones and registrations it reads, how it pages, and every way it can fail.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type CloudflareEmulator,
  startCloudflareEmulator,
} from "../../../../src/lab/cloudflare-emulator.js";
import { openCloudflare } from "../../../../src/observe/providers/cloudflare/provider.js";
import type { ProviderObserver } from "../../../../src/observe/providers/types.js";

let emulator: CloudflareEmulator;

beforeAll(async () => {
  emulator = await startCloudflareEmulator();
});
afterAll(() => emulator.close());

function open(
  accountId: string,
  env: Record<string, string | undefined>,
  settings: Record<string, string> = {},
): ProviderObserver {
  return openCloudflare({
    accounts: [{ id: "cf", provider: "cloudflare", settings: { accountId, ...settings } }],
    cacheDir: undefined,
    requestsPerSecond: undefined,
    env: { CLOUDFLARE_BASE_URL: emulator.baseUrl, ...env },
  });
}

describe("Cloudflare zones", () => {
  it("reads a zone's assigned name servers, status and original name servers", async () => {
    const account = emulator.addAccount();
    const zone = account.addZone({
      name: "pending.example",
      status: "pending",
      nameServers: ["ADA.ns.cloudflare.com.", "bob.ns.cloudflare.com"],
      originalNameServers: ["ns1.old-host.example"],
    });
    const observer = open(account.id, { CLOUDFLARE_API_TOKEN: account.addToken() });
    expect(await observer.dnsHost?.zones("pending.example", "cf")).toEqual({
      kind: "found",
      account: "cf",
      zones: [
        {
          id: zone.id,
          name: "pending.example",
          recordCount: undefined,
          delegationSet: ["ada.ns.cloudflare.com", "bob.ns.cloudflare.com"],
          status: "pending",
          originalNameservers: ["ns1.old-host.example"],
        },
      ],
    });
    expect(await observer.dnsHost?.zones("absent.example", "cf")).toEqual({
      kind: "none",
      account: "cf",
    });
  });

  it("lists an account once, page by page, for every domain of a scan", async () => {
    const account = emulator.addAccount();
    for (let i = 0; i < 120; i += 1)
      account.addZone({ name: `z${String(i).padStart(3, "0")}.example` });
    const observer = open(account.id, { CLOUDFLARE_API_TOKEN: account.addToken() });
    emulator.resetCounters();
    const answers = await Promise.all(
      ["z000.example", "z119.example", "z060.example"].map((name) =>
        observer.dnsHost?.zones(name, "cf"),
      ),
    );
    expect(answers.map((answer) => answer?.kind)).toEqual(["found", "found", "found"]);
    expect(emulator.calls()).toEqual({ "zones.list": 3 });
    expect(emulator.requestLog.map((r) => new URLSearchParams(r.query).get("page"))).toEqual([
      "1",
      "2",
      "3",
    ]);
    expect(emulator.requestLog.every((r) => r.query.includes(account.id))).toBe(true);
    expect(observer.stats().calls).toEqual({ "zones.list": 3 });
  });

  it("sees only the zones of the declared account", async () => {
    const ours = emulator.addAccount();
    const theirs = emulator.addAccount();
    theirs.addZone({ name: "elsewhere.example" });
    const observer = open(ours.id, { CLOUDFLARE_API_TOKEN: ours.addToken() });
    expect(await observer.dnsHost?.zones("elsewhere.example", "cf")).toMatchObject({
      kind: "none",
    });
  });
});

describe("Cloudflare Registrar", () => {
  it("reads auto-renew, the lock, expiry and status, paging by cursor", async () => {
    const account = emulator.addAccount();
    for (let i = 0; i < 60; i += 1) account.addRegistration({ domain: `r${i}.example` });
    account.addRegistration({
      domain: "lax.example",
      autoRenew: false,
      locked: false,
      expiresAt: "2027-03-01T00:00:00Z",
    });
    const observer = open(account.id, { CLOUDFLARE_API_TOKEN: account.addToken() });
    emulator.resetCounters();
    expect(await observer.registrar?.registration("lax.example", "cf")).toEqual({
      kind: "registered",
      account: "cf",
      detail: {
        name: "lax.example",
        autoRenew: false,
        transferLock: false,
        expiry: "2027-03-01T00:00:00.000Z",
        nameservers: undefined,
        registrarName: "Cloudflare, Inc.",
        statusList: ["active"],
      },
    });
    expect(await observer.registrar?.registration("other.example", "cf")).toEqual({
      kind: "not-in-account",
      account: "cf",
    });
    expect(emulator.calls()).toEqual({ "registrations.list": 2 });
    expect((await observer.registrar?.listDomains("cf"))?.kind).toBe("ok");
  });
});

describe("Cloudflare failures are reasons, never a crash or an empty answer", () => {
  it("no token: not asked, with the variable's name", async () => {
    const account = emulator.addAccount();
    const observer = open(account.id, {}, { tokenEnv: "CF_PROD_TOKEN" });
    emulator.resetCounters();
    expect(await observer.dnsHost?.zones("a.example", "cf")).toEqual({
      kind: "unavailable",
      account: "cf",
      reason: "no Cloudflare API token: CF_PROD_TOKEN is not set (the token of account cf)",
      deniedAction: undefined,
    });
    expect(emulator.requestLog).toEqual([]);
  });

  it("a refused token: 401, and the token is never in the reason", async () => {
    const account = emulator.addAccount();
    const token = "not-a-token-of-this-world-0123456789";
    const observer = open(account.id, { CLOUDFLARE_API_TOKEN: token });
    const result = await observer.dnsHost?.zones("a.example", "cf");
    expect(result).toMatchObject({ kind: "unavailable", deniedAction: undefined });
    expect(JSON.stringify(result)).toContain("refused the API token for zones.list: 401");
    expect(JSON.stringify(result)).not.toContain(token);
  });

  it("a token without the permission: 403, naming the permission", async () => {
    const account = emulator.addAccount();
    const observer = open(account.id, { CLOUDFLARE_API_TOKEN: account.addToken(["Zone: Read"]) });
    expect(await observer.registrar?.registration("a.example", "cf")).toMatchObject({
      kind: "unavailable",
      deniedAction: "Registrar: Read (account)",
    });
    expect((await observer.dnsHost?.zones("a.example", "cf"))?.kind).toBe("none");
  });

  it("rate limited: retried as Retry-After says, then a reason", async () => {
    const account = emulator.addAccount();
    account.addZone({ name: "busy.example" });
    const token = account.addToken();
    emulator.faults.rateLimit("zones.list", 1, "1");
    const patient = open(account.id, { CLOUDFLARE_API_TOKEN: token });
    expect((await patient.dnsHost?.zones("busy.example", "cf"))?.kind).toBe("found");
    expect(patient.stats().attempts).toEqual({ "zones.list": 2 });

    emulator.faults.rateLimit("zones.list", 3, "1");
    const result = await open(account.id, { CLOUDFLARE_API_TOKEN: token }).dnsHost?.zones(
      "busy.example",
      "cf",
    );
    expect(result).toMatchObject({ kind: "unavailable" });
    expect(JSON.stringify(result)).toContain("rate-limited zones.list (429");
    emulator.faults.clear();
  }, 20_000);

  it.each([
    ["an HTML page", "<html>maintenance</html>", "the answer is not JSON"],
    ["an empty object", {}, "no `success: true` envelope"],
    ["no result_info", { success: true, result: [] }, "no result_info"],
    [
      "a zone with an unknown status",
      {
        success: true,
        result: [{ id: "a".repeat(32), name: "x.example", status: "gone", name_servers: [] }],
        result_info: { total_pages: 1 },
      },
      "unknown status",
    ],
    [
      "a name server that is no host name",
      {
        success: true,
        result: [
          {
            id: "a".repeat(32),
            name: "x.example",
            status: "active",
            name_servers: ["a b\u001b[31m"],
          },
        ],
        result_info: { total_pages: 1 },
      },
      "not letters, digits and hyphens",
    ],
    [
      "too many entries",
      {
        success: true,
        result: Array.from({ length: 51 }, () => ({})),
        result_info: { total_pages: 1 },
      },
      "more than the 50 entries",
    ],
  ])("a hostile zones answer (%s) is unavailable with the problem", async (_, body, problem) => {
    const account = emulator.addAccount();
    emulator.faults.answer("zones.list", body);
    const result = await open(account.id, {
      CLOUDFLARE_API_TOKEN: account.addToken(),
    }).dnsHost?.zones("x.example", "cf");
    expect(result).toMatchObject({ kind: "unavailable" });
    expect(JSON.stringify(result)).toContain(problem);
    emulator.faults.clear();
  });

  it("a listing that never ends is cut at its bound", async () => {
    const account = emulator.addAccount();
    const endless = {
      success: true,
      result: [],
      result_info: { page: 1, total_pages: 1_000_000 },
    };
    emulator.faults.answer("zones.list", endless, 1_000);
    emulator.resetCounters();
    const result = await open(account.id, {
      CLOUDFLARE_API_TOKEN: account.addToken(),
    }).dnsHost?.zones("x.example", "cf");
    expect(result).toMatchObject({ kind: "unavailable" });
    expect(JSON.stringify(result)).toContain("more than 10000 entries");
    expect(emulator.calls()["zones.list"]).toBe(200);
    emulator.faults.clear();
  });
});
