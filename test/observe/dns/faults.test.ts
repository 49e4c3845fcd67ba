// Every fault the lab server can inject, against the walker: the classification it must produce,
// and that the walk still completes (nothing throws). Faults are limited to the query name
// example.com on provider-1 (ns1.provider.net), so resolving the provider's addresses is unaffected.

import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { DnsFault } from "../../../src/lab/dns-server.js";
import { type LabDns, startLabDns } from "../../../src/lab/dns-world.js";
import type { ServerAnswer } from "../../../src/observe/dns/types.js";
import { MAX_TCP_REPLY_BYTES, MAX_UDP_REPLY_BYTES } from "../../../src/observe/dns/wire.js";
import { delegated, labWalker, onlyProbe } from "../../support/lab-walker.js";
import { standardWorld } from "./support/worlds.js";

let lab: LabDns;

beforeAll(async () => {
  lab = await startLabDns(standardWorld());
});

afterEach(() => {
  for (const server of lab.servers.values()) server.setFaults([]);
});

afterAll(async () => {
  await lab?.close();
});

/** Short enough for a quick test, long enough for a loaded CI machine to answer in time. */
const SHORT_TIMEOUT = 800;

async function probeWith(fault: DnsFault, timeoutMs = 5000) {
  lab.server("provider-1").setFaults([{ fault, names: ["example.com"] }]);
  const walker = labWalker(lab, { timeoutMs });
  // example.com has a DS record; its DNSKEY query would meet the same fault and count twice.
  const observation = await walker.walk("example.com", { dnssec: "never" });
  const probe = onlyProbe(observation, "ns1.provider.net");
  // The other three servers are unaffected.
  for (const ns of delegated(observation).nameservers.slice(1)) {
    expect(ns.probes[0]?.answer.kind).toBe("authoritative");
  }
  const stats = walker.stats();
  await walker.close();
  return { probe, stats };
}

const AUTHORITATIVE: ServerAnswer = {
  kind: "authoritative",
  ns: ["ns1.provider.net", "ns2.provider.net", "ns3.provider.net", "ns4.provider.net"],
};

describe("faults of a delegated server", () => {
  it("delay below the timeout: answered, and the RTT shows it", async () => {
    const { probe } = await probeWith({ kind: "delay", ms: 150 });
    expect(probe.answer).toEqual(AUTHORITATIVE);
    expect(probe.rttMs).toBeGreaterThanOrEqual(140);
  });

  it("delay beyond the timeout: timeout", async () => {
    const { probe, stats } = await probeWith({ kind: "delay", ms: 5000 }, SHORT_TIMEOUT);
    expect(probe).toEqual({
      address: `${lab.net.prefix}.31`,
      answer: { kind: "timeout" },
      transport: "udp",
    });
    expect(stats.timeouts).toBe(1);
  });

  it("drop: timeout", async () => {
    const { probe } = await probeWith({ kind: "drop" }, SHORT_TIMEOUT);
    expect(probe.answer).toEqual({ kind: "timeout" });
  });

  it("REFUSED", async () => {
    expect((await probeWith({ kind: "refused" })).probe.answer).toEqual({ kind: "refused" });
  });

  it("SERVFAIL", async () => {
    expect((await probeWith({ kind: "servfail" })).probe.answer).toEqual({ kind: "servfail" });
  });

  it("no AA: not authoritative", async () => {
    expect((await probeWith({ kind: "no-aa" })).probe.answer).toEqual({
      kind: "not-authoritative",
      detail: "no-aa",
    });
  });

  it("a referral to the root: upward referral", async () => {
    expect((await probeWith({ kind: "upward-referral" })).probe.answer).toEqual({
      kind: "not-authoritative",
      detail: "upward-referral",
    });
  });

  it("a referral to an unrelated zone: sideways referral", async () => {
    const fault: DnsFault = {
      kind: "sideways-referral",
      zone: "elsewhere.org",
      servers: ["ns.elsewhere.org"],
    };
    expect((await probeWith(fault)).probe.answer).toEqual({
      kind: "not-authoritative",
      detail: "sideways-referral",
    });
  });

  it("truncation: the walker retries over TCP and gets the answer (split across TCP segments)", async () => {
    const { probe, stats } = await probeWith({ kind: "truncate" });
    expect(probe.answer).toEqual(AUTHORITATIVE);
    expect(probe.transport).toBe("tcp");
    expect(stats.truncated).toBe(1);
    expect(stats.tcp).toBe(1);
  });

  it("TCP reset after truncation: unreachable", async () => {
    lab.server("provider-1").setFaults([
      { fault: { kind: "truncate" }, names: ["example.com"] },
      { fault: { kind: "tcp-reset" }, names: ["example.com"] },
    ]);
    const walker = labWalker(lab);
    const probe = onlyProbe(await walker.walk("example.com"), "ns1.provider.net");
    expect(probe).toEqual({
      address: `${lab.net.prefix}.31`,
      answer: { kind: "unreachable", detail: "TCP connection reset" },
      transport: "tcp",
    });
    await walker.close();
  });

  it("wrong ID, then the real answer: the decoy is ignored and the answer accepted", async () => {
    const { probe, stats } = await probeWith({ kind: "wrong-id", answerAfterMs: 100 });
    expect(probe.answer).toEqual(AUTHORITATIVE);
    expect(probe.rttMs).toBeGreaterThanOrEqual(90);
    expect(stats.ignored).toBe(1);
  });

  it("wrong ID only: ignored, then timeout", async () => {
    const { probe, stats } = await probeWith({ kind: "wrong-id" }, SHORT_TIMEOUT);
    expect(probe.answer).toEqual({ kind: "timeout" });
    expect(stats.ignored).toBe(1);
  });

  it("wrong question, then the real answer: accepted", async () => {
    const { probe, stats } = await probeWith({ kind: "wrong-question", answerAfterMs: 100 });
    expect(probe.answer).toEqual(AUTHORITATIVE);
    expect(stats.ignored).toBe(1);
  });

  it("wrong question only: ignored, then timeout", async () => {
    const { probe, stats } = await probeWith({ kind: "wrong-question" }, SHORT_TIMEOUT);
    expect(probe.answer).toEqual({ kind: "timeout" });
    expect(stats.ignored).toBe(1);
  });

  it("a reply from another address, then the real one: only the real one counts", async () => {
    const { probe } = await probeWith({ kind: "other-source", answerAfterMs: 100 });
    expect(probe.answer).toEqual(AUTHORITATIVE);
    expect(probe.rttMs).toBeGreaterThanOrEqual(90);
  });

  it("a reply from another address only: timeout (the connected socket never sees it)", async () => {
    const { probe } = await probeWith({ kind: "other-source" }, SHORT_TIMEOUT);
    expect(probe.answer).toEqual({ kind: "timeout" });
  });

  it("malformed bytes: malformed", async () => {
    const { probe, stats } = await probeWith({ kind: "malformed" });
    expect(probe.answer.kind).toBe("malformed");
    expect(probe.answer.kind === "malformed" && probe.answer.detail).toMatch(
      /pointer|name|overflow/i,
    );
    expect(stats.malformed).toBe(1);
  });

  it(`a UDP reply up to ${MAX_UDP_REPLY_BYTES} bytes is read; a longer one is malformed, undecoded`, async () => {
    const fits = await probeWith({ kind: "oversized", bytes: MAX_UDP_REPLY_BYTES });
    expect(fits.probe.answer).toEqual(AUTHORITATIVE);
    const { probe, stats } = await probeWith({ kind: "oversized", bytes: 60_000 });
    expect(probe).toMatchObject({
      answer: {
        kind: "malformed",
        detail: `reply of 60000 bytes, over the ${MAX_UDP_REPLY_BYTES}-byte limit`,
      },
      transport: "udp",
    });
    expect(stats.malformed).toBe(1);
  });

  it(`after TC, a TCP reply up to ${MAX_TCP_REPLY_BYTES} bytes is read; a longer one is malformed, undecoded`, async () => {
    const tcpOnly = async (bytes: number) => {
      lab.server("provider-1").setFaults([
        { fault: { kind: "truncate" }, names: ["example.com"] },
        { fault: { kind: "oversized", bytes }, names: ["example.com"] },
      ]);
      const walker = labWalker(lab);
      const probe = onlyProbe(await walker.walk("example.com"), "ns1.provider.net");
      await walker.close();
      return probe;
    };
    expect(await tcpOnly(MAX_TCP_REPLY_BYTES)).toMatchObject({
      answer: AUTHORITATIVE,
      transport: "tcp",
    });
    expect(await tcpOnly(65_535)).toMatchObject({
      answer: {
        kind: "malformed",
        detail: `TCP reply of 65535 bytes, over the ${MAX_TCP_REPLY_BYTES}-byte limit`,
      },
      transport: "tcp",
    });
  });
});

describe("faults of parent servers", () => {
  it("a silent parent server: the walker tries the next one", async () => {
    lab.server("gtld-a").setFaults([{ fault: { kind: "drop" }, names: ["example.com"] }]);
    lab.server("gtld-b").setFaults([{ fault: { kind: "drop" }, names: ["inzone.com"] }]);
    const walker = labWalker(lab, { timeoutMs: SHORT_TIMEOUT });
    const first = delegated(await walker.walk("example.com"));
    const second = delegated(await walker.walk("inzone.com"));
    // Rotation: example.com asks gtld-a first (silent), inzone.com asks gtld-b first (silent).
    expect(first.parent.respondent.name).toBe("b.gtld-servers.net");
    expect(second.parent.respondent.name).toBe("a.gtld-servers.net");
    expect(walker.stats().timeouts).toBe(2);
    await walker.close();
  });

  it("a lame parent server (upward referral) is skipped like a silent one", async () => {
    lab
      .server("gtld-a")
      .setFaults([{ fault: { kind: "upward-referral" }, names: ["example.com"] }]);
    const walker = labWalker(lab);
    expect(delegated(await walker.walk("example.com")).parent.respondent.name).toBe(
      "b.gtld-servers.net",
    );
    await walker.close();
  });

  it("no parent server answers: failed, naming each server and what it did", async () => {
    lab.server("gtld-a").setFaults([{ fault: { kind: "servfail" }, names: ["example.com"] }]);
    lab.server("gtld-b").setFaults([{ fault: { kind: "refused" }, names: ["example.com"] }]);
    const walker = labWalker(lab);
    const observation = await walker.walk("example.com");
    expect(observation.kind).toBe("failed");
    if (observation.kind !== "failed") return;
    expect(observation.zone).toBe("com");
    expect(observation.reason).toContain(`a.gtld-servers.net (${lab.net.prefix}.10): SERVFAIL`);
    expect(observation.reason).toContain(`b.gtld-servers.net (${lab.net.prefix}.11): REFUSED`);
    await walker.close();
  });

  it("retries are bounded by maxServersPerZone", async () => {
    lab.server("gtld-a").setFaults([{ fault: { kind: "servfail" }, names: ["example.com"] }]);
    lab.server("gtld-b").setFaults([{ fault: { kind: "servfail" }, names: ["example.com"] }]);
    const walker = labWalker(lab, { maxServersPerZone: 1 });
    const before = lab.server("gtld-a").received + lab.server("gtld-b").received;
    const observation = await walker.walk("example.com");
    const after = lab.server("gtld-a").received + lab.server("gtld-b").received;
    expect(observation.kind).toBe("failed");
    // The com referral from the root is not a com query; net (for nothing here) neither.
    expect(after - before).toBe(1);
    await walker.close();
  });
});
