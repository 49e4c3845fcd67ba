// What the Route 53 and Route 53 Domains accounts say, and how to reach them. Nothing here knows
// policy. `account` is the policy's account id, or "default" for the default credential chain.

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

/** A call that could not be made or was refused: the affected checks become "not checked". */
export interface AwsUnavailable {
  readonly kind: "unavailable";
  readonly account: string;
  readonly reason: string;
  /** The IAM action that was denied, e.g. `route53domains:GetDomainDetail`, when that is the cause. */
  readonly deniedAction: string | undefined;
}

export interface RegisteredDomainSummary {
  /** Lower-case A-label without the trailing dot. */
  readonly name: string;
  readonly autoRenew: boolean | undefined;
  readonly transferLock: boolean | undefined;
  /** ISO 8601. */
  readonly expiry: string | undefined;
}

export interface DomainDetail extends RegisteredDomainSummary {
  /** Sorted, lower-case, without trailing dot. */
  readonly nameservers: readonly string[];
  readonly registrarName: string | undefined;
  /** EPP status codes as Route 53 Domains lists them (e.g. `clientTransferProhibited`). */
  readonly statusList: readonly string[];
}

export type DomainRegistrationObservation =
  | { readonly kind: "registered"; readonly account: string; readonly detail: DomainDetail }
  | { readonly kind: "not-in-account"; readonly account: string }
  | AwsUnavailable;

export interface HostedZoneSummary {
  /** Without the `/hostedzone/` prefix. */
  readonly id: string;
  /** Lower-case A-label without the trailing dot. */
  readonly name: string;
  readonly recordCount: number | undefined;
}

export interface HostedZone extends HostedZoneSummary {
  /** The zone's delegation set: the four servers Route 53 gave it. Sorted. */
  readonly delegationSet: readonly string[];
}

export type HostedZonesObservation =
  /** The account's public zones with the domain's name (more than one is a duplicate). */
  | { readonly kind: "found"; readonly account: string; readonly zones: readonly HostedZone[] }
  | { readonly kind: "none"; readonly account: string }
  | AwsUnavailable;

export type ApexNameserversObservation =
  | {
      readonly kind: "ok";
      readonly account: string;
      readonly zoneId: string;
      readonly ns: readonly string[];
    }
  | AwsUnavailable;

export type Listing<T> =
  | { readonly kind: "ok"; readonly account: string; readonly items: readonly T[] }
  | AwsUnavailable;

/** Everything in an account, for `--inventory` and `init --from-aws`. */
export interface AccountInventory {
  readonly account: string;
  readonly registeredDomains: Listing<RegisteredDomainSummary>;
  readonly publicHostedZones: Listing<HostedZoneSummary>;
}

/** AWS API calls made so far, by operation name (`ListHostedZones`, `GetHostedZone`, ...). */
export type ApiCallCounts = Readonly<Record<string, number>>;
