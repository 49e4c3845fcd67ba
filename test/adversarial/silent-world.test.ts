// The circuit breaker of the adversarial review ("a world where nothing answers costs ~4.5 s per
// 64 domains"): when every server of a TLD fails without a reply, the walks below it stop and share
// one reason, instead of each domain timing out on its own. Counted in queries, not seconds.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LabDns, startLabDns } from "../../src/lab/dns-world.js";
import { standardWorld } from "../observe/dns/support/worlds.js";
import { labWalker } from "../support/lab-walker.js";

const DROP = [{ fault: { kind: "drop" } }] as const;
const BATCH = 8;

let lab: LabDns;

beforeAll(async () => {
  // com's two servers never answer.
  lab = await startLabDns(standardWorld({ faults: { "gtld-a": DROP, "gtld-b": DROP } }));
});

afterAll(async () => {
  await lab?.close();
});

const comQueries = () => lab.server("gtld-a").received + lab.server("gtld-b").received;

describe("circuit breaker", () => {
  it("circuit breaker: when every server of a TLD fails, the walks below it stop and say so once", async () => {
    const walker = labWalker(lab, { timeoutMs: 300 });
    try {
      const batch = (from: number) =>
        Promise.all(Array.from({ length: BATCH }, (_, i) => walker.walk(`d${from + i}.com`)));
      // The zone must stay silent for twice the query timeout before it is taken as down: the
      // walks of the first batches still ask, and find out.
      let from = 0;
      let before = -1;
      while (comQueries() !== before && from < 6 * BATCH) {
        before = comQueries();
        await batch(from);
        from += BATCH;
      }
      expect(comQueries()).toBeGreaterThan(0);
      // A few batches found it down (each of the 2 servers asked once per walk at most) ...
      expect(comQueries()).toBeLessThan((from / BATCH) * BATCH * 2);
      const stopped = comQueries();
      const next = await batch(from);
      // ... and nothing more is sent to com: every walk below it stops at once ...
      expect(comQueries()).toBe(stopped);
      // ... with one shared reason that says why and what it means.
      const reasons = new Set(next.map((o) => (o.kind === "failed" ? o.reason : o.kind)));
      expect([...reasons]).toHaveLength(1);
      expect([...reasons][0]).toMatch(
        /^no server of com answers \(all 2 of its servers failed: timeout\); nothing below it is asked/,
      );
      expect(next.every((o) => o.kind === "failed" && o.zone === "com")).toBe(true);
    } finally {
      await walker.close();
    }
  });
});

describe("no outage for a burst of lost packets", () => {
  // Both com servers lose every query for the first four domains (a burst of drops at one moment,
  // as a starved host or a congested link makes), and answer everything else.
  const lost = ["d0.com", "d1.com", "d2.com", "d3.com"];
  let bursty: LabDns;
  beforeAll(async () => {
    const drop = [{ fault: { kind: "drop" }, names: lost }] as const;
    bursty = await startLabDns(
      standardWorld({ customers: 12, faults: { "gtld-a": drop, "gtld-b": drop } }),
    );
  });
  afterAll(async () => {
    await bursty?.close();
  });

  it("timeouts noticed together do not turn the domains walked next unknown", async () => {
    const walker = labWalker(bursty, { timeoutMs: 300 });
    try {
      const first = await Promise.all(lost.map((name) => walker.walk(name)));
      // Every server of com failed for each of these, at about one moment ...
      expect(first.every((o) => o.kind === "failed")).toBe(true);
      // ... which is not an outage: the next domains are asked, and answered.
      const next = await Promise.all(
        Array.from({ length: 8 }, (_, i) => walker.walk(`d${4 + i}.com`)),
      );
      expect(next.map((o) => o.kind)).toEqual(Array(8).fill("delegated"));
    } finally {
      await walker.close();
    }
  });
});
