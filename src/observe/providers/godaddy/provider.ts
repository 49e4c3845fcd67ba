// GoDaddy behind the provider contract: the domains of a GoDaddy customer account (registrar role)
// through the REST API v1. Each account is listed once per session (`GET /v1/domains`, 1,000 a
// page by `marker`, with `includes=nameServers`), and every domain's question is answered from that
// listing: a scan costs one call per 1,000 domains, well inside GoDaddy's 60 requests a minute. Only
// a domain the listing shows without name servers costs one more call (`GET /v1/domains/{domain}`).
import { callCounters, inDeclaredAccount, readPages, unavailable } from "../account-listing.js";
import type {
  DomainDetail,
  Listing,
  ProviderAccount,
  ProviderObserver,
  ProviderOpenOptions,
  RegistrationObservation,
} from "../types.js";
import { domainOf, domainPage, type GoDaddyDomain } from "./answer-shape.js";
import { type AccountClient, accountClient, type CallOutcome } from "./client.js";
import { godaddyDescriptor } from "./descriptor.js";

const LIMIT = 1_000;
/** 50,000 domains: beyond that a listing is not trusted to end. */
const MAX_PAGES = 50;
const REGISTRAR_NAME = "GoDaddy.com, LLC";
const SERVICE = "GoDaddy";
/**
 * Statuses of a domain that has left the account (cancelled, transferred away): the listing still
 * shows it for a while, but the account no longer holds the registration.
 */
const GONE = new Set([
  "CANCELLED",
  "CANCELLED_HELD",
  "CANCELLED_REDEEMABLE",
  "CANCELLED_TRANSFER",
  "TRANSFERRED_OUT",
  "DELETED",
]);

/** A call that did not answer: thrown out of a listing page, and read back by `reasonOf`. */
class CallFailed extends Error {
  override readonly name = "CallFailed";
  constructor(
    readonly reason: string,
    readonly deniedAction: string | undefined,
  ) {
    super(reason);
  }
}

function failed(operation: string, answer: Exclude<CallOutcome, { kind: "ok" }>): CallFailed {
  return answer.kind === "not-found"
    ? new CallFailed(`GoDaddy answered ${operation} with 404`, undefined)
    : new CallFailed(answer.reason, answer.deniedAction);
}

/** The reason of a failed page: the call's, or the shape problem the answer had. */
function reasonOf(error: unknown): { reason: string; deniedAction: string | undefined } {
  if (error instanceof CallFailed)
    return { reason: error.reason, deniedAction: error.deniedAction };
  return {
    reason: error instanceof Error ? error.message : String(error),
    deniedAction: undefined,
  };
}

interface AccountState {
  readonly account: ProviderAccount;
  readonly client: AccountClient;
  domains?: Promise<Listing<GoDaddyDomain>>;
  readonly details: Map<string, Promise<RegistrationObservation>>;
}

function detailOf(domain: GoDaddyDomain, nameservers: readonly string[] | undefined): DomainDetail {
  return {
    name: domain.name,
    autoRenew: domain.autoRenew,
    transferLock: domain.transferLock,
    expiry: domain.expiry,
    nameservers,
    registrarName: REGISTRAR_NAME,
    statusList: [domain.status],
    dnssecKeys: undefined,
  };
}

export function openGoDaddy(options: ProviderOpenOptions): ProviderObserver {
  const counters = callCounters();
  const states = new Map<string, AccountState>(
    options.accounts.map((account) => [
      account.id,
      {
        account,
        client: accountClient(account, options.env, counters.attempted),
        details: new Map(),
      },
    ]),
  );

  function listAll(state: AccountState): Promise<Listing<GoDaddyDomain>> {
    const { client, account } = state;
    if (client.kind === "unusable") return Promise.resolve(unavailable(account.id, client.reason));
    const operation = "domains.list";
    return readPages<GoDaddyDomain>({
      account: account.id,
      operation,
      maxPages: MAX_PAGES,
      pageSize: LIMIT,
      count: counters.count,
      readPage: async (marker) => {
        const answer = await client.client.get(operation, "/v1/domains", {
          limit: String(LIMIT),
          includes: "nameServers",
          ...(marker === undefined ? {} : { marker }),
        });
        if (answer.kind !== "ok") throw failed(operation, answer);
        const domains = domainPage(operation, answer.body, LIMIT);
        const last = domains.at(-1);
        if (domains.length < LIMIT || last === undefined)
          return { items: domains, next: undefined };
        // Pages are sorted by name and start after the marker: one that does not move on never ends.
        if (marker !== undefined && last.name <= marker) {
          throw new Error(
            `GoDaddy answered ${operation} with a page that does not follow the previous one`,
          );
        }
        return { items: domains, next: last.name };
      },
      failure: reasonOf,
    });
  }

  function domainsOf(state: AccountState): Promise<Listing<GoDaddyDomain>> {
    state.domains ??= listAll(state);
    return state.domains;
  }

  /** The one domain the listing showed without name servers: its DomainDetail. */
  async function askDetail(state: AccountState, listed: GoDaddyDomain) {
    const { client, account } = state;
    if (client.kind === "unusable") return unavailable(account.id, client.reason);
    const operation = "domains.get";
    counters.count(operation);
    const answer = await client.client.get(
      operation,
      `/v1/domains/${encodeURIComponent(listed.name)}`,
      {},
    );
    if (answer.kind === "not-found")
      return { kind: "not-in-account", account: account.id } as const;
    if (answer.kind === "failed") {
      return unavailable(account.id, answer.reason, answer.deniedAction);
    }
    try {
      const detail = domainOf(operation, answer.body);
      if (detail.name !== listed.name) {
        return unavailable(account.id, `GoDaddy answered ${operation} for another domain`);
      }
      return {
        kind: "registered",
        account: account.id,
        detail: detailOf(detail, detail.nameservers ?? []),
      } as const;
    } catch (error) {
      return unavailable(account.id, (error as Error).message);
    }
  }

  const held = (domain: GoDaddyDomain) => !GONE.has(domain.status);

  return {
    id: godaddyDescriptor.id,
    registrar: {
      operations: undefined,
      async registration(domain, account) {
        const listing = await inDeclaredAccount(states, SERVICE, account, domainsOf);
        if (listing.kind === "unavailable") return listing;
        const found = listing.items.find((item) => item.name === domain && held(item));
        if (found === undefined) return { kind: "not-in-account", account: listing.account };
        if (found.nameservers !== undefined) {
          return {
            kind: "registered",
            account: listing.account,
            detail: detailOf(found, found.nameservers),
          };
        }
        const state = states.get(listing.account);
        if (state === undefined) return { kind: "not-in-account", account: listing.account };
        let asked = state.details.get(domain);
        if (asked === undefined) {
          asked = askDetail(state, found);
          state.details.set(domain, asked);
        }
        return asked;
      },
      async listDomains(account) {
        const listing = await inDeclaredAccount(states, SERVICE, account, domainsOf);
        if (listing.kind === "unavailable") return listing;
        return {
          ...listing,
          items: listing.items.filter(held).map(({ name, autoRenew, transferLock, expiry }) => ({
            name,
            autoRenew,
            transferLock,
            expiry,
          })),
        };
      },
    },
    dnsHost: undefined,
    stats: counters.stats,
    close: async () => {},
  };
}
