// The report as the HTML page reads it (./page-data.ts): every string made safe to display once,
// here, and the few numbers the overview shows counted from the verdicts the report already has.
import { plainDeep } from "../../../text/sanitize.js";
import {
  type AccountReport,
  type DomainReport,
  type Finding,
  type PolicyLocation,
  type Report,
  SEVERITIES,
  type Severity,
  type SourceStatus,
} from "../../model/model.js";
import { byStatusThenName, describeValue } from "../describe.js";
import { chainOf } from "./chain.js";
import { dnssecOf } from "./dnssec.js";
import { migrationOf } from "./migration.js";
import type {
  AccountView,
  CheckView,
  DomainView,
  FindingView,
  OverviewView,
  PageData,
  Setup,
  SourceView,
  TimelineView,
} from "./page-data.js";

/** How far ahead the overview lists expiring registrations. */
const EXPIRING_WITHIN_DAYS = 30;

const SETUPS: readonly Setup[] = ["traditional", "registrar-only", "dns-host-only", "external"];
const SOURCE_LABELS = {
  delegation: "DNS delegation",
  rdap: "Registry (RDAP or WHOIS)",
  route53Domains: "Route 53 Domains",
  route53: "Route 53",
} as const;
/** An account's listings: Route 53's, or another provider's registrar and DNS-host APIs. */
const ACCOUNT_SOURCE_LABELS: Readonly<Record<string, string>> = {
  ...SOURCE_LABELS,
  registrar: "Registrar API",
  dnsHost: "DNS host API",
};
const DAY_MS = 86_400_000;

/** Stores each distinct list once and gives its index. */
class Lists<T> {
  readonly values: T[][] = [];
  readonly #index = new Map<string, number>();

  indexOf(list: T[]): number {
    const key = JSON.stringify(list);
    let index = this.#index.get(key);
    if (index === undefined) {
      index = this.values.push(list) - 1;
      this.#index.set(key, index);
    }
    return index;
  }
}

const where = (location: PolicyLocation): string =>
  `${location.file}:${location.line}:${location.column}`;

function findingView(finding: Finding): FindingView {
  const waiver = finding.suppressed;
  return {
    rule: finding.rule,
    severity: finding.severity,
    message: finding.message,
    expected: describeValue(finding.expected),
    observed: describeValue(finding.observed),
    remediation: finding.remediation,
    location: finding.location && where(finding.location),
    suppressed:
      waiver && `waived until ${waiver.expires} (${where(waiver.waiver)}): ${waiver.reason}`,
    baseline: finding.baseline,
  };
}

function sourceViews(sources: Readonly<Record<string, SourceStatus | undefined>>): SourceView[] {
  return Object.entries(sources).flatMap(([source, status]) =>
    status === undefined
      ? []
      : [
          {
            source: ACCOUNT_SOURCE_LABELS[source] ?? source,
            status: status.status,
            reason: status.reason,
          },
        ],
  );
}

function worstOf(findings: readonly Finding[]): Severity | undefined {
  const open = findings.filter((f) => f.suppressed === undefined).map((f) => f.severity);
  return SEVERITIES.find((severity) => open.includes(severity));
}

/** Whole days from `from` (ms) to an ISO date; undefined when the date does not parse. */
function daysUntil(date: string | undefined, from: number): number | undefined {
  const at = date === undefined ? Number.NaN : Date.parse(date);
  return Number.isNaN(at) || Number.isNaN(from) ? undefined : Math.floor((at - from) / DAY_MS);
}

interface Shared {
  readonly checks: Lists<CheckView>;
  readonly sources: Lists<SourceView>;
}

function domainView(
  raw: DomainReport,
  scanEnd: number,
  timeline: readonly TimelineView[] | undefined,
  shared: Shared,
): DomainView {
  const domain = plainDeep(raw);
  const { intended, observed } = domain;
  const registrar = observed.registrar;
  return {
    name: domain.domain,
    unicode: domain.unicode,
    status: domain.status,
    policy: where(domain.policy),
    intended: {
      setup: intended.architecture,
      registrar: intended.registrar,
      dnsHost: intended.dnsHost,
      nameservers: intended.nameservers,
      hostedZoneId: intended.hostedZoneId,
      account: intended.account,
    },
    observed: {
      setup: observed.architecture,
      registrar: registrar && (registrar.ids.join("/") || registrar.name || "unnamed"),
      registrarIds: registrar?.ids ?? [],
      registrarName: registrar?.name,
      ianaId: registrar?.ianaId,
      dnsHost: observed.delegation === "not-delegated" ? "not delegated" : observed.dnsHost,
      delegation: observed.delegation,
      expiry: observed.expiry,
      daysToExpiry: daysUntil(observed.expiry, scanEnd),
      hostedZones: observed.hostedZones.map((zone) => `${zone.id} (account ${zone.account})`),
    },
    rules: [...new Set(domain.findings.filter((f) => !f.suppressed).map((f) => f.rule))],
    worst: worstOf(domain.findings),
    findings: domain.findings.map(findingView),
    checks: shared.checks.indexOf(domain.checks.map((check) => ({ ...check }))),
    sources: shared.sources.indexOf(sourceViews(domain.sources)),
    chain: chainOf(domain),
    dnssec: dnssecOf(domain),
    migration: migrationOf(domain),
    timeline,
  };
}

function accountView(raw: AccountReport): AccountView {
  const account = plainDeep(raw);
  return {
    account: account.account,
    findings: account.findings.map(findingView),
    sources: sourceViews(account.sources),
  };
}

function zeroBySeverity(): Record<Severity, number> {
  return Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
}

function overview(report: Report, domains: readonly DomainView[]): OverviewView {
  const setups = [...SETUPS, "unknown" as const].map((setup) => ({
    setup,
    intended: domains.filter((d) => d.intended.setup === setup).length,
    observed: domains.filter((d) => (d.observed.setup ?? "unknown") === setup).length,
  }));
  const byRule = new Map<string, Record<Severity, number>>();
  const bySeverity = zeroBySeverity();
  const findings = [...report.domains, ...report.accounts].flatMap((owner) => owner.findings);
  for (const finding of findings.filter((f) => f.suppressed === undefined)) {
    const rule = plainDeep(finding.rule);
    const counts = byRule.get(rule) ?? zeroBySeverity();
    counts[finding.severity] += 1;
    bySeverity[finding.severity] += 1;
    byRule.set(rule, counts);
  }
  const total = (counts: Record<Severity, number>) =>
    SEVERITIES.reduce((sum, severity) => sum + counts[severity], 0);
  const expiring = domains
    .map((d, domain) => ({ domain, days: d.observed.daysToExpiry }))
    .filter((e): e is { domain: number; days: number } => e.days !== undefined)
    .filter((e) => e.days <= EXPIRING_WITHIN_DAYS)
    .sort((a, b) => a.days - b.days || a.domain - b.domain);
  const sources = Object.entries(SOURCE_LABELS).map(([key, source]) => {
    const statuses = report.domains.map((d) => d.sources[key as keyof typeof SOURCE_LABELS].status);
    const count = (status: SourceStatus["status"]) => statuses.filter((s) => s === status).length;
    return {
      source,
      ok: count("ok"),
      unavailable: count("unavailable"),
      skipped: count("skipped"),
    };
  });
  return {
    domains: report.summary.domains,
    diagnoses: (report.diagnoses ?? []).map((diagnosis) => ({
      ...plainDeep({ reason: diagnosis.reason, fix: diagnosis.fix }),
      sources: diagnosis.sources.map((source) => SOURCE_LABELS[source]),
      domains: diagnosis.domains,
    })),
    byStatus: {
      drift: report.summary.drift,
      unknown: report.summary.unknown,
      compliant: report.summary.compliant,
    },
    suppressed: report.summary.suppressed,
    setups,
    findings: [...byRule]
      .map(([rule, counts]) => ({ rule, bySeverity: counts, total: total(counts) }))
      .sort((a, b) => b.total - a.total || (a.rule < b.rule ? -1 : 1)),
    bySeverity,
    expiring,
    expiringWithinDays: EXPIRING_WITHIN_DAYS,
    sources,
  };
}

/**
 * The page data of one report. `timelines` (history page) gives each domain's findings across
 * scans, by domain name.
 */
export function pageData(
  report: Report,
  timelines?: ReadonlyMap<string, readonly TimelineView[]>,
): PageData {
  const scanEnd = Date.parse(report.finishedAt);
  const shared: Shared = { checks: new Lists(), sources: new Lists() };
  const domains = [...report.domains]
    .sort(byStatusThenName)
    .map((domain) => domainView(domain, scanEnd, timelines?.get(domain.domain), shared));
  const scan = plainDeep({
    tool: report.tool.name,
    version: report.tool.version,
    startedAt: report.startedAt,
    finishedAt: report.finishedAt,
  });
  return {
    scan: {
      ...scan,
      failOn: report.failOn,
      durationSeconds: report.stats.durationMs / 1000,
      dnsQueries: report.stats.dnsQueries,
      rdapRequests: report.stats.rdapRequests,
      whoisQueries: report.stats.whoisQueries,
      awsCalls: Object.values(report.stats.awsCalls).reduce((sum, n) => sum + n, 0),
    },
    checkLists: shared.checks.values,
    sourceLists: shared.sources.values,
    overview: overview(report, domains),
    domains,
    accounts: report.accounts.map(accountView),
    resolved:
      report.baseline &&
      plainDeep(report.baseline.resolved).map(({ domain, rule, message }) => ({
        domain,
        rule,
        message,
      })),
    history: undefined,
  };
}
