// What a registry's WHOIS service (port 43, RFC 3912) says about one domain, in the shape the RDAP
// observer gives, so the rules read either the same way. Nothing here knows policy.

/** The WHOIS output formats the observer can read; see ./formats.ts. */
export type WhoisFormatId =
  | "icann"
  | "denic"
  | "eurid"
  | "switch"
  | "iis"
  | "nic-it"
  | "dns-belgium"
  | "nic-at"
  | "punktum"
  | "jprs";

/** One registry's WHOIS service, from the registry capability table. */
export interface WhoisServer {
  /** Host name (or address, in a lab). */
  readonly host: string;
  /** Default 43. */
  readonly port: number;
  /** The query line without CRLF; `{domain}` is replaced by the A-label. */
  readonly query: string;
  readonly format: WhoisFormatId;
}

export interface WhoisRegistrar {
  /** WHOIS gives no IANA id the observer trusts (ccTLD registries use their own numbers). */
  readonly ianaId: undefined;
  readonly name: string | undefined;
}

export interface WhoisEvents {
  /** ISO 8601 (a date alone, or UTC). */
  readonly registration: string | undefined;
  readonly expiration: string | undefined;
  readonly lastChanged: string | undefined;
}

export type WhoisObservation =
  | {
      readonly kind: "registered";
      readonly domain: string;
      readonly protocol: "whois";
      /** `whois://<host>/<domain>`: where the answer came from. */
      readonly url: string;
      readonly registrar: WhoisRegistrar;
      /** Lower-case status words as the registry writes them; undefined when it writes none. */
      readonly statuses: readonly string[] | undefined;
      readonly events: WhoisEvents;
      /** Lower-case A-labels without the trailing dot, sorted. */
      readonly nameservers: readonly string[];
      readonly delegationSigned: undefined;
      /** Lists longer than the bound: what was read of them is incomplete. */
      readonly truncated: readonly ("status" | "nameservers")[];
    }
  | { readonly kind: "not-registered"; readonly domain: string; readonly url: string }
  | {
      readonly kind: "unavailable";
      readonly domain: string;
      readonly reason: string;
      readonly url: string | undefined;
    };
