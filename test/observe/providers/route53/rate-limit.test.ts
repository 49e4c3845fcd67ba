// The client-side limit keeps a large scan inside Route 53's per-account request quota, per API.
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { EmulatedAccount } from "../../../../src/lab/aws-emulator.js";
import { useAwsLab, useEnvironmentCredentials } from "./aws-lab.js";

const lab = useAwsLab();
let account: EmulatedAccount;

beforeAll(() => {
  const created = lab.account();
  account = created.account;
  useEnvironmentCredentials(created.key);
  for (let i = 0; i < 11; i++) account.registerDomain({ name: `d${i}.example` });
  account.addHostedZone({ name: "z.example" });
});

/**
 * The shortest gap between a request and the one `limit` places before it. A limit of 5 per
 * second sends them at least 1000 ms apart; arrival adds jitter on a busy machine, so the tests
 * allow 300 ms of it. Only lower bounds on time are asserted: load can slow a run, never speed it.
 */
function shortestGap(times: readonly number[], limit: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let shortest = Number.POSITIVE_INFINITY;
  for (let i = limit; i < sorted.length; i++) {
    shortest = Math.min(shortest, (sorted[i] ?? 0) - (sorted[i - limit] ?? 0));
  }
  return shortest;
}

describe("client-side rate limit", () => {
  it("holds each API to requestsPerSecond", async () => {
    lab.emulator.resetCounters();
    const observer = lab.observer({ requestsPerSecond: 5 });
    const started = Date.now();
    const domains = Promise.all(
      Array.from({ length: 11 }, (_, i) => observer.registration(`d${i}.example`, undefined)),
    );
    const zones = await observer.hostedZones("z.example", undefined);
    const registrations = await domains;
    const elapsed = Date.now() - started;

    expect(zones.kind).toBe("found");
    expect(registrations.every((r) => r.kind === "registered")).toBe(true);
    const domainCalls = lab.emulator.requestLog
      .filter((r) => r.operation === "ListDomains" || r.operation === "GetDomainDetail")
      .map((r) => r.at);
    expect(domainCalls).toHaveLength(12);
    expect(shortestGap(domainCalls, 5)).toBeGreaterThanOrEqual(700);
    expect(elapsed).toBeGreaterThanOrEqual(1900);
  });

  it("keeps Route 53 calls out of the queue of Route 53 Domains calls", async () => {
    lab.emulator.resetCounters();
    // One request a second per API: the twelve domain calls queue for eleven seconds.
    const observer = lab.observer({ requestsPerSecond: 1 });
    const domainCalls = () =>
      lab.emulator.requestLog.filter(
        (r) => r.operation === "ListDomains" || r.operation === "GetDomainDetail",
      ).length;
    const registrations = Array.from({ length: 11 }, (_, i) =>
      observer.registration(`d${i}.example`, undefined),
    );
    await vi.waitFor(() => expect(domainCalls()).toBe(2), { timeout: 20_000 });
    const zones = await observer.hostedZones("z.example", undefined);
    expect(zones.kind).toBe("found");
    // Behind the domain calls, the zone lookup would have waited for all twelve.
    expect(domainCalls()).toBeLessThan(12);
    await observer.close();
    await Promise.all(registrations);
  });
});
