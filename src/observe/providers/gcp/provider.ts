// Google Cloud DNS behind the provider contract: the public managed zones of each declared project
// (DNS host), through the official SDK. Each project is listed once per session, page by page
// within fixed bounds, and every domain's question is answered from that listing: a scan costs one
// call per 100 zones of a project, not one per domain.
import type { DNS } from "@google-cloud/dns";
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
import { failureOf, type ProjectClient, projectClient, withinTimeout } from "./client.js";
import { googleCloudDnsDescriptor } from "./descriptor.js";

const OPERATION = "managedZones.list";

/**
 * One page of `managedZones.list`, as the API sent it. Through the SDK's authenticated request, not
 * `getZones`: that one makes a Zone object of every entry inside its callback, and throws there,
 * uncaught, on an entry without a name, so a hostile answer would crash the process.
 */
function listPage(dns: DNS, pageToken: string | undefined): Promise<unknown> {
  return new Promise((resolve, reject) => {
    dns.request(
      {
        uri: "/managedZones",
        qs: { maxResults: PAGE_SIZE, ...(pageToken === undefined ? {} : { pageToken }) },
      },
      (error, body) => (error ? reject(error) : resolve(body)),
    );
  });
}
const PAGE_SIZE = 100;
/** 10,000 zones (the default quota is 10,000 managed zones a project): beyond that, not trusted to end. */
const MAX_PAGES = 100;

interface ProjectState {
  readonly account: ProviderAccount;
  zones?: Promise<Listing<Zone>>;
}

export function openGoogleCloudDns(options: ProviderOpenOptions): ProviderObserver {
  const counters = callCounters();
  const states = new Map<string, ProjectState>(
    options.accounts.map((account) => [account.id, { account }]),
  );

  async function listZones(account: ProviderAccount): Promise<Listing<Zone>> {
    const client: ProjectClient = await projectClient(account, options.env);
    if (client.kind === "unusable") return unavailable(account.id, client.reason);
    return readPages({
      account: account.id,
      operation: OPERATION,
      maxPages: MAX_PAGES,
      pageSize: PAGE_SIZE,
      count: (operation) => {
        counters.count(operation);
        // The SDK's retries happen below it, unseen: attempts are the calls.
        counters.attempted(operation);
      },
      readPage: async (pageToken) => {
        const body = await withinTimeout(listPage(client.dns, pageToken));
        const page = zonesPage(OPERATION, body, PAGE_SIZE);
        return { items: page.zones, next: page.nextPageToken };
      },
      failure: (error) =>
        failureOf(OPERATION, account.settings.project ?? account.id, error, client.secrets),
    });
  }

  const zonesOf = (state: ProjectState): Promise<Listing<Zone>> => {
    state.zones ??= listZones(state.account);
    return state.zones;
  };
  const listingIn = (account: string | undefined) =>
    inDeclaredAccount(states, "Google Cloud DNS", account, zonesOf);

  return {
    id: googleCloudDnsDescriptor.id,
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
