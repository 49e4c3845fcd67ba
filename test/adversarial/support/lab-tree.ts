// The smallest DNS tree the adversarial cases need: a root on host 1 that delegates com to a
// server on host 2, and what com delegates; the cases add the servers of their own domains.
import { a, ns, zone } from "../../../src/lab/dns-records.js";
import type { LabServerSpec } from "../../../src/lab/dns-world.js";
import type { Zone, ZoneRecord } from "../../../src/lab/zone.js";

/** The root and com servers, com holding `delegations` (NS records and their glue). */
export function rootAndCom(
  host: (n: number) => string,
  delegations: readonly ZoneRecord[],
): LabServerSpec[] {
  const root = zone(".", [
    ns(".", "a.root.lab"),
    a("a.root.lab", host(1)),
    ns("com", "a.gtld.lab"),
    a("a.gtld.lab", host(2)),
  ]);
  const com = zone("com", [ns("com", "a.gtld.lab"), ...delegations]);
  return [
    { name: "root", host: 1, zones: [root] },
    { name: "com", host: 2, zones: [com] },
  ];
}

/** A zone whose apex NS set is `servers`. */
export function zoneServedBy(origin: string, servers: readonly string[]): Zone {
  return zone(
    origin,
    servers.map((target) => ns(origin, target)),
  );
}
