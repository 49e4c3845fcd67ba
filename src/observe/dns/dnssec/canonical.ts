// Canonical form and order (RFC 4034 §6.2–6.3, with RFC 6840 §5.1's correction) and the octets an
// RRSIG signs (RFC 4034 §3.1.8.1).

import { MAX_RRSET_RECORDS } from "./limits.js";
import {
  labelCount,
  lowerName,
  namesEqual,
  readName,
  rightmostLabels,
  wildcardOf,
} from "./name.js";
import type { Parsed, Rrsig } from "./rdata.js";
import { bytes, type WireRecord } from "./records.js";

// Where the domain names sit in the RDATA of the types of RFC 4034 §6.2 rule 3: a number is that
// many fixed octets, "string" a <character-string>, "rest" whatever follows. Names found this way
// are lower-cased. Left out on purpose: NSEC, whose Next Domain Name keeps its case (RFC 6840
// §5.1); HINFO, listed there but holding no name; A6, historic since RFC 6563 and never at an apex.
type Field = number | "name" | "string" | "rest";
const NAME_LAYOUTS: ReadonlyMap<number, readonly Field[]> = new Map<number, readonly Field[]>([
  [2, ["name"]], // NS
  [3, ["name"]], // MD
  [4, ["name"]], // MF
  [5, ["name"]], // CNAME
  [6, ["name", "name", 20]], // SOA
  [7, ["name"]], // MB
  [8, ["name"]], // MG
  [9, ["name"]], // MR
  [12, ["name"]], // PTR
  [14, ["name", "name"]], // MINFO
  [15, [2, "name"]], // MX
  [17, ["name", "name"]], // RP
  [18, [2, "name"]], // AFSDB
  [21, [2, "name"]], // RT
  [24, [18, "name", "rest"]], // SIG
  [26, [2, "name", "name"]], // PX
  [30, ["name", "rest"]], // NXT
  [33, [6, "name"]], // SRV
  [35, [4, "string", "string", "string", "name"]], // NAPTR
  [36, [2, "name"]], // KX
  [39, ["name"]], // DNAME
  [46, [18, "name", "rest"]], // RRSIG
]);

/** The RDATA in canonical form: names of the listed types lower-cased, everything else as is. */
export function canonicalRdata(type: number, rdata: Uint8Array): Parsed<Buffer> {
  const layout = NAME_LAYOUTS.get(type);
  const buf = bytes(rdata);
  if (layout === undefined) return { ok: true, value: buf };
  const out = Buffer.from(buf);
  let position = 0;
  for (const field of layout) {
    if (field === "rest") {
      position = buf.length;
    } else if (field === "name") {
      const read = readName(buf, position);
      if (!read.ok) return { ok: false, detail: `type ${type} RDATA: ${read.detail}` };
      lowerName(read.name).copy(out, position);
      position = read.end;
    } else {
      const length =
        field === "string" ? 1 + (position < buf.length ? buf.readUInt8(position) : 0) : field;
      position += length;
      if (position > buf.length)
        return { ok: false, detail: `type ${type} RDATA shorter than its fields` };
    }
  }
  if (position !== buf.length)
    return { ok: false, detail: `type ${type} RDATA longer than its fields` };
  return { ok: true, value: out };
}

/**
 * The RDATA of an RRset in canonical order, duplicates removed (RFC 4034 §6.3): sorted as
 * left-justified unsigned octet strings, a missing octet sorting before a zero octet.
 */
export function canonicalRdataSet(type: number, rrset: readonly WireRecord[]): Parsed<Buffer[]> {
  const all: Buffer[] = [];
  for (const record of rrset) {
    const rdata = canonicalRdata(type, record.rdata);
    if (!rdata.ok) return rdata;
    all.push(rdata.value);
  }
  all.sort(Buffer.compare);
  const unique: Buffer[] = [];
  for (const rdata of all) if (unique.at(-1)?.equals(rdata) !== true) unique.push(rdata);
  return { ok: true, value: unique };
}

/**
 * The octets `rrsig` signs over `rrset` (RFC 4034 §3.1.8.1, RFC 4035 §5.3.2): the RRSIG RDATA
 * without the signature and with the signer's name lower-cased, then every RR in canonical form and
 * order, each with the RRSIG's Original TTL and, when the RRSIG's Labels field is shorter than the
 * owner name, the owner reduced to the wildcard that was expanded.
 */
export function signedData(rrsig: Rrsig, rrset: readonly WireRecord[]): Parsed<Buffer> {
  const [first] = rrset;
  if (first === undefined) return { ok: false, detail: "empty RRset" };
  if (rrset.length > MAX_RRSET_RECORDS) {
    return {
      ok: false,
      detail: `RRset of ${rrset.length} records, over the ${MAX_RRSET_RECORDS} examined`,
    };
  }
  for (const record of rrset) {
    if (record.type !== rrsig.typeCovered) {
      return {
        ok: false,
        detail: `RRSIG covers type ${rrsig.typeCovered}, not type ${record.type}`,
      };
    }
    if (record.class !== first.class || !namesEqual(record.owner, first.owner)) {
      return { ok: false, detail: "records of different owners or classes are not one RRset" };
    }
    if (record.rdata.byteLength > 0xffff)
      return { ok: false, detail: "RDATA longer than 65535 octets" };
  }
  const ownerLabels = labelCount(first.owner);
  if (rrsig.labels > ownerLabels) {
    return {
      ok: false,
      detail: `RRSIG Labels ${rrsig.labels} exceeds the ${ownerLabels} labels of the owner`,
    };
  }
  const owner = lowerName(first.owner);
  const signedOwner =
    rrsig.labels < ownerLabels ? wildcardOf(rightmostLabels(owner, rrsig.labels)) : owner;
  const rdataSet = canonicalRdataSet(rrsig.typeCovered, rrset);
  if (!rdataSet.ok) return rdataSet;
  const header = Buffer.alloc(10);
  header.writeUInt16BE(rrsig.typeCovered, 0);
  header.writeUInt16BE(first.class, 2);
  header.writeUInt32BE(rrsig.originalTtl, 4);
  const parts: Buffer[] = [rrsig.fixedFields, lowerName(rrsig.signerName)];
  for (const rdata of rdataSet.value) {
    const rr = Buffer.from(header);
    rr.writeUInt16BE(rdata.length, 8);
    parts.push(signedOwner, rr, rdata);
  }
  return { ok: true, value: Buffer.concat(parts) };
}
