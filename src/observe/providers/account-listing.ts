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
  ZoneRecordSetKey,
  ZoneRecordsObservation,
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

export interface PagedRead<T> {
  readonly account: string;
  readonly operation: string;
  readonly maxPages: number;
  readonly pageSize: number;
  readonly count: (operation: string) => void;
  readonly readPage: (from: string | undefined, page: number) => Promise<Page<T>>;
  readonly failure: (error: unknown) => { reason: string; deniedAction: string | undefined };
}

/**
 * Reads a listing page by page, at most `maxPages` of them: a listing that would go on is
 * unavailable, never cut short silently. A page that throws makes the whole listing unavailable,
 * with what `failure` makes of the error.
 */
export async function readPages<T>(options: PagedRead<T>): Promise<Listing<T>> {
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
  return inDeclared(states, provider, account, list);
}

/** `ask` of a declared account's state, or why the account cannot be asked (as `inDeclaredAccount`). */
export function inDeclared<S, T>(
  states: ReadonlyMap<string, S>,
  provider: string,
  account: string | undefined,
  ask: (state: S) => Promise<T | ProviderUnavailable>,
): Promise<T | ProviderUnavailable> {
  const state = account === undefined ? undefined : states.get(account);
  if (state !== undefined) return ask(state);
  return Promise.resolve(
    unavailable(
      account ?? "default",
      account === undefined
        ? `${provider} has no default account: name one under \`accounts:\``
        : `${account} is not a ${provider} account of the policies`,
    ),
  );
}

/** The memoized answer for `key`: each zone is asked once per session. */
export function once<V>(
  memo: Map<string, Promise<V>>,
  key: string,
  ask: () => Promise<V>,
): Promise<V> {
  let answer = memo.get(key);
  if (answer === undefined) {
    answer = ask();
    memo.set(key, answer);
  }
  return answer;
}

/** A zone of a listing by its id, or why it is not there (deleted since it was listed). */
export function listedZone(
  listing: Listing<Zone>,
  zoneId: string,
): { readonly kind: "listed"; readonly zone: Zone } | ProviderUnavailable {
  if (listing.kind === "unavailable") return listing;
  const zone = listing.items.find((listed) => listed.id === zoneId);
  return zone === undefined
    ? unavailable(listing.account, `zone ${zoneId} is not in the account's listing`)
    : { kind: "listed", zone };
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

/**
 * A zone's record sets (name and type, each once, in the API's order) read page by page: reading
 * stops once one more set than `maxRecordSets` was seen (the result then says it is cut), and a
 * listing that goes on past `maxPages` is unavailable, as `readPages` makes it. Record-level APIs
 * (Cloudflare lists records, not sets) give a name and type once per record: counted once.
 */
export async function readRecordSets(
  options: PagedRead<ZoneRecordSetKey> & {
    readonly zoneId: string;
    readonly maxRecordSets: number;
  },
): Promise<ZoneRecordsObservation> {
  const records: ZoneRecordSetKey[] = [];
  const keys = new Set<string>();
  let cut = false;
  const listing = await readPages<never>({
    ...options,
    readPage: async (from, page) => {
      const answer = await options.readPage(from, page);
      for (const record of answer.items) {
        const key = `${record.name} ${record.type}`;
        if (keys.has(key)) continue;
        if (records.length === options.maxRecordSets) {
          cut = true;
          break;
        }
        keys.add(key);
        records.push(record);
      }
      return { items: [], next: cut ? undefined : answer.next };
    },
  });
  if (listing.kind === "unavailable") return listing;
  return { kind: "ok", account: options.account, zoneId: options.zoneId, records, complete: !cut };
}

const RECORD_TYPE = /^[A-Za-z][A-Za-z0-9]{0,15}$/;
const MAX_NAME_LENGTH = 253;

/**
 * A record's owner name as an API writes it (any case, maybe a trailing dot; wildcards and
 * underscore labels allowed), which must be the zone's apex or below it; or the problem with it.
 */
export function recordName(value: unknown, zone: string, what: string): string {
  if (typeof value !== "string" || value.length > MAX_NAME_LENGTH + 1) {
    throw new Error(`${what} is not a name of at most ${MAX_NAME_LENGTH} characters`);
  }
  const name = comparableName(value);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/[\x00-\x20\x7f]/.test(name) || (name !== zone && !name.endsWith(`.${zone}`))) {
    throw new Error(`${what} ${JSON.stringify(value.slice(0, 80))} is not in the zone ${zone}`);
  }
  return name;
}

/** A record type mnemonic (`MX`, `TXT`), upper case; or the problem with it. */
export function recordType(value: unknown, what: string): string {
  if (typeof value !== "string" || !RECORD_TYPE.test(value)) {
    throw new Error(`${what} is not a record type`);
  }
  return value.toUpperCase();
}
