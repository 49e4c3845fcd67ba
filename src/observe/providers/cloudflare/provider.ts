// Cloudflare behind the provider contract: zones (DNS host) and Cloudflare Registrar registrations
// (registrar), through the official SDK. Each account is listed once per session, page by page
// within fixed bounds, and every domain's question is answered from that listing: a scan costs a
// few calls per account, not one per domain, and stays far below the API's rate limit.
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
import {
  envelope,
  MalformedCloudflareAnswer,
  nextCursor,
  type Registration,
  registrationOf,
  totalPages,
  zoneOf,
} from "./answer-shape.js";
import { type AccountClient, accountClient, failureOf } from "./client.js";
import { cloudflareDescriptor } from "./descriptor.js";

const PER_PAGE = 50;
/** 10,000 zones and 5,000 registrations: beyond that a listing is not trusted to end. */
const MAX_ZONE_PAGES = 200;
const MAX_REGISTRATION_PAGES = 100;
const REGISTRAR_NAME = "Cloudflare, Inc.";

interface AccountState {
  readonly account: ProviderAccount;
  readonly client: AccountClient;
  zones?: Promise<Listing<Zone>>;
  registrations?: Promise<Listing<Registration>>;
}

export function openCloudflare(options: ProviderOpenOptions): ProviderObserver {
  const counters = callCounters();
  const states = new Map<string, AccountState>(
    options.accounts.map((account) => [
      account.id,
      { account, client: accountClient(account, options.env, counters.attempted) },
    ]),
  );

  /** Reads every page of a listing; a failure of any page makes the whole listing unavailable. */
  function listAll<T>(
    state: AccountState,
    operation: string,
    readPage: (
      ready: Extract<AccountClient, { kind: "ready" }>,
      from: { page: number; cursor: string | undefined },
    ) => Promise<{ items: T[]; more: string | undefined }>,
    maxPages: number,
  ): Promise<Listing<T>> {
    const { client, account } = state;
    if (client.kind === "unusable") return Promise.resolve(unavailable(account.id, client.reason));
    return readPages({
      account: account.id,
      operation,
      maxPages,
      pageSize: PER_PAGE,
      count: counters.count,
      readPage: async (cursor, page) => {
        const answer = await readPage(client, { page, cursor });
        return { items: answer.items, next: answer.more };
      },
      failure: (error) => failureOf(operation, error, client.client.apiToken ?? undefined),
    });
  }

  const readJson = async (operation: string, response: Response): Promise<unknown> => {
    try {
      return await response.json();
    } catch {
      throw new MalformedCloudflareAnswer(operation, "the answer is not JSON");
    }
  };

  function zonesOf(state: AccountState): Promise<Listing<Zone>> {
    state.zones ??= listAll(
      state,
      "zones.list",
      async ({ client, accountId }, { page }) => {
        const response = await client.zones
          .list({ account: { id: accountId }, page, per_page: PER_PAGE })
          .asResponse();
        const { items, info } = envelope(
          "zones.list",
          await readJson("zones.list", response),
          PER_PAGE,
        );
        const zones = items.map((item) => zoneOf("zones.list", item));
        const more = page < totalPages("zones.list", info) ? String(page + 1) : undefined;
        return { items: zones, more };
      },
      MAX_ZONE_PAGES,
    );
    return state.zones;
  }

  function registrationsOf(state: AccountState): Promise<Listing<Registration>> {
    state.registrations ??= listAll(
      state,
      "registrations.list",
      async ({ client, accountId }, { cursor }) => {
        const response = await client.registrar.registrations
          .list({ account_id: accountId, per_page: PER_PAGE, ...(cursor ? { cursor } : {}) })
          .asResponse();
        const body = await readJson("registrations.list", response);
        const { items, info } = envelope("registrations.list", body, PER_PAGE);
        const registrations = items.map((item) => registrationOf("registrations.list", item));
        return { items: registrations, more: nextCursor("registrations.list", info) };
      },
      MAX_REGISTRATION_PAGES,
    );
    return state.registrations;
  }

  const listingIn = <T>(
    account: string | undefined,
    list: (state: AccountState) => Promise<Listing<T>>,
  ): Promise<Listing<T>> => inDeclaredAccount(states, "Cloudflare", account, list);

  return {
    id: cloudflareDescriptor.id,
    registrar: {
      operations: undefined,
      async registration(domain, account) {
        const listing = await listingIn(account, registrationsOf);
        if (listing.kind === "unavailable") return listing;
        const found = listing.items.find((item) => item.name === domain);
        if (found === undefined) return { kind: "not-in-account", account: listing.account };
        const { status, ...summary } = found;
        return {
          kind: "registered",
          account: listing.account,
          detail: {
            ...summary,
            nameservers: undefined,
            registrarName: REGISTRAR_NAME,
            statusList: [status],
            dnssecKeys: undefined,
          },
        };
      },
      async listDomains(account) {
        const listing = await listingIn(account, registrationsOf);
        if (listing.kind === "unavailable") return listing;
        return {
          ...listing,
          items: listing.items.map(({ status: _, ...summary }) => summary),
        };
      },
    },
    dnsHost: {
      zones: async (domain, account) => zonesNamed(await listingIn(account, zonesOf), domain),
      listZones: (account) => listingIn(account, zonesOf),
      apexNameservers: undefined,
      zoneDnssec: undefined,
      zoneRecords: undefined,
    },
    stats: counters.stats,
    close: async () => {},
  };
}
