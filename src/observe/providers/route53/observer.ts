// The Route 53 / Route 53 Domains observer: what each account says about a domain, with the
// account-level listings read once per account and shared by every domain of a scan.

import { GetHostedZoneCommand, ListResourceRecordSetsCommand } from "@aws-sdk/client-route-53";
import { GetDomainDetailCommand } from "@aws-sdk/client-route-53-domains";
import { comparableName, comparableNameServers, route53NameKey } from "../../../names/normalize.js";
import { DEFAULT_ACCOUNT } from "../default-account.js";
import {
  type AccountClients,
  CallCounter,
  countingPlugin,
  createAccountClients,
} from "./account-clients.js";
import { accountCredentials } from "./credentials.js";
import { createDelegationSetCache, type DelegationSetCache } from "./delegation-set-cache.js";
import { registrarDnssecKeys } from "./domain-dnssec-keys.js";
import { readHostedZoneDnssec } from "./hosted-zone-dnssec.js";
import type { AwsOperation } from "./iam-actions.js";
import {
  type AccountOperation,
  listOperations,
  listPublicHostedZones,
  listRegisteredDomains,
} from "./listings.js";
import { listZoneRecordSets } from "./record-sets.js";
import type {
  AccountInventory,
  ApexNameserversObservation,
  ApiCallCounts,
  AwsAccountSettings,
  AwsUnavailable,
  DomainDetail,
  DomainRegistrationObservation,
  EarlierDetailLookup,
  HostedZone,
  HostedZoneDnssecObservation,
  HostedZoneSummary,
  HostedZonesObservation,
  Listing,
  OperationsObservation,
  RegisteredDomainSummary,
  ZoneRecordsObservation,
} from "./types.js";
import { OBSERVER_CLOSED, unavailable, unavailableFromError } from "./unavailable.js";

export interface AwsObserverOptions {
  /** The policy's accounts; "default" (or an account id of undefined) is the default chain. */
  readonly accounts: ReadonlyMap<string, AwsAccountSettings>;
  /** Where delegation sets are cached; undefined keeps no disk cache. */
  readonly cacheDir: string | undefined;
  /** Client-side rate limit per account and API (Route 53, Route 53 Domains). Default 5. */
  readonly requestsPerSecond?: number;
  /** SDK attempts per call, adaptive retry mode. Default 5. */
  readonly maxAttempts?: number;
}

export interface AwsObserver {
  /**
   * Route 53 Domains: is the domain registered in this account, and its details. ListDomains is
   * read on every run; `earlier`, given the domain's row, may offer the detail of an earlier run
   * instead of a GetDomainDetail call.
   */
  registration(
    domain: string,
    account: string | undefined,
    earlier?: EarlierDetailLookup,
  ): Promise<DomainRegistrationObservation>;
  /** Route 53: the account's public zones with this name, each with its delegation set. */
  hostedZones(domain: string, account: string | undefined): Promise<HostedZonesObservation>;
  /** A zone's apex NS record set via ListResourceRecordSets, for zones the live DNS cannot show. */
  apexNameservers(
    zoneId: string,
    zoneName: string,
    account: string | undefined,
  ): Promise<ApexNameserversObservation>;
  /** Route 53 ListResourceRecordSets: the zone's first `maxRecordSets` record sets (name, type). */
  recordSets(
    zoneId: string,
    account: string | undefined,
    maxRecordSets: number,
  ): Promise<ZoneRecordsObservation>;
  /**
   * Route 53 Domains ListOperations: the account's operations of `types` on the domain from the
   * last 90 days, newest first. The account is listed once per run and set of types.
   */
  operations(
    domain: string,
    types: readonly string[],
    account: string | undefined,
  ): Promise<OperationsObservation>;
  /** Route 53 Domains: every domain registered in the account, by name. */
  listDomains(account: string | undefined): Promise<Listing<RegisteredDomainSummary>>;
  /** Route 53: every public hosted zone in the account, by name then id. */
  listZones(account: string | undefined): Promise<Listing<HostedZoneSummary>>;
  /** Route 53 GetDNSSEC: whether the zone signs, and its key-signing keys. */
  hostedZoneDnssec(
    zoneId: string,
    account: string | undefined,
  ): Promise<HostedZoneDnssecObservation>;
  /** Everything in the account, for --inventory and init --from-aws. */
  inventory(account: string | undefined): Promise<AccountInventory>;
  /** Calls made so far by operation; `attempts` also counts retries. */
  stats(): { calls: ApiCallCounts; attempts: ApiCallCounts };
  /**
   * Releases the clients (calls still waiting for the rate limiter end as unavailable) and writes
   * the delegation sets learnt in this run to the disk cache. Never rejects.
   */
  close(): Promise<void>;
}

interface DomainIndex {
  readonly byName: ReadonlyMap<string, RegisteredDomainSummary>;
}

/** Several public zones may share a name; each is kept. */
interface ZoneIndex {
  readonly byName: ReadonlyMap<string, readonly HostedZoneSummary[]>;
}

type ZoneLookup = { readonly kind: "zone"; readonly zone: HostedZone } | { readonly kind: "gone" };
type DetailLookup =
  | { readonly kind: "detail"; readonly detail: DomainDetail }
  | { readonly kind: "not-in-account" };

interface AccountState {
  readonly kind: "account";
  readonly id: string;
  readonly clients: AccountClients;
  domains: Promise<Listing<RegisteredDomainSummary>> | undefined;
  domainIndex: Promise<DomainIndex | AwsUnavailable> | undefined;
  zones: Promise<Listing<HostedZoneSummary>> | undefined;
  zoneIndex: Promise<ZoneIndex | AwsUnavailable> | undefined;
  readonly details: Map<string, Promise<DetailLookup | AwsUnavailable>>;
  readonly delegationSets: Map<string, Promise<ZoneLookup | AwsUnavailable>>;
  readonly apex: Map<string, Promise<ApexNameserversObservation>>;
  readonly dnssec: Map<string, Promise<HostedZoneDnssecObservation>>;
  /** ListOperations listings, by their types. */
  readonly operations: Map<string, Promise<Listing<AccountOperation>>>;
}

/** How far back operations are read: a migration's name-server update or transfer is recent. */
export const OPERATIONS_WINDOW_DAYS = 90;

const DEFAULT_REQUESTS_PER_SECOND = 5;
const DEFAULT_MAX_ATTEMPTS = 5;

function memo<K, V>(map: Map<K, Promise<V>>, key: K, make: () => Promise<V>): Promise<V> {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const byName = (a: { name: string }, b: { name: string }): number => compareText(a.name, b.name);
const byNameThenId = (a: { name: string; id: string }, b: { name: string; id: string }): number =>
  byName(a, b) || compareText(a.id, b.id);
const sorted = <T extends { name: string }>(
  listing: Listing<T>,
  order: (a: T, b: T) => number,
): Listing<T> =>
  listing.kind === "ok" ? { ...listing, items: [...listing.items].sort(order) } : listing;

export function createAwsObserver(options: AwsObserverOptions): AwsObserver {
  const requestsPerSecond = options.requestsPerSecond ?? DEFAULT_REQUESTS_PER_SECOND;
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (!(Number.isFinite(requestsPerSecond) && requestsPerSecond > 0)) {
    throw new RangeError(`requestsPerSecond must be a positive number, got ${requestsPerSecond}`);
  }
  if (!(Number.isInteger(maxAttempts) && maxAttempts >= 1)) {
    throw new RangeError(`maxAttempts must be a positive integer, got ${maxAttempts}`);
  }
  const counter = new CallCounter();
  const cache: DelegationSetCache = createDelegationSetCache(options.cacheDir);
  const closing = new AbortController();
  let closed: Promise<void> | undefined;
  const states = new Map<string, AccountState>();

  function accountState(requested: string | undefined): AccountState | AwsUnavailable {
    const id = requested ?? DEFAULT_ACCOUNT;
    if (closing.signal.aborted) return unavailable(id, OBSERVER_CLOSED);
    const existing = states.get(id);
    if (existing !== undefined) return existing;
    const config = options.accounts.get(id);
    if (config === undefined && id !== DEFAULT_ACCOUNT) {
      return unavailable(id, `AWS account "${id}" is not defined in the policy's accounts`);
    }
    const credentials = accountCredentials(config, {
      maxAttempts,
      stsPlugins: [countingPlugin(counter)],
    });
    const state: AccountState = {
      kind: "account",
      id,
      clients: createAccountClients(credentials, {
        maxAttempts,
        requestsPerSecond,
        counter,
        signal: closing.signal,
      }),
      domains: undefined,
      domainIndex: undefined,
      zones: undefined,
      zoneIndex: undefined,
      details: new Map(),
      delegationSets: new Map(),
      apex: new Map(),
      dnssec: new Map(),
      operations: new Map(),
    };
    states.set(id, state);
    return state;
  }

  // Every public method funnels through here: whatever goes wrong becomes a value.
  async function guarded<T>(
    account: string | undefined,
    operation: AwsOperation,
    run: (state: AccountState) => Promise<T | AwsUnavailable>,
  ): Promise<T | AwsUnavailable> {
    const state = accountState(account);
    if (state.kind === "unavailable") return state;
    try {
      return await run(state);
    } catch (error) {
      if (closing.signal.aborted) return unavailable(state.id, OBSERVER_CLOSED);
      return unavailableFromError(state.id, operation, error);
    }
  }

  function domainListing(state: AccountState): Promise<Listing<RegisteredDomainSummary>> {
    state.domains ??= listRegisteredDomains(state.id, state.clients.domains);
    return state.domains;
  }

  function zoneListing(state: AccountState): Promise<Listing<HostedZoneSummary>> {
    state.zones ??= listPublicHostedZones(state.id, state.clients.route53);
    return state.zones;
  }

  function domainIndex(state: AccountState): Promise<DomainIndex | AwsUnavailable> {
    state.domainIndex ??= domainListing(state).then((listing) =>
      listing.kind === "unavailable"
        ? listing
        : { byName: new Map(listing.items.map((d) => [d.name, d])) },
    );
    return state.domainIndex;
  }

  function zoneIndex(state: AccountState): Promise<ZoneIndex | AwsUnavailable> {
    state.zoneIndex ??= zoneListing(state).then((listing) => {
      if (listing.kind === "unavailable") return listing;
      const byName = new Map<string, HostedZoneSummary[]>();
      for (const zone of listing.items) {
        const group = byName.get(zone.name);
        if (group === undefined) byName.set(zone.name, [zone]);
        else group.push(zone);
      }
      return { byName };
    });
    return state.zoneIndex;
  }

  function domainDetail(
    state: AccountState,
    summary: RegisteredDomainSummary,
  ): Promise<DetailLookup | AwsUnavailable> {
    return memo(state.details, summary.name, async () => {
      try {
        const out = await state.clients.domains.send(
          new GetDomainDetailCommand({ DomainName: summary.name }),
        );
        const detail: DomainDetail = {
          name: summary.name,
          autoRenew: out.AutoRenew ?? summary.autoRenew,
          transferLock: summary.transferLock,
          expiry: out.ExpirationDate?.toISOString() ?? summary.expiry,
          nameservers: comparableNameServers(
            (out.Nameservers ?? []).flatMap((ns) => (ns.Name === undefined ? [] : [ns.Name])),
          ),
          registrarName: out.RegistrarName,
          statusList: (out.StatusList ?? []).map((s) => s.trim()).filter((s) => s !== ""),
          ...registrarDnssecKeys(out.DnssecKeys),
        };
        return { kind: "detail", detail };
      } catch (error) {
        // Listed a moment ago, unknown now: the domain has left the account (transfer, expiry).
        if ((error as { name?: unknown }).name === "InvalidInput")
          return { kind: "not-in-account" };
        return unavailableFromError(state.id, "GetDomainDetail", error);
      }
    });
  }

  function delegationSet(
    state: AccountState,
    summary: HostedZoneSummary,
  ): Promise<ZoneLookup | AwsUnavailable> {
    return memo(state.delegationSets, summary.id, async () => {
      const cached = await cache.get(summary.id, summary.name);
      if (cached !== undefined) {
        const delegationSet = comparableNameServers(cached);
        return { kind: "zone", zone: { ...summary, delegationSet, status: "active" } };
      }
      try {
        const out = await state.clients.route53.send(new GetHostedZoneCommand({ Id: summary.id }));
        const servers = comparableNameServers(out.DelegationSet?.NameServers ?? []);
        if (servers.length === 0) {
          return unavailable(
            state.id,
            `GetHostedZone returned no delegation set for hosted zone ${summary.id} (${summary.name})`,
          );
        }
        cache.put(summary.id, summary.name, servers);
        return { kind: "zone", zone: { ...summary, delegationSet: servers, status: "active" } };
      } catch (error) {
        // Listed a moment ago, deleted since: the zone no longer exists.
        if ((error as { name?: unknown }).name === "NoSuchHostedZone") return { kind: "gone" };
        return unavailableFromError(state.id, "GetHostedZone", error);
      }
    });
  }

  return {
    async registration(domain, account, earlier) {
      return guarded(account, "ListDomains", async (state) => {
        const index = await domainIndex(state);
        if ("kind" in index) return index;
        const summary = index.byName.get(comparableName(domain));
        if (summary === undefined) return { kind: "not-in-account", account: state.id };
        // A detail read already in this run is as fresh as a new call.
        const reused = state.details.has(summary.name) ? undefined : await earlier?.(summary);
        if (reused !== undefined) {
          const { detail, observedAt } = reused;
          return { kind: "registered", account: state.id, detail, listed: summary, observedAt };
        }
        const lookup = await domainDetail(state, summary);
        if (lookup.kind === "unavailable") return lookup;
        if (lookup.kind === "not-in-account") return { kind: "not-in-account", account: state.id };
        return { kind: "registered", account: state.id, detail: lookup.detail, listed: summary };
      });
    },

    async hostedZones(domain, account) {
      return guarded(account, "ListHostedZones", async (state) => {
        const index = await zoneIndex(state);
        if ("kind" in index) return index;
        const candidates = index.byName.get(comparableName(domain)) ?? [];
        const lookups = await Promise.all(candidates.map((zone) => delegationSet(state, zone)));
        const zones: HostedZone[] = [];
        for (const lookup of lookups) {
          if (lookup.kind === "unavailable") return lookup;
          if (lookup.kind === "zone") zones.push(lookup.zone);
        }
        if (zones.length === 0) return { kind: "none", account: state.id };
        return { kind: "found", account: state.id, zones: zones.sort(byNameThenId) };
      });
    },

    async apexNameservers(zoneId, zoneName, account) {
      return guarded(account, "ListResourceRecordSets", (state) =>
        memo(state.apex, zoneId, () => readApexNameservers(state, zoneId, zoneName)),
      );
    },

    async recordSets(zoneId, account, maxRecordSets) {
      return guarded(account, "ListResourceRecordSets", (state) =>
        listZoneRecordSets(state.id, state.clients.route53, zoneId, maxRecordSets),
      );
    },

    async operations(domain, types, account) {
      const since = new Date(Date.now() - OPERATIONS_WINDOW_DAYS * 86_400_000);
      return guarded(account, "ListOperations", async (state) => {
        const key = [...types].sort().join(" ");
        const listing = await memo(state.operations, key, () =>
          listOperations(state.id, state.clients.domains, types, since),
        );
        if (listing.kind === "unavailable") return listing;
        const name = comparableName(domain);
        const operations = listing.items
          .filter((op) => op.domain === name)
          .map(({ domain: _, ...op }) => op);
        return { kind: "ok", account: state.id, operations, since: since.toISOString() };
      });
    },

    async listDomains(account) {
      return sorted(await guarded(account, "ListDomains", domainListing), byName);
    },

    async listZones(account) {
      return sorted(await guarded(account, "ListHostedZones", zoneListing), byNameThenId);
    },

    async hostedZoneDnssec(zoneId, account) {
      return guarded(account, "GetDNSSEC", (state) =>
        memo(state.dnssec, zoneId, () =>
          readHostedZoneDnssec(state.clients.route53, state.id, zoneId),
        ),
      );
    },

    async inventory(account) {
      const [registeredDomains, publicHostedZones] = await Promise.all([
        this.listDomains(account),
        this.listZones(account),
      ]);
      return { account: account ?? DEFAULT_ACCOUNT, registeredDomains, publicHostedZones };
    },

    stats: () => counter.snapshot(),

    close() {
      closed ??= (async () => {
        closing.abort();
        for (const state of states.values()) state.clients.close();
        await cache.flush();
      })();
      return closed;
    },
  };
}

// Route 53 lists record sets in its own order starting at (name, type); when the zone has no NS
// set at its apex the first record returned is some other set, so it must be checked, not trusted.
async function readApexNameservers(
  state: AccountState,
  zoneId: string,
  zoneName: string,
): Promise<ApexNameserversObservation> {
  const apex = comparableName(zoneName);
  try {
    const out = await state.clients.route53.send(
      new ListResourceRecordSetsCommand({
        HostedZoneId: zoneId,
        StartRecordName: apex,
        StartRecordType: "NS",
        MaxItems: 1,
      }),
    );
    const first = out.ResourceRecordSets?.[0];
    const firstName = first?.Name === undefined ? undefined : route53NameKey(first.Name);
    if (first === undefined || firstName !== apex || first.Type !== "NS") {
      const seen =
        first === undefined ? "no record set" : `${firstName ?? "?"} ${first.Type ?? "?"}`;
      return unavailable(
        state.id,
        `hosted zone ${zoneId} has no NS record set at its apex ${apex} (the first record set from ${apex} NS is ${seen})`,
      );
    }
    const ns = comparableNameServers(
      (first.ResourceRecords ?? []).flatMap((r) => (r.Value === undefined ? [] : [r.Value])),
    );
    return { kind: "ok", account: state.id, zoneId, ns };
  } catch (error) {
    return unavailableFromError(state.id, "ListResourceRecordSets", error);
  }
}
