// The world `domain-drift demo` checks: a small company's portfolio (Northwind) on the simulated
// internet, with Route 53's three setups, one fully third-party domain and three of the
// drifts teams really meet. `examples/demo/northwind.yaml` states the intent; this states the
// truth the registry, the name servers and the AWS account tell. Each entry says why it is here.

import type { LabRdapDomain } from "../../lab/rdap-server.js";
import type { Scenario } from "../../lab/scenario.js";

/** A Route 53 delegation set: one server under each of .com, .net, .org and .co.uk. */
type DelegationSet = readonly [string, string, string, string];

const route53 = (com: string, net: string, org: string, couk: string): DelegationSet => [
  `ns-${com}.com`,
  `ns-${net}.net`,
  `ns-${org}.org`,
  `ns-${couk}.co.uk`,
];

const SETS = {
  northwind: route53("201.awsdns-25", "712.awsdns-24", "1052.awsdns-03", "1958.awsdns-52"),
  legacy: route53("312.awsdns-39", "898.awsdns-48", "1390.awsdns-45", "1622.awsdns-10"),
  /** The hosted zone api was first created in; deleted since. */
  apiDeleted: route53("77.awsdns-09", "601.awsdns-11", "1161.awsdns-17", "1740.awsdns-37"),
  /** The zone re-created for api: Route 53 gave it four new servers. */
  apiRecreated: route53("486.awsdns-60", "1006.awsdns-62", "1472.awsdns-58", "2011.awsdns-59"),
  mail: route53("140.awsdns-17", "538.awsdns-03", "1290.awsdns-33", "1833.awsdns-37"),
  shopOld: route53("95.awsdns-11", "845.awsdns-41", "1203.awsdns-20", "1710.awsdns-29"),
} as const;

const HOVER = ["ns1.hover.com", "ns2.hover.com"];
const CLOUDFLARE = ["kara.ns.cloudflare.com", "rick.ns.cloudflare.com"];
/** Half of the shop's migration to Cloudflare: two old Route 53 servers, two new ones. */
const SHOP_SPLIT = [SETS.shopOld[0], SETS.shopOld[1], ...CLOUDFLARE];

const AMAZON = { ianaId: 468, name: "Amazon Registrar, Inc." };
const LOCKED = ["client transfer prohibited"];

const DAY_MS = 86_400_000;
const isoDate = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

/** The demo domains, in the order the policy lists them. */
export const DEMO_DOMAINS = [
  "northwind.com",
  "northwind-blog.net",
  "northwind-legacy.org",
  "northwind-status.io",
  "northwind-api.com",
  "northwind-mail.com",
  "northwind-shop.net",
] as const;

/** What `check` must conclude for each demo domain (the demo's own test holds it to this). */
export const EXPECTED_STATUS: Readonly<
  Record<(typeof DEMO_DOMAINS)[number], "compliant" | "drift">
> = {
  "northwind.com": "compliant",
  "northwind-blog.net": "compliant",
  "northwind-legacy.org": "compliant",
  "northwind-status.io": "compliant",
  "northwind-api.com": "drift",
  "northwind-mail.com": "drift",
  "northwind-shop.net": "drift",
};

/** The scenario as of `now` (registration and expiry dates are relative to it). */
export function demoScenario(now: Date): Scenario {
  const events = {
    registration: isoDate(now.getTime() - 6 * 365 * DAY_MS),
    expiration: isoDate(now.getTime() + 240 * DAY_MS),
  };
  const registry = (
    registrar: NonNullable<LabRdapDomain["registrar"]>,
    nameservers: readonly string[],
  ): LabRdapDomain => ({ registrar, statuses: LOCKED, events, nameservers });

  return {
    internet: {
      domains: [
        // traditional: Route 53 registers it and hosts its zone.
        { name: "northwind.com", delegation: SETS.northwind },
        // registrar-only: Route 53 registers it, Hover serves its DNS.
        { name: "northwind-blog.net", delegation: HOVER },
        // dns-host-only: registered at GoDaddy, DNS on Route 53.
        { name: "northwind-legacy.org", delegation: SETS.legacy },
        // external: Cloudflare registers it and serves its DNS.
        { name: "northwind-status.io", delegation: CLOUDFLARE },
        // Drift: the hosted zone was deleted and re-created. The new zone lives on four new
        // servers, but the registrar still delegates to the old four, which answer REFUSED.
        { name: "northwind-api.com", delegation: SETS.apiDeleted, servedBy: SETS.apiRecreated },
        // Drift: transferred out to another registrar; the DNS stayed on Route 53.
        { name: "northwind-mail.com", delegation: SETS.mail },
        // Drift: a migration to Cloudflare stopped half-way: the registry lists two servers of
        // each host, and the zone's own NS records already name only Cloudflare's.
        { name: "northwind-shop.net", delegation: SHOP_SPLIT, apexNs: CLOUDFLARE },
      ],
    },
    rdap: {
      "northwind.com": registry(AMAZON, SETS.northwind),
      "northwind-blog.net": registry(AMAZON, HOVER),
      "northwind-legacy.org": registry({ ianaId: 146, name: "GoDaddy.com, LLC" }, SETS.legacy),
      "northwind-status.io": registry({ ianaId: 1910, name: "Cloudflare, Inc." }, CLOUDFLARE),
      "northwind-api.com": registry(AMAZON, SETS.apiDeleted),
      "northwind-mail.com": registry({ ianaId: 1068, name: "NameCheap, Inc." }, SETS.mail),
      "northwind-shop.net": registry(AMAZON, SHOP_SPLIT),
    },
    accounts: [
      {
        profile: "default",
        hostedZones: [
          { name: "northwind.com", nameServers: SETS.northwind },
          { name: "northwind-legacy.org", nameServers: SETS.legacy },
          { name: "northwind-api.com", nameServers: SETS.apiRecreated },
          { name: "northwind-mail.com", nameServers: SETS.mail },
          { name: "northwind-shop.net", nameServers: SETS.shopOld },
        ],
        // northwind-mail.com left the account with its transfer.
        domains: [
          { name: "northwind.com", nameservers: SETS.northwind },
          { name: "northwind-blog.net", nameservers: HOVER },
          { name: "northwind-api.com", nameservers: SETS.apiDeleted },
          { name: "northwind-shop.net", nameservers: SHOP_SPLIT },
        ],
      },
    ],
  };
}
