// Edits of a lab world description, for cases `internetWorld` does not model: records a parent zone
// publishes about a child (DS), one server holding an older copy of a zone (a stale SOA serial),
// and a second server of a zone serving other records (parent servers that disagree). They rewrite the world's zones, so the in-process lab and NSD serve the same result.

import { a, ns } from "../../src/lab/dns-records.js";
import type { LabServerSpec, LabWorldBuilder } from "../../src/lab/dns-world.js";
import type { Zone, ZoneRecord } from "../../src/lab/zone.js";

function editZones(
  build: LabWorldBuilder,
  edit: (server: LabServerSpec, zone: Zone) => Zone,
): LabWorldBuilder {
  return (addressing) => {
    const world = build(addressing);
    let edited = false;
    const servers = world.servers.map((server) => ({
      ...server,
      zones: server.zones.map((zone) => {
        const result = edit(server, zone);
        edited ||= result !== zone;
        return result;
      }),
    }));
    if (!edited) throw new Error("the world edit matched no zone");
    return { ...world, servers };
  };
}

/** Adds `records` to the zone `origin` on every server that loads it. */
export function withRecords(
  build: LabWorldBuilder,
  origin: string,
  records: readonly ZoneRecord[],
): LabWorldBuilder {
  return editZones(build, (_, zone) =>
    zone.origin === origin ? { ...zone, records: [...zone.records, ...records] } : zone,
  );
}

/** Adds `records` to the zone `origin` on the named servers only (hosts that disagree). */
export function withServerRecords(
  build: LabWorldBuilder,
  serverNames: readonly string[],
  origin: string,
  records: readonly ZoneRecord[],
): LabWorldBuilder {
  return editZones(build, (server, zone) =>
    serverNames.includes(server.name) && zone.origin === origin
      ? { ...zone, records: [...zone.records, ...records] }
      : zone,
  );
}

/** Gives server `serverName`'s copy of the zone `origin` the SOA serial `serial`. */
export function withSerial(
  build: LabWorldBuilder,
  serverName: string,
  origin: string,
  serial: number,
): LabWorldBuilder {
  return editZones(build, (server, zone) => {
    if (server.name !== serverName || zone.origin !== origin) return zone;
    return {
      ...zone,
      records: zone.records.map((record) =>
        record.type === "SOA" && record.name === origin
          ? { ...record, data: { ...record.data, serial } }
          : record,
      ),
    };
  });
}

/**
 * Adds `name`, a second server of the zone `origin` (`com`) on a free host of the world, serving
 * a copy of the zone whose records `edit` rewrites; both copies list it at the apex and the
 * zone above delegates to it, with glue.
 */
export function withSecondServer(
  build: LabWorldBuilder,
  origin: string,
  name: string,
  edit: (records: readonly ZoneRecord[]) => ZoneRecord[],
): LabWorldBuilder {
  const above = origin.includes(".") ? origin.slice(origin.indexOf(".") + 1) : ".";
  return (addressing) => {
    const world = build(addressing);
    const used = new Set(world.servers.map((server) => String(server.host)));
    let host = 1;
    while (used.has(addressing.host(host))) host++;
    const address = addressing.host(host);
    const added = [ns(origin, name), a(name, address)];
    const first = world.servers
      .flatMap((server) => server.zones)
      .find((zone) => zone.origin === origin);
    if (first === undefined) throw new Error(`no server loads ${origin}`);
    const second: LabServerSpec = {
      name,
      host: address,
      zones: [{ ...first, records: [...edit(first.records), ...added] }],
    };
    const servers = world.servers.map((server) => ({
      ...server,
      zones: server.zones.map((zone) =>
        zone.origin === origin || zone.origin === above
          ? { ...zone, records: [...zone.records, ...added] }
          : zone,
      ),
    }));
    return { ...world, servers: [...servers, second] };
  };
}
