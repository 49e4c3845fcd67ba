// The observers the pipeline drives, as the pipeline needs them. The DNS walker, RDAP and AWS
// observers satisfy these structurally; tests may pass the same real observers against labs.
import type {
  AccountInventory,
  ApexNameserversObservation,
  DomainRegistrationObservation,
  HostedZonesObservation,
} from "../aws/types.js";
import type { DelegationObservation } from "../dns/types.js";
import type { RdapObservation } from "../rdap/types.js";
import type { Skipped } from "./observations.js";

export interface DelegationSource {
  walk(domain: string): Promise<DelegationObservation>;
}

export interface RegistrySource {
  lookup(domain: string): Promise<RdapObservation>;
}

export interface AwsSource {
  registration(domain: string, account: string | undefined): Promise<DomainRegistrationObservation>;
  hostedZones(domain: string, account: string | undefined): Promise<HostedZonesObservation>;
  apexNameservers(
    zoneId: string,
    zoneName: string,
    account: string | undefined,
  ): Promise<ApexNameserversObservation>;
  inventory(account: string | undefined): Promise<AccountInventory>;
}

/** An observer the run uses, or the reason it does not (`--no-aws`, no RDAP for the run). */
export type Optional<T> = { readonly kind: "enabled"; readonly source: T } | Skipped;

export interface Observers {
  readonly delegation: DelegationSource;
  readonly rdap: Optional<RegistrySource>;
  readonly aws: Optional<AwsSource>;
}
