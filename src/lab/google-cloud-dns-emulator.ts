// A wire-level emulator of the Google Cloud DNS API v1 endpoint domain-drift reads, and of the
// Security Token Service (STS) token exchange that Application Default Credentials use for workload
// identity federation, on one loopback HTTP server. Built from the published REST references:
// `GET /dns/v1/projects/{project}/managedZones` answers `{ kind: "dns#managedZonesListResponse",
// managedZones: [...], nextPageToken }`, paged by `maxResults` and `pageToken`; each managed zone has
// `name`, `dnsName` (with the trailing dot), a numeric `id`, `nameServers` and `visibility`; errors are
// `{ error: { code, message, errors: [{ message, domain, reason }], status } }` (401 UNAUTHENTICATED,
// 403 PERMISSION_DENIED, 404 NOT_FOUND, 429 RESOURCE_EXHAUSTED with reason `rateLimitExceeded`).
// `POST /v1/token` is RFC 8693 token exchange as STS serves it: an unknown subject token is 400
// `{ error: "invalid_grant", error_description }`. The SDK reaches the API through the base URL
// (gcloud's `CLOUDSDK_API_ENDPOINT_OVERRIDES_DNS`) and STS through the credential file's `token_url`.
// A managed zone carries `dnssecConfig` (`state` on / off / transfer) when DNSSEC was configured;
// `.../managedZones/{zone}/dnsKeys` lists its keys (`dns#dnsKeysListResponse`: `type` keySigning /
// zoneSigning, `keyTag`, `isActive`, `algorithm`, `digests`) and `.../managedZones/{zone}/rrsets`
// its record sets (`dns#resourceRecordSetsListResponse`: `name` with the trailing dot, `type`,
// `ttl`, `rrdatas`), both paged like the zones, rrsets filtered by `name` and `type`; an unknown
// zone is 404 NOT_FOUND. Used by the tests.

import { writeFile } from "node:fs/promises";
import type { IncomingMessage } from "node:http";
import { join } from "node:path";
import type { ApiAnswer, ApiFaults, EmulatedApi, RoutedCall } from "./api-emulator-kit.js";
import {
  loggedApiCall,
  OperationFaults,
  readForm,
  startApiEmulatorServer,
} from "./api-emulator-kit.js";

export type GoogleCloudDnsOperation =
  | "managedZones.list"
  | "dnsKeys.list"
  | "resourceRecordSets.list"
  | "sts.token";

/** One DNS key of a signed zone; a key-signing key unless `type` says otherwise. */
export interface GoogleDnsKeySpec {
  readonly keyTag: number;
  readonly isActive?: boolean;
  readonly type?: "keySigning" | "zoneSigning";
  /** Hex of the SHA-256 DS digest. */
  readonly digest?: string;
}

/** One record set: `name` without the trailing dot. */
export interface GoogleRecordSetSpec {
  readonly name: string;
  readonly type: string;
  readonly rrdatas: readonly string[];
}

export interface GoogleZoneSpec {
  /** The zone's DNS name, without the trailing dot. */
  readonly dnsName: string;
  readonly visibility?: "public" | "private";
  /** The four name servers Google assigned; one ns-cloud shard's when left out. */
  readonly nameServers?: readonly string[];
  /** `dnssecConfig.state`; no DNSSEC configuration when left out. */
  readonly dnssecState?: "on" | "off" | "transfer";
  readonly dnsKeys?: readonly GoogleDnsKeySpec[];
  /** The zone's record sets beyond its apex SOA and NS (the assigned set, unless `apexNameServers`). */
  readonly records?: readonly GoogleRecordSetSpec[];
  /** The apex NS record set, when it was edited away from the assigned set. */
  readonly apexNameServers?: readonly string[];
}

export interface EmulatedGoogleProject {
  readonly id: string;
  /** `id` is the zone's numeric id, `name` its resource name (the adapter's zone id). */
  addZone(spec: GoogleZoneSpec): {
    readonly id: string;
    readonly name: string;
    readonly nameServers: readonly string[];
  };
  /** Lets an identity list the project's zones (`roles/dns.reader`). */
  grantReader(identity: EmulatedGoogleIdentity): void;
}

/** A workload identity whose subject token STS exchanges for an access token. */
export interface EmulatedGoogleIdentity {
  /** The token the identity presents to STS: a secret. */
  readonly subjectToken: string;
  /**
   * Writes an Application Default Credentials file (`external_account`, token from a file) for
   * this identity into `dir`; its path is what GOOGLE_APPLICATION_CREDENTIALS names.
   */
  writeCredentials(dir: string): Promise<string>;
}

/** A rate limit answers 429 RESOURCE_EXHAUSTED (STS: `rate_limit_exceeded`), naming no retry time. */
export type GoogleCloudDnsFaults = ApiFaults<GoogleCloudDnsOperation, undefined>;

export interface GoogleCloudDnsEmulator
  extends EmulatedApi<GoogleCloudDnsOperation, GoogleCloudDnsFaults> {
  /** `http://127.0.0.1:<port>/dns/v1/`: what CLOUDSDK_API_ENDPOINT_OVERRIDES_DNS points at. */
  readonly baseUrl: string;
  readonly tokenUrl: string;
  addProject(id: string): EmulatedGoogleProject;
  addIdentity(): EmulatedGoogleIdentity;
}

interface StoredZone {
  readonly name: string;
  readonly dnsName: string;
  readonly id: string;
  readonly nameServers: readonly string[];
  readonly visibility: "public" | "private";
  readonly dnssecState: "on" | "off" | "transfer" | undefined;
  readonly dnsKeys: readonly GoogleDnsKeySpec[];
  readonly records: readonly GoogleRecordSetSpec[];
}

const ZONES = /^\/dns\/v1\/projects\/([^/]+)\/managedZones$/;
const ZONE_LISTS = /^\/dns\/v1\/projects\/([^/]+)\/managedZones\/([^/]+)\/(dnsKeys|rrsets)$/;
const ALGORITHM = "ecdsap256sha256";
/** The server's page size when `maxResults` asks for none or more. */
const MAX_RESULTS = 100;
const SUBJECT_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:jwt";

function apiError(code: number, status: string, reason: string, message: string): ApiAnswer {
  return {
    status: code,
    body: { error: { code, message, errors: [{ message, domain: "global", reason }], status } },
  };
}

const UNAUTHENTICATED = apiError(
  401,
  "UNAUTHENTICATED",
  "authError",
  "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.",
);

export async function startGoogleCloudDnsEmulator(): Promise<GoogleCloudDnsEmulator> {
  let next = 1;
  const projects = new Map<string, { zones: StoredZone[]; readers: Set<string> }>();
  /** Subject token → identity; access token → identity. */
  const subjects = new Map<string, string>();
  const accessTokens = new Map<string, string>();
  // Cloud DNS and STS name no retry time.
  const faults = new OperationFaults<GoogleCloudDnsOperation, undefined>(undefined);
  const limited = (operation: GoogleCloudDnsOperation): boolean =>
    faults.takeRateLimit(operation) !== undefined;

  function token(form: URLSearchParams): ApiAnswer {
    if (limited("sts.token")) {
      return {
        status: 429,
        body: { error: "rate_limit_exceeded", error_description: "Too many requests." },
      };
    }
    const fault = faults.takeAnswer("sts.token");
    if (fault !== undefined) return fault;
    if (
      form.get("grant_type") !== "urn:ietf:params:oauth:grant-type:token-exchange" ||
      form.get("subject_token_type") !== SUBJECT_TOKEN_TYPE
    ) {
      return {
        status: 400,
        body: { error: "invalid_request", error_description: "Invalid token exchange request." },
      };
    }
    const identity = subjects.get(form.get("subject_token") ?? "");
    if (identity === undefined) {
      return {
        status: 400,
        body: {
          error: "invalid_grant",
          error_description: "The given subject token is invalid or has expired.",
        },
      };
    }
    const access = `ya29.lab-${next++}-${identity}`;
    accessTokens.set(access, identity);
    return {
      status: 200,
      body: {
        access_token: access,
        issued_token_type: "urn:ietf:params:oauth:token-type:access_token",
        token_type: "Bearer",
        expires_in: 3600,
      },
    };
  }

  /** The caller's project, or the error answer: the token, the rate limit, the reader's role. */
  function authorized(
    req: IncomingMessage,
    operation: GoogleCloudDnsOperation,
    project: string,
  ): { readonly zones: StoredZone[] } | ApiAnswer {
    const bearer = /^Bearer (\S+)$/.exec(req.headers.authorization ?? "")?.[1];
    const identity = bearer === undefined ? undefined : accessTokens.get(bearer);
    if (identity === undefined) return UNAUTHENTICATED;
    if (limited(operation)) {
      return apiError(
        429,
        "RESOURCE_EXHAUSTED",
        "rateLimitExceeded",
        "Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute'.",
      );
    }
    const stored = projects.get(project);
    if (stored === undefined || !stored.readers.has(identity)) {
      // Cloud DNS does not tell a missing project from one the caller may not read.
      const permission = operation === "dnsKeys.list" ? "dns.dnsKeys.list" : `dns.${operation}`;
      return apiError(
        403,
        "PERMISSION_DENIED",
        "forbidden",
        `The caller does not have permission '${permission}' on project ${project}`,
      );
    }
    return stored;
  }

  /** One page of `all` as `maxResults` and `pageToken` ask (the token: an offset), or the error. */
  function paged<T>(
    all: readonly T[],
    query: URLSearchParams,
    max: number,
  ): { readonly page: readonly T[]; readonly next: string | undefined } | ApiAnswer {
    const asked = Number(query.get("maxResults") ?? max);
    const size = Number.isInteger(asked) && asked > 0 ? Math.min(asked, max) : undefined;
    const start = Number(query.get("pageToken") ?? "0");
    if (size === undefined || !Number.isInteger(start) || start < 0) {
      return apiError(400, "INVALID_ARGUMENT", "invalid", "Invalid value for pagination.");
    }
    const next = start + size < all.length ? String(start + size) : undefined;
    return { page: all.slice(start, start + size), next };
  }

  function managedZones(req: IncomingMessage, project: string, query: URLSearchParams): ApiAnswer {
    const stored = authorized(req, "managedZones.list", project);
    if ("status" in stored) return stored;
    const fault = faults.takeAnswer("managedZones.list");
    if (fault !== undefined) return fault;
    const dnsName = query.get("dnsName");
    const listed = paged(
      stored.zones.filter((zone) => dnsName === null || zone.dnsName === dnsName),
      query,
      MAX_RESULTS,
    );
    if ("status" in listed) return listed;
    return {
      status: 200,
      body: {
        kind: "dns#managedZonesListResponse",
        managedZones: listed.page.map((zone) => ({
          kind: "dns#managedZone",
          name: zone.name,
          dnsName: zone.dnsName,
          description: "",
          id: zone.id,
          nameServers: zone.nameServers,
          creationTime: "2024-01-01T00:00:00.000Z",
          visibility: zone.visibility,
          ...(zone.dnssecState === undefined
            ? {}
            : {
                dnssecConfig: {
                  kind: "dns#managedZoneDnsSecConfig",
                  state: zone.dnssecState,
                  nonExistence: "nsec3",
                },
              }),
        })),
        ...(listed.next === undefined ? {} : { nextPageToken: listed.next }),
      },
    };
  }

  /** `dnsKeys.list` and `resourceRecordSets.list` of one managed zone. */
  function zoneList(
    req: IncomingMessage,
    operation: "dnsKeys.list" | "resourceRecordSets.list",
    project: string,
    zoneName: string,
    query: URLSearchParams,
  ): ApiAnswer {
    const stored = authorized(req, operation, project);
    if ("status" in stored) return stored;
    const zone = stored.zones.find((z) => z.name === zoneName);
    if (zone === undefined) {
      return apiError(
        404,
        "NOT_FOUND",
        "notFound",
        `The 'parameters.managedZone' resource named '${zoneName}' does not exist.`,
      );
    }
    const fault = faults.takeAnswer(operation);
    if (fault !== undefined) return fault;
    if (operation === "dnsKeys.list") {
      const listed = paged(zone.dnssecState === undefined ? [] : zone.dnsKeys, query, 100);
      if ("status" in listed) return listed;
      return {
        status: 200,
        body: {
          kind: "dns#dnsKeysListResponse",
          dnsKeys: listed.page.map((key, i) => ({
            kind: "dns#dnsKey",
            id: String(i),
            algorithm: ALGORITHM,
            keyLength: 256,
            publicKey: Buffer.alloc(64, 0x5a).toString("base64"),
            creationTime: "2024-01-01T00:00:00.000Z",
            isActive: key.isActive ?? true,
            type: key.type ?? "keySigning",
            keyTag: key.keyTag,
            description: "",
            ...((key.type ?? "keySigning") === "keySigning"
              ? {
                  digests: [
                    { type: "sha256", digest: (key.digest ?? "cd".repeat(32)).toUpperCase() },
                  ],
                }
              : {}),
          })),
          ...(listed.next === undefined ? {} : { nextPageToken: listed.next }),
        },
      };
    }
    const name = query.get("name");
    const type = query.get("type");
    if (type !== null && name === null) {
      return apiError(400, "INVALID_ARGUMENT", "invalid", "The 'type' parameter requires 'name'.");
    }
    const listed = paged(
      zone.records.filter(
        (set) => (name === null || `${set.name}.` === name) && (type === null || set.type === type),
      ),
      query,
      1000,
    );
    if ("status" in listed) return listed;
    return {
      status: 200,
      body: {
        kind: "dns#resourceRecordSetsListResponse",
        rrsets: listed.page.map((set) => ({
          kind: "dns#resourceRecordSet",
          name: `${set.name}.`,
          type: set.type,
          ttl: 300,
          rrdatas: set.rrdatas,
        })),
        ...(listed.next === undefined ? {} : { nextPageToken: listed.next }),
      },
    };
  }

  async function route(
    req: IncomingMessage,
    url: URL,
  ): Promise<RoutedCall<GoogleCloudDnsOperation>> {
    const zones = ZONES.exec(url.pathname);
    const zoneLists = ZONE_LISTS.exec(url.pathname);
    if (req.method === "POST" && url.pathname === "/v1/token") {
      return { operation: "sts.token", answer: token(await readForm(req)) };
    }
    if (req.method === "GET" && zones !== null) {
      const project = decodeURIComponent(zones[1] ?? "");
      return {
        operation: "managedZones.list",
        answer: managedZones(req, project, url.searchParams),
      };
    }
    if (req.method === "GET" && zoneLists !== null) {
      const [, project = "", zone = "", list] = zoneLists;
      const operation = list === "dnsKeys" ? "dnsKeys.list" : "resourceRecordSets.list";
      return {
        operation,
        answer: zoneList(req, operation, decodeURIComponent(project), zone, url.searchParams),
      };
    }
    return { operation: "unknown", answer: apiError(404, "NOT_FOUND", "notFound", "Not Found") };
  }

  const server = await startApiEmulatorServer({
    faults,
    jsonType: "application/json; charset=utf-8",
    route,
    logEntry: loggedApiCall,
  });
  const origin = server.origin;
  const tokenUrl = `${origin}/v1/token`;

  return {
    ...server.api,
    baseUrl: `${origin}/dns/v1/`,
    tokenUrl,
    addProject(id) {
      const project = { zones: [] as StoredZone[], readers: new Set<string>() };
      projects.set(id, project);
      return {
        id,
        addZone(spec) {
          const n = next++;
          const shard = "abcde"[n % 5];
          const nameServers =
            spec.nameServers ?? [1, 2, 3, 4].map((i) => `ns-cloud-${shard}${i}.googledomains.com.`);
          const zone: StoredZone = {
            name: `${spec.dnsName.replaceAll(".", "-")}-${n}`,
            dnsName: `${spec.dnsName}.`,
            id: String(1_000_000_000_000 + n),
            nameServers,
            visibility: spec.visibility ?? "public",
            dnssecState: spec.dnssecState,
            dnsKeys: spec.dnsKeys ?? [],
            records: [
              { name: spec.dnsName, type: "NS", rrdatas: spec.apexNameServers ?? nameServers },
              {
                name: spec.dnsName,
                type: "SOA",
                rrdatas: [
                  `${nameServers[0]} cloud-dns-hostmaster.google.com. 1 21600 3600 259200 300`,
                ],
              },
              ...(spec.records ?? []),
            ],
          };
          project.zones.push(zone);
          return { id: zone.id, name: zone.name, nameServers };
        },
        grantReader(identity) {
          const id = subjects.get(identity.subjectToken);
          if (id !== undefined) project.readers.add(id);
        },
      };
    },
    addIdentity() {
      const id = `sa-${next++}`;
      const subjectToken = `lab-subject-${id}-${"s".repeat(24)}`;
      subjects.set(subjectToken, id);
      return {
        subjectToken,
        async writeCredentials(dir) {
          const tokenFile = join(dir, `${id}.subject-token`);
          const path = join(dir, `${id}.adc.json`);
          await writeFile(tokenFile, subjectToken);
          await writeFile(
            path,
            JSON.stringify({
              type: "external_account",
              audience: `//iam.googleapis.com/projects/123456789/locations/global/workloadIdentityPools/lab/providers/${id}`,
              subject_token_type: SUBJECT_TOKEN_TYPE,
              token_url: tokenUrl,
              credential_source: { file: tokenFile },
            }),
          );
          return path;
        },
      };
    },
  };
}
