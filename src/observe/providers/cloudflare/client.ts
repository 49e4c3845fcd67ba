// How the adapter reaches one Cloudflare account: the official SDK with the account's token, read
// from the environment variable the policy names (never printed), pointed at CLOUDFLARE_BASE_URL
// when set (the lab's emulator) and reading answers of bounded size. Failures become reasons.
import Cloudflare, { APIConnectionError, APIError } from "cloudflare";
import { plainLine } from "../../../text/sanitize.js";
import type { ProviderAccount } from "../types.js";
import { MalformedCloudflareAnswer } from "./answer-shape.js";

export const DEFAULT_TOKEN_VARIABLE = "CLOUDFLARE_API_TOKEN";
const DEFAULT_BASE_URL = "https://api.cloudflare.com/client/v4";
/** An answer page of 50 zones is some 100 KiB; a bigger one is not the API's. */
const MAX_ANSWER_BYTES = 2 * 1024 * 1024;
const TIMEOUT_MS = 15_000;
/** The SDK's retries: on 429 (honouring Retry-After up to a minute), 5xx and connection errors. */
const MAX_RETRIES = 2;
const MAX_REASON_LENGTH = 300;

/**
 * A fetch that refuses answers longer than MAX_ANSWER_BYTES instead of buffering them, and counts
 * every attempt (the SDK's retries included).
 */
const boundedFetch =
  (onAttempt: (operation: string) => void): typeof fetch =>
  async (input, init) => {
    onAttempt(operationOf(input));
    const response = await fetch(input, init);
    if (response.body === null) return response;
    const reader = response.body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_ANSWER_BYTES) {
        await reader.cancel();
        throw new Error(`the answer is longer than ${MAX_ANSWER_BYTES} bytes`);
      }
      chunks.push(value);
    }
    return new Response(Buffer.concat(chunks), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };

/** The operation a request URL calls, as the adapter's counters name it. */
function operationOf(input: Parameters<typeof fetch>[0]): string {
  const path = new URL(input instanceof Request ? input.url : String(input)).pathname;
  if (path.includes("/registrar/registrations")) return "registrations.list";
  if (path.endsWith("/dnssec")) return "dnssec.get";
  if (path.endsWith("/dns_records")) return "dns_records.list";
  if (path.endsWith("/dns_settings")) return "dns_settings.get";
  return "zones.list";
}

export type AccountClient =
  | { readonly kind: "ready"; readonly client: Cloudflare; readonly accountId: string }
  | { readonly kind: "unusable"; readonly reason: string };

export function accountClient(
  account: ProviderAccount,
  env: NodeJS.ProcessEnv,
  onAttempt: (operation: string) => void,
): AccountClient {
  const variable = account.settings.tokenEnv ?? DEFAULT_TOKEN_VARIABLE;
  const token = env[variable];
  const accountId = account.settings.accountId;
  if (accountId === undefined) {
    return { kind: "unusable", reason: `the Cloudflare account ${account.id} has no accountId` };
  }
  if (token === undefined || token === "") {
    return {
      kind: "unusable",
      reason: `no Cloudflare API token: ${variable} is not set (the token of account ${account.id})`,
    };
  }
  const client = new Cloudflare({
    apiToken: token,
    baseURL: env.CLOUDFLARE_BASE_URL || DEFAULT_BASE_URL,
    maxRetries: MAX_RETRIES,
    timeout: TIMEOUT_MS,
    fetch: boundedFetch(onAttempt),
  });
  return { kind: "ready", client, accountId };
}

/** Text from an API answer, for a reason: one line, bounded, the token never in it. */
function quoted(text: string, token: string | undefined): string {
  const line = plainLine(text).slice(0, MAX_REASON_LENGTH);
  return token ? line.split(token).join("<token>") : line;
}

/** The permission a refused call needed, as the dashboard names it. */
export const PERMISSIONS: Readonly<Record<string, string>> = {
  "zones.list": "Zone: Read",
  "registrations.list": "Registrar: Read (account)",
  "dnssec.get": "DNS: Read",
  "dns_records.list": "DNS: Read",
  "dns_settings.get": "DNS: Read",
};

/** Why a call failed, and the permission that was refused when that is the cause. */
export function failureOf(
  operation: string,
  error: unknown,
  token: string | undefined,
): { readonly reason: string; readonly deniedAction: string | undefined } {
  if (error instanceof MalformedCloudflareAnswer) {
    return { reason: error.message, deniedAction: undefined };
  }
  if (error instanceof APIError && !(error instanceof APIConnectionError)) {
    const first = error.errors[0] as { code?: unknown; message?: unknown } | undefined;
    const said =
      first !== undefined && typeof first.message === "string"
        ? ` (${quoted(`${String(first.code)}: ${first.message}`, token)})`
        : "";
    switch (error.status) {
      case 401:
        return {
          reason: `Cloudflare refused the API token for ${operation}: 401${said}`,
          deniedAction: undefined,
        };
      case 403:
        return {
          reason: `the API token may not call ${operation}: 403${said}; it needs ${PERMISSIONS[operation] ?? "read access"}`,
          deniedAction: PERMISSIONS[operation],
        };
      case 429:
        return {
          reason: `Cloudflare rate-limited ${operation} (429, still after ${MAX_RETRIES} retries)${said}`,
          deniedAction: undefined,
        };
      default:
        return {
          reason: `Cloudflare answered ${operation} with ${String(error.status)}${said}`,
          deniedAction: undefined,
        };
    }
  }
  const cause = error instanceof Error ? (error.cause ?? error) : error;
  const text = cause instanceof Error ? cause.message : String(cause);
  return {
    reason: `could not reach Cloudflare for ${operation}: ${quoted(text, token)}`,
    deniedAction: undefined,
  };
}
