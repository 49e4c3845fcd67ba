// `init --from-aws`: lists each AWS account (registered domains, public hosted zones), observes
// every name as `check` would (live delegation from the root, RDAP, Route 53 and Route 53
// Domains), and drafts one policy file per account that describes it as it is today.
import pLimit from "p-limit";
import { buildCatalog } from "../catalog/catalog.js";
import type { PolicyProviderDefinition, ProviderCatalog } from "../catalog/types.js";
import { observeDomain } from "../check/observe-domain.js";
import type { DomainObservations } from "../observe/observations.js";
import type { Observers } from "../observe/observers.js";
import { accountInventory } from "../observe/providers/inventory.js";
import type { AccountInventory } from "../observe/providers/types.js";
import { ROUTE53 } from "../policy/architecture.js";
import { OPTIONAL_DNSSEC } from "../policy/dnssec-setting.js";
import type { DomainIntent } from "../policy/types.js";
import { draftAccount, type ObservedName } from "./account-draft.js";
import { mergeProviderDefinitions } from "./new-providers.js";
import { type AccountListing, type Placement, placeNames } from "./placement.js";
import { proposeDomain } from "./propose.js";
import type { InitAccount, PolicyDraft } from "./types.js";

export interface InitFromAwsRun {
  readonly observers: Observers;
  /** The accounts to describe, one policy file each, in this order. */
  readonly accounts: readonly InitAccount[];
  /** Domains whose DNS walk and RDAP lookup run at once. */
  readonly domainsObservedAtOnce: number;
  readonly now: Date;
}

/** The file an account's policies are written to, inside the output directory. */
export function policyFileName(account: InitAccount): string {
  return `aws-${account.id}.yaml`;
}

/** The AWS observer's name for an account: undefined is the default credential chain. */
function awsAccount(account: InitAccount): string | undefined {
  return account.profile === undefined ? undefined : account.id;
}

/** The probe's accounts: the AWS one, unless it is the default credential chain. */
function accountsOf(account: InitAccount): Readonly<Record<string, string>> {
  const id = awsAccount(account);
  return id === undefined ? {} : { [ROUTE53]: id };
}

async function inventoryOf(observers: Observers, account: InitAccount): Promise<AccountInventory> {
  const aws = observers.providers.get(ROUTE53) ?? {
    kind: "skipped",
    reason: "the AWS observers are not open",
  };
  if (aws.kind === "skipped") {
    const unavailable = {
      kind: "unavailable",
      account: account.id,
      reason: aws.reason,
      deniedAction: undefined,
    } as const;
    return { account: account.id, registeredDomains: unavailable, publicHostedZones: unavailable };
  }
  return accountInventory(aws.source, awsAccount(account));
}

/**
 * What the observers are asked with. The observers read only the name, the account and a pinned
 * zone; the providers are placeholders until the observations decide them.
 */
function probeIntent(placement: Placement): DomainIntent {
  return {
    name: placement.name,
    unicode: placement.unicode,
    registrableDomain: placement.registrableDomain,
    position: { file: policyFileName(placement.account), line: 1, column: 1 },
    registrar: ROUTE53,
    dnsHost: ROUTE53,
    architecture: "traditional",
    nameservers: undefined,
    hostedZoneId: undefined,
    accounts: accountsOf(placement.account),
    hygiene: { expiryMinDays: undefined, transferLock: "ignore", autoRenew: "ignore" },
    dnssec: OPTIONAL_DNSSEC,
  };
}

async function observeName(
  placement: Placement,
  observers: Observers,
  catalog: ProviderCatalog,
): Promise<ObservedName> {
  const probe = probeIntent(placement);
  let observations: DomainObservations = await observeDomain(probe, observers);
  const proposal = proposeDomain(probe, observations, catalog);
  const zones = observations.hostedZones.kind === "found" ? observations.hostedZones.zones : [];
  // With several zones of the name, the pinned one decides what check asks the API; ask the same.
  if (proposal.hostedZoneId !== undefined && zones.length > 1) {
    observations = await observeDomain(
      { ...probe, hostedZoneId: proposal.hostedZoneId },
      observers,
    );
  }
  return { placement, observations, proposal };
}

function definitionsOf(name: ObservedName): PolicyProviderDefinition[] {
  return [name.proposal.registrar, name.proposal.dnsHost].flatMap((role) =>
    role.kind === "provider" && role.define !== undefined ? [role.define] : [],
  );
}

/** Each new provider is defined once in the set: in the first file that uses it. */
function providersByFile(
  definitions: readonly PolicyProviderDefinition[],
  observed: readonly ObservedName[],
  accounts: readonly InitAccount[],
): Map<string, PolicyProviderDefinition[]> {
  const byFile = new Map<string, PolicyProviderDefinition[]>(accounts.map((a) => [a.id, []]));
  const placed = new Set<string>();
  for (const account of accounts) {
    const used = new Set(
      observed
        .filter((n) => n.placement.account.id === account.id)
        .flatMap((n) => definitionsOf(n).map((d) => d.id)),
    );
    for (const definition of definitions) {
      if (used.has(definition.id) && !placed.has(definition.id)) {
        placed.add(definition.id);
        byFile.get(account.id)?.push(definition);
      }
    }
  }
  return byFile;
}

export async function draftPoliciesFromAws(run: InitFromAwsRun): Promise<PolicyDraft> {
  const { observers } = run;
  const listings: AccountListing[] = await Promise.all(
    run.accounts.map(async (account) => ({
      account,
      inventory: await inventoryOf(observers, account),
    })),
  );
  const { placements, accountNotes } = placeNames(listings);

  const builtin = buildCatalog([]);
  const limit = pLimit(Math.max(1, run.domainsObservedAtOnce));
  const observed = await Promise.all(
    placements.map((placement) => limit(() => observeName(placement, observers, builtin))),
  );

  const definitions = mergeProviderDefinitions(observed.flatMap(definitionsOf));
  const catalog = buildCatalog(definitions);
  const providers = providersByFile(definitions, observed, run.accounts);
  const results = run.accounts.map((account) =>
    draftAccount({
      account,
      file: policyFileName(account),
      names: observed.filter((n) => n.placement.account.id === account.id),
      providers: providers.get(account.id) ?? [],
      notes: accountNotes.get(account.id) ?? [],
      catalog,
      now: run.now,
    }),
  );
  const listingFailed = listings.some(
    ({ inventory }) =>
      inventory.registeredDomains.kind === "unavailable" ||
      inventory.publicHostedZones.kind === "unavailable",
  );
  return {
    files: results.map((r) => r.draft),
    incomplete: listingFailed || results.some((r) => r.incomplete),
  };
}
