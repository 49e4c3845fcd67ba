// One diagnosis instead of a wall of repeats: when a source fails for several domains the same
// way (no network, no route to the root, no AWS credentials, a registry host down or throttling),
// the report says it once, with the fix, and marks each domain's checks that it explains. Decided
// here, once, so every renderer (and a merge of shards) shows the same thing.
import type { CheckResult, Diagnosis, DomainReport, SourceName } from "./model.js";

/** A failure shared by fewer domains is shown on the domains themselves. */
const MIN_DOMAINS = 2;
const DOMAIN_PLACEHOLDER = "<domain>";
const SOURCE_ORDER: readonly SourceName[] = ["delegation", "rdap", "route53Domains", "route53"];

/** The domain and its parents above the TLD, longest first: names a reason may mention. */
function namesIn(domain: string): string[] {
  const labels = domain.split(".");
  return labels.slice(0, -1).map((_, i) => labels.slice(i).join("."));
}

const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The reason with the domain's own names replaced, so failures of many domains compare equal. */
export function generalReason(reason: string, domain: string): string {
  let general = reason;
  for (const name of namesIn(domain)) {
    general = general.replace(new RegExp(`\\b${literal(name)}\\b`, "gi"), DOMAIN_PLACEHOLDER);
  }
  return general;
}

/** What to do about a failure of `sources`, as a command-line user would do it. */
export function fixFor(sources: readonly SourceName[], reason: string): string {
  if (sources.includes("delegation")) {
    return "check network access to the root servers (UDP and TCP port 53) or pass --root-hints";
  }
  if (sources.includes("route53Domains") || sources.includes("route53")) {
    if (/credential/i.test(reason)) return "configure AWS credentials or pass --no-aws";
    if (/denied|not authori[sz]ed/i.test(reason)) {
      return "grant the read-only IAM actions listed in docs/aws.md or pass --no-aws";
    }
    if (/throttl|rate/i.test(reason)) return "lower --aws-rps or run again later";
    return "check access to the AWS APIs (HTTPS to *.amazonaws.com) or pass --no-aws";
  }
  if (/HTTP 429|Retry-After|rate limit|kept this run waiting|queue is longer/i.test(reason)) {
    return "the registry is throttling this run: lower --concurrency, or check fewer domains per run (--shard)";
  }
  return "check network access to the registry's RDAP (HTTPS) or WHOIS (TCP port 43) server";
}

interface Group {
  readonly reason: string;
  readonly sources: Set<SourceName>;
  readonly domains: Set<string>;
}

/** The shared failures of `domains`, most widespread first, and the domains with their checks marked. */
export function diagnose(domains: readonly DomainReport[]): {
  readonly diagnoses: readonly Diagnosis[];
  readonly domains: readonly DomainReport[];
} {
  const groups = new Map<string, Group>();
  for (const domain of domains) {
    for (const [source, status] of Object.entries(domain.sources) as [
      SourceName,
      DomainReport["sources"][SourceName],
    ][]) {
      if (status.status !== "unavailable" || status.reason === undefined) continue;
      const reason = generalReason(status.reason, domain.domain);
      const group = groups.get(reason) ?? { reason, sources: new Set(), domains: new Set() };
      group.sources.add(source);
      group.domains.add(domain.domain);
      groups.set(reason, group);
    }
  }
  // Most widespread first; then in the pipeline's order (the DNS walk, the registry, AWS).
  const rank = (group: Group) =>
    Math.min(...[...group.sources].map((s) => SOURCE_ORDER.indexOf(s)));
  const shared = [...groups.values()]
    .filter((group) => group.domains.size >= MIN_DOMAINS)
    .sort((a, b) => b.domains.size - a.domains.size || rank(a) - rank(b));
  if (shared.length === 0) return { diagnoses: [], domains };
  const diagnoses: Diagnosis[] = shared.map((group) => {
    const sources = [...group.sources].sort(
      (a, b) => SOURCE_ORDER.indexOf(a) - SOURCE_ORDER.indexOf(b),
    );
    return {
      sources,
      reason: group.reason,
      fix: fixFor(sources, group.reason),
      domains: group.domains.size,
    };
  });
  return { diagnoses, domains: domains.map((domain) => markDiagnosed(domain, diagnoses)) };
}

/** The domain with each not-checked check that a diagnosis explains pointing at it (1-based). */
function markDiagnosed(domain: DomainReport, diagnoses: readonly Diagnosis[]): DomainReport {
  const explained: { reason: string; index: number }[] = [];
  for (const status of Object.values(domain.sources)) {
    if (status.status !== "unavailable" || status.reason === undefined) continue;
    const general = generalReason(status.reason, domain.domain);
    const index = diagnoses.findIndex((d) => d.reason === general);
    if (index >= 0) explained.push({ reason: status.reason, index: index + 1 });
  }
  if (explained.length === 0) return domain;
  const checks = domain.checks.map((check): CheckResult => {
    if (check.status !== "not-checked" || check.reason === undefined) return check;
    const by = explained.find((e) => check.reason?.includes(e.reason));
    return by === undefined ? check : { ...check, diagnosis: by.index };
  });
  return { ...domain, checks };
}
