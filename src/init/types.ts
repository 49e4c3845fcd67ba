// What `init --from <provider>` decided, before it is rendered as YAML: one draft file per account,
// each domain either declared (with what `check` will say about it today) or left undecided.
import type { PolicyProviderDefinition } from "../catalog/types.js";
import type { Requirement } from "../policy/types.js";
import type { CheckResult, Finding } from "../report/model/model.js";

/** One AWS account init reads (`--from-aws`, `--from route53`): a named profile, or the default credential chain. */
export interface AwsInitAccount {
  /** The policy's account id, also in the file name: the profile name, or `default`. */
  readonly id: string;
  /** The profile declared under `accounts:`; undefined for the default chain (no `accounts:`). */
  readonly profile: string | undefined;
  readonly provider?: undefined;
}

/** One account of another provider init reads (`--from cloudflare`): as its `accounts:` entry declares it. */
export interface ProviderInitAccount {
  /** The policy's account id, also in the file name. */
  readonly id: string;
  /** The provider's id (a registered adapter that lists domains or zones). */
  readonly provider: string;
  /** The keys of its `accounts:` entry besides `provider` (`accountId`, `tokenEnv`, ...). */
  readonly settings: Readonly<Record<string, string>>;
  readonly profile?: undefined;
}

export type InitAccount = AwsInitAccount | ProviderInitAccount;

/** A domain written as a policy entry. */
export interface DeclaredDomain {
  readonly kind: "declared";
  /** A-label. */
  readonly name: string;
  readonly unicode: string;
  readonly registrar: string;
  readonly dnsHost: string;
  readonly hostedZoneId: string | undefined;
  /** Set only where the domain departs from the file's defaults. */
  readonly transferLock: Requirement | undefined;
  readonly autoRenew: Requirement | undefined;
  /** What init noticed while deciding the entry; those about facts not observed start with "? ". */
  readonly notes: readonly string[];
  /** What `check` reports for the entry as written: the inconsistencies of today. */
  readonly findings: readonly Finding[];
  /** Checks that cannot run today, with their reasons. */
  readonly notChecked: readonly CheckResult[];
}

/** A name init cannot declare because its registrar or DNS host is unknown: written commented out. */
export interface UndecidedDomain {
  readonly kind: "undecided";
  readonly name: string;
  readonly unicode: string;
  readonly registrar: string | undefined;
  readonly dnsHost: string | undefined;
  /** The first says why it is undecided. */
  readonly notes: readonly [string, ...string[]];
}

export type DomainDraft = DeclaredDomain | UndecidedDomain;

export interface FileDefaults {
  readonly registrar: string | undefined;
  readonly dnsHost: string | undefined;
  readonly expiryMinDays: number | undefined;
  readonly transferLock: Requirement | undefined;
  readonly autoRenew: Requirement | undefined;
}

/** One account's policy file, before it is rendered. */
export interface AccountDraft {
  readonly account: InitAccount;
  readonly defaults: FileDefaults;
  /** Why a hygiene requirement is not among the defaults. */
  readonly defaultsNotes: readonly string[];
  /** Sorted by A-label. */
  readonly domains: readonly DomainDraft[];
  /** Providers this file defines; each is defined in one file of the set. */
  readonly providers: readonly PolicyProviderDefinition[];
  /** About the file as a whole: listings that failed, names no policy can declare. */
  readonly notes: readonly string[];
}

export interface PolicyDraft {
  /** In the order the accounts were given. */
  readonly files: readonly AccountDraft[];
  /** Some facts could not be observed (listings, RDAP, the delegation, a check's evidence). */
  readonly incomplete: boolean;
}
