// Combines the JSON reports of a sharded scan into the report an unsharded scan would have given:
// domains re-sorted, the summary recomputed, duplicates and mixed versions refused.
import type { AccountReport, DomainReport, Report } from "./model.js";
import { summarise } from "./summary.js";

export type MergeResult = { ok: true; report: Report } | { ok: false; message: string };

export interface NamedReport {
  readonly source: string;
  readonly report: Report;
}

function byDomain(a: DomainReport, b: DomainReport): number {
  return a.domain < b.domain ? -1 : a.domain > b.domain ? 1 : 0;
}

export function mergeReports(inputs: readonly NamedReport[]): MergeResult {
  const [first, ...rest] = inputs;
  if (!first) return { ok: false, message: "no reports to merge" };
  for (const { source, report } of rest) {
    if (
      report.schemaVersion !== first.report.schemaVersion ||
      report.tool.version !== first.report.tool.version
    ) {
      return {
        ok: false,
        message: `${source} was written by domain-drift ${report.tool.version} (schema ${report.schemaVersion}), ${first.source} by ${first.report.tool.version} (schema ${first.report.schemaVersion}): merge reports of one version`,
      };
    }
    if (report.failOn !== first.report.failOn) {
      return {
        ok: false,
        message: `${source} fails on ${report.failOn}, ${first.source} on ${first.report.failOn}: the shards must use the same --fail-on`,
      };
    }
  }
  const seen = new Map<string, string>();
  const domains: DomainReport[] = [];
  for (const { source, report } of inputs) {
    for (const domain of report.domains) {
      const other = seen.get(domain.domain);
      if (other)
        return {
          ok: false,
          message: `${domain.domain} is in both ${other} and ${source}: were the shards cut the same way?`,
        };
      seen.set(domain.domain, source);
      domains.push(domain);
    }
  }
  domains.sort(byDomain);
  // Account findings do not depend on the shard: every shard sees the whole account. Keep one copy.
  const accounts = new Map<string, AccountReport>();
  for (const { report } of inputs)
    for (const account of report.accounts)
      if (!accounts.has(account.account)) accounts.set(account.account, account);
  const accountList = [...accounts.values()];
  const awsCalls: Record<string, number> = {};
  for (const { report } of inputs) {
    for (const [operation, count] of Object.entries(report.stats.awsCalls))
      awsCalls[operation] = (awsCalls[operation] ?? 0) + count;
  }
  const reports = inputs.map((i) => i.report);
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
      summary: summarise(domains, accountList),
      domains,
      accounts: accountList,
      baseline: undefined,
      stats: {
        durationMs: Math.max(...reports.map((r) => r.stats.durationMs)),
        dnsQueries: reports.reduce((n, r) => n + r.stats.dnsQueries, 0),
        rdapRequests: reports.reduce((n, r) => n + r.stats.rdapRequests, 0),
        awsCalls,
      },
    },
  };
}
