// Building raw records from the presentation fields the RFC examples print, for the tests.

import { nameFromText } from "../../../src/observe/dns/dnssec/name.js";
import { CLASS_IN, type WireRecord } from "../../../src/observe/dns/dnssec/records.js";

export const TYPE = {
  A: 1,
  NS: 2,
  SOA: 6,
  MX: 15,
  DS: 43,
  RRSIG: 46,
  NSEC: 47,
  DNSKEY: 48,
} as const;

export function wireName(text: string): Buffer {
  const parsed = nameFromText(text);
  if (!parsed.ok) throw new Error(`bad test name ${text}: ${parsed.detail}`);
  return parsed.name;
}

export function record(owner: string, type: number, ttl: number, rdata: Uint8Array): WireRecord {
  return { owner: wireName(owner), type, class: CLASS_IN, ttl, rdata };
}

export function dnskeyRdata(
  flags: number,
  protocol: number,
  algorithm: number,
  keyBase64: string,
): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt16BE(flags, 0);
  head.writeUInt8(protocol, 2);
  head.writeUInt8(algorithm, 3);
  return Buffer.concat([head, Buffer.from(keyBase64, "base64")]);
}

/** RFC 4034 §3.2 presentation time YYYYMMDDHHmmSS to the 32-bit field value. */
export function rrsigTime(text: string): number {
  const match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(text);
  if (match === null) throw new Error(`bad RRSIG time ${text}`);
  const [, y, mo, d, h, mi, s] = match.map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return (Date.UTC(y, mo - 1, d, h, mi, s) / 1000) % 2 ** 32;
}

export interface RrsigFields {
  readonly typeCovered: number;
  readonly algorithm: number;
  readonly labels: number;
  readonly originalTtl: number;
  readonly expiration: number;
  readonly inception: number;
  readonly keyTag: number;
  readonly signer: string;
  readonly signatureBase64: string;
}

export function rrsigRdata(fields: RrsigFields): Buffer {
  const head = Buffer.alloc(18);
  head.writeUInt16BE(fields.typeCovered, 0);
  head.writeUInt8(fields.algorithm, 2);
  head.writeUInt8(fields.labels, 3);
  head.writeUInt32BE(fields.originalTtl, 4);
  head.writeUInt32BE(fields.expiration, 8);
  head.writeUInt32BE(fields.inception, 12);
  head.writeUInt16BE(fields.keyTag, 16);
  return Buffer.concat([
    head,
    wireName(fields.signer),
    Buffer.from(fields.signatureBase64, "base64"),
  ]);
}

export function aRdata(address: string): Buffer {
  return Buffer.from(address.split(".").map(Number));
}

export function mxRdata(preference: number, exchange: string): Buffer {
  const head = Buffer.alloc(2);
  head.writeUInt16BE(preference, 0);
  return Buffer.concat([head, wireName(exchange)]);
}

/** SOA RDATA: MNAME, RNAME, then serial, refresh, retry, expire and minimum. */
export function soaRdata(mname: string, rname: string, counters: readonly number[]): Buffer {
  const numbers = Buffer.alloc(20);
  counters.slice(0, 5).forEach((value, i) => {
    numbers.writeUInt32BE(value, i * 4);
  });
  return Buffer.concat([wireName(mname), wireName(rname), numbers]);
}
