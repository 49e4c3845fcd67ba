// A DNS response reduced to what the walker reads, decoded with dns-packet and validated.
//
// dns-packet trusts its input (fixed-size A/AAAA rdata, no end-of-buffer checks on addresses), so
// every value is checked here before the rest of the walker sees it: a hostile server gets
// "malformed", never an exception or a garbage string used as an address.

import { isIPv4, isIPv6 } from "node:net";
import type { Answer } from "dns-packet";
import dnsPacket from "dns-packet";
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

const lower = (value: unknown): string | undefined =>
  typeof value === "string" ? (value === "." ? "." : value.toLowerCase()) : undefined;

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

/** Types dns-packet has no name for (it says `UNKNOWN_65`), by the name a question carries. */
const UNNAMED_TYPES: Readonly<Record<string, string>> = { UNKNOWN_64: "SVCB", UNKNOWN_65: "HTTPS" };

const typeName = (type: unknown): string => {
  const text = String(type);
  return UNNAMED_TYPES[text] ?? text;
};

function convert(record: Answer): ResourceRecord | undefined {
  if (record.type === "OPT") return undefined;
  const name = lower(record.name);
  if (name === undefined) throw new Malformed("record without a name");
  if (record.class !== undefined && record.class !== "IN") return undefined;
  const ttl = ttlOf(record.ttl);
  switch (record.type) {
    case "NS":
    case "CNAME":
    case "DNAME": {
      const data = lower(record.data);
      if (data === undefined) throw new Malformed(`${record.type} record without a target`);
      return { name, ttl, type: record.type, data };
    }
    case "A":
    case "AAAA": {
      const data = typeof record.data === "string" ? canonicalAddress(record.data) : undefined;
      const family = record.type === "A" ? isIPv4 : isIPv6;
      if (data === undefined || !family(data)) {
        throw new Malformed(`${record.type} record for ${name} with bad address data`);
      }
      return { name, ttl, type: record.type, data };
    }
    case "SOA": {
      const { mname, serial, minimum } = record.data;
      const m = lower(mname);
      if (m === undefined || typeof serial !== "number" || typeof minimum !== "number") {
        throw new Malformed(`SOA record for ${name} with bad data`);
      }
      return { name, ttl, type: "SOA", data: { mname: m, serial, minimum } };
    }
    case "DS": {
      const { keyTag, algorithm, digestType, digest } = record.data;
      if (!Buffer.isBuffer(digest)) throw new Malformed(`DS record for ${name} with bad data`);
      return {
        name,
        ttl,
        type: "DS",
        data: { keyTag, algorithm, digestType, digest: digest.toString("hex") },
      };
    }
    default:
      return undefined;
  }
}

function convertSection(records: readonly Answer[] | undefined): ResourceRecord[] {
  const out: ResourceRecord[] = [];
  if (records === undefined) return out;
  for (const record of records) {
    const converted = convert(record);
    if (converted !== undefined) out.push(converted);
  }
  return out;
}

/** Decodes a complete DNS message. Never throws. */
export function decodeMessage(bytes: Buffer): DecodeResult {
  try {
    const packet = dnsPacket.decode(bytes);
    // dns-packet reads fixed-size rdata past the end of a short buffer instead of failing.
    if (dnsPacket.decode.bytes > bytes.length) {
      return { ok: false, detail: "records extend past the end of the message" };
    }
    const questions = packet.questions ?? [];
    const first = questions[0];
    let question: DnsMessage["question"] = null;
    if (first !== undefined) {
      const name = lower(first.name);
      if (name === undefined) return { ok: false, detail: "question without a name" };
      question = { name, type: typeName(first.type), class: String(first.class) };
    }
    const message: DnsMessage = {
      id: packet.id ?? 0,
      aa: packet.flag_aa,
      tc: packet.flag_tc,
      rcode: (packet.flags ?? 0) & 0xf,
      questionCount: questions.length,
      question: questions.length === 1 ? question : null,
      answers: convertSection(packet.answers),
      authorities: convertSection(packet.authorities),
      additionals: convertSection(packet.additionals),
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
