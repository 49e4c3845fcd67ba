// What the delegation walker observes for one domain. Rules read these; nothing here knows policy.
// Name-server names are lower-case A-labels without the trailing dot; NS sets are sorted.

/**
 * Whether a walk looks up and asks IPv6 addresses: `off` never; `on` always (an address this host
 * cannot route to is then `unroutable`); `auto` wherever this host has a route to the address,
 * and an address it has none to is `not-probed` (`ipv6-off`, `no-route`).
 */
export type Ipv6Mode = "on" | "off" | "auto";

/** Why an address, or a whole name server, was never asked: nothing the server did. */
export type NotProbedReason =
  /** The delegation lists more name servers than a walk probes. */
  | { readonly kind: "nameserver-cap"; readonly limit: number }
  /** The name server has more addresses than a walk probes per server. */
  | { readonly kind: "address-cap"; readonly limit: number }
  /** An IPv6 address while IPv6 is off (`disabled`) or this host has no route to it (`no-route`). */
  | { readonly kind: "ipv6-off"; readonly cause: "disabled" | "no-route" }
  /** The walk had sent the most queries one walk may send before it came to this one. */
  | { readonly kind: "query-budget"; readonly limit: number }
  /** The walk had reached its wall-clock deadline (`deadlineMs`) before it came to this one. */
  | { readonly kind: "walk-deadline"; readonly limitMs: number };

export interface ServerRef {
  /** The server's host name, or the address itself when only the address is known (root hints). */
  readonly name: string;
  readonly address: string;
}

/** How one server address answered an NS query for the zone. */
export type ServerAnswer =
  /** AA set. `ns` is the NS set in the answer (empty for an authoritative NODATA). */
  | { readonly kind: "authoritative"; readonly ns: readonly string[]; readonly soaSerial?: number }
  | { readonly kind: "refused" }
  | { readonly kind: "servfail" }
  | { readonly kind: "nxdomain" }
  /** Any other RCODE (FORMERR, NOTIMP, ...). */
  | { readonly kind: "rcode"; readonly rcode: string }
  /** An answer without AA, or a referral up or sideways instead of an answer. */
  | {
      readonly kind: "not-authoritative";
      readonly detail: "no-aa" | "upward-referral" | "sideways-referral";
    }
  | { readonly kind: "timeout" }
  | { readonly kind: "unreachable"; readonly detail: string }
  /**
   * Nothing was sent: this host has no route to the address (no network, or IPv6 on a host without
   * it). Says nothing about the server.
   */
  | { readonly kind: "unroutable"; readonly detail: string }
  | { readonly kind: "malformed"; readonly detail: string }
  /** Never queried: the address is not public and no lab is configured. */
  | { readonly kind: "blocked"; readonly reason: string }
  /** Never queried, by the walk's own limits or settings: says nothing about the server. */
  | { readonly kind: "not-probed"; readonly reason: NotProbedReason };

export interface ServerProbe {
  readonly address: string;
  readonly answer: ServerAnswer;
  /** Round-trip time of the deciding exchange; absent when nothing was sent or nothing came back. */
  readonly rttMs?: number;
  readonly transport: "udp" | "tcp";
  /**
   * The DNSSEC chain as this address serves it; absent when the walk did not look (see the
   * delegation's `dnssec`) or the address did not answer the NS query authoritatively.
   */
  readonly dnssec?: DnssecProbe;
}

/**
 * Whether a walk asks each delegated server address for the zone's DNSKEY RRset: `if-signed`
 * only when the parent publishes DS records, `always` also without (a policy that requires
 * DNSSEC), `never` not at all.
 */
export type DnssecLookup = "if-signed" | "always" | "never";

/** What one DS record of the parent became at one server (see docs/dnssec.md). */
export interface DnssecDsLink {
  readonly keyTag: number;
  readonly algorithm: number;
  readonly digestType: number;
  /**
   * `matched` a served key; `no-matching-key` (no served key has its tag), `digest-mismatch`,
   * `key-unusable`; `unsupported-algorithm` / `unsupported-digest-type` / `ignored-sha1` (leads
   * nowhere, RFC 4035 §5.2, RFC 4509 §3); `malformed`; `not-examined` (past a work bound).
   */
  readonly status: string;
}

/** One DNSKEY a server serves. */
export interface DnssecKeyLink {
  readonly keyTag: number;
  /** Undefined for RDATA too short to say. */
  readonly algorithm: number | undefined;
  readonly flags: number | undefined;
  /** The SEP bit: a key-signing key by convention. */
  readonly secureEntryPoint: boolean;
  readonly revoked: boolean;
  /** A DS of the parent matched this key. */
  readonly dsMatched: boolean;
  /** `usable`, `unsupported-algorithm`, `unusable` or `malformed`. */
  readonly status: string;
}

/** One RRSIG over an apex RRset, and what became of it. */
export interface DnssecSignatureLink {
  readonly keyTag: number | undefined;
  readonly algorithm: number | undefined;
  /** `valid`, `expired`, `not-yet-valid`, `bad-signature`, `no-matching-key`, `unsupported-algorithm`, `malformed`, `not-examined`. */
  readonly result: string;
  /** ISO 8601, when the RRSIG could be read. */
  readonly expiration: string | undefined;
}

export type DnssecRrsetName = "DNSKEY" | "SOA" | "NS";

/** An apex RRset's signatures at one server. */
export interface DnssecRrsetLink {
  readonly rrset: DnssecRrsetName;
  /**
   * DNSKEY: `anchored` (signed by a key a DS matched), `self-signed`, `bogus`, `missing`; SOA and
   * NS: `valid`, `bogus`, `missing`, or `not-observed` (the SOA when the walk did not ask for it).
   */
  readonly status: string;
  /** Key tags whose signatures hold. */
  readonly signedBy: readonly number[];
  readonly signatures: readonly DnssecSignatureLink[];
}

/** The DNSSEC chain at the delegation point as one server address serves it, validated. */
export interface DnssecChain {
  /** RFC 4035 §5: `insecure` means the parent publishes no DS this validator can follow. */
  readonly verdict: "secure" | "insecure" | "bogus" | "indeterminate";
  /** Why it is bogus (`ds-matches-no-key`, ...), insecure (`no-ds`, `no-supported-ds`) or indeterminate. */
  readonly reasons: readonly string[];
  readonly ds: readonly DnssecDsLink[];
  readonly keys: readonly DnssecKeyLink[];
  readonly rrsets: readonly DnssecRrsetLink[];
  /** The first moment a signature the chain rests on expires (ISO 8601), and over what. */
  readonly earliestExpiration: { readonly rrset: DnssecRrsetName; readonly at: string } | null;
  /** `sha1-ds 12345`, `deprecated-algorithm 12345/5`, `unmatched-ds 12345`, ... */
  readonly warnings: readonly string[];
  /** When it was validated (ISO 8601): signature windows are judged against this moment. */
  readonly validatedAt: string;
}

/** DNSSEC at one delegated server address. */
export type DnssecProbe =
  | ({ readonly kind: "validated" } & DnssecChain)
  /** The DNSKEY query got no usable answer: how the server answered it. */
  | { readonly kind: "no-answer"; readonly answer: ServerAnswer }
  /** A reply whose records could not be read octet by octet. */
  | { readonly kind: "unreadable"; readonly detail: string };

/**
 * An address lookup of one family (A or AAAA) that did not finish: the walk's query budget or
 * deadline cut it short, or it failed (no server answered, SERVFAIL, ...). Either way that family's
 * addresses are unknown.
 */
export interface IncompleteLookup {
  readonly type: "A" | "AAAA";
  readonly why:
    | { readonly kind: "cut-short"; readonly reason: NotProbedReason }
    | { readonly kind: "failed"; readonly reason: string };
}

/** How a delegated name server's addresses were found, or why they could not be. */
export type NameServerAddresses =
  | {
      readonly kind: "ok";
      readonly source: "glue" | "resolved";
      readonly addresses: readonly string[];
      /**
       * Resolved only: the address family whose lookup was cut short by the walk's limits or
       * failed while the other family's found addresses, so that family's addresses (if any) are
       * unknown. Absent when every family asked was looked up to the end (an AAAA lookup is not
       * asked while IPv6 is off).
       */
      readonly incomplete?: IncompleteLookup;
    }
  /** The name does not exist: the servers of `zone` answered NXDOMAIN for it (e.g. its domain lapsed). */
  | { readonly kind: "nxdomain"; readonly zone: string }
  /** The name exists but has no address of the families asked for. */
  | { readonly kind: "no-addresses" }
  | { readonly kind: "failed"; readonly reason: string }
  /**
   * Not looked up at all (beyond the name servers a walk probes), or not to the end (the walk's
   * query budget or deadline).
   */
  | { readonly kind: "not-probed"; readonly reason: NotProbedReason };

export interface NameServerObservation {
  readonly name: string;
  readonly addresses: NameServerAddresses;
  /**
   * One probe per known address (empty when there are none), those the walk did not ask included,
   * as `not-probed` with the reason.
   */
  readonly probes: readonly ServerProbe[];
}

export interface GlueRecord {
  readonly name: string;
  readonly addresses: readonly string[];
}

/** A DS record, its whole RDATA (RFC 4034 §5.1): what the parent published, as it was sent. */
export interface DsRecord {
  readonly keyTag: number;
  readonly algorithm: number;
  readonly digestType: number;
  /** Lower-case hex. */
  readonly digest: string;
}

/** What one parent server said about the delegation (recorded per server with `--all-parents`). */
export type ParentAnswer =
  | {
      readonly kind: "delegation";
      readonly ns: readonly string[];
      /** The DS records this parent server handed out with the referral. */
      readonly ds: readonly DsRecord[];
    }
  | { readonly kind: "nxdomain" }
  | { readonly kind: "no-delegation" }
  | { readonly kind: "failed"; readonly answer: ServerAnswer };

export interface ParentSide {
  /** The closest enclosing zone cut: `com`, `co.uk`, ... */
  readonly zone: string;
  /** The parent zone's servers, as learned from the referral that led to it. */
  readonly servers: readonly ServerRef[];
  /** The parent server whose answer is reported below. */
  readonly respondent: ServerRef;
  readonly ns: readonly string[];
  /** Seconds: the smallest TTL of the respondent's NS records (how long resolvers keep the delegation). */
  readonly nsTtl?: number;
  readonly glue: readonly GlueRecord[];
  readonly ds: readonly DsRecord[];
  /** With `allParents`: every parent server's answer; otherwise only the respondent's. */
  readonly answers: ReadonlyArray<{ readonly server: ServerRef; readonly answer: ParentAnswer }>;
  /** True when some parent servers answered differently from others (only detectable with `allParents`). */
  readonly inconsistent: boolean;
}

export interface WalkStats {
  /** DNS queries sent for this domain (cached referrals and addresses cost nothing). */
  readonly queries: number;
  readonly durationMs: number;
}

/** One zone cut on the way down, for `trace`. */
export interface TraceStep {
  readonly zone: string;
  readonly servers: readonly ServerRef[];
  readonly cached: boolean;
}

export type DelegationObservation =
  | {
      readonly kind: "delegated";
      readonly domain: string;
      readonly parent: ParentSide;
      readonly nameservers: readonly NameServerObservation[];
      /** The IPv6 setting the walk ran with: with `off`, name servers' AAAA records were not looked up. */
      readonly ipv6: Ipv6Mode;
      /** Whether the servers were asked for DNSKEY (each probe's `dnssec` holds the chain). */
      readonly dnssec: "asked" | "not-asked";
      readonly path: readonly TraceStep[];
      readonly stats: WalkStats;
    }
  | {
      readonly kind: "not-delegated";
      readonly domain: string;
      readonly parentZone: string;
      readonly respondent: ServerRef;
      /** `nxdomain`: the name does not exist; `no-delegation`: it exists inside the parent zone but is no zone cut. */
      readonly reason: "nxdomain" | "no-delegation";
      readonly path: readonly TraceStep[];
      readonly stats: WalkStats;
    }
  | {
      /** The walk could not reach an answering parent server: nothing is known about the delegation. */
      readonly kind: "failed";
      readonly domain: string;
      /** The zone whose servers could not be asked (`.` for the root). */
      readonly zone: string;
      readonly reason: string;
      readonly path: readonly TraceStep[];
      readonly stats: WalkStats;
    };
