// Namecheap behind the provider contract: the domains of a Namecheap user (registrar role) through
// the XML API. Each account is listed once per session (`namecheap.domains.getList`, 100 a page:
// auto-renew, the lock, expiry), and each domain a scan asks about costs one
// `namecheap.domains.getInfo` (its status and the name servers it lists), plus one
// `namecheap.domains.dns.getList` when getInfo lists none. Namecheap allows some 50 calls a minute
// per user: the listing is shared by every domain, and each domain is asked once per session.
import { callCounters, inDeclaredAccount, readPages, unavailable } from "../account-listing.js";
import type {
  Listing,
  ProviderAccount,
  ProviderObserver,
  ProviderOpenOptions,
  RegisteredDomainSummary,
  RegistrationObservation,
} from "../types.js";
import { dnsNameservers, domainInfo, domainListPage } from "./answer-shape.js";
import { type AccountClient, accountClient, operationOf } from "./client.js";
import { namecheapDescriptor } from "./descriptor.js";

const PAGE_SIZE = 100;
/** 10,000 domains: beyond that a listing is not trusted to end. */
const MAX_PAGES = 100;
const REGISTRAR_NAME = "NameCheap, Inc.";
const SERVICE = "Namecheap";

/** A command that did not answer, thrown out of a listing page. */
class CallFailed extends Error {
  override readonly name = "CallFailed";
  constructor(
    readonly reason: string,
    readonly deniedAction: string | undefined,
  ) {
    super(reason);
  }
}

interface AccountState {
  readonly account: ProviderAccount;
  readonly client: AccountClient;
  domains?: Promise<Listing<RegisteredDomainSummary>>;
  readonly registrations: Map<string, Promise<RegistrationObservation>>;
}

export function openNamecheap(options: ProviderOpenOptions): ProviderObserver {
  const counters = callCounters();
  const states = new Map<string, AccountState>(
    options.accounts.map((account) => [
      account.id,
      {
        account,
        client: accountClient(account, options.env, counters.attempted),
        registrations: new Map(),
      },
    ]),
  );

  /** One command, counted; its CommandResponse, not-found, or why it failed. */
  function call(client: Extract<AccountClient, { kind: "ready" }>, command: string, params = {}) {
    counters.count(operationOf(command));
    return client.client.call(command, params);
  }

  function listAll(state: AccountState): Promise<Listing<RegisteredDomainSummary>> {
    const { client, account } = state;
    if (client.kind === "unusable") return Promise.resolve(unavailable(account.id, client.reason));
    const command = "namecheap.domains.getList";
    const operation = operationOf(command);
    return readPages<RegisteredDomainSummary>({
      account: account.id,
      operation,
      maxPages: MAX_PAGES,
      pageSize: PAGE_SIZE,
      // Counted by `call`, as every command.
      count: () => {},
      readPage: async (_, page) => {
        const answer = await call(client, command, {
          ListType: "ALL",
          Page: String(page),
          PageSize: String(PAGE_SIZE),
          SortBy: "NAME",
        });
        if (answer.kind === "not-found")
          throw new Error(`Namecheap answered ${operation}: not found`);
        if (answer.kind === "failed") throw new CallFailed(answer.reason, answer.deniedAction);
        const read = domainListPage(operation, answer.response, PAGE_SIZE);
        const last = read.domains.length < PAGE_SIZE || page * PAGE_SIZE >= read.totalItems;
        return { items: read.domains, next: last ? undefined : String(page + 1) };
      },
      failure: (error) =>
        error instanceof CallFailed
          ? { reason: error.reason, deniedAction: error.deniedAction }
          : { reason: (error as Error).message, deniedAction: undefined },
    });
  }

  function domainsOf(state: AccountState): Promise<Listing<RegisteredDomainSummary>> {
    state.domains ??= listAll(state);
    return state.domains;
  }

  /** getInfo (and dns.getList when it lists no name servers) of a domain the listing holds. */
  async function details(
    state: AccountState,
    listed: RegisteredDomainSummary,
  ): Promise<RegistrationObservation> {
    const { client, account } = state;
    if (client.kind === "unusable") return unavailable(account.id, client.reason);
    const info = await call(client, "namecheap.domains.getInfo", { DomainName: listed.name });
    if (info.kind === "not-found") return { kind: "not-in-account", account: account.id };
    if (info.kind === "failed") return unavailable(account.id, info.reason, info.deniedAction);
    try {
      const read = domainInfo("domains.getInfo", info.response);
      if (read.name !== listed.name) {
        return unavailable(account.id, "Namecheap answered domains.getInfo for another domain");
      }
      let nameservers = read.nameservers;
      if (nameservers.length === 0) {
        const [sld, ...tld] = listed.name.split(".");
        const dns = await call(client, "namecheap.domains.dns.getList", {
          SLD: sld ?? "",
          TLD: tld.join("."),
        });
        if (dns.kind === "not-found") return { kind: "not-in-account", account: account.id };
        if (dns.kind === "failed") return unavailable(account.id, dns.reason, dns.deniedAction);
        nameservers = dnsNameservers("domains.dns.getList", dns.response, listed.name);
      }
      return {
        kind: "registered",
        account: account.id,
        detail: {
          ...listed,
          expiry: read.expiry,
          nameservers,
          registrarName: REGISTRAR_NAME,
          statusList: [read.status],
          dnssecKeys: undefined,
        },
      };
    } catch (error) {
      return unavailable(account.id, (error as Error).message);
    }
  }

  return {
    id: namecheapDescriptor.id,
    registrar: {
      operations: undefined,
      async registration(domain, account) {
        const listing = await inDeclaredAccount(states, SERVICE, account, domainsOf);
        if (listing.kind === "unavailable") return listing;
        const found = listing.items.find((item) => item.name === domain);
        const state = states.get(listing.account);
        if (found === undefined || state === undefined) {
          return { kind: "not-in-account", account: listing.account };
        }
        let asked = state.registrations.get(domain);
        if (asked === undefined) {
          asked = details(state, found);
          state.registrations.set(domain, asked);
        }
        return asked;
      },
      listDomains: (account) => inDeclaredAccount(states, SERVICE, account, domainsOf),
    },
    dnsHost: undefined,
    stats: counters.stats,
    close: async () => {},
  };
}
