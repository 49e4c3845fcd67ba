// Azure DNS behind the provider contract: the public DNS zones of each declared subscription (DNS
// host), through the official SDK. Each subscription is listed once per session, page by page
// (`nextLink`) within fixed bounds, and every domain's question is answered from that listing: a
// scan costs one call per 100 zones of a subscription, not one per domain. A zone's DNSSEC
// configuration, apex NS record set and record sets cost calls of their own, asked only when a
// check needs them.
import { getContinuationToken } from "@azure/arm-dns";
import {
  callCounters,
  inDeclared,
  inDeclaredAccount,
  listedZone,
  once,
  readPages,
  readRecordSets,
  unavailable,
  zonesNamed,
} from "../account-listing.js";
import type {
  ApexNameserversObservation,
  Listing,
  ProviderAccount,
  ProviderObserver,
  ProviderOpenOptions,
  ProviderUnavailable,
  Zone,
  ZoneDnssecObservation,
  ZoneRecordsObservation,
  ZoneSummary,
} from "../types.js";
import {
  apexNameServersOf,
  dnssecConfigOf,
  recordSetsPage,
  zonePath,
  zonesPage,
} from "./answer-shape.js";
import { dnssecConfig, failureOf, type SubscriptionClient, subscriptionClient } from "./client.js";
import { azureDnsDescriptor } from "./descriptor.js";

const ZONES = "dnsZones.list";
const RECORD_SETS = "recordSets.listByDnsZone";
const RECORD_SET = "recordSets.get";
const DNSSEC = "dnssecConfigs.get";
const PAGE_SIZE = 100;
/** 10,000 zones (Azure's default limit is 250 zones a subscription): beyond that, not trusted to end. */
const MAX_PAGES = 100;
/** 10,000 record sets, Azure DNS's default limit a zone: beyond that, not trusted to end. */
const MAX_RECORD_SET_PAGES = 100;

type Ready = Extract<SubscriptionClient, { kind: "ready" }>;

interface SubscriptionState {
  readonly account: ProviderAccount;
  client?: Promise<SubscriptionClient>;
  zones?: Promise<Listing<Zone>>;
  readonly dnssec: Map<string, Promise<ZoneDnssecObservation>>;
  readonly apex: Map<string, Promise<ApexNameserversObservation>>;
}

export function openAzureDns(options: ProviderOpenOptions): ProviderObserver {
  const counters = callCounters();
  const states = new Map<string, SubscriptionState>(
    options.accounts.map((account) => [
      account.id,
      { account, dnssec: new Map(), apex: new Map() },
    ]),
  );
  const subscription = (state: SubscriptionState) =>
    state.account.settings.subscriptionId ?? state.account.id;

  /** `run` with the subscription's client, its failure a reason. */
  async function withClient<T>(
    state: SubscriptionState,
    operation: string,
    run: (ready: Ready) => Promise<T | ProviderUnavailable>,
  ): Promise<T | ProviderUnavailable> {
    state.client ??= subscriptionClient(state.account, options.env, counters.attempted);
    const client = await state.client;
    if (client.kind === "unusable") return unavailable(state.account.id, client.reason);
    try {
      return await run(client);
    } catch (error) {
      const { reason, deniedAction } = failureOf(operation, subscription(state), error, client);
      return unavailable(state.account.id, reason, deniedAction);
    }
  }

  const pagedFailure =
    (state: SubscriptionState, ready: Ready, operation: string) => (error: unknown) =>
      failureOf(operation, subscription(state), error, ready);

  function listZones(state: SubscriptionState): Promise<Listing<Zone>> {
    const { account } = state;
    return withClient(state, ZONES, (ready) =>
      readPages({
        account: account.id,
        operation: ZONES,
        maxPages: MAX_PAGES,
        pageSize: PAGE_SIZE,
        count: counters.count,
        readPage: async (continuationToken) => {
          // A resource group's zones when the account names one (the reader's role may be scoped to it).
          const group = account.settings.resourceGroup;
          const listing =
            group === undefined
              ? ready.client.zones.list({ top: PAGE_SIZE })
              : ready.client.zones.listByResourceGroup(group, { top: PAGE_SIZE });
          const pages = listing.byPage(
            continuationToken === undefined ? {} : { continuationToken },
          );
          const { value: page } = await pages.next();
          const { zones, next } = zonesPage(
            ZONES,
            page,
            page === undefined ? undefined : getContinuationToken(page),
            ready.endpoint,
            PAGE_SIZE,
          );
          return { items: zones, next };
        },
        failure: pagedFailure(state, ready, ZONES),
      }),
    );
  }

  const zonesOf = (state: SubscriptionState): Promise<Listing<Zone>> => {
    state.zones ??= listZones(state);
    return state.zones;
  };

  /** The zone's `dnssecConfigs/default`: none is "not configured", a zone that does not sign. */
  function zoneDnssec(
    state: SubscriptionState,
    summary: ZoneSummary,
  ): Promise<ZoneDnssecObservation> {
    return once(state.dnssec, summary.id, () =>
      withClient(state, DNSSEC, async (ready) => {
        const listed = listedZone(await zonesOf(state), summary.id);
        if (listed.kind === "unavailable") return listed;
        counters.count(DNSSEC);
        const config = await dnssecConfig(ready.client, ready.endpoint, summary.id);
        const base = { kind: "ok" as const, account: state.account.id, zoneId: summary.id };
        if (config === undefined) {
          return {
            ...base,
            serveSignature: "not configured",
            signing: false,
            statusMessage: undefined,
            keySigningKeys: [],
          };
        }
        return { ...base, ...dnssecConfigOf(DNSSEC, config) };
      }),
    );
  }

  /** The zone's apex NS record set (`@`), as Azure DNS serves it. */
  function apexNameservers(
    state: SubscriptionState,
    summary: ZoneSummary,
  ): Promise<ApexNameserversObservation> {
    return once(state.apex, summary.id, () =>
      withClient(state, RECORD_SET, async (ready) => {
        const listed = listedZone(await zonesOf(state), summary.id);
        if (listed.kind === "unavailable") return listed;
        const { resourceGroup, zone } = zonePath(summary.id);
        counters.count(RECORD_SET);
        const set = await ready.client.recordSets.get(resourceGroup, zone, "@", "NS");
        const ns = apexNameServersOf(RECORD_SET, set);
        return { kind: "ok", account: state.account.id, zoneId: summary.id, ns };
      }),
    );
  }

  function zoneRecords(
    state: SubscriptionState,
    summary: ZoneSummary,
    maxRecordSets: number,
  ): Promise<ZoneRecordsObservation> {
    const { resourceGroup, zone } = zonePath(summary.id);
    return withClient(state, RECORD_SETS, (ready) =>
      readRecordSets({
        account: state.account.id,
        operation: RECORD_SETS,
        zoneId: summary.id,
        maxRecordSets,
        maxPages: MAX_RECORD_SET_PAGES,
        pageSize: PAGE_SIZE,
        count: counters.count,
        readPage: async (continuationToken) => {
          const pages = ready.client.recordSets
            .listByDnsZone(resourceGroup, zone, { top: PAGE_SIZE })
            .byPage(continuationToken === undefined ? {} : { continuationToken });
          const { value: page } = await pages.next();
          return recordSetsPage(
            RECORD_SETS,
            summary.name,
            page,
            page === undefined ? undefined : getContinuationToken(page),
            ready.endpoint,
            PAGE_SIZE,
          );
        },
        failure: pagedFailure(state, ready, RECORD_SETS),
      }),
    );
  }

  const listingIn = (account: string | undefined) =>
    inDeclaredAccount(states, "Azure DNS", account, zonesOf);
  const inSubscription = <T>(
    account: string | undefined,
    ask: (state: SubscriptionState) => Promise<T | ProviderUnavailable>,
  ) => inDeclared(states, "Azure DNS", account, ask);

  return {
    id: azureDnsDescriptor.id,
    registrar: undefined,
    dnsHost: {
      zones: async (domain, account) => zonesNamed(await listingIn(account), domain),
      listZones: listingIn,
      apexNameservers: (zone, account) =>
        inSubscription(account, (state) => apexNameservers(state, zone)),
      zoneDnssec: (zone, account) => inSubscription(account, (state) => zoneDnssec(state, zone)),
      zoneRecords: (zone, account, maxRecordSets) =>
        inSubscription(account, (state) => zoneRecords(state, zone, maxRecordSets)),
    },
    stats: counters.stats,
    close: async () => {},
  };
}
