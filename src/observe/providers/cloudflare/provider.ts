// Cloudflare behind the provider contract: zones (DNS host) and Cloudflare Registrar registrations
// (registrar), through the official SDK. Each account is listed once per session, page by page
// within fixed bounds, and every domain's question is answered from that listing: a scan costs a
// few calls per account, not one per domain, and stays far below the API's rate limit.
import { comparableNameServers } from "../../../names/normalize.js";
import {
  callCounters,
  hostName,
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
  ZoneSummary,
} from "../types.js";
import {
  dnsRecordOf,
  envelope,
  MalformedCloudflareAnswer,
  multiProviderOf,
  nextCursor,
  type Registration,
  registrationOf,
  totalPages,
  zoneDnssecOf,
  zoneOf,
} from "./answer-shape.js";
import { type AccountClient, accountClient, failureOf } from "./client.js";
import { cloudflareDescriptor } from "./descriptor.js";

const PER_PAGE = 50;
/** 10,000 zones and 5,000 registrations: beyond that a listing is not trusted to end. */
const MAX_ZONE_PAGES = 200;
const MAX_REGISTRATION_PAGES = 100;
const REGISTRAR_NAME = "Cloudflare, Inc.";
/** DNS records a page (the API allows more; 500 keeps a page well under the answer bound). */
const RECORDS_PER_PAGE = 500;
/** 50,000 records: beyond that a zone's listing is not trusted to end. */
const MAX_RECORD_PAGES = 100;
/** An apex with more NS records than one page holds is not a zone's apex. */
const MAX_APEX_NS = 50;

interface AccountState {
  readonly account: ProviderAccount;
  readonly client: AccountClient;
  zones?: Promise<Listing<Zone>>;
  registrations?: Promise<Listing<Registration>>;
  readonly dnssec: Map<string, Promise<ZoneDnssecObservation>>;
  readonly apex: Map<string, Promise<ApexNameserversObservation>>;
}

type Ready = Extract<AccountClient, { kind: "ready" }>;

export function openCloudflare(options: ProviderOpenOptions): ProviderObserver {
  const counters = callCounters();
  const states = new Map<string, AccountState>(
    options.accounts.map((account) => [
      account.id,
      {
        account,
        client: accountClient(account, options.env, counters.attempted),
        dnssec: new Map(),
        apex: new Map(),
      },
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

  /** One call (counted) of `operation`, its failure a reason; the account's token must be usable. */
  async function call<T>(
    state: AccountState,
    operation: string,
    run: (ready: Ready) => Promise<T | ProviderUnavailable>,
  ): Promise<T | ProviderUnavailable> {
    const { client, account } = state;
    if (client.kind === "unusable") return unavailable(account.id, client.reason);
    try {
      return await run(client);
    } catch (error) {
      const { reason, deniedAction } = failureOf(
        operation,
        error,
        client.client.apiToken ?? undefined,
      );
      return unavailable(account.id, reason, deniedAction);
    }
  }

  const get = async (
    ready: Ready,
    operation: string,
    path: string,
    query: Record<string, unknown> = {},
  ): Promise<unknown> => {
    counters.count(operation);
    return readJson(operation, await ready.client.get(path, { query }).asResponse());
  };

  function zoneDnssec(state: AccountState, zone: ZoneSummary): Promise<ZoneDnssecObservation> {
    const operation = "dnssec.get";
    return once(state.dnssec, zone.id, () =>
      call(state, operation, async (ready) => ({
        kind: "ok",
        account: state.account.id,
        zoneId: zone.id,
        ...zoneDnssecOf(operation, await get(ready, operation, `/zones/${zone.id}/dnssec`)),
      })),
    );
  }

  /**
   * The NS set Cloudflare answers at the zone's apex: its assigned pair, which `dns_records` does
   * not list; with multi-provider DNS on, also the NS records the zone holds at its apex
   * (Cloudflare ignores those otherwise). The DNS settings are asked only when there are some.
   */
  function apexNameservers(
    state: AccountState,
    summary: ZoneSummary,
  ): Promise<ApexNameserversObservation> {
    const operation = "dns_records.list";
    return once(state.apex, summary.id, () =>
      call(state, operation, async (ready) => {
        const listed = listedZone(await zonesOf(state), summary.id);
        if (listed.kind === "unavailable") return listed;
        const { zone } = listed;
        const body = await get(ready, operation, `/zones/${zone.id}/dns_records`, {
          type: "NS",
          "name.exact": zone.name,
          per_page: MAX_APEX_NS,
        });
        const { items, info } = envelope(operation, body, MAX_APEX_NS);
        if (totalPages(operation, info) > 1) {
          throw new MalformedCloudflareAnswer(
            operation,
            `more than ${MAX_APEX_NS} apex NS records`,
          );
        }
        const added = items
          .map((item) => dnsRecordOf(operation, zone.name, item))
          .filter((record) => record.name === zone.name && record.type === "NS")
          .map((record, i) => hostName(record.content, `apex NS record ${i}'s content`));
        const multiProvider =
          added.length > 0 &&
          multiProviderOf(
            "dns_settings.get",
            await get(ready, "dns_settings.get", `/zones/${zone.id}/dns_settings`),
          );
        const ns = multiProvider
          ? comparableNameServers([...zone.delegationSet, ...added])
          : zone.delegationSet;
        return { kind: "ok", account: state.account.id, zoneId: zone.id, ns };
      }),
    );
  }

  function zoneRecords(state: AccountState, zone: ZoneSummary, maxRecordSets: number) {
    const operation = "dns_records.list";
    return call(state, operation, (ready) =>
      readRecordSets({
        account: state.account.id,
        operation,
        zoneId: zone.id,
        maxRecordSets,
        maxPages: MAX_RECORD_PAGES,
        pageSize: RECORDS_PER_PAGE,
        // `get` counts each page.
        count: () => {},
        readPage: async (_, page) => {
          const body = await get(ready, operation, `/zones/${zone.id}/dns_records`, {
            page,
            per_page: RECORDS_PER_PAGE,
          });
          const { items, info } = envelope(operation, body, RECORDS_PER_PAGE);
          const records = items.map((item) => {
            const { name, type } = dnsRecordOf(operation, zone.name, item);
            return { name, type };
          });
          const more = page < totalPages(operation, info) ? String(page + 1) : undefined;
          return { items: records, next: more };
        },
        failure: (error) => failureOf(operation, error, ready.client.apiToken ?? undefined),
      }),
    );
  }

  const inAccount = <T>(
    account: string | undefined,
    ask: (state: AccountState) => Promise<T | ProviderUnavailable>,
  ) => inDeclared(states, "Cloudflare", account, ask);

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
      apexNameservers: (zone, account) =>
        inAccount(account, (state) => apexNameservers(state, zone)),
      zoneDnssec: (zone, account) => inAccount(account, (state) => zoneDnssec(state, zone)),
      zoneRecords: (zone, account, maxRecordSets) =>
        inAccount(account, (state) => zoneRecords(state, zone, maxRecordSets)),
    },
    stats: counters.stats,
    close: async () => {},
  };
}
