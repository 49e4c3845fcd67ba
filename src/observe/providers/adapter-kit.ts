// What the provider adapters share: call counters, the wording of text an API sent back (one line,
// bounded, the credentials cut out), the reading of host names from an answer, and the rule that a
// provider without a default account is asked only in the accounts the policies declare.
import { comparableName, comparableNameServers, nameSyntaxError } from "../../names/normalize.js";
import { plainLine } from "../../text/sanitize.js";
import type { ApiCallCounts, Listing, ProviderUnavailable } from "./types.js";

const MAX_QUOTED_LENGTH = 300;

/** Calls by operation, and attempts (retries included), as `ProviderObserver.stats` reports them. */
export function callCounters() {
  const calls: Record<string, number> = {};
  const attempts: Record<string, number> = {};
  return {
    /** One call of `operation`, however many attempts it takes. */
    call(operation: string): void {
      calls[operation] = (calls[operation] ?? 0) + 1;
    },
    attempt(operation: string): void {
      attempts[operation] = (attempts[operation] ?? 0) + 1;
    },
    stats(): { calls: ApiCallCounts; attempts: ApiCallCounts } {
      return { calls: { ...calls }, attempts: { ...attempts } };
    },
  };
}

/** Text from an answer or a socket error, for a reason: one line, bounded, no secret in it. */
export function quotedWithout(text: string, secrets: readonly string[]): string {
  let line = plainLine(text);
  for (const secret of secrets) if (secret !== "") line = line.split(secret).join("<secret>");
  return line.slice(0, MAX_QUOTED_LENGTH);
}

export function unavailable(
  account: string,
  reason: string,
  deniedAction?: string,
): ProviderUnavailable {
  return { kind: "unavailable", account, reason, deniedAction };
}

/**
 * The listing of a declared account, or why none can be asked: a provider without a default
 * account answers only for the accounts the policies declare.
 */
export function declaredListing<S, T>(
  service: string,
  states: ReadonlyMap<string, S>,
  account: string | undefined,
  list: (state: S) => Promise<Listing<T>>,
): Promise<Listing<T>> {
  const state = account === undefined ? undefined : states.get(account);
  if (state !== undefined) return list(state);
  return Promise.resolve(
    unavailable(
      account ?? "default",
      account === undefined
        ? `${service} has no default account: name one under \`accounts:\``
        : `${account} is not a ${service} account of the policies`,
    ),
  );
}

/** A host name as an API writes it, in the form everything compares, or the problem with it. */
export function apiHostName(value: unknown, what: string): string {
  if (typeof value !== "string") throw new Error(`${what} is not a string`);
  const name = comparableName(value);
  const error = nameSyntaxError(name);
  if (error !== undefined)
    throw new Error(`${what} ${JSON.stringify(value.slice(0, 80))}: ${error}`);
  return name;
}

/** A list of at most `max` name servers, sorted and comparable, or the problem with it. */
export function apiNameServers(value: unknown, what: string, max: number): string[] {
  if (!Array.isArray(value) || value.length > max) {
    throw new Error(`${what} is not a list of at most ${max} names`);
  }
  return comparableNameServers(value.map((name, i) => apiHostName(name, `${what}[${i}]`)));
}
