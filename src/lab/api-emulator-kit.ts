// The plumbing the lab's wire-level API emulators share, so that each of them holds only its API:
// a server on loopback at a port the system picks (HTTP, or HTTPS with the lab's certificate),
// request bodies read within a bound, faults injected per operation for the next few calls (a rate
// limit, a canned answer however hostile), and the request log with its per-operation counts. An
// emulator brings its routes, its answers and the way its API refuses; the kit sends the answer,
// logs and counts the call, and closes. Used by the Cloudflare, Google Cloud DNS, Azure DNS,
// GoDaddy and Namecheap emulators; the AWS emulator and the RDAP server, which keep their own
// faults and counters, share its server and body pieces.

import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo, Server as NetServer } from "node:net";

/** Listens on 127.0.0.1 at a port the system picks, and says which. */
export async function listenOnLoopback(server: NetServer): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  return (server.address() as AddressInfo).port;
}

/** Closes the server and drops the connections clients keep alive, so closing never waits on them. */
export function closeHttpServer(server: Server): Promise<void> {
  return new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** The request body as text; undefined, the request destroyed, once it grows past `maxBytes`. */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        resolve(undefined);
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** A token request is a small form; a larger body is cut off. */
const MAX_FORM_BYTES = 64 * 1024;

/** A form-encoded request body (an OAuth token request); empty when it could not be read whole. */
export async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const body = await readBody(req, MAX_FORM_BYTES).catch(() => undefined);
  return new URLSearchParams(body ?? "");
}

/** One answer of an emulated API. */
export interface ApiAnswer {
  readonly status: number;
  /** A string is sent as it is (an HTML page, an XML document), anything else as JSON. */
  readonly body: unknown;
  /** Headers of this answer (Retry-After), after the ones every answer carries. */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * The faults tests inject into an emulator, per operation. Each emulator's alias says what its API
 * answers to a rate limit, and whether it names a retry-after (`RetryAfter` undefined: none).
 */
export interface ApiFaults<Operation extends string, RetryAfter, Body = unknown> {
  /** The next `times` calls of `operation` are refused as too many requests. */
  rateLimit(operation: Operation, times?: number, retryAfter?: RetryAfter): void;
  /**
   * The next `times` calls of `operation` answer 200 with this body instead (hostile data): a
   * string is sent as it is (an HTML page), anything else as JSON.
   */
  answer(operation: Operation, body: Body, times?: number): void;
  clear(): void;
}

interface Countdown<T> {
  times: number;
  readonly value: T;
}

/**
 * The faults of an emulator, each counted down by the calls it applies to. Tests set them through
 * the `ApiFaults` side; the emulator asks `takeRateLimit` and `takeAnswer` where its API checks.
 */
export class OperationFaults<Operation extends string, RetryAfter, Body = unknown>
  implements ApiFaults<Operation, RetryAfter, Body>
{
  readonly #rateLimits = new Map<Operation, Countdown<RetryAfter>>();
  readonly #answers = new Map<Operation, Countdown<Body>>();
  readonly #defaultRetryAfter: RetryAfter;

  constructor(defaultRetryAfter: RetryAfter) {
    this.#defaultRetryAfter = defaultRetryAfter;
  }

  // Arrow functions: tests may hand these on without their object.
  readonly rateLimit = (operation: Operation, times = 1, retryAfter?: RetryAfter): void => {
    this.#rateLimits.set(operation, { times, value: retryAfter ?? this.#defaultRetryAfter });
  };

  readonly answer = (operation: Operation, body: Body, times = 1): void => {
    this.#answers.set(operation, { times, value: body });
  };

  readonly clear = (): void => {
    this.#rateLimits.clear();
    this.#answers.clear();
  };

  /** Uses up one rate-limited call of `operation`: its retry-after, or undefined when none is left. */
  takeRateLimit(operation: Operation): { readonly retryAfter: RetryAfter } | undefined {
    const fault = take(this.#rateLimits, operation);
    return fault === undefined ? undefined : { retryAfter: fault.value };
  }

  /** Uses up one canned answer of `operation`: 200 with its body, or undefined when none is left. */
  takeAnswer(operation: Operation): ApiAnswer | undefined {
    const fault = take(this.#answers, operation);
    return fault === undefined ? undefined : { status: 200, body: fault.value };
  }
}

function take<Operation, T>(
  faults: Map<Operation, Countdown<T>>,
  operation: Operation,
): Countdown<T> | undefined {
  const fault = faults.get(operation);
  if (fault === undefined || fault.times <= 0) return undefined;
  fault.times -= 1;
  return fault;
}

/** What every emulator offers besides its API's own world. */
export interface EmulatedApi<Operation extends string, Faults, Logged = LoggedApiCall<Operation>> {
  readonly faults: Faults;
  readonly requestLog: readonly Logged[];
  /** Calls received per operation, whatever their outcome. */
  calls(): Readonly<Partial<Record<Operation, number>>>;
  /** Empties the request log and the counts. */
  resetCounters(): void;
  close(): Promise<void>;
}

/** A request as the emulator understood it: its operation ("unknown" off the API) and answer. */
export interface RoutedCall<Operation extends string> {
  readonly operation: Operation | "unknown";
  readonly answer: ApiAnswer;
}

/**
 * A call in the request log of an emulator whose credentials travel in headers, so that neither
 * field can hold one.
 */
export interface LoggedApiCall<Operation extends string> {
  readonly operation: Operation | "unknown";
  readonly status: number;
  /** The path and query. */
  readonly path: string;
  /** The query alone (`?page=2`), for pagination and filters. */
  readonly query: string;
}

/** The log entry of an emulator whose credentials travel in headers. */
export function loggedApiCall<Operation extends string>(
  { operation, answer }: RoutedCall<Operation>,
  url: URL,
): LoggedApiCall<Operation> {
  return {
    operation,
    status: answer.status,
    path: `${url.pathname}${url.search}`,
    query: url.search,
  };
}

export interface ApiEmulatorServerOptions<Operation extends string, Faults, Logged> {
  readonly faults: Faults;
  /** Serves HTTPS with this certificate and key (PEM); plain HTTP without. */
  readonly tls?: { readonly cert: string; readonly key: string };
  /** The Content-Type of a JSON answer, as the real API labels it. */
  readonly jsonType?: string;
  /** The Content-Type of a text answer. */
  readonly textType?: string;
  /** Headers every answer carries (a request id), made anew for each. */
  readonly headers?: () => Readonly<Record<string, string>>;
  route(req: IncomingMessage, url: URL): RoutedCall<Operation> | Promise<RoutedCall<Operation>>;
  /** The request log's entry for a call: what tests look at, and never a credential. */
  logEntry(call: RoutedCall<Operation>, url: URL): Logged;
}

export interface ApiEmulatorServer<Operation extends string, Faults, Logged> {
  /** `http://127.0.0.1:<port>` (`https:` with TLS). */
  readonly origin: string;
  /** The faults, log, counts and close of the emulator, to spread into what it returns. */
  readonly api: EmulatedApi<Operation, Faults, Logged>;
}

/**
 * Starts an emulator's server on loopback: each request is routed, logged and counted, then
 * answered. A routing failure (a bug of the emulator) answers 500 with its message.
 */
export async function startApiEmulatorServer<Operation extends string, Faults, Logged>(
  options: ApiEmulatorServerOptions<Operation, Faults, Logged>,
): Promise<ApiEmulatorServer<Operation, Faults, Logged>> {
  const { jsonType = "application/json", textType = "text/html" } = options;
  const log: Logged[] = [];
  const counts = new Map<Operation, number>();

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://emulator.invalid");
    const call = await options.route(req, url);
    log.push(options.logEntry(call, url));
    if (call.operation !== "unknown") {
      counts.set(call.operation, (counts.get(call.operation) ?? 0) + 1);
    }
    const { status, body, headers } = call.answer;
    const text = typeof body === "string";
    const sent = text ? body : JSON.stringify(body);
    res.writeHead(status, {
      "content-type": text ? textType : jsonType,
      "content-length": Buffer.byteLength(sent),
      ...options.headers?.(),
      ...headers,
    });
    res.end(sent);
    req.resume();
  }

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    serve(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end(`emulator failure: ${error instanceof Error ? error.message : String(error)}\n`);
    });
  };
  const server =
    options.tls === undefined
      ? createHttpServer(listener)
      : createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, listener);
  const port = await listenOnLoopback(server);

  return {
    origin: `${options.tls === undefined ? "http" : "https"}://127.0.0.1:${port}`,
    api: {
      faults: options.faults,
      requestLog: log,
      calls: () => Object.fromEntries(counts) as Partial<Record<Operation, number>>,
      resetCounters() {
        log.length = 0;
        counts.clear();
      },
      close: () => closeHttpServer(server),
    },
  };
}
