// One DNS exchange over TCP, and how an exchange's failures and replies read, for TCP and for
// the UDP socket pool (udp-pool.ts). No retries, limits or policy here: see client.ts.
//
// UDP sockets are *connected*, so the kernel drops datagrams from other peers and ICMP
// port-unreachable comes back as ECONNREFUSED instead of a silent timeout. Replies are still
// checked (source, ID, question) and anything that fails the checks is ignored while the wait goes
// on. Connecting a UDP socket sends nothing: it is the kernel's route lookup, so a host without a
// route to the address (no network at all, IPv6 on a host without it) learns it there, before
// anything is sent.
// TCP (RFC 7766): 2-byte length framing; replies may arrive in any number of chunks.

import { randomInt } from "node:crypto";
import { connect } from "node:net";
import type { DnsMessage } from "./message.js";
import type { DnsCounters } from "./stats.js";
import {
  type Acceptance,
  acceptResponse,
  encodeQuery,
  MAX_TCP_REPLY_BYTES,
  oversizedReply,
  type PendingQuery,
  type Question,
} from "./wire.js";

export interface Endpoint {
  /** A canonical address literal (see `canonicalAddress`). */
  readonly address: string;
  readonly port: number;
}

export type Transport = "udp" | "tcp";

export type ExchangeOutcome =
  | {
      readonly kind: "response";
      readonly message: DnsMessage;
      /** The reply as received: signatures cover these octets, not a decoded copy. */
      readonly bytes: Buffer;
      readonly rttMs: number;
      readonly transport: Transport;
    }
  | { readonly kind: "timeout"; readonly transport: Transport }
  | { readonly kind: "unreachable"; readonly detail: string; readonly transport: Transport }
  /** Nothing was sent: this host has no route to the address. */
  | { readonly kind: "unroutable"; readonly detail: string; readonly transport: Transport }
  | {
      readonly kind: "malformed";
      readonly detail: string;
      readonly rttMs: number;
      readonly transport: Transport;
    };

/** A TCP stream may carry several messages (pipelining); bound what one exchange will read. */
const MAX_TCP_BYTES = 4 * (MAX_TCP_REPLY_BYTES + 2);

const elapsed = (start: number): number => Math.round((performance.now() - start) * 100) / 100;

const errorCode = (error: unknown): string | undefined =>
  (error as NodeJS.ErrnoException | undefined)?.code;

/**
 * Errors of the local route lookup: the kernel found no way to the address (no route, no source
 * address of that family, the family switched off). Raised before anything is sent.
 */
const NO_ROUTE = new Set(["ENETUNREACH", "EHOSTUNREACH", "EADDRNOTAVAIL", "EAFNOSUPPORT"]);

/**
 * How a failure before the query left the host reads: `unroutable` when there is no route, else
 * the local error it is.
 */
export function unsentOutcome(error: unknown, transport: Transport): ExchangeOutcome {
  const label = transport === "udp" ? "UDP" : "TCP";
  const code = errorCode(error);
  return code !== undefined && NO_ROUTE.has(code)
    ? { kind: "unroutable", detail: errorDetail(error, label), transport }
    : { kind: "unreachable", detail: errorDetail(error, label), transport };
}

export function errorDetail(error: unknown, transport: "UDP" | "TCP"): string {
  const code = errorCode(error);
  switch (code) {
    case "ECONNREFUSED":
      return transport === "UDP" ? "port unreachable (ICMP)" : "TCP connection refused";
    case "ECONNRESET":
      return "TCP connection reset";
    case "EHOSTUNREACH":
      return "host unreachable";
    case "ENETUNREACH":
      return "network unreachable";
    case "EADDRNOTAVAIL":
      return "no local address to send from";
    case "EAFNOSUPPORT":
      return "address family not supported by this host";
    // Local resource exhaustion, not the server's fault: said plainly so nobody blames the server.
    case "EMFILE":
    case "ENFILE":
    case "ENOBUFS":
      return `local error: out of sockets or buffers (${code}); lower the concurrency`;
    default:
      return `${transport} error ${code ?? (error instanceof Error ? error.message : "unknown")}`;
  }
}

/** A query to `endpoint` with a fresh random ID (RFC 5452). */
function pendingQuery(endpoint: Endpoint, question: Question): PendingQuery {
  return { id: randomInt(0, 65536), question, address: endpoint.address, port: endpoint.port };
}

/** How a reply ends the exchange, or undefined for one that is not ours (the wait goes on). */
export function replyOutcome(
  verdict: Acceptance,
  bytes: Buffer,
  start: number,
  transport: Transport,
): ExchangeOutcome | undefined {
  switch (verdict.kind) {
    case "ignored":
      return undefined;
    case "malformed":
      return { kind: "malformed", detail: verdict.detail, rttMs: elapsed(start), transport };
    case "accepted":
      return {
        kind: "response",
        message: verdict.message,
        bytes,
        rttMs: elapsed(start),
        transport,
      };
  }
}

/**
 * The end of one exchange: the first outcome wins, stops the timer and releases the socket; later
 * ones (the error or close that follows a reply) are dropped. The timer starts now.
 */
function firstOutcome(
  resolve: (outcome: ExchangeOutcome) => void,
  release: () => void,
  timeoutMs: number,
  transport: Transport,
): { finish(outcome: ExchangeOutcome): void; settled(): boolean } {
  let settled = false;
  const finish = (outcome: ExchangeOutcome): void => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    release();
    resolve(outcome);
  };
  const timer = setTimeout(() => finish({ kind: "timeout", transport }), timeoutMs);
  return { finish, settled: () => settled };
}

export function tcpExchange(
  endpoint: Endpoint,
  question: Question,
  timeoutMs: number,
  counters: DnsCounters,
): Promise<ExchangeOutcome> {
  return new Promise((resolve) => {
    const pending = pendingQuery(endpoint, question);
    const query = encodeQuery(pending.id, question);
    const frame = Buffer.allocUnsafe(2 + query.length);
    frame.writeUInt16BE(query.length, 0);
    query.copy(frame, 2);
    const start = performance.now();
    const socket = connect({ host: endpoint.address, port: endpoint.port, noDelay: true });
    const { finish, settled } = firstOutcome(resolve, () => socket.destroy(), timeoutMs, "tcp");
    let buffered: Buffer = Buffer.alloc(0);
    let received = 0;
    let connected = false;
    socket.on("connect", () => {
      connected = true;
      socket.write(frame);
    });
    socket.on("data", (chunk: Buffer) => {
      received += chunk.length;
      if (received > MAX_TCP_BYTES) {
        finish({
          kind: "malformed",
          detail: "TCP reply too long",
          rttMs: elapsed(start),
          transport: "tcp",
        });
        return;
      }
      buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
      while (!settled() && buffered.length >= 2) {
        const length = buffered.readUInt16BE(0);
        // Refused from its length prefix: the rest is neither waited for nor decoded.
        if (length > MAX_TCP_REPLY_BYTES) {
          finish({
            kind: "malformed",
            detail: `TCP ${oversizedReply(length, MAX_TCP_REPLY_BYTES)}`,
            rttMs: elapsed(start),
            transport: "tcp",
          });
          return;
        }
        if (buffered.length < 2 + length) return;
        const message = buffered.subarray(2, 2 + length);
        buffered = buffered.subarray(2 + length);
        const outcome = replyOutcome(
          acceptResponse(pending, message, MAX_TCP_REPLY_BYTES),
          message,
          start,
          "tcp",
        );
        if (outcome === undefined) counters.ignored++;
        else finish(outcome);
      }
    });
    socket.on("error", (error) =>
      finish(
        connected
          ? { kind: "unreachable", detail: errorDetail(error, "TCP"), transport: "tcp" }
          : unsentOutcome(error, "tcp"),
      ),
    );
    socket.on("close", () => {
      if (buffered.length === 0) {
        finish({
          kind: "unreachable",
          detail: "TCP connection closed without a reply",
          transport: "tcp",
        });
      } else {
        finish({
          kind: "malformed",
          detail: "TCP reply cut short",
          rttMs: elapsed(start),
          transport: "tcp",
        });
      }
    });
  });
}
