// The query on the wire and the rule for accepting a reply (RFC 5452).
//
// Queries are built by hand: they are tiny and fixed in shape (one question, RD clear, an EDNS0
// OPT record with a 1232-byte buffer and DO set so parents include DS records and servers
// their RRSIGs), and this runs for
// every one of tens of thousands of queries.

import { ROOT } from "../../names/normalize.js";
import { type DnsMessage, decodeMessage } from "./message.js";

/**
 * The types the walker asks (A, AAAA, NS, SOA, DNSKEY) and those record parity compares between a
 * zone's old and new DNS host (observe/record-parity).
 */
export type QueryType =
  | "A"
  | "AAAA"
  | "NS"
  | "SOA"
  | "DNSKEY"
  | "CNAME"
  | "PTR"
  | "MX"
  | "TXT"
  | "SRV"
  | "NAPTR"
  | "DS"
  | "SSHFP"
  | "TLSA"
  | "SVCB"
  | "HTTPS"
  | "SPF"
  | "CAA";

export interface Question {
  /** Normalized and syntax-checked (see `nameSyntaxError`). */
  readonly name: string;
  readonly type: QueryType;
}

/** The DNS Flag Day 2020 buffer size: avoids IP fragmentation on common paths. */
const EDNS_BUFFER_SIZE = 1232;

/**
 * The largest replies read. dns-packet follows compression pointers to the end of every chain, so
 * the cost of decoding a crafted reply grows much faster than its size (some 70 ms of CPU for
 * 16 KiB, 0.7 s for 64 KiB), and a server can force TCP by setting TC. The NS answers and
 * referrals a walk reads take a few hundred bytes to a couple of KiB, so anything larger is
 * refused before it is decoded. UDP: above our EDNS buffer, for servers that ignore it.
 */
export const MAX_UDP_REPLY_BYTES = 4096;
export const MAX_TCP_REPLY_BYTES = 16_384;

/** Why a reply of `length` bytes is refused. */
export function oversizedReply(length: number, limit: number): string {
  return `reply of ${length} bytes, over the ${limit}-byte limit`;
}

export const TYPE_CODE: Readonly<Record<QueryType, number>> = {
  A: 1,
  NS: 2,
  CNAME: 5,
  SOA: 6,
  PTR: 12,
  MX: 15,
  TXT: 16,
  AAAA: 28,
  SRV: 33,
  NAPTR: 35,
  DS: 43,
  SSHFP: 44,
  DNSKEY: 48,
  TLSA: 52,
  SVCB: 64,
  HTTPS: 65,
  SPF: 99,
  CAA: 257,
};

/** Whether `type` (a type mnemonic, upper case) is one a question can carry. */
export function isQueryType(type: string): type is QueryType {
  return Object.hasOwn(TYPE_CODE, type);
}
const CLASS_IN = 1;
const TYPE_OPT = 41;
const DNSSEC_OK = 0x8000;
const OPT_RECORD_LENGTH = 11;

/** Encodes a query with the given ID. The name must already be normalized and valid. */
export function encodeQuery(id: number, question: Question): Buffer {
  const name = question.name;
  const nameLength = name === ROOT ? 1 : name.length + 2;
  const buf = Buffer.allocUnsafe(12 + nameLength + 4 + OPT_RECORD_LENGTH);
  buf.writeUInt16BE(id, 0);
  buf.writeUInt16BE(0, 2); // QR=0, OPCODE=QUERY, RD clear: we ask authoritative servers only
  buf.writeUInt16BE(1, 4);
  buf.writeUInt16BE(0, 6);
  buf.writeUInt16BE(0, 8);
  buf.writeUInt16BE(1, 10);
  let offset = 12;
  if (name !== ROOT) {
    let start = 0;
    while (start <= name.length) {
      let end = name.indexOf(".", start);
      if (end === -1) end = name.length;
      buf[offset++] = end - start;
      offset += buf.write(name.slice(start, end), offset, "latin1");
      start = end + 1;
    }
  }
  buf[offset++] = 0;
  buf.writeUInt16BE(TYPE_CODE[question.type], offset);
  buf.writeUInt16BE(CLASS_IN, offset + 2);
  offset += 4;
  buf[offset] = 0; // OPT owner: the root
  buf.writeUInt16BE(TYPE_OPT, offset + 1);
  buf.writeUInt16BE(EDNS_BUFFER_SIZE, offset + 3);
  buf.writeUInt16BE(0, offset + 5); // extended RCODE, version 0
  buf.writeUInt16BE(DNSSEC_OK, offset + 7);
  buf.writeUInt16BE(0, offset + 9);
  return buf;
}

/** What a reply must match to be accepted. */
export interface PendingQuery {
  readonly id: number;
  readonly question: Question;
  readonly address: string;
  readonly port: number;
}

export type Acceptance =
  | { readonly kind: "accepted"; readonly message: DnsMessage }
  /** Not a reply to this query (RFC 5452): dropped, and the wait goes on. */
  | { readonly kind: "ignored"; readonly reason: string }
  /** A reply to this query (right source and ID) that cannot be decoded. */
  | { readonly kind: "malformed"; readonly detail: string };

/**
 * Decides whether a datagram or TCP message is the reply to `pending`; a reply longer than
 * `maxBytes` is malformed without being decoded. `from` is the sender (omitted for TCP, where the
 * connection already pins the peer). Never throws.
 */
export function acceptResponse(
  pending: PendingQuery,
  bytes: Buffer,
  maxBytes: number,
  from?: { readonly address: string; readonly port: number },
): Acceptance {
  if (from !== undefined && (from.address !== pending.address || from.port !== pending.port)) {
    return { kind: "ignored", reason: `reply from ${from.address} port ${from.port}` };
  }
  if (bytes.length < 2) return { kind: "ignored", reason: "shorter than a message ID" };
  if (bytes.readUInt16BE(0) !== pending.id) return { kind: "ignored", reason: "ID mismatch" };
  if (bytes.length < 12) {
    return { kind: "malformed", detail: `truncated header (${bytes.length} bytes)` };
  }
  const flags = bytes.readUInt16BE(2);
  if ((flags & 0x8000) === 0) return { kind: "ignored", reason: "not a response (QR clear)" };
  if ((flags & 0x7800) !== 0) return { kind: "ignored", reason: "not a QUERY opcode" };
  if (bytes.length > maxBytes) {
    return { kind: "malformed", detail: oversizedReply(bytes.length, maxBytes) };
  }
  // A question takes at least 5 bytes and a record 11: counts the message cannot hold are
  // refused before the decoder allocates arrays for them.
  const records = bytes.readUInt16BE(6) + bytes.readUInt16BE(8) + bytes.readUInt16BE(10);
  if (12 + bytes.readUInt16BE(4) * 5 + records * 11 > bytes.length) {
    return { kind: "malformed", detail: "section counts exceed the message length" };
  }
  const decoded = decodeMessage(bytes);
  if (!decoded.ok) return { kind: "malformed", detail: decoded.detail };
  const message = decoded.message;
  const q = message.question;
  if (q === null) {
    // Error replies (FORMERR, NOTIMP, REFUSED) are often sent without the question; a NOERROR
    // reply must prove which question it answers.
    if (message.questionCount === 0 && message.rcode !== 0) return { kind: "accepted", message };
    return { kind: "ignored", reason: `${message.questionCount} questions` };
  }
  if (q.name !== pending.question.name || q.type !== pending.question.type || q.class !== "IN") {
    return { kind: "ignored", reason: `question mismatch (${q.name} ${q.type} ${q.class})` };
  }
  return { kind: "accepted", message };
}
