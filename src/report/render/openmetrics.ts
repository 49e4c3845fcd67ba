// `--format openmetrics`: the report as an OpenMetrics text exposition, for the node_exporter
// textfile collector or a Pushgateway, so the Grafana a team already runs can chart it
// (docs/grafana-dashboard.json uses exactly these names; docs/reports.md lists them).
//
// Every family is a gauge: each file describes one scan, so even its counts (DNS queries, AWS
// calls) are values of that scan, not counters rising across scans; and gauges read the same in
// the Prometheus text format the textfile collector parses, which has no stateset or info type.
// A domain's status is therefore one gauge per state, 1 for the state it is in and 0 for the
// others (what OpenMetrics' stateset would expose). No sample carries a timestamp: the textfile
// collector refuses them. Expiry is a Unix timestamp (base unit seconds), so "days left" is
// computed at query time and never goes stale between scans.
import { plainLine } from "../../text/sanitize.js";
import { type DomainReport, type Report, SEVERITIES, type SourceStatus } from "../model/model.js";

interface Sample {
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

interface Family {
  /** Without the `domain_drift_` prefix. */
  readonly name: string;
  readonly help: string;
  readonly unit?: "seconds";
  readonly samples: readonly Sample[];
}

const PREFIX = "domain_drift_";
const DOMAIN_STATUSES: readonly DomainReport["status"][] = ["compliant", "drift", "unknown"];
const SOURCE_STATUSES: readonly SourceStatus["status"][] = ["ok", "unavailable", "skipped"];

/** A label value as OpenMetrics escapes it; untrusted text is made one displayable line first. */
function labelValue(text: string): string {
  return plainLine(text).replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

function number(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (!Number.isFinite(value)) return value > 0 ? "+Inf" : "-Inf";
  return String(value);
}

function sampleLine(name: string, sample: Sample): string {
  const labels = Object.entries(sample.labels)
    .map(([label, value]) => `${label}="${labelValue(value)}"`)
    .join(",");
  return `${name}${labels === "" ? "" : `{${labels}}`} ${number(sample.value)}`;
}

function familyText(family: Family): string[] {
  const name = `${PREFIX}${family.name}`;
  return [
    `# TYPE ${name} gauge`,
    ...(family.unit === undefined ? [] : [`# UNIT ${name} ${family.unit}`]),
    `# HELP ${name} ${family.help}`,
    ...family.samples.map((sample) => sampleLine(name, sample)),
  ];
}

const one = (value: number): Sample[] => [{ labels: {}, value }];

function scanFamilies(report: Report): Family[] {
  const finished = Date.parse(report.finishedAt) / 1000;
  return [
    {
      name: "build_info",
      help: "The domain-drift version that wrote these metrics (always 1).",
      samples: [{ labels: { version: report.tool.version }, value: 1 }],
    },
    {
      name: "scan_timestamp_seconds",
      unit: "seconds",
      help: "When the scan finished, as a Unix timestamp.",
      samples: Number.isNaN(finished) ? [] : one(finished),
    },
    {
      name: "scan_duration_seconds",
      unit: "seconds",
      help: "How long the scan took.",
      samples: one(report.stats.durationMs / 1000),
    },
    {
      name: "scan_dns_queries",
      help: "DNS queries the scan sent.",
      samples: one(report.stats.dnsQueries),
    },
    {
      name: "scan_rdap_requests",
      help: "RDAP requests the scan made.",
      samples: one(report.stats.rdapRequests),
    },
    {
      name: "scan_whois_queries",
      help: "WHOIS queries the scan made (registries without RDAP).",
      // Reports written before WHOIS was asked have no count: they made none.
      samples: one(report.stats.whoisQueries ?? 0),
    },
    {
      name: "scan_aws_calls",
      help: "AWS API calls the scan made, by operation.",
      samples: Object.entries(report.stats.awsCalls)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([operation, value]) => ({ labels: { operation }, value })),
    },
  ];
}

function summaryFamilies(report: Report): Family[] {
  const byRuleAndSeverity = new Map<string, number>();
  for (const finding of [...report.domains, ...report.accounts].flatMap((o) => o.findings)) {
    if (finding.suppressed !== undefined) continue;
    const key = JSON.stringify([finding.rule, finding.severity]);
    byRuleAndSeverity.set(key, (byRuleAndSeverity.get(key) ?? 0) + 1);
  }
  const sourceCounts = (["delegation", "rdap", "route53Domains", "route53"] as const).flatMap(
    (source) =>
      SOURCE_STATUSES.map((status) => ({
        labels: { source, status },
        value: report.domains.filter((d) => d.sources[source].status === status).length,
      })),
  );
  return [
    {
      name: "domains",
      help: "Domains checked, by status.",
      samples: DOMAIN_STATUSES.map((status) => ({
        labels: { status },
        value: report.summary[status],
      })),
    },
    {
      name: "findings",
      help: "Open (not waived) findings, by rule and severity; a combination with none is absent.",
      samples: [...byRuleAndSeverity]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([key, value]) => {
          const [rule, severity] = JSON.parse(key) as [string, string];
          return { labels: { rule, severity }, value };
        }),
    },
    {
      name: "findings_waived",
      help: "Findings a waiver suppresses.",
      samples: one(report.summary.suppressed),
    },
    {
      name: "source_domains",
      help: "Domains for which each source of truth answered (ok), could not (unavailable) or was not asked (skipped).",
      samples: sourceCounts,
    },
    {
      name: "account_source_status",
      help: "Each provider account's sources for the inventory: 1 for the status it has, 0 for the others.",
      samples: report.accounts.flatMap((account) =>
        Object.entries(account.sources).flatMap(([source, listing]) =>
          SOURCE_STATUSES.map((status) => ({
            labels: { account: account.account, source, status },
            value: listing?.status === status ? 1 : 0,
          })),
        ),
      ),
    },
  ];
}

function domainFamilies(report: Report): Family[] {
  const domains = [...report.domains].sort((a, b) => (a.domain < b.domain ? -1 : 1));
  return [
    {
      name: "domain_status",
      help: "Each domain's status: 1 for the status it has, 0 for the others.",
      samples: domains.flatMap((d) =>
        DOMAIN_STATUSES.map((status) => ({
          labels: { domain: d.domain, status },
          value: d.status === status ? 1 : 0,
        })),
      ),
    },
    {
      name: "domain_info",
      help: "Each domain's setup, intended and observed, as labels (always 1); join on domain.",
      samples: domains.map((d) => ({
        labels: {
          domain: d.domain,
          unicode: d.unicode,
          intended_setup: d.intended.architecture,
          intended_registrar: d.intended.registrar,
          intended_dns_host: d.intended.dnsHost,
          setup: d.observed.architecture ?? "unknown",
          registrar: d.observed.registrar?.ids.join("/") || d.observed.registrar?.name || "unknown",
          dns_host: d.observed.dnsHost ?? "unknown",
        },
        value: 1,
      })),
    },
    {
      name: "domain_findings",
      help: "Each domain's open (not waived) findings, by severity; a severity with none is absent.",
      samples: domains.flatMap((d) =>
        SEVERITIES.map((severity) => ({
          labels: { domain: d.domain, severity },
          value: d.findings.filter((f) => f.severity === severity && !f.suppressed).length,
        })).filter((sample) => sample.value > 0),
      ),
    },
    {
      name: "domain_expiry_timestamp_seconds",
      unit: "seconds",
      help: "When each domain's registration expires, as a Unix timestamp (domains with a known expiry).",
      samples: domains.flatMap((d) => {
        const at = d.observed.expiry === undefined ? Number.NaN : Date.parse(d.observed.expiry);
        return Number.isNaN(at) ? [] : [{ labels: { domain: d.domain }, value: at / 1000 }];
      }),
    },
  ];
}

/** The metric families, in the order they are written (the dashboard test reads the names). */
export function metricFamilies(report: Report): readonly Family[] {
  return [...scanFamilies(report), ...summaryFamilies(report), ...domainFamilies(report)];
}

export function renderOpenMetrics(report: Report): string {
  // A family without samples is left out: older Prometheus text parsers reject one.
  const lines = metricFamilies(report)
    .filter((family) => family.samples.length > 0)
    .flatMap(familyText);
  return `${lines.join("\n")}\n# EOF\n`;
}
