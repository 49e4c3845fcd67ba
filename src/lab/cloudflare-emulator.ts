// A wire-level emulator of the Cloudflare API v4 endpoints domain-drift reads, on a loopback HTTP
// server the official SDK reaches through its base URL (`CLOUDFLARE_BASE_URL`). Built from the
// published API reference: every answer is the v4 envelope ({ success, errors, messages, result,
// result_info }); zones page by number (`page`, `per_page` of 5 to 50, `result_info.total_pages`);
// Registrar registrations page by cursor (`result_info.cursor`, empty on the last page); a missing
// or unknown token is 401 and a token without the permission or the account is 403, both with
// error 10000 "Authentication error"; a rate limit is 429 with `Retry-After`. A zone's DNSSEC
// (`GET /zones/{zone_id}/dnssec`: status active / pending / disabled / pending-disabled / error, the
// key-signing key's tag, algorithm, digest and DS, null while disabled), its DNS records
// (`GET /zones/{zone_id}/dns_records`, paged by number like zones, filtered by `type` and
// `name.exact`; Cloudflare's own apex NS and SOA are not listed) and its DNS settings
// (`GET /zones/{zone_id}/dns_settings`, `multi_provider`) need the token's DNS read permission; an
// unknown zone id is 404 with error 7003. Used by the tests.

import type { IncomingMessage } from "node:http";
import type { ApiAnswer, ApiFaults, EmulatedApi } from "./api-emulator-kit.js";
import { loggedApiCall, OperationFaults, startApiEmulatorServer } from "./api-emulator-kit.js";

/** The operations the emulator serves, as the request log names them. */
export type CloudflareOperation =
  | "zones.list"
  | "registrations.list"
  | "registrations.get"
  | "dnssec.get"
  | "dns_records.list"
  | "dns_settings.get";

/** A zone's DNSSEC as `GET /zones/{zone_id}/dnssec` reports it. */
export interface CloudflareDnssecSpec {
  readonly status: "active" | "pending" | "disabled" | "pending-disabled" | "error";
  readonly keyTag?: number;
  /** Lower- or upper-case hex of the SHA-256 DS digest. */
  readonly digest?: string;
}

/** One DNS record as the zone holds it: `name` the full owner name without the trailing dot. */
export interface CloudflareRecordSpec {
  readonly name: string;
  readonly type: string;
  readonly content: string;
}

export type CloudflareZoneStatus = "active" | "pending" | "initializing" | "moved";

export interface CloudflareZoneSpec {
  readonly name: string;
  readonly status?: CloudflareZoneStatus;
  /** The two name servers Cloudflare assigned; two random ones of *.ns.cloudflare.com when left out. */
  readonly nameServers?: readonly string[];
  readonly originalNameServers?: readonly string[] | null;
  /** Disabled when left out. */
  readonly dnssec?: CloudflareDnssecSpec;
  readonly records?: readonly CloudflareRecordSpec[];
  /** Multi-provider DNS: Cloudflare then answers the apex NS records the zone holds too. */
  readonly multiProvider?: boolean;
}

export interface CloudflareRegistrationSpec {
  readonly domain: string;
  readonly autoRenew?: boolean;
  readonly locked?: boolean;
  readonly expiresAt?: string | null;
  readonly status?: "active" | "registration_pending" | "transfer_pending" | "expired";
}

/** The permissions a token may hold, by their names in the dashboard. */
export type CloudflarePermission = "Zone: Read" | "DNS: Read" | "Registrar: Read";

export interface EmulatedCloudflareAccount {
  /** 32 hexadecimal digits. */
  readonly id: string;
  addZone(spec: CloudflareZoneSpec): {
    readonly id: string;
    readonly nameServers: readonly string[];
  };
  removeZone(name: string): void;
  addRegistration(spec: CloudflareRegistrationSpec): void;
  /** A token of this account; all permissions unless some are given. */
  addToken(permissions?: readonly CloudflarePermission[]): string;
}

/** A rate limit answers 429 with error 971 and `Retry-After: retryAfter` seconds ("1" unless given). */
export type CloudflareFaults = ApiFaults<CloudflareOperation, string>;

export interface CloudflareEmulator extends EmulatedApi<CloudflareOperation, CloudflareFaults> {
  /** `http://127.0.0.1:<port>/client/v4`, what CLOUDFLARE_BASE_URL points at. */
  readonly baseUrl: string;
  addAccount(): EmulatedCloudflareAccount;
}

interface StoredZone {
  readonly id: string;
  readonly name: string;
  readonly status: CloudflareZoneStatus;
  readonly nameServers: readonly string[];
  readonly originalNameServers: readonly string[] | null;
  readonly accountId: string;
  readonly dnssec: CloudflareDnssecSpec;
  readonly records: readonly CloudflareRecordSpec[];
  readonly multiProvider: boolean;
}

const PREFIX = "/client/v4";
const REGISTRATIONS = /^\/accounts\/([^/]+)\/registrar\/registrations(?:\/([^/]+))?$/;
const ZONE_PATHS = /^\/zones\/([^/]+)\/(dnssec|dns_records|dns_settings)$/;
const ZONE_OPERATIONS = {
  dnssec: "dnssec.get",
  dns_records: "dns_records.list",
  dns_settings: "dns_settings.get",
} as const;
// Names Cloudflare gives its name servers: first names, two per zone.
const NAME_SERVER_NAMES = [
  "ada",
  "bob",
  "cruz",
  "dina",
  "elle",
  "fred",
  "gina",
  "hal",
  "ivy",
  "jay",
];

const hex32 = (n: number): string => n.toString(16).padStart(32, "0");

function ok(result: unknown, resultInfo?: unknown): ApiAnswer {
  return {
    status: 200,
    body: { success: true, errors: [], messages: [], result, result_info: resultInfo },
  };
}

function failure(status: number, code: number, message: string): ApiAnswer {
  return {
    status,
    body: { success: false, errors: [{ code, message }], messages: [], result: null },
  };
}

const AUTHENTICATION_ERROR = "Authentication error";

function zoneJson(zone: StoredZone): unknown {
  return {
    id: zone.id,
    name: zone.name,
    status: zone.status,
    paused: false,
    type: "full",
    name_servers: zone.nameServers,
    original_name_servers: zone.originalNameServers,
    account: { id: zone.accountId, name: `account ${zone.accountId.slice(-4)}` },
    created_on: "2024-01-01T00:00:00Z",
    modified_on: "2024-01-01T00:00:00Z",
  };
}

/** `GET /zones/{zone_id}/dnssec`'s result: the key's fields are null while DNSSEC is disabled. */
function dnssecJson(zone: StoredZone): unknown {
  const { status, keyTag = 2371, digest } = zone.dnssec;
  const keyed = status !== "disabled";
  const hex = digest ?? "c988ec423e3880eb8dd8a46fe06ae5f9e3cc5a1b5b0c48d9a4c1e0d5e8f29a31";
  return {
    status,
    flags: keyed ? 257 : null,
    algorithm: keyed ? "13" : null,
    key_type: keyed ? "ECDSAP256SHA256" : null,
    digest_type: keyed ? "2" : null,
    digest_algorithm: keyed ? "SHA256" : null,
    digest: keyed ? hex.toUpperCase() : null,
    ds: keyed ? `${zone.name}. 3600 IN DS ${keyTag} 13 2 ${hex.toUpperCase()}` : null,
    key_tag: keyed ? keyTag : null,
    public_key: keyed ? Buffer.alloc(64, 0x5a).toString("base64") : null,
    modified_on: "2024-01-01T00:00:00Z",
    dnssec_multi_signer: false,
    dnssec_presigned: false,
  };
}

function recordJson(zone: StoredZone, record: CloudflareRecordSpec, index: number): unknown {
  return {
    id: hex32(0x7ec0000 + index),
    name: record.name,
    type: record.type,
    content: record.content,
    proxiable: false,
    proxied: false,
    ttl: 1,
    settings: {},
    meta: {},
    comment: null,
    tags: [],
    created_on: "2024-01-01T00:00:00Z",
    modified_on: "2024-01-01T00:00:00Z",
    zone_id: zone.id,
    zone_name: zone.name,
  };
}

function perPage(query: URLSearchParams, fallback: number, max: number): number | undefined {
  const raw = query.get("per_page");
  if (raw === null) return fallback;
  const n = Number(raw);
  return Number.isInteger(n) && n >= 5 && n <= max ? n : undefined;
}

export async function startCloudflareEmulator(): Promise<CloudflareEmulator> {
  let nextId = 1;
  const accounts = new Map<string, { zones: StoredZone[]; registrations: Map<string, unknown> }>();
  const tokens = new Map<string, { accountId: string; permissions: Set<CloudflarePermission> }>();
  const faults = new OperationFaults<CloudflareOperation, string>("1");

  function operationOf(method: string, path: string): CloudflareOperation | "unknown" {
    if (method !== "GET") return "unknown";
    if (path === "/zones") return "zones.list";
    const zonePath = ZONE_PATHS.exec(path);
    if (zonePath !== null) return ZONE_OPERATIONS[zonePath[2] as keyof typeof ZONE_OPERATIONS];
    const match = REGISTRATIONS.exec(path);
    if (match === null) return "unknown";
    return match[2] === undefined ? "registrations.list" : "registrations.get";
  }

  function zonesList(accountIds: ReadonlySet<string>, query: URLSearchParams): ApiAnswer {
    const size = perPage(query, 20, 50);
    const page = Number(query.get("page") ?? "1");
    if (size === undefined || !Number.isInteger(page) || page < 1) {
      return failure(400, 1001, "Invalid pagination parameters");
    }
    const name = query.get("name");
    const accountId = query.get("account.id");
    const visible = [...accounts.entries()]
      .filter(([id]) => accountIds.has(id) && (accountId === null || id === accountId))
      .flatMap(([, account]) => account.zones)
      .filter((zone) => name === null || zone.name === name)
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const items = visible.slice((page - 1) * size, page * size);
    return ok(items.map(zoneJson), {
      page,
      per_page: size,
      count: items.length,
      total_count: visible.length,
      total_pages: Math.max(1, Math.ceil(visible.length / size)),
    });
  }

  function dnsRecordsList(zone: StoredZone, query: URLSearchParams): ApiAnswer {
    const size = perPage(query, 100, 5000);
    const page = Number(query.get("page") ?? "1");
    if (size === undefined || !Number.isInteger(page) || page < 1) {
      return failure(400, 1001, "Invalid pagination parameters");
    }
    const type = query.get("type");
    const name = (query.get("name.exact") ?? query.get("name"))?.toLowerCase();
    const matching = zone.records
      .map((record, index) => ({ record, index }))
      .filter(
        ({ record }) =>
          (type === null || record.type === type) &&
          (name === undefined || record.name.toLowerCase() === name),
      );
    const items = matching.slice((page - 1) * size, page * size);
    return ok(
      items.map(({ record, index }) => recordJson(zone, record, index)),
      {
        page,
        per_page: size,
        count: items.length,
        total_count: matching.length,
        total_pages: Math.max(1, Math.ceil(matching.length / size)),
      },
    );
  }

  function zoneResource(
    operation: CloudflareOperation,
    zoneId: string,
    accountId: string,
    query: URLSearchParams,
  ): ApiAnswer {
    const zone = [...accounts.values()].flatMap((a) => a.zones).find((z) => z.id === zoneId);
    if (zone === undefined) {
      return failure(
        404,
        7003,
        "Could not route to /zones, perhaps your object identifier is invalid?",
      );
    }
    if (zone.accountId !== accountId) return failure(403, 10000, AUTHENTICATION_ERROR);
    if (operation === "dnssec.get") return ok(dnssecJson(zone));
    if (operation === "dns_settings.get") {
      return ok({
        flatten_all_cnames: false,
        foundation_dns: false,
        multi_provider: zone.multiProvider,
        ns_ttl: 86400,
        secondary_overrides: false,
        zone_mode: "standard",
        nameservers: { type: "cloudflare.standard" },
      });
    }
    return dnsRecordsList(zone, query);
  }

  function registrationsList(accountId: string, query: URLSearchParams): ApiAnswer {
    const size = perPage(query, 20, 50);
    if (size === undefined) return failure(400, 1001, "Invalid pagination parameters");
    const all = [...(accounts.get(accountId)?.registrations.values() ?? [])];
    const start = Number(query.get("cursor") ?? "0");
    if (!Number.isInteger(start) || start < 0) return failure(400, 1001, "Invalid cursor");
    const items = all.slice(start, start + size);
    const next = start + size < all.length ? String(start + size) : "";
    return ok(items, { count: items.length, per_page: size, cursor: next });
  }

  function respond(req: IncomingMessage, operation: CloudflareOperation | "unknown", url: URL) {
    if (operation === "unknown") return failure(404, 7003, "Could not route to the requested path");
    const authorization = req.headers.authorization ?? "";
    const bearer = /^Bearer (\S+)$/.exec(authorization)?.[1];
    const token = bearer === undefined ? undefined : tokens.get(bearer);
    if (token === undefined) return failure(401, 10000, AUTHENTICATION_ERROR);
    const limited = faults.takeRateLimit(operation);
    if (limited !== undefined) {
      const envelope = failure(429, 971, "Please wait and consider throttling your request speed");
      return { ...envelope, headers: { "retry-after": limited.retryAfter } };
    }
    const needed: CloudflarePermission =
      operation === "zones.list"
        ? "Zone: Read"
        : operation.startsWith("registrations")
          ? "Registrar: Read"
          : "DNS: Read";
    if (!token.permissions.has(needed)) return failure(403, 10000, AUTHENTICATION_ERROR);
    const canned = faults.takeAnswer(operation);
    if (canned !== undefined) return canned;
    const path = url.pathname.slice(PREFIX.length);
    if (operation === "zones.list") return zonesList(new Set([token.accountId]), url.searchParams);
    const zonePath = ZONE_PATHS.exec(path);
    if (zonePath !== null) {
      return zoneResource(operation, zonePath[1] ?? "", token.accountId, url.searchParams);
    }
    const [, accountId = "", domain] = REGISTRATIONS.exec(path) ?? [];
    if (accountId !== token.accountId) return failure(403, 10000, AUTHENTICATION_ERROR);
    if (operation === "registrations.list") return registrationsList(accountId, url.searchParams);
    const found = accounts.get(accountId)?.registrations.get(decodeURIComponent(domain ?? ""));
    return found === undefined ? failure(404, 10006, "Domain not found") : ok(found);
  }

  const server = await startApiEmulatorServer({
    faults,
    route(req, url) {
      const inside = url.pathname.startsWith(`${PREFIX}/`);
      const operation = inside
        ? operationOf(req.method ?? "GET", url.pathname.slice(PREFIX.length))
        : "unknown";
      return { operation, answer: respond(req, operation, url) };
    },
    logEntry: loggedApiCall,
  });

  return {
    ...server.api,
    baseUrl: `${server.origin}${PREFIX}`,
    addAccount() {
      const id = hex32(0xacc0000 + nextId++);
      const account = { zones: [] as StoredZone[], registrations: new Map<string, unknown>() };
      accounts.set(id, account);
      return {
        id,
        addZone(spec) {
          const n = nextId++;
          const nameServers = spec.nameServers ?? [
            `${NAME_SERVER_NAMES[n % 10]}.ns.cloudflare.com`,
            `${NAME_SERVER_NAMES[(n + 3) % 10]}.ns.cloudflare.com`,
          ];
          const zone: StoredZone = {
            id: hex32(0x20e0000 + n),
            name: spec.name,
            status: spec.status ?? "active",
            nameServers,
            originalNameServers: spec.originalNameServers ?? null,
            accountId: id,
            dnssec: spec.dnssec ?? { status: "disabled" },
            records: spec.records ?? [],
            multiProvider: spec.multiProvider ?? false,
          };
          account.zones.push(zone);
          return { id: zone.id, nameServers };
        },
        removeZone(name) {
          account.zones = account.zones.filter((zone) => zone.name !== name);
        },
        addRegistration(spec) {
          account.registrations.set(spec.domain, {
            domain_name: spec.domain,
            auto_renew: spec.autoRenew ?? true,
            locked: spec.locked ?? true,
            expires_at: spec.expiresAt === undefined ? "2030-01-01T00:00:00Z" : spec.expiresAt,
            created_at: "2020-01-01T00:00:00Z",
            privacy_mode: "redaction",
            status: spec.status ?? "active",
          });
        },
        addToken(permissions = ["Zone: Read", "DNS: Read", "Registrar: Read"]) {
          const token = `cf-token-${nextId++}-${"x".repeat(24)}`;
          tokens.set(token, { accountId: id, permissions: new Set(permissions) });
          return token;
        },
      };
    },
  };
}
