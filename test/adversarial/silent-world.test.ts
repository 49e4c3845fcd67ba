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
      await batch(0);
      const afterFirst = comQueries();
      expect(afterFirst).toBeGreaterThan(0);

      const second = await batch(BATCH);
      // Nothing more was sent to com: every walk below it stopped at once ...
      expect(comQueries()).toBe(afterFirst);
      // ... with one shared reason that says why and what it means.
      const reasons = new Set(second.map((o) => (o.kind === "failed" ? o.reason : o.kind)));
      expect([...reasons]).toHaveLength(1);
      expect([...reasons][0]).toMatch(
        /^no server of com answers \(all 2 of its servers failed: timeout\); nothing below it is asked/,
      );
      expect(second.every((o) => o.kind === "failed" && o.zone === "com")).toBe(true);
    } finally {
      await walker.close();
    }
  });
});
