// A loopback RDAP server for tests, the demo and the benchmark. It serves RFC 9083 domain objects
// from a map that can change at run time, as a registry (optionally thin: a `related` link to a
// registrar's RDAP, which can be a second lab server) or as a registrar, and injects the faults
// real RDAP servers show: rate limiting, 5xx, redirect chains and loops, slowness, broken JSON,
// oversized bodies and dropped connections. It counts what it was asked.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { setTimeout as delay } from "node:timers/promises";
import { closeHttpServer, listenOnLoopback } from "./api-emulator-kit.js";

export interface LabRdapDomain {
  readonly registrar?: { readonly ianaId?: number; readonly name: string };
  readonly statuses?: readonly string[];
  readonly events?: {
    readonly registration?: string;
    readonly expiration?: string;
    readonly lastChanged?: string;
  };
  readonly nameservers?: readonly string[];
  readonly delegationSigned?: boolean;
  /** The registrar's RDAP base URL. A registry renders it as the `related` link of a thin registry. */
  readonly registrarRdap?: string;
}

export type LabRdapFault =
  /** 429 with this Retry-After value (seconds or an HTTP-date). */
  | { readonly kind: "rate-limit"; readonly retryAfter: string }
  /** An error answer (503 unless `status` says otherwise), with Retry-After when given. */
  | { readonly kind: "error-status"; readonly status?: number; readonly retryAfter?: string }
  /** `hops` redirects (302) inside this server before the answer. */
  | { readonly kind: "redirect"; readonly hops: number }
  /** Redirects that never end. */
  | { readonly kind: "redirect-loop" }
  /** One redirect to any location (another server, another scheme). */
  | { readonly kind: "redirect-to"; readonly location: string }
  /** The answer after a pause. */
  | { readonly kind: "delay"; readonly ms: number }
  | { readonly kind: "invalid-json" }
  /** A 200 body of `bytes` bytes, streamed without Content-Length unless `declareLength`. */
  | { readonly kind: "oversized"; readonly bytes: number; readonly declareLength?: boolean }
  /** The connection is dropped without an answer. */
  | { readonly kind: "reset" };

export interface LabRdapServerOptions {
  /** A registrar never renders `related` links. Default "registry". */
  readonly role?: "registry" | "registrar";
  /** Path prefix under which `domain/<name>` is served, like real servers' `/com/v1/`. Default `/`. */
  readonly basePath?: string;
  readonly domains?: Readonly<Record<string, LabRdapDomain>>;
  /** Added to every answer, for the benchmark. Default 0. */
  readonly latencyMs?: LabRdapLatency;
}

/** A fixed delay, or one drawn uniformly from a range for each answer (a real registry's spread). */
export type LabRdapLatency = number | { readonly minMs: number; readonly maxMs: number };

export interface LabRdapCounters {
  readonly total: number;
  /** Request paths (without query) → count. */
  readonly byPath: ReadonlyMap<string, number>;
  /** TCP connections accepted. */
  readonly connections: number;
  /** The most requests that were in progress at once. */
  readonly maxInFlight: number;
  /** The Accept header of the last request. */
  readonly lastAccept: string | undefined;
}

export interface LabRdapServer {
  /** `http://127.0.0.1:<port><basePath>`, ending with `/`. */
  readonly baseUrl: string;
  setDomain(name: string, domain: LabRdapDomain): void;
  /** Serves `body` verbatim (a fixture), as JSON when it is not a string. */
  setRawDomain(name: string, body: unknown): void;
  /** Serves `body` verbatim at `entity/<handle>` (a registrar's entity object). */
  setRawEntity(handle: string, body: unknown): void;
  deleteDomain(name: string): void;
  /** Applies `fault` to the next `count` requests for `domain` ("*": any domain); forever without count. */
  addFault(domain: string, fault: LabRdapFault, count?: number): void;
  clearFaults(): void;
  setLatency(latency: LabRdapLatency): void;
  /**
   * Answers every `every`-th domain request with 429 and this Retry-After (seconds), as a
   * registry's rate limiter does now and then under steady load; 0 stops it.
   */
  setRateLimitEvery(every: number, retryAfterSeconds: number): void;
  counters(): LabRdapCounters;
  resetCounters(): void;
  close(): Promise<void>;
}

const RDAP_JSON = "application/rdap+json";
const ANY_DOMAIN = "*";

type Entry =
  | { readonly kind: "model"; readonly domain: LabRdapDomain }
  | { readonly kind: "raw"; readonly body: string };

interface ActiveFault {
  readonly fault: LabRdapFault;
  remaining: number;
}

const withSlash = (url: string): string => (url.endsWith("/") ? url : `${url}/`);

/** Renders an RFC 9083 domain object in the shape gTLD registries use. */
function renderRdapDomain(
  name: string,
  domain: LabRdapDomain,
  selfUrl: string,
  role: "registry" | "registrar",
): Record<string, unknown> {
  const links: Record<string, string>[] = [
    { value: selfUrl, rel: "self", href: selfUrl, type: RDAP_JSON },
  ];
  if (role === "registry" && domain.registrarRdap !== undefined) {
    const href = `${withSlash(domain.registrarRdap)}domain/${name}`;
    links.push({ value: selfUrl, rel: "related", href, type: RDAP_JSON });
  }
  const events: { eventAction: string; eventDate: string }[] = [];
  const { registration, expiration, lastChanged } = domain.events ?? {};
  if (registration) events.push({ eventAction: "registration", eventDate: registration });
  if (expiration) events.push({ eventAction: "expiration", eventDate: expiration });
  if (lastChanged) events.push({ eventAction: "last changed", eventDate: lastChanged });
  const registrar = domain.registrar;
  return {
    rdapConformance: [
      "rdap_level_0",
      "icann_rdap_response_profile_1",
      "icann_rdap_technical_implementation_guide_1",
    ],
    objectClassName: "domain",
    handle: `${name.replaceAll(".", "_").toUpperCase()}-LAB`,
    ldhName: role === "registry" ? name.toUpperCase() : name,
    links,
    status: domain.statuses ?? ["active"],
    entities: registrar
      ? [
          {
            objectClassName: "entity",
            handle: String(registrar.ianaId ?? registrar.name),
            roles: ["registrar"],
            ...(registrar.ianaId !== undefined
              ? { publicIds: [{ type: "IANA Registrar ID", identifier: String(registrar.ianaId) }] }
              : {}),
            vcardArray: [
              "vcard",
              [
                ["version", {}, "text", "4.0"],
                ["fn", {}, "text", registrar.name],
              ],
            ],
          },
        ]
      : [],
    events,
    nameservers: (domain.nameservers ?? []).map((ns) => ({
      objectClassName: "nameserver",
      ldhName: role === "registry" ? ns.toUpperCase() : ns,
    })),
    secureDNS: { delegationSigned: domain.delegationSigned ?? false },
    notices: [
      {
        title: "Terms of Use",
        description: [`Simulated ${role} data for domain-drift tests; not real registration data.`],
      },
    ],
  };
}

/**
 * A bootstrap document (IANA dns.json format) pointing each TLD at an RDAP base URL, for
 * `--rdap-bootstrap FILE` or `parseRdapBootstrap`.
 */
export function renderLabBootstrap(
  tldToBaseUrl: Readonly<Record<string, string>>,
  publication = "2026-01-01T00:00:00Z",
): Record<string, unknown> {
  const byUrl = new Map<string, string[]>();
  for (const [tld, url] of Object.entries(tldToBaseUrl)) {
    byUrl.set(url, [...(byUrl.get(url) ?? []), tld]);
  }
  return {
    description: "RDAP bootstrap file for the domain-drift lab",
    publication,
    services: [...byUrl].map(([url, tlds]) => [tlds, [url]]),
    version: "1.0",
  };
}

function errorBody(code: number, title: string, description: string): string {
  return JSON.stringify({
    rdapConformance: ["rdap_level_0"],
    errorCode: code,
    title,
    description: [description],
  });
}

// Paths below the base: domain/<name>, entity/<handle>, _hop/<k>/<n>/domain/<name>,
// _loop/<a|b>/domain/<name>.
type Route =
  | { readonly kind: "domain"; readonly name: string }
  | { readonly kind: "entity"; readonly handle: string }
  | { readonly kind: "hop"; readonly hop: number; readonly of: number; readonly name: string }
  | { readonly kind: "loop"; readonly side: "a" | "b"; readonly name: string };

function route(rest: string): Route | undefined {
  const parts = rest.split("/");
  if (parts.length === 2 && parts[0] === "entity" && parts[1]) {
    return { kind: "entity", handle: decodeURIComponent(parts[1]) };
  }
  const [first, second, third] = parts;
  const name = parts.at(-1)?.toLowerCase();
  if (name === undefined || name === "" || parts.at(-2) !== "domain") return undefined;
  if (parts.length === 2) return { kind: "domain", name };
  if (first === "_hop" && parts.length === 5) {
    const hop = Number(second);
    const of = Number(third);
    if (Number.isInteger(hop) && Number.isInteger(of)) return { kind: "hop", hop, of, name };
  }
  if (first === "_loop" && parts.length === 4 && (second === "a" || second === "b")) {
    return { kind: "loop", side: second, name };
  }
  return undefined;
}

function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done).off("close", done);
      resolve();
    };
    res.once("drain", done).once("close", done);
  });
}

async function streamOversized(res: ServerResponse, bytes: number, declareLength: boolean) {
  const head = '{"objectClassName":"domain","padding":"';
  const tail = '"}';
  const padding = Math.max(0, bytes - head.length - tail.length);
  res.writeHead(200, {
    "content-type": RDAP_JSON,
    ...(declareLength ? { "content-length": String(head.length + padding + tail.length) } : {}),
  });
  res.write(head);
  const chunk = "x".repeat(64 * 1024);
  for (let left = padding; left > 0 && !res.destroyed; left -= chunk.length) {
    const ok = res.write(left >= chunk.length ? chunk : chunk.slice(0, left));
    if (!ok) await drained(res);
  }
  res.end(tail);
}

export async function startLabRdapServer(
  options: LabRdapServerOptions = {},
): Promise<LabRdapServer> {
  const role = options.role ?? "registry";
  const basePath = withSlash(options.basePath ?? "/");
  const entries = new Map<string, Entry>();
  const entities = new Map<string, string>();
  let lastAccept: string | undefined;
  for (const [name, domain] of Object.entries(options.domains ?? {})) {
    entries.set(name.toLowerCase(), { kind: "model", domain });
  }
  const faults = new Map<string, ActiveFault[]>();
  let latency: LabRdapLatency = options.latencyMs ?? 0;
  let rateLimit = { every: 0, retryAfter: "1", seen: 0 };
  let total = 0;
  let connections = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  let byPath = new Map<string, number>();
  let baseUrl = "";

  function takeFault(name: string): LabRdapFault | undefined {
    for (const key of [name, ANY_DOMAIN]) {
      const queue = faults.get(key);
      const active = queue?.[0];
      if (!queue || !active) continue;
      active.remaining--;
      if (active.remaining <= 0) queue.shift();
      return active.fault;
    }
    return undefined;
  }

  function send(
    res: ServerResponse,
    status: number,
    body: string,
    headers: Record<string, string> = {},
  ) {
    res.writeHead(status, {
      "content-type": RDAP_JSON,
      "content-length": String(Buffer.byteLength(body)),
      ...headers,
    });
    res.end(body);
  }

  function redirect(res: ServerResponse, location: string) {
    send(res, 302, "", { location });
  }

  function answer(res: ServerResponse, name: string, selfUrl: string) {
    const entry = entries.get(name);
    if (!entry) {
      send(res, 404, errorBody(404, "Not Found", `${name} is not registered here.`));
      return;
    }
    const body =
      entry.kind === "raw"
        ? entry.body
        : JSON.stringify(renderRdapDomain(name, entry.domain, selfUrl, role));
    send(res, 200, body);
  }

  function steadyRateLimit(): LabRdapFault | undefined {
    if (rateLimit.every === 0) return undefined;
    rateLimit.seen++;
    return rateLimit.seen % rateLimit.every === 0
      ? { kind: "rate-limit", retryAfter: rateLimit.retryAfter }
      : undefined;
  }

  async function applyFault(
    fault: LabRdapFault,
    res: ServerResponse,
    req: IncomingMessage,
    name: string,
    selfUrl: string,
  ) {
    switch (fault.kind) {
      case "rate-limit":
        send(res, 429, errorBody(429, "Too Many Requests", "Slow down."), {
          "retry-after": fault.retryAfter,
        });
        return;
      case "error-status":
        send(
          res,
          fault.status ?? 503,
          errorBody(fault.status ?? 503, "Server Error", "Try again later."),
          {
            ...(fault.retryAfter !== undefined ? { "retry-after": fault.retryAfter } : {}),
          },
        );
        return;
      case "redirect":
        redirect(res, fault.hops > 0 ? `${basePath}_hop/1/${fault.hops}/domain/${name}` : selfUrl);
        return;
      case "redirect-loop":
        redirect(res, `${basePath}_loop/a/domain/${name}`);
        return;
      case "redirect-to":
        redirect(res, fault.location);
        return;
      case "delay":
        await delay(fault.ms);
        if (!res.destroyed) answer(res, name, selfUrl);
        return;
      case "invalid-json":
        send(res, 200, '{"objectClassName": "domain", "ldhName": ');
        return;
      case "oversized":
        await streamOversized(res, fault.bytes, fault.declareLength === true);
        return;
      case "reset":
        req.socket.destroy();
        return;
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    total++;
    byPath.set(path, (byPath.get(path) ?? 0) + 1);
    lastAccept = req.headers.accept;
    const latencyMs =
      typeof latency === "number"
        ? latency
        : latency.minMs + Math.random() * (latency.maxMs - latency.minMs);
    if (latencyMs > 0) await delay(latencyMs);
    const target =
      req.method === "GET" && path.startsWith(basePath)
        ? route(path.slice(basePath.length))
        : undefined;
    if (!target) {
      send(res, 400, errorBody(400, "Bad Request", `unsupported request ${req.method} ${path}`));
      return;
    }
    if (target.kind === "entity") {
      const body = entities.get(target.handle.toLowerCase());
      if (body === undefined) send(res, 404, errorBody(404, "Not Found", "No such entity."));
      else send(res, 200, body);
      return;
    }
    const selfUrl = `${baseUrl}domain/${target.name}`;
    switch (target.kind) {
      case "hop":
        if (target.hop >= target.of) {
          answer(res, target.name, selfUrl);
          return;
        }
        redirect(res, `${basePath}_hop/${target.hop + 1}/${target.of}/domain/${target.name}`);
        return;
      case "loop":
        redirect(res, `${basePath}_loop/${target.side === "a" ? "b" : "a"}/domain/${target.name}`);
        return;
      case "domain": {
        const fault = takeFault(target.name) ?? steadyRateLimit();
        if (fault) await applyFault(fault, res, req, target.name, selfUrl);
        else answer(res, target.name, selfUrl);
      }
    }
  }

  const server = createServer((req, res) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.once("close", () => inFlight--);
    handle(req, res).catch(() => res.destroy());
  });
  server.on("connection", () => connections++);
  // Clients keep connections for a while; the server must not close them first under load.
  server.keepAliveTimeout = 30_000;
  baseUrl = `http://127.0.0.1:${await listenOnLoopback(server)}${basePath}`;

  return {
    baseUrl,
    setDomain: (name, domain) => entries.set(name.toLowerCase(), { kind: "model", domain }),
    setRawDomain: (name, body) =>
      entries.set(name.toLowerCase(), {
        kind: "raw",
        body: typeof body === "string" ? body : JSON.stringify(body),
      }),
    setRawEntity: (handle, body) =>
      entities.set(handle.toLowerCase(), typeof body === "string" ? body : JSON.stringify(body)),
    deleteDomain: (name) => entries.delete(name.toLowerCase()),
    addFault(domain, fault, count) {
      const key = domain === ANY_DOMAIN ? domain : domain.toLowerCase();
      faults.set(key, [
        ...(faults.get(key) ?? []),
        { fault, remaining: count ?? Number.POSITIVE_INFINITY },
      ]);
    },
    clearFaults: () => faults.clear(),
    setLatency(value) {
      latency = value;
    },
    setRateLimitEvery(every, retryAfterSeconds) {
      rateLimit = { every, retryAfter: String(retryAfterSeconds), seen: 0 };
    },
    counters: () => ({ total, byPath: new Map(byPath), connections, maxInFlight, lastAccept }),
    resetCounters() {
      total = 0;
      connections = 0;
      maxInFlight = inFlight;
      byPath = new Map();
    },
    close: () => closeHttpServer(server),
  };
}
