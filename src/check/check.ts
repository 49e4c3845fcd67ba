// The `check` pipeline: policy intents → observers (concurrent, bounded) → rules → one report.
// Observers are passed in, so the CLI, the Action, the demo and tests run the same pipeline.
import pLimit from "p-limit";
import { draftToFinding } from "../judge/findings.js";
import { judgeDomain } from "../judge/judge.js";
import { ACCOUNT_RULES } from "../judge/rules/registry.js";
import { waiverBook } from "../judge/waivers.js";
import type { Observers, ProviderSource } from "../observe/observers.js";
import { accountInventory } from "../observe/providers/inventory.js";
import { PROVIDERS } from "../observe/providers/registry.js";
import type { ProviderDescriptor } from "../observe/providers/types.js";
import { ROUTE53 } from "../policy/architecture.js";
import type { PolicySet } from "../policy/types.js";
import { diagnose } from "../report/model/diagnoses.js";
import type {
  AccountReport,
  DomainReport,
  PolicyLocation,
  Report,
  ReportStats,
  Severity,
  SourceStatus,
} from "../report/model/model.js";
import { REPORT_SCHEMA_VERSION } from "../report/model/model.js";
import { summarise } from "../report/model/summary.js";
import { TOOL_NAME, TOOL_VERSION } from "../version.js";
import { fromCache, observeDomain, type Slot, withFreshSources } from "./observe-domain.js";
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
  /** Also judge the provider accounts as a whole (`unmanaged-*` rules). */
  readonly inventory: boolean;
  readonly selection: DomainSelection;
  /** Domains whose DNS walk and RDAP lookup run at once (see `maxDomainsInProgress`). */
  readonly domainsObservedAtOnce: number;
  readonly now: Date;
  readonly onProgress?: (progress: CheckProgress) => void;
  /** Counters of the observers, read once at the end. */
  readonly stats: () => Omit<ReportStats, "durationMs">;
}

/**
 * A provider's accounts the policies use: every declared one, and its default account if it has
 * one and a domain names none of the provider's accounts (Route 53: the default credential chain).
 */
function accountsInUse(
  policySet: PolicySet,
  descriptor: ProviderDescriptor,
): (string | undefined)[] {
  const { id } = descriptor;
  const accounts: (string | undefined)[] = [...policySet.accounts.values()]
    .filter((account) => account.provider === id)
    .map((account) => account.id);
  if (descriptor.hasDefaultAccount && policySet.domains.some((d) => d.accounts[id] === undefined)) {
    accounts.unshift(undefined);
  }
  return accounts;
}

/** Whether a provider's API can list an account's domains or zones, and which. */
function listedRoles(descriptor: ProviderDescriptor): {
  readonly domains: boolean;
  readonly zones: boolean;
} {
  return {
    domains: descriptor.registrar?.capabilities.listDomains === true,
    zones: descriptor.dnsHost?.capabilities.listZones === true,
  };
}

type ListingStatus = { kind: "ok" } | { kind: "unavailable"; reason: string };

function sourceStatus(listing: ListingStatus): SourceStatus {
  return listing.kind === "ok"
    ? { status: "ok", reason: undefined }
    : { status: "unavailable", reason: listing.reason };
}

async function judgeAccount(
  descriptor: ProviderDescriptor,
  source: ProviderSource,
  account: string | undefined,
  declared: ReadonlySet<string>,
  location: PolicyLocation | undefined,
): Promise<AccountReport> {
  const inventory = await accountInventory(source, account);
  const provider = {
    id: descriptor.id,
    registrarService: descriptor.registrar?.service,
    dnsHostService: descriptor.dnsHost?.service,
  };
  const findings = ACCOUNT_RULES.flatMap((rule) => {
    const verdict = rule.evaluate({ provider, inventory, declared });
    if (verdict.kind !== "fail") return [];
    return verdict.findings.map((draft) =>
      draftToFinding(rule, `account:${inventory.account}`, draft, location),
    );
  });
  if (descriptor.id === ROUTE53) {
    return {
      account: inventory.account,
      provider: descriptor.id,
      findings,
      sources: {
        route53Domains: sourceStatus(inventory.registeredDomains),
        route53: sourceStatus(inventory.publicHostedZones),
      },
    };
  }
  const listed = listedRoles(descriptor);
  return {
    account: inventory.account,
    provider: descriptor.id,
    findings,
    sources: {
      ...(listed.domains ? { registrar: sourceStatus(inventory.registeredDomains) } : {}),
      ...(listed.zones ? { dnsHost: sourceStatus(inventory.publicHostedZones) } : {}),
    },
  };
}

/** Every account of every open provider that can list its domains or zones (`--inventory`). */
async function judgeAccounts(policySet: PolicySet, observers: Observers): Promise<AccountReport[]> {
  const declared = new Set(policySet.domains.map((d) => d.name));
  // Account findings belong to no policy entry; they point at the first policy file, where a
  // missing domain would be added (code scanning needs a location for every result).
  const first = policySet.files[0];
  const location = first === undefined ? undefined : { file: first, line: 1, column: 1 };
  const accounts: AccountReport[] = [];
  for (const { descriptor } of PROVIDERS) {
    const opened = observers.providers.get(descriptor.id);
    const listed = listedRoles(descriptor);
    if (opened?.kind !== "enabled" || !(listed.domains || listed.zones)) continue;
    for (const account of accountsInUse(policySet, descriptor)) {
      accounts.push(await judgeAccount(descriptor, opened.source, account, declared, location));
    }
  }
  return accounts;
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
        if (report.status !== "compliant" && fromCache(observations)) {
          observations = await withFreshSources(intent, observations, observers, slot);
          report = judgeDomain(intent, observations, policySet.catalog, waivers, now);
        }
        registrationCache?.settle(intent.registrableDomain, report.status);
        const { registration } = observations;
        if (registration.kind === "registered") {
          observers.registrarDetails?.settle(
            observations.registrarApi.provider,
            registration,
            report.status,
          );
        }
        done += 1;
        run.onProgress?.({ done, total: intents.length });
        return report;
      }),
    ),
  );
  domains.sort((a, b) => (a.domain < b.domain ? -1 : a.domain > b.domain ? 1 : 0));

  const accounts = run.inventory ? await judgeAccounts(policySet, observers) : [];

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
