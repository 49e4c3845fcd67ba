// Everything the observers learned about one domain, gathered for the rules.

import type { DelegationObservation } from "./dns/types.js";
import type {
  ApexNameserversObservation,
  ConsultedApi,
  DnsHostCapability,
  RegistrarCapability,
  RegistrationObservation,
  ZoneDnssecObservation,
  ZonesObservation,
} from "./providers/types.js";
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
  /**
   * The registrar API asked for the domain: its intended registrar's, when that provider has an
   * adapter with the registrar role and an account that applies to the domain; else Route 53
   * Domains, in the domain's AWS account, which shows whether the domain is registered there.
   */
  readonly registrarApi: ConsultedApi<RegistrarCapability>;
  /** What `registrarApi` says of the (registrable) domain in the account it was asked in. */
  readonly registration: RegistrationObservation | Skipped;
  /** The DNS-host API asked for the domain, chosen as `registrarApi` is (Route 53 the fallback). */
  readonly dnsHostApi: ConsultedApi<DnsHostCapability>;
  /** The public zones with the domain's name that `dnsHostApi` lists in the account it was asked in. */
  readonly hostedZones: ZonesObservation | Skipped;
  /** The zone's apex NS from its DNS host's API: fetched only when the live DNS could not show it. */
  readonly apexNameservers: ApexNameserversObservation | Skipped;
  /**
   * The DNSSEC signing of the intended zone from `dnsHostApi` (Route 53 GetDNSSEC), with its
   * `zoneDnssec` capability: asked only when the parent publishes DS records or the policy requires
   * or forbids DNSSEC; skipped, with the reason, when the consulted API lacks the capability.
   */
  readonly hostedZoneDnssec: ZoneDnssecObservation | Skipped;
}
