// What the registry (RDAP, RFC 9083) says about one domain. Nothing here knows policy.

export interface RdapRegistrar {
  /** From the registrar entity's `publicIds` ("IANA Registrar ID"); absent at many ccTLDs. */
  readonly ianaId: number | undefined;
  /** From the registrar entity's vCard `fn`. */
  readonly name: string | undefined;
}

export interface RdapEvents {
  /** ISO 8601 timestamps as the server gave them. */
  readonly registration: string | undefined;
  readonly expiration: string | undefined;
  readonly lastChanged: string | undefined;
}

export type RdapObservation =
  | {
      readonly kind: "registered";
      readonly domain: string;
      /** The URL answered last (the registrar's, when a thin registry's `related` link was followed). */
      readonly url: string;
      readonly registrar: RdapRegistrar;
      /** RFC 9083 status values, lower-case as registered with IANA ("client transfer prohibited"). */
      readonly statuses: readonly string[];
      readonly events: RdapEvents;
      /** Lower-case A-labels without the trailing dot, sorted. */
      readonly nameservers: readonly string[];
      readonly delegationSigned: boolean | undefined;
    }
  | { readonly kind: "not-registered"; readonly domain: string; readonly url: string }
  | {
      readonly kind: "unavailable";
      readonly domain: string;
      readonly reason: string;
      readonly url: string | undefined;
    };
