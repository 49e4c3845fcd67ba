// An in-process authoritative DNS server for tests, the demo and the benchmark: real UDP and TCP
// sockets on one loopback address and port, answering from `Zone`s (see dns-answer.ts), with
// faults injected per server and changeable while it runs.

import { createSocket, type RemoteInfo, type Socket } from "node:dgram";
import { createServer, type Server as TcpServer, type Socket as TcpSocket } from "node:net";
import { LRUCache } from "lru-cache";
import {
  answerFromZones,
  encodeReply,
  errorReply,
  indexZones,
  type LabReply,
  type ParsedQuery,
  parseQuery,
  RCODE,
  readdressReply,
  referralTo,
  typeName,
  udpLimit,
  type ZoneIndex,
} from "./dns-answer.js";
import type { Zone } from "./zone.js";

/**
 * What a faulty server does instead of (or before) answering. Faults that only make sense on one
 * transport say so; on the other transport the server answers normally.
 */
export type DnsFault =
  /** Answer `ms` later than usual. */
  | { readonly kind: "delay"; readonly ms: number }
  /** Never answer (UDP and TCP). */
  | { readonly kind: "drop" }
  | { readonly kind: "refused" }
  | { readonly kind: "servfail" }
  /** The normal reply with AA cleared. */
  | { readonly kind: "no-aa" }
  /** A referral to the root instead of an answer (a lame server's classic reply). */
  | { readonly kind: "upward-referral"; readonly rootServers?: readonly string[] }
  /** A referral to an unrelated zone instead of an answer. */
  | {
      readonly kind: "sideways-referral";
      readonly zone: string;
      readonly servers: readonly string[];
    }
  /** UDP only: an empty reply with TC set, forcing a retry over TCP. */
  | { readonly kind: "truncate" }
  /** A reply with another ID; the real reply follows `answerAfterMs` later, or never. */
  | { readonly kind: "wrong-id"; readonly answerAfterMs?: number }
  /** A reply for another question; the real reply follows `answerAfterMs` later, or never. */
  | { readonly kind: "wrong-question"; readonly answerAfterMs?: number }
  /** UDP only: a reply sent from another address and port; the real one follows, or never. */
  | { readonly kind: "other-source"; readonly answerAfterMs?: number }
  /** Bytes with the right ID and QR set that do not decode. */
  | { readonly kind: "malformed" }
  /**
   * The normal reply padded with zero bytes to `bytes` long (at most 65535), sent whole: over UDP
   * whatever the client's buffer size, over TCP as one framed message.
   */
  | { readonly kind: "oversized"; readonly bytes: number }
  /** TCP only: the connection is reset once the query arrives. */
  | { readonly kind: "tcp-reset" };

export interface FaultRule {
  readonly fault: DnsFault;
  /** Only for these query names (any case, trailing dot optional); every name when absent. */
  readonly names?: readonly string[];
  /** Only for these query types (`AAAA`, `MX`, ...); every type when absent. */
  readonly types?: readonly string[];
}

export interface LabDnsServerOptions {
  readonly address: string;
  /** 0 picks a free port (UDP first, then TCP on the same number). */
  readonly port: number;
  readonly zones: readonly Zone[];
  readonly faults?: readonly FaultRule[];
  /** Added to every reply: the benchmark's simulated network latency. */
  readonly latencyMs?: number;
  /** Where "other-source" replies come from; default 127.0.0.1 (::1 for IPv6 servers). */
  readonly spoofAddress?: string;
  /** Keep a log of the questions received (for tests; unbounded, so off by default). */
  readonly logQueries?: boolean;
}

export interface ReceivedQuery {
  readonly name: string;
  readonly type: string;
  readonly transport: "udp" | "tcp";
}

export interface LabDnsServer {
  readonly address: string;
  readonly port: number;
  /** Queries received (UDP and TCP), including dropped ones. */
  readonly received: number;
  readonly receivedUdp: number;
  readonly receivedTcp: number;
  /** The questions received, oldest first, when `logQueries` is on. */
  queryLog(): readonly ReceivedQuery[];
  setFaults(faults: readonly FaultRule[]): void;
  setLatency(ms: number): void;
  close(): Promise<void>;
}

interface ActiveRule {
  readonly fault: DnsFault;
  readonly names: ReadonlySet<string> | undefined;
  readonly types: ReadonlySet<string> | undefined;
}

const UDP_ONLY = new Set<DnsFault["kind"]>(["truncate", "other-source"]);
const TCP_ONLY = new Set<DnsFault["kind"]>(["tcp-reset"]);
const MAX_TCP_QUERY = 65535 + 2;

const normalize = (name: string): string => {
  const lower = name.toLowerCase();
  return lower === "." || lower === "" ? "." : lower.replace(/\.$/, "");
};

/**
 * Garbage with the right ID and QR set: one answer record, as long as a record can be, whose
 * owner name is a compression pointer aimed past the end of the message.
 */
function malformedBytes(query: ParsedQuery): Buffer {
  const buf = Buffer.alloc(12 + query.question.length + 11);
  buf.writeUInt16BE(query.id, 0);
  buf.writeUInt16BE(0x8400, 2); // QR, AA, NOERROR
  buf.writeUInt16BE(1, 4);
  buf.writeUInt16BE(1, 6);
  query.question.copy(buf, 12);
  buf.writeUInt16BE(0xc000 | 0x3fff, 12 + query.question.length);
  return buf;
}

/** The reply with its question changed: the first letter of the name, or the type for the root. */
function wrongQuestion(query: ParsedQuery, reply: Buffer): Buffer {
  const copy = Buffer.from(reply);
  if (query.name === ".") {
    copy.writeUInt16BE(query.type === 2 ? 1 : 2, 13);
  } else {
    const first = copy[13] as number;
    copy[13] = first === 0x7a || first === 0x5a ? 0x61 : first + 1;
  }
  return copy;
}

class LabServer implements LabDnsServer {
  readonly address: string;
  port: number;
  received = 0;
  receivedUdp = 0;
  receivedTcp = 0;
  readonly #index: ZoneIndex;
  // Repeated questions (tests, the demo, TLD referrals) skip encoding; unique ones churn through.
  readonly #replies = new LRUCache<string, Buffer>({ max: 1024 });
  readonly #log: ReceivedQuery[] | undefined;
  readonly #spoofAddress: string;
  #rules: readonly ActiveRule[] = [];
  #latencyMs: number;
  #udp: Socket | undefined;
  #tcp: TcpServer | undefined;
  #spoof: Promise<Socket> | undefined;
  readonly #connections = new Set<TcpSocket>();
  readonly #timers = new Set<NodeJS.Timeout>();

  constructor(options: LabDnsServerOptions) {
    this.address = options.address;
    this.port = options.port;
    this.#index = indexZones(options.zones);
    this.#latencyMs = options.latencyMs ?? 0;
    this.#log = options.logQueries === true ? [] : undefined;
    this.#spoofAddress =
      options.spoofAddress ?? (options.address.includes(":") ? "::1" : "127.0.0.1");
    this.setFaults(options.faults ?? []);
  }

  async start(): Promise<void> {
    const udp = createSocket({ type: this.address.includes(":") ? "udp6" : "udp4" });
    this.#udp = udp;
    await new Promise<void>((resolve, reject) => {
      udp.once("error", reject);
      udp.bind(this.port, this.address, () => {
        udp.off("error", reject);
        resolve();
      });
    });
    this.port = udp.address().port;
    udp.on("message", (bytes, rinfo) => this.#onUdp(bytes, rinfo));
    udp.on("error", () => {}); // ICMP errors for departed clients: nothing to do
    const tcp = createServer((socket) => this.#onTcp(socket));
    this.#tcp = tcp;
    await new Promise<void>((resolve, reject) => {
      tcp.once("error", reject);
      tcp.listen(this.port, this.address, () => {
        tcp.off("error", reject);
        resolve();
      });
    });
  }

  queryLog(): readonly ReceivedQuery[] {
    return this.#log ?? [];
  }

  setFaults(faults: readonly FaultRule[]): void {
    this.#rules = faults.map((rule) => ({
      fault: rule.fault,
      names: rule.names === undefined ? undefined : new Set(rule.names.map(normalize)),
      types: rule.types === undefined ? undefined : new Set(rule.types.map((t) => t.toUpperCase())),
    }));
  }

  setLatency(ms: number): void {
    this.#latencyMs = ms;
  }

  #faultFor(query: ParsedQuery, transport: "udp" | "tcp"): DnsFault | undefined {
    for (const rule of this.#rules) {
      const kind = rule.fault.kind;
      if (transport === "udp" ? TCP_ONLY.has(kind) : UDP_ONLY.has(kind)) continue;
      if (rule.names !== undefined && !rule.names.has(query.name)) continue;
      if (rule.types === undefined || rule.types.has(typeName(query.type))) return rule.fault;
    }
    return undefined;
  }

  /** The normal reply, from the cache when the same question was answered before. */
  #normalReply(query: ParsedQuery): Buffer {
    const key = `${query.name} ${query.type} ${query.qclass} ${query.edns === undefined ? 0 : 1}${query.edns?.dnssecOk ? 1 : 0}`;
    let template = this.#replies.get(key);
    if (template === undefined) {
      template = encodeReply(query, answerFromZones(this.#index, query));
      this.#replies.set(key, template);
    }
    // Always a copy: callers patch flags (no-aa) and the template must stay intact.
    return readdressReply(template, query);
  }

  #replyFor(query: ParsedQuery, fault: DnsFault | undefined): Buffer {
    const special = (reply: LabReply): Buffer => encodeReply(query, reply);
    switch (fault?.kind) {
      case "refused":
        return special(errorReply(RCODE.REFUSED));
      case "servfail":
        return special(errorReply(RCODE.SERVFAIL));
      case "upward-referral":
        return special(referralTo(".", fault.rootServers ?? ["a.root-servers.net"]));
      case "sideways-referral":
        return special(referralTo(fault.zone, fault.servers));
      case "malformed":
        return malformedBytes(query);
      case "oversized": {
        const reply = this.#normalReply(query);
        return Buffer.concat([reply, Buffer.alloc(Math.max(0, fault.bytes - reply.length))]);
      }
      case "no-aa": {
        const reply = this.#normalReply(query);
        reply[2] = (reply[2] as number) & ~0x04;
        return reply;
      }
      default:
        return this.#normalReply(query);
    }
  }

  #later(ms: number, action: () => void): void {
    if (ms <= 0) {
      action();
      return;
    }
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      action();
    }, ms);
    this.#timers.add(timer);
  }

  #note(query: ParsedQuery, transport: "udp" | "tcp"): void {
    this.received++;
    if (transport === "udp") this.receivedUdp++;
    else this.receivedTcp++;
    this.#log?.push({ name: query.name, type: typeName(query.type), transport });
  }

  #onUdp(bytes: Buffer, rinfo: RemoteInfo): void {
    const query = parseQuery(bytes);
    if (query === undefined) return;
    this.#note(query, "udp");
    const fault = this.#faultFor(query, "udp");
    if (fault?.kind === "drop") return;
    const send = (reply: Buffer) => this.#udp?.send(reply, rinfo.port, rinfo.address);
    const delay = this.#latencyMs + (fault?.kind === "delay" ? fault.ms : 0);
    this.#later(delay, () => {
      if (fault?.kind === "truncate") {
        send(encodeReply(query, answerFromZones(this.#index, query), true));
        return;
      }
      const reply = this.#replyFor(query, fault);
      if (
        fault?.kind === "wrong-id" ||
        fault?.kind === "wrong-question" ||
        fault?.kind === "other-source"
      ) {
        this.#misdirect(fault, query, reply, rinfo, send);
        return;
      }
      if (reply.length > udpLimit(query) && fault?.kind !== "oversized") {
        send(encodeReply(query, answerFromZones(this.#index, query), true));
        return;
      }
      send(reply);
    });
  }

  /** Sends the decoy for wrong-id / wrong-question / other-source, then maybe the real reply. */
  #misdirect(
    fault: Extract<DnsFault, { kind: "wrong-id" | "wrong-question" | "other-source" }>,
    query: ParsedQuery,
    reply: Buffer,
    rinfo: RemoteInfo,
    send: (reply: Buffer) => void,
  ): void {
    if (fault.kind === "wrong-id") {
      const decoy = Buffer.from(reply);
      decoy.writeUInt16BE((query.id + 1) & 0xffff, 0);
      send(decoy);
    } else if (fault.kind === "wrong-question") {
      send(wrongQuestion(query, reply));
    } else {
      void this.#spoofSocket().then(
        (socket) => {
          if (this.#udp !== undefined) socket.send(reply, rinfo.port, rinfo.address);
        },
        () => undefined, // no second address to send from: the decoy is simply not sent
      );
    }
    if (fault.answerAfterMs !== undefined) this.#later(fault.answerAfterMs, () => send(reply));
  }

  #spoofSocket(): Promise<Socket> {
    this.#spoof ??= new Promise((resolve, reject) => {
      const socket = createSocket({ type: this.#spoofAddress.includes(":") ? "udp6" : "udp4" });
      socket.once("error", reject);
      socket.bind(0, this.#spoofAddress, () => resolve(socket));
    });
    return this.#spoof;
  }

  #onTcp(socket: TcpSocket): void {
    this.#connections.add(socket);
    socket.on("close", () => this.#connections.delete(socket));
    socket.on("error", () => {});
    let buffered: Buffer = Buffer.alloc(0);
    socket.on("data", (chunk: Buffer) => {
      buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
      if (buffered.length > MAX_TCP_QUERY) {
        socket.destroy();
        return;
      }
      while (buffered.length >= 2) {
        const length = buffered.readUInt16BE(0);
        if (buffered.length < 2 + length) return;
        const message = buffered.subarray(2, 2 + length);
        buffered = buffered.subarray(2 + length);
        this.#onTcpQuery(socket, message);
      }
    });
  }

  #onTcpQuery(socket: TcpSocket, bytes: Buffer): void {
    const query = parseQuery(bytes);
    if (query === undefined) {
      socket.destroy();
      return;
    }
    this.#note(query, "tcp");
    const fault = this.#faultFor(query, "tcp");
    if (fault?.kind === "drop") return;
    if (fault?.kind === "tcp-reset") {
      socket.resetAndDestroy();
      return;
    }
    const write = (reply: Buffer) => {
      if (socket.destroyed) return;
      const frame = Buffer.allocUnsafe(2);
      frame.writeUInt16BE(reply.length, 0);
      socket.write(Buffer.concat([frame, reply]));
    };
    const delay = this.#latencyMs + (fault?.kind === "delay" ? fault.ms : 0);
    this.#later(delay, () => {
      const reply = this.#replyFor(query, fault);
      if (fault?.kind === "wrong-id") {
        const decoy = Buffer.from(reply);
        decoy.writeUInt16BE((query.id + 1) & 0xffff, 0);
        write(decoy);
        if (fault.answerAfterMs !== undefined) this.#later(fault.answerAfterMs, () => write(reply));
      } else if (fault?.kind === "wrong-question") {
        write(wrongQuestion(query, reply));
        if (fault.answerAfterMs !== undefined) this.#later(fault.answerAfterMs, () => write(reply));
      } else {
        // Split the reply in two writes: clients must reassemble (RFC 7766 §8).
        const half = Math.floor(reply.length / 2);
        const frame = Buffer.allocUnsafe(2);
        frame.writeUInt16BE(reply.length, 0);
        socket.write(Buffer.concat([frame, reply.subarray(0, half)]));
        this.#later(1, () => {
          if (!socket.destroyed) socket.write(reply.subarray(half));
        });
      }
    });
  }

  async close(): Promise<void> {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    for (const connection of this.#connections) connection.destroy();
    const closing: Promise<unknown>[] = [];
    const udp = this.#udp;
    if (udp !== undefined) closing.push(new Promise<void>((resolve) => udp.close(() => resolve())));
    const tcp = this.#tcp;
    if (tcp !== undefined) closing.push(new Promise<void>((resolve) => tcp.close(() => resolve())));
    const spoof = this.#spoof;
    if (spoof !== undefined) {
      closing.push(
        spoof.then(
          (socket) => new Promise<void>((resolve) => socket.close(() => resolve())),
          () => undefined,
        ),
      );
    }
    this.#udp = undefined;
    this.#tcp = undefined;
    this.#spoof = undefined;
    await Promise.all(closing);
  }
}

/** Starts a server; rejects (e.g. EADDRINUSE) without leaving sockets open. */
export async function startLabDnsServer(options: LabDnsServerOptions): Promise<LabDnsServer> {
  const server = new LabServer(options);
  try {
    await server.start();
  } catch (error) {
    await server.close();
    throw error;
  }
  return server;
}
