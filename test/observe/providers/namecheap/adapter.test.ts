// The Namecheap adapter through undici against the lab's wire-level emulator, over loopback: what
// it reads of a user's domains, how it pages, how it parses XML it cannot trust, and every way it
// can fail.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type NamecheapEmulator,
  startNamecheapEmulator,
} from "../../../../src/lab/namecheap-emulator.js";
import { NEEDED_ACCESS } from "../../../../src/observe/providers/namecheap/client.js";
import { openNamecheap } from "../../../../src/observe/providers/namecheap/provider.js";
import type { ProviderObserver } from "../../../../src/observe/providers/types.js";

let emulator: NamecheapEmulator;
let users = 0;

beforeAll(async () => {
  emulator = await startNamecheapEmulator();
});
afterAll(() => emulator.close());

function open(
  env: Record<string, string | undefined>,
  settings: Record<string, string> = {},
): ProviderObserver {
  return openNamecheap({
    accounts: [{ id: "nc", provider: "namecheap", settings }],
    cacheDir: undefined,
    requestsPerSecond: undefined,
    env: { NAMECHEAP_BASE_URL: emulator.baseUrl, NAMECHEAP_CLIENT_IP: "127.0.0.1", ...env },
  });
}

function withUser() {
  users += 1;
  const user = emulator.addUser(`user${users}`);
  const { apiUser, apiKey } = user.credentials();
  return { user, apiKey, env: { NAMECHEAP_API_USER: apiUser, NAMECHEAP_API_KEY: apiKey } };
}

const GET_LIST = "namecheap.domains.getList";

describe("Namecheap domains", () => {
  it("reads auto-renew, the lock and expiry from the listing, status and name servers from getInfo", async () => {
    const { user, env } = withUser();
    for (let i = 0; i < 150; i += 1) user.addDomain({ domain: `d${i}.example` });
    user.addDomain({
      domain: "lax.example",
      autoRenew: false,
      locked: false,
      expires: "03/01/2027",
      status: "Locked",
      nameServers: ["NS2.Example.NET", "ns1.example.net"],
    });
    const observer = open(env);
    emulator.resetCounters();
    expect(await observer.registrar?.registration("lax.example", "nc")).toEqual({
      kind: "registered",
      account: "nc",
      detail: {
        name: "lax.example",
        autoRenew: false,
        transferLock: false,
        expiry: "2027-03-01T00:00:00.000Z",
        nameservers: ["ns1.example.net", "ns2.example.net"],
        registrarName: "NameCheap, Inc.",
        statusList: ["Locked"],
        dnssecKeys: undefined,
      },
    });
    expect(await observer.registrar?.registration("lax.example", "nc")).toMatchObject({
      kind: "registered",
    });
    expect(await observer.registrar?.registration("other.example", "nc")).toEqual({
      kind: "not-in-account",
      account: "nc",
    });
    const listed = await observer.registrar?.listDomains("nc");
    expect(listed?.kind === "ok" && listed.items.length).toBe(151);
    // Two listing pages for the account; one getInfo for the domain, however often it is asked.
    expect(emulator.calls()).toEqual({ [GET_LIST]: 2, "namecheap.domains.getInfo": 1 });
    expect(emulator.requestLog.map((r) => r.params)).toEqual([
      "ListType=ALL&Page=1&PageSize=100&SortBy=NAME",
      "ListType=ALL&Page=2&PageSize=100&SortBy=NAME",
      "DomainName=lax.example",
    ]);
  });

  it("name servers getInfo does not list are read from domains.dns.getList", async () => {
    const { user, env } = withUser();
    user.addDomain({
      domain: "shy.co.uk",
      nameServers: ["ns1.example.net"],
      nameServersOnlyInDns: true,
    });
    emulator.resetCounters();
    expect(await open(env).registrar?.registration("shy.co.uk", "nc")).toMatchObject({
      kind: "registered",
      detail: { nameservers: ["ns1.example.net"] },
    });
    expect(emulator.requestLog.at(-1)?.params).toBe("SLD=shy&TLD=co.uk");
  });
});

describe("Namecheap failures are reasons, never a crash or an empty answer", () => {
  it.each([
    [{ NAMECHEAP_API_USER: "u" }, {}, "NAMECHEAP_API_KEY is not set (the key of account nc)"],
    [{ NAMECHEAP_API_KEY: "k" }, {}, "NAMECHEAP_API_USER is not set (the user of account nc)"],
    [
      { NAMECHEAP_API_USER: "u", NC_KEY: "k", NAMECHEAP_CLIENT_IP: "" },
      { keyEnv: "NC_KEY" },
      "NAMECHEAP_CLIENT_IP is not set",
    ],
    [{ NAMECHEAP_API_USER: "u", NAMECHEAP_API_KEY: "k" }, { clientIp: "::1" }, "not an IPv4"],
  ])("%j %j: not asked, saying what is missing", async (env, settings, reason) => {
    emulator.resetCounters();
    const result = await open(env, settings).registrar?.listDomains("nc");
    expect(result).toMatchObject({ kind: "unavailable" });
    expect(JSON.stringify(result)).toContain(reason);
    expect(emulator.requestLog).toEqual([]);
  });

  it("a refused key: error 1011102, naming what it needs, the key never in the reason", async () => {
    const { env } = withUser();
    const key = "0123456789abcdef0123456789abcdef";
    const result = await open({ ...env, NAMECHEAP_API_KEY: key }).registrar?.listDomains("nc");
    expect(result).toMatchObject({ kind: "unavailable", deniedAction: NEEDED_ACCESS });
    expect(JSON.stringify(result)).toContain(
      "Namecheap refused the API user or key for domains.getList (1011102",
    );
    expect(JSON.stringify(result)).not.toContain(key);
  });

  it("API access not enabled, or a client IP not whitelisted: the reason says which", async () => {
    const { user, env } = withUser();
    user.whitelist(["192.0.2.7"]);
    expect(JSON.stringify(await open(env).registrar?.listDomains("nc"))).toContain(
      "refused the client IP for domains.getList (1011150: Invalid request IP: 127.0.0.1)",
    );
    user.whitelist(["127.0.0.1"]);
    user.setApiAccess(false);
    expect(await open(env).registrar?.listDomains("nc")).toMatchObject({
      kind: "unavailable",
      deniedAction: NEEDED_ACCESS,
    });
  });

  it("rate limited: a reason, and the next session asks again", async () => {
    const { user, env } = withUser();
    user.addDomain({ domain: "busy.example" });
    emulator.faults.rateLimit(GET_LIST, 1);
    const result = await open(env).registrar?.registration("busy.example", "nc");
    expect(result).toMatchObject({
      kind: "unavailable",
      reason: "Namecheap rate-limited domains.getList (500000: Too many requests)",
    });
    expect((await open(env).registrar?.registration("busy.example", "nc"))?.kind).toBe(
      "registered",
    );
  });

  const page = (domains: string, total = "1") =>
    `<ApiResponse Status="OK"><Errors/><CommandResponse><DomainGetListResult>${domains}</DomainGetListResult><Paging><TotalItems>${total}</TotalItems></Paging></CommandResponse></ApiResponse>`;
  const domain = (attributes: string) =>
    `<Domain Name="x.example" IsLocked="true" AutoRenew="true" Expires="01/01/2030" ${attributes}/>`;
  it.each([
    ["an HTML page", "<html><body>maintenance</body>", "the answer is not XML"],
    ["no XML", "{}", "the answer is not XML"],
    ["another document", "<html><body>maintenance</body></html>", "no ApiResponse"],
    ["broken XML", "<ApiResponse Status='OK'><a></ApiResponse>", "the answer is not XML"],
    [
      "an entity declaration",
      `<!DOCTYPE a [<!ENTITY lol "lol">]>${page(domain(""))}`,
      "declares a document type",
    ],
    ["no status", "<ApiResponse><CommandResponse/></ApiResponse>", "no Status of OK or ERROR"],
    [
      "an error without an Error",
      '<ApiResponse Status="ERROR"><Errors/></ApiResponse>',
      "without an Error",
    ],
    [
      "an unreadable lock",
      page(domain('IsLocked="maybe"').replace('IsLocked="true" ', "")),
      "IsLocked is not true or false",
    ],
    [
      "an unreadable date",
      page(domain("").replace("01/01/2030", "2030-01-01")),
      "not a MM/DD/YYYY date",
    ],
    ["no paging", page(domain("")).replace(/<Paging>.*<\/Paging>/, ""), "no Paging"],
    ["too many domains", page(domain("").repeat(101)), "more than the 100 domains"],
  ])("a hostile listing (%s) is unavailable with the problem", async (_, body, problem) => {
    const { env } = withUser();
    emulator.faults.answer(GET_LIST, body);
    const result = await open(env).registrar?.registration("x.example", "nc");
    expect(result).toMatchObject({ kind: "unavailable" });
    expect(JSON.stringify(result)).toContain(problem);
    emulator.faults.clear();
  });

  it("a listing that never ends is cut at its bound", async () => {
    const { env } = withUser();
    emulator.faults.answer(GET_LIST, page(domain("").repeat(100), "1000000"), 1_000);
    emulator.resetCounters();
    const result = await open(env).registrar?.listDomains("nc");
    expect(result).toMatchObject({ kind: "unavailable" });
    expect(JSON.stringify(result)).toContain("more than 10000 entries");
    expect(emulator.calls()[GET_LIST]).toBe(100);
    emulator.faults.clear();
  });
});
