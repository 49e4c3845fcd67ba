// A wire-level emulator of the GoDaddy Domains API v1 endpoints domain-drift reads, on a loopback
// HTTP server the adapter reaches through GODADDY_BASE_URL. Built from the published API reference:
// `GET /v1/domains` answers a JSON array of DomainSummary objects, sorted by name, `limit` of 1 to
// 1,000 and paged by `marker` (the last domain of the previous page), filtered by `statuses`, with
// `nameServers` only when `includes=nameServers`; `GET /v1/domains/{domain}` answers a DomainDetail
// or 404 NOT_FOUND. Credentials are `Authorization: sso-key KEY:SECRET`: missing or malformed is 401
// MALFORMED_CREDENTIALS, unknown 401 UNABLE_TO_AUTHENTICATE, a key without Domains API access 403
// ACCESS_DENIED; a rate limit is 429 TOO_MANY_REQUESTS with `retryAfterSec`; a bad parameter is 422
// with `fields`. Every failure is `{ code, message, fields? }`. Used by the tests.
import type { IncomingMessage } from "node:http";
import type { ApiAnswer, ApiFaults, EmulatedApi } from "./api-emulator-kit.js";
import { loggedApiCall, OperationFaults, startApiEmulatorServer } from "./api-emulator-kit.js";

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

/** A rate limit answers 429 TOO_MANY_REQUESTS with `retryAfterSec` (1 unless given). */
export type GoDaddyFaults = ApiFaults<GoDaddyOperation, number>;

export interface GoDaddyEmulator extends EmulatedApi<GoDaddyOperation, GoDaddyFaults> {
  /** `http://127.0.0.1:<port>`, what GODADDY_BASE_URL points at. */
  readonly baseUrl: string;
  addAccount(): EmulatedGoDaddyAccount;
}

const DOMAIN_PATH = /^\/v1\/domains\/([^/]+)$/;
const MAX_LIMIT = 1_000;
/** GoDaddy's own DNS, where a new registration points. */
const DEFAULT_NAME_SERVERS = ["ns01.domaincontrol.com", "ns02.domaincontrol.com"];

const failure = (status: number, code: string, message: string, fields?: unknown): ApiAnswer => ({
  status,
  body: { code, message, ...(fields === undefined ? {} : { fields }) },
});

export async function startGoDaddyEmulator(): Promise<GoDaddyEmulator> {
  let nextId = 1;
  const accounts = new Map<string, Map<string, GoDaddyDomainSpec & { domainId: number }>>();
  const keys = new Map<string, { secret: string; shopperId: string; access: boolean }>();
  const faults = new OperationFaults<GoDaddyOperation, number>(1);

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

  function list(shopperId: string, query: URLSearchParams): ApiAnswer {
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
    const limited = faults.takeRateLimit(operation);
    if (limited !== undefined) {
      return {
        status: 429,
        body: {
          code: "TOO_MANY_REQUESTS",
          message: "Too many requests received within interval",
          retryAfterSec: limited.retryAfter,
        },
      };
    }
    if (!key.access)
      return failure(403, "ACCESS_DENIED", "Authenticated user is not allowed access");
    const canned = faults.takeAnswer(operation);
    if (canned !== undefined) return canned;
    if (operation === "domains.list") return list(key.shopperId, url.searchParams);
    const name = decodeURIComponent(DOMAIN_PATH.exec(url.pathname)?.[1] ?? "");
    const found = accounts.get(key.shopperId)?.get(name);
    return found === undefined
      ? failure(404, "NOT_FOUND", `Domain ${name} not found`)
      : { status: 200, body: domainJson(found, true) };
  }

  const server = await startApiEmulatorServer({
    faults,
    route(req, url) {
      const operation: GoDaddyOperation | "unknown" =
        req.method !== "GET"
          ? "unknown"
          : url.pathname === "/v1/domains"
            ? "domains.list"
            : DOMAIN_PATH.test(url.pathname)
              ? "domains.get"
              : "unknown";
      return { operation, answer: respond(req, operation, url) };
    },
    logEntry: loggedApiCall,
  });

  return {
    ...server.api,
    baseUrl: server.origin,
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
  };
}
