// The query budget: 1,000 .com domains, each on four of a provider's eight shared name servers,
// walked concurrently. Referrals and name-server addresses are cached and shared in flight, so
// the cost per domain is one com query plus one query per server address, and the root hears
// about com exactly once.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LabDns, startLabDns } from "../../../src/lab/dns-world.js";
import { delegated, labWalker } from "../../support/lab-walker.js";
import { providerSet, standardWorld } from "./support/worlds.js";

const DOMAINS = 1000;
let lab: LabDns;

beforeAll(async () => {
  lab = await startLabDns(standardWorld({ customers: DOMAINS }), { logQueries: true });
});

afterAll(async () => {
  await lab?.close();
});

describe("query counter", () => {
  it("stays within 1 + addresses queried + 0.05 queries per domain", async () => {
    const walker = labWalker(lab, { concurrency: 256 });
    const domains = Array.from({ length: DOMAINS }, (_, i) => `d${i}.com`);
    const observations = await Promise.all(domains.map((domain) => walker.walk(domain)));

    let addressesQueried = 0;
    for (const [i, observation] of observations.entries()) {
      const walked = delegated(observation);
      expect(walked.parent.ns).toEqual([...providerSet(i)].sort());
      for (const ns of walked.nameservers) {
        expect(ns.probes.map((probe) => probe.answer.kind)).toEqual(["authoritative"]);
        addressesQueried += ns.probes.length;
      }
    }
    const stats = walker.stats();
    expect(addressesQueried).toBe(4 * DOMAINS);
    expect(stats.queries / DOMAINS).toBeLessThanOrEqual(1 + addressesQueried / DOMAINS + 0.05);
    // What the servers received agrees with what the walker counted.
    expect(lab.received()).toBe(stats.queries);
    // The per-walk counts add up to the total: shared lookups are counted once, by their leader.
    expect(observations.reduce((sum, o) => sum + o.stats.queries, 0)).toBe(stats.queries);
    expect(stats.deduplicated).toBeGreaterThan(0);
    expect(stats.timeouts).toBe(0);

    const rootLog = [...lab.server("root-a").queryLog(), ...lab.server("root-b").queryLog()];
    expect(rootLog.filter((q) => q.name.endsWith(".com") || q.name === "com")).toHaveLength(1);
    // And about net once, for the provider's name servers.
    expect(rootLog.filter((q) => q.name.endsWith(".net"))).toHaveLength(1);
    expect(rootLog).toHaveLength(2);
    // Each provider name server address was resolved once, not once per domain.
    const providerAddressQueries = [...lab.servers.entries()]
      .filter(([name]) => name.startsWith("provider-"))
      .flatMap(([, server]) => server.queryLog())
      .filter((q) => q.type === "A");
    expect(providerAddressQueries).toHaveLength(8);
    await walker.close();
  });
});
