// The documented shape of the Cloud DNS `managedZones.list` answer, checked before anything in it is
// used. The SDK turns whatever comes back with status 200 into zones, and a missing list into none:
// a proxy's HTML page or `{}` would read as "no zones". An answer that is not a
// `dns#managedZonesListResponse`, or whose zones are outside the API reference's types and bounds,
// is not an answer: the call fails with the problem, and the listing becomes unavailable.
import { hostName, nameServerList } from "../account-listing.js";
import type { Zone } from "../types.js";

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

export interface ZonesPage {
  /** The page's public zones (private ones are left out: they are not on the internet). */
  readonly zones: readonly Zone[];
  readonly nextPageToken: string | undefined;
}

function zoneOf(item: unknown): Zone | undefined {
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
  return {
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
}

/** One page of `managedZones.list`, or the problem with it. */
export function zonesPage(operation: string, body: unknown, maxItems: number): ZonesPage {
  try {
    if (!isRecord(body) || body.kind !== "dns#managedZonesListResponse") {
      throw new Error("not a dns#managedZonesListResponse");
    }
    // An empty list is left out of the answer, as Google's JSON leaves out empty repeated fields.
    const items = body.managedZones ?? [];
    if (!Array.isArray(items)) throw new Error("managedZones is not a list");
    if (items.length > maxItems) throw new Error(`more than the ${maxItems} zones asked for`);
    const token = body.nextPageToken;
    if (
      token !== undefined &&
      (typeof token !== "string" || token.length > MAX_PAGE_TOKEN_LENGTH)
    ) {
      throw new Error("an unreadable nextPageToken");
    }
    return {
      zones: items.map(zoneOf).filter((zone): zone is Zone => zone !== undefined),
      nextPageToken: token === "" ? undefined : token,
    };
  } catch (error) {
    throw new MalformedGoogleAnswer(operation, (error as Error).message);
  }
}
