// The policy model: what the YAML files mean once loaded, validated and normalised.
// Everything downstream (observers' inputs, rules, reports) works from these types, never from YAML.
import type { ProviderCatalog } from "../catalog/types.js";
import type { ProviderAccount } from "../observe/providers/types.js";
import type { Diagnostic } from "./diagnostics.js";

export type { Diagnostic, DiagnosticCode, DiagnosticSeverity } from "./diagnostics.js";

/** Route 53's three setups plus the fully third-party one (README, the `architecture` table). */
export type Architecture = "traditional" | "registrar-only" | "dns-host-only" | "external";

/** A place in a policy file. Lines and columns are 1-based, as editors and compilers print them. */
export interface SourcePosition {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** Whether a registrar-hygiene property must hold, or is not checked for this domain. */
export type Requirement = "required" | "ignore";

/**
 * Whether the domain must be DNSSEC-signed: `required` (a valid chain from the parent's DS),
 * `forbidden` (no DS at the parent), `optional` (judged only where the parent has DS).
 */
export type DnssecMode = "required" | "forbidden" | "optional";

export interface DnssecIntent {
  readonly mode: DnssecMode;
  /** Report apex signatures that expire within this many days. */
  readonly signatureMinDays: number;
}

export interface Hygiene {
  /** Minimum days before expiry; `undefined` when expiry is not checked. */
  readonly expiryMinDays: number | undefined;
  readonly transferLock: Requirement;
  readonly autoRenew: Requirement;
}

/** A provider the domain leaves and the one it moves to (catalog ids, different). */
export interface ProviderMove {
  readonly from: string;
  readonly to: string;
}

/** The default bound of record parity: names compared per migrating domain. */
export const DEFAULT_PARITY_MAX_NAMES = 200;

/**
 * A migration the policy declares. The domain's `dnsHost` / `registrar` are the `to` sides; while
 * the migration is declared, the `from` side is accepted too and reports show the phase.
 */
export interface MigrationIntent {
  readonly position: SourcePosition;
  readonly dnsHost: ProviderMove | undefined;
  readonly registrar: ProviderMove | undefined;
  /** What record parity compares beyond the names it discovers (DNS-host moves). */
  readonly records: {
    /** Absolute A-labels inside the zone. */
    readonly names: readonly string[];
    readonly dkimSelectors: readonly string[];
    readonly maxNames: number;
  };
}

/** One domain's intended setup, with defaults applied and names normalised. */
export interface DomainIntent {
  /** The A-label: lower-case, no trailing dot. The key everything else uses. */
  readonly name: string;
  /** The same name in Unicode, for people. Equal to `name` for ASCII names. */
  readonly unicode: string;
  /**
   * The name registered at the registry: `name` itself, or the registrable domain `name` lies
   * below (`shop.example.net` → `example.net`). RDAP and Route 53 Domains are asked about it.
   */
  readonly registrableDomain: string;
  /** Where the domain's key is written. */
  readonly position: SourcePosition;
  /** Provider id of the intended registrar (catalog key, e.g. `route53`, `hover`). */
  readonly registrar: string;
  /** Provider id of the intended DNS host. */
  readonly dnsHost: string;
  readonly architecture: Architecture;
  /** The exact name-server set required at the parent, normalised and sorted; when absent, any set of the DNS host is accepted. */
  readonly nameservers: readonly string[] | undefined;
  /** Pins the exact Route 53 hosted zone (without the `/hostedzone/` prefix). */
  readonly hostedZoneId: string | undefined;
  /**
   * The accounts the domain names, by provider id (keys into `PolicySet.accounts`). A provider
   * without one is asked in its default account if it has one (Route 53: the default AWS
   * credentials), else not at all.
   */
  readonly accounts: Readonly<Record<string, string>>;
  readonly hygiene: Hygiene;
  readonly dnssec: DnssecIntent;
  /** Free text naming who owns the domain (a team, a person), for reports. */
  readonly owner?: string;
  /** A move between providers in progress; absent for a domain that is where it should be. */
  readonly migration?: MigrationIntent;
}

/** An `accounts:` entry: how to reach one account at one provider, and where it is written. */
export interface AccountConfig extends ProviderAccount {
  readonly position: SourcePosition;
}

/** Suppresses one rule's findings for one domain until `expires` (inclusive, UTC date). */
export interface Waiver {
  /** A-label of the domain. */
  readonly domain: string;
  readonly rule: string;
  readonly reason: string;
  /** `YYYY-MM-DD`. */
  readonly expires: string;
  readonly position: SourcePosition;
}

/** Every policy file of one run, loaded and validated together. */
export interface PolicySet {
  /** The files read, as the user named them, in load order. */
  readonly files: readonly string[];
  /** Every declared domain, in file order then declaration order. */
  readonly domains: readonly DomainIntent[];
  readonly accounts: ReadonlyMap<string, AccountConfig>;
  readonly waivers: readonly Waiver[];
  /** The built-in providers merged with the policies' `providers:`. */
  readonly catalog: ProviderCatalog;
}

/** The bytes of one policy file, however they were obtained (disk, a git commit, a test). */
export interface PolicySource {
  /** Shown in diagnostics: relative to the working directory, with `/` separators. */
  readonly path: string;
  readonly bytes: Uint8Array;
}

export type PolicyLoadResult =
  /** `diagnostics` holds warnings only. */
  | {
      readonly ok: true;
      readonly policySet: PolicySet;
      readonly diagnostics: readonly Diagnostic[];
    }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };
