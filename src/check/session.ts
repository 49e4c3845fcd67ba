// The front door of a check session, shared by the CLI's `check` and `init` and the GitHub
// Action: settings in, reference data loaded (custom files make a lab, where non-public addresses
// are allowed), observers opened (the DNS walker, the RDAP client, the AWS clients), then any
// number of runs, then close. The shells load and report the policies first, with
// `loadPolicies`: invalid policies stop a run before anything is opened. The RDAP and AWS
// observers (undici, the AWS SDK) are imported when a session opens, not when this module loads.
import {
  loadRootHints,
  loadSessionRdapBootstrap,
  loadSessionRegistryTable,
} from "../data/session-reference.js";
import { createDelegationWalker } from "../observe/dns/index.js";
import type { Observers } from "../observe/observers.js";
import { PROVIDERS } from "../observe/providers/registry.js";
import type { ProviderAccount, ProviderObserver } from "../observe/providers/types.js";
import type { PolicySet } from "../policy/types.js";
import type { Report, Severity } from "../report/model/model.js";
import { type CheckProgress, runCheck } from "./check.js";
import { createRegistryLookup } from "./registry-lookup.js";
import type { DomainSelection } from "./select.js";
import { type CheckSettings, walkerOptions } from "./settings.js";

/** One `check` over (a selection of) a policy set. */
export interface CheckRequest {
  readonly policySet: PolicySet;
  /** Drift at or above this severity fails the run (exit code 1). */
  readonly failOn: Severity;
  /** Also judge the AWS accounts as a whole (`unmanaged-*` rules). */
  readonly inventory: boolean;
  readonly selection: DomainSelection;
  readonly now: Date;
  readonly onProgress?: (progress: CheckProgress) => void;
}

export interface CheckSession {
  /** The open observers, for work that observes as `check` does (`init --from-aws`). */
  readonly observers: Observers;
  /** Why a refreshed reference copy in the cache was ignored (the embedded one is used instead). */
  readonly warnings: readonly string[];
  /** Observes and judges the request's domains: one report. */
  run(request: CheckRequest): Promise<Report>;
  /** Waits for walks in flight, releases the clients and writes the caches. */
  close(): Promise<void>;
}

export type OpenedCheckSession =
  | { readonly ok: true; readonly session: CheckSession }
  | { readonly ok: false; readonly message: string };

/**
 * The provider adapters a session opens: Route 53 unless `--no-aws` (its default account serves
 * every domain that names none), and every other provider some policy account names (a provider
 * without a default account is asked only in declared accounts).
 */
async function openProviders(
  settings: CheckSettings,
  accounts: readonly ProviderAccount[],
  env: NodeJS.ProcessEnv,
): Promise<ReadonlyMap<string, ProviderObserver | string>> {
  const opened = new Map<string, ProviderObserver | string>();
  await Promise.all(
    PROVIDERS.map(async ({ descriptor, open }) => {
      const own = accounts.filter((account) => account.provider === descriptor.id);
      if (descriptor.id === "route53" && !settings.aws) {
        opened.set(descriptor.id, "AWS checks are off (--no-aws)");
      } else if (own.length > 0 || descriptor.hasDefaultAccount) {
        const observer = await open({
          accounts: own,
          cacheDir: settings.cacheDir,
          requestsPerSecond:
            descriptor.id === "route53" ? settings.awsRequestsPerSecond : undefined,
          env,
        });
        opened.set(descriptor.id, observer);
      }
    }),
  );
  return opened;
}

/**
 * Opens a session: loads the reference data the settings name and opens the observers. `accounts`
 * are the provider accounts the observers may be asked about (the policies' `accounts:`); a domain
 * that names no AWS account uses the default credential chain. A reference file that cannot be
 * used is a message, not an exception. Credentials and endpoint overrides are read from `env`.
 */
export async function openCheckSession(
  settings: CheckSettings,
  accounts: ReadonlyMap<string, ProviderAccount>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<OpenedCheckSession> {
  const [
    hints,
    bootstrap,
    registries,
    { createRdapObserver },
    { createRegistrationCache },
    { createRegistrarDetailCache },
    { createWhoisObserver },
    providers,
  ] = await Promise.all([
    loadRootHints(settings),
    loadSessionRdapBootstrap(settings),
    loadSessionRegistryTable(settings),
    import("../observe/rdap/observer.js"),
    import("../observe/rdap/registration-cache.js"),
    import("../observe/providers/registrar-detail-cache.js"),
    import("../observe/whois/observer.js"),
    openProviders(settings, [...accounts.values()], env),
  ]);
  if (!hints.ok) return hints;
  if (!bootstrap.ok) return bootstrap;
  if (!registries.ok) return registries;

  const walker = createDelegationWalker({
    ...walkerOptions(settings, hints.servers),
    concurrency: settings.dnsQueriesInFlight,
  });
  const userSupplied = settings.rdapBootstrapFile !== undefined;
  const rdap = createRdapObserver({
    bootstrap: bootstrap.bootstrap,
    userSupplied,
    allowNonPublic: settings.allowPrivateAddresses,
    timeoutMs: Math.max(settings.timeoutMs, 5_000),
  });
  const whois = createWhoisObserver({
    servers: registries.table.whoisServers(),
    allowNonPublic: settings.allowPrivateAddresses || settings.registryTableFile !== undefined,
    timeoutMs: Math.max(settings.timeoutMs, 5_000),
  });
  const cacheOptions = {
    cacheDir: settings.cacheDir,
    maxAgeHours: settings.cacheMaxAgeHours,
    refresh: settings.refresh,
  };
  const registrationCache = createRegistrationCache(cacheOptions);
  const registrarDetails = createRegistrarDetailCache(cacheOptions);
  const registry = createRegistryLookup({
    bootstrap: bootstrap.bootstrap,
    userSupplied,
    rdap,
    whois,
    table: registries.table,
    cache: registrationCache,
  });
  const open = [...providers.values()].filter((p): p is ProviderObserver => typeof p !== "string");
  const aws = open.find((provider) => provider.id === "route53");
  const observers: Observers = {
    delegation: walker,
    rdap: { kind: "enabled", source: registry },
    providers: new Map(
      [...providers].map(([id, provider]) => [
        id,
        typeof provider === "string"
          ? { kind: "skipped", reason: provider }
          : { kind: "enabled", source: provider },
      ]),
    ),
    registrarDetails,
  };

  return {
    ok: true,
    session: {
      observers,
      warnings: [hints.warning, bootstrap.warning].filter((w) => w !== undefined),
      run: (request) =>
        runCheck({
          ...request,
          observers,
          domainsObservedAtOnce: settings.domainsObservedAtOnce,
          stats: () => ({
            dnsQueries: walker.stats().queries,
            rdapRequests: rdap.stats().requests,
            whoisQueries: whois.stats().queries,
            awsCalls: aws ? { ...aws.stats().calls } : {},
          }),
        }),
      async close() {
        await Promise.all([
          walker.close(),
          rdap.close(),
          whois.close(),
          ...open.map((provider) => provider.close()),
          registrationCache.flush(),
          registrarDetails.flush(),
        ]);
      },
    },
  };
}
