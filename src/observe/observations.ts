// Everything the observers learned about one domain, gathered for the rules.
import type {
  ApexNameserversObservation,
  DomainRegistrationObservation,
  HostedZonesObservation,
} from "./aws/types.js";
import type { DelegationObservation } from "./dns/types.js";
import type { RdapObservation } from "./rdap/types.js";

/** An observer that was not run for this domain (e.g. `--no-aws`), and why. */
export interface Skipped {
  readonly kind: "skipped";
  readonly reason: string;
}

export interface DomainObservations {
  readonly delegation: DelegationObservation;
  readonly rdap: RdapObservation | Skipped;
  /** Route 53 Domains, in the domain's account. */
  readonly registration: DomainRegistrationObservation | Skipped;
  /** Route 53 public hosted zones with the domain's name, in the domain's account. */
  readonly hostedZones: HostedZonesObservation | Skipped;
  /** The zone's apex NS from the Route 53 API: fetched only when the live DNS could not show it. */
  readonly apexNameservers: ApexNameserversObservation | Skipped;
}
