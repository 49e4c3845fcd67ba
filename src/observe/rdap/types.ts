// What the registry (RDAP, RFC 9083) says about one domain. Nothing here knows policy.

/** The entity roles that name a registrar, in order of precedence (AFNIC lists both). */
export type RdapRegistrarRole = "registrar" | "sponsor";

export interface RdapRegistrar {
  /**
   * From the registrar entity's `publicIds` ("IANA Registrar ID"), at gTLDs only: ICANN requires
   * the IANA id there, while ccTLD registries publish their own numbers under the same type.
   */
  readonly ianaId: number | undefined;
  /** From the registrar entity's vCard `fn` (or `org`), or from its own entity object. */
  readonly name: string | undefined;
  /** The registry's handle of the registrar (CZ.NIC `REG-GRANSY`, Norid `reg42-NORID`). */
  readonly handle?: string | undefined;
  /** The role of the entity read, when there was one. */
  readonly role?: RdapRegistrarRole | undefined;
}

export interface RdapEvents {
  /** ISO 8601 timestamps as the server gave them; a time without a zone gets `Z` (RFC 9083 §4.5). */
  readonly registration: string | undefined;
  /** The registry's `expiration`, else the registrar's `registrar expiration`. */
  readonly expiration: string | undefined;
  readonly lastChanged: string | undefined;
}

/** A `dsData` entry of RDAP `secureDNS` (RFC 9083 §5.3). */
export interface RdapDsData {
  readonly keyTag: number;
  readonly algorithm: number;
  readonly digestType: number;
  /** Lower-case hex. */
  readonly digest: string;
}

/** A `keyData` entry of RDAP `secureDNS` (RFC 9083 §5.3). */
export interface RdapKeyData {
  readonly flags: number;
  readonly protocol: number;
  readonly algorithm: number;
  readonly publicKey: string;
}

/** Members of a domain object whose arrays are walked only to a bound. */
export type RdapBoundedList = "status" | "entities" | "events" | "nameservers";

export type RdapObservation =
  | {
      readonly kind: "registered";
      readonly domain: string;
      readonly protocol: "rdap";
      /** The URL answered last (the registrar's, when a thin registry's `related` link was followed). */
      readonly url: string;
      readonly registrar: RdapRegistrar;
      /**
       * RFC 9083 status values, lower-case as registered with IANA ("client transfer prohibited");
       * EPP spellings (`clientTransferProhibited`) are converted. Undefined when the answer has no
       * `status` member at all, which is not the same as an empty list.
       */
      readonly statuses: readonly string[] | undefined;
      readonly events: RdapEvents;
      /** Lower-case A-labels without the trailing dot, sorted. */
      readonly nameservers: readonly string[];
      readonly delegationSigned: boolean | undefined;
      /** `secureDNS.dsData` and `secureDNS.keyData`: what the registry holds for the delegation. */
      readonly dsData: readonly RdapDsData[];
      readonly keyData: readonly RdapKeyData[];
      /** Lists longer than the bound: what was read of them is incomplete. */
      readonly truncated: readonly RdapBoundedList[];
      /**
       * When the registry gave this answer, for one taken from the cache of an earlier run
       * (registration-cache.ts); absent for an answer of this run.
       */
      readonly observedAt?: string;
    }
  | { readonly kind: "not-registered"; readonly domain: string; readonly url: string }
  | {
      readonly kind: "unavailable";
      readonly domain: string;
      readonly reason: string;
      readonly url: string | undefined;
    };
