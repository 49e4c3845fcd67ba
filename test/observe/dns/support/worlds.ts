// Lab worlds for the DNS tests: a small internet with a root, com/net (served together, as
// Verisign does), uk and a separately delegated co.uk, a provider with eight shared name servers,
// and the odd cases (in-bailiwick glue, lapsed NS domain, CNAME NS target, IPv6-only server).

import { a, aaaa, cname, ds, ns, zone } from "../../../../src/lab/dns-records.js";
import type { FaultRule } from "../../../../src/lab/dns-server.js";
import type { LabAddressing, LabServerSpec, LabWorld } from "../../../../src/lab/dns-world.js";
import type { ZoneRecord } from "../../../../src/lab/zone.js";

export const PROVIDER_SERVERS = 8;

/** The four provider name servers of customer domain number `i`. */
export function providerSet(i: number): string[] {
  return [0, 1, 2, 3].map((k) => `ns${((i + k) % PROVIDER_SERVERS) + 1}.provider.net`);
}

export interface StandardWorldOptions {
  /** Extra customer domains `d<i>.com`, each on four shared provider servers. */
  readonly customers?: number;
  /** Faults per server name (see the server names below). */
  readonly faults?: Readonly<Record<string, readonly FaultRule[]>>;
  readonly latencyMs?: number;
  /** An IPv6 server on ::1 serving v6only.com (the world then needs the ::1 port too). */
  readonly ipv6?: boolean;
  /**
   * gtld-b serves an older com zone: no fresh.com, and moved.com still on ns3/ns4 where
   * gtld-a says ns1/ns2.
   */
  readonly laggingParent?: boolean;
}

/**
 * Servers: root-a (host 1), root-b (2), gtld-a (10), gtld-b (11) for com and net, uk (20),
 * co-uk (21), provider-1..8 (31..38), inzone-1/2 (40, 41), parent-host (50), v6 (::1).
 */
export function standardWorld(
  options: StandardWorldOptions = {},
): (net: LabAddressing) => LabWorld {
  return ({ host }) => {
    const customers = Array.from({ length: options.customers ?? 0 }, (_, i) => `d${i}.com`);
    const provider = (n: number) => host(30 + n);

    const root = zone(".", [
      ns(".", "a.root-servers.lab"),
      ns(".", "b.root-servers.lab"),
      a("a.root-servers.lab", host(1)),
      a("b.root-servers.lab", host(2)),
      ns("com", "a.gtld-servers.net"),
      ns("com", "b.gtld-servers.net"),
      ns("net", "a.gtld-servers.net"),
      ns("net", "b.gtld-servers.net"),
      a("a.gtld-servers.net", host(10)),
      a("b.gtld-servers.net", host(11)),
      ns("uk", "nsa.nic.uk"),
      a("nsa.nic.uk", host(20)),
    ]);

    const customerRecords: ZoneRecord[] = customers.flatMap((domain, i) =>
      providerSet(i).map((target) => ns(domain, target)),
    );
    const comRecords = (current: boolean): ZoneRecord[] => [
      ns("com", "a.gtld-servers.net"),
      ns("com", "b.gtld-servers.net"),
      ns("example.com", "ns1.provider.net"),
      ns("example.com", "ns2.provider.net"),
      ns("example.com", "ns3.provider.net"),
      ns("example.com", "ns4.provider.net"),
      ds("example.com", { keyTag: 12345, algorithm: 13, digestType: 2, digest: "ab".repeat(32) }),
      ns("inzone.com", "ns1.inzone.com"),
      ns("inzone.com", "ns2.inzone.com"),
      a("ns1.inzone.com", host(40)),
      a("ns2.inzone.com", host(41)),
      ns("lapsed.com", "ns1.gone-provider.com"),
      ns("lapsed.com", "ns1.provider.net"),
      ns("aliased.com", "alias.provider.net"),
      ns("aliased.com", "ns2.provider.net"),
      ns("hosted.com", "a.gtld-servers.net"),
      ns("v6only.com", "ns.v6host.com"),
      aaaa("ns.v6host.com", "::1"),
      ns("unreachable.com", "ns.unreachable.com"),
      a("ns.unreachable.com", host(250)), // nothing listens there
      ...(current
        ? [
            ns("fresh.com", "ns1.provider.net"),
            ns("moved.com", "ns1.provider.net"),
            ns("moved.com", "ns2.provider.net"),
          ]
        : [ns("moved.com", "ns3.provider.net"), ns("moved.com", "ns4.provider.net")]),
      ...customerRecords,
    ];
    const com = zone("com", comRecords(true));
    const olderCom = options.laggingParent === true ? zone("com", comRecords(false)) : com;
    const net = zone("net", [
      ns("net", "a.gtld-servers.net"),
      ns("net", "b.gtld-servers.net"),
      a("a.gtld-servers.net", host(10)),
      a("b.gtld-servers.net", host(11)),
      ...Array.from({ length: PROVIDER_SERVERS }, (_, k) => [
        ns("provider.net", `ns${k + 1}.provider.net`),
        a(`ns${k + 1}.provider.net`, provider(k + 1)),
      ]).flat(),
    ]);
    const uk = zone("uk", [
      ns("uk", "nsa.nic.uk"),
      a("nsa.nic.uk", host(20)),
      ns("co.uk", "nsb.nic.uk"),
      a("nsb.nic.uk", host(21)),
    ]);
    const coUk = zone("co.uk", [
      ns("co.uk", "nsb.nic.uk"),
      ns("shop.co.uk", "ns1.provider.net"),
      ns("shop.co.uk", "ns2.provider.net"),
    ]);
    const providerNet = zone("provider.net", [
      ...Array.from({ length: PROVIDER_SERVERS }, (_, k) => [
        ns("provider.net", `ns${k + 1}.provider.net`),
        a(`ns${k + 1}.provider.net`, provider(k + 1)),
      ]).flat(),
      cname("alias.provider.net", "ns1.provider.net"),
    ]);
    const customerZone = (origin: string, targets: readonly string[], serial = 1) =>
      zone(origin, [...targets.map((target) => ns(origin, target)), a(`www.${origin}`, host(99))], {
        serial,
      });
    const hosted = [
      customerZone(
        "example.com",
        ["ns1.provider.net", "ns2.provider.net", "ns3.provider.net", "ns4.provider.net"],
        2024010101,
      ),
      customerZone("lapsed.com", ["ns1.gone-provider.com", "ns1.provider.net"]),
      customerZone("aliased.com", ["alias.provider.net", "ns2.provider.net"]),
      customerZone("shop.co.uk", ["ns1.provider.net", "ns2.provider.net"]),
      customerZone("fresh.com", ["ns1.provider.net"]),
      customerZone("moved.com", ["ns1.provider.net", "ns2.provider.net"]),
      ...customers.map((domain, i) => customerZone(domain, providerSet(i))),
    ];
    const inzone = zone("inzone.com", [
      ns("inzone.com", "ns1.inzone.com"),
      ns("inzone.com", "ns2.inzone.com"),
      a("ns1.inzone.com", host(40)),
      a("ns2.inzone.com", host(41)),
    ]);
    // The com servers also host hosted.com: they answer its NS query authoritatively.
    const hostedByParent = zone("hosted.com", [ns("hosted.com", "a.gtld-servers.net")]);

    const servers: LabServerSpec[] = [
      { name: "root-a", host: 1, zones: [root] },
      { name: "root-b", host: 2, zones: [root] },
      { name: "gtld-a", host: 10, zones: [com, net, hostedByParent] },
      { name: "gtld-b", host: 11, zones: [olderCom, net, hostedByParent] },
      { name: "uk", host: 20, zones: [uk] },
      { name: "co-uk", host: 21, zones: [coUk] },
      ...Array.from(
        { length: PROVIDER_SERVERS },
        (_, k): LabServerSpec => ({
          name: `provider-${k + 1}`,
          host: 31 + k,
          zones: [providerNet, ...hosted],
        }),
      ),
      { name: "inzone-1", host: 40, zones: [inzone] },
      { name: "inzone-2", host: 41, zones: [inzone] },
    ];
    if (options.ipv6 === true) {
      servers.push({
        name: "v6",
        host: "::1",
        zones: [zone("v6only.com", [ns("v6only.com", "ns.v6host.com")])],
      });
    }
    return {
      servers: servers.map((server) => {
        const faults = options.faults?.[server.name];
        return faults === undefined ? server : { ...server, faults };
      }),
      ...(options.latencyMs === undefined ? {} : { latencyMs: options.latencyMs }),
    };
  };
}
