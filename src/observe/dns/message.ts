// A DNS response reduced to what the walker reads, decoded by hand and validated.
//
// The walker decodes tens of thousands of replies a scan and reads a few record types of each
// (NS, A, AAAA, SOA, DS, CNAME, DNAME); a general decoder (dns-packet) built an object for every
// record and every field, signatures included, which was most of the walker's garbage. This one
// reads the header, the question and those records, skips every other record by its length, and
// checks every length and pointer against the message: a hostile server gets "malformed", never
// an exception or a garbage string used as an address. Names are read as dns-packet read them
// (labels as UTF-8 joined with dots, pointers only to earlier data, at most 254 octets), so what a
// name compares equal to did not change.

import { isIPv4, isIPv6 } from "node:net";
import type { DsRecord } from "./types.js";

export type ResourceRecord = { readonly name: string; readonly ttl: number } & (
  | { readonly type: "NS" | "CNAME" | "DNAME"; readonly data: string }
  | { readonly type: "A" | "AAAA"; readonly data: string }
  | {
      readonly type: "SOA";
      readonly data: { readonly mname: string; readonly serial: number; readonly minimum: number };
    }
  | { readonly type: "DS"; readonly data: DsRecord }
);

export interface DnsMessage {
  readonly id: number;
  readonly aa: boolean;
  readonly tc: boolean;
  /** The 4-bit header RCODE (0 NOERROR, 2 SERVFAIL, 3 NXDOMAIN, 5 REFUSED, ...). */
  readonly rcode: number;
  /** How many questions the message carries; `question` is set only when there is exactly one. */
  readonly questionCount: number;
  readonly question: {
    readonly name: string;
    readonly type: string;
    readonly class: string;
  } | null;
  readonly answers: readonly ResourceRecord[];
  readonly authorities: readonly ResourceRecord[];
  readonly additionals: readonly ResourceRecord[];
}

export type DecodeResult =
  | { readonly ok: true; readonly message: DnsMessage }
  | { readonly ok: false; readonly detail: string };

// RFC 2181 §8: a TTL with the top bit set is treated as zero.
const ttlOf = (ttl: number | undefined): number =>
  ttl === undefined || ttl > 0x7fffffff ? 0 : ttl;

/** Canonical text of an address literal (RFC 5952 for IPv6), so addresses compare as strings. */
export function canonicalAddress(address: string): string | undefined {
  if (isIPv4(address)) return address;
  if (!isIPv6(address)) return undefined;
  try {
    return new URL(`http://[${address}]/`).hostname.slice(1, -1);
  } catch {
    return undefined;
  }
}

class Malformed extends Error {}

const TYPE = { A: 1, NS: 2, CNAME: 5, SOA: 6, AAAA: 28, OPT: 41, DNAME: 39, DS: 43 } as const;
/**
 * Type names for the question, by code: every type a question of ours carries (wire.ts
 * `QueryType`: the walker's and record parity's), compared with what was asked, and a few more for
 * the reason a mismatch gives.
 */
const TYPE_NAMES: Readonly<Record<number, string>> = {
  1: "A",
  2: "NS",
  5: "CNAME",
  6: "SOA",
  12: "PTR",
  15: "MX",
  16: "TXT",
  28: "AAAA",
  33: "SRV",
  35: "NAPTR",
  39: "DNAME",
  43: "DS",
  44: "SSHFP",
  46: "RRSIG",
  48: "DNSKEY",
  52: "TLSA",
  64: "SVCB",
  65: "HTTPS",
  99: "SPF",
  255: "ANY",
  257: "CAA",
};
const CLASS_NAMES: Readonly<Record<number, string>> = { 1: "IN", 3: "CH", 4: "HS", 255: "ANY" };
/** The mDNS cache-flush bit, which dns-packet ignored in a record's class too. */
const NOT_FLUSH = 0x7fff;
const MAX_NAME_OCTETS = 254;

/** Reads the name at `start`: its text (lower-case) and where the bytes after it begin. */
function readName(bytes: Buffer, start: number): { name: string; end: number } {
  let offset = start;
  let end = -1;
  let limit = start;
  let octets = 0;
  let name = "";
  for (;;) {
    if (offset >= bytes.length) throw new Malformed("name runs past the end of the message");
    const length = bytes[offset++] as number;
    if (length === 0) break;
    if ((length & 0xc0) === 0) {
      if (offset + length > bytes.length) {
        throw new Malformed("name runs past the end of the message");
      }
      octets += length + 1;
      if (octets > MAX_NAME_OCTETS) throw new Malformed("name longer than 254 octets");
      const label = bytes.toString("utf8", offset, offset + length);
      name = name === "" ? label : `${name}.${label}`;
      offset += length;
    } else if ((length & 0xc0) === 0xc0) {
      if (offset >= bytes.length) throw new Malformed("name runs past the end of the message");
      const target = ((length & 0x3f) << 8) | (bytes[offset] as number);
      // Only pointers to earlier data (RFC 1035 §4.1.4): no loops.
      if (target >= limit) throw new Malformed("name with a bad compression pointer");
      if (end === -1) end = offset + 1;
      offset = target;
      limit = target;
    } else {
      throw new Malformed("name with a reserved label type");
    }
  }
  return { name: name === "" ? "." : name.toLowerCase(), end: end === -1 ? offset : end };
}

/** RFC 5952 text of 16 address bytes: lower-case, no leading zeros, the longest zero run as `::`. */
function ipv6Text(bytes: Buffer, offset: number): string {
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(bytes.readUInt16BE(offset + i));
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = (from: number, to: number) =>
    groups
      .slice(from, to)
      .map((g) => g.toString(16))
      .join(":");
  if (bestStart === -1) return hex(0, 8);
  return `${hex(0, bestStart)}::${hex(bestStart + bestLength, 8)}`;
}

/** One record from `offset`: the record (undefined for one the walker does not read) and its end. */
function readRecord(
  bytes: Buffer,
  offset: number,
): { record: ResourceRecord | undefined; end: number } {
  const owner = readName(bytes, offset);
  const at = owner.end;
  if (at + 10 > bytes.length) throw new Malformed("record runs past the end of the message");
  const type = bytes.readUInt16BE(at);
  const klass = bytes.readUInt16BE(at + 2) & NOT_FLUSH;
  const ttl = ttlOf(bytes.readUInt32BE(at + 4));
  const length = bytes.readUInt16BE(at + 8);
  const data = at + 10;
  const end = data + length;
  if (end > bytes.length) throw new Malformed("records extend past the end of the message");
  const name = owner.name;
  if (type === TYPE.OPT || klass !== 1) return { record: undefined, end };
  switch (type) {
    case TYPE.NS:
    case TYPE.CNAME:
    case TYPE.DNAME: {
      const target = readName(bytes, data);
      const kind = type === TYPE.NS ? "NS" : type === TYPE.CNAME ? "CNAME" : "DNAME";
      if (target.end > end) throw new Malformed(`${kind} record without a target`);
      return { record: { name, ttl, type: kind, data: target.name }, end };
    }
    case TYPE.A: {
      if (length !== 4) throw new Malformed(`A record for ${name} with bad address data`);
      const address = `${bytes[data]}.${bytes[data + 1]}.${bytes[data + 2]}.${bytes[data + 3]}`;
      return { record: { name, ttl, type: "A", data: address }, end };
    }
    case TYPE.AAAA: {
      const address = length === 16 ? ipv6Text(bytes, data) : undefined;
      if (address === undefined || !isIPv6(address)) {
        throw new Malformed(`AAAA record for ${name} with bad address data`);
      }
      return { record: { name, ttl, type: "AAAA", data: address }, end };
    }
    case TYPE.SOA: {
      const mname = readName(bytes, data);
      const rname = readName(bytes, mname.end);
      if (rname.end + 20 > end) throw new Malformed(`SOA record for ${name} with bad data`);
      const serial = bytes.readUInt32BE(rname.end);
      const minimum = bytes.readUInt32BE(rname.end + 16);
      return {
        record: { name, ttl, type: "SOA", data: { mname: mname.name, serial, minimum } },
        end,
      };
    }
    case TYPE.DS: {
      if (length < 4) throw new Malformed(`DS record for ${name} with bad data`);
      const ds: DsRecord = {
        keyTag: bytes.readUInt16BE(data),
        algorithm: bytes[data + 2] as number,
        digestType: bytes[data + 3] as number,
        digest: bytes.toString("hex", data + 4, end),
      };
      return { record: { name, ttl, type: "DS", data: ds }, end };
    }
    default:
      return { record: undefined, end };
  }
}

/** `count` records from `offset`: those the walker reads, and where the section ends. */
function readSection(
  bytes: Buffer,
  offset: number,
  count: number,
): { records: ResourceRecord[]; end: number } {
  const records: ResourceRecord[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    const { record, end } = readRecord(bytes, at);
    if (record !== undefined) records.push(record);
    at = end;
  }
  return { records, end: at };
}

/** Decodes a complete DNS message. Never throws. */
export function decodeMessage(bytes: Buffer): DecodeResult {
  try {
    if (bytes.length < 12) return { ok: false, detail: `truncated header (${bytes.length} bytes)` };
    const flags = bytes.readUInt16BE(2);
    const questionCount = bytes.readUInt16BE(4);
    let offset = 12;
    let question: DnsMessage["question"] = null;
    for (let i = 0; i < questionCount; i++) {
      const q = readName(bytes, offset);
      if (q.end + 4 > bytes.length)
        throw new Malformed("question runs past the end of the message");
      const type = bytes.readUInt16BE(q.end);
      const klass = bytes.readUInt16BE(q.end + 2);
      if (i === 0) {
        question = {
          name: q.name,
          type: TYPE_NAMES[type] ?? `UNKNOWN_${type}`,
          class: CLASS_NAMES[klass] ?? `UNKNOWN_${klass}`,
        };
      }
      offset = q.end + 4;
    }
    const answers = readSection(bytes, offset, bytes.readUInt16BE(6));
    const authorities = readSection(bytes, answers.end, bytes.readUInt16BE(8));
    const additionals = readSection(bytes, authorities.end, bytes.readUInt16BE(10));
    const message: DnsMessage = {
      id: bytes.readUInt16BE(0),
      aa: (flags & 0x0400) !== 0,
      tc: (flags & 0x0200) !== 0,
      rcode: flags & 0xf,
      questionCount,
      question: questionCount === 1 ? question : null,
      answers: answers.records,
      authorities: authorities.records,
      additionals: additionals.records,
    };
    return { ok: true, message };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, detail: detail.slice(0, 200) };
  }
}

const RCODE_NAMES = [
  "NOERROR",
  "FORMERR",
  "SERVFAIL",
  "NXDOMAIN",
  "NOTIMP",
  "REFUSED",
  "YXDOMAIN",
  "YXRRSET",
  "NXRRSET",
  "NOTAUTH",
  "NOTZONE",
] as const;

export function rcodeName(rcode: number): string {
  return RCODE_NAMES[rcode] ?? `RCODE${rcode}`;
}

export const Rcode = { NoError: 0, FormErr: 1, ServFail: 2, NxDomain: 3, Refused: 5 } as const;
