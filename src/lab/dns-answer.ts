// How a lab name server answers, as a pure function of its zones: authoritative answers for names
// in a served zone, referrals (no AA, NS in authority, glue in additional) at delegations below
// it, NXDOMAIN/NODATA with the SOA, REFUSED for names in no served zone. No wildcards, no DNSSEC
// signing; DS records at a delegation are included in referrals when the query sets DO, as real
// TLD servers do.

import type { Answer } from "dns-packet";
import dnsPacket from "dns-packet";
import type { Zone, ZoneRecord } from "./zone.js";

export const TYPE = {
  A: 1,
  NS: 2,
  CNAME: 5,
  SOA: 6,
  MX: 15,
  TXT: 16,
  AAAA: 28,
  OPT: 41,
  DS: 43,
} as const;

const TYPE_NAMES = new Map<number, string>(
  Object.entries(TYPE).map(([name, code]) => [code, name]),
);

export const RCODE = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, REFUSED: 5 } as const;

const FLAG_QR = 0x8000;
const FLAG_AA = 0x0400;
const FLAG_TC = 0x0200;
const FLAG_RD = 0x0100;

/** The question of a query, parsed by hand: the lab answers >10,000 queries/s. */
export interface ParsedQuery {
  readonly id: number;
  readonly rd: boolean;
  /** Lower-case, "." for the root. */
  readonly name: string;
  readonly type: number;
  readonly qclass: number;
  /** The question section exactly as sent (echoed back, case and all). */
  readonly question: Buffer;
  readonly edns: { readonly udpSize: number; readonly dnssecOk: boolean } | undefined;
}

/** Parses a query; undefined when it is not one we can answer (the server drops it). */
export function parseQuery(buf: Buffer): ParsedQuery | undefined {
  if (buf.length < 12) return undefined;
  const flags = buf.readUInt16BE(2);
  if ((flags & FLAG_QR) !== 0 || buf.readUInt16BE(4) !== 1) return undefined;
  const labels: string[] = [];
  let offset = 12;
  for (;;) {
    const length = buf[offset];
    if (length === undefined || length > 63) return undefined;
    offset++;
    if (length === 0) break;
    if (offset + length > buf.length) return undefined;
    // Printable ASCII without dots only: the echoed question must re-encode to the same bytes.
    for (let i = offset; i < offset + length; i++) {
      const byte = buf[i] as number;
      if (byte < 0x21 || byte > 0x7e || byte === 0x2e) return undefined;
    }
    labels.push(buf.toString("latin1", offset, offset + length).toLowerCase());
    offset += length;
  }
  if (offset + 4 > buf.length) return undefined;
  const type = buf.readUInt16BE(offset);
  const qclass = buf.readUInt16BE(offset + 2);
  const question = buf.subarray(12, offset + 4);
  offset += 4;
  let edns: ParsedQuery["edns"];
  // The OPT record, if any, is the only additional record a resolver sends.
  if (buf.readUInt16BE(10) >= 1 && offset + 11 <= buf.length && buf[offset] === 0) {
    if (buf.readUInt16BE(offset + 1) === TYPE.OPT) {
      edns = {
        udpSize: buf.readUInt16BE(offset + 3),
        dnssecOk: (buf.readUInt16BE(offset + 7) & 0x8000) !== 0,
      };
    }
  }
  return {
    id: buf.readUInt16BE(0),
    rd: (flags & FLAG_RD) !== 0,
    name: labels.length === 0 ? "." : labels.join("."),
    type,
    qclass,
    question,
    edns,
  };
}

export function typeName(type: number): string {
  return TYPE_NAMES.get(type) ?? `TYPE${type}`;
}

interface IndexedZone {
  readonly origin: string;
  readonly soa: Answer | undefined;
  /** Records by owner name and type name. */
  readonly byName: Map<string, Map<string, Answer[]>>;
  /** Every owner name and every name between an owner and the origin (empty non-terminals). */
  readonly existing: Set<string>;
  /** Owners of NS records other than the apex: the zone cuts. */
  readonly cuts: Set<string>;
}

/** Zones ready for answering; build once per server. */
export type ZoneIndex = ReadonlyMap<string, IndexedZone>;

const parentOf = (name: string): string => {
  const dot = name.indexOf(".");
  return dot === -1 ? "." : name.slice(dot + 1);
};

function toAnswer(record: ZoneRecord): Answer {
  const base = { name: record.name, ttl: record.ttl, class: "IN" as const };
  switch (record.type) {
    case "DS":
      return {
        ...base,
        type: "DS",
        data: { ...record.data, digest: Buffer.from(record.data.digest, "hex") },
      };
    case "SOA":
      return { ...base, type: "SOA", data: { ...record.data } };
    case "TXT":
      return { ...base, type: "TXT", data: record.data };
    case "MX":
      return { ...base, type: "MX", data: { ...record.data } };
    default:
      return { ...base, type: record.type, data: record.data };
  }
}

// Zones are immutable data shared by many servers (eight provider servers host the same 10,000
// customer zones in the benchmark): index each zone object once.
const indexed = new WeakMap<Zone, IndexedZone>();

function indexZone(zone: Zone): IndexedZone {
  const cached = indexed.get(zone);
  if (cached !== undefined) return cached;
  const origin = zone.origin === "" ? "." : zone.origin.toLowerCase();
  const byName = new Map<string, Map<string, Answer[]>>();
  const existing = new Set<string>([origin]);
  const cuts = new Set<string>();
  let soa: Answer | undefined;
  for (const record of zone.records) {
    const name = record.name.toLowerCase();
    const answer = toAnswer({ ...record, name } as ZoneRecord);
    let types = byName.get(name);
    if (types === undefined) {
      types = new Map();
      byName.set(name, types);
    }
    const list = types.get(record.type);
    if (list === undefined) types.set(record.type, [answer]);
    else list.push(answer);
    if (record.type === "SOA" && name === origin) soa = answer;
    if (record.type === "NS" && name !== origin) cuts.add(name);
    for (let n = name; n !== origin && n !== "." && !existing.has(n); n = parentOf(n)) {
      existing.add(n);
    }
  }
  const result: IndexedZone = { origin, soa, byName, existing, cuts };
  indexed.set(zone, result);
  return result;
}

export function indexZones(zones: readonly Zone[]): ZoneIndex {
  const index = new Map<string, IndexedZone>();
  for (const zone of zones) {
    const entry = indexZone(zone);
    index.set(entry.origin, entry);
  }
  return index;
}

/** The sections of a reply, before encoding. */
export interface LabReply {
  readonly rcode: number;
  readonly aa: boolean;
  readonly answers: readonly Answer[];
  readonly authorities: readonly Answer[];
  readonly additionals: readonly Answer[];
}

const EMPTY: readonly Answer[] = [];

function closestZone(index: ZoneIndex, name: string): IndexedZone | undefined {
  for (let candidate = name; ; candidate = parentOf(candidate)) {
    const zone = index.get(candidate);
    if (zone !== undefined) return zone;
    if (candidate === ".") return undefined;
  }
}

/** The highest zone cut at or above `name` inside `zone`, if any. */
function delegationFor(zone: IndexedZone, name: string): string | undefined {
  let cut: string | undefined;
  for (let candidate = name; candidate !== zone.origin && candidate !== "."; ) {
    if (zone.cuts.has(candidate)) cut = candidate;
    candidate = parentOf(candidate);
  }
  return cut;
}

function addressesOf(zone: IndexedZone, targets: readonly Answer[]): Answer[] {
  const glue: Answer[] = [];
  for (const ns of targets) {
    if (ns.type !== "NS") continue;
    const types = zone.byName.get(ns.data);
    if (types === undefined) continue;
    glue.push(...(types.get("A") ?? EMPTY), ...(types.get("AAAA") ?? EMPTY));
  }
  return glue;
}

function negative(zone: IndexedZone, rcode: number): LabReply {
  const soa = zone.soa;
  const authorities: Answer[] = [];
  if (soa !== undefined && soa.type === "SOA") {
    // RFC 2308 §3: the SOA's TTL in a negative answer is min(TTL, MINIMUM).
    authorities.push({ ...soa, ttl: Math.min(soa.ttl ?? 0, soa.data.minimum ?? 0) });
  }
  return { rcode, aa: true, answers: EMPTY, authorities, additionals: EMPTY };
}

const REFUSED: LabReply = {
  rcode: RCODE.REFUSED,
  aa: false,
  answers: EMPTY,
  authorities: EMPTY,
  additionals: EMPTY,
};

/** Answers a question from the zones, as an authoritative-only server would. */
export function answerFromZones(index: ZoneIndex, query: ParsedQuery): LabReply {
  if (query.qclass !== 1) return REFUSED;
  const zone = closestZone(index, query.name);
  if (zone === undefined) return REFUSED;
  const type = typeName(query.type);
  const cut = delegationFor(zone, query.name);
  // DS lives on the parent side of a cut; everything else at or below a cut is the child's.
  if (cut !== undefined && !(type === "DS" && cut === query.name)) {
    const cutRecords = zone.byName.get(cut);
    const ns = cutRecords?.get("NS") ?? EMPTY;
    const ds = query.edns?.dnssecOk === true ? (cutRecords?.get("DS") ?? EMPTY) : EMPTY;
    return {
      rcode: RCODE.NOERROR,
      aa: false,
      answers: EMPTY,
      authorities: [...ns, ...ds],
      additionals: addressesOf(zone, ns),
    };
  }
  const records = zone.byName.get(query.name);
  const exact = records?.get(type);
  if (exact !== undefined && exact.length > 0) {
    const additionals = type === "NS" ? addressesOf(zone, exact) : EMPTY;
    return { rcode: RCODE.NOERROR, aa: true, answers: exact, authorities: EMPTY, additionals };
  }
  const alias = records?.get("CNAME");
  if (alias !== undefined && alias.length > 0) {
    return {
      rcode: RCODE.NOERROR,
      aa: true,
      answers: alias,
      authorities: EMPTY,
      additionals: EMPTY,
    };
  }
  return negative(zone, zone.existing.has(query.name) ? RCODE.NOERROR : RCODE.NXDOMAIN);
}

/** A referral a lame server gives instead of an answer: "ask the root", or some other zone. */
export function referralTo(zone: string, servers: readonly string[]): LabReply {
  return {
    rcode: RCODE.NOERROR,
    aa: false,
    answers: EMPTY,
    authorities: servers.map((data) => ({
      name: zone,
      type: "NS",
      ttl: 518400,
      class: "IN",
      data,
    })),
    additionals: EMPTY,
  };
}

export function errorReply(rcode: number): LabReply {
  return { rcode, aa: false, answers: EMPTY, authorities: EMPTY, additionals: EMPTY };
}

/** The OPT record of replies to EDNS queries. */
const OPT_REPLY: Answer = {
  name: ".",
  type: "OPT",
  udpPayloadSize: 1232,
  extendedRcode: 0,
  ednsVersion: 0,
  flags: 0,
  flag_do: false,
  options: [],
};

/**
 * Encodes a reply to `query`. The question is echoed byte for byte (dns-packet writes names
 * uncompressed, so the question always starts at offset 12 and has the same length).
 */
export function encodeReply(query: ParsedQuery, reply: LabReply, truncated = false): Buffer {
  const flags =
    FLAG_QR |
    (reply.aa ? FLAG_AA : 0) |
    (truncated ? FLAG_TC : 0) |
    (query.rd ? FLAG_RD : 0) |
    reply.rcode;
  const additionals = truncated ? [] : [...reply.additionals];
  if (query.edns !== undefined) additionals.push(OPT_REPLY);
  const buf = dnsPacket.encode({
    type: "response",
    id: query.id,
    flags,
    questions: [{ name: query.name, type: typeName(query.type) as "A", class: "IN" }],
    answers: truncated ? [] : [...reply.answers],
    authorities: truncated ? [] : [...reply.authorities],
    additionals,
  });
  query.question.copy(buf, 12);
  return buf;
}

/** A cached reply re-addressed to another query with the same question (ID, RD, case). */
export function readdressReply(template: Buffer, query: ParsedQuery): Buffer {
  const buf = Buffer.allocUnsafe(template.length);
  template.copy(buf);
  buf.writeUInt16BE(query.id, 0);
  buf[2] = ((buf[2] as number) & ~0x01) | (query.rd ? 0x01 : 0);
  query.question.copy(buf, 12);
  return buf;
}

/** The largest UDP reply the client accepts (RFC 6891; 512 without EDNS). */
export function udpLimit(query: ParsedQuery): number {
  return query.edns === undefined ? 512 : Math.max(512, query.edns.udpSize);
}
