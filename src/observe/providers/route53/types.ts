// What the Route 53 and Route 53 Domains accounts say, and how to reach them. Nothing here knows
// policy. `account` is the policy's account id, or "default" for the default credential chain.
import type {
  ProviderUnavailable,
  RegistrationObservation,
  Zone,
  ZoneDnssecObservation,
  ZoneSummary,
  ZonesObservation,
} from "../types.js";

/**
 * How to reach one AWS account: a named profile, a role assumed on top of it (or of the default
 * chain), or, with neither, the default credential chain. The policy's `accounts:` entries are
 * these plus where they are written.
 */
export interface AwsAccountSettings {
  /** The account's id, as observations and reports name it. */
  readonly id: string;
  readonly profile: string | undefined;
  readonly roleArn: string | undefined;
  readonly externalId: string | undefined;
}

export type {
  AccountInventory,
  ApexNameserversObservation,
  ApiCallCounts,
  DomainDetail,
  EarlierDetailLookup,
  KeySigningKey,
  Listing,
  OperationsObservation,
  RegisteredDomainSummary,
  RegistrarDnssecKey,
  ZoneRecordsObservation,
} from "../types.js";

/** Route 53's names for the provider contract's types (./../types.ts). */
export type AwsUnavailable = ProviderUnavailable;
export type DomainRegistrationObservation = RegistrationObservation;
export type HostedZoneSummary = ZoneSummary;
export type HostedZone = Zone;
export type HostedZonesObservation = ZonesObservation;
export type HostedZoneDnssecObservation = ZoneDnssecObservation;
