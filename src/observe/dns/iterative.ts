// Iterative resolution from the closest cached zone cut: following referrals, asking a zone's
// servers with bounded retries, and resolving host addresses (for name servers without glue).
// The delegation walker (walker.ts) is built on this; so is every lookup it needs on the way.
//
// Sharing: referral steps are deduplicated in flight per (zone, next label), host lookups per
// (type, name), so concurrent walks never repeat a question another walk is already asking.
// Bounds: host lookups nest at most MAX_DEPTH deep, a descent follows at most MAX_REFERRALS
// referrals, each zone gets at most `maxServersPerZone` tries, a walk sends at most
// MAX_QUERIES_PER_WALK queries and none after its deadline, and loops end as values. A zone whose
// servers all fail without a reply is down for a while (zone-outages.ts): nothing below it is asked.

import { LRUCache } from "lru-cache";
import { nameSyntaxError } from "../../names/normalize.js";
import { childToward, isAtOrBelow, isBelow } from "../../names/tree.js";
import { type Referral, readZoneReply, type ZoneReply } from "./classify.js";
import type { Deadline, DnsClient, QueryOutcome } from "./client.js";
import { type CutCache, type CutServer, makeCut, type ZoneCut } from "./cut-cache.js";
import { describeServerAnswer, displayZone } from "./describe.js";
import { type Chain, CYCLE, Flights } from "./flights.js";
import type { DnsCounters } from "./stats.js";
import type { Ipv6Mode, NotProbedReason, ServerAnswer, ServerRef, TraceStep } from "./types.js";
import type { Question } from "./wire.js";
import { type SilentServer, ZoneOutages } from "./zone-outages.js";

const MAX_DEPTH = 8;
const MAX_REFERRALS = 32;
const MAX_TTL_SECONDS = 86_400;
const MAX_NEGATIVE_TTL_SECONDS = 3_600;
/**
 * Queries one walk may send, its nested lookups included. Depth and tries alone still let a hostile
 * zone fan out: glueless NS names that lead to more glueless NS names, three tries per level, eight
 * levels, for each of 20 delegated servers, is some 65,000 queries for one domain (NXNSAttack; BIND
 * caps the same thing with max-recursion-queries). A real walk needs tens; the most servers a walk
 * probes (20 names × 8 addresses, NS and SOA) stay well inside.
 */
export const MAX_QUERIES_PER_WALK = 1_000;

/** Why a lookup of a walk that has spent its query budget failed. */
function budgetReason(budget: number): string {
  return `the walk has sent its ${budget} queries (a hostile or broken zone?)`;
}
/** Failures (every server timed out, a loop) are remembered briefly so a scan does not repeat them. */
const FAILURE_TTL_SECONDS = 30;

/** Per-walk state threaded through every lookup the walk starts. */
export interface LookupContext {
  /** Queries sent on behalf of this walk (shared by its nested lookups). */
  readonly tally: { queries: number };
  /** Queries the walk may send (MAX_QUERIES_PER_WALK unless the walker was given another). */
  readonly budget: number;
  readonly chain: Chain | undefined;
  /** How many host lookups deep this lookup is. */
  readonly depth: number;
  /** After it the walk sends nothing more and ends with what it has. */
  readonly deadline: Deadline;
  /** The walk's wall-clock limit the deadline was set from, for the reports of what it cut short. */
  readonly deadlineMs: number;
}

/** The context of a walk starting now, which may send `budget` queries for `deadlineMs`. */
export function newContext(deadlineMs: number, budget: number): LookupContext {
  return {
    tally: { queries: 0 },
    budget,
    chain: undefined,
    depth: 0,
    deadline: {
      at: performance.now() + deadlineMs,
      reason: `the walk reached its ${deadlineMs / 1000} s deadline (a hostile or unresponsive zone?)`,
    },
    deadlineMs,
  };
}

/**
 * What a walk's query came to: the client's outcome, or not sent because the walk had spent its
 * query budget or reached its deadline (its own limits, which say nothing about the server).
 */
export type WalkQueryOutcome =
  | Exclude<QueryOutcome, { kind: "past-deadline" }>
  | { readonly kind: "over-budget"; readonly limit: number }
  | { readonly kind: "past-deadline"; readonly limitMs: number };

export type HostAddresses =
  | { readonly kind: "ok"; readonly addresses: readonly string[] }
  | { readonly kind: "nodata" }
  | { readonly kind: "nxdomain"; readonly zone: string }
  /** The name is a CNAME: not followed, since an NS target must not be an alias (RFC 2181 §10.3). */
  | { readonly kind: "alias"; readonly target: string }
  | { readonly kind: "failed"; readonly reason: string };

/** One server tried and what it said. */
export interface Attempt {
  readonly server: ServerRef;
  readonly answer: ServerAnswer;
  readonly rttMs?: number;
  readonly transport: "udp" | "tcp";
}

export type UsefulReply = Exclude<ZoneReply, { readonly kind: "lame" }>;

export type ZoneAsk =
  | {
      readonly kind: "reply";
      readonly server: ServerRef;
      readonly reply: UsefulReply;
      readonly attempts: readonly Attempt[];
    }
  | { readonly kind: "failed"; readonly reason: string; readonly attempts: readonly Attempt[] };

export type AnsweredAsk = Extract<ZoneAsk, { kind: "reply" }>;

/** A zone cut passed on the way down; `cached` when nobody had to ask for it during this walk. */
export interface PathStep {
  readonly cut: ZoneCut;
  readonly cached: boolean;
}

export type Descent =
  /** `cut` is the zone to ask the question itself (for a domain: its parent). */
  | { readonly kind: "at-cut"; readonly cut: ZoneCut; readonly path: PathStep[] }
  /** A server of `cut` already answered the question on the way down. */
  | {
      readonly kind: "answered";
      readonly cut: ZoneCut;
      readonly ask: AnsweredAsk;
      readonly path: PathStep[];
    }
  | {
      readonly kind: "failed";
      readonly zone: string;
      readonly reason: string;
      readonly path: PathStep[];
    };

type Step =
  | { readonly kind: "cut"; readonly cut: ZoneCut }
  | { readonly kind: "answered"; readonly ask: AnsweredAsk }
  /** `cutShort`: the walk that asked had run out of its query budget or time (see HostLookup). */
  | { readonly kind: "failed"; readonly reason: string; readonly cutShort: boolean };

/** A host lookup's result, as shared with the walks that joined it in flight. */
interface HostLookup {
  readonly value: HostAddresses;
  /**
   * It failed after the walk that led it had run out of its query budget or time: that says
   * nothing about the name, nor about the limits of a walk that joined, which looks again itself.
   */
  readonly cutShort: boolean;
}

export interface IterativeOptions {
  readonly ipv6: Ipv6Mode;
  readonly maxServersPerZone: number;
  readonly hostCacheSize: number;
  /** The per-query timeout: a zone must stay silent for twice this long to be taken as down. */
  readonly timeoutMs: number;
}

export const isV6 = (address: string): boolean => address.includes(":");

/** Answers that are no reply at all: the server (or the way to it) said nothing. */
const SILENT: ReadonlySet<ServerAnswer["kind"]> = new Set(["timeout", "unreachable", "unroutable"]);

/** The key of a host lookup in the cache and among the lookups in flight. */
const hostKey = (type: "A" | "AAAA", name: string): string => `${type} ${name}`;

const clampTtl = (seconds: number, max: number): number => Math.max(1, Math.min(seconds, max));

/** Maps a transport-level outcome that is not a response to the answer it is reported as. */
export function outcomeAnswer(
  outcome: Exclude<WalkQueryOutcome, { kind: "response" }>,
): ServerAnswer {
  switch (outcome.kind) {
    case "timeout":
      return { kind: "timeout" };
    case "unreachable":
      return { kind: "unreachable", detail: outcome.detail };
    case "unroutable":
      return { kind: "unroutable", detail: outcome.detail };
    case "malformed":
      return { kind: "malformed", detail: outcome.detail };
    case "blocked":
      return { kind: "blocked", reason: outcome.reason };
    // Never sent, by the walk's own limits: not a failure of the server (never lame).
    case "over-budget":
      return { kind: "not-probed", reason: { kind: "query-budget", limit: outcome.limit } };
    case "past-deadline":
      return { kind: "not-probed", reason: { kind: "walk-deadline", limitMs: outcome.limitMs } };
  }
}

function cutFromReferral(referral: Referral): ZoneCut {
  const glue = new Map(referral.glue.map((record) => [record.name, record.addresses]));
  return makeCut(
    referral.zone,
    referral.ns.map((name): CutServer => ({ name, glue: glue.get(name) ?? [] })),
  );
}

export class IterativeResolver {
  readonly #client: DnsClient;
  readonly #cuts: CutCache;
  readonly #counters: DnsCounters;
  readonly #options: IterativeOptions;
  readonly #hosts: LRUCache<string, HostAddresses>;
  readonly #hostFlights = new Flights<HostLookup>();
  readonly #stepFlights = new Flights<Step>();
  readonly #outages: ZoneOutages;

  constructor(client: DnsClient, cuts: CutCache, counters: DnsCounters, options: IterativeOptions) {
    this.#client = client;
    this.#cuts = cuts;
    this.#counters = counters;
    this.#options = options;
    this.#hosts = new LRUCache({ max: options.hostCacheSize });
    this.#outages = new ZoneOutages(2 * options.timeoutMs);
  }

  /** Sends one query on behalf of a walk, counting it against the walk when it leaves. */
  async query(address: string, question: Question, ctx: LookupContext): Promise<WalkQueryOutcome> {
    if (budgetSpent(ctx)) return { kind: "over-budget", limit: ctx.budget };
    if (deadlinePassed(ctx)) return { kind: "past-deadline", limitMs: ctx.deadlineMs };
    // Counted before it leaves, so that the walk's concurrent branches cannot overshoot the budget.
    ctx.tally.queries++;
    const outcome = await this.#client.query(address, question, ctx.deadline);
    // The client checks the deadline again once a slot is free: the same limit of the walk's.
    if (outcome.kind === "past-deadline") {
      ctx.tally.queries--;
      return { kind: "past-deadline", limitMs: ctx.deadlineMs };
    }
    if (!wasSent(outcome)) ctx.tally.queries--;
    else if (outcome.transport === "tcp") ctx.tally.queries++;
    return outcome;
  }

  /** The addresses to use for one of a zone's servers: its glue, or resolved. */
  async serverAddresses(
    server: CutServer,
    ctx: LookupContext,
  ): Promise<readonly string[] | string> {
    const ipv6 = this.#options.ipv6 !== "off";
    const glue = ipv6 ? server.glue : server.glue.filter((a) => !isV6(a));
    if (glue.length > 0) return glue;
    const v4 = await this.resolveHost(server.name, "A", ctx);
    if (v4.kind === "ok" && v4.addresses.length > 0) return v4.addresses;
    if (ipv6) {
      const v6 = await this.resolveHost(server.name, "AAAA", ctx);
      if (v6.kind === "ok" && v6.addresses.length > 0) return v6.addresses;
    }
    return `address unknown (${describeHost(v4)})`;
  }

  /**
   * Asks the servers of `cut`, starting at the next in rotation, until one gives a usable reply
   * or `maxServersPerZone` have been tried. Blocked and unroutable addresses are skipped without a
   * try (nothing is sent to them). A zone that is down fails at once with its shared reason.
   */
  async askZone(cut: ZoneCut, question: Question, ctx: LookupContext): Promise<ZoneAsk> {
    const down = this.#outages.down(cut.zone);
    if (down !== undefined) return { kind: "failed", reason: down, attempts: [] };
    const attempts: Attempt[] = [];
    const notes: string[] = [];
    const servers = cut.servers;
    const count = servers.length;
    const first = cut.rotation++ % Math.max(count, 1);
    let tries = 0;
    for (let i = 0; i < count && tries < this.#options.maxServersPerZone; i++) {
      const server = servers[(first + i) % count] as CutServer;
      const addresses = await this.serverAddresses(server, ctx);
      if (typeof addresses === "string") {
        tries++;
        notes.push(`${server.name}: ${addresses}`);
        continue;
      }
      const silences: ServerAnswer[] = [];
      for (const address of addresses) {
        if (tries >= this.#options.maxServersPerZone) break;
        const ref: ServerRef = { name: server.name, address };
        const outcome = await this.query(address, question, ctx);
        const sent = wasSent(outcome);
        if (sent) tries++;
        if (outcome.kind === "response") {
          this.#outages.answered(cut.zone);
          const reply = readZoneReply(outcome.message, cut.zone, question.name);
          if (reply.kind !== "lame") return { kind: "reply", server: ref, reply, attempts };
          attempts.push({
            server: ref,
            answer: reply.answer,
            rttMs: outcome.rttMs,
            transport: outcome.transport,
          });
        } else {
          const transport = sent ? outcome.transport : "udp";
          attempts.push({ server: ref, answer: outcomeAnswer(outcome), transport });
        }
        const last = attempts[attempts.length - 1] as Attempt;
        notes.push(`${server.name} (${address}): ${describeServerAnswer(last.answer)}`);
        if (SILENT.has(last.answer.kind)) silences.push(last.answer);
      }
      // Every address of the server said nothing: a strike against the zone.
      if (silences.length > 0 && silences.length === addresses.length) {
        const outage = this.#serverFailed(cut, {
          name: server.name,
          how: [...new Set(silences.map(describeServerAnswer))].join(", "),
          certain: silences.every((answer) => answer.kind === "unroutable"),
        });
        if (outage !== undefined) return { kind: "failed", reason: outage, attempts };
      }
    }
    // Said plainly rather than as the nested failures it caused further down.
    if (budgetSpent(ctx)) return { kind: "failed", reason: budgetReason(ctx.budget), attempts };
    if (deadlinePassed(ctx)) return { kind: "failed", reason: ctx.deadline.reason, attempts };
    const reason =
      count === 0
        ? `zone ${cut.zone} has no name servers`
        : `no server of ${displayZone(cut.zone)} answered: ${notes.join("; ")}`;
    return { kind: "failed", reason: capped(reason), attempts };
  }

  /**
   * Notes a server of `cut`'s zone that failed without a reply, when the breaker watches the zone,
   * against every server the zone has (the cached cut's, when `cut` is one server of it asked
   * alone); the shared reason when that left the zone down.
   */
  #serverFailed(cut: ZoneCut, server: SilentServer): string | undefined {
    if (!ZoneOutages.watches(cut.zone)) return undefined;
    const zone = this.#cuts.exact(cut.zone) ?? cut;
    return this.#outages.failed(
      cut.zone,
      zone.servers.map((s) => s.name),
      server,
    );
  }

  /**
   * Follows referrals from the closest cached cut toward `question.name` and stops at the cut
   * that must answer it. With `strict` the stop is strictly above the name (a domain's parent).
   */
  async descend(question: Question, strict: boolean, ctx: LookupContext): Promise<Descent> {
    const name = question.name;
    let cut = this.#cuts.closest(name, strict);
    const path: PathStep[] = this.#cuts
      .ancestors(cut.zone)
      .map((ancestor) => ({ cut: ancestor, cached: true }));
    path.push({ cut, cached: true });
    for (let hops = 0; hops < MAX_REFERRALS; hops++) {
      const next = cut.zone === name ? name : childToward(cut.zone, name);
      if (next === name) {
        if (hops === 0) this.#counters.cacheHits++;
        return { kind: "at-cut", cut, path };
      }
      if (hops === 0) this.#counters.cacheMisses++;
      const step = await this.#sharedStep(cut, next, question, strict, ctx);
      if (step.kind === "failed")
        return { kind: "failed", zone: cut.zone, reason: step.reason, path };
      if (step.kind === "answered") return { kind: "answered", cut, ask: step.ask, path };
      cut = step.cut;
      path.push({ cut, cached: false });
    }
    return { kind: "failed", zone: cut.zone, reason: `more than ${MAX_REFERRALS} referrals`, path };
  }

  async #sharedStep(
    cut: ZoneCut,
    next: string,
    question: Question,
    strict: boolean,
    ctx: LookupContext,
  ): Promise<Step> {
    const run = await this.#stepFlights.run(`${cut.zone} ${next}`, ctx.chain, (chain) =>
      this.#step(cut, question, strict, { ...ctx, chain }),
    );
    if (run !== CYCLE) {
      if (run.leader) return run.value;
      this.#counters.deduplicated++;
      const shared = run.value;
      // Another walk asked about its own name under the same label: its referral serves this
      // walk too when it leads toward this name; its final answers do not, nor a failure that
      // only its own limits caused.
      if (shared.kind === "failed" && !shared.cutShort) return shared;
      if (shared.kind === "cut" && this.#usableCut(shared.cut, cut, question.name, strict)) {
        return shared;
      }
    }
    return this.#step(cut, question, strict, ctx);
  }

  #usableCut(candidate: ZoneCut, from: ZoneCut, name: string, strict: boolean): boolean {
    return (
      isBelow(candidate.zone, from.zone) &&
      isAtOrBelow(name, candidate.zone) &&
      !(strict && candidate.zone === name)
    );
  }

  async #step(
    cut: ZoneCut,
    question: Question,
    strict: boolean,
    ctx: LookupContext,
  ): Promise<Step> {
    const ask = await this.askZone(cut, question, ctx);
    if (ask.kind === "failed") {
      return { kind: "failed", reason: ask.reason, cutShort: limitReached(ctx) };
    }
    if (ask.reply.kind === "referral") {
      const learned = cutFromReferral(ask.reply.referral);
      if (this.#usableCut(learned, cut, question.name, strict)) {
        this.#cuts.store(learned, ask.reply.referral.ttl);
        return { kind: "cut", cut: learned };
      }
    }
    return { kind: "answered", ask };
  }

  /** The A or AAAA records of a host name, from the cache or resolved iteratively. */
  async resolveHost(name: string, type: "A" | "AAAA", ctx: LookupContext): Promise<HostAddresses> {
    const key = hostKey(type, name);
    const cached = this.#hosts.get(key);
    if (cached !== undefined) {
      this.#counters.cacheHits++;
      return cached;
    }
    this.#counters.cacheMisses++;
    const syntax = nameSyntaxError(name);
    if (syntax !== undefined) {
      const invalid: HostAddresses = { kind: "failed", reason: `not a host name: ${syntax}` };
      this.#hosts.set(key, invalid, { ttl: MAX_TTL_SECONDS * 1000 });
      return invalid;
    }
    if (ctx.depth >= MAX_DEPTH) {
      return { kind: "failed", reason: `address lookups nested more than ${MAX_DEPTH} deep` };
    }
    const nested = { ...ctx, depth: ctx.depth + 1 };
    const run = await this.#hostFlights.run(key, ctx.chain, (chain) =>
      this.#lookUpHost(name, type, { ...nested, chain }),
    );
    if (run === CYCLE) return { kind: "failed", reason: `resolving ${name} depends on itself` };
    if (run.leader) return run.value.value;
    this.#counters.deduplicated++;
    if (!run.value.cutShort) return run.value.value;
    // The walk that led the lookup ran out of its own budget or time, which may be far from this
    // walk's: this walk looks again, on its own account.
    return (await this.#lookUpHost(name, type, nested)).value;
  }

  /** Resolves a host's A or AAAA records and remembers what it found out. */
  async #lookUpHost(name: string, type: "A" | "AAAA", ctx: LookupContext): Promise<HostLookup> {
    const result = await this.#resolveHostNow(name, type, ctx);
    const cutShort = result.value.kind === "failed" && limitReached(ctx);
    // Cut short by the walk's budget or deadline, it says nothing about the name: not remembered.
    if (!cutShort) this.#hosts.set(hostKey(type, name), result.value, { ttl: result.ttl * 1000 });
    return { value: result.value, cutShort };
  }

  async #resolveHostNow(
    name: string,
    type: "A" | "AAAA",
    ctx: LookupContext,
  ): Promise<{ value: HostAddresses; ttl: number }> {
    const question: Question = { name, type };
    const failed = (reason: string) => ({
      value: { kind: "failed", reason } as const,
      ttl: FAILURE_TTL_SECONDS,
    });
    let descent = await this.descend(question, false, ctx);
    for (let hops = 0; hops < MAX_REFERRALS; hops++) {
      if (descent.kind === "failed") return failed(descent.reason);
      const cut = descent.cut;
      const ask =
        descent.kind === "answered" ? descent.ask : await this.askZone(cut, question, ctx);
      if (ask.kind === "failed") return failed(ask.reason);
      const reply = ask.reply;
      switch (reply.kind) {
        case "referral": {
          const learned = cutFromReferral(reply.referral);
          if (!this.#usableCut(learned, cut, name, false)) {
            return failed(`${ask.server.name} referred ${name} to ${reply.referral.zone}`);
          }
          this.#cuts.store(learned, reply.referral.ttl);
          descent = { kind: "at-cut", cut: learned, path: descent.path };
          continue;
        }
        case "nxdomain":
          return {
            value: { kind: "nxdomain", zone: cut.zone },
            ttl: clampTtl(reply.negativeTtl, MAX_NEGATIVE_TTL_SECONDS),
          };
        case "nodata":
          return {
            value: { kind: "nodata" },
            ttl: clampTtl(reply.negativeTtl, MAX_NEGATIVE_TTL_SECONDS),
          };
        case "answer": {
          const addresses: string[] = [];
          let ttl = MAX_TTL_SECONDS;
          for (const record of reply.records) {
            if (record.type === "CNAME") {
              return {
                value: { kind: "alias", target: record.data },
                ttl: clampTtl(record.ttl, MAX_TTL_SECONDS),
              };
            }
            if (record.type === type) {
              addresses.push(record.data);
              ttl = Math.min(ttl, record.ttl);
            }
          }
          if (addresses.length === 0)
            return { value: { kind: "nodata" }, ttl: FAILURE_TTL_SECONDS };
          return {
            value: { kind: "ok", addresses: [...new Set(addresses)].sort() },
            ttl: clampTtl(ttl, MAX_TTL_SECONDS),
          };
        }
      }
    }
    return failed(`more than ${MAX_REFERRALS} referrals`);
  }

  /** A zone's servers with the addresses known now (glue, or resolved and still cached). */
  serverRefs(cut: ZoneCut): readonly ServerRef[] {
    if (cut.refs !== undefined) return cut.refs;
    let complete = true;
    const refs = cut.servers.flatMap((server) => {
      if (server.glue.length > 0)
        return server.glue.map((address) => ({ name: server.name, address }));
      complete = false;
      return [
        ...okAddresses(this.#hosts.peek(hostKey("A", server.name))),
        ...okAddresses(this.#hosts.peek(hostKey("AAAA", server.name))),
      ].map((address) => ({ name: server.name, address }));
    });
    // Shared by every walk through this cut: 10,000 observations hold one array, not 10,000.
    if (complete) cut.refs = refs;
    return refs;
  }

  traceSteps(path: readonly PathStep[]): TraceStep[] {
    return path.map(({ cut, cached }) => ({
      zone: cut.zone,
      servers: this.serverRefs(cut),
      cached,
    }));
  }

  clear(): void {
    this.#hosts.clear();
    this.#outages.clear();
  }
}

/**
 * Reasons nest (a server's address lookup failed because that zone's servers failed, ...): without
 * a cap a hostile zone makes one reason grow with every level, into megabytes of report.
 */
const MAX_REASON_CHARS = 1_000;

function capped(reason: string): string {
  return reason.length > MAX_REASON_CHARS ? `${reason.slice(0, MAX_REASON_CHARS - 1)}…` : reason;
}

/** Whether a query left this host: a blocked, late, over-budget or unroutable one never did. */
function wasSent(
  outcome: WalkQueryOutcome,
): outcome is Exclude<
  WalkQueryOutcome,
  { kind: "blocked" | "past-deadline" | "unroutable" | "over-budget" }
> {
  return (
    outcome.kind !== "blocked" &&
    outcome.kind !== "past-deadline" &&
    outcome.kind !== "unroutable" &&
    outcome.kind !== "over-budget"
  );
}

function budgetSpent(ctx: LookupContext): boolean {
  return ctx.tally.queries >= ctx.budget;
}

/** Whether the walk has spent its query budget or reached its deadline. */
function limitReached(ctx: LookupContext): boolean {
  return budgetSpent(ctx) || deadlinePassed(ctx);
}

/**
 * Why a host lookup failed when the walk's own limit cut it short (its query budget or its
 * deadline; a walk that joined another's lookup looked again if that walk's limits cut it short):
 * the name was never fully looked up, which says nothing about it. Undefined for any other result.
 */
export function cutShortBy(result: HostAddresses, ctx: LookupContext): NotProbedReason | undefined {
  if (result.kind !== "failed") return undefined;
  if (result.reason === budgetReason(ctx.budget)) {
    return { kind: "query-budget", limit: ctx.budget };
  }
  if (result.reason === ctx.deadline.reason) {
    return { kind: "walk-deadline", limitMs: ctx.deadlineMs };
  }
  return undefined;
}

function deadlinePassed(ctx: LookupContext): boolean {
  return performance.now() >= ctx.deadline.at;
}

export function okAddresses(result: HostAddresses | undefined): readonly string[] {
  return result?.kind === "ok" ? result.addresses : [];
}

/** How a host lookup's outcome reads in failure reasons. */
export function describeHost(result: HostAddresses): string {
  switch (result.kind) {
    case "ok":
      return result.addresses.length === 0 ? "no addresses" : result.addresses.join(", ");
    case "nodata":
      return "no address records";
    case "nxdomain":
      return `NXDOMAIN from ${displayZone(result.zone)}`;
    case "alias":
      return `is an alias (CNAME to ${result.target}); name servers must not be aliases`;
    case "failed":
      return result.reason;
  }
}
