// The GoDaddy adapter through undici against the lab's wire-level emulator, over loopback: what it
// reads of an account's domains, how it pages, and every way it can fail.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type GoDaddyEmulator,
  startGoDaddyEmulator,
} from "../../../../src/lab/godaddy-emulator.js";
import { NEEDED_ACCESS } from "../../../../src/observe/providers/godaddy/client.js";
import { openGoDaddy } from "../../../../src/observe/providers/godaddy/provider.js";
import type { ProviderObserver } from "../../../../src/observe/providers/types.js";

let emulator: GoDaddyEmulator;

beforeAll(async () => {
  emulator = await startGoDaddyEmulator();
});
afterAll(() => emulator.close());

function open(
  env: Record<string, string | undefined>,
  settings: Record<string, string> = {},
): ProviderObserver {
  return openGoDaddy({
    accounts: [{ id: "gd", provider: "godaddy", settings }],
    cacheDir: undefined,
    requestsPerSecond: undefined,
    env: { GODADDY_BASE_URL: emulator.baseUrl, ...env },
  });
}

function withKey(access = true) {
  const account = emulator.addAccount();
  const { key, secret } = account.addKey({ access });
  return { account, key, secret, env: { GODADDY_API_KEY: key, GODADDY_API_SECRET: secret } };
}

describe("GoDaddy domains", () => {
  it("reads name servers, auto-renew, the lock, expiry and status, paging by marker", async () => {
    const { account, env } = withKey();
    for (let i = 0; i < 1_005; i += 1) account.addDomain({ domain: `d${i}.example` });
    account.addDomain({
      domain: "lax.example",
      renewAuto: false,
      locked: false,
      expires: "2027-03-01T00:00:00.000Z",
      status: "ACTIVE",
      nameServers: ["NS2.Example.NET.", "ns1.example.net"],
    });
    account.addDomain({ domain: "gone.example", status: "TRANSFERRED_OUT" });
    const observer = open(env);
    emulator.resetCounters();
    expect(await observer.registrar?.registration("lax.example", "gd")).toEqual({
      kind: "registered",
      account: "gd",
      detail: {
        name: "lax.example",
        autoRenew: false,
        transferLock: false,
        expiry: "2027-03-01T00:00:00.000Z",
        nameservers: ["ns1.example.net", "ns2.example.net"],
        registrarName: "GoDaddy.com, LLC",
        statusList: ["ACTIVE"],
        dnssecKeys: undefined,
      },
    });
    // Transferred away: listed for a while, but no longer held.
    for (const name of ["gone.example", "other.example"]) {
      expect(await observer.registrar?.registration(name, "gd")).toEqual({
        kind: "not-in-account",
        account: "gd",
      });
    }
    const listed = await observer.registrar?.listDomains("gd");
    expect(listed?.kind === "ok" && listed.items.length).toBe(1_006);
    // Two pages for the whole account, whatever the number of domains asked about.
    expect(emulator.calls()).toEqual({ "domains.list": 2 });
    expect(emulator.requestLog.map((r) => r.query)).toEqual([
      "?limit=1000&includes=nameServers",
      expect.stringMatching(/^\?limit=1000&includes=nameServers&marker=d\d+\.example$/),
    ]);
  });

  it("a domain listed without name servers is asked once by itself", async () => {
    const { account, env } = withKey();
    account.addDomain({ domain: "bare.example", nameServers: ["ns1.example.net"] });
    emulator.faults.answer("domains.list", [
      { domain: "bare.example", status: "ACTIVE", renewAuto: true, locked: true },
    ]);
    const observer = open(env);
    emulator.resetCounters();
    for (let i = 0; i < 2; i += 1) {
      expect(await observer.registrar?.registration("bare.example", "gd")).toMatchObject({
        kind: "registered",
        detail: { nameservers: ["ns1.example.net"], expiry: "2030-01-01T00:00:00.000Z" },
      });
    }
    expect(emulator.calls()).toEqual({ "domains.list": 1, "domains.get": 1 });
    emulator.faults.clear();
  });
});

describe("GoDaddy failures are reasons, never a crash or an empty answer", () => {
  it("no key: not asked, with the variable's name", async () => {
    emulator.resetCounters();
    const observer = open({ GODADDY_API_SECRET: "s" }, { keyEnv: "GD_PROD_KEY" });
    expect(await observer.registrar?.listDomains("gd")).toEqual({
      kind: "unavailable",
      account: "gd",
      reason: "no GoDaddy API credentials: GD_PROD_KEY is not set (the key of account gd)",
      deniedAction: undefined,
    });
    expect(emulator.requestLog).toEqual([]);
  });

  it("an account the policies do not declare is not asked", async () => {
    const { env } = withKey();
    expect(await open(env).registrar?.registration("a.example", undefined)).toMatchObject({
      kind: "unavailable",
      reason: "GoDaddy has no default account: name one under `accounts:`",
    });
  });

  it("a refused key: 401, and neither key nor secret is in the reason", async () => {
    const { key } = withKey();
    const secret = "not-the-secret-of-this-key-0123456789";
    const result = await open({
      GODADDY_API_KEY: key,
      GODADDY_API_SECRET: secret,
    }).registrar?.listDomains("gd");
    expect(result).toMatchObject({ kind: "unavailable", deniedAction: undefined });
    expect(JSON.stringify(result)).toContain(
      "GoDaddy refused the API key for domains.list: 401 (UNABLE_TO_AUTHENTICATE",
    );
    expect(JSON.stringify(result)).not.toContain(secret);
    expect(JSON.stringify(result)).not.toContain(key);
  });

  it("a key without Domains API access: 403 ACCESS_DENIED, naming what it needs", async () => {
    const { env } = withKey(false);
    expect(await open(env).registrar?.registration("a.example", "gd")).toMatchObject({
      kind: "unavailable",
      deniedAction: NEEDED_ACCESS,
      reason: expect.stringContaining(
        "403 (ACCESS_DENIED: Authenticated user is not allowed access)",
      ),
    });
  });

  it("rate limited: retried as retryAfterSec says, then a reason", async () => {
    const { account, env } = withKey();
    account.addDomain({ domain: "busy.example" });
    emulator.faults.rateLimit("domains.list", 1, 1);
    const patient = open(env);
    expect((await patient.registrar?.registration("busy.example", "gd"))?.kind).toBe("registered");
    expect(patient.stats()).toEqual({
      calls: { "domains.list": 1 },
      attempts: { "domains.list": 2 },
    });

    emulator.faults.rateLimit("domains.list", 3, 1);
    const result = await open(env).registrar?.registration("busy.example", "gd");
    expect(result).toMatchObject({ kind: "unavailable" });
    expect(JSON.stringify(result)).toContain(
      "rate-limited domains.list (429, still after 2 retries",
    );

    // A wait longer than a minute is not waited for.
    emulator.faults.rateLimit("domains.list", 1, 3_600);
    const impatient = await open(env).registrar?.registration("busy.example", "gd");
    expect(JSON.stringify(impatient)).toContain(
      "rate-limited domains.list (429) (TOO_MANY_REQUESTS",
    );
    emulator.faults.clear();
  }, 20_000);

  const summary = { domain: "x.example", status: "ACTIVE", renewAuto: true, locked: true };
  it.each([
    ["an HTML page", "<html>maintenance</html>", "the answer is not JSON"],
    ["an object", {}, "no list of domains"],
    [
      "a domain without flags",
      [{ domain: "x.example", status: "ACTIVE" }],
      "no renewAuto or locked",
    ],
    ["an unreadable status", [{ ...summary, status: "\u001b[31m" }], "has no status"],
    ["an unreadable expiry", [{ ...summary, expires: "soon" }], "unreadable expires"],
    [
      "a name server that is no host name",
      [{ ...summary, nameServers: ["a b\u001b[31m"] }],
      "not letters, digits and hyphens",
    ],
    [
      "too many entries",
      Array.from({ length: 1_001 }, () => summary),
      "more than the 1000 domains",
    ],
  ])("a hostile listing (%s) is unavailable with the problem", async (_, body, problem) => {
    const { env } = withKey();
    emulator.faults.answer("domains.list", body);
    const result = await open(env).registrar?.registration("x.example", "gd");
    expect(result).toMatchObject({ kind: "unavailable" });
    expect(JSON.stringify(result)).toContain(problem);
    emulator.faults.clear();
  });

  it("a listing that does not move on is cut", async () => {
    const { env } = withKey();
    const page = Array.from({ length: 1_000 }, () => summary);
    emulator.faults.answer("domains.list", page, 10);
    emulator.resetCounters();
    const result = await open(env).registrar?.listDomains("gd");
    expect(result).toMatchObject({ kind: "unavailable" });
    expect(JSON.stringify(result)).toContain("a page that does not follow the previous one");
    expect(emulator.calls()).toEqual({ "domains.list": 2 });
    emulator.faults.clear();
  });

  it("an answer bigger than the bound is refused, not buffered", async () => {
    const { env } = withKey();
    emulator.faults.answer("domains.list", `[${" ".repeat(5 * 1024 * 1024)}]`);
    const result = await open(env).registrar?.listDomains("gd");
    expect(JSON.stringify(result)).toContain("the answer is longer than 4194304 bytes");
    emulator.faults.clear();
  });
});
