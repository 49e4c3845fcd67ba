// How the adapter reaches one Google Cloud project: the official SDK with Application Default
// Credentials read from the file GOOGLE_APPLICATION_CREDENTIALS names (or gcloud's
// application-default login), pointed at gcloud's CLOUDSDK_API_ENDPOINT_OVERRIDES_DNS when set (the
// lab's emulator). The file is read here, within a bound, so that a malformed one is a reason and
// the secrets in it can be kept out of every reason; the SDK gets its parsed contents.
import { homedir } from "node:os";
import { join } from "node:path";
import { DNS } from "@google-cloud/dns";
import { readBoundedFile } from "../../../files/read-bounded.js";
import { quotedText } from "../account-listing.js";
import type { ProviderAccount } from "../types.js";
import { MalformedGoogleAnswer } from "./answer-shape.js";

export const DEFAULT_CREDENTIALS_VARIABLE = "GOOGLE_APPLICATION_CREDENTIALS";
/** gcloud's override of the Cloud DNS API's base URL (`https://dns.googleapis.com/dns/v1/`). */
export const ENDPOINT_VARIABLE = "CLOUDSDK_API_ENDPOINT_OVERRIDES_DNS";
const MAX_CREDENTIALS_BYTES = 64 * 1024;
/** The SDK retries 429 and 5xx with exponential backoff (2 s, then 4 s, plus jitter). */
export const MAX_RETRIES = 2;
/** node-fetch 3, under the SDK, ignores the SDK's timeout: every call is bounded here instead. */
const CALL_TIMEOUT_MS = 30_000;
/** The kinds of Application Default Credentials files the SDK reads. */
const CREDENTIAL_TYPES = new Set([
  "service_account",
  "authorized_user",
  "external_account",
  "external_account_authorized_user",
  "impersonated_service_account",
]);
/** Keys of a credentials file whose values are secrets. */
const SECRET_KEYS = ["private_key", "private_key_id", "client_secret", "refresh_token"];

export type ProjectClient =
  | {
      readonly kind: "ready";
      readonly dns: DNS;
      /** Strings never to print: the credentials file's secrets. */
      readonly secrets: readonly string[];
    }
  | { readonly kind: "unusable"; readonly reason: string };

/** gcloud's application-default login file, where `gcloud auth application-default login` puts it. */
function gcloudCredentialsFile(env: NodeJS.ProcessEnv): string {
  const config =
    env.CLOUDSDK_CONFIG ??
    (process.platform === "win32"
      ? join(env.APPDATA ?? homedir(), "gcloud")
      : join(homedir(), ".config", "gcloud"));
  return join(config, "application_default_credentials.json");
}

async function credentialsOf(
  account: ProviderAccount,
  env: NodeJS.ProcessEnv,
): Promise<{ json: Record<string, unknown>; secrets: string[] } | { reason: string }> {
  const variable = account.settings.credentialsEnv ?? DEFAULT_CREDENTIALS_VARIABLE;
  const named = env[variable];
  const path = named || gcloudCredentialsFile(env);
  const read = await readBoundedFile(path, MAX_CREDENTIALS_BYTES);
  if (!read.ok) {
    return {
      reason:
        named || read.refusal !== "not-found"
          ? `the Google credentials file ${path} (${variable}) cannot be used: ${read.message}`
          : `no Google credentials: ${variable} is not set and there is no gcloud application-default login (the credentials of project ${account.settings.project})`,
    };
  }
  let json: unknown;
  try {
    json = JSON.parse(read.bytes.toString("utf8"));
  } catch {
    // Never the parser's message: it quotes the file, secrets and all.
    return { reason: `the Google credentials file ${path} is not JSON` };
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    return { reason: `the Google credentials file ${path} is not a JSON object` };
  }
  const record = json as Record<string, unknown>;
  if (typeof record.type !== "string" || !CREDENTIAL_TYPES.has(record.type)) {
    return { reason: `the Google credentials file ${path} has no known credentials type` };
  }
  const secrets = SECRET_KEYS.map((key) => record[key]).filter(
    (value): value is string => typeof value === "string" && value !== "",
  );
  return { json: record, secrets };
}

export async function projectClient(
  account: ProviderAccount,
  env: NodeJS.ProcessEnv,
): Promise<ProjectClient> {
  const project = account.settings.project;
  if (project === undefined) {
    return { kind: "unusable", reason: `the Google Cloud account ${account.id} has no project` };
  }
  const credentials = await credentialsOf(account, env);
  if ("reason" in credentials) return { kind: "unusable", reason: credentials.reason };
  const dns = new DNS({ projectId: project, credentials: credentials.json });
  const override = env[ENDPOINT_VARIABLE];
  if (override) dns.baseUrl = override.replace(/\/+$/, "");
  // The SDK's own default is 3 retries, with up to 64 s between them.
  // (The request options carry `maxRetries`, which the SDK's types leave out.)
  dns.interceptors.push({
    request: ((options: Record<string, unknown>) => ({
      ...options,
      maxRetries: MAX_RETRIES,
    })) as unknown as NonNullable<DNS["interceptors"][number]["request"]>,
  });
  return { kind: "ready", dns, secrets: credentials.secrets };
}

/** `work`, or a failure when it has not settled within the bound. */
export async function withinTimeout<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${CALL_TIMEOUT_MS / 1000} s`)),
      CALL_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The IAM permission each call needs (all in roles/dns.reader). */
const PERMISSIONS: Readonly<Record<string, string>> = {
  "managedZones.list": "dns.managedZones.list",
  "dnsKeys.list": "dns.dnsKeys.list",
  "resourceRecordSets.list": "dns.resourceRecordSets.list",
};

interface ErrorShape {
  readonly code?: unknown;
  readonly message?: unknown;
  readonly errors?: unknown;
  readonly response?: { readonly status?: unknown; readonly data?: unknown };
  readonly config?: { readonly url?: unknown };
}

/** Why a call failed, and the permission that was refused when that is the cause. */
export function failureOf(
  operation: string,
  project: string,
  error: unknown,
  secrets: readonly string[],
): { readonly reason: string; readonly deniedAction: string | undefined } {
  const quoted = (text: unknown) => quotedText(String(text), secrets);
  if (error instanceof MalformedGoogleAnswer) {
    return { reason: error.message, deniedAction: undefined };
  }
  const shape = (typeof error === "object" && error !== null ? error : {}) as ErrorShape;
  const said =
    typeof shape.message === "string" && shape.message !== "" ? ` (${quoted(shape.message)})` : "";
  // The token exchange (gaxios): the credentials themselves were refused or could not be used.
  if (typeof shape.response?.status === "number" && shape.config?.url !== undefined) {
    return {
      reason: `Google's token service refused the credentials of project ${project}: ${shape.response.status}${said}`,
      deniedAction: undefined,
    };
  }
  // The API (@google-cloud/common's ApiError): `code` is the HTTP status.
  if (typeof shape.code === "number" && Array.isArray(shape.errors)) {
    switch (shape.code) {
      case 401:
        return {
          reason: `Google refused the credentials for ${operation} in project ${project}: 401${said}`,
          deniedAction: undefined,
        };
      case 403: {
        const permission = PERMISSIONS[operation] ?? `dns.${operation}`;
        return {
          reason: `the credentials may not call ${operation} in project ${project}: 403${said}; they need ${permission} (roles/dns.reader)`,
          deniedAction: permission,
        };
      }
      case 429:
        return {
          reason: `Google rate-limited ${operation} (429, still after ${MAX_RETRIES} retries)${said}`,
          deniedAction: undefined,
        };
      default:
        return {
          reason: `Google Cloud DNS answered ${operation} with ${shape.code}${said}`,
          deniedAction: undefined,
        };
    }
  }
  const text = error instanceof Error ? error.message : String(error);
  return {
    reason: `could not reach Google Cloud DNS for ${operation}: ${quoted(text)}`,
    deniedAction: undefined,
  };
}
