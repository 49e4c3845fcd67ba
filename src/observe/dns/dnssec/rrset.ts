// Picking one RRset, and the RRSIGs that cover it, out of the records a server returned.

import { namesEqual } from "./name.js";
import { bytes, CLASS_IN, RrType, type SignedRrset, type WireRecord } from "./records.js";

/** The type an RRSIG's RDATA says it covers, or undefined when the RDATA is too short to say. */
function typeCovered(rrsig: WireRecord): number | undefined {
  return rrsig.rdata.byteLength >= 2 ? bytes(rrsig.rdata).readUInt16BE(0) : undefined;
}

const isMember = (record: WireRecord, owner: Uint8Array, type: number): boolean =>
  record.type === type && record.class === CLASS_IN && namesEqual(record.owner, owner);

const covers = (record: WireRecord, owner: Uint8Array, type: number): boolean =>
  isMember(record, owner, RrType.RRSIG) && typeCovered(record) === type;

/**
 * The class IN RRset of `owner` and `type` in `records` (e.g. a reply's answer section, from
 * `recordsFromMessage`), with the RRSIGs over it. Other records are left out.
 */
export function signedRrset(
  records: readonly WireRecord[],
  owner: Uint8Array,
  type: number,
): SignedRrset {
  return {
    records: records.filter((record) => isMember(record, owner, type)),
    signatures: records.filter((record) => covers(record, owner, type)),
  };
}

export interface RrsetSelection extends SignedRrset {
  /** Records and signatures given that do not belong to this RRset, ignored. */
  readonly foreign: number;
}

/** `given` narrowed to the RRset of `owner` and `type`, counting what did not belong. */
export function selectRrset(given: SignedRrset, owner: Uint8Array, type: number): RrsetSelection {
  const records = given.records.filter((record) => isMember(record, owner, type));
  const signatures = given.signatures.filter((record) => covers(record, owner, type));
  const foreign =
    given.records.length - records.length + given.signatures.length - signatures.length;
  return { records, signatures, foreign };
}
