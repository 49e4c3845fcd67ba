// The simulated internet: from a list of domains and how each is delegated and served, builds the
// whole DNS tree — a root, one server per TLD zone (with `co.uk`-style two-level suffixes), one
// server per name-server host, the zones of the name servers' own domains, and every glue record —
// as a lab world. The same world runs in-process (`startLabDns`) or under NSD (the interop tests
// render `worldZones` to master files), so a scenario is written once.
import { getDomain, getPublicSuffix } from "tldts";
import { a, ns, zone } from "./dns-records.js";
import type { FaultRule } from "./dns-server.js";
import type { LabAddressing, LabServerSpec, LabWorld, LabWorldBuilder } from "./dns-world.js";
import type { Zone, ZoneRecord } from "./zone.js";

export interface SimulatedDomain {
  /** A-label, lower-case. */
  readonly name: string;
  /** The NS set its TLD delegates to; `undefined` leaves the name out of the TLD zone (NXDOMAIN). */
  readonly delegation: readonly string[] | undefined;
  /** The name-server hosts that really serve the zone (default: the delegation). */
  readonly servedBy?: readonly string[];
  /** The zone's own apex NS set (default: the delegation). */
  readonly apexNs?: readonly string[];
  readonly records?: readonly ZoneRecord[];
}

export interface InternetSpec {
  readonly domains: readonly SimulatedDomain[];
  /** Registrable domains of name servers that are not registered: absent from their TLD zone. */
  readonly lapsedNameserverDomains?: readonly string[];
  /** Name-server hosts to run even when no domain names them. */
  readonly extraNameservers?: readonly string[];
  /** Faults of the server of a name-server host (by host name). */
  readonly faults?: Readonly<Record<string, readonly FaultRule[]>>;
  /** Added to every reply of every server (the benchmark's network latency). */
  readonly latencyMs?: number;
}

const ROOT_SERVER = "a.root-servers.net";

/** `com` → [`com`]; `co.uk` → [`uk`, `co.uk`]: the zones between the root and a public suffix. */
function suffixChain(suffix: string): string[] {
  const labels = suffix.split(".");
  return labels.map((_, i) => labels.slice(labels.length - 1 - i).join("."));
}

function suffixOf(name: string): string {
  return (
    getPublicSuffix(name, { allowPrivateDomains: false }) ?? (name.split(".").at(-1) as string)
  );
}

function registrableOf(name: string): string {
  return getDomain(name, { allowPrivateDomains: false }) ?? name;
}

const tldServerName = (zoneName: string) => `a.nic.${zoneName}`;

/** Many domains share name servers: their glue would repeat in the TLD zone. */
function unique(records: readonly ZoneRecord[]): ZoneRecord[] {
  const seen = new Set<string>();
  return records.filter((r) => {
    const key = `${r.name} ${r.type} ${JSON.stringify(r.data)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function sortedUnique(names: Iterable<string>): string[] {
  return [...new Set(names)].sort();
}

/** Every name the world needs: domains, name-server hosts, the zones above them. */
function inventory(spec: InternetSpec) {
  const lapsed = new Set(spec.lapsedNameserverDomains ?? []);
  const hosts = sortedUnique([
    ...spec.domains.flatMap((d) => [
      ...(d.delegation ?? []),
      ...(d.servedBy ?? []),
      ...(d.apexNs ?? []),
    ]),
    ...(spec.extraNameservers ?? []),
  ]);
  const domainNames = new Set(spec.domains.map((d) => d.name));
  // Hosts whose own domain is simulated live in that zone; the others get a zone of their domain.
  const hostDomains = new Map<string, string[]>();
  for (const host of hosts) {
    const domain = registrableOf(host);
    if (lapsed.has(domain) || domainNames.has(domain)) continue;
    hostDomains.set(domain, [...(hostDomains.get(domain) ?? []), host]);
  }
  const reachable = hosts.filter((h) => !lapsed.has(registrableOf(h)));
  const tldZones = sortedUnique(
    [...domainNames, ...hostDomains.keys(), ...reachable].flatMap((name) =>
      suffixChain(suffixOf(name)),
    ),
  );
  return { hosts: reachable, hostDomains, tldZones };
}

export function internetWorld(spec: InternetSpec): LabWorldBuilder {
  return (addressing: LabAddressing): LabWorld => {
    const { hosts, hostDomains, tldZones } = inventory(spec);
    const address = new Map<string, string>();
    let next = 1;
    const allocate = (name: string) => {
      if (next > 254) throw new Error("the simulated internet needs more than 254 servers");
      address.set(name, addressing.host(next++));
    };
    allocate(ROOT_SERVER);
    for (const tld of tldZones) allocate(tldServerName(tld));
    for (const host of hosts) allocate(host);
    const addr = (name: string) => address.get(name) as string;
    // Glue: addresses of the name servers that live inside the zone holding the delegation.
    const glue = (hostNames: readonly string[], within: string) =>
      hostNames
        .filter(
          (h) => address.has(h) && (within === "." || h === within || h.endsWith(`.${within}`)),
        )
        .map((h) => a(h, addr(h)));

    // Each zone above the registrable domains: the root and every TLD / suffix zone.
    const parentOf = (name: string): string => {
      const candidates = tldZones
        .filter((z) => name.endsWith(`.${z}`))
        .sort((x, y) => y.length - x.length);
      return candidates[0] ?? ".";
    };
    const children = new Map<string, ZoneRecord[]>([
      [".", []],
      ...tldZones.map((z): [string, ZoneRecord[]] => [z, []]),
    ]);
    const delegate = (child: string, nameservers: readonly string[]) => {
      const parent = parentOf(child);
      const records = children.get(parent) as ZoneRecord[];
      records.push(...nameservers.map((n) => ns(child, n)), ...glue(nameservers, parent));
    };
    for (const tld of tldZones) delegate(tld, [tldServerName(tld)]);
    for (const [domain, domainHosts] of hostDomains) delegate(domain, domainHosts);
    for (const domain of spec.domains)
      if (domain.delegation) delegate(domain.name, domain.delegation);

    const rootZone = zone(
      ".",
      unique([
        ns(".", ROOT_SERVER),
        a(ROOT_SERVER, addr(ROOT_SERVER)),
        ...(children.get(".") ?? []),
      ]),
    );
    const servers: LabServerSpec[] = [
      { name: ROOT_SERVER, host: addr(ROOT_SERVER), zones: [rootZone] },
    ];
    for (const tld of tldZones) {
      const server = tldServerName(tld);
      const tldZone = zone(
        tld,
        unique([ns(tld, server), a(server, addr(server)), ...(children.get(tld) ?? [])]),
      );
      servers.push({ name: server, host: addr(server), zones: [tldZone] });
    }

    const zonesOfHost = new Map<string, Zone[]>(hosts.map((h) => [h, []]));
    for (const [domain, domainHosts] of hostDomains) {
      const own = zone(domain, [
        ...domainHosts.map((h) => ns(domain, h)),
        ...domainHosts.map((h) => a(h, addr(h))),
      ]);
      for (const h of domainHosts) zonesOfHost.get(h)?.push(own);
    }
    for (const domain of spec.domains) {
      const apex = domain.apexNs ?? domain.delegation ?? [];
      const inZoneHosts = hosts.filter((h) => h.endsWith(`.${domain.name}`));
      const customer = zone(domain.name, [
        ...apex.map((n) => ns(domain.name, n)),
        ...inZoneHosts.map((h) => a(h, addr(h))),
        ...(domain.records ?? []),
      ]);
      for (const h of domain.servedBy ?? domain.delegation ?? [])
        zonesOfHost.get(h)?.push(customer);
    }
    for (const host of hosts) {
      servers.push({
        name: host,
        host: addr(host),
        zones: zonesOfHost.get(host) ?? [],
        ...(spec.faults?.[host] ? { faults: spec.faults[host] } : {}),
      });
    }
    return { servers, ...(spec.latencyMs !== undefined ? { latencyMs: spec.latencyMs } : {}) };
  };
}

/** The TLDs (last labels) of the simulated internet: what an RDAP bootstrap must cover. */
export function internetTlds(spec: InternetSpec): string[] {
  return sortedUnique(inventory(spec).tldZones.map((z) => z.split(".").at(-1) as string));
}
