// The WHOIS observer against a lab WHOIS server over real loopback TCP: the answer read with the
// registry's format, and every bound (bytes, time, the address rule, the per-host rate).
import { readFile } from "node:fs/promises";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type LabWhoisServer, startLabWhoisServer } from "../../../src/lab/whois-server.js";
import {
  createWhoisObserver,
  type WhoisClock,
  type WhoisObserver,
  type WhoisObserverOptions,
} from "../../../src/observe/whois/index.js";

const text = (name: string) =>
  readFile(new URL(`../../../fixtures/whois/${name}`, import.meta.url), "utf8");

let lab: LabWhoisServer;
beforeAll(async () => {
  lab = await startLabWhoisServer({
    answers: { "-T dn,ace example-brand.de": await text("denic-de.txt") },
    notFound: await text("denic-free.txt"),
  });
});
afterAll(() => lab.close());
afterEach(() => lab.setFault(undefined));

const observers: WhoisObserver[] = [];
afterEach(async () => {
  await Promise.all(observers.splice(0).map((o) => o.close()));
});

/** The lab server as .de's WHOIS, allowing `queriesPerMinute`. */
function deServer(queriesPerMinute: number): WhoisObserverOptions["servers"] {
  return new Map([
    [
      "de",
      {
        host: lab.host,
        port: lab.port,
        query: "-T dn,ace {domain}",
        format: "denic",
        queriesPerMinute,
      },
    ],
  ]);
}

function observer(overrides: Partial<WhoisObserverOptions> = {}): WhoisObserver {
  const created = createWhoisObserver({
    servers: deServer(6000),
    allowNonPublic: true,
    timeoutMs: 2_000,
    ...overrides,
  });
  observers.push(created);
  return created;
}

describe("WHOIS observer", () => {
  it("reads a registered domain with the registry's format and query", async () => {
    const result = await observer().lookup("Example-Brand.DE.");
    expect(result).toEqual({
      kind: "registered",
      domain: "example-brand.de",
      protocol: "whois",
      url: `whois://${lab.host}/example-brand.de`,
      registrar: { ianaId: undefined, name: undefined },
      statuses: undefined,
      events: {
        registration: undefined,
        expiration: undefined,
        lastChanged: "2024-05-14T09:12:44+02:00",
      },
      nameservers: ["ns1.example-dns.de", "ns2.example-dns.de"],
      delegationSigned: undefined,
      truncated: [],
    });
    expect(lab.queries().at(-1)).toBe("-T dn,ace example-brand.de");
  });

  it("refuses an answer about another domain", async () => {
    lab.setAnswer("-T dn,ace other.de", await text("denic-de.txt"));
    const result = await observer().lookup("other.de");
    expect(result.kind === "unavailable" && result.reason).toMatch(
      /answered about another domain \(example-brand\.de\)/,
    );
  });

  it("says not registered when the format's no-such-domain answer comes", async () => {
    expect(await observer().lookup("nobody-has-this.de")).toMatchObject({ kind: "not-registered" });
  });

  it("knows only the TLDs of the table", async () => {
    const o = observer();
    expect(o.serves("example.de")).toBe(true);
    expect(o.serves("example.fr")).toBe(false);
    expect(await o.lookup("example.fr")).toMatchObject({ kind: "unavailable" });
  });

  it("refuses a non-public server address unless a lab allows it", async () => {
    const before = lab.queries().length;
    const result = await observer({ allowNonPublic: false }).lookup("example-brand.de");
    expect(result.kind).toBe("unavailable");
    expect(result.kind === "unavailable" && result.reason).toMatch(
      /has no address we may use \(.*loopback/,
    );
    expect(lab.queries().length).toBe(before);
  });

  it("stops reading an answer larger than the byte bound", async () => {
    lab.setFault({ kind: "oversized", bytes: 1024 * 1024 });
    const result = await observer().lookup("example-brand.de");
    expect(result.kind === "unavailable" && result.reason).toMatch(/larger than 262144 bytes/);
  });

  it("gives up on a silent server after the time bound, once per attempt", async () => {
    lab.setFault({ kind: "silent" });
    const before = lab.queries().length;
    const result = await observer({ timeoutMs: 200, maxAttempts: 2 }).lookup("example-brand.de");
    expect(result.kind === "unavailable" && result.reason).toMatch(
      /no complete answer from WHOIS 127\.0\.0\.1:\d+ within 200 ms \(after 2 attempts\)/,
    );
    expect(lab.queries().length - before).toBe(2);
  });

  it("reports a rate-limit refusal as unavailable, not as a record", async () => {
    lab.setFault({
      kind: "refuse",
      text: "% Error: 55000000002 Connection refused; access control limit reached.\n",
    });
    const result = await observer().lookup("example-brand.de");
    expect(result.kind === "unavailable" && result.reason).toMatch(/over its rate limit/);
  });

  it("spaces queries to one host by its rate and gives up on those queued past the wait bound", async () => {
    // A clock that never waits: it records how long each query would have waited.
    let now = 0;
    const waits: number[] = [];
    const clock: WhoisClock = {
      now: () => now,
      sleep: async (ms) => {
        waits.push(ms);
        now += ms;
        return true;
      },
    };
    const o = observer({
      clock,
      maxWaitPerHostSeconds: 10,
      servers: deServer(12),
    });
    const results = [];
    for (const name of ["a", "b", "c", "d"]) results.push(await o.lookup(`${name}.de`));
    // 12 a minute: one every 5 s; the fourth would go out 15 s after the start, past the 10 s bound.
    expect(waits).toEqual([5_000, 5_000]);
    expect(results.map((r) => r.kind)).toEqual([
      "not-registered",
      "not-registered",
      "not-registered",
      "unavailable",
    ]);
    expect(results[3]?.kind === "unavailable" && results[3].reason).toMatch(
      /allows 12 queries a minute, and its queue is longer than the 10 s this run waits for one host; not asked/,
    );
  });
});
