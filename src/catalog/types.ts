// The provider catalog: registrars and DNS hosts as data, and the questions observers' results are
// put to it ("whose name servers are these?", "which registrar is this RDAP entity?").

/** What identifies a DNS host: the name servers it hands out. */
export interface DnsHostRole {
  /** Glob patterns over host names (`*` within one label, `[a-e]`, `{com,net}`), lower-case, no trailing dot. */
  readonly nameservers: readonly string[];
  /**
   * True when anyone can create a zone of any name on these servers (self-service sign-up, no proof
   * of control). A delegation to such servers that no longer host the zone is a takeover risk.
   */
  readonly sharedHosting: boolean;
}

/** What identifies a registrar in RDAP and in the Route 53 Domains API. */
export interface RegistrarRole {
  /** IANA registrar ids (the RDAP entity's "IANA Registrar ID"). */
  readonly ianaIds: readonly number[];
  /** Registrar names as registries print them; compared ignoring case, punctuation and legal suffixes. */
  readonly names: readonly string[];
  /**
   * Registry handles of the registrar, by scope: a TLD (`cz`) or a registry id of the capability
   * table (`norid`). Handles are the registry's own (`REG-GRANSY`), so they count only there.
   */
  readonly handles?: Readonly<Record<string, readonly string[]>>;
}

/** A registrar as a registry names it. */
export interface RegistrarEvidence {
  readonly ianaId: number | undefined;
  readonly name: string | undefined;
  readonly handle?: string | undefined;
  /** Where a handle is valid: the TLD and the registry's id. */
  readonly scopes?: readonly string[];
}

export interface Provider {
  /** The catalog key policies use (`route53`, `hover`, ...). */
  readonly id: string;
  /** Display name. */
  readonly name: string;
  readonly dnsHost: DnsHostRole | undefined;
  readonly registrar: RegistrarRole | undefined;
  /** `builtin` as shipped; `policy` defined by a policy; `extended` built in, with additions from a policy. */
  readonly origin: "builtin" | "policy" | "extended";
}

/** A `providers:` entry of a policy, already validated: it defines a new provider or extends a built-in one. */
export interface PolicyProviderDefinition {
  readonly id: string;
  readonly name?: string | undefined;
  readonly dnsHost?:
    | { readonly nameservers?: readonly string[]; readonly sharedHosting?: boolean | undefined }
    | undefined;
  readonly registrar?:
    | {
        readonly ianaIds?: readonly number[];
        readonly names?: readonly string[];
        readonly handles?: Readonly<Record<string, readonly string[]>>;
      }
    | undefined;
}

export type DnsHostIdentification =
  | { readonly kind: "provider"; readonly id: string }
  /** The set is spread over several providers, or only partly recognised (e.g. a half-finished migration). */
  | {
      readonly kind: "mixed";
      readonly parts: readonly {
        readonly id: string | undefined;
        readonly nameservers: readonly string[];
      }[];
    }
  | { readonly kind: "unknown" };

export type RegistrarIdentification =
  | { readonly kind: "match"; readonly ids: readonly string[] }
  | { readonly kind: "unknown" };

export interface ProviderCatalog {
  get(id: string): Provider | undefined;
  /** Every provider id, policy-defined first, then the built-ins in catalog order. */
  ids(): readonly string[];
  /** Which DNS host serves this name-server set (names compared case-insensitively, trailing dot ignored). */
  identifyDnsHost(nameservers: readonly string[]): DnsHostIdentification;
  /**
   * Which registrar ids an RDAP / WHOIS / Route 53 Domains registrar is. The IANA id decides when it
   * matches; then the registry handle within its scopes; the name is the last resort (ccTLD
   * registries often give only a name). Several ids may match.
   */
  identifyRegistrar(registrar: RegistrarEvidence): RegistrarIdentification;
  /** Whether `host` matches one of the DNS-host patterns of provider `id` (false for an unknown id). */
  matchesNameserverPattern(id: string, host: string): boolean;
}
