// Everything the observers learned about one domain, gathered for the rules.

import type { DelegationObservation } from "./dns/types.js";
import type {
  ApexNameserversObservation,
  DomainRegistrationObservation,
  HostedZonesObservation,
} from "./providers/route53/types.js";
import type { RdapObservation } from "./rdap/types.js";
import type { WhoisObservation } from "./whois/types.js";

/** An observer that was not run for this domain (e.g. `--no-aws`), and why. */
export interface Skipped {
  readonly kind: "skipped";
  readonly reason: string;
}

/** What the registry says: over RDAP, or over WHOIS where the registry has no RDAP. */
export type RegistryObservation = RdapObservation | WhoisObservation;

/** Registration data a registry may never publish to the public. */
export type RegistryDatum = "registrar" | "expiry" | "statuses" | "nameservers";

/** What the registry capability table says about the registry of a domain's TLD. */
export interface RegistryProfile {
  /** The table's id of the registry (`denic`), also usable as a scope of registrar handles. */
  readonly id: string;
  /** For people: `DENIC`. */
  readonly name: string;
  /** The TLD the domain is under, as the table lists it. */
  readonly tld: string;
  /** Data the registry never publishes, each with why (so a check of it does not apply). */
  readonly unpublished: Readonly<Partial<Record<RegistryDatum, string>>>;
}

export interface DomainObservations {
  readonly delegation: DelegationObservation;
  readonly rdap: RegistryObservation | Skipped;
  /** The capability table's entry for the domain's registry; undefined when the table has none. */
  readonly registry: RegistryProfile | undefined;
  /** Route 53 Domains, in the domain's account. */
  readonly registration: DomainRegistrationObservation | Skipped;
  /** Route 53 public hosted zones with the domain's name, in the domain's account. */
  readonly hostedZones: HostedZonesObservation | Skipped;
  /** The zone's apex NS from the Route 53 API: fetched only when the live DNS could not show it. */
  readonly apexNameservers: ApexNameserversObservation | Skipped;
}
