// The documented shape of the Azure DNS zones the SDK read from ARM's `dnszones` listing, checked
// before anything in them is used. The SDK maps whatever comes back with status 200 and treats a
// missing `value` as no zones; and it follows a page's `nextLink`, an absolute URL from the answer,
// with the bearer token: a link to another host would hand it the token. A zone outside the API
// reference's types and bounds, or a link away from the ARM endpoint, is not an answer.
import { hostName, nameServerList, recordName, recordType } from "../account-listing.js";
import type { KeySigningKey, Zone, ZoneDnssecObservation, ZoneRecordSetKey } from "../types.js";

export class MalformedAzureAnswer extends Error {
  override readonly name = "MalformedAzureAnswer";
  constructor(
    readonly operation: string,
    readonly problem: string,
  ) {
    super(`Azure answered ${operation} without its documented shape: ${problem}`);
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** An ARM resource id of a DNS zone. */
const ZONE_ID =
  /^\/subscriptions\/[^/]{1,64}\/resourceGroups\/([^/]{1,90})\/providers\/Microsoft\.Network\/dnszones\/([^/]{1,253})$/i;

/** The resource group and zone name of a DNS zone's resource id (one the listing checked). */
export function zonePath(zoneId: string): {
  readonly resourceGroup: string;
  readonly zone: string;
} {
  const [, resourceGroup = "", zone = ""] = ZONE_ID.exec(zoneId) ?? [];
  return { resourceGroup, zone };
}
/** Azure assigns four name servers; a zone with more than a handful is not Azure's. */
const MAX_NAME_SERVERS = 16;
const MAX_LINK_LENGTH = 2048;

/** One zone of a page, or undefined for a private zone (not on the internet); throws the problem. */
function zoneOf(item: unknown): Zone | undefined {
  if (!isRecord(item)) throw new Error("an entry is not an object");
  if (typeof item.id !== "string" || !ZONE_ID.test(item.id)) {
    throw new Error("a zone's id is not a DNS zone resource id");
  }
  const zoneType = item.zoneType ?? "Public";
  if (zoneType !== "Public" && zoneType !== "Private") {
    throw new Error(`zone ${item.id} has an unknown zoneType`);
  }
  if (zoneType === "Private") return undefined;
  return {
    id: item.id,
    name: hostName(item.name, `zone ${item.id}'s name`),
    recordCount:
      typeof item.numberOfRecordSets === "number" && Number.isSafeInteger(item.numberOfRecordSets)
        ? item.numberOfRecordSets
        : undefined,
    delegationSet: nameServerList(
      item.nameServers,
      `zone ${item.id}'s nameServers`,
      MAX_NAME_SERVERS,
    ),
    // Azure DNS serves a zone from the moment it exists.
    status: "active",
  };
}

/**
 * A page's entries, at most `maxItems`, and its next link when that stays at the ARM endpoint (the
 * SDK sends the token wherever the link points); throws the problem.
 */
function page(
  items: unknown,
  nextLink: string | undefined,
  endpoint: string,
  maxItems: number,
  noun: string,
): { readonly items: readonly unknown[]; readonly next: string | undefined } {
  if (!Array.isArray(items)) throw new Error("the page is not a list");
  if (items.length > maxItems) throw new Error(`more than the ${maxItems} ${noun} asked for`);
  if (nextLink !== undefined) {
    const link = nextLink.length <= MAX_LINK_LENGTH ? URL.parse(nextLink) : null;
    if (link === null || link.origin !== new URL(endpoint).origin) {
      throw new Error("a nextLink away from the Resource Manager endpoint");
    }
  }
  return { items, next: nextLink === "" ? undefined : nextLink };
}

/** A page's public zones, and its next link when that stays at the ARM endpoint. */
export function zonesPage(
  operation: string,
  items: unknown,
  nextLink: string | undefined,
  endpoint: string,
  maxItems: number,
): { readonly zones: readonly Zone[]; readonly next: string | undefined } {
  try {
    const listed = page(items, nextLink, endpoint, maxItems, "zones");
    return {
      zones: listed.items.map(zoneOf).filter((zone): zone is Zone => zone !== undefined),
      next: listed.next,
    };
  } catch (error) {
    throw new MalformedAzureAnswer(operation, (error as Error).message);
  }
}

/** `Microsoft.Network/dnszones/MX` → `MX`. */
const RECORD_SET_TYPE = /^Microsoft\.Network\/dnszones\/([^/]+)$/i;

/** A record set as the SDK read it: its owner name (the `fqdn`) and type. */
function recordSetOf(zone: string, item: unknown): ZoneRecordSetKey {
  if (!isRecord(item)) throw new Error("an entry is not an object");
  const type = typeof item.type === "string" ? RECORD_SET_TYPE.exec(item.type)?.[1] : undefined;
  return {
    name: recordName(item.fqdn, zone, "a record set's fqdn"),
    type: recordType(type, "a record set's type"),
  };
}

/** A page of a zone's record sets, and its next link when that stays at the ARM endpoint. */
export function recordSetsPage(
  operation: string,
  zone: string,
  items: unknown,
  nextLink: string | undefined,
  endpoint: string,
  maxItems: number,
): { readonly items: readonly ZoneRecordSetKey[]; readonly next: string | undefined } {
  try {
    const listed = page(items, nextLink, endpoint, maxItems, "record sets");
    return { items: listed.items.map((item) => recordSetOf(zone, item)), next: listed.next };
  } catch (error) {
    throw new MalformedAzureAnswer(operation, (error as Error).message);
  }
}

const MAX_APEX_NS = 16;

/** The name servers of the apex NS record set the SDK read (`nsRecords[].nsdname`). */
export function apexNameServersOf(operation: string, recordSet: unknown): string[] {
  try {
    if (!isRecord(recordSet) || !Array.isArray(recordSet.nsRecords)) {
      throw new Error("the apex NS record set has no nsRecords");
    }
    return nameServerList(
      recordSet.nsRecords.map((record) => (isRecord(record) ? record.nsdname : undefined)),
      "the apex NS record set",
      MAX_APEX_NS,
    );
  } catch (error) {
    throw new MalformedAzureAnswer(operation, (error as Error).message);
  }
}

/** The provisioning states of an ARM resource. */
const PROVISIONING_STATES = ["Succeeded", "Creating", "Updating", "Deleting", "Failed", "Canceled"];
/** Azure signs once the configuration is provisioned, and until its deletion has completed. */
const SIGNING_STATES = new Set(["Succeeded", "Deleting"]);
/** Azure DNS signs with two keys at most during a rollover; many more is not an answer. */
const MAX_SIGNING_KEYS = 8;
const MAX_DS = 8;
const HEX = /^[0-9a-fA-F]{2,128}$/;

function integer(value: unknown, what: string, max: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > max) {
    throw new Error(`${what} is not a number from 0 to ${max}`);
  }
  return value;
}

/**
 * A zone's DNSSEC configuration (`dnssecConfigs/default`): its provisioning state and signing
 * keys, one key-signing key per DS the key's `delegationSignerInfo` lists (a key is named
 * `ksk-<key tag>`); or the problem.
 */
export function dnssecConfigOf(
  operation: string,
  body: unknown,
): Omit<Extract<ZoneDnssecObservation, { kind: "ok" }>, "kind" | "account" | "zoneId"> {
  try {
    if (!isRecord(body) || !isRecord(body.properties)) throw new Error("no properties");
    const { provisioningState: state, signingKeys } = body.properties;
    if (typeof state !== "string" || !PROVISIONING_STATES.includes(state)) {
      throw new Error("an unknown provisioningState");
    }
    const keys = signingKeys ?? [];
    if (!Array.isArray(keys) || keys.length > MAX_SIGNING_KEYS) {
      throw new Error(`signingKeys is not a list of at most ${MAX_SIGNING_KEYS}`);
    }
    const active = state === "Succeeded";
    const keySigningKeys = keys.flatMap((key): KeySigningKey[] => {
      if (!isRecord(key)) throw new Error("a signing key is not an object");
      const keyTag = integer(key.keyTag, "a signing key's keyTag", 65_535);
      const algorithm = integer(key.securityAlgorithmType, "its securityAlgorithmType", 255);
      const flag = integer(key.flags, "its flags", 65_535);
      const signers = key.delegationSignerInfo ?? [];
      if (!Array.isArray(signers) || signers.length > MAX_DS) {
        throw new Error(`key ${keyTag}'s delegationSignerInfo is not a list of at most ${MAX_DS}`);
      }
      const publicKey =
        typeof key.publicKey === "string" && key.publicKey.length <= 2048
          ? key.publicKey
          : undefined;
      const base = { status: state, active, statusMessage: undefined, keyTag, algorithm, flag };
      return signers.map((signer): KeySigningKey => {
        if (!isRecord(signer))
          throw new Error(`key ${keyTag}'s delegation signer is not an object`);
        const digestType = integer(signer.digestAlgorithmType, "a digestAlgorithmType", 255);
        if (typeof signer.digestValue !== "string" || !HEX.test(signer.digestValue)) {
          throw new Error(`key ${keyTag}'s digestValue is not hexadecimal`);
        }
        return {
          ...base,
          name: `ksk-${keyTag}`,
          digestType,
          digest: signer.digestValue.toLowerCase(),
          publicKey,
        };
      });
    });
    return {
      serveSignature: state,
      signing: SIGNING_STATES.has(state),
      statusMessage: undefined,
      keySigningKeys,
    };
  } catch (error) {
    throw new MalformedAzureAnswer(operation, (error as Error).message);
  }
}
