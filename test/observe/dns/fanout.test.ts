// A hostile zone that fans out (NXNSAttack): every referral names three glueless name servers in
// fresh zones, whose servers are three more glueless names, and so on. Depth and tries bound each
// branch; only the per-walk query budget bounds the whole tree, and only the per-walk deadline
// bounds its time when the tree ends in servers that never answer. Loopback only.

import { createSocket, type Socket } from "node:dgram";
import dnsPacket from "dns-packet";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hostAddress, type LoopbackNet, onFreeLoopbackNet } from "../../../src/lab/loopback.js";
import { createDelegationWalker, type WalkerOptions } from "../../../src/observe/dns/index.js";
import { MAX_QUERIES_PER_WALK } from "../../../src/observe/dns/iterative.js";

const DELEGATED = 20;
const FANOUT = 3;
/** In the silent tree, glueless levels below each delegated name before the servers that never answer. */
const GLUELESS_LEVELS = 3;

interface Hostile {
  readonly net: LoopbackNet;
  /** Queries received by the root and z. */
  received: number;
  /** Queries received by the server that never answers (host 3). */
  receivedSilent: number;
  close(): void;
}

type Reply = Pick<dnsPacket.Packet, "authorities" | "additionals">;

function bind(socket: Socket, port: number, address: string): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once("error", reject);
    socket.bind(port, address, () => {
      socket.off("error", reject);
      resolve();
    });
  });
}

const nsRecords = (owner: string, targets: readonly string[]) =>
  targets.map((data) => ({ type: "NS" as const, name: owner, ttl: 3600, data }));

const glue = (targets: readonly string[], address: string) =>
  targets.map((name) => ({ type: "A" as const, name, ttl: 3600, data: address }));

/**
 * The root (host 1) refers everything to z, with glue; z (host 2) answers with `answer`; host 3
 * receives and never answers.
 */
async function startHostile(answer: (name: string, net: LoopbackNet) => Reply): Promise<Hostile> {
  return onFreeLoopbackNet(async (net) => {
    const state: Hostile = { net, received: 0, receivedSilent: 0, close: () => {} };
    const server = (reply: (name: string) => Reply): Socket => {
      const socket = createSocket("udp4");
      socket.on("message", (message, peer) => {
        state.received++;
        const query = dnsPacket.decode(message);
        const name = (query.questions?.[0]?.name ?? "").toLowerCase();
        const bytes = dnsPacket.encode({
          id: query.id,
          type: "response",
          flags: 0,
          questions: query.questions,
          ...reply(name),
        });
        socket.send(bytes, peer.port, peer.address);
      });
      return socket;
    };
    const root = server(() => ({
      authorities: nsRecords("z", ["ns.z"]),
      additionals: glue(["ns.z"], hostAddress(net, 2)),
    }));
    const z = server((name) => answer(name, net));
    const silent = createSocket("udp4").on("message", () => {
      state.receivedSilent++;
    });
    const sockets = [root, z, silent];
    try {
      for (const [index, socket] of sockets.entries()) {
        await bind(socket, net.port, hostAddress(net, index + 1));
      }
    } catch (error) {
      for (const socket of sockets) socket.close();
      throw error;
    }
    state.close = () => {
      for (const socket of sockets) socket.close();
    };
    return state;
  });
}

/** `victim.z` delegated to glueless names whose zones refer to glueless names, without end. */
function endlessFanout(name: string): Reply {
  if (name === "victim.z") {
    const targets = Array.from({ length: DELEGATED }, (_, i) => `h.v${i}.z`);
    return { authorities: nsRecords("victim.z", targets) };
  }
  const label = name.split(".")[1] ?? "x";
  const targets = Array.from({ length: FANOUT }, (_, i) => `h.${label}${"abc"[i]}.z`);
  return { authorities: nsRecords(`${label}.z`, targets) };
}

/**
 * Like `endlessFanout`, but GLUELESS_LEVELS down the servers have glue, on the host that never
 * answers: every branch is a tree of timeouts, 3^(GLUELESS_LEVELS + 1) of them one after another.
 * `silent.z` is delegated to DELEGATED names glued to that host.
 */
function fanoutIntoSilence(name: string, net: LoopbackNet): Reply {
  if (name === "silent.z") {
    const targets = Array.from({ length: DELEGATED }, (_, i) => `h.s${i}.z`);
    return {
      authorities: nsRecords("silent.z", targets),
      additionals: glue(targets, hostAddress(net, 3)),
    };
  }
  const reply = endlessFanout(name);
  const label = name.split(".")[1] ?? "x";
  const level = label.replace(/^v\d+/, "").length;
  if (name === "victim.z" || level < GLUELESS_LEVELS) return reply;
  const targets = (reply.authorities ?? []).flatMap((r) => (r.type === "NS" ? [r.data] : []));
  return { ...reply, additionals: glue(targets, hostAddress(net, 3)) };
}

describe("fan-out of glueless delegations", () => {
  let hostile: Hostile;

  beforeAll(async () => {
    hostile = await startHostile(endlessFanout);
  });

  afterAll(() => {
    hostile?.close();
  });

  it(`stops one walk at ${MAX_QUERIES_PER_WALK} queries and reports why`, async () => {
    const walker = createDelegationWalker({
      rootHints: [{ name: "a.root.lab", address: hostAddress(hostile.net, 1) }],
      port: hostile.net.port,
      allowNonPublic: true,
      timeoutMs: 2000,
    });
    try {
      const observation = await walker.walk("victim.z");
      // Without the budget this one walk sent 65,602 queries.
      expect(hostile.received).toBeLessThanOrEqual(MAX_QUERIES_PER_WALK);
      expect(observation.stats.queries).toBe(hostile.received);
      expect(observation.kind).toBe("delegated");
      if (observation.kind !== "delegated") return;
      // Name servers whose address lookups the budget cut short say so: never "cannot be resolved".
      for (const ns of observation.nameservers) {
        expect(ns.addresses).toEqual({
          kind: "not-probed",
          reason: { kind: "query-budget", limit: MAX_QUERIES_PER_WALK },
        });
      }
      const text = JSON.stringify(observation);
      // Nested failure reasons are capped: without the cap they grow with every level.
      expect(text.length).toBeLessThan(50_000);
    } finally {
      await walker.close();
    }
  });
});

// Bounded by the test timeout only: without the deadline the first walk takes some 30 timeouts
// per branch before its query budget runs out, the second 20 timeouts one after another.
describe("fan-out into servers that never answer: the walk deadline", { timeout: 15_000 }, () => {
  const TIMEOUT_MS = 250;
  const DEADLINE_MS = 1000;
  let hostile: Hostile;

  beforeAll(async () => {
    hostile = await startHostile(fanoutIntoSilence);
  });

  afterAll(() => {
    hostile?.close();
  });

  const walker = (options: Partial<WalkerOptions> = {}) =>
    createDelegationWalker({
      rootHints: [{ name: "a.root.lab", address: hostAddress(hostile.net, 1) }],
      port: hostile.net.port,
      allowNonPublic: true,
      timeoutMs: TIMEOUT_MS,
      deadlineMs: DEADLINE_MS,
      ...options,
    });

  it("ends the walk at its deadline, with every name server it did not finish looking up saying so", async () => {
    const w = walker();
    try {
      const observation = await w.walk("victim.z");
      expect(observation.kind).toBe("delegated");
      if (observation.kind !== "delegated") return;
      expect(observation.nameservers).toHaveLength(DELEGATED);
      // Cut short by the walk's own limit: not probed, never "cannot be resolved" (lame).
      for (const ns of observation.nameservers) {
        expect(ns.addresses).toEqual({
          kind: "not-probed",
          reason: { kind: "walk-deadline", limitMs: DEADLINE_MS },
        });
      }
      // The deadline ended it, not the query budget.
      expect(observation.stats.queries).toBeLessThan(MAX_QUERIES_PER_WALK);
      expect(hostile.receivedSilent).toBeGreaterThan(0);
    } finally {
      await w.close();
    }
  });

  it("sends no query that waited for a server slot past the deadline", async () => {
    // One query at a time to the silent host: the probes of silent.z's servers queue up.
    const w = walker({ perServerConcurrency: 1 });
    const before = hostile.receivedSilent;
    try {
      const observation = await w.walk("silent.z");
      expect(observation.kind).toBe("delegated");
      if (observation.kind !== "delegated") return;
      const answers = observation.nameservers.flatMap((ns) => ns.probes.map((p) => p.answer));
      expect(answers).toHaveLength(DELEGATED);
      const sent = answers.filter((a) => a.kind === "timeout");
      const notSent = answers.filter((a) => a.kind === "not-probed");
      expect(sent.length + notSent.length).toBe(DELEGATED);
      expect(hostile.receivedSilent - before).toBe(sent.length);
      expect(notSent.length).toBeGreaterThan(0);
      // What the deadline stopped was never sent: not probed, not the timeout of a silent server.
      expect(notSent[0]).toEqual({
        kind: "not-probed",
        reason: { kind: "walk-deadline", limitMs: DEADLINE_MS },
      });
    } finally {
      await w.close();
    }
  });
});
