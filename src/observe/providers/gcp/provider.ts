// Google Cloud DNS behind the provider contract: the public managed zones of each declared project
// (DNS host), through the official SDK. Each project is listed once per session, page by page
// within fixed bounds, and every domain's question is answered from that listing: a scan costs one
// call per 100 zones of a project, not one per domain. A zone's DNSSEC state comes with the
// listing (`dnssecConfig`); its keys (`dnsKeys.list`), apex NS set and record sets
// (`resourceRecordSets.list`) cost calls of their own, asked only when a check needs them.
import type { DNS } from "@google-cloud/dns";
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
  ZoneRecordsObservation,
  ZoneSummary,
} from "../types.js";
import {
  type DnssecState,
  keySigningKeysOf,
  MalformedGoogleAnswer,
  recordSetsPage,
  zonesPage,
} from "./answer-shape.js";
import { failureOf, type ProjectClient, projectClient, withinTimeout } from "./client.js";
import { googleCloudDnsDescriptor } from "./descriptor.js";

const ZONES = "managedZones.list";
const KEYS = "dnsKeys.list";
const RECORD_SETS = "resourceRecordSets.list";

/**
 * One answer of the API, as it sent it. Through the SDK's authenticated request, not `getZones`
 * and the like: those make objects of every entry inside their callback, and throw there, uncaught,
 * on an entry without a name, so a hostile answer would crash the process.
 */
function request(dns: DNS, uri: string, qs: Record<string, unknown>): Promise<unknown> {
  return new Promise((resolve, reject) => {
    dns.request({ uri, qs }, (error, body) => (error ? reject(error) : resolve(body)));
  });
}
const PAGE_SIZE = 100;
/** 10,000 zones (the default quota is 10,000 managed zones a project): beyond that, not trusted to end. */
const MAX_PAGES = 100;
/** Record sets a page (the API's maximum is 1,000), and pages at most: 100,000 sets. */
const RECORD_SETS_PAGE_SIZE = 1000;
const MAX_RECORD_SET_PAGES = 100;
/** Cloud DNS keeps a handful of keys a zone (rollovers included): one page of 50 is plenty. */
const MAX_KEYS = 50;

type Ready = Extract<ProjectClient, { kind: "ready" }>;

interface ProjectState {
  readonly account: ProviderAccount;
  client?: Promise<ProjectClient>;
  zones?: Promise<Listing<Zone>>;
  /** Each listed zone's `dnssecConfig.state`, by zone id. */
  readonly dnssecStates: Map<string, DnssecState>;
  readonly dnssec: Map<string, Promise<ZoneDnssecObservation>>;
  readonly apex: Map<string, Promise<ApexNameserversObservation>>;
}

export function openGoogleCloudDns(options: ProviderOpenOptions): ProviderObserver {
  const counters = callCounters();
  const states = new Map<string, ProjectState>(
    options.accounts.map((account) => [
      account.id,
      { account, dnssecStates: new Map(), dnssec: new Map(), apex: new Map() },
    ]),
  );
  const project = (state: ProjectState) => state.account.settings.project ?? state.account.id;
  const count = (operation: string) => {
    counters.count(operation);
    // The SDK's retries happen below it, unseen: attempts are the calls.
    counters.attempted(operation);
  };

  /** One call (counted, bounded in time) of the project's API. */
  const get = (ready: Ready, operation: string, uri: string, qs: Record<string, unknown>) => {
    count(operation);
    return withinTimeout(request(ready.dns, uri, qs));
  };

  /** `run` with the project's client, its failure a reason. */
  async function withClient<T>(
    state: ProjectState,
    operation: string,
    run: (ready: Ready) => Promise<T | ProviderUnavailable>,
  ): Promise<T | ProviderUnavailable> {
    state.client ??= projectClient(state.account, options.env);
    const client = await state.client;
    if (client.kind === "unusable") return unavailable(state.account.id, client.reason);
    try {
      return await run(client);
    } catch (error) {
      const { reason, deniedAction } = failureOf(operation, project(state), error, client.secrets);
      return unavailable(state.account.id, reason, deniedAction);
    }
  }

  const pagedFailure = (state: ProjectState, ready: Ready, operation: string) => (error: unknown) =>
    failureOf(operation, project(state), error, ready.secrets);

  function listZones(state: ProjectState): Promise<Listing<Zone>> {
    return withClient(state, ZONES, (ready) =>
      readPages({
        account: state.account.id,
        operation: ZONES,
        maxPages: MAX_PAGES,
        pageSize: PAGE_SIZE,
        count: () => {},
        readPage: async (pageToken) => {
          const body = await get(ready, ZONES, "/managedZones", {
            maxResults: PAGE_SIZE,
            ...(pageToken === undefined ? {} : { pageToken }),
          });
          const page = zonesPage(ZONES, body, PAGE_SIZE);
          for (const { zone, dnssecState } of page.zones) {
            state.dnssecStates.set(zone.id, dnssecState);
          }
          return { items: page.zones.map(({ zone }) => zone), next: page.nextPageToken };
        },
        failure: pagedFailure(state, ready, ZONES),
      }),
    );
  }

  const zonesOf = (state: ProjectState): Promise<Listing<Zone>> => {
    state.zones ??= listZones(state);
    return state.zones;
  };

  /**
   * The zone's signing from the listing's `dnssecConfig.state` (`on`, and `transfer` while keys are
   * imported from the previous host, both sign); its key-signing keys from `dnsKeys.list`, asked
   * only for a zone that signs.
   */
  function zoneDnssec(state: ProjectState, summary: ZoneSummary): Promise<ZoneDnssecObservation> {
    return once(state.dnssec, summary.id, () =>
      withClient(state, KEYS, async (ready) => {
        const listed = listedZone(await zonesOf(state), summary.id);
        if (listed.kind === "unavailable") return listed;
        const serveSignature = state.dnssecStates.get(summary.id) ?? "off";
        const answer = {
          kind: "ok" as const,
          account: state.account.id,
          zoneId: summary.id,
          serveSignature,
          signing: serveSignature !== "off",
          statusMessage: undefined,
        };
        if (serveSignature === "off") return { ...answer, keySigningKeys: [] };
        const body = await get(ready, KEYS, `/managedZones/${summary.id}/dnsKeys`, {
          maxResults: MAX_KEYS,
        });
        const { keys, next } = keySigningKeysOf(KEYS, body, MAX_KEYS);
        if (next !== undefined) {
          throw new MalformedGoogleAnswer(KEYS, `more than ${MAX_KEYS} DNS keys`);
        }
        return { ...answer, keySigningKeys: keys };
      }),
    );
  }

  /** The zone's NS record set at its apex, as Cloud DNS serves it (it may differ from the assigned set). */
  function apexNameservers(
    state: ProjectState,
    summary: ZoneSummary,
  ): Promise<ApexNameserversObservation> {
    return once(state.apex, summary.id, () =>
      withClient(state, RECORD_SETS, async (ready) => {
        const listed = listedZone(await zonesOf(state), summary.id);
        if (listed.kind === "unavailable") return listed;
        const { zone } = listed;
        const body = await get(ready, RECORD_SETS, `/managedZones/${zone.id}/rrsets`, {
          name: `${zone.name}.`,
          type: "NS",
        });
        const { items } = recordSetsPage(RECORD_SETS, zone.name, body, 1);
        const apex = items.find((set) => set.name === zone.name && set.type === "NS");
        if (apex === undefined) {
          return unavailable(
            state.account.id,
            `managed zone ${zone.id} has no NS record set at its apex ${zone.name}`,
          );
        }
        const ns = comparableNameServers(
          apex.rrdatas.map((data, i) => hostName(data, `the apex NS rrdatas[${i}]`)),
        );
        return { kind: "ok", account: state.account.id, zoneId: zone.id, ns };
      }),
    );
  }

  function zoneRecords(
    state: ProjectState,
    zone: ZoneSummary,
    maxRecordSets: number,
  ): Promise<ZoneRecordsObservation> {
    return withClient(state, RECORD_SETS, (ready) =>
      readRecordSets({
        account: state.account.id,
        operation: RECORD_SETS,
        zoneId: zone.id,
        maxRecordSets,
        maxPages: MAX_RECORD_SET_PAGES,
        pageSize: RECORD_SETS_PAGE_SIZE,
        count: () => {},
        readPage: async (pageToken) => {
          const body = await get(ready, RECORD_SETS, `/managedZones/${zone.id}/rrsets`, {
            maxResults: RECORD_SETS_PAGE_SIZE,
            ...(pageToken === undefined ? {} : { pageToken }),
          });
          const page = recordSetsPage(RECORD_SETS, zone.name, body, RECORD_SETS_PAGE_SIZE);
          return { items: page.items.map(({ name, type }) => ({ name, type })), next: page.next };
        },
        failure: pagedFailure(state, ready, RECORD_SETS),
      }),
    );
  }

  const listingIn = (account: string | undefined) =>
    inDeclaredAccount(states, "Google Cloud DNS", account, zonesOf);
  const inProject = <T>(
    account: string | undefined,
    ask: (state: ProjectState) => Promise<T | ProviderUnavailable>,
  ) => inDeclared(states, "Google Cloud DNS", account, ask);

  return {
    id: googleCloudDnsDescriptor.id,
    registrar: undefined,
    dnsHost: {
      zones: async (domain, account) => zonesNamed(await listingIn(account), domain),
      listZones: listingIn,
      apexNameservers: (zone, account) =>
        inProject(account, (state) => apexNameservers(state, zone)),
      zoneDnssec: (zone, account) => inProject(account, (state) => zoneDnssec(state, zone)),
      zoneRecords: (zone, account, maxRecordSets) =>
        inProject(account, (state) => zoneRecords(state, zone, maxRecordSets)),
    },
    stats: counters.stats,
    close: async () => {},
  };
}
