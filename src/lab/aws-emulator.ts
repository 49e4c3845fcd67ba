// A wire-level emulator of the AWS APIs domain-drift reads: Route 53 (REST-XML), Route 53
// Domains (JSON 1.1) and STS AssumeRole (query), on one loopback HTTP server. The real SDK
// clients reach it through the standard endpoint variables (see `endpointEnv`). Requests are
// attributed to accounts by the access key in the SigV4 Authorization header; signatures are
// not verified. Used by the tests, `domain-drift demo` and `npm run bench`.

import { randomUUID } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { closeHttpServer, listenOnLoopback, readBody } from "./api-emulator-kit.js";
import {
  type AccessKey,
  AwsWorld,
  type EmulatedAccount,
  type EmulatedOperation,
  type EmulatedProtocol,
  type EmulatedRole,
  type EmulatorRequest,
  type EmulatorResponse,
  type Faults,
  type LoggedRequest,
  type RoleSpec,
} from "./aws-world.js";
import { route53DomainsProtocol } from "./route53-domains-emulator.js";
import { route53Protocol } from "./route53-emulator.js";
import { stsProtocol } from "./sts-emulator.js";

export type {
  AccessKey,
  DomainNameServer,
  EmulatedAccount,
  EmulatedDomain,
  EmulatedHostedZone,
  EmulatedOperation,
  EmulatedRole,
  Faults,
  HostedZoneSpec,
  LoggedRequest,
  RecordSetSpec,
  RegisteredDomainSpec,
  RoleSpec,
} from "./aws-world.js";

const MAX_BODY_BYTES = 1024 * 1024;
// Order matters: a JSON 1.1 request is recognised by its target header before anything else.
const PROTOCOLS: readonly EmulatedProtocol[] = [
  route53DomainsProtocol,
  route53Protocol,
  stsProtocol,
];

export interface AwsEmulator {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** The standard variables that send the AWS SDK's Route 53, Route 53 Domains and STS calls here. */
  readonly endpointEnv: Readonly<Record<string, string>>;
  addAccount(accountId?: string): EmulatedAccount;
  account(accountId: string): EmulatedAccount | undefined;
  addRole(spec: RoleSpec): EmulatedRole;
  /** Requests signed with this key now fail with ExpiredToken / ExpiredTokenException. */
  expireAccessKey(accessKeyId: string): void;
  readonly faults: Faults;
  /** Requests received per operation, whatever their outcome. */
  calls(): Readonly<Partial<Record<EmulatedOperation, number>>>;
  callCount(operation: EmulatedOperation): number;
  readonly requestLog: readonly LoggedRequest[];
  resetCounters(): void;
  close(): Promise<void>;
}

const CREDENTIAL = /Credential=([A-Za-z0-9]+)\//;

/** The `DomainName` member of a JSON request body (Route 53 Domains), else undefined. */
function domainNameIn(body: string): string | undefined {
  if (!body.startsWith("{")) return undefined;
  try {
    const name = (JSON.parse(body) as { DomainName?: unknown }).DomainName;
    return typeof name === "string" ? name.toLowerCase() : undefined;
  } catch {
    return undefined;
  }
}

// What AWS echoes in a SignatureDoesNotMatch message: the canonical request, whose headers
// include the session token. Callers must never pass such messages on unredacted.
function canonicalRequestEcho(request: EmulatorRequest): string {
  const headers = Object.entries(request.headers)
    .filter(([name]) => name.startsWith("x-amz-") || name === "host")
    .map(([name, value]) => `${name}:${String(value)}`)
    .join("\n");
  return `The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.\n\nThe Canonical String for this request should have been\n'${request.method}\n${request.path}\n${request.query.toString()}\n${headers}'\n\nAuthorization: ${String(request.headers.authorization ?? "")}`;
}

interface Classified {
  readonly protocol: EmulatedProtocol;
  readonly operation: EmulatedOperation | "unknown";
  readonly accessKeyId: string | undefined;
}

function classify(request: EmulatorRequest): Classified | undefined {
  const protocol = PROTOCOLS.find((p) => p.claims(request));
  if (protocol === undefined) return undefined;
  const accessKeyId = CREDENTIAL.exec(String(request.headers.authorization ?? ""))?.[1];
  return { protocol, operation: protocol.operation(request), accessKeyId };
}

// The order AWS checks things in: authentication, then signature, authorisation, throttling.
function respond(world: AwsWorld, request: EmulatorRequest, call: Classified): EmulatorResponse {
  const { protocol, operation, accessKeyId } = call;
  if (operation === "unknown") {
    return protocol.error("unknown-operation", "The action is not valid for this endpoint");
  }
  if (accessKeyId === undefined) {
    return protocol.error("missing-authentication", "Request is missing Authentication Token");
  }
  const key = world.key(accessKeyId);
  const token = request.headers["x-amz-security-token"];
  const account = key === undefined ? undefined : world.accounts.get(key.accountId);
  if (
    key === undefined ||
    account === undefined ||
    (key.sessionToken !== undefined && token !== key.sessionToken)
  ) {
    return protocol.error("unknown-key", "The security token included in the request is invalid.");
  }
  if (key.expired) {
    return protocol.error("expired-token", "The security token included in the request is expired");
  }
  if (world.consume(world.badSignatures, operation)) {
    return protocol.error("signature-mismatch", canonicalRequestEcho(request));
  }
  if (world.isDenied(operation, account.accountId)) {
    const action = `${protocol.iamPrefix}:${operation}`;
    return protocol.error(
      "access-denied",
      `User: ${key.principalArn} is not authorized to perform: ${action} because no identity-based policy allows the ${action} action`,
    );
  }
  if (world.consume(world.throttled, operation)) {
    return protocol.error("throttled", "Rate exceeded");
  }
  const forced = world.forcedAnswers.get(operation);
  if (forced !== undefined) return forced;
  return protocol.handle(operation, request, { world, account, principalArn: key.principalArn });
}

/** Starts the emulator on 127.0.0.1 with an ephemeral port. */
export async function startAwsEmulator(): Promise<AwsEmulator> {
  const world = new AwsWorld();

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://emulator.invalid");
    const body = await readBody(req, MAX_BODY_BYTES);
    if (body === undefined) {
      res.writeHead(413, { "content-type": "text/plain" }).end("request body too large\n");
      return;
    }
    const request: EmulatorRequest = {
      method: req.method ?? "GET",
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body,
    };
    const call = classify(request);
    const operation = call?.operation ?? "unknown";
    const accessKeyId = call?.accessKeyId;
    const entry: LoggedRequest = {
      at: Date.now(),
      operation,
      accessKeyId,
      accountId: accessKeyId === undefined ? undefined : world.key(accessKeyId)?.accountId,
      domainName: domainNameIn(body),
      status: 0,
      errorCode: undefined,
    };
    world.log.push(entry);
    if (operation !== "unknown") world.calls.set(operation, (world.calls.get(operation) ?? 0) + 1);
    if (world.latencyMs > 0) await sleep(world.latencyMs);

    const response =
      call === undefined
        ? { status: 404, contentType: "text/plain", body: "not an emulated AWS API\n" }
        : respond(world, request, call);
    entry.status = response.status;
    if (response.status >= 400) entry.errorCode = errorCodeOf(response);
    res
      .writeHead(response.status, {
        "content-type": response.contentType,
        "x-amzn-requestid": randomUUID(),
      })
      .end(response.body);
  }

  const server = createServer((req, res) => {
    serve(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end(`emulator failure: ${error instanceof Error ? error.message : String(error)}\n`);
    });
  });
  const url = `http://127.0.0.1:${await listenOnLoopback(server)}`;

  return {
    url,
    endpointEnv: {
      AWS_ENDPOINT_URL_ROUTE_53: url,
      AWS_ENDPOINT_URL_ROUTE_53_DOMAINS: url,
      AWS_ENDPOINT_URL_STS: url,
    },
    addAccount: (accountId) => world.addAccount(accountId),
    account: (accountId) => world.accounts.get(accountId),
    addRole: (spec) => world.addRole(spec),
    expireAccessKey: (accessKeyId) => world.expireKey(accessKeyId),
    faults: world.faults,
    calls: () => Object.fromEntries(world.calls),
    callCount: (operation) => world.calls.get(operation) ?? 0,
    get requestLog() {
      return world.log;
    },
    resetCounters() {
      world.calls.clear();
      world.log.length = 0;
    },
    close: () => closeHttpServer(server),
  };
}

function errorCodeOf(response: EmulatorResponse): string | undefined {
  if (response.contentType.startsWith("application/x-amz-json")) {
    const parsed = JSON.parse(response.body) as { __type?: unknown };
    return typeof parsed.__type === "string" ? parsed.__type : undefined;
  }
  return /<Code>([^<]+)<\/Code>/.exec(response.body)?.[1];
}

export interface AwsProfile {
  readonly name: string;
  readonly key: AccessKey;
}

export interface AwsSharedFiles {
  readonly configFile: string;
  readonly credentialsFile: string;
}

/**
 * Writes an AWS shared config and credentials file holding exactly these profiles (name one
 * `default` for the default chain). Point AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE at them.
 */
export async function writeAwsProfiles(
  dir: string,
  profiles: readonly AwsProfile[],
): Promise<AwsSharedFiles> {
  await mkdir(dir, { recursive: true });
  const credentials = profiles
    .map(({ name, key }) =>
      [
        `[${name}]`,
        `aws_access_key_id = ${key.accessKeyId}`,
        `aws_secret_access_key = ${key.secretAccessKey}`,
        ...(key.sessionToken === undefined ? [] : [`aws_session_token = ${key.sessionToken}`]),
      ].join("\n"),
    )
    .join("\n\n");
  const config = profiles
    .map(
      ({ name }) => `[${name === "default" ? "default" : `profile ${name}`}]\nregion = us-east-1`,
    )
    .join("\n\n");
  const files = { configFile: join(dir, "config"), credentialsFile: join(dir, "credentials") };
  await writeFile(files.configFile, `${config}\n`, { mode: 0o600 });
  await writeFile(files.credentialsFile, `${credentials}\n`, { mode: 0o600 });
  return files;
}
