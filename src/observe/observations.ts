// Everything the observers learned about one domain, gathered for the rules.

import type { DelegationObservation, NameServerObservation } from "./dns/types.js";
import type {
  ApexNameserversObservation,
  ConsultedApi,
  DnsHostCapability,
  OperationsObservation,
  RegistrarCapability,
  RegistrationObservation,
  ZoneDnssecObservation,
  ZonesObservation,
} from "./providers/types.js";
import type { RdapObservation } from "./rdap/types.js";
import type { RecordParityObservation } from "./record-parity/types.js";
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

/** The target DNS host's name servers, asked directly about the zone before (or after) the switch. */
export interface TargetServersObservation {
  readonly kind: "probed";
  /** The target's name servers (the hosted zone's delegation set, or the policy's `nameservers`). */
  readonly nameservers: readonly string[];
  /** How each answered for the zone (NS, and DNSKEY against the parent's DS when it has any). */
  readonly servers: readonly NameServerObservation[];
}

/** What only a migrating domain is observed for (see docs/migrations.md). */
export interface MigrationObservations {
  /** The target DNS host's servers (a DNS-host move); skipped, with why, when none are known. */
  readonly targetServers: TargetServersObservation | Skipped;
  /** The registrar account's recent name-server updates and transfers in of the domain. */
  readonly operations: OperationsObservation | Skipped;
  /** Record parity between the old and the target DNS host (a DNS-host move). */
  readonly parity: RecordParityObservation | Skipped;
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
  /** Present only for a domain whose policy declares a migration. */
  readonly migration?: MigrationObservations;
}
