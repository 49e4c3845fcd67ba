// The simulated internet the Action tests run against, and the policies describing it.
//
//   untouched.com  Route 53 registrar and DNS, healthy
//   modified.com   Route 53 registrar and DNS, healthy (the pull request wrongly moves it to Cloudflare)
//   acme.org       Hover registrar, DNS at "acme-dns", a provider the policies define
//   added.net      Hover registrar and DNS (the pull request adds it)
//   dangling.com   delegated to Route 53 servers that no longer host it: critical drift
import { join } from "node:path";
import type { RunningScenario } from "../../../../src/lab/scenario.js";
import { AMAZON, HOVER, LOCKED, route53Set, TUCOWS } from "../../../support/lab-names.js";
import { type LabWorld, startLabWorld } from "../../../support/lab-world.js";

export const R53_UNTOUCHED = route53Set(0);
export const R53_MODIFIED = route53Set(1);
const R53_DANGLING = route53Set(2);
const ACME = ["ns1.acme-dns.net", "ns2.acme-dns.net"];

export const ALL_DOMAINS = [
  "acme.org",
  "added.net",
  "dangling.com",
  "modified.com",
  "untouched.com",
];

/** The world in a new temporary directory named after `prefix`. */
export function startWorld(prefix: string): Promise<LabWorld> {
  return startLabWorld(
    {
      internet: {
        domains: [
          { name: "untouched.com", delegation: R53_UNTOUCHED },
          { name: "modified.com", delegation: R53_MODIFIED },
          { name: "acme.org", delegation: ACME },
          { name: "added.net", delegation: HOVER },
          { name: "dangling.com", delegation: R53_DANGLING, servedBy: [] },
        ],
      },
      rdap: {
        "untouched.com": { registrar: AMAZON, statuses: LOCKED, nameservers: R53_UNTOUCHED },
        "modified.com": { registrar: AMAZON, statuses: LOCKED, nameservers: R53_MODIFIED },
        "acme.org": { registrar: TUCOWS, statuses: LOCKED, nameservers: ACME },
        "added.net": { registrar: TUCOWS, statuses: LOCKED, nameservers: HOVER },
        "dangling.com": { registrar: AMAZON, statuses: LOCKED, nameservers: R53_DANGLING },
      },
      accounts: [
        {
          profile: "default",
          hostedZones: [
            { name: "untouched.com", nameServers: R53_UNTOUCHED },
            { name: "modified.com", nameServers: R53_MODIFIED },
          ],
          domains: [
            { name: "untouched.com", nameservers: R53_UNTOUCHED },
            { name: "modified.com", nameservers: R53_MODIFIED },
            { name: "dangling.com", nameservers: R53_DANGLING },
          ],
        },
      ],
    },
    prefix,
  );
}

/** The inputs that point the Action at the world (plus a private cache). */
export function worldInputs(world: RunningScenario, dir: string): Record<string, string> {
  return {
    "root-hints": world.rootHintsFile,
    "rdap-bootstrap": world.rdapBootstrapFile,
    "dns-port": String(world.dns.port),
    "cache-dir": join(dir, "cache"),
    timeout: "1000",
  };
}

export const ACME_PROVIDER = `providers:
  acme-dns:
    name: Acme DNS
    dnsHost:
      nameservers: ["ns1.acme-dns.net", "ns2.acme-dns.net"]
`;

/** Policies matching the world, except dangling.com's drift. */
export const BASE_POLICY = `version: 1
${ACME_PROVIDER}defaults:
  registrar: route53
  dnsHost: route53
domains:
  untouched.com: {}
  modified.com: {}
  acme.org:
    registrar: hover
    dnsHost: acme-dns
  dangling.com: {}
`;

/** RDAP requests the world's registry received for `domain`. */
export function rdapRequests(world: RunningScenario, domain: string): number {
  return world.rdap.counters().byPath.get(`/domain/${domain}`) ?? 0;
}
