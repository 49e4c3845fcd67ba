// One server's DNSKEY RRset read into keys the other steps can use: each DNSKEY parsed, its key tag
// computed and its public key decoded once, or the reason it cannot be used.

import type { KeyObject } from "node:crypto";
import { type AlgorithmInfo, algorithmInfo } from "./algorithms.js";
import { keyTag } from "./key-tag.js";
import { decodePublicKey } from "./public-key.js";
import { DNSKEY_PROTOCOL, type Dnskey, parseDnskey } from "./rdata.js";
import { bytes, type WireRecord } from "./records.js";

/** A served DNSKEY and what the core can do with it. */
export interface ServedKey {
  readonly keyTag: number;
  /** The DNSKEY RDATA, as the DS digest covers it. */
  readonly rdata: Buffer;
  readonly usability:
    | {
        readonly status: "usable";
        readonly dnskey: Dnskey;
        readonly algorithm: AlgorithmInfo;
        readonly key: KeyObject;
        readonly bits: number;
      }
    | { readonly status: "unsupported-algorithm"; readonly dnskey: Dnskey }
    | { readonly status: "unusable"; readonly dnskey: Dnskey; readonly detail: string }
    | { readonly status: "malformed"; readonly detail: string };
}

export function readServedKey(record: WireRecord): ServedKey {
  const rdata = bytes(record.rdata);
  const tag = keyTag(rdata);
  const parsed = parseDnskey(rdata);
  if (!parsed.ok)
    return { keyTag: tag, rdata, usability: { status: "malformed", detail: parsed.detail } };
  const dnskey = parsed.value;
  if (dnskey.protocol !== DNSKEY_PROTOCOL) {
    // RFC 4034 §2.1.2: such a key MUST be treated as invalid during signature verification.
    return {
      keyTag: tag,
      rdata,
      usability: { status: "unusable", dnskey, detail: `protocol ${dnskey.protocol}, not 3` },
    };
  }
  const algorithm = algorithmInfo(dnskey.algorithm);
  if (algorithm === undefined)
    return { keyTag: tag, rdata, usability: { status: "unsupported-algorithm", dnskey } };
  const decoded = decodePublicKey(algorithm.scheme, dnskey.publicKey);
  if (!decoded.ok)
    return {
      keyTag: tag,
      rdata,
      usability: { status: "unusable", dnskey, detail: decoded.detail },
    };
  return {
    keyTag: tag,
    rdata,
    usability: { status: "usable", dnskey, algorithm, key: decoded.key, bits: decoded.bits },
  };
}

/** Why a usable key may still not vouch for a signature or a DS, or undefined when it may. */
export function zoneKeyProblem(dnskey: Dnskey): string | undefined {
  // RFC 4035 §5.3.1 and §5.2: the key MUST have the Zone Key flag; RFC 5011 §2.1: a revoked key
  // is no longer to be trusted.
  if (!dnskey.zoneKey) return "the Zone Key flag is clear";
  if (dnskey.revoked) return "the key is revoked (REVOKE flag set)";
  return undefined;
}
