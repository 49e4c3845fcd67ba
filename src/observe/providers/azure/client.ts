// How the adapter reaches one Azure subscription: the official ARM SDK (@azure/arm-dns) with a
// credential of @azure/identity that the account's `credential` names: a service principal's
// secret from the variables Azure's EnvironmentCredential reads (AZURE_TENANT_ID, AZURE_CLIENT_ID,
// AZURE_CLIENT_SECRET, AZURE_AUTHORITY_HOST; the default), a workload identity's federated token
// (AZURE_FEDERATED_TOKEN_FILE with the tenant and client ids), or the Azure CLI's login, all taken
// from the session's environment. Not DefaultAzureCredential: it tries each in turn and then probes
// the managed-identity endpoint (a link-local address the tool's address rule refuses), so a missing
// credential would be a long wait and a vague answer instead of a reason; here each is an explicit
// choice, and one that cannot be used says why. AZURE_RESOURCE_MANAGER_ENDPOINT points the SDK at
// another ARM endpoint (the lab's emulator). Failures become reasons; secrets are never in them.
import { DnsManagementClient } from "@azure/arm-dns";
import type { TokenCredential } from "@azure/core-auth";
import { createPipelineRequest, RestError } from "@azure/core-rest-pipeline";
import {
  AzureCliCredential,
  ClientSecretCredential,
  WorkloadIdentityCredential,
} from "@azure/identity";
import { readBoundedFile } from "../../../files/read-bounded.js";
import { quotedText } from "../account-listing.js";
import type { ProviderAccount } from "../types.js";
import { MalformedAzureAnswer } from "./answer-shape.js";

export const ENDPOINT_VARIABLE = "AZURE_RESOURCE_MANAGER_ENDPOINT";
const DEFAULT_ENDPOINT = "https://management.azure.com";
/** The token's audience is ARM's, wherever the endpoint is. */
const ARM_SCOPE = "https://management.azure.com/.default";
/** The SDK retries 429 (as Retry-After says), 5xx and connection errors. */
export const MAX_RETRIES = 2;
const TIMEOUT_MS = 30_000;
/** The Azure RBAC action each call needs (all in the built-in Reader role). */
export const PERMISSIONS: Readonly<Record<string, string>> = {
  "dnsZones.list": "Microsoft.Network/dnsZones/read",
  "recordSets.listByDnsZone": "Microsoft.Network/dnsZones/recordsets/read",
  "recordSets.get": "Microsoft.Network/dnsZones/NS/read",
  "dnssecConfigs.get": "Microsoft.Network/dnsZones/dnssecConfigs/read",
};
/**
 * The API version of DNSSEC configurations: @azure/arm-dns 5.1 speaks 2018-05-01, which predates
 * them, so `dnssecConfigs/default` is asked through the SDK's pipeline (token, retries, counting)
 * with this version.
 */
const DNSSEC_API_VERSION = "2023-07-01-preview";
/** A DNSSEC configuration is a few keys: some KiB. */
const MAX_DNSSEC_ANSWER_BYTES = 256 * 1024;

/** The operation a request URL calls, as the adapter's counters name it. */
export function operationOf(url: string): string {
  const path = URL.parse(url)?.pathname.toLowerCase() ?? "";
  if (path.endsWith("/dnssecconfigs/default")) return "dnssecConfigs.get";
  if (path.endsWith("/recordsets")) return "recordSets.listByDnsZone";
  if (path.endsWith("/dnszones")) return "dnsZones.list";
  return "recordSets.get";
}
/** The credentials an account may name (`credential:`); `client-secret` when it names none. */
export const CREDENTIAL_KINDS = ["client-secret", "workload-identity", "azure-cli"] as const;
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];
/** A federated token is a JWT of a few KiB. */
const MAX_FEDERATED_TOKEN_BYTES = 64 * 1024;
/** How long `az account get-access-token` may take before the credential is unusable. */
const AZURE_CLI_TIMEOUT_MS = 30_000;

/** A credential ready to ask tokens, who it is (for reasons), and the strings never to print. */
type AccountCredential =
  | {
      readonly kind: "ready";
      readonly credential: TokenCredential;
      readonly who: string;
      readonly secrets: readonly string[];
    }
  | { readonly kind: "unusable"; readonly reason: string };

/** The variables of `names` that are not set, as a reason; undefined when all are. */
function unset(env: NodeJS.ProcessEnv, names: readonly string[], what: string): string | undefined {
  const missing = names.filter((name) => !env[name]);
  if (missing.length === 0) return undefined;
  return `no Azure credentials: ${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} not set (${what})`;
}

async function accountCredential(
  kind: CredentialKind,
  subscriptionId: string,
  env: NodeJS.ProcessEnv,
): Promise<AccountCredential> {
  const authorityHost = env.AZURE_AUTHORITY_HOST || undefined;
  const authority = {
    ...(authorityHost === undefined ? {} : { authorityHost }),
    // Instance discovery asks login.microsoftonline.com whether the authority is known: not for
    // a sovereign or the lab's authority named on purpose.
    disableInstanceDiscovery: authorityHost !== undefined,
    retryOptions: { maxRetries: MAX_RETRIES },
  };
  switch (kind) {
    case "client-secret": {
      const names = ["AZURE_TENANT_ID", "AZURE_CLIENT_ID", "AZURE_CLIENT_SECRET"];
      const reason = unset(env, names, `a service principal for subscription ${subscriptionId}`);
      if (reason !== undefined) return { kind: "unusable", reason };
      const [tenantId = "", clientId = "", secret = ""] = names.map((name) => env[name] ?? "");
      return {
        kind: "ready",
        credential: new ClientSecretCredential(tenantId, clientId, secret, authority),
        who: "the service principal",
        secrets: [secret],
      };
    }
    case "workload-identity": {
      const names = ["AZURE_TENANT_ID", "AZURE_CLIENT_ID", "AZURE_FEDERATED_TOKEN_FILE"];
      const reason = unset(env, names, `a workload identity for subscription ${subscriptionId}`);
      if (reason !== undefined) return { kind: "unusable", reason };
      const [tenantId = "", clientId = "", tokenFilePath = ""] = names.map((n) => env[n] ?? "");
      // Read here first, within a bound: a missing or oversized file is a reason, and the token
      // (a secret: it buys an access token) is kept out of every reason.
      const read = await readBoundedFile(tokenFilePath, MAX_FEDERATED_TOKEN_BYTES);
      if (!read.ok) {
        return {
          kind: "unusable",
          reason: `the federated token file ${tokenFilePath} (AZURE_FEDERATED_TOKEN_FILE) cannot be used: ${read.message}`,
        };
      }
      return {
        kind: "ready",
        credential: new WorkloadIdentityCredential({
          tenantId,
          clientId,
          tokenFilePath,
          ...authority,
        }),
        who: "the workload identity",
        secrets: [read.bytes.toString("utf8").trim()],
      };
    }
    case "azure-cli":
      // `az account get-access-token`, run by the SDK through the shell with the process's PATH
      // and the CLI's own login (az login, or azure/login in GitHub Actions).
      return {
        kind: "ready",
        credential: new AzureCliCredential({
          ...(env.AZURE_TENANT_ID ? { tenantId: env.AZURE_TENANT_ID } : {}),
          processTimeoutInMs: AZURE_CLI_TIMEOUT_MS,
        }),
        who: "the Azure CLI login",
        secrets: [],
      };
  }
}

export type SubscriptionClient =
  | {
      readonly kind: "ready";
      readonly client: DnsManagementClient;
      readonly endpoint: string;
      /** Who the credential is, for reasons: `the service principal`, `the Azure CLI login`. */
      readonly who: string;
      /** Strings never to print: the client secret, the federated token. */
      readonly secrets: readonly string[];
    }
  | { readonly kind: "unusable"; readonly reason: string };

export async function subscriptionClient(
  account: ProviderAccount,
  env: NodeJS.ProcessEnv,
  onAttempt: (operation: string) => void,
): Promise<SubscriptionClient> {
  const subscriptionId = account.settings.subscriptionId;
  if (subscriptionId === undefined) {
    return { kind: "unusable", reason: `the Azure account ${account.id} has no subscriptionId` };
  }
  const kind = CREDENTIAL_KINDS.find(
    (known) => known === (account.settings.credential ?? "client-secret"),
  );
  if (kind === undefined) {
    return {
      kind: "unusable",
      reason: `the Azure account ${account.id} names an unknown credential (${CREDENTIAL_KINDS.join(", ")})`,
    };
  }
  const ready = await accountCredential(kind, subscriptionId, env);
  if (ready.kind === "unusable") return ready;
  const { credential, who, secrets } = ready;
  const endpoint = env[ENDPOINT_VARIABLE] || DEFAULT_ENDPOINT;
  const client = new DnsManagementClient(credential, subscriptionId, {
    endpoint,
    credentialScopes: [ARM_SCOPE],
    retryOptions: { maxRetries: MAX_RETRIES },
    additionalPolicies: [
      {
        // After the retry policy: counts every attempt the SDK makes.
        position: "perRetry",
        policy: {
          name: "domainDriftAttempts",
          sendRequest: (request, next) => {
            request.timeout = TIMEOUT_MS;
            onAttempt(operationOf(request.url));
            return next(request);
          },
        },
      },
    ],
  });
  return { kind: "ready", client, endpoint, who, secrets };
}

/** A Node stream's bytes, at most `max` of them, as text; a longer one is refused unread. */
async function boundedText(
  stream: NodeJS.ReadableStream | undefined,
  max: number,
): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream ?? []) {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += bytes.length;
    if (size > max) {
      (stream as { destroy?: () => void }).destroy?.();
      throw new MalformedAzureAnswer("dnssecConfigs.get", `the answer is longer than ${max} bytes`);
    }
    chunks.push(bytes);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * The zone's DNSSEC configuration as ARM sends it (parsed JSON), or undefined when the zone has
 * none (404 `NotFound`: DNSSEC was never enabled, or was disabled). Any other answer throws, as
 * the SDK's own calls do, a RestError with ARM's error code.
 */
export async function dnssecConfig(
  client: DnsManagementClient,
  endpoint: string,
  zoneId: string,
): Promise<unknown> {
  const url = new URL(`${zoneId}/dnssecConfigs/default`, endpoint);
  url.searchParams.set("api-version", DNSSEC_API_VERSION);
  const response = await client.sendRequest(
    createPipelineRequest({
      url: url.href,
      method: "GET",
      timeout: TIMEOUT_MS,
      streamResponseStatusCodes: new Set([200]),
    }),
  );
  if (response.status === 200) {
    const text = await boundedText(response.readableStreamBody, MAX_DNSSEC_ANSWER_BYTES);
    try {
      return JSON.parse(text);
    } catch {
      throw new MalformedAzureAnswer("dnssecConfigs.get", "the answer is not JSON");
    }
  }
  let error: { code?: unknown; message?: unknown } = {};
  try {
    const parsed = JSON.parse((response.bodyAsText ?? "").slice(0, MAX_DNSSEC_ANSWER_BYTES));
    if (typeof parsed?.error === "object" && parsed.error !== null) error = parsed.error;
  } catch {
    // An error without ARM's JSON: its status says enough.
  }
  if (response.status === 404 && error.code === "NotFound") return undefined;
  throw new RestError(typeof error.message === "string" ? error.message : "", {
    statusCode: response.status,
    ...(typeof error.code === "string" ? { code: error.code } : {}),
  });
}

const IDENTITY_ERRORS = new Set([
  "AuthenticationError",
  "AuthenticationRequiredError",
  "CredentialUnavailableError",
]);

interface ErrorShape {
  readonly name?: unknown;
  readonly statusCode?: unknown;
  readonly code?: unknown;
  readonly message?: unknown;
  readonly errorResponse?: { readonly error?: unknown; readonly errorDescription?: unknown };
}

/** Why a call failed, and the permission that was refused when that is the cause. */
export function failureOf(
  operation: string,
  subscription: string,
  error: unknown,
  credential: { readonly who: string; readonly secrets: readonly string[] },
): { readonly reason: string; readonly deniedAction: string | undefined } {
  const { who } = credential;
  const quoted = (text: unknown) => quotedText(String(text), credential.secrets);
  if (error instanceof MalformedAzureAnswer) {
    return { reason: error.message, deniedAction: undefined };
  }
  const shape = (typeof error === "object" && error !== null ? error : {}) as ErrorShape;
  // @azure/identity: the identity platform refused the credential (MSAL's refusals arrive as
  // AuthenticationRequiredError), or could not be reached; or the credential itself cannot be used
  // (the Azure CLI missing or not logged in, the token file gone): CredentialUnavailableError.
  if (typeof shape.name === "string" && IDENTITY_ERRORS.has(shape.name)) {
    const said =
      typeof shape.errorResponse?.error === "string"
        ? `${shape.errorResponse.error}: ${String(shape.errorResponse.errorDescription ?? "")}`
        : String(shape.message ?? "");
    if (shape.name === "CredentialUnavailableError") {
      return {
        reason: `${who} cannot be used for subscription ${subscription} (${quoted(said)})`,
        deniedAction: undefined,
      };
    }
    return {
      reason: `the Microsoft identity platform refused ${who} for subscription ${subscription}${typeof shape.statusCode === "number" ? `: ${shape.statusCode}` : ""} (${quoted(said)})`,
      deniedAction: undefined,
    };
  }
  // @azure/core-rest-pipeline's RestError: ARM answered with an error.
  if (shape.name === "RestError" && typeof shape.statusCode === "number") {
    const said = ` (${quoted(`${String(shape.code ?? "")}: ${String(shape.message ?? "")}`)})`;
    switch (shape.statusCode) {
      case 401:
        return {
          reason: `Azure Resource Manager refused the token for ${operation}: 401${said}`,
          deniedAction: undefined,
        };
      case 403: {
        const permission = PERMISSIONS[operation] ?? "Microsoft.Network/dnsZones/read";
        return {
          reason: `${who} may not call ${operation} in subscription ${subscription}: 403${said}; it needs ${permission} (DNS Zone Reader, or Reader)`,
          deniedAction: permission,
        };
      }
      case 429:
        return {
          reason: `Azure rate-limited ${operation} (429, still after ${MAX_RETRIES} retries)${said}`,
          deniedAction: undefined,
        };
      default:
        return {
          reason: `Azure answered ${operation} with ${shape.statusCode}${said}`,
          deniedAction: undefined,
        };
    }
  }
  const text = error instanceof Error ? error.message : String(error);
  return {
    reason: `could not reach Azure for ${operation}: ${quoted(text)}`,
    deniedAction: undefined,
  };
}
