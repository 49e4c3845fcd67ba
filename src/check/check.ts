// The `check` pipeline: policy intents → observers (concurrent, bounded) → rules → one report.
// Observers are passed in, so the CLI, the Action, the demo and tests run the same pipeline.
import pLimit from "p-limit";
import { draftToFinding } from "../judge/findings.js";
import { judgeDomain } from "../judge/judge.js";
import { ACCOUNT_RULES } from "../judge/rules/registry.js";
import { waiverBook } from "../judge/waivers.js";
import type { Observers, ProviderSource } from "../observe/observers.js";
import { accountInventory } from "../observe/providers/inventory.js";
import type { PolicySet } from "../policy/types.js";
import { diagnose } from "../report/model/diagnoses.js";
import type {
  AccountReport,
  DomainReport,
  PolicyLocation,
  Report,
  ReportStats,
  Severity,
} from "../report/model/model.js";
import { REPORT_SCHEMA_VERSION } from "../report/model/model.js";
import { summarise } from "../report/model/summary.js";
import { TOOL_NAME, TOOL_VERSION } from "../version.js";
import {
  observeDomain,
  registryFromCache,
  type Slot,
  withFreshRegistry,
} from "./observe-domain.js";
import { type DomainSelection, selectDomains } from "./select.js";

export interface CheckProgress {
  readonly done: number;
  readonly total: number;
}

export interface CheckRun {
  readonly policySet: PolicySet;
  readonly observers: Observers;
  /** Drift at or above this severity fails the run (exit code 1). */
  readonly failOn: Severity;
  /** Also judge the AWS accounts as a whole (`unmanaged-*` rules). */
  readonly inventory: boolean;
  readonly selection: DomainSelection;
  /** Domains whose DNS walk and RDAP lookup run at once (see `maxDomainsInProgress`). */
  readonly domainsObservedAtOnce: number;
  readonly now: Date;
  readonly onProgress?: (progress: CheckProgress) => void;
  /** Counters of the observers, read once at the end. */
  readonly stats: () => Omit<ReportStats, "durationMs">;
}

const ROUTE53 = "route53";

/**
 * The AWS accounts the policies use: every declared one, and the default chain if a domain relies
 * on it.
 */
function accountsInUse(policySet: PolicySet): (string | undefined)[] {
  const accounts: (string | undefined)[] = [...policySet.accounts.values()]
    .filter((account) => account.provider === ROUTE53)
    .map((account) => account.id);
  if (policySet.domains.some((d) => d.accounts[ROUTE53] === undefined)) accounts.unshift(undefined);
  return accounts;
}

async function judgeAccount(
  provider: ProviderSource,
  account: string | undefined,
  declared: ReadonlySet<string>,
  location: PolicyLocation | undefined,
): Promise<AccountReport> {
  const inventory = await accountInventory(provider, account);
  const findings = ACCOUNT_RULES.flatMap((rule) => {
    const verdict = rule.evaluate({ inventory, declared });
    if (verdict.kind !== "fail") return [];
    return verdict.findings.map((draft) =>
      draftToFinding(rule, `account:${inventory.account}`, draft, location),
    );
  });
  const status = (listing: { kind: "ok" } | { kind: "unavailable"; reason: string }) =>
    listing.kind === "ok"
      ? { status: "ok" as const, reason: undefined }
      : { status: "unavailable" as const, reason: listing.reason };
  return {
    account: inventory.account,
    findings,
    sources: {
      route53Domains: status(inventory.registeredDomains),
      route53: status(inventory.publicHostedZones),
    },
  };
}

/**
 * Domains between the start of their observation and their judgement. A domain holds a live slot
 * only for its DNS walk and RDAP lookup, then waits for its AWS observations outside it (account
 * listings, the rate limiter), holding its DNS observation. This bounds how far the live work runs
 * ahead of slow AWS answers, and so the observations held at once; it is wide enough that the
 * first account listings (one page after another) do not stall DNS at the start of a scan.
 */
export function maxDomainsInProgress(domainsObservedAtOnce: number): number {
  return Math.max(1_024, 8 * domainsObservedAtOnce);
}

export async function runCheck(run: CheckRun): Promise<Report> {
  const started = Date.now();
  const { policySet, observers, now } = run;
  const intents = selectDomains(policySet.domains, run.selection);
  const waivers = waiverBook(policySet.waivers);
  const observedAtOnce = Math.max(1, run.domainsObservedAtOnce);
  const live = pLimit(observedAtOnce);
  const inProgress = pLimit(maxDomainsInProgress(observedAtOnce));
  const registrationCache =
    observers.rdap.kind === "enabled" ? observers.rdap.source.cache : undefined;
  let done = 0;
  const domains: DomainReport[] = await Promise.all(
    intents.map((intent) =>
      inProgress(async () => {
        const slot: Slot = (work) => live(work);
        let observations = await observeDomain(intent, observers, slot);
        // Only the verdict is kept: the observations go once the domain is judged.
        let report = judgeDomain(intent, observations, policySet.catalog, waivers, now);
        // A registration from an earlier run may confirm a pass, never a failure: those are judged
        // again on a fresh answer.
        if (report.status !== "compliant" && registryFromCache(observations)) {
          observations = await withFreshRegistry(intent, observations, observers, slot);
          report = judgeDomain(intent, observations, policySet.catalog, waivers, now);
        }
        registrationCache?.settle(intent.registrableDomain, report.status);
        done += 1;
        run.onProgress?.({ done, total: intents.length });
        return report;
      }),
    ),
  );
  domains.sort((a, b) => (a.domain < b.domain ? -1 : a.domain > b.domain ? 1 : 0));

  const accounts: AccountReport[] = [];
  const aws = observers.providers.get(ROUTE53);
  if (run.inventory && aws?.kind === "enabled") {
    const declared = new Set(policySet.domains.map((d) => d.name));
    // Account findings belong to no policy entry; they point at the first policy file, where a
    // missing domain would be added (code scanning needs a location for every result).
    const first = policySet.files[0];
    const location = first === undefined ? undefined : { file: first, line: 1, column: 1 };
    for (const account of accountsInUse(policySet)) {
      accounts.push(await judgeAccount(aws.source, account, declared, location));
    }
  }

  const diagnosed = diagnose(domains);
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    startedAt: new Date(started).toISOString(),
    finishedAt: new Date().toISOString(),
    failOn: run.failOn,
    shard: run.selection.shard,
    summary: summarise(domains, accounts),
    diagnoses: diagnosed.diagnoses,
    domains: diagnosed.domains,
    accounts,
    baseline: undefined,
    stats: { ...run.stats(), durationMs: Date.now() - started },
  };
}
