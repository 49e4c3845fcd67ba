// One RDAP host under load, as a registry such as Verisign is for a whole .com portfolio: the real
// observer against the lab RDAP server over loopback. Waits go through a clock the test drives, so
// a Retry-After costs no real time and nothing here asserts how long anything took.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import {
  type LabRdapDomain,
  type LabRdapServer,
  renderLabBootstrap,
  startLabRdapServer,
} from "../../../src/lab/rdap-server.js";
import {
  createRdapObserver,
  parseRdapBootstrap,
  type RdapBootstrap,
  type RdapClock,
  type RdapObserver,
  type RdapObserverOptions,
} from "../../../src/observe/rdap/index.js";

const DOMAIN: LabRdapDomain = {
  registrar: { ianaId: 292, name: "MarkMonitor Inc." },
  statuses: ["client transfer prohibited"],
  events: { registration: "2015-03-01T10:00:00Z", expiration: "2027-03-01T10:00:00Z" },
  nameservers: ["ns1.example.net", "ns2.example.net"],
};

let lab: LabRdapServer;
let bootstrap: RdapBootstrap;
beforeAll(async () => {
  lab = await startLabRdapServer();
  const parsed = parseRdapBootstrap(renderLabBootstrap({ com: lab.baseUrl }), "lab");
  if (!parsed.ok) throw new Error(parsed.message);
  bootstrap = parsed.bootstrap;
});
afterAll(() => lab.close());

const observers: RdapObserver[] = [];
afterEach(async () => {
  await Promise.all(observers.splice(0).map((o) => o.close()));
  lab.clearFaults();
  lab.setRateLimitEvery(0, 1);
  lab.resetCounters();
});

function observer(options: Partial<RdapObserverOptions> = {}): RdapObserver {
  const created = createRdapObserver({ bootstrap, userSupplied: true, ...options });
  observers.push(created);
  return created;
}

function portfolio(count: number, prefix: string): string[] {
  const names = Array.from({ length: count }, (_, i) => `${prefix}-${i}.com`);
  for (const name of names) lab.setDomain(name, DOMAIN);
  return names;
}

/** Time that moves only when the observer waits: every sleep returns at once, `ms` later. */
function virtualClock(): RdapClock & { readonly waits: number[] } {
  let now = 0;
  const waits: number[] = [];
  return {
    waits,
    now: () => now,
    async sleep(ms, signal) {
      if (signal.aborted) return false;
      waits.push(ms);
      now += ms;
      return true;
    },
  };
}

describe("a registry that sheds load with 429 and Retry-After", () => {
  it("answers every lookup of a long scan: the host's budget grows with its answers", async () => {
    // One request in four is refused with Retry-After 1 s: 20 s of waiting in all, far more than
    // the 2 s the host may impose before it has answered anything.
    const names = portfolio(60, "steady");
    lab.setRateLimitEvery(4, 1);
    const clock = virtualClock();
    const o = observer({ clock, maxWaitPerHostSeconds: 2, waitPerAnswerMs: 1_000 });
    const results = await Promise.all(names.map((name) => o.lookup(name)));
    expect(results.filter((r) => r.kind !== "registered")).toEqual([]);
    expect(clock.waits.length).toBeGreaterThan(0);
    expect(o.stats().retries).toBeGreaterThan(0);
  });

  it("holds every request to the host during a Retry-After, not only the refused one", async () => {
    lab.setDomain("first.com", DOMAIN);
    lab.setDomain("second.com", DOMAIN);
    lab.addFault("first.com", { kind: "rate-limit", retryAfter: "5" }, 1);
    let release: (() => void) | undefined;
    let now = 0;
    const clock: RdapClock = {
      now: () => now,
      sleep: (ms) =>
        new Promise((resolve) => {
          release = () => {
            now += ms;
            resolve(true);
          };
        }),
    };
    const o = observer({ clock });
    const first = o.lookup("first.com");
    await vi.waitFor(() => expect(release).toBeDefined());
    const second = o.lookup("second.com");
    // Time for the second request to reach the server if nothing held it back.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(lab.counters().byPath.get("/domain/second.com")).toBeUndefined();
    release?.();
    expect((await first).kind).toBe("registered");
    expect((await second).kind).toBe("registered");
    expect(lab.counters().byPath.get("/domain/second.com")).toBe(1);
  });

  it("does not count our own queue: one request at a time, every lookup still answered within its timeout", async () => {
    const names = portfolio(8, "queued");
    lab.addFault("*", { kind: "delay", ms: 100 });
    // Eight lookups of 100 ms each behind one another: the last waits 700 ms in our queue, more
    // than the 300 ms a request may take.
    const o = observer({ perHostConcurrency: 1, timeoutMs: 300 });
    const results = await Promise.all(names.map((name) => o.lookup(name)));
    expect(results.filter((r) => r.kind !== "registered")).toEqual([]);
    expect(lab.counters().maxInFlight).toBe(1);
  });

  it("stops a host that only asks us to wait: the rest is not checked, with the reason, and the wait is bounded", async () => {
    const answered = portfolio(10, "before");
    const clock = virtualClock();
    const o = observer({ clock, maxWaitPerHostSeconds: 30, waitPerAnswerMs: 1_000 });
    for (const name of answered) expect((await o.lookup(name)).kind).toBe("registered");
    lab.addFault("*", { kind: "rate-limit", retryAfter: "20" });
    const refused = portfolio(50, "after");
    const results = await Promise.all(refused.map((name) => o.lookup(name)));
    for (const result of results) {
      expect(result.kind).toBe("unavailable");
      expect(result.kind === "unavailable" && result.reason).toMatch(
        /has kept this run waiting as long as we wait for one host \(30 s, and 1 s more per answer it gave: 40 s after 10 answers\); its remaining domains are not checked/,
      );
    }
    // 30 s, and 1 s for each of the 10 answers: two 20 s pauses fit, a third does not.
    expect(clock.waits.reduce((sum, ms) => sum + ms, 0)).toBeLessThanOrEqual(40_000);
    // Once spent, the budget stays spent: no request is sent for the remaining domains.
    const before = lab.counters().total;
    const late = await o.lookup(portfolio(1, "late")[0] as string);
    expect(late.kind === "unavailable" && late.reason).toMatch(/remaining domains are not checked/);
    expect(lab.counters().total).toBe(before);
  });
});
