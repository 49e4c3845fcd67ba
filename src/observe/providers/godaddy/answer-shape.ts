// The documented shape of the GoDaddy Domains API v1 answers the adapter reads, checked before
// anything in them is used: `GET /v1/domains` answers a JSON array of DomainSummary objects,
// `GET /v1/domains/{domain}` one DomainDetail, and a failure `{ code, message, fields? }` (429 adds
// `retryAfterSec`). An answer outside these types and bounds is not an answer: the call fails with
// the problem, and the observation becomes unavailable with the reason.
import { hostName, nameServerList } from "../account-listing.js";
import type { RegisteredDomainSummary } from "../types.js";

export class MalformedGoDaddyAnswer extends Error {
  override readonly name = "MalformedGoDaddyAnswer";
  constructor(
    readonly operation: string,
    readonly problem: string,
  ) {
    super(`GoDaddy answered ${operation} without its documented shape: ${problem}`);
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** A registration lists at most 13 name servers at most registries; more is not an answer. */
const MAX_NAME_SERVERS = 16;
const MAX_STATUS_LENGTH = 64;
const STATUS = /^[A-Z_]+$/;

/** One domain as GoDaddy lists it, with its status and, when the answer included them, its name servers. */
export interface GoDaddyDomain extends RegisteredDomainSummary {
  readonly status: string;
  /** Undefined when the answer left them out (the listing without `includes=nameServers`). */
  readonly nameservers: readonly string[] | undefined;
}

export function parseJson(operation: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new MalformedGoDaddyAnswer(operation, "the answer is not JSON");
  }
}

/** One DomainSummary (listing) or DomainDetail (one domain): the fields both share. */
export function domainOf(operation: string, item: unknown): GoDaddyDomain {
  try {
    if (!isRecord(item)) throw new Error("an entry is not an object");
    const name = hostName(item.domain, "a domain's `domain`");
    const { renewAuto, locked, expires, status, nameServers } = item;
    if (typeof renewAuto !== "boolean" || typeof locked !== "boolean") {
      throw new Error(`domain ${name} has no renewAuto or locked flag`);
    }
    if (
      expires !== undefined &&
      expires !== null &&
      (typeof expires !== "string" || Number.isNaN(Date.parse(expires)))
    ) {
      throw new Error(`domain ${name} has an unreadable expires`);
    }
    if (typeof status !== "string" || status.length > MAX_STATUS_LENGTH || !STATUS.test(status)) {
      throw new Error(`domain ${name} has no status`);
    }
    return {
      name,
      autoRenew: renewAuto,
      transferLock: locked,
      expiry: typeof expires === "string" ? new Date(expires).toISOString() : undefined,
      status,
      nameservers:
        nameServers === undefined || nameServers === null
          ? undefined
          : nameServerList(nameServers, `domain ${name}'s nameServers`, MAX_NAME_SERVERS),
    };
  } catch (error) {
    throw new MalformedGoDaddyAnswer(operation, (error as Error).message);
  }
}

/** A page of the listing: an array of at most `limit` domains. */
export function domainPage(operation: string, body: unknown, limit: number): GoDaddyDomain[] {
  if (!Array.isArray(body)) throw new MalformedGoDaddyAnswer(operation, "no list of domains");
  if (body.length > limit) {
    throw new MalformedGoDaddyAnswer(operation, `more than the ${limit} domains asked for`);
  }
  return body.map((item) => domainOf(operation, item));
}

/** What a failure's body says: its code and message, when it has the documented shape. */
export function errorOf(body: unknown): {
  readonly code: string | undefined;
  readonly message: string | undefined;
  readonly retryAfterSec: number | undefined;
} {
  if (!isRecord(body)) return { code: undefined, message: undefined, retryAfterSec: undefined };
  const text = (value: unknown) => (typeof value === "string" ? value : undefined);
  const after = body.retryAfterSec;
  return {
    code: text(body.code),
    message: text(body.message),
    retryAfterSec:
      typeof after === "number" && Number.isFinite(after) && after >= 0 ? after : undefined,
  };
}
