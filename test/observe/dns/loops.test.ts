// Delegations that cannot be resolved by construction: a name server that needs its own address,
// two zones whose servers live in each other, and a chain of glueless delegations deeper than the
// lookup depth limit. Each must end as a value (and concurrent walks must not deadlock), and the
// in-flight limits must hold.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { a, ns, zone } from "../../../src/lab/dns-records.js";
import { type LabDns, startLabDns } from "../../../src/lab/dns-world.js";
import type { ZoneRecord } from "../../../src/lab/zone.js";
import { labWalker, nameserver } from "../../support/lab-walker.js";
import { standardWorld } from "./support/worlds.js";

const CHAIN = 10;

describe("lookup loops and depth", () => {
  let lab: LabDns;

  beforeAll(async () => {
    lab = await startLabDns(({ host }) => {
      const chain: ZoneRecord[] = [];
      // z0 is served by ns.z1, z1 by ns.z2, ... only the last has glue.
      for (let i = 0; i < CHAIN; i++) chain.push(ns(`z${i}.example`, `ns.z${i + 1}.example`));
      chain.push(
        ns(`z${CHAIN}.example`, `ns.z${CHAIN}.example`),
        a(`ns.z${CHAIN}.example`, host(5)),
      );
      const root = zone(".", [
        ns(".", "a.root.lab"),
        a("a.root.lab", host(1)),
        // Needs its own address, and the parent gives no glue.
        ns("selfish.example", "ns1.selfish.example"),
        // Each zone's only server lives in the other zone.
        ns("left.example", "ns.right.example"),
        ns("right.example", "ns.left.example"),
        ...chain,
      ]);
      const chainZones = Array.from({ length: CHAIN + 1 }, (_, i) =>
        zone(`z${i}.example`, [
          ns(`z${i}.example`, `ns.z${i + 1}.example`),
          a(`ns.z${i}.example`, host(5)),
        ]),
      );
      return {
        servers: [
          { name: "root", host: 1, zones: [root] },
          { name: "everything", host: 5, zones: chainZones },
        ],
      };
    });
  });

  afterAll(async () => {
    await lab?.close();
  });

  it("a name server inside its own zone without glue: a loop, reported as a value", async () => {
    const walker = labWalker(lab, { timeoutMs: 1000 });
    const observation = await walker.walk("selfish.example");
    const ns1 = nameserver(observation, "ns1.selfish.example");
    expect(ns1.addresses.kind).toBe("failed");
    expect(ns1.addresses.kind === "failed" && ns1.addresses.reason).toMatch(
      /resolving ns1\.selfish\.example depends on itself/,
    );
    await walker.close();
  });

  it("two zones served from each other, walked concurrently: no deadlock, both fail as values", async () => {
    const walker = labWalker(lab, { timeoutMs: 1000 });
    const [left, right] = await Promise.all([
      walker.walk("left.example"),
      walker.walk("right.example"),
    ]);
    expect(nameserver(left, "ns.right.example").addresses.kind).toBe("failed");
    expect(nameserver(right, "ns.left.example").addresses.kind).toBe("failed");
    await walker.close();
  });

  it("a chain of glueless delegations deeper than the limit stops at depth 8", async () => {
    const walker = labWalker(lab, { timeoutMs: 1000 });
    const observation = await walker.walk("z0.example");
    const first = nameserver(observation, "ns.z1.example");
    expect(first.addresses.kind).toBe("failed");
    expect(JSON.stringify(first.addresses)).toMatch(/nested more than 8 deep/);
    // A short chain resolves: z8's server is ns.z9, whose zone z9 is served by ns.z10 (glue).
    const short = await walker.walk("z8.example");
    expect(nameserver(short, "ns.z9.example").addresses).toEqual({
      kind: "ok",
      source: "resolved",
      addresses: [`${lab.net.prefix}.5`],
    });
    await walker.close();
  });
});

describe("in-flight limits", () => {
  let lab: LabDns;

  beforeAll(async () => {
    lab = await startLabDns(standardWorld({ customers: 40 }));
  });

  afterAll(async () => {
    await lab?.close();
  });

  it("never has more queries in flight than `concurrency`", async () => {
    const walker = labWalker(lab, { concurrency: 3 });
    const observations = await Promise.all(
      Array.from({ length: 40 }, (_, i) => walker.walk(`d${i}.com`)),
    );
    expect(observations.every((o) => o.kind === "delegated")).toBe(true);
    expect(walker.stats().peakInFlight).toBe(3);
    await walker.close();
  });

  it("queues queries to one server beyond `perServerConcurrency`", async () => {
    const slow = lab.server("provider-1");
    // d0, d5, d6, d7 and d8 all use ns1.provider.net (provider-1); warm the caches first.
    const walker = labWalker(lab, { perServerConcurrency: 1 });
    await walker.walk("d0.com");
    slow.setLatency(100);
    try {
      const started = performance.now();
      await Promise.all(
        ["d0.com", "d5.com", "d6.com", "d7.com", "d8.com"].map((d) => walker.walk(d)),
      );
      // Five probes of provider-1, one at a time, 100 ms each.
      expect(performance.now() - started).toBeGreaterThanOrEqual(490);
    } finally {
      slow.setLatency(0);
      await walker.close();
    }
  });
});
