// What the adapters that list a whole account once per session share (Cloudflare, Google Cloud
// DNS, Azure DNS): their call counters, reading a paged listing within a fixed bound, answering a
// domain's question from the listing, and reading the host names an answer carries. Pure helpers
// over the provider contract: no SDK, no I/O of their own.
import { comparableName, comparableNameServers, nameSyntaxError } from "../../names/normalize.js";
import { plainLine } from "../../text/sanitize.js";
import type {
  ApiCallCounts,
  Listing,
  ProviderUnavailable,
  Zone,
  ZonesObservation,
} from "./types.js";

/** Calls by operation, and attempts (retries included, where the SDK lets them be seen). */
export function callCounters(): {
  count(operation: string): void;
  attempted(operation: string): void;
  stats(): { calls: ApiCallCounts; attempts: ApiCallCounts };
} {
  const calls: Record<string, number> = {};
  const attempts: Record<string, number> = {};
  return {
    count(operation) {
      calls[operation] = (calls[operation] ?? 0) + 1;
    },
    attempted(operation) {
      attempts[operation] = (attempts[operation] ?? 0) + 1;
    },
    stats: () => ({ calls: { ...calls }, attempts: { ...attempts } }),
  };
}

export function unavailable(
  account: string,
  reason: string,
  deniedAction?: string,
): ProviderUnavailable {
  return { kind: "unavailable", account, reason, deniedAction };
}

/** One page of a listing: its entries, and where the next page starts (undefined: the last). */
export interface Page<T> {
  readonly items: readonly T[];
  readonly next: string | undefined;
}

/**
 * Reads a listing page by page, at most `maxPages` of them: a listing that would go on is
 * unavailable, never cut short silently. A page that throws makes the whole listing unavailable,
 * with what `failure` makes of the error.
 */
export async function readPages<T>(options: {
  readonly account: string;
  readonly operation: string;
  readonly maxPages: number;
  readonly pageSize: number;
  readonly count: (operation: string) => void;
  readonly readPage: (from: string | undefined, page: number) => Promise<Page<T>>;
  readonly failure: (error: unknown) => { reason: string; deniedAction: string | undefined };
}): Promise<Listing<T>> {
  const { account, operation, maxPages } = options;
  const items: T[] = [];
  let from: string | undefined;
  try {
    for (let page = 1; page <= maxPages; page += 1) {
      options.count(operation);
      const answer = await options.readPage(from, page);
      items.push(...answer.items);
      if (answer.next === undefined) return { kind: "ok", account, items };
      from = answer.next;
    }
  } catch (error) {
    const { reason, deniedAction } = options.failure(error);
    return unavailable(account, reason, deniedAction);
  }
  return unavailable(
    account,
    `${operation} lists more than ${maxPages * options.pageSize} entries; the listing was not read to its end`,
  );
}

/** A domain's question answered from its account's zone listing: more than one zone is a duplicate. */
export function zonesNamed(listing: Listing<Zone>, domain: string): ZonesObservation {
  if (listing.kind === "unavailable") return listing;
  const zones = listing.items.filter((zone) => zone.name === domain);
  return zones.length === 0
    ? { kind: "none", account: listing.account }
    : { kind: "found", account: listing.account, zones };
}

/**
 * The listing of a declared account, or why it cannot be asked: these providers have no default
 * account, so a domain must name one of the policies' accounts at the provider.
 */
export function inDeclaredAccount<S, T>(
  states: ReadonlyMap<string, S>,
  provider: string,
  account: string | undefined,
  list: (state: S) => Promise<Listing<T>>,
): Promise<Listing<T>> {
  const state = account === undefined ? undefined : states.get(account);
  if (state !== undefined) return list(state);
  return Promise.resolve(
    unavailable(
      account ?? "default",
      account === undefined
        ? `${provider} has no default account: name one under \`accounts:\``
        : `${account} is not a ${provider} account of the policies`,
    ),
  );
}

/** A host name as an API writes it (any case, maybe a trailing dot), or the problem with it. */
export function hostName(value: unknown, what: string): string {
  if (typeof value !== "string") throw new Error(`${what} is not a string`);
  const name = comparableName(value);
  const error = nameSyntaxError(name);
  if (error !== undefined)
    throw new Error(`${what} ${JSON.stringify(value.slice(0, 80))}: ${error}`);
  return name;
}

/** A list of at most `max` name servers, sorted and comparable, or the problem with it. */
export function nameServerList(value: unknown, what: string, max: number): string[] {
  if (!Array.isArray(value) || value.length > max) {
    throw new Error(`${what} is not a list of at most ${max} names`);
  }
  return comparableNameServers(value.map((name, i) => hostName(name, `${what}[${i}]`)));
}

const MAX_REASON_LENGTH = 300;

/** Text from an API answer or error, for a reason: one line, bounded, the secrets never in it. */
export function quotedText(text: string, secrets: readonly (string | undefined)[]): string {
  let line = plainLine(text);
  for (const secret of secrets) {
    if (secret !== undefined && secret.length >= 8) line = line.split(secret).join("<secret>");
  }
  return line.slice(0, MAX_REASON_LENGTH);
}
