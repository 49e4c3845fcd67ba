// Decides a domain's entry from what was observed today: the registrar (RDAP, or Route 53 Domains),
// the DNS host (the live delegation, else the name servers recorded at the registrar or registry),
// and the hosted zone that serves it. Pure; what it cannot decide is a value with its reason.

import type {
  DnsHostIdentification,
  PolicyProviderDefinition,
  ProviderCatalog,
} from "../catalog/types.js";
import { type DomainFacts, deriveFacts, describeSet, sameSet } from "../judge/rules/facts.js";
import type { DomainObservations } from "../observe/observations.js";
import type { HostedZone } from "../observe/providers/route53/types.js";
import { ROUTE53 } from "../policy/architecture.js";
import type { DomainIntent } from "../policy/types.js";
import { dnsHostProvider, registrarProvider } from "./new-providers.js";

export type RoleProposal =
  | {
      readonly kind: "provider";
      readonly id: string;
      /** Set when the provider is not in the catalog and must be defined under `providers:`. */
      readonly define: PolicyProviderDefinition | undefined;
    }
  | { readonly kind: "unknown"; readonly reason: string };

export interface DomainProposal {
  readonly registrar: RoleProposal;
  readonly dnsHost: RoleProposal;
  readonly hostedZoneId: string | undefined;
  readonly notes: readonly string[];
}

/** What names the domain's servers: the registry's delegation, or a stand-in for it. */
type NameserverEvidence =
  | { readonly kind: "delegation"; readonly nameservers: readonly string[] }
  | { readonly kind: "recorded"; readonly nameservers: readonly string[]; readonly source: string }
  /** No name servers anywhere, but the account has a hosted zone of the name. */
  | { readonly kind: "hosted-zone" }
  | { readonly kind: "none"; readonly why: string };

const nameserversOf = (evidence: NameserverEvidence): readonly string[] | undefined =>
  evidence.kind === "delegation" || evidence.kind === "recorded" ? evidence.nameservers : undefined;

const known = (id: string): RoleProposal => ({ kind: "provider", id, define: undefined });

function proposeRegistrar(
  facts: DomainFacts,
  observations: DomainObservations,
  catalog: ProviderCatalog,
  notes: string[],
): RoleProposal {
  // A domain in the account's registrar API is registered there, whatever RDAP says (a disagreement
  // is reported by check as registrar-mismatch or registrar-account-missing).
  if (observations.registration.kind === "registered") {
    return known(observations.registrarApi.provider);
  }
  if (facts.registrar.kind === "unknown") return facts.registrar;
  const { ids, name, ianaId } = facts.registrar.value;
  const shown = `${name ?? "an unnamed registrar"}${ianaId === undefined ? "" : ` (IANA ${ianaId})`}`;
  // Not in this account: a registrar other than the account's is likelier than another account there.
  const asked = observations.registrarApi.provider;
  const id = ids.find((candidate) => candidate !== asked) ?? ids[0];
  if (id !== undefined) {
    if (ids.length > 1) {
      notes.push(`the registrar ${shown} is ${ids.join(" or ")} in the catalog; ${id} was chosen`);
    }
    return known(id);
  }
  const define = registrarProvider({ ianaId, name }, catalog);
  if (define === undefined) {
    return { kind: "unknown", reason: `the registry names the registrar ${shown} only` };
  }
  notes.push(
    `the registrar ${shown} is not in the built-in catalog: it is defined as provider \`${define.id}\``,
  );
  return { kind: "provider", id: define.id, define };
}

/** "its Route 53 hosted zone", or the zone at the DNS host whose API was asked. */
function zoneIn(observations: DomainObservations): string {
  const { provider, service } = observations.dnsHostApi;
  return provider === ROUTE53 ? "Route 53 hosted zone" : `${service} zone`;
}

/** The live delegation decides; without one, the name servers recorded elsewhere stand in. */
function nameserverEvidence(observations: DomainObservations, notes: string[]): NameserverEvidence {
  const { delegation, registration, rdap, hostedZones } = observations;
  if (delegation.kind === "delegated") {
    return { kind: "delegation", nameservers: delegation.parent.ns };
  }
  const why =
    delegation.kind === "failed"
      ? `the live delegation could not be observed (${delegation.reason})`
      : `the ${delegation.parentZone} servers do not delegate it (${delegation.reason === "nxdomain" ? "NXDOMAIN" : "no NS records"})`;
  // A failed walk is a fact not observed; a missing delegation is an observed inconsistency.
  const marker = delegation.kind === "failed" ? "? " : "";
  const recorded = [
    {
      nameservers: (registration.kind === "registered" && registration.detail.nameservers) || [],
      source: `the name servers listed in ${observations.registrarApi.service}`,
    },
    {
      nameservers: rdap.kind === "registered" ? rdap.nameservers : [],
      source: "the name servers in the registry's RDAP record",
    },
  ].find((candidate) => candidate.nameservers.length > 0);
  if (recorded) {
    notes.push(`${marker}${why}; the DNS host comes from ${recorded.source}`);
    return { kind: "recorded", ...recorded };
  }
  if (hostedZones.kind === "found") {
    notes.push(`${marker}${why}; the DNS host comes from its ${zoneIn(observations)}`);
    return { kind: "hosted-zone" };
  }
  return { kind: "none", why };
}

/** A set split between providers: the account's provider's part when it has the zone, else the largest part. */
function choosePart(
  host: Extract<DnsHostIdentification, { kind: "mixed" }>,
  zoneAt: string | undefined,
): { readonly id: string; readonly why: string } | undefined {
  if (zoneAt !== undefined && host.parts.some((part) => part.id === zoneAt)) {
    return { id: zoneAt, why: "the account has its hosted zone" };
  }
  let largest: { id: string; size: number } | undefined;
  for (const { id, nameservers } of host.parts) {
    if (id !== undefined && (largest === undefined || nameservers.length > largest.size))
      largest = { id, size: nameservers.length };
  }
  return largest && { id: largest.id, why: "it has the most of the servers" };
}

function proposeDnsHost(
  facts: DomainFacts,
  observations: DomainObservations,
  catalog: ProviderCatalog,
  evidence: NameserverEvidence,
  notes: string[],
): RoleProposal {
  if (evidence.kind === "hosted-zone") return known(observations.dnsHostApi.provider);
  if (evidence.kind === "none") {
    return { kind: "unknown", reason: `${evidence.why}, and no name servers are recorded for it` };
  }
  const { nameservers } = evidence;
  // The live delegation is identified as check identifies it (white-label Route 53 included).
  const host =
    (evidence.kind === "delegation" ? facts.dnsHost : undefined) ??
    catalog.identifyDnsHost(nameservers);
  switch (host.kind) {
    case "provider":
      return known(host.id);
    case "mixed": {
      const chosen = choosePart(
        host,
        observations.hostedZones.kind === "found" ? observations.dnsHostApi.provider : undefined,
      );
      const parts = host.parts
        .map((part) => `${part.id ?? "unknown servers"} (${part.nameservers.join(", ")})`)
        .join(" and ");
      if (chosen === undefined) return { kind: "unknown", reason: `the name servers mix ${parts}` };
      notes.push(`the name servers mix ${parts}: \`dnsHost\` is ${chosen.id}, as ${chosen.why}`);
      return known(chosen.id);
    }
    case "unknown": {
      const define = dnsHostProvider(nameservers, catalog);
      if (define === undefined) {
        return { kind: "unknown", reason: `no provider serves ${describeSet(nameservers)}` };
      }
      notes.push(
        `the name servers ${nameservers.join(", ")} are no built-in provider's: defined as provider \`${define.id}\``,
      );
      return { kind: "provider", id: define.id, define };
    }
  }
}

/** The zone whose delegation set is the delegation: the one that serves the domain. */
function servingZone(
  zones: readonly HostedZone[],
  nameservers: readonly string[] | undefined,
): HostedZone | undefined {
  if (nameservers === undefined) return undefined;
  const serving = zones.filter((zone) => sameSet(zone.delegationSet, nameservers));
  return serving.length === 1 ? serving[0] : undefined;
}

/**
 * `intent` carries the name and account the observations were made for; its providers are
 * placeholders (they do not change what is derived here).
 */
export function proposeDomain(
  intent: DomainIntent,
  observations: DomainObservations,
  catalog: ProviderCatalog,
): DomainProposal {
  const notes: string[] = [];
  const facts = deriveFacts(intent, observations, catalog);
  const registrar = proposeRegistrar(facts, observations, catalog, notes);
  const evidence = nameserverEvidence(observations, notes);
  const dnsHost = proposeDnsHost(facts, observations, catalog, evidence, notes);
  const { hostedZones } = observations;
  const zones = hostedZones.kind === "found" ? hostedZones.zones : [];
  const atZoneHost = dnsHost.kind === "provider" && dnsHost.id === observations.dnsHostApi.provider;
  if (!atZoneHost && hostedZones.kind === "found") {
    const one = zones.length === 1;
    notes.push(
      `public hosted zone${one ? "" : "s"} ${zones.map((zone) => zone.id).join(", ")} of this name ${one ? "exists" : "exist"} in account ${hostedZones.account}, but the DNS is hosted elsewhere: ${one ? "it is" : "they are"} not live`,
    );
  }
  // Only a Route 53 zone is pinned (`hostedZoneId`); another host's duplicates are reported as such.
  const zone =
    atZoneHost && dnsHost.id === ROUTE53 ? servingZone(zones, nameserversOf(evidence)) : undefined;
  return { registrar, dnsHost, hostedZoneId: zone?.id, notes };
}
