// The data the HTML report's page script reads: a view of the report shaped for the page, built
// in Node by ./data.ts and read in the browser by ./client/. Types only, so both sides (each with
// its own tsconfig) compile against the same contract. Every string here is untrusted text that
// has been through `plainLine`; the page puts it into the document only as text.

export type Status = "drift" | "unknown" | "compliant";
export type Severity = "critical" | "high" | "medium" | "low" | "info";
export type Setup = "traditional" | "registrar-only" | "dns-host-only" | "external";
export type CheckStatus = "pass" | "fail" | "not-applicable" | "not-checked";

export interface PageData {
  readonly scan: ScanView;
  /**
   * Check lists and source lists, each stored once: thousands of domains share the same few
   * (every rule passing, the same sources unavailable), and a domain refers to its list by index.
   */
  readonly checkLists: readonly (readonly CheckView[])[];
  readonly sourceLists: readonly (readonly SourceView[])[];
  readonly overview: OverviewView;
  /** Problems first, then by name. */
  readonly domains: readonly DomainView[];
  readonly accounts: readonly AccountView[];
  /** Findings a baseline had that are gone now; absent when not compared with one. */
  readonly resolved: readonly ResolvedView[] | undefined;
  /** Present for the history page: several scans, oldest first. */
  readonly history: HistoryView | undefined;
}

export interface ScanView {
  readonly tool: string;
  readonly version: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly failOn: Severity;
  readonly durationSeconds: number;
  readonly dnsQueries: number;
  readonly rdapRequests: number;
  /** Absent in reports written before WHOIS was asked. */
  readonly whoisQueries: number | undefined;
  readonly awsCalls: number;
}

/** A failure several domains share, said once (the report's `diagnoses`, most widespread first). */
export interface DiagnosisView {
  /** The sources of truth that failed this way, as the page labels them. */
  readonly sources: readonly string[];
  readonly reason: string;
  readonly fix: string;
  readonly domains: number;
}

export interface OverviewView {
  readonly domains: number;
  readonly diagnoses: readonly DiagnosisView[];
  readonly byStatus: Readonly<Record<Status, number>>;
  readonly suppressed: number;
  /** Every setup, with how many domains the policies intend and the evidence shows in it. */
  readonly setups: ReadonlyArray<{
    readonly setup: Setup | "unknown";
    readonly intended: number;
    readonly observed: number;
  }>;
  /** Unsuppressed findings (domains and accounts) by rule, each split by severity. */
  readonly findings: ReadonlyArray<{
    readonly rule: string;
    readonly bySeverity: Readonly<Record<Severity, number>>;
    readonly total: number;
  }>;
  readonly bySeverity: Readonly<Record<Severity, number>>;
  /** Domains whose registration expires within `expiringWithinDays` of the scan, soonest first. */
  readonly expiring: ReadonlyArray<{ readonly domain: number; readonly days: number }>;
  readonly expiringWithinDays: number;
  readonly sources: ReadonlyArray<{
    readonly source: string;
    readonly ok: number;
    readonly unavailable: number;
    readonly skipped: number;
  }>;
}

export interface DomainView {
  /** A-label. */
  readonly name: string;
  /** The name as people write it (equal to `name` for ASCII names). */
  readonly unicode: string;
  readonly status: Status;
  /** `file:line:column` of the domain's policy entry. */
  readonly policy: string;
  readonly intended: {
    readonly setup: Setup;
    readonly registrar: string;
    readonly dnsHost: string;
    readonly nameservers: readonly string[] | undefined;
    readonly hostedZoneId: string | undefined;
    readonly account: string | undefined;
  };
  readonly observed: {
    readonly setup: Setup | undefined;
    /** Catalog ids (`a/b`), else the registrar's name; undefined when unknown. */
    readonly registrar: string | undefined;
    /** Catalog ids the registrar matched, for the registrar filter. */
    readonly registrarIds: readonly string[];
    readonly registrarName: string | undefined;
    readonly ianaId: number | undefined;
    readonly dnsHost: string | undefined;
    readonly delegation: "delegated" | "not-delegated" | "unknown";
    readonly expiry: string | undefined;
    /** Whole days from the end of the scan to the expiry (negative once expired). */
    readonly daysToExpiry: number | undefined;
    readonly hostedZones: readonly string[];
  };
  /** Rules of the unsuppressed findings, for the rule filter. */
  readonly rules: readonly string[];
  /** The most severe unsuppressed finding. */
  readonly worst: Severity | undefined;
  readonly findings: readonly FindingView[];
  /** Index into `PageData.checkLists`. */
  readonly checks: number;
  /** Index into `PageData.sourceLists`. */
  readonly sources: number;
  readonly chain: ChainView;
  /** The DNSSEC chain at the delegation point, when the walk looked at it. */
  readonly dnssec: DnssecView | undefined;
  /** The migration the policy declares for the domain, if any. */
  readonly migration: MigrationView | undefined;
  /** History page only: this domain's findings across the scans. */
  readonly timeline: readonly TimelineView[] | undefined;
}

export interface FindingView {
  readonly rule: string;
  readonly severity: Severity;
  readonly message: string;
  readonly expected: string;
  readonly observed: string;
  readonly remediation: string;
  readonly location: string | undefined;
  /** Waiver reason and expiry, when a waiver suppresses the finding. */
  readonly suppressed: string | undefined;
  readonly baseline: "new" | "persisting" | undefined;
}

export interface SourceView {
  readonly source: string;
  readonly status: "ok" | "unavailable" | "skipped";
  readonly reason: string | undefined;
}

export interface CheckView {
  readonly name: string;
  readonly status: CheckStatus;
  readonly reason: string | undefined;
}

/**
 * The chain of a domain's delegation, left to right: registrar → registry → each name server →
 * DNS host. A `problem` is a short label saying what is wrong there; the page draws it in red with
 * that label, so colour is never the only sign.
 */
export interface ChainView {
  readonly registrar: ChainNode;
  /** What the registrar account (Route 53 Domains) says the name servers are, when known. */
  readonly registrarNameservers: readonly string[] | undefined;
  readonly registrarToRegistry: ChainLink;
  readonly registry: ChainNode;
  readonly servers: readonly ChainServer[];
  readonly host: ChainNode;
}

export interface ChainNode {
  readonly title: string;
  readonly lines: readonly string[];
  readonly problems: readonly string[];
}

export interface ChainLink {
  readonly problem: string | undefined;
}

export interface ChainServer {
  readonly name: string;
  /** How each address answered: `198.51.100.1: authoritative`. */
  readonly answers: readonly string[];
  /** The registry → server link: why the server does not serve the zone. */
  readonly served: ChainLink;
  /** The server → DNS host link: why the server does not belong to the intended zone. */
  readonly belongs: ChainLink;
}

/**
 * The DNSSEC chain at the delegation point, per server address: the parent's DS key tags → the
 * DNSKEY key tags the server serves → which key signs which apex RRset. `problem` labels a broken
 * part (drawn in red with the label, never colour alone).
 */
export interface DnssecView {
  /** The parent's DS records: `4242/13/SHA-256`. */
  readonly ds: readonly string[];
  readonly servers: readonly DnssecServerDrawing[];
  /** The DNSSEC rules' findings for the domain, by rule: `dnssec-bogus`. */
  readonly findings: readonly string[];
}

export interface DnssecServerDrawing {
  /** `ns1.example.net (192.0.2.1)`. */
  readonly server: string;
  /** `secure`, `bogus`, `insecure`, `indeterminate`, or why the keys could not be had. */
  readonly verdict: string;
  /** Why it is bogus or indeterminate, or what the server answered. */
  readonly problem: string | undefined;
  /** Each DS of the parent and what it became at this server. */
  readonly ds: readonly DnssecBox[];
  readonly keys: readonly DnssecBox[];
  readonly rrsets: readonly DnssecBox[];
  /** DS → key (same tag, DS matched) and key → RRset (a valid signature by that key). */
  readonly links: ReadonlyArray<{
    readonly from: "ds" | "key";
    readonly fromIndex: number;
    readonly toIndex: number;
  }>;
}

export interface DnssecBox {
  /** `DS 4242`, `DNSKEY 4242 (SEP)`, `NS`. */
  readonly label: string;
  /** `matched`, `usable`, `valid`, ...: what the validator said. */
  readonly status: string;
  readonly problem: string | undefined;
}

/** A declared migration: its phase, each move's checks, and how long the old host must serve. */
export interface MigrationView {
  readonly phase: string;
  readonly moves: readonly MigrationMoveView[];
  /** Switched: the old DNS host must keep serving until this moment (ISO 8601), when known. */
  readonly keepOldHostUntil: string | undefined;
  /** What comes next, in one sentence. */
  readonly next: string;
}

export interface MigrationMoveView {
  /** `DNS host hover → route53`. */
  readonly move: string;
  readonly phase: string;
  /** Each condition of the phase: `pass`, `fail`, `not-checked` (with why) or `not-applicable`. */
  readonly checks: ReadonlyArray<{
    readonly name: string;
    readonly status: CheckStatus;
    readonly detail: string;
  }>;
  /** The registrar operation the move waits on: `UPDATE_NAMESERVER op-1: IN_PROGRESS`. */
  readonly operation: string | undefined;
}

export interface AccountView {
  readonly account: string;
  readonly findings: readonly FindingView[];
  readonly sources: readonly SourceView[];
}

export interface ResolvedView {
  readonly domain: string | undefined;
  readonly rule: string;
  readonly message: string;
}

export interface HistoryView {
  readonly scans: readonly ScanPoint[];
  /** What changed between the last two scans; absent with a single scan. */
  readonly changes: ChangesView | undefined;
}

export interface ScanPoint {
  readonly finishedAt: string;
  /** The file the report came from. */
  readonly source: string;
  readonly domains: number;
  readonly drift: number;
  readonly unknown: number;
  readonly compliant: number;
  /** Unsuppressed findings. */
  readonly findings: number;
}

export interface ChangesView {
  readonly appeared: readonly ChangedFinding[];
  readonly resolved: readonly ChangedFinding[];
  readonly statuses: ReadonlyArray<{
    readonly domain: string;
    readonly from: Status;
    readonly to: Status;
  }>;
}

export interface ChangedFinding {
  readonly domain: string;
  readonly rule: string;
  readonly severity: Severity;
  readonly message: string;
}

/**
 * Where one finding (by fingerprint) stood in each scan: `open`, `waived` (present, suppressed),
 * `absent` (its rule ran and did not find it), `not-checked` (its rule could not run),
 * `not-scanned` (the domain was not in that report).
 */
export type TimelineState = "open" | "waived" | "absent" | "not-checked" | "not-scanned";

export interface TimelineView {
  readonly rule: string;
  readonly severity: Severity;
  /** The latest message for it. */
  readonly message: string;
  /** One state per scan, oldest first. */
  readonly states: readonly TimelineState[];
  /** When it appeared and was resolved (by scan index): the timeline in words. */
  readonly events: ReadonlyArray<{
    readonly scan: number;
    readonly event: "appeared" | "resolved";
  }>;
}
