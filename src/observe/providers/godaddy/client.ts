// How the adapter reaches one GoDaddy account: the REST API v1 through undici (GoDaddy publishes
// no official SDK), with the account's key and secret read from the environment variables the
// policy names (never printed) as `Authorization: sso-key KEY:SECRET`, at GODADDY_BASE_URL when set
// (the lab's emulator), reading answers of bounded size. A 429 is retried as its `retryAfterSec`
// says (twice, a minute at most); every failure becomes a reason.
import { setTimeout as sleep } from "node:timers/promises";
import { boundedGet } from "../../../net/bounded-get.js";
import { quotedText } from "../account-listing.js";
import type { ProviderAccount } from "../types.js";
import { errorOf, type MalformedGoDaddyAnswer, parseJson } from "./answer-shape.js";

export const DEFAULT_KEY_VARIABLE = "GODADDY_API_KEY";
export const DEFAULT_SECRET_VARIABLE = "GODADDY_API_SECRET";
const DEFAULT_BASE_URL = "https://api.godaddy.com";
/** A page of 1,000 domains with their name servers is some 600 KiB; a bigger answer is not the API's. */
const MAX_ANSWER_BYTES = 4 * 1024 * 1024;
const TIMEOUT_MS = 15_000;
const MAX_RETRIES = 2;
/** A longer wait than this is not waited for: the call fails, saying so. */
const MAX_RETRY_AFTER_SEC = 60;

/**
 * What a refused call lacked. GoDaddy keys carry no scopes: a key of the account's production
 * environment reaches its domains, and GoDaddy grants the Domains API to some accounts only.
 */
export const NEEDED_ACCESS = "a production API key of the account, with Domains API access";

export type CallOutcome =
  | { readonly kind: "ok"; readonly body: unknown }
  | { readonly kind: "not-found" }
  | { readonly kind: "failed"; readonly reason: string; readonly deniedAction: string | undefined };

export interface GoDaddyClient {
  /** GET `path` (with `query`) as `operation`; never throws. */
  get(
    operation: string,
    path: string,
    query: Readonly<Record<string, string>>,
  ): Promise<CallOutcome>;
}

export type AccountClient =
  | { readonly kind: "ready"; readonly client: GoDaddyClient }
  | { readonly kind: "unusable"; readonly reason: string };

function failure(
  operation: string,
  status: number,
  body: string,
  secrets: readonly string[],
  retries: number,
): { reason: string; deniedAction: string | undefined } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsed = undefined;
  }
  const { code, message } = errorOf(parsed);
  const said =
    code !== undefined || message !== undefined
      ? ` (${quotedText(`${code ?? "?"}: ${message ?? ""}`, secrets)})`
      : "";
  switch (status) {
    case 401:
      return {
        reason: `GoDaddy refused the API key for ${operation}: 401${said}`,
        deniedAction: undefined,
      };
    case 403:
      return {
        reason: `the API key may not call ${operation}: 403${said}; it needs ${NEEDED_ACCESS}`,
        deniedAction: NEEDED_ACCESS,
      };
    case 429:
      return {
        reason: `GoDaddy rate-limited ${operation} (429${retries > 0 ? `, still after ${retries} retries` : ""})${said}`,
        deniedAction: undefined,
      };
    default:
      return {
        reason: `GoDaddy answered ${operation} with ${status}${said}`,
        deniedAction: undefined,
      };
  }
}

/** How long a 429 asks to wait, in seconds; undefined when it says nothing usable. */
function retryAfter(body: string, header: string | undefined): number | undefined {
  try {
    const fromBody = errorOf(JSON.parse(body)).retryAfterSec;
    if (fromBody !== undefined) return fromBody;
  } catch {
    // No JSON: the header may still say.
  }
  const seconds = Number(header);
  return header !== undefined && Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}

export function accountClient(
  account: ProviderAccount,
  env: NodeJS.ProcessEnv,
  onAttempt: (operation: string) => void,
): AccountClient {
  const keyVariable = account.settings.keyEnv ?? DEFAULT_KEY_VARIABLE;
  const secretVariable = account.settings.secretEnv ?? DEFAULT_SECRET_VARIABLE;
  const key = env[keyVariable];
  const secret = env[secretVariable];
  for (const [variable, value] of [
    [keyVariable, key],
    [secretVariable, secret],
  ] as const) {
    if (value === undefined || value === "") {
      return {
        kind: "unusable",
        reason: `no GoDaddy API credentials: ${variable} is not set (the ${variable === keyVariable ? "key" : "secret"} of account ${account.id})`,
      };
    }
  }
  const secrets = [key ?? "", secret ?? ""];
  const base = (env.GODADDY_BASE_URL || DEFAULT_BASE_URL).replace(/\/+$/, "");
  const headers = { authorization: `sso-key ${key}:${secret}`, accept: "application/json" };

  async function get(
    operation: string,
    path: string,
    query: Readonly<Record<string, string>>,
  ): Promise<CallOutcome> {
    const search = new URLSearchParams(query).toString();
    const url = `${base}${path}${search === "" ? "" : `?${search}`}`;
    for (let attempt = 0; ; attempt += 1) {
      onAttempt(operation);
      const outcome = await boundedGet(url, {
        headers,
        timeoutMs: TIMEOUT_MS,
        maxBodyBytes: MAX_ANSWER_BYTES,
      });
      if (outcome.kind === "failed") {
        return {
          kind: "failed",
          reason: `could not reach GoDaddy for ${operation}: ${quotedText(outcome.reason, secrets)}`,
          deniedAction: undefined,
        };
      }
      const { status, body } = outcome;
      if (status === 200) {
        try {
          return { kind: "ok", body: parseJson(operation, body) };
        } catch (error) {
          const { message } = error as MalformedGoDaddyAnswer;
          return { kind: "failed", reason: message, deniedAction: undefined };
        }
      }
      if (status === 404) return { kind: "not-found" };
      if (status === 429 && attempt < MAX_RETRIES) {
        const wait = retryAfter(body, outcome.headers["retry-after"]) ?? 1;
        if (wait <= MAX_RETRY_AFTER_SEC) {
          await sleep(wait * 1000);
          continue;
        }
      }
      return { kind: "failed", ...failure(operation, status, body, secrets, attempt) };
    }
  }
  return { kind: "ready", client: { get } };
}
