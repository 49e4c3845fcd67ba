// Azure DNS behind the provider contract: the public DNS zones of each declared subscription (DNS
// host), through the official SDK. Each subscription is listed once per session, page by page
// (`nextLink`) within fixed bounds, and every domain's question is answered from that listing: a
// scan costs one call per 100 zones of a subscription, not one per domain.
import { getContinuationToken } from "@azure/arm-dns";
import {
  callCounters,
  inDeclaredAccount,
  readPages,
  unavailable,
  zonesNamed,
} from "../account-listing.js";
import type {
  Listing,
  ProviderAccount,
  ProviderObserver,
  ProviderOpenOptions,
  Zone,
} from "../types.js";
import { zonesPage } from "./answer-shape.js";
import { failureOf, subscriptionClient } from "./client.js";
import { azureDnsDescriptor } from "./descriptor.js";

const OPERATION = "dnsZones.list";
const PAGE_SIZE = 100;
/** 10,000 zones (Azure's default limit is 250 zones a subscription): beyond that, not trusted to end. */
const MAX_PAGES = 100;

interface SubscriptionState {
  readonly account: ProviderAccount;
  zones?: Promise<Listing<Zone>>;
}

export function openAzureDns(options: ProviderOpenOptions): ProviderObserver {
  const counters = callCounters();
  const states = new Map<string, SubscriptionState>(
    options.accounts.map((account) => [account.id, { account }]),
  );

  function listZones(account: ProviderAccount): Promise<Listing<Zone>> {
    const ready = subscriptionClient(account, options.env, () => counters.attempted(OPERATION));
    if (ready.kind === "unusable") return Promise.resolve(unavailable(account.id, ready.reason));
    const { client, endpoint, secret } = ready;
    return readPages({
      account: account.id,
      operation: OPERATION,
      maxPages: MAX_PAGES,
      pageSize: PAGE_SIZE,
      count: counters.count,
      readPage: async (continuationToken) => {
        // A resource group's zones when the account names one (the reader's role may be scoped to it).
        const group = account.settings.resourceGroup;
        const listing =
          group === undefined
            ? client.zones.list({ top: PAGE_SIZE })
            : client.zones.listByResourceGroup(group, { top: PAGE_SIZE });
        const pages = listing.byPage(continuationToken === undefined ? {} : { continuationToken });
        const { value: page } = await pages.next();
        const { zones, next } = zonesPage(
          OPERATION,
          page,
          page === undefined ? undefined : getContinuationToken(page),
          endpoint,
          PAGE_SIZE,
        );
        return { items: zones, next };
      },
      failure: (error) =>
        failureOf(OPERATION, account.settings.subscriptionId ?? account.id, error, secret),
    });
  }

  const zonesOf = (state: SubscriptionState): Promise<Listing<Zone>> => {
    state.zones ??= listZones(state.account);
    return state.zones;
  };
  const listingIn = (account: string | undefined) =>
    inDeclaredAccount(states, "Azure DNS", account, zonesOf);

  return {
    id: azureDnsDescriptor.id,
    registrar: undefined,
    dnsHost: {
      zones: async (domain, account) => zonesNamed(await listingIn(account), domain),
      listZones: listingIn,
      apexNameservers: undefined,
      zoneDnssec: undefined,
      zoneRecords: undefined,
    },
    stats: counters.stats,
    close: async () => {},
  };
}
