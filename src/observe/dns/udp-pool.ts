// UDP exchanges over a bounded pool of sockets. Creating, binding and connecting a socket per
// query cost the walker about a third of its CPU; a socket here carries up to
// QUERIES_PER_SOCKET queries to one server, then is closed and a new one (a new random port)
// takes its place. RFC 5452 still holds:
// - each socket is bound by the OS to its own random ephemeral port, of the server's family;
// - each query gets a crypto-random ID that was never used before on its socket, so no two queries
//   in flight on one socket share an ID and a late reply to a finished query finds nothing;
// - each socket is *connected* to one server address and port: the kernel drops datagrams from
//   anyone else, ICMP port-unreachable comes back as ECONNREFUSED, and a host without a route learns
//   it at connect, before anything is sent (see transport.ts). A reply must still come from that
//   address and port and match an in-flight query's ID and question, or it is ignored and the wait
//   goes on.
// Several queries in flight on one socket let a blind spoofer hit any of their IDs, so at most
// IN_FLIGHT_PER_SOCKET share a socket (the question must match too). Idle sockets wait, unref'd, for
// the next query to their server; the oldest are closed past MAX_IDLE_SOCKETS.

import { randomInt } from "node:crypto";
import { createSocket, type Socket } from "node:dgram";
import type { DnsCounters } from "./stats.js";
import {
  type Endpoint,
  type ExchangeOutcome,
  errorDetail,
  replyOutcome,
  unsentOutcome,
} from "./transport.js";
import {
  acceptResponse,
  encodeQuery,
  MAX_UDP_REPLY_BYTES,
  type PendingQuery,
  type Question,
} from "./wire.js";

/** Queries one socket (one source port) carries in its life. */
export const QUERIES_PER_SOCKET = 100;
/** Queries in flight at once on one socket. */
export const IN_FLIGHT_PER_SOCKET = 16;
/** Idle sockets kept open for the next query to their server. */
const MAX_IDLE_SOCKETS = 256;

/** A query waiting for its reply on a pooled socket. */
interface Waiter {
  readonly pending: PendingQuery;
  readonly query: Buffer;
  readonly start: number;
  /** The datagram has left: a later socket error is the network's answer, not this host's. */
  sent: boolean;
  finish(outcome: ExchangeOutcome): void;
}

class PooledSocket {
  readonly socket: Socket;
  readonly key: string;
  /** Every ID this socket has carried: never reused while it lives. */
  readonly #usedIds = new Set<number>();
  readonly inFlight = new Map<number, Waiter>();
  connected = false;
  /** After an error: takes no new queries and closes once its last query has finished. */
  retired = false;

  constructor(endpoint: Endpoint, key: string) {
    this.key = key;
    this.socket = createSocket(endpoint.address.includes(":") ? "udp6" : "udp4");
  }

  get assigned(): number {
    return this.#usedIds.size;
  }

  acceptsMore(): boolean {
    return (
      !this.retired &&
      this.#usedIds.size < QUERIES_PER_SOCKET &&
      this.inFlight.size < IN_FLIGHT_PER_SOCKET
    );
  }

  /** A crypto-random ID this socket has not used before. */
  freshId(): number {
    for (;;) {
      const id = randomInt(0, 65536);
      if (!this.#usedIds.has(id)) {
        this.#usedIds.add(id);
        return id;
      }
    }
  }
}

export class UdpSocketPool {
  readonly #counters: DnsCounters;
  /** Open sockets by server (`address port`). */
  readonly #byServer = new Map<string, PooledSocket[]>();
  /** Sockets with nothing in flight, oldest first. */
  readonly #idle = new Set<PooledSocket>();

  constructor(counters: DnsCounters) {
    this.#counters = counters;
  }

  exchange(endpoint: Endpoint, question: Question, timeoutMs: number): Promise<ExchangeOutcome> {
    return new Promise((resolve) => {
      const pooled = this.#socketFor(endpoint);
      const id = pooled.freshId();
      const pending = { id, question, address: endpoint.address, port: endpoint.port };
      let settled = false;
      const waiter: Waiter = {
        pending,
        query: encodeQuery(id, question),
        start: performance.now(),
        sent: false,
        finish: (outcome) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          pooled.inFlight.delete(id);
          this.#release(pooled);
          resolve(outcome);
        },
      };
      // A timer that fires late (a host starved of CPU) may find the reply already waiting in the
      // socket: the poll phase that follows reads it first, so a timeout is declared only after it.
      const timer = setTimeout(
        () => setImmediate(() => waiter.finish({ kind: "timeout", transport: "udp" })),
        timeoutMs,
      );
      pooled.inFlight.set(id, waiter);
      if (pooled.connected) this.#send(pooled, waiter);
    });
  }

  /** Closes every socket; queries still in flight end as unreachable. */
  close(): void {
    for (const sockets of [...this.#byServer.values()]) {
      for (const pooled of sockets) this.#fail(pooled, new Error("the DNS client was closed"));
    }
  }

  #socketFor(endpoint: Endpoint): PooledSocket {
    const key = `${endpoint.address} ${endpoint.port}`;
    const sockets = this.#byServer.get(key);
    const reusable = sockets?.find((s) => s.acceptsMore());
    if (reusable !== undefined) {
      if (this.#idle.delete(reusable)) reusable.socket.ref();
      return reusable;
    }
    const pooled = this.#open(endpoint, key);
    if (sockets === undefined) this.#byServer.set(key, [pooled]);
    else sockets.push(pooled);
    return pooled;
  }

  #open(endpoint: Endpoint, key: string): PooledSocket {
    const pooled = new PooledSocket(endpoint, key);
    const { socket } = pooled;
    this.#counters.udpSockets++;
    socket.on("message", (bytes, from) => {
      const waiter = bytes.length >= 2 ? pooled.inFlight.get(bytes.readUInt16BE(0)) : undefined;
      const outcome =
        waiter === undefined
          ? undefined
          : replyOutcome(
              acceptResponse(waiter.pending, bytes, MAX_UDP_REPLY_BYTES, from),
              bytes,
              waiter.start,
              "udp",
            );
      if (outcome === undefined) this.#counters.ignored++;
      else waiter?.finish(outcome);
    });
    // A connected socket's error (connect failed, ICMP unreachable) concerns its one server, so
    // every query on it ends with it, and the socket is not used again.
    socket.on("error", (error) => this.#fail(pooled, error));
    // Without a callback, a failed connect is an "error" event like any other.
    socket.once("connect", () => {
      pooled.connected = true;
      for (const waiter of pooled.inFlight.values()) this.#send(pooled, waiter);
    });
    try {
      socket.connect(endpoint.port, endpoint.address);
    } catch (error) {
      // Synchronous only for a bad port or address; the caller's query gets the error at once.
      queueMicrotask(() => this.#fail(pooled, error));
    }
    return pooled;
  }

  #send(pooled: PooledSocket, waiter: Waiter): void {
    pooled.socket.send(waiter.query, (error) => {
      // The kernel reports an ICMP error of an earlier datagram on the next call: a send fails
      // with ECONNREFUSED, and no "error" event follows. It concerns the server, so every query on
      // the socket ends with it, as an error event would end them.
      if (error) this.#fail(pooled, error);
      else waiter.sent = true;
    });
  }

  /** Ends every query on the socket with `error` (as today's one-socket-per-query did) and retires it. */
  #fail(pooled: PooledSocket, error: unknown): void {
    pooled.retired = true;
    for (const waiter of [...pooled.inFlight.values()]) {
      waiter.finish(
        waiter.sent
          ? { kind: "unreachable", detail: errorDetail(error, "UDP"), transport: "udp" }
          : unsentOutcome(error, "udp"),
      );
    }
    // The last finish closed it already, unless nothing was in flight.
    if (pooled.inFlight.size === 0) this.#closeSocket(pooled);
  }

  /** After a query ends: closes a spent or retired socket once it is drained, else keeps it idle. */
  #release(pooled: PooledSocket): void {
    if (pooled.inFlight.size > 0) return;
    if (pooled.retired || pooled.assigned >= QUERIES_PER_SOCKET) {
      this.#closeSocket(pooled);
      return;
    }
    pooled.socket.unref();
    this.#idle.add(pooled);
    if (this.#idle.size > MAX_IDLE_SOCKETS) {
      const oldest = this.#idle.values().next().value as PooledSocket;
      this.#closeSocket(oldest);
    }
  }

  #closeSocket(pooled: PooledSocket): void {
    this.#idle.delete(pooled);
    const sockets = this.#byServer.get(pooled.key);
    if (sockets !== undefined) {
      const index = sockets.indexOf(pooled);
      if (index !== -1) {
        sockets.splice(index, 1);
        if (sockets.length === 0) this.#byServer.delete(pooled.key);
        // Errors after close (none are expected) must not become uncaught exceptions.
        pooled.socket.removeAllListeners("message");
        pooled.socket.close();
      }
    }
  }
}
