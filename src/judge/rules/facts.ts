// Conclusions several rules need, derived once per domain from the raw observations: which
// registrar and DNS host the evidence shows, which name servers the policy implies, which zone is
// meant. Pure functions; every "could not tell" is a value with its reason.

import { isRoute53Address } from "../../catalog/route53-addresses.js";
import type { DnsHostIdentification, ProviderCatalog } from "../../catalog/types.js";
import type { NameServerObservation } from "../../observe/dns/types.js";
import type { DomainObservations, RegistryDatum } from "../../observe/observations.js";
import type { Zone as HostedZone } from "../../observe/providers/types.js";
import { ROUTE53 } from "../../policy/architecture.js";
import type { DomainIntent } from "../../policy/types.js";
import type { ObservedRegistrar } from "../../report/model/model.js";
import { analyseNameservers, type NameserverHealth } from "./nameserver-health.js";

/** What the evidence says about one fact: known, or unknown with the reason. */
export type Known<T> =
  | { readonly kind: "known"; readonly value: T }
  | { readonly kind: "unknown"; readonly reason: string };

/** The zone at the intended DNS host's API that the policy means for this domain. */
export type IntendedZone =
  | { readonly kind: "zone"; readonly zone: HostedZone; readonly how: "pinned" | "sole" }
  | {
      readonly kind: "pinned-missing";
      readonly pinned: string;
      readonly zones: readonly HostedZone[];
    }
  | { readonly kind: "ambiguous"; readonly zones: readonly HostedZone[] }
  | { readonly kind: "none" }
  /** The intended DNS host's API was not asked (no adapter, or no account of it applies). */
  | { readonly kind: "no-api" }
  | { readonly kind: "unknown"; readonly reason: string };

export interface IntendedNameservers {
  readonly source: "policy" | "hosted-zone";
  readonly nameservers: readonly string[];
}

export interface DomainFacts {
  /** False for a delegated subdomain (`shop.example.net`): registrar facts concern its registrable domain. */
  readonly isRegistrable: boolean;
  /** The delegation's NS set at the parent, when the domain is delegated. */
  readonly parentNs: readonly string[] | undefined;
  readonly registrar: Known<ObservedRegistrar>;
  /** Which DNS host the delegation points at (undefined when not delegated or unknown). */
  readonly dnsHost: DnsHostIdentification | undefined;
  readonly intendedZone: IntendedZone;
  /** The exact set the delegation must equal, when the policy implies one. */
  readonly intendedNameservers: Known<IntendedNameservers | undefined>;
  /** Distinct NS sets the delegated servers answered authoritatively (the child side). */
  readonly childNsSets: ReadonlyArray<readonly string[]>;
  /** The delegated servers sorted into dangling and lame problems, when the domain is delegated. */
  readonly health: NameserverHealth | undefined;
}

export function sameSet(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((x) => set.has(x));
}

export function describeSet(names: readonly string[]): string {
  return names.length === 0 ? "(none)" : names.join(", ");
}

/**
 * Why a registry datum does not apply to this domain: the capability table says the registry never
 * publishes it, and the intended registrar's API cannot stand in (it was not asked, or the domain
 * is not in the account). Undefined when the datum should have been observable.
 */
export function unpublishedReason(
  intent: DomainIntent,
  observations: DomainObservations,
  datum: RegistryDatum,
): string | undefined {
  const { registry, registration, registrarApi } = observations;
  const note = registry?.unpublished[datum];
  if (note === undefined) return undefined;
  if (registrarApi.provider === intent.registrar && registration.kind !== "not-in-account") {
    return undefined;
  }
  return `${registry?.name} (.${registry?.tld}): ${note}`;
}

/** How the registry's answer is named in reasons: "the registry's RDAP record", "DENIC's WHOIS record". */
export function registryRecord(observations: DomainObservations): string {
  const { rdap, registry } = observations;
  const protocol = rdap.kind === "registered" && rdap.protocol === "whois" ? "WHOIS" : "RDAP";
  return `${registry ? `${registry.name}'s` : "the registry's"} ${protocol} record`;
}

function observedRegistrar(
  observations: DomainObservations,
  catalog: ProviderCatalog,
): Known<ObservedRegistrar> {
  const { rdap, registration, registry } = observations;
  // A handle no provider declares, and the scope (the TLD) a provider would declare it under.
  let handleOnly: { handle: string; tld: string } | undefined;
  // With more entities than were read, a `registrar` entity may be among the rest: a `sponsor` (or
  // nothing) found in the first ones is no answer.
  const cut =
    rdap.kind === "registered" && rdap.protocol === "rdap" && rdap.truncated.includes("entities");
  if (cut && rdap.registrar.role !== "registrar") {
    return {
      kind: "unknown",
      reason: `${registryRecord(observations)} lists more entities than the 256 read, and no registrar among them`,
    };
  }
  if (rdap.kind === "registered") {
    const { ianaId, name, handle, role } = {
      handle: undefined,
      role: undefined,
      ...rdap.registrar,
    };
    const tld = registry ? registry.tld : rdap.domain.slice(rdap.domain.lastIndexOf(".") + 1);
    const scopes = registry ? [tld, registry.id] : [tld];
    const match = catalog.identifyRegistrar({ ianaId, name, handle, scopes });
    // A handle alone says nothing unless a policy declares it: it is not a registrar's name.
    if (match.kind === "match" || ianaId !== undefined || name !== undefined) {
      return {
        kind: "known",
        value: {
          ids: match.kind === "match" ? match.ids : [],
          name,
          ianaId,
          handle,
          role,
          source: rdap.protocol,
        },
      };
    }
    if (handle !== undefined) handleOnly = { handle, tld };
  }
  // A domain in our Route 53 Domains account is registered through Route 53, whatever else we know.
  if (registration.kind === "registered" && observations.registrarApi.provider === ROUTE53) {
    return {
      kind: "known",
      value: {
        ids: [ROUTE53],
        name: registration.detail.registrarName,
        ianaId: undefined,
        source: "route53Domains",
      },
    };
  }
  const reasons: string[] = [];
  if (handleOnly !== undefined) {
    reasons.push(
      `${registryRecord(observations)} names the registrar only by its handle ${handleOnly.handle}, which no provider declares (add it under \`registrar.handles.${handleOnly.tld}\` of the intended provider)`,
    );
  } else if (rdap.kind === "registered")
    reasons.push(`${registryRecord(observations)} names no registrar`);
  else if (rdap.kind === "unavailable" || rdap.kind === "skipped")
    reasons.push(`registry: ${rdap.reason}`);
  else reasons.push("the registry has no record of the domain");
  if (registration.kind === "unavailable" || registration.kind === "skipped") {
    reasons.push(`${observations.registrarApi.service}: ${registration.reason}`);
  }
  return { kind: "unknown", reason: reasons.join("; ") };
}

/** All addresses the delegated servers resolved to, for white-label detection. */
function delegatedAddresses(nameservers: readonly NameServerObservation[]): string[] {
  return nameservers.flatMap((ns) => (ns.addresses.kind === "ok" ? ns.addresses.addresses : []));
}

function identifyDnsHost(
  observations: DomainObservations,
  catalog: ProviderCatalog,
): DnsHostIdentification | undefined {
  const { delegation } = observations;
  if (delegation.kind !== "delegated") return undefined;
  const byName = catalog.identifyDnsHost(delegation.parent.ns);
  if (byName.kind === "provider") return byName;
  // White-label name servers (ns1.example.com with glue into Route 53's address ranges) are Route 53.
  const addresses = delegatedAddresses(delegation.nameservers);
  if (addresses.length > 0 && addresses.every(isRoute53Address))
    return { kind: "provider", id: ROUTE53 };
  return byName;
}

function intendedZone(intent: DomainIntent, observations: DomainObservations): IntendedZone {
  const { hostedZones: zones, dnsHostApi } = observations;
  if (dnsHostApi.provider !== intent.dnsHost) return { kind: "no-api" };
  if (zones.kind === "unavailable" || zones.kind === "skipped") {
    return { kind: "unknown", reason: `${dnsHostApi.service}: ${zones.reason}` };
  }
  const found = zones.kind === "found" ? zones.zones : [];
  if (intent.hostedZoneId !== undefined) {
    const pinned = found.find((zone) => zone.id === intent.hostedZoneId);
    return pinned
      ? { kind: "zone", zone: pinned, how: "pinned" }
      : { kind: "pinned-missing", pinned: intent.hostedZoneId, zones: found };
  }
  const [first, ...others] = found;
  if (first === undefined) return { kind: "none" };
  return others.length === 0
    ? { kind: "zone", zone: first, how: "sole" }
    : { kind: "ambiguous", zones: found };
}

function intendedNameservers(
  intent: DomainIntent,
  zone: IntendedZone,
): Known<IntendedNameservers | undefined> {
  if (intent.nameservers !== undefined) {
    return { kind: "known", value: { source: "policy", nameservers: intent.nameservers } };
  }
  switch (zone.kind) {
    case "zone":
      return {
        kind: "known",
        value: { source: "hosted-zone", nameservers: zone.zone.delegationSet },
      };
    case "unknown":
      return { kind: "unknown", reason: zone.reason };
    default:
      return { kind: "known", value: undefined };
  }
}

function childNsSets(observations: DomainObservations): ReadonlyArray<readonly string[]> {
  const sets: (readonly string[])[] = [];
  const { delegation, apexNameservers } = observations;
  if (delegation.kind === "delegated") {
    for (const ns of delegation.nameservers) {
      for (const probe of ns.probes) {
        const answer = probe.answer;
        if (answer.kind === "authoritative" && !sets.some((s) => sameSet(s, answer.ns))) {
          sets.push(answer.ns);
        }
      }
    }
  }
  if (sets.length === 0 && apexNameservers.kind === "ok") sets.push(apexNameservers.ns);
  return sets;
}

export function deriveFacts(
  intent: DomainIntent,
  observations: DomainObservations,
  catalog: ProviderCatalog,
): DomainFacts {
  const zone = intendedZone(intent, observations);
  const { delegation } = observations;
  return {
    isRegistrable: intent.registrableDomain === intent.name,
    parentNs: delegation.kind === "delegated" ? delegation.parent.ns : undefined,
    registrar: observedRegistrar(observations, catalog),
    dnsHost: identifyDnsHost(observations, catalog),
    intendedZone: zone,
    intendedNameservers: intendedNameservers(intent, zone),
    childNsSets: childNsSets(observations),
    health: delegation.kind === "delegated" ? analyseNameservers(delegation, catalog) : undefined,
  };
}
