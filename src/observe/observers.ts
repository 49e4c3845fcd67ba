// The observers the pipeline drives, narrowed to the methods it calls.
import type { AwsObserver } from "./aws/index.js";
import type { DelegationWalker } from "./dns/index.js";
import type { Skipped } from "./observations.js";
import type { RdapObserver } from "./rdap/index.js";

export type DelegationSource = Pick<DelegationWalker, "walk">;
export type RegistrySource = Pick<RdapObserver, "lookup">;
export type AwsSource = Pick<
  AwsObserver,
  "registration" | "hostedZones" | "apexNameservers" | "inventory"
>;

/** An observer the run uses, or the reason it does not (`--no-aws`, no RDAP for the run). */
export type Optional<T> = { readonly kind: "enabled"; readonly source: T } | Skipped;

export interface Observers {
  readonly delegation: DelegationSource;
  readonly rdap: Optional<RegistrySource>;
  readonly aws: Optional<AwsSource>;
}
