// The RDAP observer: asks the registry (and, for a thin registry, the registrar) what it records
// about a domain. Every failure is an observation with its reason; `lookup` never throws.
import { setMaxListeners } from "node:events";
import { LRUCache } from "lru-cache";
import { toALabel } from "../../names/normalize.js";
import { TOOL_NAME, TOOL_VERSION } from "../../version.js";
import { findRdapService, type RdapBootstrap } from "./bootstrap.js";
import {
  entityName,
  lacksRegistrarData,
  mergeRegistrarAnswer,
  parseRdapDomain,
  type RdapDomainData,
} from "./domain-object.js";
import { createGuardedHttpClient } from "./guarded-http.js";
import { createHostPacer, type HostPacer, type PacerClock } from "./host-pacer.js";
import { backoffDelayMs, parseRetryAfter, sleep } from "./retry-timing.js";
import type { RdapObservation } from "./types.js";

/** Time as the observer sees it; tests and simulations replace it. */
export type RdapClock = PacerClock;

export interface RdapObserverOptions {
  readonly bootstrap: RdapBootstrap;
  /**
   * True for `--rdap-bootstrap FILE`: the user configured a lab, so plain http and non-public
   * addresses are allowed, as custom root hints allow them for DNS.
   */
  readonly userSupplied: boolean;
  /** The explicit flag (`--allow-private-addresses`). */
  readonly allowNonPublic?: boolean;
  /** Per HTTP request; default 10000. */
  readonly timeoutMs?: number;
  /** Attempts per URL, first included; default 3. */
  readonly maxAttempts?: number;
  /**
   * Requests in flight at once to one host; default 8. A host that answers 429 or fails gets half
   * as many, and one more back after each run of that many answers (src/observe/rdap/host-pacer.ts).
   */
  readonly perHostConcurrency?: number;
  /** A longer Retry-After makes the lookup unavailable instead of waiting; default 60. */
  readonly maxRetryAfterSeconds?: number;
  /**
   * How long one host may keep the whole run waiting (its Retry-After and backoff pauses, which
   * hold every request to it) before it has answered anything; default 60. Each answer it gives
   * allows `waitPerAnswerMs` more. Past that budget, its remaining lookups are unavailable at once.
   */
  readonly maxWaitPerHostSeconds?: number;
  /** Default 100. */
  readonly waitPerAnswerMs?: number;
  readonly userAgent?: string;
  /** Default: the real clock. */
  readonly clock?: RdapClock;
}

export interface RdapObserverStats {
  /** HTTP requests sent, redirects and retries included. */
  readonly requests: number;
  readonly byHost: Readonly<Record<string, number>>;
  readonly retries: number;
  readonly redirects: number;
  /** Thin-registry `related` links followed to a registrar's RDAP. */
  readonly relatedFollowed: number;
  /** Registrar entities asked for by handle, because the domain's answer gave no name. */
  readonly entitiesFetched: number;
  /** Lookups answered from the observer's memory of earlier lookups. */
  readonly cacheHits: number;
}

export interface RdapObserver {
  /** `domain` is an A-label (a Unicode name is converted). Never throws. */
  lookup(domain: string): Promise<RdapObservation>;
  stats(): RdapObserverStats;
  /** Cancels waits and requests in flight and releases connections. */
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 2 * 1024 * 1024;
const MAX_REDIRECTS = 3;
// 429s one lookup may get before it gives up (each honoured for the whole host): enough to ride
// out a registry's rate limit, a bound when one answers 429 with no or a zero Retry-After.
const MAX_THROTTLED_ATTEMPTS = 10;
// Domains of one registrable domain (a zone and its delegated subzones) share one answer, and a
// policy lists them close together, so a scan asks each registry once. The answers stay for the
// whole scan: a bound well below a large portfolio keeps them from adding up to megabytes.
const CACHE_ENTRIES = 1_000;
// A registry has a few hundred registrars at most: their names are remembered for the whole run.
const ENTITY_CACHE_ENTRIES = 1_000;
// Some registries reject `application/rdap+json` alone (RFC 7480 §4.2 allows both).
const ACCEPT = "application/rdap+json, application/json";

const REAL_CLOCK: RdapClock = { now: () => Date.now(), sleep };

type Fetched =
  | { readonly kind: "ok"; readonly url: string; readonly json: unknown }
  | { readonly kind: "not-found"; readonly url: string }
  | { readonly kind: "unavailable"; readonly url: string; readonly reason: string };

type FetchedDomain =
  | { readonly kind: "ok"; readonly url: string; readonly data: RdapDomainData }
  | Exclude<Fetched, { kind: "ok" }>;

export function createRdapObserver(options: RdapObserverOptions): RdapObserver {
  const maxAttempts = Math.max(1, options.maxAttempts ?? 3);
  const maxRetryAfter = options.maxRetryAfterSeconds ?? 60;
  const hostWaitMs = (options.maxWaitPerHostSeconds ?? 60) * 1000;
  const waitPerAnswerMs = options.waitPerAnswerMs ?? 100;
  const perHostConcurrency = Math.max(1, options.perHostConcurrency ?? 8);
  const clock = options.clock ?? REAL_CLOCK;
  const http = createGuardedHttpClient({
    allowHttp: options.userSupplied,
    allowNonPublic: options.userSupplied || options.allowNonPublic === true,
    timeoutMs: options.timeoutMs ?? 10_000,
    maxBodyBytes: MAX_BODY_BYTES,
    maxRedirects: MAX_REDIRECTS,
    perHostConcurrency,
    headers: {
      accept: ACCEPT,
      "user-agent": options.userAgent ?? `${TOOL_NAME}/${TOOL_VERSION}`,
    },
  });
  const closing = new AbortController();
  // Every request in flight and every retry wait listens for close; there may be thousands.
  setMaxListeners(0, closing.signal);
  const answered = new LRUCache<string, RdapObservation>({ max: CACHE_ENTRIES });
  const pending = new Map<string, Promise<RdapObservation>>();
  const entityNames = new LRUCache<string, Promise<string | undefined>>({
    max: ENTITY_CACHE_ENTRIES,
  });
  const pacers = new Map<string, HostPacer>();
  let retries = 0;
  let relatedFollowed = 0;
  let entitiesFetched = 0;
  let cacheHits = 0;

  function pacerFor(url: string): HostPacer {
    const host = URL.canParse(url) ? new URL(url).host : url;
    let pacer = pacers.get(host);
    if (!pacer) {
      pacer = createHostPacer({
        host,
        maxConcurrency: perHostConcurrency,
        baseWaitMs: hostWaitMs,
        waitPerAnswerMs,
        clock,
        signal: closing.signal,
      });
      pacers.set(host, pacer);
    }
    return pacer;
  }

  async function fetchJson(url: string): Promise<Fetched> {
    // Paced by the host first asked: a redirect's target answers for it.
    const pacer = pacerFor(url);
    let previous = "";
    // A 429 is the host pacing us, not a failure: it has a bound of its own, and the host's
    // budget bounds the waiting.
    let failures = 0;
    let throttles = 0;
    for (let sent = 1; ; sent++) {
      const admission = await pacer.admit();
      if (admission.kind === "stop") {
        return { kind: "unavailable", url, reason: `${previous}${admission.reason}` };
      }
      const outcome = await http.get(url, closing.signal);
      const tries = sent > 1 ? ` (after ${sent} attempts)` : "";
      let delay: number;
      let answeredWith: string;
      let exhausted: boolean;
      if (outcome.kind === "failed") {
        exhausted = ++failures >= maxAttempts;
        if (!outcome.retryable || exhausted) {
          pacer.finish(outcome.retryable ? { kind: "throttled", waitMs: 0 } : { kind: "other" });
          return { kind: "unavailable", url: outcome.url, reason: `${outcome.reason}${tries}` };
        }
        answeredWith = outcome.reason;
        delay = backoffDelayMs(failures);
      } else {
        const { status } = outcome;
        if ((status >= 200 && status <= 299) || status === 404) {
          pacer.finish({ kind: "answered" });
          return status === 404
            ? { kind: "not-found", url: outcome.url }
            : readJson(outcome.url, outcome.body);
        }
        answeredWith = `${outcome.url} answered HTTP ${status}`;
        if (status !== 429 && status < 500) {
          pacer.finish({ kind: "other" });
          return { kind: "unavailable", url: outcome.url, reason: answeredWith };
        }
        const retryAfter = parseRetryAfter(outcome.retryAfter, clock.now());
        if (retryAfter !== undefined && retryAfter > maxRetryAfter) {
          // Slower, but not stopped: other lookups may still be answered.
          pacer.finish({ kind: "throttled", waitMs: 0 });
          return {
            kind: "unavailable",
            url: outcome.url,
            reason: `${answeredWith} and asked to retry after ${retryAfter} s, longer than the ${maxRetryAfter} s we wait`,
          };
        }
        const tried = status === 429 ? ++throttles : ++failures;
        exhausted = status === 429 ? throttles >= MAX_THROTTLED_ATTEMPTS : failures >= maxAttempts;
        if (retryAfter !== undefined) answeredWith += ` (Retry-After ${retryAfter} s)`;
        delay = retryAfter !== undefined ? retryAfter * 1000 : backoffDelayMs(tried);
      }
      // The whole host waits, not only this lookup: the next request would be refused too.
      const stopped = pacer.finish({ kind: "throttled", waitMs: delay });
      if (exhausted || stopped !== undefined) {
        return {
          kind: "unavailable",
          url: outcome.url,
          reason: `${answeredWith}${exhausted ? tries : ""}${stopped === undefined ? "" : `; ${stopped}`}`,
        };
      }
      retries++;
      previous = `${answeredWith}; `;
    }
  }

  function readJson(url: string, body: Buffer): Fetched {
    try {
      return { kind: "ok", url, json: JSON.parse(body.toString("utf8")) };
    } catch (error) {
      return {
        kind: "unavailable",
        url,
        reason: `${url} answered invalid JSON (${(error as Error).message})`,
      };
    }
  }

  async function fetchDomain(url: string, domain: string): Promise<FetchedDomain> {
    const fetched = await fetchJson(url);
    if (fetched.kind !== "ok") return fetched;
    const parsed = parseRdapDomain(fetched.json, domain, fetched.url);
    if (!parsed.ok) {
      return { kind: "unavailable", url: fetched.url, reason: `${fetched.url}: ${parsed.message}` };
    }
    return { kind: "ok", url: fetched.url, data: parsed.data };
  }

  /**
   * The registrar's name from its own entity object, when the domain's answer names it only by a
   * handle: the entity's `self` link, else `entity/<handle>` on the registry's server. Asked once
   * per URL for the whole run; a failure leaves the name unknown (the handle still identifies it).
   */
  function registrarName(data: RdapDomainData, baseUrl: string): Promise<string | undefined> {
    const { handle } = data.registrar;
    const url =
      data.registrarEntityUrl ??
      (handle === undefined
        ? undefined
        : new URL(`entity/${encodeURIComponent(handle)}`, baseUrl).href);
    if (url === undefined) return Promise.resolve(undefined);
    let name = entityNames.get(url);
    if (name === undefined) {
      entitiesFetched++;
      name = fetchJson(url).then((fetched) => {
        if (fetched.kind === "ok") return entityName(fetched.json);
        // A failure is not remembered: a later domain may ask again.
        if (fetched.kind === "unavailable") entityNames.delete(url);
        return undefined;
      });
      entityNames.set(url, name);
    }
    return name;
  }

  async function observe(domain: string): Promise<RdapObservation> {
    const service = findRdapService(options.bootstrap, domain, options.userSupplied);
    if (service.kind === "none") {
      return { kind: "unavailable", domain, reason: service.reason, url: undefined };
    }
    const registry = await fetchDomain(new URL(`domain/${domain}`, service.baseUrl).href, domain);
    if (registry.kind === "not-found") return { kind: "not-registered", domain, url: registry.url };
    if (registry.kind === "unavailable") {
      return { kind: "unavailable", domain, reason: registry.reason, url: registry.url };
    }
    let { url, data } = registry;
    // One hop only: the registrar's answer is never asked for its own related link.
    if (data.relatedUrl !== undefined && lacksRegistrarData(data)) {
      relatedFollowed++;
      const registrar = await fetchDomain(data.relatedUrl, domain);
      // A failing registrar server leaves the registry's data, which is still authoritative.
      if (registrar.kind === "ok") {
        data = mergeRegistrarAnswer(data, registrar.data);
        url = registrar.url;
      }
    }
    let { registrar } = data;
    if (registrar.name === undefined && registrar.ianaId === undefined) {
      registrar = { ...registrar, name: await registrarName(data, service.baseUrl) };
    }
    return {
      kind: "registered",
      domain,
      protocol: "rdap",
      url,
      registrar,
      statuses: data.statuses,
      events: data.events,
      nameservers: data.nameservers,
      delegationSigned: data.delegationSigned,
      dsData: data.dsData,
      keyData: data.keyData,
      truncated: data.truncated,
    };
  }

  async function lookup(input: string): Promise<RdapObservation> {
    const domain = toALabel(input);
    if (domain === undefined) {
      return {
        kind: "unavailable",
        domain: input,
        reason: `not a domain name: ${JSON.stringify(input)}`,
        url: undefined,
      };
    }
    if (closing.signal.aborted) {
      return {
        kind: "unavailable",
        domain,
        reason: "the RDAP observer was closed",
        url: undefined,
      };
    }
    const known = answered.get(domain);
    if (known) {
      cacheHits++;
      return known;
    }
    let running = pending.get(domain);
    if (!running) {
      running = observe(domain)
        .catch(
          (error: unknown): RdapObservation => ({
            kind: "unavailable",
            domain,
            reason: `internal error: ${error instanceof Error ? error.message : String(error)}`,
            url: undefined,
          }),
        )
        .then((observation) => {
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
    lookup,
    stats: () => ({ ...http.stats(), retries, relatedFollowed, entitiesFetched, cacheHits }),
    async close() {
      if (closing.signal.aborted) return;
      closing.abort();
      await http.close();
    },
  };
}
