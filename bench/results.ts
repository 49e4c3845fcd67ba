// The benchmark's figures, derived from what was measured, and their BENCHMARKS.md section: one
// dated section per run, with every target of issue 7 next to the measured value.

import type { CheckerRun } from "./checker.js";
import type { HtmlMeasurement } from "./html-report.js";
import type { Machine } from "./machine.js";
import { MIX, type PortfolioDomain } from "./portfolio.js";

export interface ScanMeasurement {
  readonly label: "cold" | "warm";
  readonly run: CheckerRun;
  /** AWS emulator counters for this scan, by operation. */
  readonly awsCalls: Readonly<Record<string, number>>;
  readonly rdapRequests: number;
  /** Queries the lab's name servers received during this scan. */
  readonly labQueries: number;
  /** CPU time of the benchmark process (RDAP and the AWS emulators) during this scan. */
  readonly labCpuMs: number;
  /** Its event-loop delay, 99th percentile: high values mean the lab, not the checker, was slow. */
  readonly labLoopDelayP99Ms: number;
  /** CPU time of the DNS lab's process during this scan. */
  readonly dnsLabCpuMs: number;
  /** The DNS lab's event-loop delay, 99th percentile, during this scan. */
  readonly dnsLabLoopDelayP99Ms: number;
}

/** What the command line chose. */
export interface ProfileSettings {
  /** `lab`: RDAP answers at once and AWS unthrottled; `realistic`: see bench/run.ts. */
  readonly profile: "lab" | "realistic";
  readonly domains: number;
  readonly concurrency: number;
  readonly latencyMs: number;
  readonly rdapLatency: number | { readonly minMs: number; readonly maxMs: number };
  /** One RDAP request in this many is answered 429; 0: none. */
  readonly rdapRateLimitEvery: number;
  /** Undefined: the checker's default client-side limit. */
  readonly awsRequestsPerSecond: number | undefined;
}

export interface BenchSettings extends ProfileSettings {
  readonly nameServers: number;
  readonly route53Servers: number;
}

export interface BenchResult {
  readonly date: Date;
  readonly machine: Machine;
  readonly settings: BenchSettings;
  readonly portfolio: readonly PortfolioDomain[];
  readonly scans: readonly ScanMeasurement[];
  readonly html: HtmlMeasurement;
}

/** Route 53 and Route 53 Domains list 100 items a page. */
const LIST_PAGE = 100;
/** domain-drift's default client-side limit per account and API (`--aws-rps`), for the real-world floor. */
const DEFAULT_AWS_RPS = 5;
const RSS_TARGET_MB = 200;
const RATIO_TARGET = 1.3;
/** Issue 16: the realistic profile, warm, with RDAP and Route 53 Domains answered from caches. */
const REALISTIC_RATIO_TARGET = 1.5;
/** Issue 16: warm, 20 ms lab profile. */
const CPU_PER_DOMAIN_TARGET_MS = 0.6;
const WARM_CALLS_TARGET = 0.03;

const mb = (kb: number) => kb / 1024;
const fixed = (n: number, digits = 2) => n.toFixed(digits);
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const count = (n: number) => n.toLocaleString("en-US");
const sum = (values: Iterable<number>) => [...values].reduce((a, b) => a + b, 0);
const mark = (ok: boolean) => (ok ? "met" : "**missed**");

interface Derived {
  readonly qpd: number;
  readonly addressesPerDomain: number;
  readonly queryBound: number;
  readonly latencyBoundMs: number;
  readonly ratio: number;
  readonly pipelineRatio: number;
  readonly domainsPerSecond: number;
}

function derive(result: BenchResult, scan: ScanMeasurement): Derived {
  const { domains, concurrency, latencyMs } = result.settings;
  const qpd = scan.run.report.stats.dnsQueries / domains;
  const addressesPerDomain = sum(result.portfolio.map((d) => d.addresses)) / domains;
  const latencyBoundMs = (domains * qpd * latencyMs) / concurrency;
  return {
    qpd,
    addressesPerDomain,
    queryBound: 1 + addressesPerDomain + 0.05,
    latencyBoundMs,
    ratio: scan.run.wallMs / latencyBoundMs,
    pipelineRatio: scan.run.report.stats.durationMs / latencyBoundMs,
    domainsPerSecond: domains / (scan.run.wallMs / 1000),
  };
}

function awsBudget(portfolio: readonly PortfolioDomain[]) {
  const zones = sum(portfolio.map((d) => d.hostedZones));
  const registered = portfolio.filter((d) => d.route53Registered).length;
  return {
    zones,
    registered,
    listHostedZones: Math.max(1, Math.ceil(zones / LIST_PAGE)),
    listDomains: Math.max(1, Math.ceil(registered / LIST_PAGE)),
  };
}

function verdicts(result: BenchResult, scan: ScanMeasurement): { text: string; ok: boolean } {
  const expected = {
    compliant: result.portfolio.filter((d) => d.expected === "compliant").length,
    drift: result.portfolio.filter((d) => d.expected === "drift").length,
  };
  const { compliant, drift, unknown } = scan.run.report.summary;
  const ok = compliant === expected.compliant && drift === expected.drift && unknown === 0;
  return {
    ok,
    text: `${count(compliant)} compliant, ${count(drift)} drift, ${count(unknown)} unknown (expected ${count(expected.compliant)} / ${count(expected.drift)} / 0)`,
  };
}

/** Domains whose verdict differs from the world's, by kind: what to look at when verdicts miss. */
function verdictMismatches(result: BenchResult, scan: ScanMeasurement): string[] {
  const observed = new Map(scan.run.report.domains.map((d) => [d.domain, d]));
  const byKind = new Map<string, { n: number; example: string; got: string }>();
  for (const domain of result.portfolio) {
    const report = observed.get(domain.name);
    if (report?.status === domain.expected) continue;
    // For an unknown domain, the first source that failed says why.
    const failed = Object.entries(report?.sources ?? {}).find(
      ([, s]) => s.status === "unavailable",
    );
    const got =
      report === undefined
        ? "missing"
        : `${report.status}${failed === undefined ? "" : ` (${failed[0]}: ${failed[1].reason})`}`;
    const entry = byKind.get(domain.kind);
    if (entry) entry.n++;
    else byKind.set(domain.kind, { n: 1, example: domain.name, got });
  }
  return [...byKind].map(
    ([kind, { n, example, got }]) => `${kind}: ${n} not as expected (e.g. ${example}: ${got})`,
  );
}

/** Route 53 Domains operations; everything else is Route 53 (each API has its own quota). */
const DOMAINS_API = new Set(["ListDomains", "GetDomainDetail"]);

/** The least time these calls take at the default client rate limit: the busier API decides. */
function quotaFloorMs(calls: Readonly<Record<string, number>>): number {
  const entries = Object.entries(calls);
  const domainsApi = sum(entries.filter(([op]) => DOMAINS_API.has(op)).map(([, n]) => n));
  const route53 = sum(entries.filter(([op]) => !DOMAINS_API.has(op)).map(([, n]) => n));
  return (Math.max(domainsApi, route53) / DEFAULT_AWS_RPS) * 1000;
}

const BUDGETED = new Set(["GetHostedZone", "GetDomainDetail", "ListHostedZones", "ListDomains"]);

/** Calls the issue's budget does not name (e.g. ListResourceRecordSets, the apex-NS fallback). */
function outsideBudget(calls: Readonly<Record<string, number>>): string {
  const other = Object.entries(calls).filter(([op, n]) => !BUDGETED.has(op) && n > 0);
  if (other.length === 0) return "";
  return ` (besides: ${other.map(([op, n]) => `${count(n)} ${op}`).join(", ")}, outside the budget)`;
}

function awsCell(calls: Readonly<Record<string, number>>, domains: number): string {
  const entries = Object.entries(calls).filter(([, n]) => n > 0);
  if (entries.length === 0) return "none";
  return entries
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([op, n]) => `${op} ${count(n)} (${fixed(n / domains, 3)})`)
    .join("<br>");
}

/** The HTML report's line: renderer, page size, the `report` command, and opening it. */
function htmlLine(html: HtmlMeasurement): string {
  const runs = html.renderRunsMs.map((ms) => fixed(ms, 0)).join(", ");
  const opened =
    "openMs" in html.chromium
      ? `opens in headless Chromium in ${seconds(html.chromium.openMs)} (until the overview and the table's first page are drawn)`
      : `not opened in Chromium: ${html.chromium.skipped}`;
  return [
    `- HTML report of the warm scan (${count(html.domains)} domains): \`renderHtml\` ${fixed(html.renderMs, 0)} ms, ${fixed(html.renderCpuMs, 0)} ms CPU (median of ${html.renderRunsMs.length} runs: ${runs} ms);`,
    `page ${fixed(html.pageBytes / 1024 ** 2, 1)} MB, ${fixed(html.gzippedBytes / 1024 ** 2, 1)} MB gzipped;`,
    `\`domain-drift report --format html\` ${seconds(html.command.wallMs)} spawn to exit, peak RSS ${fixed(mb(html.command.maxRssKb), 0)} MB, CPU ${seconds(html.command.cpuMs)};`,
    `${opened}.`,
  ].join(" ");
}

/** A domain's verdict as a comparable line: status and the rules that failed. */
function verdictLine(domain: CheckerRun["report"]["domains"][number]): string {
  const rules = [...new Set(domain.findings.map((f) => f.rule))].sort();
  return `${domain.status}${rules.length > 0 ? ` (${rules.join(", ")})` : ""}`;
}

/** Domains whose verdict (status and failed rules) differs between two scans of the same world. */
export function verdictDifferences(uncached: ScanMeasurement, cached: ScanMeasurement): string[] {
  const before = new Map(uncached.run.report.domains.map((d) => [d.domain, verdictLine(d)]));
  const differences: string[] = [];
  for (const domain of cached.run.report.domains) {
    const was = before.get(domain.domain);
    const is = verdictLine(domain);
    if (was !== is)
      differences.push(`${domain.domain}: ${was ?? "missing"} uncached, ${is} ${cached.label}`);
  }
  if (cached.run.report.domains.length !== uncached.run.report.domains.length) {
    differences.push(
      `${uncached.run.report.domains.length} domains uncached, ${cached.run.report.domains.length} ${cached.label}`,
    );
  }
  return differences;
}

function rdapLatencyText(latency: ProfileSettings["rdapLatency"]): string {
  return typeof latency === "number" ? `${latency} ms` : `${latency.minMs}–${latency.maxMs} ms`;
}

/** Issue 16: RDAP and Route 53 Domains answered from caches for ≥ 95% of domains, warm. */
const CACHED_SHARE_TARGET = 95;

/**
 * `RDAP 94.0% (940 of 1,000), Route 53 Domains 82.3% (181 of 220)`: the domains whose registry
 * record came from the cache, of those RDAP answered; the Route 53 Domains details that came from
 * it, of those used (cached, or asked with GetDomainDetail in this scan).
 */
function cachedShare(scan: ScanMeasurement): string {
  const domains = scan.run.report.domains;
  const rdapAnswered = domains.filter((d) => d.sources.rdap.status === "ok");
  const rdapCached = rdapAnswered.filter((d) => d.sources.rdap.observedAt !== undefined).length;
  const detailsCached = domains.filter(
    (d) => d.sources.route53Domains.observedAt !== undefined,
  ).length;
  const detailsUsed = detailsCached + (scan.awsCalls.GetDomainDetail ?? 0);
  const share = (part: number, whole: number) =>
    `${fixed(whole === 0 ? 0 : (100 * part) / whole, 1)}% (${count(part)} of ${count(whole)})`;
  return `RDAP ${share(rdapCached, rdapAnswered.length)}, Route 53 Domains ${share(detailsCached, detailsUsed)}`;
}

export function renderSection(result: BenchResult): string {
  const { settings, machine, portfolio } = result;
  const N = settings.domains;
  const budget = awsBudget(portfolio);
  const cold = result.scans.find((s) => s.label === "cold");
  const warm = result.scans.find((s) => s.label === "warm");
  if (!cold || !warm) throw new Error("a benchmark result needs a cold and a warm scan");
  const d = { cold: derive(result, cold), warm: derive(result, warm) };
  const identical = verdictDifferences(cold, warm).length === 0;
  const v = { cold: verdicts(result, cold), warm: verdicts(result, warm) };
  const calls = (scan: ScanMeasurement, op: string) => scan.awsCalls[op] ?? 0;
  const warmOther = sum(Object.values(warm.awsCalls)) - calls(warm, "GetDomainDetail");
  const coldOk =
    calls(cold, "GetHostedZone") <= budget.zones &&
    calls(cold, "GetDomainDetail") <= budget.registered &&
    calls(cold, "ListHostedZones") <= budget.listHostedZones &&
    calls(cold, "ListDomains") <= budget.listDomains;
  const totalCalls = (scan: ScanMeasurement) => sum(Object.values(scan.awsCalls));
  const stamp = result.date
    .toISOString()
    .replace("T", " ")
    .replace(/:\d\d\.\d+Z$/, " UTC");
  const mix = MIX.map((m) => `${m.percent}% ${m.kind}`).join(", ");

  const row = (name: string, coldValue: string, warmValue: string, target: string) =>
    `| ${name} | ${coldValue} | ${warmValue} | ${target} |`;
  const lines = [
    `### ${stamp} — ${count(N)} domains, ${settings.profile === "realistic" ? "realistic profile, " : ""}${settings.latencyMs} ms DNS latency${settings.rdapLatency !== 0 ? `, ${rdapLatencyText(settings.rdapLatency)} RDAP latency` : ""}, concurrency ${settings.concurrency}`,
    "",
    `- Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.ramGb} GB RAM, Node ${machine.node}, ${machine.os}; load average ${machine.load} at the start.`,
    `- Portfolio: ${count(N)} domains (${mix}); ${count(budget.zones)} hosted zones, ${count(budget.registered)} Route 53 Domains registrations, one AWS account.`,
    `- World: ${settings.nameServers} name servers (${settings.route53Servers} Route 53), ${settings.latencyMs} ms added to every DNS reply, ${rdapLatencyText(settings.rdapLatency)} to every RDAP answer${settings.rdapRateLimitEvery > 0 ? `, one RDAP request in ${settings.rdapRateLimitEvery} answered 429 (Retry-After 1 s)` : ""}; the name servers run in a process of their own, RDAP and the AWS emulators in the benchmark's, the checker in a third (\`node lib/shells/cli/main.js check --concurrency ${settings.concurrency}${settings.awsRequestsPerSecond === undefined ? "" : ` --aws-rps ${settings.awsRequestsPerSecond}`}\`${settings.awsRequestsPerSecond === undefined ? ", the default AWS client rate" : ""}).`,
    "",
    "| | cold (empty cache) | warm (same cache) | target |",
    "|---|---|---|---|",
    row("wall time, spawn to exit", seconds(cold.run.wallMs), seconds(warm.run.wallMs), ""),
    row(
      "check pipeline (report `durationMs`)",
      seconds(cold.run.report.stats.durationMs),
      seconds(warm.run.report.stats.durationMs),
      "",
    ),
    row("domains/s", fixed(d.cold.domainsPerSecond, 0), fixed(d.warm.domainsPerSecond, 0), ""),
    row(
      "DNS queries per domain",
      fixed(d.cold.qpd, 3),
      fixed(d.warm.qpd, 3),
      `≤ ${fixed(d.cold.queryBound, 3)} (1 + ${fixed(d.cold.addressesPerDomain, 3)} addresses + 0.05): ${mark(d.cold.qpd <= d.cold.queryBound && d.warm.qpd <= d.warm.queryBound)}`,
    ),
    row(
      "latency bound N × q × latency / concurrency",
      seconds(d.cold.latencyBoundMs),
      seconds(d.warm.latencyBoundMs),
      "",
    ),
    row(
      "wall / latency bound",
      fixed(d.cold.ratio),
      fixed(d.warm.ratio),
      settings.profile === "realistic"
        ? `warm ≤ ${REALISTIC_RATIO_TARGET} (issue 16): ${mark(d.warm.ratio <= REALISTIC_RATIO_TARGET)}`
        : `≤ ${RATIO_TARGET}: cold ${mark(d.cold.ratio <= RATIO_TARGET)}, warm ${mark(d.warm.ratio <= RATIO_TARGET)}`,
    ),
    row(
      "pipeline / latency bound",
      fixed(d.cold.pipelineRatio),
      fixed(d.warm.pipelineRatio),
      "(without process start and policy loading)",
    ),
    row(
      "AWS API calls (per domain)",
      awsCell(cold.awsCalls, N),
      awsCell(warm.awsCalls, N),
      `cold ≤ ${count(budget.zones)} GetHostedZone + ${count(budget.registered)} GetDomainDetail + ${budget.listHostedZones} + ${budget.listDomains} list pages: ${mark(coldOk)}${outsideBudget(cold.awsCalls)}; warm no GetHostedZone: ${mark(calls(warm, "GetHostedZone") === 0)}`,
    ),
    row(
      "AWS calls per domain other than GetDomainDetail",
      fixed((totalCalls(cold) - calls(cold, "GetDomainDetail")) / N, 3),
      fixed(warmOther / N, 3),
      `warm ≤ ${WARM_CALLS_TARGET} (a portfolio hosted but not registered in Route 53): ${mark(warmOther / N <= WARM_CALLS_TARGET)}`,
    ),
    row(
      `AWS time at the default --aws-rps ${DEFAULT_AWS_RPS} (per API)`,
      `≥ ${seconds(quotaFloorMs(cold.awsCalls))}`,
      `≥ ${seconds(quotaFloorMs(warm.awsCalls))}`,
      settings.awsRequestsPerSecond === undefined
        ? "a floor: this profile keeps the default rate"
        : "a floor, not measured: the benchmark lifts the limit",
    ),
    row(
      "RDAP requests per domain",
      fixed(cold.rdapRequests / N, 3),
      fixed(warm.rdapRequests / N, 3),
      "",
    ),
    row(
      "answered from the cache of earlier runs (of the domains the source answered)",
      cachedShare(cold),
      cachedShare(warm),
      settings.profile === "realistic" ? `warm ≥ ${CACHED_SHARE_TARGET}% each (issue 16)` : "",
    ),
    row(
      "checker peak RSS",
      `${fixed(mb(cold.run.maxRssKb), 0)} MB`,
      `${fixed(mb(warm.run.maxRssKb), 0)} MB`,
      N === 10_000
        ? `≤ ${RSS_TARGET_MB} MB at 10,000 (issue 16): ${mark(Math.max(cold.run.maxRssKb, warm.run.maxRssKb) <= RSS_TARGET_MB * 1024)}`
        : `≤ ${RSS_TARGET_MB} MB at 10,000; near-linear growth`,
    ),
    row("checker CPU time", seconds(cold.run.cpuMs), seconds(warm.run.cpuMs), ""),
    row(
      "checker CPU per domain",
      `${fixed(cold.run.cpuMs / N)} ms`,
      `${fixed(warm.run.cpuMs / N)} ms`,
      settings.profile === "lab" && settings.latencyMs === 20
        ? `warm ≤ ${CPU_PER_DOMAIN_TARGET_MS} ms (issue 16): ${mark(warm.run.cpuMs / N <= CPU_PER_DOMAIN_TARGET_MS)}`
        : "",
    ),
    row(
      "DNS lab: queries received, CPU, event-loop delay p99",
      `${count(cold.labQueries)}, ${seconds(cold.dnsLabCpuMs)}, ${fixed(cold.dnsLabLoopDelayP99Ms, 1)} ms`,
      `${count(warm.labQueries)}, ${seconds(warm.dnsLabCpuMs)}, ${fixed(warm.dnsLabLoopDelayP99Ms, 1)} ms`,
      "",
    ),
    row(
      "RDAP and AWS lab: CPU, event-loop delay p99",
      `${seconds(cold.labCpuMs)}, ${fixed(cold.labLoopDelayP99Ms, 1)} ms`,
      `${seconds(warm.labCpuMs)}, ${fixed(warm.labLoopDelayP99Ms, 1)} ms`,
      "",
    ),
    row("verdicts", v.cold.text, v.warm.text, `as the world says: ${mark(v.cold.ok && v.warm.ok)}`),
    row(
      "verdicts identical to the uncached (cold) scan",
      "",
      identical ? "yes" : `**no**: ${count(verdictDifferences(cold, warm).length)} differ`,
      `every domain's status and failed rules: ${mark(identical)}`,
    ),
    row(
      "exit code",
      String(cold.run.exitCode),
      String(warm.run.exitCode),
      "1 (the portfolio has drift)",
    ),
    "",
  ];
  lines.push(htmlLine(result.html), "");
  const mismatches = [...verdictMismatches(result, cold), ...verdictMismatches(result, warm)];
  if (mismatches.length > 0) {
    lines.push("Verdicts not as the world says:", "", ...mismatches.map((m) => `- ${m}`), "");
  }
  return `${lines.join("\n")}\n`;
}
