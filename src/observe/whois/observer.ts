// The WHOIS observer: asks the WHOIS service of a registry that has no RDAP (port 43) what it
// records about a domain, and reads the answer with that registry's format. Servers come from the
// registry capability table; no referral is ever followed. Every failure is an observation with
// its reason; `lookup` never throws.
import { setMaxListeners } from "node:events";
import { LRUCache } from "lru-cache";
import { toALabel } from "../../names/normalize.js";
import { queryWhois } from "./client.js";
import { WHOIS_FORMATS } from "./formats.js";
import { readWhoisText } from "./read-text.js";
import { type HostResolver, systemResolver } from "./resolve-host.js";
import type { WhoisObservation, WhoisServer } from "./types.js";

/** A registry's WHOIS service with the query rate it allows. */
export interface RateLimitedWhoisServer extends WhoisServer {
  /** The registry's published limit for one client; queries to the host are spaced to keep it. */
  readonly queriesPerMinute: number;
}

export interface WhoisClock {
  now(): number;
  /** Resolves to true after `ms`, or to false as soon as `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<boolean>;
}

export interface WhoisObserverOptions {
  /** By TLD (a lower-case A-label such as `de` or `co.uk`). */
  readonly servers: ReadonlyMap<string, RateLimitedWhoisServer>;
  /** A lab, or the explicit flag: non-public addresses allowed. */
  readonly allowNonPublic: boolean;
  /** Per query: resolving, connecting and reading together. Default 10000. */
  readonly timeoutMs?: number;
  /** Attempts per domain, the first included. Default 2. */
  readonly maxAttempts?: number;
  /**
   * How long the run may wait for one host's rate limit, counted from the start of the run; the
   * domains that would wait longer are unavailable at once. Default 120.
   */
  readonly maxWaitPerHostSeconds?: number;
  /** Default: the system resolver. */
  readonly resolve?: HostResolver;
  /** Default: the real clock. */
  readonly clock?: WhoisClock;
}

export interface WhoisObserverStats {
  readonly queries: number;
  readonly byHost: Readonly<Record<string, number>>;
}

export interface WhoisObserver {
  /** Whether a WHOIS server is known for the domain's TLD. */
  serves(domain: string): boolean;
  lookup(domain: string): Promise<WhoisObservation>;
  stats(): WhoisObserverStats;
  close(): Promise<void>;
}

const MAX_ANSWER_BYTES = 256 * 1024;
const CACHE_ENTRIES = 1_000;
// Registries answer a client over its limit with a message instead of the record.
const THROTTLED =
  /limit (exceeded|reached)|too many (queries|requests)|quota exceeded|try again later/i;

const REAL_CLOCK: WhoisClock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal.aborted) return resolve(false);
      const timer = setTimeout(() => {
        signal.removeEventListener("abort", onAbort);
        resolve(true);
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        resolve(false);
      };
      signal.addEventListener("abort", onAbort, { once: true });
    }),
};

export function createWhoisObserver(options: WhoisObserverOptions): WhoisObserver {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxAttempts = Math.max(1, options.maxAttempts ?? 2);
  const clock = options.clock ?? REAL_CLOCK;
  const resolve = options.resolve ?? systemResolver(timeoutMs);
  const waitCapMs = (options.maxWaitPerHostSeconds ?? 120) * 1000;
  const started = clock.now();
  const closing = new AbortController();
  setMaxListeners(0, closing.signal);
  const answered = new LRUCache<string, WhoisObservation>({ max: CACHE_ENTRIES });
  const pending = new Map<string, Promise<WhoisObservation>>();
  // Per host: the earliest time the next query may be sent.
  const nextSlot = new Map<string, number>();
  const byHost: Record<string, number> = {};
  let queries = 0;

  function serverFor(domain: string): { tld: string; server: RateLimitedWhoisServer } | undefined {
    const labels = domain.split(".");
    for (let i = 1; i < labels.length; i++) {
      const tld = labels.slice(i).join(".");
      const server = options.servers.get(tld);
      if (server) return { tld, server };
    }
    return undefined;
  }

  /** Takes the host's next slot; a reason when it lies past the run's wait for that host. */
  async function turn(server: RateLimitedWhoisServer): Promise<string | undefined> {
    const now = clock.now();
    const interval = 60_000 / Math.max(1, server.queriesPerMinute);
    const slot = Math.max(now, nextSlot.get(server.host) ?? now);
    if (slot - started > waitCapMs) {
      return `WHOIS ${server.host} allows ${server.queriesPerMinute} queries a minute, and its queue is longer than the ${waitCapMs / 1000} s this run waits for one host; not asked`;
    }
    nextSlot.set(server.host, slot + interval);
    if (slot > now && !(await clock.sleep(slot - now, closing.signal))) {
      return "the WHOIS observer was closed";
    }
    return undefined;
  }

  async function observe(domain: string): Promise<WhoisObservation> {
    const found = serverFor(domain);
    if (!found) {
      return {
        kind: "unavailable",
        domain,
        reason: `no WHOIS server known for ${domain}`,
        url: undefined,
      };
    }
    const { server } = found;
    const url = `whois://${server.host}/${domain}`;
    const format = WHOIS_FORMATS[server.format];
    let reason = "";
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const waited = await turn(server);
      if (waited !== undefined) return { kind: "unavailable", domain, reason: waited, url };
      queries++;
      byHost[server.host] = (byHost[server.host] ?? 0) + 1;
      const reply = await queryWhois({
        host: server.host,
        port: server.port,
        query: server.query.replaceAll("{domain}", domain),
        timeoutMs,
        maxBytes: MAX_ANSWER_BYTES,
        allowNonPublic: options.allowNonPublic,
        resolve,
        signal: closing.signal,
      });
      if (reply.kind === "failed") {
        reason = `${reply.reason}${attempt > 1 ? ` (after ${attempt} attempts)` : ""}`;
        if (!reply.retryable) break;
        continue;
      }
      if (format.notFound.some((pattern) => pattern.test(reply.text))) {
        return { kind: "not-registered", domain, url };
      }
      const data = readWhoisText(reply.text, format);
      const empty =
        data.registrar === undefined &&
        data.nameservers.length === 0 &&
        data.events.expiration === undefined &&
        data.events.lastChanged === undefined;
      // Every layout names the domain; an answer about another one is not this domain's record.
      if (data.about.length > 0 && !data.about.includes(domain)) {
        return {
          kind: "unavailable",
          domain,
          reason: `WHOIS ${server.host} answered about another domain (${data.about.join(", ")})`,
          url,
        };
      }
      if (empty) {
        const why = THROTTLED.test(reply.text)
          ? "refused the query as over its rate limit"
          : `answered without any field of its format (${server.format})`;
        return { kind: "unavailable", domain, reason: `WHOIS ${server.host} ${why}`, url };
      }
      return {
        kind: "registered",
        domain,
        protocol: "whois",
        url,
        registrar: { ianaId: undefined, name: data.registrar },
        statuses: data.statuses,
        events: data.events,
        nameservers: data.nameservers,
        delegationSigned: undefined,
        truncated: data.truncated,
      };
    }
    return { kind: "unavailable", domain, reason, url };
  }

  async function lookup(input: string): Promise<WhoisObservation> {
    const domain = toALabel(input);
    if (domain === undefined) {
      return {
        kind: "unavailable",
        domain: input,
        reason: `not a domain name: ${JSON.stringify(input)}`,
        url: undefined,
      };
    }
    const known = answered.get(domain);
    if (known) return known;
    let running = pending.get(domain);
    if (!running) {
      running = observe(domain).then((observation) => {
        pending.delete(domain);
        // Failures are not remembered: a later lookup may succeed.
        if (observation.kind !== "unavailable") answered.set(domain, observation);
        return observation;
      });
      pending.set(domain, running);
    }
    return running;
  }

  return {
    serves: (domain) => {
      const name = toALabel(domain);
      return name !== undefined && serverFor(name) !== undefined;
    },
    lookup,
    stats: () => ({ queries, byHost: { ...byHost } }),
    async close() {
      closing.abort();
    },
  };
}
