// Builders for observation values in rule tests: realistic defaults (a healthy Route 53 domain),
// overridden per test. These build data, not behaviour: the rules under test are the real ones.

import { runCheck } from "../../src/check/check.js";
import { registrableDomainOf } from "../../src/names/registrable-domain.js";
import type {
  DelegationObservation,
  NameServerObservation,
  ServerAnswer,
} from "../../src/observe/dns/types.js";
import type { DomainObservations } from "../../src/observe/observations.js";
import type { Observers } from "../../src/observe/observers.js";
import { cloudflareDescriptor } from "../../src/observe/providers/cloudflare/descriptor.js";
import { route53Descriptor } from "../../src/observe/providers/route53/descriptor.js";
import type { HostedZone } from "../../src/observe/providers/route53/types.js";
import type { DnsHostApi, RegistrarApi } from "../../src/observe/providers/types.js";
import type { RdapObservation } from "../../src/observe/rdap/types.js";
import type {
  RecordParityObservation,
  RRsetParity,
} from "../../src/observe/record-parity/types.js";
import { OPTIONAL_DNSSEC } from "../../src/policy/dnssec-setting.js";
import type { DomainIntent, PolicySet } from "../../src/policy/types.js";
import type { Report } from "../../src/report/model/model.js";

export const R53_SET = [
  "ns-1024.awsdns-00.org",
  "ns-1536.awsdns-00.co.uk",
  "ns-512.awsdns-00.net",
  "ns-0.awsdns-00.com",
];
export const R53_NEW_SET = [
  "ns-1100.awsdns-10.org",
  "ns-1700.awsdns-20.co.uk",
  "ns-600.awsdns-30.net",
  "ns-77.awsdns-40.com",
];

/** A policy domain; its registrable domain follows `name` unless the overrides give one. */
export function intent(overrides: Partial<DomainIntent> = {}): DomainIntent {
  const name = overrides.name ?? "example.com";
  return {
    name,
    unicode: "example.com",
    registrableDomain: registrableDomainOf(name),
    position: { file: "policies/example.yaml", line: 7, column: 3 },
    registrar: "route53",
    dnsHost: "route53",
    architecture: "traditional",
    nameservers: undefined,
    hostedZoneId: undefined,
    accounts: {},
    hygiene: { expiryMinDays: undefined, transferLock: "ignore", autoRenew: "ignore" },
    dnssec: OPTIONAL_DNSSEC,
    ...overrides,
  };
}

/**
 * A documentation address (RFC 5737) for a name server's `index`th address, from its name alone:
 * the same however many servers were built before, so golden reports do not depend on the order
 * tests run in.
 */
function addressOf(name: string, index: number): string {
  let hash = index;
  for (const char of name) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) % 250;
  return `198.51.100.${hash + 1}`;
}

/** A name server whose every address answers the same way. */
export function nameserver(
  name: string,
  answer: ServerAnswer = { kind: "authoritative", ns: R53_SET },
  addressCount = 1,
): NameServerObservation {
  const addresses = Array.from({ length: addressCount }, (_, index) => addressOf(name, index));
  return {
    name,
    addresses: { kind: "ok", source: "resolved", addresses },
    probes: addresses.map((address) => ({ address, answer, rttMs: 12, transport: "udp" })),
  };
}

export function delegated(
  ns: readonly string[] = R53_SET,
  nameservers: readonly NameServerObservation[] = ns.map((n) =>
    nameserver(n, { kind: "authoritative", ns }),
  ),
  domain = "example.com",
): DelegationObservation {
  const respondent = { name: "a.gtld-servers.net", address: "192.5.6.30" };
  return {
    kind: "delegated",
    domain,
    parent: {
      zone: "com",
      servers: [respondent],
      respondent,
      ns: [...ns].sort(),
      glue: [],
      ds: [],
      answers: [{ server: respondent, answer: { kind: "delegation", ns: [...ns].sort(), ds: [] } }],
      inconsistent: false,
    },
    nameservers,
    ipv6: "on",
    dnssec: "not-asked",
    path: [],
    stats: { queries: 5, durationMs: 40 },
  };
}

/** The parent's answer that the domain is not delegated: NXDOMAIN, or a name inside its zone. */
export function undelegated(
  reason: "nxdomain" | "no-delegation" = "nxdomain",
  domain = "example.com",
): DelegationObservation {
  return {
    kind: "not-delegated",
    domain,
    parentZone: "com",
    respondent: { name: "a.gtld-servers.net", address: "192.5.6.30" },
    reason,
    path: [],
    stats: { queries: 1, durationMs: 1 },
  };
}

/** A walk that reached no answering parent server: nothing is known of the delegation. */
export function failedWalk(
  reason = "all com servers timed out",
  domain = "example.com",
): DelegationObservation {
  return {
    kind: "failed",
    domain,
    zone: "com",
    reason,
    path: [],
    stats: { queries: 3, durationMs: 1 },
  };
}

export function rdapRegistered(
  overrides: Partial<Extract<RdapObservation, { kind: "registered" }>> = {},
): RdapObservation {
  return {
    kind: "registered",
    domain: "example.com",
    protocol: "rdap",
    url: "https://rdap.verisign.com/com/v1/domain/example.com",
    registrar: { ianaId: 468, name: "Amazon Registrar, Inc." },
    statuses: ["client transfer prohibited"],
    events: {
      registration: "2015-01-01T00:00:00Z",
      expiration: "2027-06-01T00:00:00Z",
      lastChanged: undefined,
    },
    nameservers: [...R53_SET].sort(),
    delegationSigned: false,
    dsData: [],
    keyData: [],
    truncated: [],
    ...overrides,
  };
}

export function zone(
  id: string,
  delegationSet: readonly string[] = R53_SET,
  name = "example.com",
): HostedZone {
  return { id, name, recordCount: 4, delegationSet: [...delegationSet].sort(), status: "active" };
}

const { registrar: route53Registrar, dnsHost: route53DnsHost } = route53Descriptor;

export function observations(overrides: Partial<DomainObservations> = {}): DomainObservations {
  return {
    delegation: delegated(),
    rdap: rdapRegistered(),
    registry: undefined,
    registrarApi: { provider: "route53", ...route53Registrar },
    registration: {
      kind: "registered",
      account: "default",
      detail: {
        name: "example.com",
        autoRenew: true,
        transferLock: true,
        expiry: "2027-06-01T00:00:00Z",
        nameservers: [...R53_SET].sort(),
        registrarName: "Amazon Registrar, Inc.",
        statusList: ["clientTransferProhibited"],
        dnssecKeys: [],
      },
    },
    dnsHostApi: { provider: "route53", ...route53DnsHost },
    hostedZones: { kind: "found", account: "default", zones: [zone("Z111111111111")] },
    apexNameservers: { kind: "skipped", reason: "the live DNS shows the zone's NS set" },
    hostedZoneDnssec: { kind: "skipped", reason: "the parent publishes no DS record" },
    ...overrides,
  };
}

/**
 * A domain registered and hosted at Cloudflare (account `cf-main`), and Cloudflare's APIs as the
 * ones consulted for it: spread `apis` into observations().
 */
export function atCloudflare(): {
  intent: DomainIntent;
  apis: Pick<DomainObservations, "registrarApi" | "dnsHostApi">;
} {
  return {
    intent: intent({
      registrar: "cloudflare",
      dnsHost: "cloudflare",
      architecture: "external",
      accounts: { cloudflare: "cf-main" },
    }),
    apis: {
      registrarApi: { provider: "cloudflare", ...cloudflareDescriptor.registrar },
      dnsHostApi: { provider: "cloudflare", ...cloudflareDescriptor.dnsHost },
    },
  };
}

/**
 * Record parity that compared the old host's ns1.hover.com with the target's first Route 53
 * server, over `counts` names and RRsets, and found `differences`.
 */
export function parityCompared(
  counts: { readonly namesCompared: number; readonly rrsetsCompared: number },
  ...differences: RRsetParity[]
): Extract<RecordParityObservation, { kind: "compared" }> {
  return {
    kind: "compared",
    oldServers: [{ name: "ns1.hover.com", address: "198.51.100.1" }],
    targetServers: [{ name: R53_SET[0] as string, address: "198.51.100.2" }],
    ...counts,
    differences,
  };
}

export const NOW = new Date("2026-11-26T12:00:00Z");

/** The pipeline over `policySet` with `observers`, as a check with default options runs it. */
export function checkWith(policySet: PolicySet, observers: Observers): Promise<Report> {
  return runCheck({
    policySet,
    observers,
    failOn: "high",
    inventory: false,
    selection: { only: undefined, shard: undefined },
    domainsObservedAtOnce: 8,
    now: NOW,
    stats: () => ({ dnsQueries: 0, rdapRequests: 0, awsCalls: {} }),
  });
}

/**
 * The providers of a pipeline test: Route 53's two roles answering as `answers` say (the account
 * listings of `--inventory` are not expected).
 */
export function route53Answering(answers: {
  registration: RegistrarApi["registration"];
  zones: DnsHostApi["zones"];
  apexNameservers: NonNullable<DnsHostApi["apexNameservers"]>;
  /** Defaults to a failure: no domain of the test is signed or asks about DNSSEC. */
  zoneDnssec?: NonNullable<DnsHostApi["zoneDnssec"]>;
  /** Defaults to a failure: no domain of the test migrates its DNS host. */
  zoneRecords?: NonNullable<DnsHostApi["zoneRecords"]>;
}): Observers["providers"] {
  const notExpected = async (): Promise<never> => {
    throw new Error("not expected without --inventory");
  };
  const unsigned = async (): Promise<never> => {
    throw new Error("not expected: no domain is signed or asks about DNSSEC");
  };
  const notMigrating = async (): Promise<never> => {
    throw new Error("not expected: no domain migrates its DNS host");
  };
  return new Map([
    [
      "route53",
      {
        kind: "enabled",
        source: {
          id: "route53",
          registrar: {
            registration: answers.registration,
            listDomains: notExpected,
            operations: undefined,
          },
          dnsHost: {
            zones: answers.zones,
            listZones: notExpected,
            apexNameservers: answers.apexNameservers,
            zoneDnssec: answers.zoneDnssec ?? unsigned,
            zoneRecords: answers.zoneRecords ?? notMigrating,
          },
        },
      },
    ],
  ]);
}
