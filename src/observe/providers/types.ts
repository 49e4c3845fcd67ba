// The provider contract: what a registrar or DNS-host API adapter (one folder under
// src/observe/providers/) observes, as values, and what it declares it can observe. DNSControl's
// split: a provider may play the registrar role, the DNS-host role, or both, and each role lists its
// capabilities, from which docs/providers.md's matrix is generated. Nothing here knows policy;
// `account` is the policy's account id; undefined asks the provider's default account.

/** The two roles a provider plays for a domain. */
export type ProviderRole = "registrar" | "dnsHost";

/** What a registrar API can show about the domains of an account. */
export const REGISTRAR_CAPABILITIES = {
  listDomains: "lists every domain registered in an account",
  nameservers: "the name servers the account lists for a domain",
  autoRenew: "whether the registration renews itself",
  transferLock: "whether the domain is locked against transfer",
  expiry: "when the registration expires",
  status: "the registration's status codes",
  dnssecKeys: "the DS records (DNSSEC keys) the registrar sent to the registry",
  operations:
    "the account's recent operations on a domain (name-server updates, transfers in) with their status",
} as const;

/** What a DNS-host API can show about the zones of an account. */
export const DNS_HOST_CAPABILITIES = {
  listZones: "lists every public zone in an account",
  assignedNameservers: "the name servers the provider assigned to a zone",
  zoneStatus: "whether the provider serves the zone yet (e.g. pending activation, moved away)",
  apexNameservers: "the zone's own apex NS records, asked when the live DNS cannot show them",
  zoneDnssec: "whether the provider signs the zone (DNSSEC), and the DS each of its keys expects",
  zoneRecords: "the names and types of a zone's records (record parity of a DNS-host migration)",
} as const;

export type RegistrarCapability = keyof typeof REGISTRAR_CAPABILITIES;
export type DnsHostCapability = keyof typeof DNS_HOST_CAPABILITIES;

/** One role of a provider: the API that plays it, and what that API can show. */
export interface RoleDescriptor<C extends string> {
  /** For people, and the report's source name: `Route 53 Domains`, `Cloudflare Registrar`. */
  readonly service: string;
  /** Every capability, true or false, so a new one is a decision for every provider. */
  readonly capabilities: Readonly<Record<C, boolean>>;
}

export type RegistrarRole = RoleDescriptor<RegistrarCapability>;
export type DnsHostRole = RoleDescriptor<DnsHostCapability>;

/**
 * What a provider adapter declares: pure data, read by the docs' capability matrix, by the
 * pipeline (which API answers for a domain's role) and by the session that opens it.
 */
export interface ProviderDescriptor {
  /** The provider catalog's id, which policies name as `registrar:`, `dnsHost:` and account `provider:`. */
  readonly id: string;
  /** For people: `Amazon Route 53`. */
  readonly name: string;
  readonly registrar: RegistrarRole | undefined;
  readonly dnsHost: DnsHostRole | undefined;
  /**
   * Whether a domain that names none of this provider's accounts is asked in a default account
   * (Route 53: the AWS default credential chain). Without one, only declared accounts are asked, and
   * the catalog's name-server patterns judge the other domains, as for providers without an adapter.
   */
  readonly hasDefaultAccount: boolean;
}

/** The API that answered (or would have answered) for one role of a domain: whose, and what it shows. */
export interface ConsultedApi<C extends string> extends RoleDescriptor<C> {
  /** The provider's id. */
  readonly provider: string;
}

/** How to reach one account at one provider, as a policy's `accounts:` entry declares it. */
export interface ProviderAccount {
  /** The account's id, as observations and reports name it. */
  readonly id: string;
  /** The provider's id (`route53`, `cloudflare`). */
  readonly provider: string;
  /** The entry's own keys, as written (the policy schema checked them); the provider reads them. */
  readonly settings: Readonly<Record<string, string>>;
}

/** A call that could not be made or was refused: the checks that need it become "not checked". */
export interface ProviderUnavailable {
  readonly kind: "unavailable";
  readonly account: string;
  readonly reason: string;
  /**
   * The permission that was refused, when that is the cause: an IAM action
   * (`route53domains:GetDomainDetail`), a Cloudflare token permission (`Zone: Read`).
   */
  readonly deniedAction: string | undefined;
}

/** One domain as an account listing shows it. */
export interface RegisteredDomainSummary {
  /** Lower-case A-label without the trailing dot. */
  readonly name: string;
  readonly autoRenew: boolean | undefined;
  readonly transferLock: boolean | undefined;
  /** ISO 8601. */
  readonly expiry: string | undefined;
}

export interface DomainDetail extends RegisteredDomainSummary {
  /**
   * The name servers the registrar account lists, sorted, lower-case, without trailing dot; undefined
   * when the registrar's API publishes none (Cloudflare Registrar).
   */
  readonly nameservers: readonly string[] | undefined;
  readonly registrarName: string | undefined;
  /** The registration's status codes as the API lists them (EPP codes at Route 53 Domains). */
  readonly statusList: readonly string[];
  /**
   * The DNSSEC keys the registrar has sent to the registry (Route 53 Domains `DnssecKeys`); empty
   * when none; undefined when the registrar's API does not publish them (no `dnssecKeys` capability).
   */
  readonly dnssecKeys: readonly RegistrarDnssecKey[] | undefined;
  /** How many more keys the answer listed than were read (see MAX_DNSSEC_KEYS); absent when none. */
  readonly dnssecKeysUnread?: number;
}

/**
 * One DNSSEC key of a registered domain at its registrar: the DS (digest) the registrar submitted
 * to the registry, or the public key it derived it from. Fields the API left out are undefined.
 */
export interface RegistrarDnssecKey {
  readonly keyTag: number | undefined;
  readonly algorithm: number | undefined;
  readonly flags: number | undefined;
  readonly digestType: number | undefined;
  /** Lower-case hex. */
  readonly digest: string | undefined;
  /** The key's id at the registrar (Route 53 Domains: for `disassociate-delegation-signer-from-domain`). */
  readonly id: string | undefined;
}

/** One operation of a registrar account on a domain (Route 53 Domains `OperationSummary`). */
export interface RegistrarOperation {
  readonly id: string;
  /** Route 53 Domains: `UPDATE_NAMESERVER`, `TRANSFER_IN_DOMAIN`, ... */
  readonly type: string;
  /** Route 53 Domains: `SUBMITTED`, `IN_PROGRESS`, `ERROR`, `SUCCESSFUL`, `FAILED`. */
  readonly status: string;
  /** ISO 8601. */
  readonly submittedAt: string | undefined;
  /** ISO 8601. */
  readonly lastUpdatedAt: string | undefined;
  /** The registrar's message, as given (shown as untrusted text). */
  readonly message: string | undefined;
  /** Route 53 Domains: `PENDING_ACCEPTANCE`, `PENDING_CUSTOMER_ACTION`, `PENDING_AUTHORIZATION`, ... */
  readonly statusFlag: string | undefined;
}

/** The operations an account shows for one domain, newest first (the `operations` capability). */
export type OperationsObservation =
  | {
      readonly kind: "ok";
      readonly account: string;
      readonly operations: readonly RegistrarOperation[];
      /** Since when the account was asked (ISO 8601): older operations are not shown. */
      readonly since: string;
    }
  | ProviderUnavailable;

export type RegistrationObservation =
  | {
      readonly kind: "registered";
      readonly account: string;
      readonly detail: DomainDetail;
      /**
       * The account listing's row, when the detail came from a call of its own (Route 53 Domains
       * `GetDomainDetail`): what the next run compares its listing with before reusing the detail.
       */
      readonly listed?: RegisteredDomainSummary;
      /** When the detail was read, for a detail taken from an earlier run; absent when read now. */
      readonly observedAt?: string;
    }
  | { readonly kind: "not-in-account"; readonly account: string }
  | ProviderUnavailable;

/** Whether the provider serves a zone: Cloudflare's zone statuses; Route 53's zones are always active. */
export type ZoneStatus = "active" | "pending" | "initializing" | "moved";

export interface ZoneSummary {
  /** The provider's id of the zone (Route 53: without the `/hostedzone/` prefix). */
  readonly id: string;
  /** Lower-case A-label without the trailing dot. */
  readonly name: string;
  readonly recordCount: number | undefined;
}

export interface Zone extends ZoneSummary {
  /** The name servers the provider assigned to the zone (Route 53's delegation set). Sorted. */
  readonly delegationSet: readonly string[];
  readonly status: ZoneStatus;
  /** The name servers the domain used before it was added here, when the provider records them. */
  readonly originalNameservers?: readonly string[];
}

export type ZonesObservation =
  /** The account's public zones with the domain's name (more than one is a duplicate). */
  | { readonly kind: "found"; readonly account: string; readonly zones: readonly Zone[] }
  | { readonly kind: "none"; readonly account: string }
  | ProviderUnavailable;

export type ApexNameserversObservation =
  | {
      readonly kind: "ok";
      readonly account: string;
      readonly zoneId: string;
      readonly ns: readonly string[];
    }
  | ProviderUnavailable;

/** One key-signing key of a signed zone, as its DNS host reports it (Route 53 `GetDNSSEC`). */
export interface KeySigningKey {
  /** The provider's name of the key (Route 53's KSK name, Cloud DNS's key id; `ksk-<tag>` else). */
  readonly name: string;
  /**
   * As the provider says it: Route 53 `ACTIVE`, `INACTIVE`, `DELETING`, `ACTION_NEEDED`,
   * `INTERNAL_FAILURE`; Cloudflare the zone's DNSSEC status; Cloud DNS `active` / `inactive`;
   * Azure the configuration's provisioning state.
   */
  readonly status: string;
  /** Whether the provider signs with this key and keeps doing so (Route 53 `ACTIVE`). */
  readonly active: boolean;
  readonly statusMessage: string | undefined;
  readonly keyTag: number | undefined;
  readonly algorithm: number | undefined;
  readonly flag: number | undefined;
  readonly digestType: number | undefined;
  /** Lower-case hex of the DS digest the provider computed for the key. */
  readonly digest: string | undefined;
  /** Base64, for `associate-delegation-signer-to-domain`. */
  readonly publicKey: string | undefined;
}

/** A zone's DNSSEC signing as its DNS host reports it (the `zoneDnssec` capability). */
export type ZoneDnssecObservation =
  | {
      readonly kind: "ok";
      readonly account: string;
      readonly zoneId: string;
      /**
       * The signing state in the provider's words: Route 53 `SIGNING`, `NOT_SIGNING`, `DELETING`,
       * `ACTION_NEEDED`, `INTERNAL_FAILURE`; Cloudflare `active`, `pending`, `pending-disabled`,
       * `disabled`, `error`; Cloud DNS `on`, `off`, `transfer`; Azure `Succeeded`, `Creating`,
       * `Deleting`, `Failed`, or `not configured` when the zone has no DNSSEC configuration.
       */
      readonly serveSignature: string;
      /** Whether the provider serves the zone signed now (Route 53 `SIGNING`), whatever its words. */
      readonly signing: boolean;
      readonly statusMessage: string | undefined;
      readonly keySigningKeys: readonly KeySigningKey[];
    }
  | ProviderUnavailable;

/** One record set a zone holds, as its DNS host lists it: names lower-case, no trailing dot. */
export interface ZoneRecordSetKey {
  readonly name: string;
  /** The type mnemonic, upper case (`MX`, `TXT`). */
  readonly type: string;
}

/** The record sets a zone holds, per its DNS host's API (the `zoneRecords` capability). */
export type ZoneRecordsObservation =
  | {
      readonly kind: "ok";
      readonly account: string;
      readonly zoneId: string;
      /** In the API's order, each name and type once, at most the `maxRecordSets` asked for. */
      readonly records: readonly ZoneRecordSetKey[];
      /** False when the zone holds more record sets than were asked for: the list is cut. */
      readonly complete: boolean;
    }
  | ProviderUnavailable;

export type Listing<T> =
  | { readonly kind: "ok"; readonly account: string; readonly items: readonly T[] }
  | ProviderUnavailable;

/** Everything in an account, for `--inventory` and `init`. */
export interface AccountInventory {
  readonly account: string;
  readonly registeredDomains: Listing<RegisteredDomainSummary>;
  readonly publicHostedZones: Listing<ZoneSummary>;
}

/** API calls made so far, by operation name (`ListHostedZones`, `zones.list`, ...). */
export type ApiCallCounts = Readonly<Record<string, number>>;

/** A domain's detail as an earlier run read it, and when. */
export interface EarlierDetail {
  readonly detail: DomainDetail;
  readonly observedAt: string;
}

/**
 * What the pipeline offers a registrar API for one domain: the detail of an earlier run, given the
 * row the account listing (read on every run) shows now; undefined when the detail must be asked.
 */
export type EarlierDetailLookup = (
  listed: RegisteredDomainSummary,
) => Promise<EarlierDetail | undefined>;

/** The registrar role of an open provider. */
export interface RegistrarApi {
  /**
   * Is the domain registered in this account, and its details. An API whose detail costs a call of
   * its own beyond the listing asks `earlier` first, with the listing's row, and reuses what it
   * gives (with its `observedAt`); an API whose listing holds everything ignores it.
   */
  registration(
    domain: string,
    account: string | undefined,
    earlier?: EarlierDetailLookup,
  ): Promise<RegistrationObservation>;
  /** Every domain registered in the account (for `--inventory` and `init`). */
  listDomains(account: string | undefined): Promise<Listing<RegisteredDomainSummary>>;
  /**
   * The account's recent operations on the domain, of the types asked; present with the
   * `operations` capability. The pipeline asks it only for domains that migrate.
   */
  readonly operations:
    | ((
        domain: string,
        types: readonly string[],
        account: string | undefined,
      ) => Promise<OperationsObservation>)
    | undefined;
}

/** The DNS-host role of an open provider. */
export interface DnsHostApi {
  /** The account's public zones with this name, each with its assigned name servers. */
  zones(domain: string, account: string | undefined): Promise<ZonesObservation>;
  /** Every public zone in the account (for `--inventory` and `init`). */
  listZones(account: string | undefined): Promise<Listing<ZoneSummary>>;
  /** The zone's apex NS records from the API; present with the `apexNameservers` capability. */
  readonly apexNameservers:
    | ((zone: ZoneSummary, account: string | undefined) => Promise<ApexNameserversObservation>)
    | undefined;
  /**
   * The zone's DNSSEC signing and key-signing keys; present with the `zoneDnssec` capability. The
   * pipeline asks it once per zone per run, only of domains signed at the parent or whose policy
   * requires or forbids DNSSEC.
   */
  readonly zoneDnssec:
    | ((zone: ZoneSummary, account: string | undefined) => Promise<ZoneDnssecObservation>)
    | undefined;
  /**
   * The names and types of the zone's record sets, at most `maxRecordSets` of them; present with
   * the `zoneRecords` capability. Asked only for a zone a domain migrates to.
   */
  readonly zoneRecords:
    | ((
        zone: ZoneSummary,
        account: string | undefined,
        maxRecordSets: number,
      ) => Promise<ZoneRecordsObservation>)
    | undefined;
}

/**
 * An open provider: its roles (undefined for a role it does not play), its counters, and `close`.
 * No method throws for a failure of the provider, the network or the credentials.
 */
export interface ProviderObserver {
  readonly id: string;
  readonly registrar: RegistrarApi | undefined;
  readonly dnsHost: DnsHostApi | undefined;
  /** Calls made so far by operation; `attempts` also counts retries. */
  stats(): { calls: ApiCallCounts; attempts: ApiCallCounts };
  /** Releases the clients and writes what the provider caches on disk. Never rejects. */
  close(): Promise<void>;
}

/** What the session hands every provider it opens. */
export interface ProviderOpenOptions {
  /** This provider's accounts from the policies. */
  readonly accounts: readonly ProviderAccount[];
  /** Where a provider may cache what never changes (Route 53 delegation sets); undefined keeps none. */
  readonly cacheDir: string | undefined;
  /** Client-side limit of requests per second per account and API; undefined: the provider's default. */
  readonly requestsPerSecond: number | undefined;
  /** The environment credentials and endpoint overrides are read from (the process's). */
  readonly env: NodeJS.ProcessEnv;
}
