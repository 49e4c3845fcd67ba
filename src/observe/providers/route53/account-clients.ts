// One account's Route 53 and Route 53 Domains clients, configured the same way: adaptive retries,
// our own per-API rate limit (Route 53's quota is a few requests a second per account, shared
// with everything else the account runs), call and attempt counting, bounded timeouts and host-name
// lookups (./http-handler.ts).
// Endpoints are never set here: the SDK reads AWS_ENDPOINT_URL_ROUTE_53,
// AWS_ENDPOINT_URL_ROUTE_53_DOMAINS, AWS_ENDPOINT_URL_STS and AWS_ENDPOINT_URL itself.

import { Route53Client } from "@aws-sdk/client-route-53";
import { Route53DomainsClient } from "@aws-sdk/client-route-53-domains";
import pThrottle from "p-throttle";
import type { AccountCredentials, StsClientPlugin } from "./credentials.js";
import { awsRequestHandler } from "./http-handler.js";
import { checkResponseShape } from "./response-shape.js";
import type { ApiCallCounts } from "./types.js";

/** Route 53 is global and Route 53 Domains exists only in us-east-1; both sign for us-east-1. */
const API_REGION = "us-east-1";

/** Logical calls (one per `send`) and wire attempts (one per HTTP request, retries included). */
export class CallCounter {
  readonly #calls = new Map<string, number>();
  readonly #attempts = new Map<string, number>();

  call(operation: string): void {
    this.#calls.set(operation, (this.#calls.get(operation) ?? 0) + 1);
  }

  attempt(operation: string): void {
    this.#attempts.set(operation, (this.#attempts.get(operation) ?? 0) + 1);
  }

  snapshot(): { calls: ApiCallCounts; attempts: ApiCallCounts } {
    return { calls: Object.fromEntries(this.#calls), attempts: Object.fromEntries(this.#attempts) };
  }
}

interface Context {
  readonly commandName?: string;
}
type Middleware = <A, R>(
  next: (args: A) => Promise<R>,
  context: Context,
) => (args: A) => Promise<R>;

// The slice of the SDK's middleware stack used here; every client's stack satisfies it.
interface Stack {
  add(middleware: Middleware, options: { step: "initialize"; name: string; override: true }): void;
  add(middleware: Middleware, options: { step: "deserialize"; name: string; override: true }): void;
  addRelativeTo(
    middleware: Middleware,
    options: { relation: "before"; toMiddleware: string; name: string; override: true },
  ): void;
}

const operationOf = (context: Context): string =>
  (context.commandName ?? "Unknown").replace(/Command$/, "");

function installCounting(stack: Stack, counter: CallCounter): void {
  stack.add(
    (next, context) => (args) => {
      counter.call(operationOf(context));
      return next(args);
    },
    { step: "initialize", name: "domainDriftCallCounter", override: true },
  );
  // The deserialize step runs inside the retry loop, once per request on the wire.
  stack.add(
    (next, context) => (args) => {
      counter.attempt(operationOf(context));
      return next(args);
    },
    { step: "deserialize", name: "domainDriftAttemptCounter", override: true },
  );
}

// Every answer, once the retries are over, must have its documented shape (./response-shape.ts).
function installShapeCheck(stack: Stack): void {
  stack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      checkResponseShape(operationOf(context), (result as { output?: unknown }).output);
      return result;
    },
    { step: "initialize", name: "domainDriftResponseShape", override: true },
  );
}

// Waits for the rate limiter before every attempt, retries included, but before signing: a
// request queued behind thousands of others must not carry a stale signature date.
function installRateLimit(stack: Stack, wait: () => Promise<void>): void {
  stack.addRelativeTo(
    (next) => async (args) => {
      await wait();
      return next(args);
    },
    {
      relation: "before",
      toMiddleware: "httpSigningMiddleware",
      name: "domainDriftRateLimit",
      override: true,
    },
  );
}

/** A plugin for the STS client that `fromTemporaryCredentials` creates: counts AssumeRole. */
export function countingPlugin(counter: CallCounter): StsClientPlugin {
  return { applyToStack: (stack) => installCounting(stack, counter) };
}

export interface ClientSettings {
  readonly maxAttempts: number;
  readonly requestsPerSecond: number;
  readonly counter: CallCounter;
  /** Aborted on close: calls waiting for the rate limiter fail instead of hanging. */
  readonly signal: AbortSignal;
}

export interface AccountClients {
  readonly route53: Route53Client;
  readonly domains: Route53DomainsClient;
  close(): void;
}

function rateLimiter(requestsPerSecond: number, signal: AbortSignal): () => Promise<void> {
  const limit = Math.max(1, Math.round(requestsPerSecond));
  const throttle = pThrottle({
    limit,
    interval: (1000 * limit) / requestsPerSecond,
    strict: true,
    signal,
  });
  return throttle(async () => undefined);
}

export function createAccountClients(
  credentials: AccountCredentials,
  settings: ClientSettings,
): AccountClients {
  const common = {
    region: API_REGION,
    credentials: credentials.provider,
    ...(credentials.profile === undefined ? {} : { profile: credentials.profile }),
    retryMode: "adaptive",
    maxAttempts: settings.maxAttempts,
    requestHandler: awsRequestHandler(),
  } as const;
  const route53 = new Route53Client(common);
  const domains = new Route53DomainsClient(common);
  for (const client of [route53, domains]) {
    installCounting(client.middlewareStack, settings.counter);
    installShapeCheck(client.middlewareStack);
    installRateLimit(
      client.middlewareStack,
      rateLimiter(settings.requestsPerSecond, settings.signal),
    );
  }
  return {
    route53,
    domains,
    close() {
      route53.destroy();
      domains.destroy();
    },
  };
}
