// Combines the JSON reports of a sharded scan into the report an unsharded scan would have given:
// domains re-sorted, the summary recomputed; mixed versions, overlapping or missing shards refused.

import { diagnose } from "./model/diagnoses.js";
import type {
  AccountReport,
  AccountSourceName,
  DomainReport,
  Finding,
  Report,
  ResolvedFinding,
  SourceStatus,
} from "./model/model.js";
import { shardOf } from "./model/shard.js";
import { allFindings, summarise } from "./model/summary.js";

export type MergeResult = { ok: true; report: Report } | { ok: false; message: string };

export interface NamedReport {
  readonly source: string;
  readonly report: Report;
}

type Refusal = { ok: false; message: string };

function byDomain(a: DomainReport, b: DomainReport): number {
  return a.domain < b.domain ? -1 : a.domain > b.domain ? 1 : 0;
}

function refuse(message: string): Refusal {
  return { ok: false, message };
}

function sameRun(first: NamedReport, rest: readonly NamedReport[]): Refusal | undefined {
  for (const { source, report } of rest) {
    if (
      report.schemaVersion !== first.report.schemaVersion ||
      report.tool.version !== first.report.tool.version
    ) {
      return refuse(
        `${source} was written by domain-drift ${report.tool.version} (schema ${report.schemaVersion}), ${first.source} by ${first.report.tool.version} (schema ${first.report.schemaVersion}): merge reports of one version`,
      );
    }
    if (report.failOn !== first.report.failOn) {
      return refuse(
        `${source} fails on ${report.failOn}, ${first.source} on ${first.report.failOn}: the shards must use the same --fail-on`,
      );
    }
    if ((report.baseline === undefined) !== (first.report.baseline === undefined)) {
      const [compared, plain] = report.baseline ? [source, first.source] : [first.source, source];
      return refuse(
        `${compared} was compared with a baseline and ${plain} was not: run every shard with the same --baseline, or none`,
      );
    }
  }
  return undefined;
}

/**
 * Shard reports must be the complete set 1..n of one cut, each once; unsharded reports may be
 * merged with each other (e.g. two policy directories) but not with shards.
 */
function wholeCut(inputs: readonly NamedReport[]): Refusal | undefined {
  const shards = inputs.flatMap(({ source, report }) =>
    report.shard === undefined ? [] : [{ source, report, shard: report.shard }],
  );
  const [reference] = shards;
  if (reference === undefined) return undefined;
  const whole = inputs.find((i) => i.report.shard === undefined);
  if (whole) {
    return refuse(
      `${whole.source} is a whole scan and ${reference.source} one shard of a scan: merge the shards of one scan only`,
    );
  }
  const { count } = reference.shard;
  const byIndex = new Map<number, string>();
  for (const { source, report, shard } of shards) {
    if (shard.count !== count) {
      return refuse(
        `${source} is shard ${shard.index}/${shard.count}, ${reference.source} shard ${reference.shard.index}/${count}: the shards must come from one --shard i/n cut`,
      );
    }
    const other = byIndex.get(shard.index);
    if (other !== undefined) {
      return refuse(`${other} and ${source} are both shard ${shard.index}/${count}`);
    }
    byIndex.set(shard.index, source);
    const stray = report.domains.find((d) => shardOf(d.domain, count) !== shard.index);
    if (stray) {
      return refuse(
        `${source} is shard ${shard.index}/${count} but holds ${stray.domain}, which belongs to shard ${shardOf(stray.domain, count)}/${count}`,
      );
    }
  }
  const missing: string[] = [];
  for (let index = 1; index <= count; index++) {
    if (!byIndex.has(index)) missing.push(`${index}/${count}`);
  }
  if (missing.length === 0) return undefined;
  const shown = missing.length > 10 ? [...missing.slice(0, 10), "..."] : missing;
  return refuse(
    `shard${missing.length === 1 ? "" : "s"} ${shown.join(", ")} of the scan ${missing.length === 1 ? "is" : "are"} missing: a merged report must cover every shard`,
  );
}

function uniqueDomains(inputs: readonly NamedReport[]): DomainReport[] | Refusal {
  const seen = new Map<string, string>();
  const domains: DomainReport[] = [];
  for (const { source, report } of inputs) {
    for (const domain of report.domains) {
      const other = seen.get(domain.domain);
      if (other !== undefined) {
        return refuse(
          `${domain.domain} is in both ${other} and ${source}: were the shards cut the same way?`,
        );
      }
      seen.set(domain.domain, source);
      domains.push(domain);
    }
  }
  return domains.sort(byDomain);
}

function betterSource(a: SourceStatus, b: SourceStatus): SourceStatus {
  return a.status !== "ok" && b.status === "ok" ? b : a;
}

/**
 * Every shard judges the whole account, so the copies normally agree. Where one shard could not
 * list the account and another could, the listing that worked is kept, with every finding any
 * shard made: a finding seen once is real.
 */
function mergeAccounts(inputs: readonly NamedReport[]): AccountReport[] {
  const accounts = new Map<string, AccountReport>();
  for (const { report } of inputs) {
    for (const account of report.accounts) {
      const known = accounts.get(account.account);
      if (known === undefined) {
        accounts.set(account.account, account);
        continue;
      }
      const fingerprints = new Set(known.findings.map((f) => f.fingerprint));
      const names = new Set([
        ...Object.keys(known.sources),
        ...Object.keys(account.sources),
      ]) as Set<AccountSourceName>;
      const sources: Partial<Record<AccountSourceName, SourceStatus>> = {};
      for (const name of names) {
        const [a, b] = [known.sources[name], account.sources[name]];
        const better = a === undefined ? b : b === undefined ? a : betterSource(a, b);
        if (better !== undefined) sources[name] = better;
      }
      accounts.set(account.account, {
        account: known.account,
        ...(known.provider === undefined ? {} : { provider: known.provider }),
        findings: [
          ...known.findings,
          ...account.findings.filter((f) => !fingerprints.has(f.fingerprint)),
        ],
        sources,
      });
    }
  }
  return [...accounts.values()];
}

/**
 * Each shard compares its findings with the whole baseline, so it lists the baseline findings of
 * the other shards' domains as resolved too. Resolved is what no shard still reports.
 */
function mergeResolved(
  inputs: readonly NamedReport[],
  findings: readonly Finding[],
): ResolvedFinding[] {
  const current = new Set(findings.map((f) => f.fingerprint));
  const resolved = new Map<string, ResolvedFinding>();
  for (const { report } of inputs) {
    for (const entry of report.baseline?.resolved ?? []) {
      if (!current.has(entry.fingerprint) && !resolved.has(entry.fingerprint))
        resolved.set(entry.fingerprint, entry);
    }
  }
  return [...resolved.values()];
}

export function mergeReports(inputs: readonly NamedReport[]): MergeResult {
  const [first, ...rest] = inputs;
  if (!first) return refuse("no reports to merge");
  const refusal = sameRun(first, rest) ?? wholeCut(inputs);
  if (refusal) return refusal;
  const domains = uniqueDomains(inputs);
  if (!Array.isArray(domains)) return domains;
  const accounts = mergeAccounts(inputs);
  const awsCalls: Record<string, number> = {};
  for (const { report } of inputs) {
    for (const [operation, count] of Object.entries(report.stats.awsCalls))
      awsCalls[operation] = (awsCalls[operation] ?? 0) + count;
  }
  const reports = inputs.map((i) => i.report);
  const baseline =
    first.report.baseline === undefined
      ? undefined
      : { resolved: mergeResolved(inputs, allFindings({ domains, accounts })) };
  return {
    ok: true,
    report: {
      schemaVersion: first.report.schemaVersion,
      tool: first.report.tool,
      startedAt: reports.map((r) => r.startedAt).sort()[0] ?? first.report.startedAt,
      finishedAt:
        reports
          .map((r) => r.finishedAt)
          .sort()
          .at(-1) ?? first.report.finishedAt,
      failOn: first.report.failOn,
      shard: undefined,
      summary: summarise(domains, accounts),
      // Recomputed over all shards: a failure each shard saw once may be shared across them.
      ...diagnosedAgain(domains),
      accounts,
      baseline,
      stats: {
        durationMs: Math.max(...reports.map((r) => r.stats.durationMs)),
        dnsQueries: reports.reduce((n, r) => n + r.stats.dnsQueries, 0),
        rdapRequests: reports.reduce((n, r) => n + r.stats.rdapRequests, 0),
        whoisQueries: reports.reduce((n, r) => n + (r.stats.whoisQueries ?? 0), 0),
        awsCalls,
      },
    },
  };
}

/** The merged domains' diagnoses, from the domains with the shards' marks removed. */
function diagnosedAgain(domains: readonly DomainReport[]) {
  const unmarked = domains.map((domain) => ({
    ...domain,
    checks: domain.checks.map(({ diagnosis: _, ...check }) => check),
  }));
  const { diagnoses, domains: marked } = diagnose(unmarked);
  return { diagnoses, domains: marked };
}
