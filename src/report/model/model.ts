// The report model: the one structure every renderer reads (text, JSON, Markdown, SARIF, GitHub
// annotations) and the JSON report serialises as is. Renderers never recompute verdicts; everything
// they show is decided here, once, by the check pipeline.
import type { DnssecChain } from "../../observe/dns/types.js";
import type { Architecture, DomainIntent } from "../../policy/types.js";

/** Bumped on any incompatible change; `src/schemas/report-v1.schema.json` describes this version. */
export const REPORT_SCHEMA_VERSION = "1.0";

export const SEVERITIES = ["critical", "high", "medium", "low", "info"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** True when `severity` is at least as serious as `threshold`. */
export function atLeast(severity: Severity, threshold: Severity): boolean {
  return SEVERITIES.indexOf(severity) <= SEVERITIES.indexOf(threshold);
}

export type DomainStatus = "compliant" | "drift" | "unknown";

/** Expected / observed values as people read them: a name, a set of names, a date, a number. */
export type FindingValue = string | number | boolean | null | readonly string[];

export interface PolicyLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export interface Suppression {
  readonly reason: string;
  readonly expires: string;
  readonly waiver: PolicyLocation;
}

export interface Finding {
  readonly rule: string;
  readonly severity: Severity;
  readonly message: string;
  readonly expected: FindingValue;
  readonly observed: FindingValue;
  readonly remediation: string;
  /** Where to fix it: the domain's entry, or the waiver; absent for account-level findings. */
  readonly location: PolicyLocation | undefined;
  /** Stable across runs for the same problem: the key of baselines and SARIF fingerprints. */
  readonly fingerprint: string;
  readonly suppressed: Suppression | undefined;
  /** Set when the report was compared with a baseline. */
  readonly baseline: "new" | "persisting" | undefined;
}

export type CheckStatus = "pass" | "fail" | "not-applicable" | "not-checked";

/**
 * One rule's verdict for one domain. `reason` says why a rule did not apply or could not run, or
 * what a pass left out by design (IPv6 addresses while IPv6 is off).
 */
export interface CheckResult {
  readonly name: string;
  readonly status: CheckStatus;
  readonly reason: string | undefined;
  /** The report's diagnosis (1-based) that explains why this check did not run, when one does. */
  readonly diagnosis?: number;
}

/** A failure several domains share, said once at the top of the report with its fix. */
export interface Diagnosis {
  /** The observers that failed this way. */
  readonly sources: readonly SourceName[];
  /** The failure, with each domain's own name written `<domain>`. */
  readonly reason: string;
  /** What to do about it. */
  readonly fix: string;
  /** How many domains it affects. */
  readonly domains: number;
}

export type SourceName = "delegation" | "rdap" | "route53Domains" | "route53";

/** Whether an observer produced data for this domain. */
export interface SourceStatus {
  readonly status: "ok" | "unavailable" | "skipped";
  readonly reason: string | undefined;
  /**
   * When the source gave the data used, for data taken from the cache of an earlier run (RDAP
   * registrations, Route 53 Domains details); absent when it was asked in this run.
   */
  readonly observedAt?: string;
}

/** What the policy intends for the domain, as the report repeats it. */
export interface IntendedSetup
  extends Pick<
    DomainIntent,
    "registrar" | "dnsHost" | "architecture" | "nameservers" | "hostedZoneId"
  > {
  /** The AWS account the domain names (undefined: the default credential chain). */
  readonly account: string | undefined;
}

export interface ObservedRegistrar {
  /** Catalog id(s) the registrar matches; empty when it is not in the catalog. */
  readonly ids: readonly string[];
  readonly name: string | undefined;
  readonly ianaId: number | undefined;
  /** The registry's handle of the registrar, when it gave one. */
  readonly handle?: string | undefined;
  /** The RDAP entity role it was read from (AFNIC lists a `registrar` and a `sponsor`). */
  readonly role?: "registrar" | "sponsor" | undefined;
  /** Where we learned it. */
  readonly source: "rdap" | "whois" | "route53Domains";
}

export interface ObservedSetup {
  readonly registrar: ObservedRegistrar | undefined;
  /** Catalog id of the DNS host the delegation points at; `mixed` or `unknown` otherwise. */
  readonly dnsHost: string | undefined;
  readonly architecture: Architecture | undefined;
  readonly nameservers: {
    /** The delegation at the parent (the registry's truth). */
    readonly parent: readonly string[] | undefined;
    /** The zone's own apex NS set, from authoritative answers (or the Route 53 API as a fallback). */
    readonly child: readonly string[] | undefined;
    /** What the Route 53 Domains account lists. */
    readonly registrarAccount: readonly string[] | undefined;
    /** The Route 53 hosted zone's delegation set. */
    readonly hostedZone: readonly string[] | undefined;
  };
  readonly hostedZones: ReadonlyArray<{ readonly id: string; readonly account: string }>;
  readonly expiry: string | undefined;
  readonly delegation: "delegated" | "not-delegated" | "unknown";
  /**
   * How each delegated name server (each of its addresses) answered the NS query for the zone, in
   * delegation order: what a picture of the chain needs to show which link is broken. Absent when
   * the domain is not delegated (and in reports written before it existed).
   */
  readonly nameserverAnswers: readonly NameserverAnswer[] | undefined;
  /**
   * The DNSSEC chain from every source that was asked: the parent's DS, each delegated server
   * address's keys and signatures, Route 53's signing and the registrar's and registry's key lists.
   * Absent when no source shows DNSSEC for the domain (and in reports written before it existed).
   */
  readonly dnssec?: ObservedDnssec | undefined;
}

/** A DS record as the report names it (the digest only where the source gave one). */
export interface DsView {
  readonly keyTag: number | undefined;
  readonly algorithm: number | undefined;
  readonly digestType: number | undefined;
  readonly digest?: string | undefined;
}

/** One delegated server address's chain, or why its keys could not be had. */
export interface DnssecServerView {
  readonly nameserver: string;
  readonly address: string;
  readonly chain:
    | ({ readonly kind: "validated" } & Omit<DnssecChain, "validatedAt">)
    | { readonly kind: "no-answer" | "unreadable"; readonly detail: string };
}

export interface ObservedDnssec {
  /** The parent's DS RRset, as the walk's parent server handed it out. */
  readonly ds: readonly DsView[];
  /** Every delegated server address asked for its keys, in delegation order. */
  readonly servers: readonly DnssecServerView[];
  /** Route 53 GetDNSSEC for the intended hosted zone, when it was asked. */
  readonly route53?: {
    readonly serveSignature: string;
    readonly keySigningKeys: ReadonlyArray<{
      readonly name: string;
      readonly status: string;
      readonly keyTag: number | undefined;
    }>;
  };
  /** Another DNS host's API on the intended zone's signing, when it was asked. */
  readonly dnsHost?: {
    readonly provider: string;
    readonly service: string;
    /** In the host's own words (Cloudflare `active`, Cloud DNS `on`, Azure `Succeeded`). */
    readonly serveSignature: string;
    readonly signing: boolean;
    readonly keySigningKeys: ReadonlyArray<{
      readonly name: string;
      readonly status: string;
      readonly active: boolean;
      readonly keyTag: number | undefined;
    }>;
  };
  /** Route 53 Domains `DnssecKeys`, when the domain is registered in the account. */
  readonly registrar?: readonly DsView[];
  /** RDAP `secureDNS`, when the registry answered over RDAP. */
  readonly rdap?: {
    readonly delegationSigned: boolean | undefined;
    readonly ds: readonly DsView[];
  };
}

/** What one delegated name server address answered; `no-address` when it could not be asked. */
export type NameserverAnswerKind =
  | "authoritative"
  | "refused"
  | "servfail"
  | "nxdomain"
  | "rcode"
  | "not-authoritative"
  | "timeout"
  | "unreachable"
  | "unroutable"
  | "malformed"
  | "blocked"
  | "not-probed"
  | "no-address";

export interface NameserverAnswer {
  readonly nameserver: string;
  /** The address asked; absent for `no-address`. */
  readonly address: string | undefined;
  readonly answer: NameserverAnswerKind;
  /** For `authoritative`: the NS set in the answer (the child side; empty for NODATA). */
  readonly ns: readonly string[] | undefined;
  /** Why the answer does not show the zone served, in `trace`'s words; absent when it does. */
  readonly detail: string | undefined;
}

/** A migration's phases, in order (docs/migrations.md). */
export const MIGRATION_PHASES = [
  "preparing",
  "ready",
  "switching",
  "switched",
  "complete",
] as const;
export type MigrationPhase = (typeof MIGRATION_PHASES)[number];

/** One condition of a phase, judged from this run's observations. */
export interface MigrationCheck {
  /** Stable, kebab-case: `target-zone`, `target-servers`, `record-parity`, `dnssec`, ... */
  readonly name: string;
  readonly status: CheckStatus;
  /** What was found, or why it could not be judged. */
  readonly detail: string;
}

/** A registrar operation the migration waits on, as the registrar's API shows it. */
export interface MigrationOperation {
  readonly id: string;
  readonly type: string;
  readonly status: string;
  readonly submittedAt: string | undefined;
  readonly lastUpdatedAt: string | undefined;
  readonly message: string | undefined;
  readonly statusFlag: string | undefined;
}

/** One move of a migration (the DNS host, or the registrar) and where it stands. */
export interface MigrationMove {
  readonly role: "dnsHost" | "registrar";
  readonly from: string;
  readonly to: string;
  readonly phase: MigrationPhase;
  readonly checks: readonly MigrationCheck[];
  /** The operation at the registrar this move waits on (the newest), when the API shows one. */
  readonly operation?: MigrationOperation;
}

/** A declared migration: the least advanced move's phase, and every move. */
export interface MigrationReport {
  readonly phase: MigrationPhase;
  readonly moves: readonly MigrationMove[];
  /** The target's name servers (a DNS-host move), when known. */
  readonly targetNameservers?: readonly string[];
  /** Seconds resolvers keep the delegation (the parent's NS TTL), when seen. */
  readonly delegationTtl?: number;
  /** Switched: the old DNS host must keep serving until this moment (ISO 8601), when known. */
  readonly keepOldHostUntil?: string;
  /** One sentence: what comes next (complete: remove the `migration` block from the policy). */
  readonly next: string;
}

export interface DomainReport {
  readonly domain: string;
  readonly unicode: string;
  readonly policy: PolicyLocation;
  readonly intended: IntendedSetup;
  readonly observed: ObservedSetup;
  readonly status: DomainStatus;
  readonly findings: readonly Finding[];
  readonly checks: readonly CheckResult[];
  readonly sources: Readonly<Record<SourceName, SourceStatus>>;
  /** Present when the policy declares a migration for the domain. */
  readonly migration?: MigrationReport;
}

export type SeverityCounts = Readonly<Record<Severity, number>>;

export interface ReportSummary {
  readonly domains: number;
  readonly compliant: number;
  readonly drift: number;
  readonly unknown: number;
  /** Unsuppressed findings by severity (domain and account findings). */
  readonly bySeverity: SeverityCounts;
  /** Unsuppressed findings by rule id. */
  readonly byRule: Readonly<Record<string, number>>;
  readonly suppressed: number;
}

/**
 * The listings an account report rests on: Route 53 Domains and Route 53 for an AWS account; for
 * another provider, its registrar listing and its zone listing (each where its API has one).
 */
export type AccountSourceName = "route53Domains" | "route53" | "registrar" | "dnsHost";
export type AccountSources = Readonly<Partial<Record<AccountSourceName, SourceStatus | undefined>>>;

/** Findings about a provider account as a whole (`--inventory`), not tied to a policy entry. */
export interface AccountReport {
  readonly account: string;
  /** The provider's id; absent in reports of versions that inventoried AWS accounts only. */
  readonly provider?: string;
  readonly findings: readonly Finding[];
  readonly sources: AccountSources;
}

export interface ResolvedFinding {
  readonly domain: string | undefined;
  readonly rule: string;
  readonly fingerprint: string;
  readonly message: string;
}

export interface ReportStats {
  readonly durationMs: number;
  readonly dnsQueries: number;
  readonly rdapRequests: number;
  /** Absent in reports of versions before WHOIS was asked. */
  readonly whoisQueries?: number;
  readonly awsCalls: Readonly<Record<string, number>>;
}

export interface Report {
  readonly schemaVersion: typeof REPORT_SCHEMA_VERSION;
  readonly tool: { readonly name: string; readonly version: string };
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly failOn: Severity;
  /** Set for one shard of a sharded scan (`--shard i/n`); absent for whole and merged reports. */
  readonly shard: { readonly index: number; readonly count: number } | undefined;
  readonly summary: ReportSummary;
  /** Failures several domains share, most widespread first (absent in older reports). */
  readonly diagnoses?: readonly Diagnosis[];
  readonly domains: readonly DomainReport[];
  readonly accounts: readonly AccountReport[];
  /** Present when compared with a baseline: what the baseline had that is gone now. */
  readonly baseline: { readonly resolved: readonly ResolvedFinding[] } | undefined;
  readonly stats: ReportStats;
}
