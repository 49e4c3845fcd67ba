// `init --from <provider>` (`--from-aws` is `--from route53`): lists each account through its
// provider's adapter (registered domains, public zones, as the provider interface gives them),
// observes every name as `check` would (live delegation from the root, RDAP, the provider's API),
// and drafts one policy file per account that describes it as it is today. Nothing here is
// particular to a provider: a provider registered later is read the same way.
import pLimit from "p-limit";
import { buildCatalog } from "../catalog/catalog.js";
import type { PolicyProviderDefinition, ProviderCatalog } from "../catalog/types.js";
import { observeDomain } from "../check/observe-domain.js";
import type { DomainObservations } from "../observe/observations.js";
import type { Observers } from "../observe/observers.js";
import { accountInventory } from "../observe/providers/inventory.js";
import { providerDescriptor } from "../observe/providers/registry.js";
import type { AccountInventory } from "../observe/providers/types.js";
import { architectureOf, ROUTE53 } from "../policy/architecture.js";
import { OPTIONAL_DNSSEC } from "../policy/dnssec-setting.js";
import type { DomainIntent } from "../policy/types.js";
import { draftAccount, type ObservedName } from "./account-draft.js";
import { accountsOf, observerAccount, policyFileName, providerOf } from "./init-account.js";
import { mergeProviderDefinitions } from "./new-providers.js";
import { type AccountListing, type Placement, placeNames } from "./placement.js";
import { proposeDomain } from "./propose.js";
import type { InitAccount, PolicyDraft } from "./types.js";

export interface InitRun {
  readonly observers: Observers;
  /** The accounts to describe, one policy file each, in this order. */
  readonly accounts: readonly InitAccount[];
  /** Domains whose DNS walk and RDAP lookup run at once. */
  readonly domainsObservedAtOnce: number;
  readonly now: Date;
}

async function inventoryOf(observers: Observers, account: InitAccount): Promise<AccountInventory> {
  const provider = providerOf(account);
  const source = observers.providers.get(provider) ?? {
    kind: "skipped",
    reason: `the ${providerDescriptor(provider)?.name ?? provider} API is not open`,
  };
  if (source.kind === "skipped") {
    const unavailable = {
      kind: "unavailable",
      account: account.id,
      reason: source.reason,
      deniedAction: undefined,
    } as const;
    return { account: account.id, registeredDomains: unavailable, publicHostedZones: unavailable };
  }
  return accountInventory(source.source, observerAccount(account));
}

/**
 * The roles the probe asks the account's provider for: each role it plays, else Route 53 as
 * `check` falls back to (a placeholder the observations overrule).
 */
function probeRoles(account: InitAccount): { registrar: string; dnsHost: string } {
  const provider = providerOf(account);
  const descriptor = providerDescriptor(provider);
  return {
    registrar: descriptor?.registrar === undefined ? ROUTE53 : provider,
    dnsHost: descriptor?.dnsHost === undefined ? ROUTE53 : provider,
  };
}

/**
 * What the observers are asked with. The observers read the name, the account, a pinned zone, and
 * from the providers only which API to ask: they are placeholders until the observations decide them.
 */
function probeIntent(placement: Placement): DomainIntent {
  const roles = probeRoles(placement.account);
  return {
    name: placement.name,
    unicode: placement.unicode,
    registrableDomain: placement.registrableDomain,
    position: { file: policyFileName(placement.account), line: 1, column: 1 },
    ...roles,
    architecture: architectureOf(roles.registrar, roles.dnsHost),
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

export async function draftPolicies(run: InitRun): Promise<PolicyDraft> {
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
