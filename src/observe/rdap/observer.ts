// The RDAP observer: asks the registry (and, for a thin registry, the registrar) what it records
// about a domain. Every failure is an observation with its reason; `lookup` never throws.
import { setMaxListeners } from "node:events";
import { LRUCache } from "lru-cache";
import { toALabel } from "../../names/normalize.js";
import { TOOL_NAME, TOOL_VERSION } from "../../version.js";
import { findRdapService, type RdapBootstrap } from "./bootstrap.js";
import {
  lacksRegistrarData,
  mergeRegistrarAnswer,
  parseRdapDomain,
  type RdapDomainData,
} from "./domain-object.js";
import { createGuardedHttpClient } from "./guarded-http.js";
import { backoffDelayMs, parseRetryAfter, sleep } from "./retry-timing.js";
import type { RdapObservation } from "./types.js";

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
  /** Default 8. */
  readonly perHostConcurrency?: number;
  /** A longer Retry-After makes the lookup unavailable instead of waiting; default 60. */
  readonly maxRetryAfterSeconds?: number;
  readonly userAgent?: string;
}

export interface RdapObserverStats {
  /** HTTP requests sent, redirects and retries included. */
  readonly requests: number;
  readonly byHost: Readonly<Record<string, number>>;
  readonly retries: number;
  readonly redirects: number;
  /** Thin-registry `related` links followed to a registrar's RDAP. */
  readonly relatedFollowed: number;
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
// Domains of one registrable domain (a zone and its delegated subzones) share one answer, and a
// policy lists them close together, so a scan asks each registry once. The answers stay for the
// whole scan: a bound well below a large portfolio keeps them from adding up to megabytes.
const CACHE_ENTRIES = 1_000;

type Fetched =
  | { readonly kind: "ok"; readonly url: string; readonly data: RdapDomainData }
  | { readonly kind: "not-found"; readonly url: string }
  | { readonly kind: "unavailable"; readonly url: string; readonly reason: string };

export function createRdapObserver(options: RdapObserverOptions): RdapObserver {
  const maxAttempts = Math.max(1, options.maxAttempts ?? 3);
  const maxRetryAfter = options.maxRetryAfterSeconds ?? 60;
  const http = createGuardedHttpClient({
    allowHttp: options.userSupplied,
    allowNonPublic: options.userSupplied || options.allowNonPublic === true,
    timeoutMs: options.timeoutMs ?? 10_000,
    maxBodyBytes: MAX_BODY_BYTES,
    maxRedirects: MAX_REDIRECTS,
    perHostConcurrency: Math.max(1, options.perHostConcurrency ?? 8),
    headers: {
      accept: "application/rdap+json",
      "user-agent": options.userAgent ?? `${TOOL_NAME}/${TOOL_VERSION}`,
    },
  });
  const closing = new AbortController();
  // Every request in flight and every retry wait listens for close; there may be thousands.
  setMaxListeners(0, closing.signal);
  const answered = new LRUCache<string, RdapObservation>({ max: CACHE_ENTRIES });
  const pending = new Map<string, Promise<RdapObservation>>();
  let retries = 0;
  let relatedFollowed = 0;
  let cacheHits = 0;

  /** Waits before another attempt; false when the observer closed meanwhile. */
  async function pause(ms: number): Promise<boolean> {
    retries++;
    return sleep(ms, closing.signal);
  }

  async function fetchDomain(url: string, domain: string): Promise<Fetched> {
    for (let attempt = 1; ; attempt++) {
      const outcome = await http.get(url, closing.signal);
      const exhausted = attempt >= maxAttempts;
      const tries = attempt > 1 ? ` (after ${attempt} attempts)` : "";
      if (outcome.kind === "failed") {
        if (!outcome.retryable || exhausted) {
          return { kind: "unavailable", url: outcome.url, reason: `${outcome.reason}${tries}` };
        }
        if (!(await pause(backoffDelayMs(attempt)))) break;
        continue;
      }
      const { status } = outcome;
      if (status >= 200 && status <= 299) return readDomain(outcome.url, outcome.body, domain);
      if (status === 404) return { kind: "not-found", url: outcome.url };
      const answeredWith = `${outcome.url} answered HTTP ${status}`;
      if (status !== 429 && status < 500) {
        return { kind: "unavailable", url: outcome.url, reason: answeredWith };
      }
      const retryAfter = parseRetryAfter(outcome.retryAfter, Date.now());
      if (retryAfter !== undefined && retryAfter > maxRetryAfter) {
        return {
          kind: "unavailable",
          url: outcome.url,
          reason: `${answeredWith} and asked to retry after ${retryAfter} s, longer than the ${maxRetryAfter} s we wait`,
        };
      }
      if (exhausted) {
        return { kind: "unavailable", url: outcome.url, reason: `${answeredWith}${tries}` };
      }
      const delay = retryAfter !== undefined ? retryAfter * 1000 : backoffDelayMs(attempt);
      if (!(await pause(delay))) break;
    }
    return { kind: "unavailable", url, reason: "the RDAP observer was closed" };
  }

  function readDomain(url: string, body: Buffer, domain: string): Fetched {
    let json: unknown;
    try {
      json = JSON.parse(body.toString("utf8"));
    } catch (error) {
      return {
        kind: "unavailable",
        url,
        reason: `${url} answered invalid JSON (${(error as Error).message})`,
      };
    }
    const parsed = parseRdapDomain(json, domain, url);
    if (!parsed.ok) return { kind: "unavailable", url, reason: `${url}: ${parsed.message}` };
    return { kind: "ok", url, data: parsed.data };
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
    return {
      kind: "registered",
      domain,
      url,
      registrar: data.registrar,
      statuses: data.statuses,
      events: data.events,
      nameservers: data.nameservers,
      delegationSigned: data.delegationSigned,
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
    stats: () => ({ ...http.stats(), retries, relatedFollowed, cacheHits }),
    async close() {
      if (closing.signal.aborted) return;
      closing.abort();
      await http.close();
    },
  };
}
