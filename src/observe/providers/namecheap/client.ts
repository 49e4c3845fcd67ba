// How the adapter reaches one Namecheap user: the XML API through undici, with the global
// parameters every command needs (ApiUser, ApiKey, UserName, ClientIp). The key is read from the
// environment variable the policy names and never printed (it travels in the query, so every text
// quoted from a failure has it cut out); NAMECHEAP_BASE_URL points at another endpoint (the lab's
// emulator). Namecheap answers failures as HTTP 200 with Status="ERROR": each becomes a reason.
import { isIPv4 } from "node:net";
import { boundedGet } from "../../../net/bounded-get.js";
import { quotedText } from "../account-listing.js";
import type { ProviderAccount } from "../types.js";
import { apiResponse, type MalformedNamecheapAnswer, type NamecheapError } from "./answer-shape.js";

export const DEFAULT_USER_VARIABLE = "NAMECHEAP_API_USER";
export const DEFAULT_KEY_VARIABLE = "NAMECHEAP_API_KEY";
export const DEFAULT_CLIENT_IP_VARIABLE = "NAMECHEAP_CLIENT_IP";
const DEFAULT_BASE_URL = "https://api.namecheap.com/xml.response";
/** A getList page of 100 domains is some 30 KiB; a bigger answer is not the API's. */
const MAX_ANSWER_BYTES = 1024 * 1024;
const TIMEOUT_MS = 20_000;

/** Error numbers of the reference, by what they mean to the adapter. */
const REFUSED_KEY = new Set(["1011102", "1010102", "1010101", "1011101"]);
const REFUSED_IP = new Set(["1011150", "1010150"]);
const NOT_IN_ACCOUNT = new Set(["2019166", "2016166"]);
const RATE_LIMITED = new Set(["500000"]);

/** What a refused call lacked. */
export const NEEDED_ACCESS = "API access enabled for the user, with this client IP whitelisted";

export type CallOutcome =
  | { readonly kind: "ok"; readonly response: Record<string, unknown> }
  | { readonly kind: "not-found" }
  | { readonly kind: "failed"; readonly reason: string; readonly deniedAction: string | undefined };

export interface NamecheapClient {
  /** Calls `command` with `params`; never throws. */
  call(command: string, params: Readonly<Record<string, string>>): Promise<CallOutcome>;
}

export type AccountClient =
  | { readonly kind: "ready"; readonly client: NamecheapClient }
  | { readonly kind: "unusable"; readonly reason: string };

/** The operation name counters and reasons use: the command without `namecheap.`. */
export const operationOf = (command: string) => command.replace(/^namecheap\./, "");

function failure(
  operation: string,
  errors: readonly NamecheapError[],
  secrets: readonly string[],
): CallOutcome {
  if (errors.some((e) => NOT_IN_ACCOUNT.has(e.number))) return { kind: "not-found" };
  const said = quotedText(errors.map((e) => `${e.number}: ${e.text}`).join("; "), secrets);
  const numbers = new Set(errors.map((e) => e.number));
  const has = (set: ReadonlySet<string>) => [...numbers].some((n) => set.has(n));
  if (has(REFUSED_KEY)) {
    return {
      kind: "failed",
      reason: `Namecheap refused the API user or key for ${operation} (${said}); it needs ${NEEDED_ACCESS}`,
      deniedAction: NEEDED_ACCESS,
    };
  }
  if (has(REFUSED_IP)) {
    return {
      kind: "failed",
      reason: `Namecheap refused the client IP for ${operation} (${said}); whitelist it under Profile → Tools → API Access`,
      deniedAction: NEEDED_ACCESS,
    };
  }
  if (has(RATE_LIMITED)) {
    return {
      kind: "failed",
      reason: `Namecheap rate-limited ${operation} (${said})`,
      deniedAction: undefined,
    };
  }
  return {
    kind: "failed",
    reason: `Namecheap answered ${operation} with an error (${said})`,
    deniedAction: undefined,
  };
}

function missing(variable: string, what: string, account: string): AccountClient {
  return {
    kind: "unusable",
    reason: `no Namecheap API ${what}: ${variable} is not set (the ${what} of account ${account})`,
  };
}

export function accountClient(
  account: ProviderAccount,
  env: NodeJS.ProcessEnv,
  onAttempt: (operation: string) => void,
): AccountClient {
  const keyVariable = account.settings.keyEnv ?? DEFAULT_KEY_VARIABLE;
  const user = account.settings.apiUser ?? env[DEFAULT_USER_VARIABLE];
  const key = env[keyVariable];
  const clientIp = account.settings.clientIp ?? env[DEFAULT_CLIENT_IP_VARIABLE];
  if (user === undefined || user === "") return missing(DEFAULT_USER_VARIABLE, "user", account.id);
  if (key === undefined || key === "") return missing(keyVariable, "key", account.id);
  if (clientIp === undefined || clientIp === "") {
    return missing(DEFAULT_CLIENT_IP_VARIABLE, "client IP", account.id);
  }
  if (!isIPv4(clientIp)) {
    return {
      kind: "unusable",
      reason: `the Namecheap client IP of account ${account.id} is not an IPv4 address`,
    };
  }
  const secrets = [key];
  const base = env.NAMECHEAP_BASE_URL || DEFAULT_BASE_URL;
  const global = { ApiUser: user, ApiKey: key, UserName: user, ClientIp: clientIp };

  async function call(
    command: string,
    params: Readonly<Record<string, string>>,
  ): Promise<CallOutcome> {
    const operation = operationOf(command);
    onAttempt(operation);
    const query = new URLSearchParams({ ...global, Command: command, ...params });
    const outcome = await boundedGet(`${base}?${query}`, {
      headers: { accept: "application/xml" },
      timeoutMs: TIMEOUT_MS,
      maxBodyBytes: MAX_ANSWER_BYTES,
    });
    if (outcome.kind === "failed") {
      return {
        kind: "failed",
        reason: `could not reach Namecheap for ${operation}: ${quotedText(outcome.reason, secrets)}`,
        deniedAction: undefined,
      };
    }
    if (outcome.status !== 200) {
      return {
        kind: "failed",
        reason: `Namecheap answered ${operation} with HTTP ${outcome.status}`,
        deniedAction: undefined,
      };
    }
    try {
      const answer = apiResponse(operation, outcome.body);
      return answer.kind === "ok"
        ? { kind: "ok", response: answer.response }
        : failure(operation, answer.errors, secrets);
    } catch (error) {
      const { message } = error as MalformedNamecheapAnswer;
      return { kind: "failed", reason: quotedText(message, secrets), deniedAction: undefined };
    }
  }
  return { kind: "ready", client: { call } };
}
