// Concurrent walks share the lookups in flight (a name server's address, a referral under the same
// label). Each walk has its own deadline and query budget: when the walk that led a shared lookup
// runs out of its own, the walks that joined it must look again on their own account, not report
// the other walk's limit as theirs. The real walker over real sockets on loopback, against lab
// servers that drop what the first walk asks.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { a, ns, zone } from "../../../src/lab/dns-records.js";
import { type LabDns, startLabDns } from "../../../src/lab/dns-world.js";
import { hostAddress } from "../../../src/lab/loopback.js";
import type { DelegationWalker } from "../../../src/observe/dns/index.js";
import { rootAndCom, zoneServedBy } from "../../adversarial/support/lab-tree.js";
import { delegated, labWalker, nameserver } from "../../support/lab-walker.js";

/** Not glued in com: its address is looked up under hosting.com, whose server drops it at first. */
const HOST_NS = "dns.hosting.com";
/** Glued: served by host 5, for the referral case. */
const DEEP_NS = "ns.deep-hosting.com";
/**
 * The first walk's deadline falls before its dropped question times out, so the shared lookup it
 * leads fails on its limit; the second walk starts `SECOND_WALK_AFTER_MS` later and has that much
 * of its own time left when the lookup fails.
 */
const TIMEOUT_MS = 4000;
const DEADLINE_MS = 3000;
const SECOND_WALK_AFTER_MS = 2000;
/** Ample time for a walk to go from com's answer to the lookup it joins (no query between). */
const JOIN_MS = 200;

let lab: LabDns;

beforeAll(async () => {
  lab = await startLabDns(
    ({ host }) => ({
      servers: [
        ...rootAndCom(host, [
          ns("hosting.com", "ns.hosting.com"),
          a("ns.hosting.com", host(3)),
          ns("first.com", HOST_NS),
          ns("second.com", HOST_NS),
          // deep.com's servers answer for first.deep.com and second.deep.com.
          ns("deep.com", DEEP_NS),
          ns("deep-hosting.com", DEEP_NS),
          a(DEEP_NS, host(5)),
        ]),
        {
          name: "hosting",
          host: 3,
          zones: [
            zone("hosting.com", [
              ns("hosting.com", "ns.hosting.com"),
              a("ns.hosting.com", host(3)),
              a(HOST_NS, host(4)),
            ]),
          ],
        },
        {
          name: "hosted",
          host: 4,
          zones: [zoneServedBy("first.com", [HOST_NS]), zoneServedBy("second.com", [HOST_NS])],
        },
        {
          name: "deep",
          host: 5,
          zones: [
            zone("deep.com", [
              ns("deep.com", DEEP_NS),
              ns("first.deep.com", DEEP_NS),
              ns("second.deep.com", DEEP_NS),
            ]),
            zone("deep-hosting.com", [ns("deep-hosting.com", DEEP_NS), a(DEEP_NS, host(5))]),
            zoneServedBy("first.deep.com", [DEEP_NS]),
            zoneServedBy("second.deep.com", [DEEP_NS]),
          ],
        },
      ],
    }),
    { logQueries: true },
  );
});

afterAll(async () => {
  await lab?.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 2000; i++) {
    if (condition()) return;
    await sleep(5);
  }
  throw new Error(`never happened: ${what}`);
}

function walker(): DelegationWalker {
  return labWalker(lab, { timeoutMs: TIMEOUT_MS, deadlineMs: DEADLINE_MS, ipv6: "off" });
}

const asked = (server: string, name: string, type: string) =>
  lab
    .server(server)
    .queryLog()
    .some((query) => query.name === name && query.type === type);

describe("a walk that joined another walk's lookup in flight", () => {
  it("looks up a name server's address again when the walk that led the lookup ran out of time", async () => {
    const hosting = lab.server("hosting");
    hosting.setFaults([{ fault: { kind: "drop" }, names: [HOST_NS], types: ["A"] }]);
    const dns = walker();
    try {
      const first = dns.walk("first.com");
      await until(() => asked("hosting", HOST_NS, "A"), "the first walk asks for the address");
      await sleep(SECOND_WALK_AFTER_MS);
      const second = dns.walk("second.com");
      // Once com has answered it, the second walk joins the first walk's lookup (waiting on the
      // dropped question) at once; a question asked after that is answered.
      await until(() => asked("com", "second.com", "NS"), "the second walk asks com");
      await sleep(JOIN_MS);
      hosting.setFaults([]);

      const firstServer = nameserver(await first, HOST_NS);
      expect(firstServer.addresses).toEqual({
        kind: "not-probed",
        reason: { kind: "walk-deadline", limitMs: DEADLINE_MS },
      });
      const secondServer = nameserver(await second, HOST_NS);
      expect(secondServer.addresses).toEqual({
        kind: "ok",
        source: "resolved",
        addresses: [hostAddress(lab.net, 4)],
      });
      expect(secondServer.probes.map((probe) => probe.answer.kind)).toEqual(["authoritative"]);
      expect(dns.stats().deduplicated, "the second walk joined the first walk's lookup").toBe(1);
    } finally {
      hosting.setFaults([]);
      await dns.close();
    }
  });

  it("asks for a referral again when the walk that led the question ran out of time", async () => {
    const com = lab.server("com");
    // Only the first walk's own question is dropped: the second walk's is answered.
    com.setFaults([{ fault: { kind: "drop" }, names: ["first.deep.com"], types: ["NS"] }]);
    const dns = walker();
    try {
      // Both walks need com's referral to deep.com (the parent of their domains): one question
      // in flight for both.
      const first = dns.walk("first.deep.com");
      await until(() => asked("com", "first.deep.com", "NS"), "the first walk asks com");
      await sleep(SECOND_WALK_AFTER_MS);
      const second = dns.walk("second.deep.com");

      const firstWalk = await first;
      expect(firstWalk).toMatchObject({
        kind: "failed",
        zone: "com",
        reason: `the walk reached its ${DEADLINE_MS / 1000} s deadline (a hostile or unresponsive zone?)`,
      });
      const secondWalk = delegated(await second);
      expect(secondWalk.parent.zone).toBe("deep.com");
      expect(nameserver(secondWalk, DEEP_NS).probes.map((probe) => probe.answer.kind)).toEqual([
        "authoritative",
      ]);
      expect(dns.stats().deduplicated, "the second walk joined the first walk's question").toBe(1);
    } finally {
      com.setFaults([]);
      await dns.close();
    }
  });
});
