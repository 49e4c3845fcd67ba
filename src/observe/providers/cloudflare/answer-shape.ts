// The documented shape of the Cloudflare answers the adapter reads, checked before anything in them
// is used. The SDK reads `result` and `result_info` of whatever comes back with status 200 and
// treats a missing list as empty: a proxy's HTML page or `{}` would read as "no zones". An answer
// without the v4 envelope, or with entries outside the API reference's types and bounds, is not an
// answer: the call fails with the problem, and the observation becomes unavailable with the reason.
import { hostName, nameServerList } from "../account-listing.js";
import type { RegisteredDomainSummary, Zone, ZoneStatus } from "../types.js";

export class MalformedCloudflareAnswer extends Error {
  override readonly name = "MalformedCloudflareAnswer";
  constructor(
    readonly operation: string,
    readonly problem: string,
  ) {
    super(`Cloudflare answered ${operation} without its documented shape: ${problem}`);
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Cloudflare zone and account ids: 32 hexadecimal digits. */
export const CLOUDFLARE_ID = /^[0-9a-f]{32}$/;
const ZONE_STATUSES: readonly ZoneStatus[] = ["active", "pending", "initializing", "moved"];
/** Cloudflare assigns two name servers; a zone with more than a handful is not Cloudflare's. */
const MAX_NAME_SERVERS = 16;
const MAX_STATUS_LENGTH = 64;

const nameServers = (value: unknown, what: string): string[] =>
  nameServerList(value, what, MAX_NAME_SERVERS);

/** The envelope's `result` list and `result_info`, or the problem. */
export function envelope(
  operation: string,
  body: unknown,
  maxItems: number,
): { readonly items: readonly unknown[]; readonly info: Record<string, unknown> } {
  if (!isRecord(body) || body.success !== true) {
    throw new MalformedCloudflareAnswer(operation, "no `success: true` envelope");
  }
  if (!Array.isArray(body.result)) throw new MalformedCloudflareAnswer(operation, "no result list");
  if (body.result.length > maxItems) {
    throw new MalformedCloudflareAnswer(operation, `more than the ${maxItems} entries asked for`);
  }
  if (!isRecord(body.result_info)) throw new MalformedCloudflareAnswer(operation, "no result_info");
  return { items: body.result, info: body.result_info };
}

/** One zone of a zones.list answer. */
export function zoneOf(operation: string, item: unknown): Zone {
  try {
    if (!isRecord(item)) throw new Error("an entry is not an object");
    if (typeof item.id !== "string" || !CLOUDFLARE_ID.test(item.id)) {
      throw new Error("a zone's id is not 32 hexadecimal digits");
    }
    const status = ZONE_STATUSES.find((known) => known === item.status);
    if (status === undefined) throw new Error(`zone ${item.id} has an unknown status`);
    return {
      id: item.id,
      name: hostName(item.name, `zone ${item.id}'s name`),
      recordCount: undefined,
      delegationSet: nameServers(item.name_servers, `zone ${item.id}'s name_servers`),
      status,
      ...(item.original_name_servers === null || item.original_name_servers === undefined
        ? {}
        : {
            originalNameservers: nameServers(
              item.original_name_servers,
              `zone ${item.id}'s original_name_servers`,
            ),
          }),
    };
  } catch (error) {
    throw new MalformedCloudflareAnswer(operation, (error as Error).message);
  }
}

/** One registration of Cloudflare Registrar, with its status. */
export interface Registration extends RegisteredDomainSummary {
  readonly status: string;
}

export function registrationOf(operation: string, item: unknown): Registration {
  try {
    if (!isRecord(item)) throw new Error("an entry is not an object");
    const name = hostName(item.domain_name, "a registration's domain_name");
    if (typeof item.auto_renew !== "boolean" || typeof item.locked !== "boolean") {
      throw new Error(`registration ${name} has no auto_renew or locked flag`);
    }
    const expiry = item.expires_at;
    if (expiry !== null && (typeof expiry !== "string" || Number.isNaN(Date.parse(expiry)))) {
      throw new Error(`registration ${name} has an unreadable expires_at`);
    }
    if (typeof item.status !== "string" || item.status.length > MAX_STATUS_LENGTH) {
      throw new Error(`registration ${name} has no status`);
    }
    return {
      name,
      autoRenew: item.auto_renew,
      transferLock: item.locked,
      expiry: expiry === null ? undefined : new Date(expiry).toISOString(),
      status: item.status,
    };
  } catch (error) {
    throw new MalformedCloudflareAnswer(operation, (error as Error).message);
  }
}

/** A page count or cursor from `result_info`, or the problem. */
export function totalPages(operation: string, info: Record<string, unknown>): number {
  const pages = info.total_pages;
  if (typeof pages !== "number" || !Number.isInteger(pages) || pages < 0) {
    throw new MalformedCloudflareAnswer(operation, "result_info has no total_pages");
  }
  return pages;
}

export function nextCursor(operation: string, info: Record<string, unknown>): string | undefined {
  const cursor = info.cursor;
  if (cursor === undefined || cursor === "") return undefined;
  if (typeof cursor !== "string" || cursor.length > 512) {
    throw new MalformedCloudflareAnswer(operation, "result_info has an unreadable cursor");
  }
  return cursor;
}
