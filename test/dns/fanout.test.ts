// A hostile zone that fans out (NXNSAttack): every referral names three glueless name servers in
// fresh zones, whose servers are three more glueless names, and so on. Depth and tries bound each
// branch; only the per-walk query budget bounds the whole tree. Loopback only.

import { createSocket, type Socket } from "node:dgram";
import dnsPacket from "dns-packet";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDelegationWalker } from "../../src/dns/index.js";
import { MAX_QUERIES_PER_WALK } from "../../src/dns/iterative.js";
import { hostAddress, type LoopbackNet, onFreeLoopbackNet } from "../../src/lab/loopback.js";

const DELEGATED = 20;
const FANOUT = 3;

interface Hostile {
  readonly net: LoopbackNet;
  received: number;
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

async function startHostile(): Promise<Hostile> {
  return onFreeLoopbackNet(async (net) => {
    const state: Hostile = { net, received: 0, close: () => {} };
    const nsRecords = (owner: string, targets: string[]) =>
      targets.map((data) => ({ type: "NS" as const, name: owner, ttl: 3600, data }));
    const server = (answer: (name: string) => Reply): Socket => {
      const socket = createSocket("udp4");
      socket.on("message", (message, peer) => {
        state.received++;
        const query = dnsPacket.decode(message);
        const name = (query.questions?.[0]?.name ?? "").toLowerCase();
        const reply = dnsPacket.encode({
          id: query.id,
          type: "response",
          flags: 0,
          questions: query.questions,
          ...answer(name),
        });
        socket.send(reply, peer.port, peer.address);
      });
      return socket;
    };
    // The root refers everything to z, with glue; z's server fans out.
    const root = server(() => ({
      authorities: nsRecords("z", ["ns.z"]),
      additionals: [{ type: "A", name: "ns.z", ttl: 3600, data: hostAddress(net, 2) }],
    }));
    const z = server((name) => {
      if (name === "victim.z") {
        const targets = Array.from({ length: DELEGATED }, (_, i) => `h.v${i}.z`);
        return { authorities: nsRecords("victim.z", targets) };
      }
      const label = name.split(".")[1] ?? "x";
      const targets = Array.from({ length: FANOUT }, (_, i) => `h.${label}${"abc"[i]}.z`);
      return { authorities: nsRecords(`${label}.z`, targets) };
    });
    try {
      await bind(root, net.port, hostAddress(net, 1));
      await bind(z, net.port, hostAddress(net, 2));
    } catch (error) {
      root.close();
      z.close();
      throw error;
    }
    state.close = () => {
      root.close();
      z.close();
    };
    return state;
  });
}

describe("fan-out of glueless delegations", () => {
  let hostile: Hostile;

  beforeAll(async () => {
    hostile = await startHostile();
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
      const text = JSON.stringify(observation);
      expect(text).toMatch(/the walk has sent its 1000 queries/);
      // Nested failure reasons are capped: without the cap they grow with every level.
      expect(text.length).toBeLessThan(50_000);
    } finally {
      await walker.close();
    }
  });
});
