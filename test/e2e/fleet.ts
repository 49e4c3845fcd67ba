// The end-to-end scenario: one fleet of domains, each described once — its delegation and servers,
// what the registry's RDAP says, and what the AWS account holds — from which the simulated
// internet, the RDAP registry and the Route 53 / Route 53 Domains accounts are derived. The
// policies are fixtures/e2e/policies/*.yaml; the verdicts they must produce are
// fixtures/e2e/expected.yaml. Each drifting domain is broken in exactly one way.
import type { HostedZoneSpec, RegisteredDomainSpec } from "../../src/lab/aws-world.js";
import type { SimulatedDomain } from "../../src/lab/internet.js";
import type { LabRdapDomain } from "../../src/lab/rdap-server.js";
import type { Scenario } from "../../src/lab/scenario.js";
import { AMAZON, CLOUDFLARE, HOVER, LOCKED, TUCOWS } from "../support/lab-names.js";

const DAY_MS = 86_400_000;

/** The live Route 53 delegation set most zones share (Route 53 servers host many zones). */
const ROUTE53 = [
  "ns-101.awsdns-12.com",
  "ns-601.awsdns-12.net",
  "ns-1101.awsdns-12.org",
  "ns-1601.awsdns-12.co.uk",
];
/** A second set: only the AWS APIs mention it; no server is delegated to it. */
const ROUTE53_OTHER = [
  "ns-202.awsdns-25.com",
  "ns-702.awsdns-25.net",
  "ns-1202.awsdns-25.org",
  "ns-1702.awsdns-25.co.uk",
];
const HOVER_1 = "ns1.hover.com";
const CLOUDFLARE_OTHER_ACCOUNT = ["carl.ns.cloudflare.com", "dana.ns.cloudflare.com"];
/** A small DNS provider whose own domain lapsed (the policy defines it as `tiny-dns`). */
const TINY_DNS = ["ns1.tiny-dns.net", "ns2.tiny-dns.net"];
const TINY_DNS_DOMAIN = "tiny-dns.net";

const CLOUDFLARE_REGISTRAR = { ianaId: 1910, name: "Cloudflare, Inc." };
const NAMECHEAP = { ianaId: 1068, name: "NameCheap, Inc." };

interface FleetDomain {
  readonly name: string;
  readonly dns: Omit<SimulatedDomain, "name">;
  /** The registry's record; undefined: RDAP answers 404. */
  readonly rdap: LabRdapDomain | undefined;
  /** Registered in the Route 53 Domains account. */
  readonly registration?: Omit<RegisteredDomainSpec, "name">;
  /** Public hosted zones of that name in the account. */
  readonly zones?: readonly Omit<HostedZoneSpec, "name">[];
}

function registryRecord(
  registrar: NonNullable<LabRdapDomain["registrar"]>,
  nameservers: readonly string[],
  expiresAt: Date,
  statuses: readonly string[] = LOCKED,
): LabRdapDomain {
  return {
    registrar,
    statuses,
    nameservers,
    events: { registration: "2015-03-01T00:00:00Z", expiration: expiresAt.toISOString() },
  };
}

function fleet(now: Date): FleetDomain[] {
  const inAYear = new Date(now.getTime() + 365 * DAY_MS);
  const inTenDays = new Date(now.getTime() + 10 * DAY_MS);
  const route53Registered = (
    nameservers: readonly string[],
    extra: Omit<RegisteredDomainSpec, "name" | "nameservers"> = {},
  ) => ({ nameservers, autoRenew: true, transferLock: true, expiry: inAYear, ...extra });
  const traditional = (name: string): FleetDomain => ({
    name,
    dns: { delegation: ROUTE53 },
    rdap: registryRecord(AMAZON, ROUTE53, inAYear),
    registration: route53Registered(ROUTE53),
    zones: [{ nameServers: ROUTE53 }],
  });
  const atHover = (name: string, dns: FleetDomain["dns"] = { delegation: HOVER }): FleetDomain => ({
    name,
    dns,
    rdap: registryRecord(TUCOWS, dns.delegation ?? [], inAYear),
  });

  return [
    // Compliant, one of each architecture.
    traditional("trad-ok.com"),
    {
      name: "regonly-ok.com",
      dns: { delegation: HOVER },
      rdap: registryRecord(AMAZON, HOVER, inAYear),
      registration: route53Registered(HOVER),
    },
    {
      name: "dnsonly-ok.net",
      dns: { delegation: ROUTE53 },
      rdap: registryRecord(TUCOWS, ROUTE53, inAYear),
      zones: [{ nameServers: ROUTE53 }],
    },
    {
      name: "external-ok.org",
      dns: { delegation: CLOUDFLARE },
      rdap: registryRecord(CLOUDFLARE_REGISTRAR, CLOUDFLARE, inAYear),
    },

    // Route 53 Domains lists a new set (an update that never reached the registry).
    { ...traditional("stuck-update.com"), registration: route53Registered(ROUTE53_OTHER) },
    {
      ...traditional("expiring.com"),
      rdap: registryRecord(AMAZON, ROUTE53, inTenDays),
      registration: route53Registered(ROUTE53, { expiry: inTenDays }),
    },
    {
      ...traditional("no-autorenew.com"),
      registration: route53Registered(ROUTE53, { autoRenew: false }),
    },
    {
      ...traditional("unlocked.com"),
      rdap: registryRecord(AMAZON, ROUTE53, inAYear, []),
      registration: route53Registered(ROUTE53, { transferLock: false }),
    },
    // The zone was re-created and the delegation updated, but the policy still pins the old
    // (deleted) zone's id.
    traditional("repinned.com"),
    // A second public zone of the same name, with its own servers, that nothing delegates to.
    {
      ...traditional("twin-zones.com"),
      zones: [{ nameServers: ROUTE53 }, { nameServers: ROUTE53_OTHER }],
    },
    // The hosted zone was deleted; the registrar still delegates to its servers, which refuse it.
    { ...traditional("deleted-zone.com"), dns: { delegation: ROUTE53, servedBy: [] }, zones: [] },
    // Someone removed one NS record from the zone's apex.
    { ...traditional("apex-edit.com"), dns: { delegation: ROUTE53, apexNs: ROUTE53.slice(0, 3) } },
    // Compliant, but its waiver expired long ago.
    traditional("old-waiver.com"),

    // Third-party registrars and hosts. Transferred to another registrar:
    { ...atHover("moved-registrar.net"), rdap: registryRecord(NAMECHEAP, HOVER, inAYear) },
    // Lapsed: the registry has no record, the TLD answers NXDOMAIN.
    { name: "lapsed-brand.net", dns: { delegation: undefined }, rdap: undefined },
    // DNS moved to Cloudflare by hand.
    {
      ...atHover("moved-dns.net", { delegation: CLOUDFLARE }),
      rdap: registryRecord(TUCOWS, CLOUDFLARE, inAYear),
    },
    // Still Cloudflare, but the pair of servers of another Cloudflare account.
    {
      name: "other-account.org",
      dns: { delegation: CLOUDFLARE_OTHER_ACCOUNT },
      rdap: registryRecord(CLOUDFLARE_REGISTRAR, CLOUDFLARE_OTHER_ACCOUNT, inAYear),
    },
    atHover("orphaned-ns.net", { delegation: TINY_DNS }),
    // ns2.hover.com does not serve the zone (REFUSED).
    atHover("half-lame.net", { delegation: HOVER, servedBy: [HOVER_1] }),
    atHover("single-ns.org", { delegation: [HOVER_1] }),
    // dns-host-only without a transfer lock, waived until 2099.
    {
      name: "waived-lock.net",
      dns: { delegation: ROUTE53 },
      rdap: registryRecord(TUCOWS, ROUTE53, inAYear, []),
      zones: [{ nameServers: ROUTE53 }],
    },
  ];
}

/** In the account, in no policy (`--inventory`). */
const UNMANAGED_DOMAIN = "forgotten.com";
const UNMANAGED_ZONE = "old-campaign.com";

/** The scenario for the whole fleet, or for the named domains only. */
export function fleetScenario(now: Date, only?: readonly string[]): Scenario {
  const domains = fleet(now).filter((d) => only === undefined || only.includes(d.name));
  const inAYear = new Date(now.getTime() + 365 * DAY_MS);
  const hostedZones: HostedZoneSpec[] = domains.flatMap((d) =>
    (d.zones ?? []).map((zone) => ({ ...zone, name: d.name })),
  );
  const registered: RegisteredDomainSpec[] = domains.flatMap((d) =>
    d.registration ? [{ ...d.registration, name: d.name }] : [],
  );
  if (only === undefined) {
    hostedZones.push({ name: UNMANAGED_ZONE, nameServers: ROUTE53_OTHER });
    registered.push({ name: UNMANAGED_DOMAIN, nameservers: ROUTE53_OTHER, expiry: inAYear });
  }
  return {
    internet: {
      domains: domains.map((d) => ({ name: d.name, ...d.dns })),
      lapsedNameserverDomains: [TINY_DNS_DOMAIN],
    },
    rdap: Object.fromEntries(domains.flatMap((d) => (d.rdap ? [[d.name, d.rdap]] : []))),
    accounts: [{ profile: "default", hostedZones, domains: registered }],
  };
}
