// Short human descriptions shared by the renderers that write for people (text and Markdown),
// so both say the same thing the same way.
import type {
  CheckResult,
  Diagnosis,
  DomainReport,
  FindingValue,
  MigrationCheck,
  MigrationMove,
  MigrationReport,
  Report,
  SourceName,
} from "../model/model.js";

export function describeValue(value: FindingValue): string {
  if (value === null) return "none";
  if (Array.isArray(value)) return value.length === 0 ? "(none)" : value.join(", ");
  return String(value);
}

export function describeIntended(domain: DomainReport): string {
  const { architecture, registrar, dnsHost } = domain.intended;
  return `${architecture} (registrar ${registrar}, DNS ${dnsHost})`;
}

export function describeObserved(domain: DomainReport): string {
  const { architecture, registrar, dnsHost, delegation } = domain.observed;
  const registrarText = registrar
    ? registrar.ids.length > 0
      ? registrar.ids.join("/")
      : (registrar.name ?? "unknown")
    : "unknown";
  const hostText = delegation === "not-delegated" ? "not delegated" : (dnsHost ?? "unknown");
  return `${architecture ?? "unknown"} (registrar ${registrarText}, DNS ${hostText})`;
}

const STATUS_ORDER = { drift: 0, unknown: 1, compliant: 2 } as const;

/** Problems first, then by name: the order people read reports in, and stable across runs. */
export function byStatusThenName(a: DomainReport, b: DomainReport): number {
  return (
    STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
    (a.domain < b.domain ? -1 : a.domain > b.domain ? 1 : 0)
  );
}

const SOURCE_LABELS: Readonly<Record<SourceName, string>> = {
  delegation: "the DNS delegation walk",
  rdap: "the registry lookup (RDAP or WHOIS)",
  route53Domains: "Route 53 Domains",
  route53: "Route 53",
};

/** `[1] Route 53 Domains and Route 53 failed for 14 domains: <reason>` */
export function diagnosisHeadline(diagnosis: Diagnosis, index: number): string {
  const sources = diagnosis.sources.map((source) => SOURCE_LABELS[source]).join(" and ");
  return `[${index}] ${sources} failed for ${diagnosis.domains} domains: ${diagnosis.reason}`;
}

/** A domain's not-checked checks: how many the report's diagnoses explain, and which; the others. */
export function notCheckedOf(domain: DomainReport): {
  readonly diagnosed: number;
  /** The diagnoses (1-based) that explain them, in order. */
  readonly diagnoses: readonly number[];
  readonly others: readonly CheckResult[];
} {
  const diagnoses = new Set<number>();
  const others: CheckResult[] = [];
  let diagnosed = 0;
  for (const check of domain.checks) {
    if (check.status !== "not-checked") continue;
    if (check.diagnosis === undefined) others.push(check);
    else {
      diagnosed += 1;
      diagnoses.add(check.diagnosis);
    }
  }
  return { diagnosed, diagnoses: [...diagnoses].sort((a, b) => a - b), others };
}

/** `not checked (15 checks): see [1], [3]` for the checks the diagnoses explain. */
export function diagnosedLine(diagnosed: number, diagnoses: readonly number[]): string {
  const refs = diagnoses.map((index) => `[${index}]`).join(", ");
  return `not checked (${diagnosed} check${diagnosed === 1 ? "" : "s"}): see ${refs}`;
}

const HOUR_MS = 3_600_000;

/** What came from the caches of earlier runs, for each source that has one. */
const CACHED_SOURCES: ReadonlyArray<{ readonly source: SourceName; readonly what: string }> = [
  { source: "rdap", what: "RDAP registrations" },
  { source: "route53Domains", what: "Route 53 Domains details" },
];

/**
 * `RDAP registrations of 9,500 domains came from the cache of earlier runs, the oldest 23 h
 * old; Route 53 Domains details of 2,100 domains, the oldest 23 h old (\`--refresh\` asks
 * again)`, or undefined when every source was asked in this run.
 */
export function cachedSourcesLine(report: Report): string | undefined {
  const finished = Date.parse(report.finishedAt);
  const parts: string[] = [];
  for (const { source, what } of CACHED_SOURCES) {
    let domains = 0;
    let oldest = Number.POSITIVE_INFINITY;
    for (const domain of report.domains) {
      const at = domain.sources[source].observedAt;
      if (at === undefined) continue;
      domains++;
      const time = Date.parse(at);
      if (Number.isFinite(time)) oldest = Math.min(oldest, time);
    }
    if (domains === 0) continue;
    const hours =
      Number.isFinite(oldest) && Number.isFinite(finished)
        ? `, the oldest ${Math.max(0, Math.floor((finished - oldest) / HOUR_MS))} h old`
        : "";
    const count = `${domains.toLocaleString("en-US")} domain${domains === 1 ? "" : "s"}`;
    parts.push(
      parts.length === 0
        ? `${what} of ${count} came from the cache of earlier runs${hours}`
        : `${what} of ${count}${hours}`,
    );
  }
  if (parts.length === 0) return undefined;
  return `${parts.join("; ")} (\`--refresh\` asks again)`;
}

const ROLE_LABELS = { dnsHost: "DNS host", registrar: "registrar" } as const;

/** `migration switching: DNS host hover → route53 switching, registrar hover → route53 ready` */
export function migrationHeadline(migration: MigrationReport): string {
  const moves = migration.moves
    .map((move) => `${ROLE_LABELS[move.role]} ${move.from} → ${move.to} ${move.phase}`)
    .join(", ");
  const until =
    migration.keepOldHostUntil === undefined
      ? ""
      : `; keep the old host until ${migration.keepOldHostUntil}`;
  return `migration ${migration.phase}: ${moves}${until}`;
}

/** The checks that hold a migration back (failed or not checked), with their move. */
export function migrationBlockers(
  migration: MigrationReport,
): readonly { readonly move: MigrationMove; readonly check: MigrationCheck }[] {
  return migration.moves.flatMap((move) =>
    move.checks
      .filter((check) => check.status === "fail" || check.status === "not-checked")
      .map((check) => ({ move, check })),
  );
}

/** `DNS host target-zone failed: the target DNS host has no zone of this name yet` */
export function describeBlocker(blocker: {
  readonly move: MigrationMove;
  readonly check: MigrationCheck;
}): string {
  const verb = blocker.check.status === "fail" ? "not yet" : "not checked";
  return `${ROLE_LABELS[blocker.move.role]} ${blocker.check.name} ${verb}: ${blocker.check.detail}`;
}
