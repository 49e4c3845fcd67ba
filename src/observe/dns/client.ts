// The only way the walker sends a DNS query. In order: the address gate (nothing leaves for a
// non-public address learned from the network unless a lab is configured), the per-server and
// global in-flight limits, the UDP exchange (over the socket pool), and the TCP retry when the
// reply is truncated.

import { LRUCache } from "lru-cache";
import { type AddressVerdict, checkAddress } from "../../net/address-policy.js";
import { Semaphore } from "./semaphore.js";
import type { DnsCounters } from "./stats.js";
import { type ExchangeOutcome, tcpExchange } from "./transport.js";
import { UdpSocketPool } from "./udp-pool.js";
import type { Question } from "./wire.js";

export interface DnsClientOptions {
  readonly port: number;
  readonly timeoutMs: number;
  readonly allowNonPublic: boolean;
  /** Addresses the user gave us (the root hints): never gated. */
  readonly trusted: ReadonlySet<string>;
  readonly concurrency: number;
  readonly perServerConcurrency: number;
}

/** When a walk stops sending queries (a `performance.now()` time), and the reason to report. */
export interface Deadline {
  readonly at: number;
  readonly reason: string;
}

export type QueryOutcome =
  | ExchangeOutcome
  | { readonly kind: "blocked"; readonly reason: string }
  /** Not sent: the walk's deadline had passed. */
  | { readonly kind: "past-deadline"; readonly reason: string };

const ALLOWED: AddressVerdict = { allowed: true };

export class DnsClient {
  readonly #options: DnsClientOptions;
  readonly #counters: DnsCounters;
  readonly #global: Semaphore;
  readonly #perServer = new Map<string, Semaphore>();
  // Verdicts are pure functions of the address; servers are asked over and over.
  readonly #verdicts = new LRUCache<string, AddressVerdict>({ max: 4096 });
  readonly #udp: UdpSocketPool;
  #inFlight = 0;

  constructor(options: DnsClientOptions, counters: DnsCounters) {
    this.#options = options;
    this.#counters = counters;
    this.#global = new Semaphore(options.concurrency);
    this.#udp = new UdpSocketPool(counters);
  }

  /** Closes the pooled UDP sockets. */
  close(): void {
    this.#udp.close();
  }

  /** Whether a query to `address` would be sent. */
  verdict(address: string): AddressVerdict {
    if (this.#options.trusted.has(address)) return ALLOWED;
    let verdict = this.#verdicts.get(address);
    if (verdict === undefined) {
      verdict = checkAddress({ allowNonPublic: this.#options.allowNonPublic }, address);
      this.#verdicts.set(address, verdict);
    }
    return verdict;
  }

  /** Sends one query, unless `deadline` has passed by the time a slot is free. */
  async query(address: string, question: Question, deadline?: Deadline): Promise<QueryOutcome> {
    const verdict = this.verdict(address);
    if (!verdict.allowed) {
      this.#counters.blocked++;
      return { kind: "blocked", reason: verdict.reason };
    }
    let server = this.#perServer.get(address);
    if (server === undefined) {
      server = new Semaphore(this.#options.perServerConcurrency);
      this.#perServer.set(address, server);
    }
    // Server slot first, then a global one: a query never holds a global slot while it waits
    // for a busy server.
    if (!server.tryAcquire()) await server.acquire();
    if (!this.#global.tryAcquire()) await this.#global.acquire();
    try {
      // Checked again here: under load a query may wait for its slots past the deadline.
      if (deadline !== undefined && performance.now() >= deadline.at) {
        return { kind: "past-deadline", reason: deadline.reason };
      }
      this.#inFlight++;
      if (this.#inFlight > this.#counters.peakInFlight)
        this.#counters.peakInFlight = this.#inFlight;
      try {
        return await this.#exchange(address, question);
      } finally {
        this.#inFlight--;
      }
    } finally {
      this.#global.release();
      server.release();
      if (server.idle) this.#perServer.delete(address);
    }
  }

  async #exchange(address: string, question: Question): Promise<ExchangeOutcome> {
    const counters = this.#counters;
    const endpoint = { address, port: this.#options.port };
    const udp = await this.#udp.exchange(endpoint, question, this.#options.timeoutMs);
    // Counted once it is known to have left: an unroutable query never did.
    const dnskey = question.type === "DNSKEY" ? 1 : 0;
    if (udp.kind !== "unroutable") {
      counters.queries++;
      counters.udp++;
      counters.dnskey += dnskey;
    }
    if (udp.kind !== "response" || !udp.message.tc) return this.#count(udp);
    counters.truncated++;
    counters.queries++;
    counters.tcp++;
    counters.dnskey += dnskey;
    return this.#count(await tcpExchange(endpoint, question, this.#options.timeoutMs, counters));
  }

  #count(outcome: ExchangeOutcome): ExchangeOutcome {
    if (outcome.kind === "timeout") this.#counters.timeouts++;
    else if (outcome.kind === "malformed") this.#counters.malformed++;
    else if (outcome.kind === "unreachable") this.#counters.unreachable++;
    else if (outcome.kind === "unroutable") this.#counters.unroutable++;
    return outcome;
  }
}
