// Edits of a lab world description, for cases `internetWorld` does not model: records a parent zone
// publishes about a child (DS), and one server holding an older copy of a zone (a stale SOA
// serial). They rewrite the world's zones, so the in-process lab and NSD serve the same result.
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
