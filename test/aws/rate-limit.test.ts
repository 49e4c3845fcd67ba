// The client-side limit keeps a large scan inside Route 53's per-account request quota, per API.
import { beforeAll, describe, expect, it } from "vitest";
import type { EmulatedAccount } from "../../src/lab/aws-emulator.js";
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

/** The most requests that arrived within any `windowMs`. */
function peak(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while ((sorted[i] ?? 0) - (sorted[j] ?? 0) >= windowMs) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

describe("client-side rate limit", () => {
  it("holds each API to requestsPerSecond, without one API delaying the other", async () => {
    lab.emulator.resetCounters();
    const observer = lab.observer({ requestsPerSecond: 5 });
    const started = Date.now();
    const domains = Promise.all(
      Array.from({ length: 11 }, (_, i) => observer.registration(`d${i}.example`, undefined)),
    );
    const zones = await observer.hostedZones("z.example", undefined);
    const zonesDone = Date.now() - started;
    const registrations = await domains;
    const elapsed = Date.now() - started;

    expect(zones.kind).toBe("found");
    expect(registrations.every((r) => r.kind === "registered")).toBe(true);
    const domainCalls = lab.emulator.requestLog
      .filter((r) => r.operation === "ListDomains" || r.operation === "GetDomainDetail")
      .map((r) => r.at);
    expect(domainCalls).toHaveLength(12);
    // Arrival times jitter by a few milliseconds; a 900 ms window still must not hold 6.
    expect(peak(domainCalls, 900)).toBeLessThanOrEqual(5);
    expect(elapsed).toBeGreaterThanOrEqual(1900);
    expect(zonesDone).toBeLessThan(900);
  });
});
