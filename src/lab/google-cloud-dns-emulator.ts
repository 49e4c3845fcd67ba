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
// Used by the tests.

import { writeFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";

export type GoogleCloudDnsOperation = "managedZones.list" | "sts.token";

export interface GoogleZoneSpec {
  /** The zone's DNS name, without the trailing dot. */
  readonly dnsName: string;
  readonly visibility?: "public" | "private";
  /** The four name servers Google assigned; one ns-cloud shard's when left out. */
  readonly nameServers?: readonly string[];
}

export interface EmulatedGoogleProject {
  readonly id: string;
  addZone(spec: GoogleZoneSpec): { readonly id: string; readonly nameServers: readonly string[] };
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

export interface GoogleCloudDnsFaults {
  /** The next `times` calls of `operation` answer 429 RESOURCE_EXHAUSTED. */
  rateLimit(operation: GoogleCloudDnsOperation, times?: number): void;
  /** The next `times` calls answer 200 with this body instead: a string as it is, else JSON. */
  answer(operation: GoogleCloudDnsOperation, body: unknown, times?: number): void;
  clear(): void;
}

export interface LoggedGoogleRequest {
  readonly operation: GoogleCloudDnsOperation | "unknown";
  readonly status: number;
  /** The path and query (no credentials are ever in them). */
  readonly path: string;
}

export interface GoogleCloudDnsEmulator {
  /** `http://127.0.0.1:<port>/dns/v1/`: what CLOUDSDK_API_ENDPOINT_OVERRIDES_DNS points at. */
  readonly baseUrl: string;
  readonly tokenUrl: string;
  addProject(id: string): EmulatedGoogleProject;
  addIdentity(): EmulatedGoogleIdentity;
  readonly faults: GoogleCloudDnsFaults;
  readonly requestLog: readonly LoggedGoogleRequest[];
  calls(): Readonly<Partial<Record<GoogleCloudDnsOperation, number>>>;
  resetCounters(): void;
  close(): Promise<void>;
}

interface StoredZone {
  readonly name: string;
  readonly dnsName: string;
  readonly id: string;
  readonly nameServers: readonly string[];
  readonly visibility: "public" | "private";
}

interface Answer {
  readonly status: number;
  readonly body: unknown;
}

const ZONES = /^\/dns\/v1\/projects\/([^/]+)\/managedZones$/;
/** The server's page size when `maxResults` asks for none or more. */
const MAX_RESULTS = 100;
const MAX_BODY_BYTES = 64 * 1024;
const SUBJECT_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:jwt";

function apiError(code: number, status: string, reason: string, message: string): Answer {
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

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) req.destroy(new Error("request body too large"));
      else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

export async function startGoogleCloudDnsEmulator(): Promise<GoogleCloudDnsEmulator> {
  let next = 1;
  const projects = new Map<string, { zones: StoredZone[]; readers: Set<string> }>();
  /** Subject token → identity; access token → identity. */
  const subjects = new Map<string, string>();
  const accessTokens = new Map<string, string>();
  const rateLimits = new Map<GoogleCloudDnsOperation, number>();
  const answers = new Map<GoogleCloudDnsOperation, { times: number; body: unknown }>();
  const log: LoggedGoogleRequest[] = [];

  const limited = (operation: GoogleCloudDnsOperation): boolean => {
    const left = rateLimits.get(operation) ?? 0;
    if (left <= 0) return false;
    rateLimits.set(operation, left - 1);
    return true;
  };
  const canned = (operation: GoogleCloudDnsOperation): Answer | undefined => {
    const fault = answers.get(operation);
    if (fault === undefined || fault.times <= 0) return undefined;
    fault.times -= 1;
    return { status: 200, body: fault.body };
  };

  function token(form: URLSearchParams): Answer {
    if (limited("sts.token")) {
      return {
        status: 429,
        body: { error: "rate_limit_exceeded", error_description: "Too many requests." },
      };
    }
    const fault = canned("sts.token");
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

  function managedZones(req: IncomingMessage, project: string, query: URLSearchParams): Answer {
    const bearer = /^Bearer (\S+)$/.exec(req.headers.authorization ?? "")?.[1];
    const identity = bearer === undefined ? undefined : accessTokens.get(bearer);
    if (identity === undefined) return UNAUTHENTICATED;
    if (limited("managedZones.list")) {
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
      return apiError(
        403,
        "PERMISSION_DENIED",
        "forbidden",
        `The caller does not have permission 'dns.managedZones.list' on project ${project}`,
      );
    }
    const fault = canned("managedZones.list");
    if (fault !== undefined) return fault;
    const asked = Number(query.get("maxResults") ?? MAX_RESULTS);
    const size = Number.isInteger(asked) && asked > 0 ? Math.min(asked, MAX_RESULTS) : undefined;
    const start = Number(query.get("pageToken") ?? "0");
    if (size === undefined || !Number.isInteger(start) || start < 0) {
      return apiError(400, "INVALID_ARGUMENT", "invalid", "Invalid value for pagination.");
    }
    const dnsName = query.get("dnsName");
    const all = stored.zones.filter((zone) => dnsName === null || zone.dnsName === dnsName);
    const page = all.slice(start, start + size);
    return {
      status: 200,
      body: {
        kind: "dns#managedZonesListResponse",
        managedZones: page.map((zone) => ({
          kind: "dns#managedZone",
          name: zone.name,
          dnsName: zone.dnsName,
          description: "",
          id: zone.id,
          nameServers: zone.nameServers,
          creationTime: "2024-01-01T00:00:00.000Z",
          visibility: zone.visibility,
        })),
        ...(start + size < all.length ? { nextPageToken: String(start + size) } : {}),
      },
    };
  }

  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://emulator.invalid");
    const zones = ZONES.exec(url.pathname);
    let operation: GoogleCloudDnsOperation | "unknown" = "unknown";
    let answer: Answer;
    if (req.method === "POST" && url.pathname === "/v1/token") {
      operation = "sts.token";
      answer = token(new URLSearchParams(await readBody(req).catch(() => "")));
    } else if (req.method === "GET" && zones !== null) {
      operation = "managedZones.list";
      answer = managedZones(req, decodeURIComponent(zones[1] ?? ""), url.searchParams);
    } else {
      answer = apiError(404, "NOT_FOUND", "notFound", "Not Found");
    }
    log.push({ operation, status: answer.status, path: `${url.pathname}${url.search}` });
    const raw = typeof answer.body === "string";
    const body = raw ? String(answer.body) : JSON.stringify(answer.body);
    res.writeHead(answer.status, {
      "content-type": raw ? "text/html" : "application/json; charset=utf-8",
      "content-length": Buffer.byteLength(body),
    });
    res.end(body);
    req.resume();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  const tokenUrl = `${origin}/v1/token`;

  return {
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
          };
          project.zones.push(zone);
          return { id: zone.id, nameServers };
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
    faults: {
      rateLimit(operation, times = 1) {
        rateLimits.set(operation, times);
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
      const counts: Partial<Record<GoogleCloudDnsOperation, number>> = {};
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
