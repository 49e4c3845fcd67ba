// RRSIG verification (RFC 4035 §5.3): the checks on the RRSIG's fields, the key it names, the
// signature itself with node:crypto, then the validity window.

import { constants, type KeyObject, verify } from "node:crypto";
import { algorithmInfo, type SignatureScheme } from "./algorithms.js";
import { signedData } from "./canonical.js";
import { type ServedKey, zoneKeyProblem } from "./key-set.js";
import { MAX_KEYS_PER_SIGNATURE, type WorkBudget } from "./limits.js";
import { namesEqual, nameToText } from "./name.js";
import { parseRrsig } from "./rdata.js";
import type { WireRecord } from "./records.js";
import { checkValidity } from "./validity.js";

/** True when `signature` is `key`'s signature over `data` under `scheme`. Never throws. */
export function verifySignature(
  scheme: SignatureScheme,
  key: KeyObject,
  data: Buffer,
  signature: Buffer,
): boolean {
  try {
    switch (scheme.kind) {
      case "rsa":
        return verify(scheme.hash, data, { key, padding: constants.RSA_PKCS1_PADDING }, signature);
      case "ecdsa":
        // RFC 6605 §4: the signature is r||s, each the curve's size: IEEE P1363, not DER.
        if (signature.length !== 2 * scheme.size) return false;
        return verify(scheme.hash, data, { key, dsaEncoding: "ieee-p1363" }, signature);
      case "eddsa":
        if (signature.length !== scheme.signatureSize) return false;
        return verify(null, data, key, signature);
    }
  } catch {
    return false;
  }
}

const isoTime = (unixSeconds: number): string => new Date(unixSeconds * 1000).toISOString();

/** What one RRSIG proved about its RRset. Times are ISO 8601 UTC. */
export type SignatureOutcome =
  | {
      readonly result: "valid";
      readonly keyTag: number;
      readonly algorithm: number;
      readonly inception: string;
      readonly expiration: string;
      /** RFC 8624: RSA/SHA-1 still validates but is on its way out. */
      readonly deprecatedAlgorithm: boolean;
    }
  /** The signature is genuine but the window has passed (or not yet begun). */
  | {
      readonly result: "expired" | "not-yet-valid";
      readonly keyTag: number;
      readonly algorithm: number;
      readonly inception: string;
      readonly expiration: string;
    }
  /** Keys with the tag and algorithm exist, and the signature fails with every one. */
  | { readonly result: "bad-signature"; readonly keyTag: number; readonly algorithm: number }
  /** No key of the set may have made it (`detail` says why a key with the tag was passed over). */
  | {
      readonly result: "no-matching-key";
      readonly keyTag: number;
      readonly algorithm: number;
      readonly detail?: string;
    }
  | {
      readonly result: "unsupported-algorithm";
      readonly keyTag: number;
      readonly algorithm: number;
    }
  /** The RRSIG cannot be read, or its fields do not fit the RRset or the zone. */
  | { readonly result: "malformed"; readonly detail: string }
  /** The verification budget was spent before this RRSIG (see limits.ts). */
  | { readonly result: "not-examined"; readonly keyTag: number; readonly algorithm: number };

export interface SignatureCheck {
  readonly outcome: SignatureOutcome;
  /** The key that made a genuine signature (valid, expired or not yet valid). */
  readonly signer?: ServedKey;
}

export interface RrsigContext {
  /** The zone: every apex RRSIG's Signer's Name must be it (RFC 4035 §5.3.1). */
  readonly zone: Buffer;
  readonly keys: readonly ServedKey[];
  readonly now: Date;
  readonly budget: WorkBudget;
}

/** Checks one RRSIG record over an RRset (records of one owner, class and type) with the served keys. */
export function checkRrsig(
  rrsigRecord: WireRecord,
  rrset: readonly WireRecord[],
  context: RrsigContext,
): SignatureCheck {
  const [first] = rrset;
  if (
    first !== undefined &&
    (rrsigRecord.class !== first.class || !namesEqual(rrsigRecord.owner, first.owner))
  ) {
    return {
      outcome: { result: "malformed", detail: "the RRSIG's owner or class is not the RRset's" },
    };
  }
  const parsed = parseRrsig(rrsigRecord.rdata);
  if (!parsed.ok) return { outcome: { result: "malformed", detail: parsed.detail } };
  const rrsig = parsed.value;
  const { keyTag, algorithm } = rrsig;
  if (!namesEqual(rrsig.signerName, context.zone)) {
    const detail = `signer ${nameToText(rrsig.signerName)} is not the zone ${nameToText(context.zone)}`;
    return { outcome: { result: "malformed", detail } };
  }
  const info = algorithmInfo(algorithm);
  if (info === undefined)
    return { outcome: { result: "unsupported-algorithm", keyTag, algorithm } };
  const data = signedData(rrsig, rrset);
  if (!data.ok) return { outcome: { result: "malformed", detail: data.detail } };

  let passedOver: string | undefined;
  const candidates: Array<{ key: ServedKey; object: KeyObject }> = [];
  for (const key of context.keys) {
    const usability = key.usability;
    if (
      key.keyTag !== keyTag ||
      usability.status === "malformed" ||
      usability.dnskey.algorithm !== algorithm
    )
      continue;
    if (usability.status !== "usable") {
      passedOver = usability.status === "unusable" ? usability.detail : "unsupported key algorithm";
      continue;
    }
    const problem = zoneKeyProblem(usability.dnskey);
    if (problem !== undefined) {
      passedOver = problem;
      continue;
    }
    if (candidates.length < MAX_KEYS_PER_SIGNATURE) candidates.push({ key, object: usability.key });
  }
  if (candidates.length === 0) {
    const outcome: SignatureOutcome = { result: "no-matching-key", keyTag, algorithm };
    return { outcome: passedOver === undefined ? outcome : { ...outcome, detail: passedOver } };
  }
  for (const { key, object } of candidates) {
    if (!context.budget.takeVerification())
      return { outcome: { result: "not-examined", keyTag, algorithm } };
    if (!verifySignature(info.scheme, object, data.value, rrsig.signature)) continue;
    const window = checkValidity(rrsig.inception, rrsig.expiration, context.now);
    const times = {
      keyTag,
      algorithm,
      inception: isoTime(window.inception),
      expiration: isoTime(window.expiration),
    };
    if (window.status === "current") {
      return {
        outcome: { result: "valid", ...times, deprecatedAlgorithm: info.deprecated },
        signer: key,
      };
    }
    return { outcome: { result: window.status, ...times }, signer: key };
  }
  return { outcome: { result: "bad-signature", keyTag, algorithm } };
}
