// A wire-level emulator of the GoDaddy Domains API v1 endpoints domain-drift reads, on a loopback
// HTTP server the adapter reaches through GODADDY_BASE_URL. Built from the published API reference:
// `GET /v1/domains` answers a JSON array of DomainSummary objects, sorted by name, `limit` of 1 to
// 1,000 and paged by `marker` (the last domain of the previous page), filtered by `statuses`, with
// `nameServers` only when `includes=nameServers`; `GET /v1/domains/{domain}` answers a DomainDetail
// or 404 NOT_FOUND. Credentials are `Authorization: sso-key KEY:SECRET`: missing or malformed is 401
// MALFORMED_CREDENTIALS, unknown 401 UNABLE_TO_AUTHENTICATE, a key without Domains API access 403
// ACCESS_DENIED; a rate limit is 429 TOO_MANY_REQUESTS with `retryAfterSec`; a bad parameter is 422
// with `fields`. Every failure is `{ code, message, fields? }`. Used by the tests.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type GoDaddyOperation = "domains.list" | "domains.get";

export interface GoDaddyDomainSpec {
  readonly domain: string;
  readonly status?: string;
  readonly renewAuto?: boolean;
  readonly locked?: boolean;
  /** ISO 8601; null leaves it out (a pending registration). */
  readonly expires?: string | null;
  /** GoDaddy's own pair (ns01/ns02.domaincontrol.com) when left out. */
  readonly nameServers?: readonly string[];
}

export interface GoDaddyCredentials {
  readonly key: string;
  readonly secret: string;
}

export interface EmulatedGoDaddyAccount {
  /** The shopper id. */
  readonly id: string;
  addDomain(spec: GoDaddyDomainSpec): void;
  /** A production key of this account; `access: false` is one GoDaddy denies the Domains API. */
  addKey(options?: { readonly access?: boolean }): GoDaddyCredentials;
}

export interface GoDaddyFaults {
  /** The next `times` calls of `operation` answer 429 with `retryAfterSec`. */
  rateLimit(operation: GoDaddyOperation, times?: number, retryAfterSec?: number): void;
  /** The next `times` calls of `operation` answer 200 with this body (a string as it is). */
  answer(operation: GoDaddyOperation, body: unknown, times?: number): void;
  clear(): void;
}

export interface LoggedGoDaddyRequest {
  readonly operation: GoDaddyOperation | "unknown";
  readonly status: number;
  /** The query (credentials travel in a header, never here). */
  readonly query: string;
}

export interface GoDaddyEmulator {
  /** `http://127.0.0.1:<port>`, what GODADDY_BASE_URL points at. */
  readonly baseUrl: string;
  addAccount(): EmulatedGoDaddyAccount;
  readonly faults: GoDaddyFaults;
  readonly requestLog: readonly LoggedGoDaddyRequest[];
  calls(): Readonly<Partial<Record<GoDaddyOperation, number>>>;
  resetCounters(): void;
  close(): Promise<void>;
}

interface Answer {
  readonly status: number;
  readonly body: unknown;
}

const DOMAIN_PATH = /^\/v1\/domains\/([^/]+)$/;
const MAX_LIMIT = 1_000;
/** GoDaddy's own DNS, where a new registration points. */
const DEFAULT_NAME_SERVERS = ["ns01.domaincontrol.com", "ns02.domaincontrol.com"];

const failure = (status: number, code: string, message: string, fields?: unknown): Answer => ({
  status,
  body: { code, message, ...(fields === undefined ? {} : { fields }) },
});

export async function startGoDaddyEmulator(): Promise<GoDaddyEmulator> {
  let nextId = 1;
  const accounts = new Map<string, Map<string, GoDaddyDomainSpec & { domainId: number }>>();
  const keys = new Map<string, { secret: string; shopperId: string; access: boolean }>();
  const rateLimits = new Map<GoDaddyOperation, { times: number; retryAfterSec: number }>();
  const answers = new Map<GoDaddyOperation, { times: number; body: unknown }>();
  const log: LoggedGoDaddyRequest[] = [];

  const consume = <T extends { times: number }>(
    faults: Map<GoDaddyOperation, T>,
    operation: GoDaddyOperation,
  ): T | undefined => {
    const fault = faults.get(operation);
    if (fault === undefined || fault.times <= 0) return undefined;
    fault.times -= 1;
    return fault;
  };

  function domainJson(
    spec: GoDaddyDomainSpec & { domainId: number },
    withNameServers: boolean,
  ): unknown {
    return {
      domainId: spec.domainId,
      domain: spec.domain,
      status: spec.status ?? "ACTIVE",
      createdAt: "2019-01-01T00:00:00.000Z",
      ...(spec.expires === null ? {} : { expires: spec.expires ?? "2030-01-01T00:00:00.000Z" }),
      expirationProtected: false,
      holdRegistrar: false,
      locked: spec.locked ?? true,
      privacy: false,
      renewAuto: spec.renewAuto ?? true,
      renewable: true,
      transferProtected: false,
      ...(withNameServers ? { nameServers: spec.nameServers ?? DEFAULT_NAME_SERVERS } : {}),
    };
  }

  function list(shopperId: string, query: URLSearchParams): Answer {
    const rawLimit = query.get("limit");
    const limit = rawLimit === null ? MAX_LIMIT : Number(rawLimit);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
      return failure(422, "INVALID_QUERY", "Request query parameters were invalid", [
        { path: "limit", code: "INVALID_VALUE", message: `must be between 1 and ${MAX_LIMIT}` },
      ]);
    }
    const marker = query.get("marker");
    const statuses = query.get("statuses")?.split(",");
    const includes = query.get("includes")?.split(",") ?? [];
    const all = [...(accounts.get(shopperId)?.values() ?? [])]
      .filter((d) => statuses === undefined || statuses.includes(d.status ?? "ACTIVE"))
      .filter((d) => marker === null || d.domain > marker)
      .sort((a, b) => (a.domain < b.domain ? -1 : a.domain > b.domain ? 1 : 0));
    return {
      status: 200,
      body: all.slice(0, limit).map((d) => domainJson(d, includes.includes("nameServers"))),
    };
  }

  function respond(req: IncomingMessage, operation: GoDaddyOperation | "unknown", url: URL) {
    if (operation === "unknown")
      return failure(404, "NOT_FOUND", "The requested path was not found");
    const match = /^sso-key ([^:\s]+):(\S+)$/.exec(req.headers.authorization ?? "");
    if (match === null) {
      return failure(
        401,
        "MALFORMED_CREDENTIALS",
        "Unauthorized : Could not authenticate API key/secret",
      );
    }
    const key = keys.get(match[1] ?? "");
    if (key === undefined || key.secret !== match[2]) {
      return failure(401, "UNABLE_TO_AUTHENTICATE", "Unable to authenticate user");
    }
    const limited = consume(rateLimits, operation);
    if (limited !== undefined) {
      return {
        status: 429,
        body: {
          code: "TOO_MANY_REQUESTS",
          message: "Too many requests received within interval",
          retryAfterSec: limited.retryAfterSec,
        },
      };
    }
    if (!key.access)
      return failure(403, "ACCESS_DENIED", "Authenticated user is not allowed access");
    const canned = consume(answers, operation);
    if (canned !== undefined) return { status: 200, body: canned.body };
    if (operation === "domains.list") return list(key.shopperId, url.searchParams);
    const name = decodeURIComponent(DOMAIN_PATH.exec(url.pathname)?.[1] ?? "");
    const found = accounts.get(key.shopperId)?.get(name);
    return found === undefined
      ? failure(404, "NOT_FOUND", `Domain ${name} not found`)
      : { status: 200, body: domainJson(found, true) };
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://emulator.invalid");
    const operation: GoDaddyOperation | "unknown" =
      req.method !== "GET"
        ? "unknown"
        : url.pathname === "/v1/domains"
          ? "domains.list"
          : DOMAIN_PATH.test(url.pathname)
            ? "domains.get"
            : "unknown";
    const answer = respond(req, operation, url);
    log.push({ operation, status: answer.status, query: url.search });
    const raw = typeof answer.body === "string";
    const body = raw ? String(answer.body) : JSON.stringify(answer.body);
    res.writeHead(answer.status, {
      "content-type": raw ? "text/html" : "application/json",
      "content-length": Buffer.byteLength(body),
    });
    res.end(body);
    req.resume();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    addAccount() {
      const id = String(100_000 + nextId++);
      const domains = new Map<string, GoDaddyDomainSpec & { domainId: number }>();
      accounts.set(id, domains);
      return {
        id,
        addDomain(spec) {
          domains.set(spec.domain, { ...spec, domainId: 1_000_000 + nextId++ });
        },
        addKey(options = {}) {
          const n = nextId++;
          const credentials = {
            key: `gd-key-${n}-${"k".repeat(20)}`,
            secret: `gd-secret-${n}-${"s".repeat(20)}`,
          };
          keys.set(credentials.key, {
            secret: credentials.secret,
            shopperId: id,
            access: options.access ?? true,
          });
          return credentials;
        },
      };
    },
    faults: {
      rateLimit(operation, times = 1, retryAfterSec = 1) {
        rateLimits.set(operation, { times, retryAfterSec });
      },
      answer(operation, body, times = 1) {
        answers.set(operation, { times, body });
      },
      clear() {
        rateLimits.clear();
        answers.clear();
      },
    },
    requestLog: log,
    calls() {
      const counts: Partial<Record<GoDaddyOperation, number>> = {};
      for (const { operation } of log) {
        if (operation !== "unknown") counts[operation] = (counts[operation] ?? 0) + 1;
      }
      return counts;
    },
    resetCounters() {
      log.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
