// The documented shape of the Cloudflare answers the adapter reads, checked before anything in them
// is used. The SDK reads `result` and `result_info` of whatever comes back with status 200 and
// treats a missing list as empty: a proxy's HTML page or `{}` would read as "no zones". An answer
// without the v4 envelope, or with entries outside the API reference's types and bounds, is not an
// answer: the call fails with the problem, and the observation becomes unavailable with the reason.
import { hostName, nameServerList, recordName, recordType } from "../account-listing.js";
import type {
  KeySigningKey,
  RegisteredDomainSummary,
  Zone,
  ZoneDnssecObservation,
  ZoneStatus,
} from "../types.js";

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

/** The envelope's single `result` object, or the problem. */
export function resultOf(operation: string, body: unknown): Record<string, unknown> {
  if (!isRecord(body) || body.success !== true) {
    throw new MalformedCloudflareAnswer(operation, "no `success: true` envelope");
  }
  if (!isRecord(body.result)) throw new MalformedCloudflareAnswer(operation, "no result object");
  return body.result;
}

/** The states `GET /zones/{zone_id}/dnssec` reports, per the API reference. */
const DNSSEC_STATUSES = ["active", "pending", "disabled", "pending-disabled", "error"] as const;
type DnssecStatus = (typeof DNSSEC_STATUSES)[number];
/** Cloudflare serves the zone signed while DNSSEC is active, waits for the DS, or waits for its removal. */
const SIGNING: ReadonlySet<DnssecStatus> = new Set(["active", "pending", "pending-disabled"]);
/** The key stays in use: active, or pending (signing, until the registrar's DS appears). */
const KEY_IN_USE: ReadonlySet<DnssecStatus> = new Set(["active", "pending"]);
const HEX = /^[0-9a-fA-F]{2,128}$/;
const MAX_PUBLIC_KEY_LENGTH = 2048;

/** A small number the API may write as a number or a decimal string (`"13"`), or null. */
function smallNumber(value: unknown, what: string, max: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const n = typeof value === "string" && /^[0-9]{1,5}$/.test(value) ? Number(value) : value;
  if (typeof n !== "number" || !Number.isInteger(n) || n < 0 || n > max) {
    throw new Error(`${what} is not a number from 0 to ${max}`);
  }
  return n;
}

function optionalText(
  value: unknown,
  what: string,
  pattern: RegExp,
  max: number,
): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value !== "string" || value.length > max || !pattern.test(value)) {
    throw new Error(`${what} is unreadable`);
  }
  return value;
}

/** The zone's DNSSEC as `GET /zones/{zone_id}/dnssec` shows it: one key-signing key, or none. */
export function zoneDnssecOf(
  operation: string,
  body: unknown,
): Omit<Extract<ZoneDnssecObservation, { kind: "ok" }>, "kind" | "account" | "zoneId"> {
  try {
    const result = resultOf(operation, body);
    const status = DNSSEC_STATUSES.find((known) => known === result.status);
    if (status === undefined) throw new Error("an unknown DNSSEC status");
    const keyTag = smallNumber(result.key_tag, "key_tag", 65_535);
    const key: KeySigningKey | undefined =
      keyTag === undefined || status === "disabled"
        ? undefined
        : {
            name: `ksk-${keyTag}`,
            status,
            active: KEY_IN_USE.has(status),
            statusMessage: undefined,
            keyTag,
            algorithm: smallNumber(result.algorithm, "algorithm", 255),
            flag: smallNumber(result.flags, "flags", 65_535),
            digestType: smallNumber(result.digest_type, "digest_type", 255),
            digest: optionalText(result.digest, "digest", HEX, 128)?.toLowerCase(),
            publicKey: optionalText(
              result.public_key,
              "public_key",
              /^[A-Za-z0-9+/=]+$/,
              MAX_PUBLIC_KEY_LENGTH,
            ),
          };
    return {
      serveSignature: status,
      signing: SIGNING.has(status),
      statusMessage: undefined,
      keySigningKeys: key === undefined ? [] : [key],
    };
  } catch (error) {
    if (error instanceof MalformedCloudflareAnswer) throw error;
    throw new MalformedCloudflareAnswer(operation, (error as Error).message);
  }
}

/** One DNS record of a `dns_records` page: its owner name, type and (for NS) its target. */
export function dnsRecordOf(
  operation: string,
  zone: string,
  item: unknown,
): { readonly name: string; readonly type: string; readonly content: unknown } {
  try {
    if (!isRecord(item)) throw new Error("an entry is not an object");
    return {
      name: recordName(item.name, zone, "a record's name"),
      type: recordType(item.type, "a record's type"),
      content: item.content,
    };
  } catch (error) {
    throw new MalformedCloudflareAnswer(operation, (error as Error).message);
  }
}

/** Whether the zone's DNS settings turn multi-provider DNS on (its apex NS records then count). */
export function multiProviderOf(operation: string, body: unknown): boolean {
  const result = resultOf(operation, body);
  if (result.multi_provider === undefined) return false;
  if (typeof result.multi_provider !== "boolean") {
    throw new MalformedCloudflareAnswer(operation, "multi_provider is not a flag");
  }
  return result.multi_provider;
}
