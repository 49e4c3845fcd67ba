// DS ↔ DNSKEY matching (RFC 4034 §5, RFC 4035 §5.2, RFC 4509 §3): which DS record of the parent
// points at which key the server serves.

import { createHash } from "node:crypto";
import { algorithmInfo, digestInfo } from "./algorithms.js";
import { type ServedKey, zoneKeyProblem } from "./key-set.js";
import type { WorkBudget } from "./limits.js";
import { lowerName } from "./name.js";
import type { DsInput } from "./rdata.js";
import { bytes } from "./records.js";

/**
 * The DS digest of a DNSKEY (RFC 4034 §5.1.4): the digest of the owner name in canonical form
 * followed by the DNSKEY RDATA. Undefined for a digest type node:crypto lacks.
 */
export function dsDigest(
  owner: Uint8Array,
  dnskeyRdata: Uint8Array,
  digestType: number,
): Buffer | undefined {
  const info = digestInfo(digestType);
  if (info === undefined) return undefined;
  return createHash(info.hash).update(lowerName(owner)).update(bytes(dnskeyRdata)).digest();
}

const DIGEST_SHA1 = 1;
const DIGEST_SHA256 = 2;

interface DsFields {
  readonly keyTag: number;
  readonly algorithm: number;
  readonly digestType: number;
}

/** What became of one DS record of the parent. "matched": a served key that may vouch for the zone. */
export type DsOutcome = DsFields &
  (
    | { readonly status: "matched"; readonly keyHasSepFlag: boolean }
    /** The digest matches a served key that may not vouch for the zone (why in `detail`). */
    | { readonly status: "key-unusable"; readonly detail: string }
    /** Served keys carry this tag and algorithm, but none has this digest. */
    | { readonly status: "digest-mismatch" }
    /** No served key carries this tag and algorithm. */
    | { readonly status: "no-matching-key" }
    | { readonly status: "unsupported-algorithm" }
    | { readonly status: "unsupported-digest-type" }
    /** RFC 4509 §3: a SHA-1 DS is ignored when the RRset also holds a SHA-256 DS. */
    | { readonly status: "ignored-sha1" }
    /** The digest is not hex of the digest type's length. */
    | { readonly status: "malformed"; readonly detail: string }
    /** The digest budget was spent before this record (see limits.ts). */
    | { readonly status: "not-examined" }
  );

/** RFC 4035 §5.2: a DS with an unsupported algorithm or digest type leads nowhere. */
export function isUsableDs(outcome: DsOutcome): boolean {
  return !["unsupported-algorithm", "unsupported-digest-type", "ignored-sha1"].includes(
    outcome.status,
  );
}

export interface DsMatching {
  /** One outcome per DS record, in the order given. */
  readonly outcomes: readonly DsOutcome[];
  /** The served keys some DS matched: the only keys that may sign the DNSKEY RRset. */
  readonly anchors: ReadonlySet<ServedKey>;
}

function digestProblem(digest: string, size: number): string | undefined {
  if (digest.length !== size * 2) return `digest of ${digest.length} hex digits, not ${size * 2}`;
  if (!/^[0-9a-f]*$/i.test(digest)) return "digest is not hexadecimal";
  return undefined;
}

/** Matches each DS record against the served keys. `ds` and `keys` are already bounded. */
export function matchDs(
  zone: Buffer,
  ds: readonly DsInput[],
  keys: readonly ServedKey[],
  budget: WorkBudget,
): DsMatching {
  const anchors = new Set<ServedKey>();
  const hasSha256 = ds.some(
    (record) =>
      record.digestType === DIGEST_SHA256 && algorithmInfo(record.algorithm) !== undefined,
  );
  const outcomes = ds.map((record): DsOutcome => {
    const base = {
      keyTag: record.keyTag,
      algorithm: record.algorithm,
      digestType: record.digestType,
    };
    const digest = digestInfo(record.digestType);
    if (digest === undefined) return { ...base, status: "unsupported-digest-type" };
    if (algorithmInfo(record.algorithm) === undefined)
      return { ...base, status: "unsupported-algorithm" };
    if (record.digestType === DIGEST_SHA1 && hasSha256) return { ...base, status: "ignored-sha1" };
    const problem = digestProblem(record.digest, digest.size);
    if (problem !== undefined) return { ...base, status: "malformed", detail: problem };
    const expected = Buffer.from(record.digest, "hex");
    let candidates = 0;
    for (const key of keys) {
      const usability = key.usability;
      if (key.keyTag !== record.keyTag || usability.status === "malformed") continue;
      if (usability.dnskey.algorithm !== record.algorithm) continue;
      candidates++;
      if (!budget.takeDigest()) return { ...base, status: "not-examined" };
      if (!dsDigest(zone, key.rdata, record.digestType)?.equals(expected)) continue;
      // No key of an unsupported algorithm gets here: the DS's algorithm, checked above, is the key's.
      if (usability.status === "unusable")
        return { ...base, status: "key-unusable", detail: usability.detail };
      const keyProblem = zoneKeyProblem(usability.dnskey);
      if (keyProblem !== undefined) return { ...base, status: "key-unusable", detail: keyProblem };
      anchors.add(key);
      return { ...base, status: "matched", keyHasSepFlag: usability.dnskey.secureEntryPoint };
    }
    return { ...base, status: candidates === 0 ? "no-matching-key" : "digest-mismatch" };
  });
  return { outcomes, anchors };
}
