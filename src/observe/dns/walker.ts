// The delegation walker: for a domain, the parent side of its delegation (as the parent zone's
// servers hand it out) and the answer of every delegated name server address. See
// docs/delegation.md for what is observed and how each answer is classified.

import { delegationNameError, normalizeName, ROOT } from "../../names/normalize.js";
import { type Deadline, DnsClient, type QueryOutcome } from "./client.js";
import { CutCache, type CutServer, makeCut, type ZoneCut } from "./cut-cache.js";
import { IterativeResolver, MAX_QUERIES_PER_WALK, newContext } from "./iterative.js";
import { canonicalAddress } from "./message.js";
import { observeNameServers } from "./name-servers.js";
import { askAllParents, askOneParent, isInconsistent, readDelegation } from "./parent-side.js";
import { DnsCounters, type DnsStats } from "./stats.js";
import type {
  DelegationObservation,
  DnssecLookup,
  DsRecord,
  Ipv6Mode,
  NameServerObservation,
  ParentSide,
  ServerRef,
} from "./types.js";
import type { Question } from "./wire.js";

export interface WalkerOptions {
  /** Parsed root hints (see `parseRootHints`); trusted, never gated. */
  readonly rootHints: readonly ServerRef[];
  /** Destination port of every query; default 53 (labs run unprivileged). */
  readonly port?: number;
  /** Per query; default 1500. */
  readonly timeoutMs?: number;
  /**
   * IPv6 addresses: `auto` asks those this host has a route to and reports the others as not
   * probed; `on` (or true) asks every one; `off` (or false, the default) asks none and reports
   * the known ones as not probed.
   */
  readonly ipv6?: Ipv6Mode | boolean;
  /** Allow non-public addresses learned from the network; default false. Set only for labs. */
  readonly allowNonPublic?: boolean;
  /** Ask every parent server and record disagreement; default false (one answer suffices). */
  readonly allParents?: boolean;
  /** Also ask each delegated server for the SOA serial; default false. */
  readonly soa?: boolean;
  /** Global limit on queries in flight; default 256. */
  readonly concurrency?: number;
  /** Limit on queries in flight to one server address; default 64. */
  readonly perServerConcurrency?: number;
  /** Servers tried per zone before giving up; default 3. */
  readonly maxServersPerZone?: number;
  /**
   * Wall-clock limit of one walk, in milliseconds: after it the walk sends no new query and ends
   * with what it has (queries in flight finish). Default 20 × `timeoutMs`, at least 10 s.
   */
  readonly deadlineMs?: number;
  /** The clock DNSSEC signature windows are judged by; default the system clock. */
  readonly now?: () => Date;
  /**
   * Queries one walk may send, its nested lookups included; default 1000 (a hostile zone fans
   * out into tens of thousands otherwise). What the walk did not get to ask is `not-probed`
   * (`query-budget`), or the walk `failed` with that reason.
   */
  readonly maxQueriesPerWalk?: number;
}

/** What one walk looks at beyond the delegation itself. */
export interface WalkOptions {
  /** Ask each delegated server address for DNSKEY and validate the chain; default `if-signed`. */
  readonly dnssec?: DnssecLookup;
  /** Ask every parent server for this domain, whatever the walker's setting (a migrating domain). */
  readonly allParents?: boolean;
}

/** Servers asked directly about a zone they are not (yet) delegated for. */
export interface ProbeOptions {
  /** Validates the chain each address serves against these DS records (the parent's, today). */
  readonly ds?: readonly DsRecord[];
}

export interface DelegationWalker {
  /** Walks one domain (an A-label). Never throws for network trouble or bad input. */
  walk(domain: string, options?: WalkOptions): Promise<DelegationObservation>;
  /**
   * Sends one non-recursive question to one server address through the walker's client: the same
   * address gate, in-flight limits, sockets, RFC 5452 checks, TCP retry and counters as a walk.
   * For observers that ask known servers directly (record parity). Never throws.
   */
  askServer(address: string, question: Question, deadline?: Deadline): Promise<QueryOutcome>;
  /**
   * Resolves each name server's addresses and asks every address for the zone's NS (and, with
   * `ds`, its DNSKEY), as the walk asks delegated servers: for servers the delegation does not
   * point at yet (a migration's target). Never throws for network trouble.
   */
  probe(
    domain: string,
    nameservers: readonly string[],
    options?: ProbeOptions,
  ): Promise<readonly NameServerObservation[]>;
  stats(): DnsStats;
  /** Waits for walks in progress, then drops the caches. Later walks fail. */
  close(): Promise<void>;
}

const CUT_CACHE_SIZE = 10_000;
const HOST_CACHE_SIZE = 50_000;

interface Settings {
  readonly ipv6: Ipv6Mode;
  readonly allParents: boolean;
  readonly soa: boolean;
  readonly deadlineMs: number;
  readonly queryBudget: number;
  readonly now: () => Date;
}

/** Bounds a walk's time as the query budget bounds its queries: some 1000 timeouts otherwise. */
const DEADLINE_TIMEOUTS = 20;
const MIN_DEFAULT_DEADLINE_MS = 10_000;

/** Options are the caller's code, not input from the network: a bad one is a programming error. */
function positiveInteger(
  name: string,
  value: number | undefined,
  fallback: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  const result = value ?? fallback;
  if (!Number.isInteger(result) || result < 1 || result > max) {
    throw new RangeError(`${name} must be an integer from 1 to ${max}, got ${String(value)}`);
  }
  return result;
}

function ipv6Mode(option: WalkerOptions["ipv6"]): Ipv6Mode {
  if (option === true) return "on";
  if (option === false || option === undefined) return "off";
  return option;
}

function rootCut(hints: readonly ServerRef[]): ZoneCut {
  const byName = new Map<string, string[]>();
  for (const hint of hints) {
    const address = canonicalAddress(hint.address);
    if (address === undefined)
      throw new RangeError(`root hint ${hint.name}: bad address ${hint.address}`);
    const name = normalizeName(hint.name);
    const list = byName.get(name);
    if (list === undefined) byName.set(name, [address]);
    else list.push(address);
  }
  return makeCut(
    ROOT,
    [...byName].map(([name, glue]): CutServer => ({ name, glue })),
  );
}

export function createDelegationWalker(options: WalkerOptions): DelegationWalker {
  const timeoutMs = positiveInteger("timeoutMs", options.timeoutMs, 1500);
  const settings: Settings = {
    ipv6: ipv6Mode(options.ipv6),
    allParents: options.allParents ?? false,
    soa: options.soa ?? false,
    deadlineMs: positiveInteger(
      "deadlineMs",
      options.deadlineMs,
      Math.max(DEADLINE_TIMEOUTS * timeoutMs, MIN_DEFAULT_DEADLINE_MS),
    ),
    queryBudget: positiveInteger(
      "maxQueriesPerWalk",
      options.maxQueriesPerWalk,
      MAX_QUERIES_PER_WALK,
    ),
    now: options.now ?? (() => new Date()),
  };
  const root = rootCut(options.rootHints);
  const counters = new DnsCounters();
  const client = new DnsClient(
    {
      port: positiveInteger("port", options.port, 53, 65_535),
      timeoutMs,
      allowNonPublic: options.allowNonPublic ?? false,
      trusted: new Set(root.servers.flatMap((server) => server.glue)),
      concurrency: positiveInteger("concurrency", options.concurrency, 256),
      perServerConcurrency: positiveInteger(
        "perServerConcurrency",
        options.perServerConcurrency,
        64,
      ),
    },
    counters,
  );
  const cuts = new CutCache(root, CUT_CACHE_SIZE);
  const resolver = new IterativeResolver(client, cuts, counters, {
    ipv6: settings.ipv6,
    maxServersPerZone: positiveInteger("maxServersPerZone", options.maxServersPerZone, 3),
    hostCacheSize: HOST_CACHE_SIZE,
    timeoutMs,
  });
  const active = new Set<Promise<DelegationObservation>>();
  let closed = false;

  return {
    walk(domain: string, walkOptions: WalkOptions = {}): Promise<DelegationObservation> {
      if (closed) return Promise.resolve(failedEarly(domain, "the walker is closed"));
      counters.walks++;
      // Network trouble is already a value; this catches our own bugs, so that one domain's
      // failure never rejects the caller's batch.
      const lookup = walkOptions.dnssec ?? "if-signed";
      const walkSettings = walkOptions.allParents ? { ...settings, allParents: true } : settings;
      const running = walkDomain(resolver, walkSettings, domain, lookup).catch((error: unknown) =>
        failedEarly(
          domain,
          `internal error: ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
      active.add(running);
      void running.finally(() => active.delete(running));
      return running;
    },
    askServer(address, question, deadline): Promise<QueryOutcome> {
      if (closed) {
        return Promise.resolve({ kind: "blocked", reason: "the walker is closed" });
      }
      const canonical = canonicalAddress(address);
      if (canonical === undefined) {
        return Promise.resolve({ kind: "blocked", reason: `not an address: ${address}` });
      }
      return client.query(canonical, question, deadline);
    },
    async probe(domain, nameservers, probeOptions = {}) {
      if (closed) return [];
      const ctx = newContext(settings.deadlineMs, settings.queryBudget);
      const ds = probeOptions.ds;
      return observeNameServers(
        resolver,
        {
          ipv6: settings.ipv6,
          soa: false,
          dnssec: ds === undefined || ds.length === 0 ? undefined : { ds, now: settings.now },
        },
        normalizeName(domain),
        nameservers.map(normalizeName),
        new Map(),
        ctx,
      );
    },
    stats: () => counters.snapshot(),
    async close(): Promise<void> {
      closed = true;
      await Promise.allSettled([...active]);
      cuts.clear();
      resolver.clear();
      client.close();
    },
  };
}

function failedEarly(domain: string, reason: string): DelegationObservation {
  return {
    kind: "failed",
    domain,
    zone: ROOT,
    reason,
    path: [],
    stats: { queries: 0, durationMs: 0 },
  };
}

async function walkDomain(
  resolver: IterativeResolver,
  settings: Settings,
  input: string,
  lookup: DnssecLookup,
): Promise<DelegationObservation> {
  const started = performance.now();
  const domain = normalizeName(input);
  const syntax = delegationNameError(domain);
  if (syntax !== undefined) return failedEarly(domain, `invalid domain name: ${syntax}`);
  const ctx = newContext(settings.deadlineMs, settings.queryBudget);
  const stats = () => ({
    queries: ctx.tally.queries,
    durationMs: Math.round(performance.now() - started),
  });
  const question = { name: domain, type: "NS" } as const;
  const descent = await resolver.descend(question, true, ctx);
  if (descent.kind === "failed") {
    return {
      kind: "failed",
      domain,
      zone: descent.zone,
      reason: descent.reason,
      path: resolver.traceSteps(descent.path),
      stats: stats(),
    };
  }
  const cut = descent.cut;
  const parentAnswers = settings.allParents
    ? await askAllParents(resolver, cut, domain, ctx)
    : await askOneParent(
        resolver,
        cut,
        domain,
        ctx,
        descent.kind === "answered" ? descent.ask : undefined,
      );
  if (parentAnswers.kind === "failed") {
    return {
      kind: "failed",
      domain,
      zone: cut.zone,
      reason: parentAnswers.reason,
      path: resolver.traceSteps(descent.path),
      stats: stats(),
    };
  }
  const { respondent, reply, answers } = parentAnswers;
  const delegation = readDelegation(reply, cut.zone);
  if (delegation === "nxdomain" || delegation === "no-delegation") {
    return {
      kind: "not-delegated",
      domain,
      parentZone: cut.zone,
      respondent,
      reason: delegation,
      path: resolver.traceSteps(descent.path),
      stats: stats(),
    };
  }
  const glue = new Map(delegation.glue.map((record) => [record.name, record.addresses]));
  // Keys are asked for when any parent server publishes DS (they may disagree, --all-parents);
  // the chain is validated against the respondent's, and the judge weighs the others'.
  const anyDs = [
    delegation.ds,
    ...answers.map(({ answer }) => (answer.kind === "delegation" ? answer.ds : [])),
  ];
  const dnssec = looksAtDnssec(lookup, anyDs.flat())
    ? { ds: delegation.ds, now: settings.now }
    : undefined;
  const nameservers = await observeNameServers(
    resolver,
    { ipv6: settings.ipv6, soa: settings.soa, dnssec },
    domain,
    delegation.ns,
    glue,
    ctx,
  );
  // Built last, so servers resolved during the walk show their addresses.
  const parent: ParentSide = {
    zone: cut.zone,
    servers: resolver.serverRefs(cut),
    respondent,
    ns: delegation.ns,
    nsTtl: delegation.ttl,
    glue: delegation.glue,
    ds: delegation.ds,
    answers,
    inconsistent: isInconsistent(answers),
  };
  const path = resolver.traceSteps(descent.path);
  return {
    kind: "delegated",
    domain,
    parent,
    nameservers,
    ipv6: settings.ipv6,
    dnssec: dnssec === undefined ? "not-asked" : "asked",
    path,
    stats: stats(),
  };
}

/** DNSSEC costs one query per server address: spent on signed delegations, or when asked to. */
function looksAtDnssec(lookup: DnssecLookup, ds: readonly DsRecord[]): boolean {
  return lookup === "always" || (lookup === "if-signed" && ds.length > 0);
}
