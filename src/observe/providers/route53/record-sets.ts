// ListResourceRecordSets across pages: the names and types a hosted zone holds, for record parity
// of a zone a domain migrates to. Bounded twice: by the count the caller asks for (the zone may
// hold far more; the result then says it is cut) and by the pages read, and a page marker must
// advance, so a service (or emulator) that repeats one cannot keep the listing looping.

import { ListResourceRecordSetsCommand, type Route53Client } from "@aws-sdk/client-route-53";
import { route53NameKey } from "../../../names/normalize.js";
import type { ZoneRecordSetKey, ZoneRecordsObservation } from "../types.js";
import { unavailable, unavailableFromError } from "./unavailable.js";

/** Route 53 returns at most 300 record sets a page. */
const PAGE_SIZE = 300;
/** Pages read at most, whatever `maxRecordSets` is: a page may hold fewer sets than asked for. */
const MAX_PAGES = 200;

interface Marker {
  readonly name: string;
  readonly type: string;
  readonly identifier: string | undefined;
}

/** The first `maxRecordSets` record sets of the zone (name and type, each once). Never throws. */
export async function listZoneRecordSets(
  account: string,
  client: Route53Client,
  zoneId: string,
  maxRecordSets: number,
): Promise<ZoneRecordsObservation> {
  const records: ZoneRecordSetKey[] = [];
  const keys = new Set<string>();
  const seen = new Set<string>();
  let marker: Marker | undefined;
  try {
    for (let page = 0; page < MAX_PAGES; page++) {
      const out = await client.send(
        new ListResourceRecordSetsCommand({
          HostedZoneId: zoneId,
          MaxItems: PAGE_SIZE,
          ...(marker === undefined
            ? {}
            : {
                StartRecordName: marker.name,
                StartRecordType: marker.type as never,
                ...(marker.identifier === undefined
                  ? {}
                  : { StartRecordIdentifier: marker.identifier }),
              }),
        }),
      );
      for (const set of out.ResourceRecordSets ?? []) {
        if (set.Name === undefined || set.Type === undefined) continue;
        const record = { name: route53NameKey(set.Name), type: set.Type.toUpperCase() };
        // Weighted, latency and other routed sets share a name and type: listed once.
        const key = `${record.name} ${record.type}`;
        if (keys.has(key)) continue;
        if (records.length === maxRecordSets) {
          return { kind: "ok", account, zoneId, records, complete: false };
        }
        keys.add(key);
        records.push(record);
      }
      if (!out.IsTruncated) return { kind: "ok", account, zoneId, records, complete: true };
      const next: Marker = {
        name: out.NextRecordName ?? "",
        type: out.NextRecordType ?? "",
        identifier: out.NextRecordIdentifier,
      };
      const nextKey = JSON.stringify(next);
      if (seen.has(nextKey)) {
        return unavailable(
          account,
          `ListResourceRecordSets returned the page marker ${next.name} ${next.type} twice`,
        );
      }
      seen.add(nextKey);
      marker = next;
    }
  } catch (error) {
    return unavailableFromError(account, "ListResourceRecordSets", error);
  }
  return unavailable(account, `ListResourceRecordSets returned more than ${MAX_PAGES} pages`);
}
