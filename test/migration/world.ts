// The migration lab: one domain per phase of a Hover → Route 53 move and per state of a registrar
// transfer, with their registry records, Route 53 zones, Route 53 Domains registrations and
// operations. The DNS runs under NSD (or the in-process lab when NSD is missing and tools are not
// required). One edit `internetWorld` does not model: four servers of the .com zone, two of which
// hold an older copy of it that still delegates split.com to Hover.

import type { RegistrarOperationSpec } from "../../src/lab/aws-world.js";
import { a, ds, mx, ns } from "../../src/lab/dns-records.js";
import type { LabWorldBuilder } from "../../src/lab/dns-world.js";
import type { Scenario } from "../../src/lab/scenario.js";
import type { ZoneRecord } from "../../src/lab/zone.js";
import { AMAZON, HOVER, LOCKED, route53Set, TUCOWS } from "../support/lab-names.js";
import { withRecords } from "../support/world-edits.js";

const HOUR_MS = 3_600_000;
const FAR = "2030-01-01T00:00:00Z";

/** Route 53 servers host many zones: one delegation set for every target keeps the lab small. */
const ROUTE53 = route53Set(21);
export const TARGET = {
  gaps: ROUTE53,
  nearly: ROUTE53,
  signed: ROUTE53,
  failed: ROUTE53,
  split: ROUTE53,
  switched: ROUTE53,
  done: ROUTE53,
};

/** The stale copies of the .com zone: these servers still delegate split.com to Hover. */
const STALE_COM_SERVERS = ["c.nic.com", "d.nic.com"];
const FRESH_COM_SERVERS = ["b.nic.com"];

/** A DS for keys no server of signed.com has. */
export const SIGNED_DS = { keyTag: 4242, algorithm: 13, digestType: 2, digest: "ab".repeat(32) };

const apexRecords = (name: string): ZoneRecord[] => [
  { name, ttl: 3600, type: "TXT", data: "v=spf1 -all" },
  a(`www.${name}`, "192.0.2.10", 3600),
];

/** Four servers for .com: a.nic.com (the lab's), b.nic.com fresh, c and d stale for split.com. */
export function withSplitComServers(build: LabWorldBuilder): LabWorldBuilder {
  return (addressing) => {
    const world = build(addressing);
    const comServer = world.servers.find((s) => s.name === "a.nic.com");
    const com = comServer?.zones.find((z) => z.origin === "com");
    if (comServer === undefined || com === undefined) throw new Error("no a.nic.com in the world");
    const extra = [...FRESH_COM_SERVERS, ...STALE_COM_SERVERS];
    const host = (i: number) => 240 + i;
    const nsRecords = extra.flatMap((name, i) => [
      ns("com", name),
      a(name, addressing.host(host(i))),
    ]);
    const fresh = { ...com, records: [...com.records, ...nsRecords] };
    const stale = {
      ...fresh,
      records: [
        ...fresh.records.filter((r) => !(r.name === "split.com" && r.type === "NS")),
        ...HOVER.map((h) => ns("split.com", h)),
      ],
    };
    const servers = world.servers.map((server) => {
      if (server.name === "a.nic.com") return { ...server, zones: [fresh] };
      if (server.name !== "a.root-servers.net") return server;
      return {
        ...server,
        zones: server.zones.map((zone) =>
          zone.origin === "." ? { ...zone, records: [...zone.records, ...nsRecords] } : zone,
        ),
      };
    });
    const added = extra.map((name, i) => ({
      name,
      host: host(i),
      zones: [STALE_COM_SERVERS.includes(name) ? stale : fresh],
    }));
    return { ...world, servers: [...servers, ...added] };
  };
}

/** Hover's mail servers: gaps.com's mail goes there, so its MX must move with the zone. */
export const GAPS_MX = mx("gaps.com", 10, "mx.hover.com");

/** gaps.com as the target's servers serve it: without the MX, the apex TXT and `www`. */
export function withTargetGaps(build: LabWorldBuilder): LabWorldBuilder {
  return (addressing) => {
    const world = build(addressing);
    const servers = world.servers.map((server) =>
      TARGET.gaps.includes(server.name)
        ? {
            ...server,
            zones: server.zones.map((zone) =>
              zone.origin === "gaps.com"
                ? {
                    ...zone,
                    records: zone.records.filter(
                      (r) => !(r.type === "MX" || r.type === "TXT" || r.name === "www.gaps.com"),
                    ),
                  }
                : zone,
            ),
          }
        : server,
    );
    return { ...world, servers };
  };
}

/** The DS of signed.com in every copy of the .com zone. */
export const withSignedDs = (build: LabWorldBuilder): LabWorldBuilder =>
  withRecords(build, "com", [ds("signed.com", SIGNED_DS)]);

export function migrationScenario(now: Date): Scenario {
  const ago = (hours: number) => new Date(now.getTime() - hours * HOUR_MS);
  const atHover = (name: string, target: readonly string[] | undefined) => ({
    name,
    delegation: HOVER,
    servedBy: [...HOVER, ...(target ?? [])],
    records: apexRecords(name),
  });
  const onTarget = (name: string, target: readonly string[]) => ({
    name,
    delegation: target,
    servedBy: [...target, ...HOVER],
    records: apexRecords(name),
  });
  const registry = (
    registrar: typeof AMAZON,
    nameservers: readonly string[],
    statuses = LOCKED,
  ) => ({
    registrar,
    statuses,
    nameservers,
    events: { expiration: FAR },
  });
  const registered = (name: string, nameservers: readonly string[]) => ({ name, nameservers });
  const operations: RegistrarOperationSpec[] = [
    {
      id: "op-failed",
      domain: "failed.com",
      type: "UPDATE_NAMESERVER",
      status: "ERROR",
      submitted: ago(3),
      lastUpdated: ago(2),
      message: "The registry rejected the name servers",
    },
    {
      id: "op-split",
      domain: "split.com",
      type: "UPDATE_NAMESERVER",
      status: "IN_PROGRESS",
      submitted: ago(1),
    },
    {
      id: "op-switched",
      domain: "switched.com",
      type: "UPDATE_NAMESERVER",
      status: "SUCCESSFUL",
      submitted: ago(2),
      lastUpdated: ago(1),
    },
    {
      id: "op-done",
      domain: "done.com",
      type: "UPDATE_NAMESERVER",
      status: "SUCCESSFUL",
      submitted: ago(73),
      lastUpdated: ago(72),
    },
    {
      id: "op-xfer-wait",
      domain: "xfer-wait.com",
      type: "TRANSFER_IN_DOMAIN",
      status: "IN_PROGRESS",
      submitted: ago(24),
      statusFlag: "PENDING_ACCEPTANCE",
    },
    {
      id: "op-xfer-failed",
      domain: "xfer-failed.com",
      type: "TRANSFER_IN_DOMAIN",
      status: "FAILED",
      submitted: ago(30),
      lastUpdated: ago(6),
      message: "The domain is locked at the current registrar",
    },
    {
      id: "op-xfer-done",
      domain: "xfer-done.com",
      type: "TRANSFER_IN_DOMAIN",
      status: "SUCCESSFUL",
      submitted: ago(200),
      lastUpdated: ago(100),
    },
  ];
  return {
    internet: {
      domains: [
        atHover("prep.com", undefined),
        {
          ...atHover("gaps.com", TARGET.gaps),
          records: [GAPS_MX, ...apexRecords("gaps.com")],
        },
        atHover("nearly.com", TARGET.nearly),
        atHover("signed.com", TARGET.signed),
        atHover("failed.com", TARGET.failed),
        // The fresh .com copies delegate to Route 53; the edit gives c and d the old delegation.
        onTarget("split.com", TARGET.split),
        onTarget("switched.com", TARGET.switched),
        onTarget("done.com", TARGET.done),
        { name: "xfer-wait.com", delegation: HOVER },
        { name: "xfer-failed.com", delegation: HOVER },
        { name: "xfer-done.com", delegation: HOVER },
      ],
    },
    rdap: {
      "prep.com": registry(AMAZON, HOVER),
      "gaps.com": registry(AMAZON, HOVER),
      "nearly.com": registry(AMAZON, HOVER),
      "signed.com": registry(AMAZON, HOVER),
      "failed.com": registry(AMAZON, HOVER),
      "split.com": registry(AMAZON, TARGET.split),
      "switched.com": registry(AMAZON, TARGET.switched),
      "done.com": registry(AMAZON, TARGET.done),
      "xfer-wait.com": registry(TUCOWS, HOVER, []),
      "xfer-failed.com": registry(TUCOWS, HOVER),
      "xfer-done.com": registry(AMAZON, HOVER),
    },
    accounts: [
      {
        profile: "default",
        hostedZones: [
          { name: "gaps.com", id: "Z0GAPS", nameServers: TARGET.gaps },
          { name: "nearly.com", id: "Z0NEARLY", nameServers: TARGET.nearly },
          { name: "signed.com", id: "Z0SIGNED", nameServers: TARGET.signed },
          { name: "failed.com", id: "Z0FAILED", nameServers: TARGET.failed },
          { name: "split.com", id: "Z0SPLIT", nameServers: TARGET.split },
          { name: "switched.com", id: "Z0SWITCHED", nameServers: TARGET.switched },
          { name: "done.com", id: "Z0DONE", nameServers: TARGET.done },
        ],
        domains: [
          registered("prep.com", HOVER),
          registered("gaps.com", HOVER),
          registered("nearly.com", HOVER),
          registered("signed.com", HOVER),
          registered("failed.com", HOVER),
          registered("split.com", TARGET.split),
          registered("switched.com", TARGET.switched),
          registered("done.com", TARGET.done),
          registered("xfer-done.com", HOVER),
        ],
        operations,
      },
    ],
  };
}

export const MIGRATION_POLICY = `version: 1
defaults:
  registrar: route53
  dnsHost: route53
domains:
  prep.com: { migration: { dnsHost: { from: hover, to: route53 } } }
  gaps.com: { migration: { dnsHost: { from: hover, to: route53 } } }
  nearly.com: { migration: { dnsHost: { from: hover, to: route53 } } }
  signed.com: { migration: { dnsHost: { from: hover, to: route53 } } }
  failed.com: { migration: { dnsHost: { from: hover, to: route53 } } }
  split.com: { migration: { dnsHost: { from: hover, to: route53 } } }
  switched.com: { migration: { dnsHost: { from: hover, to: route53 } } }
  done.com: { migration: { dnsHost: { from: hover, to: route53 } } }
  xfer-wait.com: { dnsHost: hover, migration: { registrar: { from: hover, to: route53 } } }
  xfer-failed.com: { dnsHost: hover, migration: { registrar: { from: hover, to: route53 } } }
  xfer-done.com: { dnsHost: hover, migration: { registrar: { from: hover, to: route53 } } }
`;
