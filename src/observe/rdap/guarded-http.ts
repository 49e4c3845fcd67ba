// HTTP GET with the safety rules every fetch of untrusted URLs needs: scheme allow-list, the
// non-public address rule applied to the address actually connected (also after redirects),
// manual and bounded redirects, capped bodies, timeouts (host-name lookups included) and a per-host
// concurrency limit.
// It never throws for a failure of the remote side: every outcome is a value.
import type { LookupAddress, LookupOptions } from "node:dns";
import { isIP, type LookupFunction } from "node:net";
import pLimit, { type LimitFunction } from "p-limit";
import { Agent, type Dispatcher } from "undici";
import { checkAddress } from "../../net/address-policy.js";
import { boundedLookup } from "../../net/bounded-lookup.js";

export interface GuardedHttpOptions {
  /** Plain http is allowed only when every URL comes from a source the user supplied (a lab). */
  readonly allowHttp: boolean;
  /** Lifts the non-public address rule (a lab, or the explicit flag). */
  readonly allowNonPublic: boolean;
  /** Per request: connecting, headers and body together. */
  readonly timeoutMs: number;
  readonly maxBodyBytes: number;
  readonly maxRedirects: number;
  /** Requests in flight at once to one host (and connections kept to it). */
  readonly perHostConcurrency: number;
  readonly headers: Readonly<Record<string, string>>;
}

export type HttpOutcome =
  | {
      readonly kind: "response";
      /** The URL that answered, after redirects. */
      readonly url: string;
      readonly status: number;
      readonly retryAfter: string | undefined;
      /** The body of a 2xx answer; empty for other statuses, whose bodies are discarded. */
      readonly body: Buffer;
    }
  | {
      readonly kind: "failed";
      readonly url: string;
      readonly reason: string;
      /** A timeout or a broken connection, worth another attempt; policy refusals are not. */
      readonly retryable: boolean;
    };

export interface HttpStats {
  readonly requests: number;
  readonly byHost: Readonly<Record<string, number>>;
  readonly redirects: number;
}

export interface GuardedHttpClient {
  get(url: string, signal: AbortSignal): Promise<HttpOutcome>;
  stats(): HttpStats;
  close(): Promise<void>;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** Raised by the connector's lookup; recognised below and turned into a non-retryable refusal. */
class BlockedAddressError extends Error {
  override readonly name = "BlockedAddressError";
}

const PUBLIC_ONLY = { allowNonPublic: false } as const;

/** Resolves with `lookup`, then hands the connector only addresses the policy allows. */
function guardedLookup(lookup: LookupFunction): LookupFunction {
  return (hostname, options: LookupOptions, callback) => {
    lookup(hostname, { ...options, all: true }, (error, found) => {
      if (error) return callback(error, "", 0);
      const addresses = found as LookupAddress[];
      let refused = "no addresses";
      const allowed = addresses.filter((a) => {
        const verdict = checkAddress(PUBLIC_ONLY, a.address);
        if (!verdict.allowed) refused = verdict.reason;
        return verdict.allowed;
      });
      const first = allowed[0];
      if (first === undefined) {
        const blocked = new BlockedAddressError(
          `${hostname} has no address we may use (${refused})`,
        );
        return callback(blocked, "", 0);
      }
      if (options.all) callback(null, allowed);
      else callback(null, first.address, first.family);
    });
  };
}

function bareHost(url: URL): string {
  return url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname;
}

/** Why a URL may not be fetched, or undefined when it may. Applied to every hop. */
function refusal(url: URL, options: GuardedHttpOptions): string | undefined {
  if (url.protocol !== "https:" && !(url.protocol === "http:" && options.allowHttp)) {
    return url.protocol === "http:"
      ? `refusing plain http URL ${url.href}: only https is used unless the URL comes from a file you supplied`
      : `refusing ${url.protocol} URL ${url.href}: only https is used`;
  }
  const host = bareHost(url);
  // A literal address never reaches the lookup, so it is judged here.
  if (isIP(host) !== 0) {
    const verdict = checkAddress({ allowNonPublic: options.allowNonPublic }, host);
    if (!verdict.allowed) return `refusing ${url.href}: ${verdict.reason}`;
  }
  return undefined;
}

function describeError(error: unknown, url: string, timedOut: boolean, timeoutMs: number) {
  if (timedOut) return { reason: `no answer from ${url} within ${timeoutMs} ms`, retryable: true };
  const found = findCause(error);
  if (found instanceof BlockedAddressError) {
    return { reason: `refusing ${url}: ${found.message}`, retryable: false };
  }
  const code = (found as NodeJS.ErrnoException | undefined)?.code;
  const message = (found instanceof Error ? found.message : String(error)).trim();
  switch (code) {
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return {
        reason: `cannot resolve the host of ${url} (${code})`,
        retryable: code === "EAI_AGAIN",
      };
    // Another try would wait on the same stuck resolver.
    case "ETIMEOUT":
      return { reason: `cannot resolve the host of ${url}: ${message}`, retryable: false };
    case "ECONNREFUSED":
    case "ECONNRESET":
    case "EPIPE":
    case "UND_ERR_SOCKET":
    case "UND_ERR_CLOSED":
    case "UND_ERR_CONNECT_TIMEOUT":
    case "UND_ERR_HEADERS_TIMEOUT":
    case "UND_ERR_BODY_TIMEOUT":
      return { reason: `connection to ${url} failed: ${message}`, retryable: true };
    default:
      return { reason: `request to ${url} failed: ${message}`, retryable: false };
  }
}

// undici may wrap the connector's error; the innermost cause says what happened.
function findCause(error: unknown): unknown {
  let current = error;
  for (let depth = 0; depth < 5; depth++) {
    if (current instanceof BlockedAddressError) return current;
    const cause = (current as { cause?: unknown } | undefined)?.cause;
    if (cause === undefined || cause === null) return current;
    current = cause;
  }
  return current;
}

type ReadResult = { kind: "ok"; body: Buffer } | { kind: "too-large" };

async function readCapped(
  body: Dispatcher.ResponseData["body"],
  declaredLength: number,
  max: number,
): Promise<ReadResult> {
  // A declared length over the cap is refused before reading; an undeclared one is counted.
  if (declaredLength > max) {
    body.destroy();
    return { kind: "too-large" };
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body) {
    total += (chunk as Buffer).length;
    if (total > max) {
      body.destroy();
      return { kind: "too-large" };
    }
    chunks.push(chunk as Buffer);
  }
  return { kind: "ok", body: Buffer.concat(chunks, total) };
}

export function createGuardedHttpClient(options: GuardedHttpOptions): GuardedHttpClient {
  const lookup = boundedLookup({ timeoutMs: options.timeoutMs });
  const agent = new Agent({
    connections: options.perHostConcurrency,
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
    connect: {
      timeout: options.timeoutMs,
      lookup: options.allowNonPublic ? lookup : guardedLookup(lookup),
    },
  });
  const limits = new Map<string, LimitFunction>();
  const byHost: Record<string, number> = {};
  let requests = 0;
  let redirects = 0;

  const limitFor = (host: string): LimitFunction => {
    let limit = limits.get(host);
    if (!limit) {
      limit = pLimit(options.perHostConcurrency);
      limits.set(host, limit);
    }
    return limit;
  };

  type Hop = { kind: "redirect"; location: string | undefined; status: number } | HttpOutcome;

  async function fetchOnce(url: URL, signal: AbortSignal): Promise<Hop> {
    // One controller per request, released when it ends (AbortSignal.any keeps its inputs'
    // listeners alive on Node 20, which adds up over thousands of requests).
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, options.timeoutMs);
    const cancel = () => controller.abort();
    signal.addEventListener("abort", cancel, { once: true });
    requests++;
    byHost[url.host] = (byHost[url.host] ?? 0) + 1;
    try {
      const response = await agent.request({
        origin: url.origin,
        path: `${url.pathname}${url.search}`,
        method: "GET",
        headers: options.headers,
        signal: controller.signal,
      });
      const { statusCode, headers, body } = response;
      if (REDIRECT_STATUSES.has(statusCode)) {
        await body.dump();
        const location = headers.location;
        return {
          kind: "redirect",
          status: statusCode,
          location: Array.isArray(location) ? location[0] : location,
        };
      }
      const retryAfterHeader = headers["retry-after"];
      const retryAfter = Array.isArray(retryAfterHeader) ? retryAfterHeader[0] : retryAfterHeader;
      if (statusCode < 200 || statusCode > 299) {
        await body.dump();
        return {
          kind: "response",
          url: url.href,
          status: statusCode,
          retryAfter,
          body: Buffer.alloc(0),
        };
      }
      const read = await readCapped(body, Number(headers["content-length"]), options.maxBodyBytes);
      if (read.kind === "too-large") {
        return {
          kind: "failed",
          url: url.href,
          reason: `the answer from ${url.href} is larger than ${options.maxBodyBytes} bytes`,
          retryable: false,
        };
      }
      return { kind: "response", url: url.href, status: statusCode, retryAfter, body: read.body };
    } catch (error) {
      if (signal.aborted) {
        return { kind: "failed", url: url.href, reason: "cancelled", retryable: false };
      }
      return {
        kind: "failed",
        url: url.href,
        ...describeError(error, url.href, timedOut, options.timeoutMs),
      };
    } finally {
      clearTimeout(timer);
      signal.removeEventListener("abort", cancel);
    }
  }

  async function get(start: string, signal: AbortSignal): Promise<HttpOutcome> {
    const refuse = (url: string, reason: string): HttpOutcome => ({
      kind: "failed",
      url,
      reason,
      retryable: false,
    });
    if (!URL.canParse(start)) return refuse(start, `not a URL: ${start}`);
    let url = new URL(start);
    const visited = new Set<string>();
    for (let hop = 0; ; hop++) {
      const refused = refusal(url, options);
      if (refused !== undefined) return refuse(url.href, refused);
      visited.add(url.href);
      const current = url;
      const answer = await limitFor(current.host)(() => fetchOnce(current, signal));
      if (answer.kind !== "redirect") return answer;
      if (answer.location === undefined || !URL.canParse(answer.location, current.href)) {
        return refuse(
          current.href,
          `${current.href} answered HTTP ${answer.status} without a valid Location`,
        );
      }
      const next = new URL(answer.location, current);
      if (visited.has(next.href)) {
        return refuse(current.href, `redirect loop: ${current.href} → ${next.href}`);
      }
      if (hop >= options.maxRedirects) {
        return refuse(
          current.href,
          `more than ${options.maxRedirects} redirects, starting at ${start}`,
        );
      }
      redirects++;
      url = next;
    }
  }

  return {
    get,
    stats: () => ({ requests, byHost: { ...byHost }, redirects }),
    close: () => agent.close(),
  };
}
