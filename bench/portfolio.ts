// The benchmark's portfolio: N domains on the simulated internet, with name servers shared the
// way real providers share them, a realistic mix of setups and a few percent of drift. Built
// from a seeded generator, so the same N gives the same world, policies and expectations.

import type { HostedZoneSpec, RegisteredDomainSpec } from "../src/lab/aws-world.js";
import type { SimulatedDomain } from "../src/lab/internet.js";
import type { LabRdapDomain } from "../src/lab/rdap-server.js";
import type { Scenario } from "../src/lab/scenario.js";

/**
 * Route 53 servers per name-server TLD. Route 53 gives each zone one server under each of .com,
 * .net, .org and .co.uk from a pool of ~2048 names; 32 per TLD (128 in all) keeps the world in
 * one loopback /24 while every server is still shared by hundreds of zones.
 */
const ROUTE53_SERVERS_PER_TLD = 32;

/** The kinds of domain in the portfolio, with their share in percent. */
export const MIX = [
  // Route 53 hosts the zone; MarkMonitor, CSC or GoDaddy registers it.
  { kind: "dns-host-only", percent: 60 },
  { kind: "traditional", percent: 15 },
  // Route 53 registers it; Cloudflare hosts it.
  { kind: "registrar-only", percent: 5 },
  // Cloudflare, Hover, GoDaddy or Namecheap both registers and hosts it.
  { kind: "external", percent: 15 },
  // Drift: the zone was re-created; the delegation still names the old servers.
  { kind: "recreated-zone", percent: 1 },
  // Drift: transferred to another registrar; DNS still on Route 53.
  { kind: "transferred", percent: 1 },
  // Drift: two Route 53 and two Cloudflare servers in the delegation.
  { kind: "half-migrated", percent: 1 },
  // Drift: one of the four Route 53 servers does not serve the zone.
  { kind: "lame", percent: 1 },
  // Drift: lapsed: absent from its TLD zone and from RDAP.
  { kind: "not-delegated", percent: 1 },
] as const;

export type DomainKind = (typeof MIX)[number]["kind"];

const NS_TLDS = [
  { tld: "com", base: 0 },
  { tld: "net", base: 512 },
  { tld: "org", base: 1024 },
  { tld: "co.uk", base: 1536 },
] as const;

/** Customer TLDs, weighted: 12 of 20 .com, 4 .net, 3 .org, 1 .co.uk. */
const CUSTOMER_TLDS = [
  ...Array(12).fill("com"),
  ...Array(4).fill("net"),
  ...Array(3).fill("org"),
  "co.uk",
];

const THIRD_PARTY = {
  cloudflare: [
    "ada.ns.cloudflare.com",
    "bob.ns.cloudflare.com",
    "cruz.ns.cloudflare.com",
    "dana.ns.cloudflare.com",
  ],
  hover: ["ns1.hover.com", "ns2.hover.com"],
  godaddy: ["ns51.domaincontrol.com", "ns52.domaincontrol.com"],
  namecheap: ["dns1.registrar-servers.com", "dns2.registrar-servers.com"],
} as const;

const REGISTRARS = {
  route53: { ianaId: 468, name: "Amazon Registrar, Inc." },
  markmonitor: { ianaId: 292, name: "MarkMonitor Inc." },
  csc: { ianaId: 299, name: "CSC Corporate Domains, Inc." },
  godaddy: { ianaId: 146, name: "GoDaddy.com, LLC" },
  cloudflare: { ianaId: 1910, name: "Cloudflare, Inc." },
  hover: { ianaId: 69, name: "Tucows Domains Inc." },
  namecheap: { ianaId: 1068, name: "NameCheap, Inc." },
} as const;

type RegistrarId = keyof typeof REGISTRARS;
type HostId = "route53" | keyof typeof THIRD_PARTY;

/** One domain as the policy states it and as the world is. */
export interface PortfolioDomain {
  readonly name: string;
  readonly kind: DomainKind;
  readonly intent: { readonly registrar: RegistrarId; readonly dnsHost: HostId };
  readonly expected: "compliant" | "drift";
  /** Name-server addresses a walk must query: one per delegated host (IPv4 only). */
  readonly addresses: number;
  /** Route 53 hosted zones the check looks at for this domain. */
  readonly hostedZones: number;
  /** Whether the domain is in the account's Route 53 Domains registrations. */
  readonly route53Registered: boolean;
}

export interface Portfolio {
  readonly scenario: Scenario;
  readonly domains: readonly PortfolioDomain[];
  /** Policy files: name → YAML text. */
  readonly policies: ReadonlyMap<string, string>;
  readonly route53Servers: number;
}

/** xorshift32: repeatable numbers in [0, 1), spread well enough to share out the server pool. */
function seeded(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 4294967296;
  };
}

/** The Route 53 pool: per TLD, distinct server numbers in its range, spread over shards. */
function route53Pool(): string[][] {
  return NS_TLDS.map(({ tld, base }, t) =>
    Array.from({ length: ROUTE53_SERVERS_PER_TLD }, (_, k) => {
      const shard = String((k * 11 + t * 5) % 64).padStart(2, "0");
      return `ns-${base + ((k * 37) % 512)}.awsdns-${shard}.${tld}`;
    }),
  );
}

/** Spreads kinds over the indices so every slice of the portfolio has the same mix. */
function kindOf(index: number): DomainKind {
  let slot = (index * 37) % 100;
  for (const { kind, percent } of MIX) {
    if (slot < percent) return kind;
    slot -= percent;
  }
  throw new Error("the mix does not add up to 100%");
}

export function buildPortfolio(count: number, now: Date): Portfolio {
  const random = seeded(count);
  const pool = route53Pool();
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const route53Set = () => pool.map((servers) => pick(servers));
  const thirdPartyPair = (servers: readonly string[]) => {
    const first = Math.floor(random() * servers.length);
    return [servers[first], servers[(first + 1) % servers.length]] as string[];
  };
  const rdapEvents = {
    registration: new Date(now.getTime() - 5 * 365 * 86_400_000).toISOString(),
    expiration: new Date(now.getTime() + 200 * 86_400_000).toISOString(),
  };
  const registry = (registrar: RegistrarId, nameservers: readonly string[]): LabRdapDomain => ({
    registrar: REGISTRARS[registrar],
    statuses: ["client transfer prohibited"],
    events: rdapEvents,
    nameservers,
  });

  const simulated: SimulatedDomain[] = [];
  const rdap: Record<string, LabRdapDomain> = {};
  const hostedZones: HostedZoneSpec[] = [];
  const registered: RegisteredDomainSpec[] = [];
  const domains: PortfolioDomain[] = [];

  for (let i = 0; i < count; i++) {
    const name = `brand-${String(i).padStart(6, "0")}.${CUSTOMER_TLDS[i % CUSTOMER_TLDS.length]}`;
    const kind = kindOf(i);
    const add = (
      intent: PortfolioDomain["intent"],
      world: SimulatedDomain,
      registrar: RegistrarId,
      facts: { zones?: readonly (readonly string[])[]; inAccount?: boolean; drift?: boolean },
    ) => {
      simulated.push(world);
      rdap[name] = registry(registrar, world.delegation ?? []);
      for (const nameServers of facts.zones ?? []) hostedZones.push({ name, nameServers });
      if (facts.inAccount) registered.push({ name, nameservers: world.delegation ?? [] });
      domains.push({
        name,
        kind,
        intent,
        expected: facts.drift ? "drift" : "compliant",
        addresses: world.delegation?.length ?? 0,
        hostedZones: facts.zones?.length ?? 0,
        route53Registered: facts.inAccount ?? false,
      });
    };
    switch (kind) {
      case "dns-host-only": {
        const set = route53Set();
        const registrar = pick(["markmonitor", "csc", "godaddy"] as const);
        add({ registrar, dnsHost: "route53" }, { name, delegation: set }, registrar, {
          zones: [set],
        });
        break;
      }
      case "traditional": {
        const set = route53Set();
        add({ registrar: "route53", dnsHost: "route53" }, { name, delegation: set }, "route53", {
          zones: [set],
          inAccount: true,
        });
        break;
      }
      case "registrar-only": {
        const set = thirdPartyPair(THIRD_PARTY.cloudflare);
        add({ registrar: "route53", dnsHost: "cloudflare" }, { name, delegation: set }, "route53", {
          inAccount: true,
        });
        break;
      }
      case "external": {
        const host = pick(["cloudflare", "hover", "godaddy", "namecheap"] as const);
        const set = thirdPartyPair(THIRD_PARTY[host]);
        add({ registrar: host, dnsHost: host }, { name, delegation: set }, host, {});
        break;
      }
      case "recreated-zone": {
        const old = route53Set();
        const current = route53Set();
        add(
          { registrar: "route53", dnsHost: "route53" },
          { name, delegation: old, servedBy: current },
          "route53",
          { zones: [current], inAccount: true, drift: true },
        );
        break;
      }
      case "transferred": {
        const set = route53Set();
        add({ registrar: "route53", dnsHost: "route53" }, { name, delegation: set }, "godaddy", {
          zones: [set],
          drift: true,
        });
        break;
      }
      case "half-migrated": {
        const old = route53Set();
        const cloudflare = thirdPartyPair(THIRD_PARTY.cloudflare);
        const split = [old[0] as string, old[1] as string, ...cloudflare];
        add(
          { registrar: "route53", dnsHost: "cloudflare" },
          { name, delegation: split, servedBy: split, apexNs: cloudflare },
          "route53",
          { zones: [old], inAccount: true, drift: true },
        );
        break;
      }
      case "lame": {
        const set = route53Set();
        add(
          { registrar: "markmonitor", dnsHost: "route53" },
          { name, delegation: set, servedBy: set.slice(1) },
          "markmonitor",
          { zones: [set], drift: true },
        );
        break;
      }
      case "not-delegated": {
        add(
          { registrar: "markmonitor", dnsHost: "route53" },
          { name, delegation: undefined },
          "markmonitor",
          {
            drift: true,
          },
        );
        delete rdap[name]; // lapsed: the registry no longer knows it
        break;
      }
    }
  }

  return {
    scenario: {
      internet: { domains: simulated },
      rdap,
      accounts: [{ profile: "default", hostedZones, domains: registered }],
    },
    domains,
    policies: policyFiles(domains),
    route53Servers: pool.flat().length,
  };
}

/** Policy files of at most 1,000 domains each, as a large portfolio is usually split. */
const DOMAINS_PER_FILE = 1_000;

function policyFiles(domains: readonly PortfolioDomain[]): Map<string, string> {
  const files = new Map<string, string>();
  for (let start = 0; start < domains.length; start += DOMAINS_PER_FILE) {
    const lines = [
      "# Generated by bench/portfolio.ts: one slice of the benchmark portfolio.",
      "version: 1",
      "defaults: { registrar: route53, dnsHost: route53 }",
      "domains:",
    ];
    for (const domain of domains.slice(start, start + DOMAINS_PER_FILE)) {
      const { registrar, dnsHost } = domain.intent;
      const overrides = [
        ...(registrar === "route53" ? [] : [`registrar: ${registrar}`]),
        ...(dnsHost === "route53" ? [] : [`dnsHost: ${dnsHost}`]),
      ];
      lines.push(
        `  ${domain.name}: {${overrides.length === 0 ? "" : ` ${overrides.join(", ")} `}}`,
      );
    }
    files.set(
      `portfolio-${String(start / DOMAINS_PER_FILE).padStart(3, "0")}.yaml`,
      `${lines.join("\n")}\n`,
    );
  }
  return files;
}
