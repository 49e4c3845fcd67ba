// The UDP socket pool over real loopback sockets: a plain UDP server (test code, below) sees which
// source port and ID each query came with, and answers late, to the wrong socket or not at all.
// The walker's own fault and spoofing tests (faults.test.ts, walker.test.ts) run over the pool too.

import { createSocket, type RemoteInfo, type Socket } from "node:dgram";
import type { AddressInfo } from "node:net";
import pLimit from "p-limit";
import { afterEach, describe, expect, it } from "vitest";
import { DnsCounters } from "../../../src/observe/dns/stats.js";
import type { ExchangeOutcome } from "../../../src/observe/dns/transport.js";
import {
  IN_FLIGHT_PER_SOCKET,
  QUERIES_PER_SOCKET,
  UdpSocketPool,
} from "../../../src/observe/dns/udp-pool.js";
import type { Question } from "../../../src/observe/dns/wire.js";

interface Received {
  readonly id: number;
  readonly port: number;
  readonly bytes: Buffer;
}

/** The query turned into its own reply: QR and AA set, same ID and question, no answers. */
function replyTo(query: Buffer): Buffer {
  const reply = Buffer.from(query);
  reply.writeUInt16BE(0x8400, 2);
  return reply;
}

interface TestServer {
  readonly port: number;
  readonly received: Received[];
  /** Queries in flight per source port, at most, as the server saw them. */
  readonly peakPerPort: Map<number, number>;
  send(bytes: Buffer, port: number): void;
  close(): Promise<void>;
}

/** A UDP server on 127.0.0.1; `answer` decides what to do with each query. */
async function startServer(
  answer: (query: Received, server: TestServer) => void = (q, s) =>
    s.send(replyTo(q.bytes), q.port),
): Promise<TestServer> {
  const socket: Socket = createSocket("udp4");
  const received: Received[] = [];
  const open = new Map<number, number>();
  const peakPerPort = new Map<number, number>();
  await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", resolve));
  const server: TestServer = {
    port: (socket.address() as AddressInfo).port,
    received,
    peakPerPort,
    send: (bytes, port) => {
      open.set(port, (open.get(port) ?? 1) - 1);
      socket.send(bytes, port, "127.0.0.1");
    },
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
  socket.on("message", (bytes: Buffer, from: RemoteInfo) => {
    const query = { id: bytes.readUInt16BE(0), port: from.port, bytes };
    received.push(query);
    const now = (open.get(from.port) ?? 0) + 1;
    open.set(from.port, now);
    peakPerPort.set(from.port, Math.max(peakPerPort.get(from.port) ?? 0, now));
    answer(query, server);
  });
  return server;
}

const question = (i: number): Question => ({ name: `d${i}.example.com`, type: "NS" });

let cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup) await step();
  cleanup = [];
});

function setUp(server: TestServer) {
  const counters = new DnsCounters();
  const pool = new UdpSocketPool(counters);
  cleanup.push(
    () => pool.close(),
    () => server.close(),
  );
  const ask = (i: number, timeoutMs = 2000): Promise<ExchangeOutcome> =>
    pool.exchange({ address: "127.0.0.1", port: server.port }, question(i), timeoutMs);
  return { counters, pool, ask };
}

describe("the UDP socket pool", () => {
  it("carries many queries per socket, each ID once per socket, within the per-socket bounds", async () => {
    const server = await startServer((q, s) =>
      setTimeout(() => s.send(replyTo(q.bytes), q.port), 5),
    );
    const { counters, ask } = setUp(server);
    const total = 3 * QUERIES_PER_SOCKET;
    // As the walker asks one server (64 at most in flight): a burst of hundreds would overflow the
    // server's receive buffer (some 256 datagrams on Linux) and lose queries.
    const limit = pLimit(64);
    const outcomes = await Promise.all(
      Array.from({ length: total }, (_, i) => limit(() => ask(i))),
    );
    expect(outcomes.filter((o) => o.kind !== "response")).toEqual([]);

    const byPort = new Map<number, Received[]>();
    for (const q of server.received) byPort.set(q.port, [...(byPort.get(q.port) ?? []), q]);
    // Reused: far fewer sockets than queries, and never past the bound of one socket.
    expect(counters.udpSockets).toBe(byPort.size);
    expect(byPort.size).toBeLessThan(total / 4);
    for (const [port, queries] of byPort) {
      expect(queries.length).toBeLessThanOrEqual(QUERIES_PER_SOCKET);
      expect(new Set(queries.map((q) => q.id)).size).toBe(queries.length);
      expect(server.peakPerPort.get(port)).toBeLessThanOrEqual(IN_FLIGHT_PER_SOCKET);
    }
  });

  it("answers each query with its own reply when replies come back in any order", async () => {
    const held: Received[] = [];
    const server = await startServer((q, s) => {
      held.push(q);
      if (held.length < 8) return;
      for (const query of held.reverse()) s.send(replyTo(query.bytes), query.port);
    });
    const { ask } = setUp(server);
    const outcomes = await Promise.all(Array.from({ length: 8 }, (_, i) => ask(i)));
    outcomes.forEach((outcome, i) => {
      expect(outcome.kind === "response" && outcome.message.question?.name).toBe(
        `d${i}.example.com`,
      );
    });
  });

  it("ignores a reply sent to another socket of the pool, though its ID and question are right", async () => {
    // Two sockets at once: more queries in flight than one socket carries.
    const count = IN_FLIGHT_PER_SOCKET + 1;
    const held: Received[] = [];
    const server = await startServer((q, s) => {
      held.push(q);
      if (held.length < count) return;
      const ports = [...new Set(held.map((h) => h.port))];
      // Every reply goes to a socket other than the one its query came from.
      for (const query of held) {
        const other = ports.find((p) => p !== query.port) as number;
        s.send(replyTo(query.bytes), other);
      }
    });
    const { counters, ask } = setUp(server);
    const outcomes = await Promise.all(Array.from({ length: count }, (_, i) => ask(i, 600)));
    expect(new Set(held.map((h) => h.port)).size).toBe(2);
    expect(outcomes.every((o) => o.kind === "timeout")).toBe(true);
    expect(counters.ignored).toBe(count);
  });

  it("ignores a late reply to a timed-out query: its ID is never given to a later query on that socket", async () => {
    const late: Received[] = [];
    const server = await startServer((q, s) => {
      if (q.bytes.includes(Buffer.from("d0"))) {
        late.push(q);
        return;
      }
      // The late reply to the first query arrives just before this query's own reply.
      for (const first of late.splice(0)) {
        const spoof = replyTo(first.bytes);
        s.send(spoof, q.port);
      }
      s.send(replyTo(q.bytes), q.port);
    });
    const { counters, ask } = setUp(server);
    expect((await ask(0, 300)).kind).toBe("timeout");
    const next = await ask(1);
    expect(next.kind === "response" && next.message.question?.name).toBe("d1.example.com");
    // One socket carried both, with two IDs; the stale reply found no query.
    expect(new Set(server.received.map((q) => q.port)).size).toBe(1);
    expect(new Set(server.received.map((q) => q.id)).size).toBe(2);
    expect(counters.ignored).toBe(1);
  });

  it("ends every query in flight on a socket as unreachable on ICMP port unreachable, and opens a new socket after", async () => {
    // A port where nothing listens any more.
    const gone = await startServer();
    await gone.close();
    const counters = new DnsCounters();
    const pool = new UdpSocketPool(counters);
    cleanup.push(() => pool.close());
    const ask = (i: number) =>
      pool.exchange({ address: "127.0.0.1", port: gone.port }, question(i), 2000);
    const unreachable = {
      kind: "unreachable",
      detail: "port unreachable (ICMP)",
      transport: "udp",
    };
    expect(await Promise.all([ask(0), ask(1)])).toEqual([unreachable, unreachable]);
    expect(counters.udpSockets).toBe(1);
    // The failed socket is not used again.
    expect(await ask(2)).toEqual(unreachable);
    expect(counters.udpSockets).toBe(2);
  });
});
