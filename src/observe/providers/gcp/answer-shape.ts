// The documented shape of the Cloud DNS `managedZones.list` answer, checked before anything in it is
// used. The SDK turns whatever comes back with status 200 into zones, and a missing list into none:
// a proxy's HTML page or `{}` would read as "no zones". An answer that is not a
// `dns#managedZonesListResponse`, or whose zones are outside the API reference's types and bounds,
// is not an answer: the call fails with the problem, and the listing becomes unavailable.
import { hostName, nameServerList, recordName, recordType } from "../account-listing.js";
import type { KeySigningKey, Zone, ZoneRecordSetKey } from "../types.js";

export class MalformedGoogleAnswer extends Error {
  override readonly name = "MalformedGoogleAnswer";
  constructor(
    readonly operation: string,
    readonly problem: string,
  ) {
    super(`Google Cloud DNS answered ${operation} without its documented shape: ${problem}`);
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** A managed zone's resource name: 1–63 lower-case letters, digits and dashes, from a letter. */
const ZONE_NAME = /^[a-z][a-z0-9-]{0,62}$/;
/** Zone ids are unsigned 64-bit integers, written as decimal strings. */
const ZONE_ID = /^[0-9]{1,20}$/;
/** Google assigns four name servers; a zone with more than a handful is not Google's. */
const MAX_NAME_SERVERS = 16;
const MAX_PAGE_TOKEN_LENGTH = 1024;

/** A managed zone's `dnssecConfig.state`: `off` when the zone has no DNSSEC configuration. */
export type DnssecState = "on" | "off" | "transfer";
const DNSSEC_STATES: readonly DnssecState[] = ["on", "off", "transfer"];

/** A public managed zone, with its DNSSEC state (kept by the adapter, never in a report). */
export interface GoogleZone {
  readonly zone: Zone;
  readonly dnssecState: DnssecState;
}

export interface ZonesPage {
  /** The page's public zones (private ones are left out: they are not on the internet). */
  readonly zones: readonly GoogleZone[];
  readonly nextPageToken: string | undefined;
}

function dnssecStateOf(item: Record<string, unknown>): DnssecState {
  const config = item.dnssecConfig;
  if (config === undefined) return "off";
  const state = isRecord(config) ? (config.state ?? "off") : undefined;
  const known = DNSSEC_STATES.find((s) => s === state);
  if (known === undefined) throw new Error(`managed zone ${item.name} has an unknown dnssecConfig`);
  return known;
}

function zoneOf(item: unknown): GoogleZone | undefined {
  if (!isRecord(item)) throw new Error("an entry is not an object");
  if (typeof item.name !== "string" || !ZONE_NAME.test(item.name)) {
    throw new Error("a managed zone's name is not a zone resource name");
  }
  const visibility = item.visibility ?? "public";
  if (visibility !== "public" && visibility !== "private") {
    throw new Error(`managed zone ${item.name} has an unknown visibility`);
  }
  if (visibility === "private") return undefined;
  if (typeof item.id !== "string" || !ZONE_ID.test(item.id)) {
    throw new Error(`managed zone ${item.name} has no numeric id`);
  }
  const zone: Zone = {
    id: item.name,
    name: hostName(item.dnsName, `managed zone ${item.name}'s dnsName`),
    recordCount: undefined,
    delegationSet: nameServerList(
      item.nameServers,
      `managed zone ${item.name}'s nameServers`,
      MAX_NAME_SERVERS,
    ),
    // Cloud DNS serves a public zone from the moment it exists.
    status: "active",
  };
  return { zone, dnssecState: dnssecStateOf(item) };
}

/** One page of `managedZones.list`, or the problem with it. */
export function zonesPage(operation: string, body: unknown, maxItems: number): ZonesPage {
  try {
    const { items, next } = listOf(
      body,
      "dns#managedZonesListResponse",
      "managedZones",
      maxItems,
      "zones",
    );
    return {
      zones: items.map(zoneOf).filter((zone): zone is GoogleZone => zone !== undefined),
      nextPageToken: next,
    };
  } catch (error) {
    throw new MalformedGoogleAnswer(operation, (error as Error).message);
  }
}

function pageToken(token: unknown): string | undefined {
  if (token === undefined || token === "") return undefined;
  if (typeof token !== "string" || token.length > MAX_PAGE_TOKEN_LENGTH) {
    throw new Error("an unreadable nextPageToken");
  }
  return token;
}

/**
 * The list of a `kind` answer's `field`, at most `max` entries, or the problem. An empty list is
 * left out of the answer, as Google's JSON leaves out empty repeated fields.
 */
function listOf(
  body: unknown,
  kind: string,
  field: string,
  max: number,
  noun: string,
): {
  readonly items: readonly unknown[];
  readonly next: string | undefined;
} {
  if (!isRecord(body) || body.kind !== kind) throw new Error(`not a ${kind}`);
  const items = body[field] ?? [];
  if (!Array.isArray(items)) throw new Error(`${field} is not a list`);
  if (items.length > max) throw new Error(`more than the ${max} ${noun} asked for`);
  return { items, next: pageToken(body.nextPageToken) };
}

/** One resource record set of an `rrsets` page, with its data (for the apex NS set). */
export interface GoogleRecordSet extends ZoneRecordSetKey {
  readonly rrdatas: readonly unknown[];
}

/** One page of `resourceRecordSets.list`, or the problem with it. */
export function recordSetsPage(
  operation: string,
  zone: string,
  body: unknown,
  maxItems: number,
): { readonly items: readonly GoogleRecordSet[]; readonly next: string | undefined } {
  try {
    const { items, next } = listOf(
      body,
      "dns#resourceRecordSetsListResponse",
      "rrsets",
      maxItems,
      "record sets",
    );
    return {
      items: items.map((item) => {
        if (!isRecord(item)) throw new Error("an entry is not an object");
        const rrdatas = item.rrdatas ?? [];
        if (!Array.isArray(rrdatas)) throw new Error("rrdatas is not a list");
        return {
          name: recordName(item.name, zone, "a record set's name"),
          type: recordType(item.type, "a record set's type"),
          rrdatas,
        };
      }),
      next,
    };
  } catch (error) {
    throw new MalformedGoogleAnswer(operation, (error as Error).message);
  }
}

/** DNSSEC algorithm numbers (RFC 8624) by Cloud DNS's names. */
const ALGORITHMS: Readonly<Record<string, number>> = {
  rsasha1: 5,
  rsasha256: 8,
  rsasha512: 10,
  ecdsap256sha256: 13,
  ecdsap384sha384: 14,
};
/** DS digest types by Cloud DNS's names; SHA-256 first, the one registries expect. */
const DIGEST_TYPES: readonly [string, number][] = [
  ["sha256", 2],
  ["sha384", 4],
  ["sha1", 1],
];
const HEX = /^[0-9a-fA-F]{2,128}$/;
const KEY_ID = /^[0-9]{1,20}$/;

/** The key-signing keys of a `dnsKeys.list` answer (zone-signing keys are left out). */
export function keySigningKeysOf(
  operation: string,
  body: unknown,
  maxItems: number,
): { readonly keys: readonly KeySigningKey[]; readonly next: string | undefined } {
  try {
    const { items, next } = listOf(body, "dns#dnsKeysListResponse", "dnsKeys", maxItems, "keys");
    const keys = items.flatMap((item): KeySigningKey[] => {
      if (!isRecord(item)) throw new Error("an entry is not an object");
      if (typeof item.id !== "string" || !KEY_ID.test(item.id)) {
        throw new Error("a DNS key's id is not numeric");
      }
      if (item.type !== "keySigning" && item.type !== "zoneSigning") {
        throw new Error(`DNS key ${item.id} has an unknown type`);
      }
      if (item.type === "zoneSigning") return [];
      const { keyTag, isActive } = item;
      if (
        typeof keyTag !== "number" ||
        !Number.isInteger(keyTag) ||
        keyTag < 0 ||
        keyTag > 65_535
      ) {
        throw new Error(`DNS key ${item.id} has no key tag`);
      }
      if (typeof isActive !== "boolean") throw new Error(`DNS key ${item.id} has no isActive`);
      const digests = Array.isArray(item.digests) ? item.digests.filter(isRecord) : [];
      const [digestType, digest] =
        DIGEST_TYPES.flatMap(([name, type]) => {
          const found = digests.find((d) => d.type === name);
          return typeof found?.digest === "string" && HEX.test(found.digest)
            ? [[type, found.digest.toLowerCase()] as const]
            : [];
        })[0] ?? [];
      return [
        {
          name: item.id,
          status: isActive ? "active" : "inactive",
          active: isActive,
          statusMessage: undefined,
          keyTag,
          algorithm:
            typeof item.algorithm === "string"
              ? ALGORITHMS[item.algorithm.toLowerCase()]
              : undefined,
          flag: 257,
          digestType,
          digest,
          publicKey:
            typeof item.publicKey === "string" && item.publicKey.length <= 2048
              ? item.publicKey
              : undefined,
        },
      ];
    });
    return { keys, next };
  } catch (error) {
    throw new MalformedGoogleAnswer(operation, (error as Error).message);
  }
}
