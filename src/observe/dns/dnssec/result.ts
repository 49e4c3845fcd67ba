// What validateDelegation reports: its input and, per step of the chain, a discriminated union
// of what held. These are the contract for rules, reports and the trace; names are lower-case
// without the trailing dot, times ISO 8601 UTC.

import type { DsOutcome } from "./ds.js";
import type { DsInput } from "./rdata.js";
import type { SignedRrset } from "./records.js";
import type { SignatureOutcome } from "./verify.js";

export interface DelegationInput {
  /** The delegated zone in presentation form, e.g. "example.com" (trailing dot optional). */
  readonly zone: string;
  /** The parent's DS RRset for the zone (the walker's `DsRecord`s fit); empty when there is none. */
  readonly ds: readonly DsInput[];
  /** One server's answer to `<zone> DNSKEY` with DO set: the DNSKEY records and their RRSIGs. */
  readonly dnskey: SignedRrset;
  /**
   * The same server's apex SOA RRset and its RRSIGs; left out when the caller did not ask for it
   * (its step is then `not-observed` and the verdict rests on the DNSKEY and NS RRsets).
   */
  readonly soa?: SignedRrset;
  /** The same server's apex NS RRset and its RRSIGs. */
  readonly ns: SignedRrset;
  readonly now: Date;
}

export type RrsetName = "DNSKEY" | "SOA" | "NS";

export interface KeyFields {
  readonly keyTag: number;
  /** A DS of the parent matched this key (digest, tag and algorithm). */
  readonly dsMatched: boolean;
  readonly algorithm: number;
  readonly flags: number;
  readonly zoneKey: boolean;
  readonly secureEntryPoint: boolean;
  readonly revoked: boolean;
}

/** One served DNSKEY. */
export type KeyReport =
  | (KeyFields & {
      readonly status: "usable";
      readonly bits: number;
      readonly deprecatedAlgorithm: boolean;
    })
  | (KeyFields & { readonly status: "unsupported-algorithm" })
  /** Protocol not 3, or a public key node:crypto cannot use (truncated, wrong size, off-curve). */
  | (KeyFields & { readonly status: "unusable"; readonly detail: string })
  /** RDATA too short to be a DNSKEY. */
  | {
      readonly status: "malformed";
      readonly keyTag: number;
      readonly dsMatched: false;
      readonly detail: string;
    };

export type DsStep =
  /** The parent publishes no DS: an unsigned delegation. */
  | { readonly status: "absent" }
  /** No DS uses a digest type and algorithm this validator supports: treated as unsigned (RFC 4035 §5.2). */
  | { readonly status: "unsupported"; readonly records: readonly DsOutcome[] }
  | {
      readonly status: "matched";
      readonly keyTags: readonly number[];
      readonly records: readonly DsOutcome[];
    }
  /** Usable DS records exist and none matches a served key: the classic post-migration outage. */
  | { readonly status: "no-match"; readonly records: readonly DsOutcome[] };

export interface SignedFields {
  /** Key tags of the keys whose signatures hold. */
  readonly signedBy: readonly number[];
  /** When the last of those signatures expires (ISO 8601): the RRset stays valid until then. */
  readonly validUntil: string;
  readonly signatures: readonly SignatureOutcome[];
}

export type DnskeyStep =
  | { readonly status: "missing" }
  /** A key that a DS matched signs the DNSKEY RRset with a current signature. */
  | ({ readonly status: "anchored" } & SignedFields)
  /** Signed by keys of the set, but by none that a DS matched. */
  | ({ readonly status: "self-signed" } & SignedFields)
  | {
      readonly status: "bogus";
      readonly reason: "unsigned" | "no-valid-signature";
      readonly signatures: readonly SignatureOutcome[];
    };

export type RrsetStep =
  | { readonly status: "missing" }
  /** The caller did not observe this RRset (the SOA, when the server was not asked for it). */
  | { readonly status: "not-observed" }
  /** A key of the served DNSKEY RRset signs the RRset with a current signature. */
  | ({ readonly status: "valid" } & SignedFields)
  | {
      readonly status: "bogus";
      readonly reason: "unsigned" | "no-valid-signature";
      readonly signatures: readonly SignatureOutcome[];
    };

export type BogusReason =
  | "ds-matches-no-key"
  | "dnskey-missing"
  | "dnskey-not-signed-by-ds-key"
  | "soa-missing"
  | "soa-not-validly-signed"
  | "ns-missing"
  | "ns-not-validly-signed";

export type DelegationVerdict =
  | { readonly status: "secure" }
  | { readonly status: "insecure"; readonly reason: "no-ds" | "no-supported-ds" }
  | { readonly status: "bogus"; readonly reasons: readonly BogusReason[] }
  /** The input itself could not be judged (an unreadable zone name). */
  | { readonly status: "indeterminate"; readonly detail: string };

export type DelegationWarning =
  /** A SHA-1 DS is relied on: accepted, but RFC 8624 deprecates SHA-1 digests. */
  | { readonly code: "sha1-ds"; readonly keyTag: number }
  /** A served key uses RSA/SHA-1 (algorithm 5 or 7): still validated, deprecated by RFC 8624. */
  | { readonly code: "deprecated-algorithm"; readonly keyTag: number; readonly algorithm: number }
  /** A usable DS that matches no served key, while another DS holds the chain: a stale DS. */
  | {
      readonly code: "unmatched-ds";
      readonly keyTag: number;
      readonly algorithm: number;
      readonly digestType: number;
    }
  /** A DS matches a key without the SEP flag: valid (RFC 4034 §2.1.1), but unusual. */
  | { readonly code: "ds-key-without-sep-flag"; readonly keyTag: number }
  /** Records handed in that are not part of the named RRset (other owner, type or class): ignored. */
  | { readonly code: "foreign-records"; readonly rrset: RrsetName; readonly count: number }
  /** More was given than is examined (see limits.ts); the rest was ignored. */
  | { readonly code: "limit-reached"; readonly what: string; readonly limit: number };

export interface DelegationValidation {
  readonly zone: string;
  readonly verdict: DelegationVerdict;
  readonly ds: DsStep;
  readonly keys: readonly KeyReport[];
  readonly dnskey: DnskeyStep;
  readonly soa: RrsetStep;
  readonly ns: RrsetStep;
  /** The first moment a step that holds now stops holding, and which RRset it is; null if none holds. */
  readonly earliestExpiration: { readonly rrset: RrsetName; readonly at: string } | null;
  readonly warnings: readonly DelegationWarning[];
}
