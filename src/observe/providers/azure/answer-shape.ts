// The documented shape of the Azure DNS zones the SDK read from ARM's `dnszones` listing, checked
// before anything in them is used. The SDK maps whatever comes back with status 200 and treats a
// missing `value` as no zones; and it follows a page's `nextLink`, an absolute URL from the answer,
// with the bearer token: a link to another host would hand it the token. A zone outside the API
// reference's types and bounds, or a link away from the ARM endpoint, is not an answer.
import { hostName, nameServerList } from "../account-listing.js";
import type { Zone } from "../types.js";

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
  /^\/subscriptions\/[^/]{1,64}\/resourceGroups\/[^/]{1,90}\/providers\/Microsoft\.Network\/dnszones\/[^/]{1,253}$/i;
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

/** A page's public zones, and its next link when that stays at the ARM endpoint. */
export function zonesPage(
  operation: string,
  items: unknown,
  nextLink: string | undefined,
  endpoint: string,
  maxItems: number,
): { readonly zones: readonly Zone[]; readonly next: string | undefined } {
  try {
    if (!Array.isArray(items)) throw new Error("the page is not a list");
    if (items.length > maxItems) throw new Error(`more than the ${maxItems} zones asked for`);
    if (nextLink !== undefined) {
      const link = nextLink.length <= MAX_LINK_LENGTH ? URL.parse(nextLink) : null;
      if (link === null || link.origin !== new URL(endpoint).origin) {
        throw new Error("a nextLink away from the Resource Manager endpoint");
      }
    }
    return {
      zones: items.map(zoneOf).filter((zone): zone is Zone => zone !== undefined),
      next: nextLink === "" ? undefined : nextLink,
    };
  } catch (error) {
    throw new MalformedAzureAnswer(operation, (error as Error).message);
  }
}
