// The records of a DNS message as raw `WireRecord`s, for the DNSSEC core.
//
// The walker decodes replies with dns-packet, which returns decoded fields, not the bytes that were
// signed. This reader keeps the bytes: owner names and the domain names inside RDATA are only
// uncompressed (RFC 1035 §4.1.4), never re-encoded. RFC 3597 §4 allows compression inside RDATA
// only for the RFC 1035 types, so only their names are expanded; RDATA of any other type is copied
// as received (a pointer left inside it then fails verification, as it would at a resolver).

import { readName } from "./name.js";
import { bytes, type WireRecord } from "./records.js";

export interface MessageRecords {
  readonly answers: readonly WireRecord[];
  readonly authorities: readonly WireRecord[];
  readonly additionals: readonly WireRecord[];
}

export type MessageRead =
  | { readonly ok: true; readonly records: MessageRecords }
  | { readonly ok: false; readonly detail: string };

const HEADER_OCTETS = 12;
const FIXED_RR_OCTETS = 10;
const QUESTION_FIXED_OCTETS = 4;

// The layouts of the RFC 1035 types whose RDATA names may be compressed: a number is that many
// fixed octets, "name" a domain name. (RFC 3597 §4 lists exactly these.)
type Field = number | "name";
const COMPRESSIBLE: ReadonlyMap<number, readonly Field[]> = new Map<number, readonly Field[]>([
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
]);

type Expansion =
  | { readonly ok: true; readonly rdata: Buffer }
  | { readonly ok: false; readonly detail: string };

function expandRdata(
  message: Buffer,
  start: number,
  length: number,
  layout: readonly Field[],
): Expansion {
  const parts: Buffer[] = [];
  let position = start;
  const end = start + length;
  for (const field of layout) {
    if (field === "name") {
      const read = readName(message, position, true);
      if (!read.ok) return read;
      if (read.end > end) return { ok: false, detail: "RDATA name runs past RDLENGTH" };
      parts.push(read.name);
      position = read.end;
    } else {
      if (position + field > end)
        return { ok: false, detail: "RDATA shorter than its type requires" };
      parts.push(message.subarray(position, position + field));
      position += field;
    }
  }
  if (position !== end) return { ok: false, detail: "RDATA longer than its type allows" };
  return { ok: true, rdata: Buffer.concat(parts) };
}

/**
 * Reads every record of a complete DNS message. Copies what it returns (the message buffer may be
 * reused). Never throws; a message that cannot be read whole is refused with the reason. The
 * work is bounded by the message size: every record takes at least 11 octets.
 */
export function recordsFromMessage(data: Uint8Array): MessageRead {
  const message = bytes(data);
  if (message.length < HEADER_OCTETS) return { ok: false, detail: "shorter than a DNS header" };
  const questions = message.readUInt16BE(4);
  const answers: WireRecord[] = [];
  const authorities: WireRecord[] = [];
  const additionals: WireRecord[] = [];
  // Each named as a reason names it: "record 1" alone would not say which section's first.
  const sections = [
    ["answer", message.readUInt16BE(6), answers],
    ["authority", message.readUInt16BE(8), authorities],
    ["additional", message.readUInt16BE(10), additionals],
  ] as const;
  let position = HEADER_OCTETS;
  for (let i = 0; i < questions; i++) {
    const read = readName(message, position, true);
    if (!read.ok) return { ok: false, detail: `question ${i + 1}: ${read.detail}` };
    position = read.end + QUESTION_FIXED_OCTETS;
    if (position > message.length) return { ok: false, detail: "truncated question" };
  }
  for (const [name, count, section] of sections) {
    for (let i = 0; i < count; i++) {
      const owner = readName(message, position, true);
      if (!owner.ok) return { ok: false, detail: `${name} ${i + 1}: ${owner.detail}` };
      position = owner.end;
      if (position + FIXED_RR_OCTETS > message.length)
        return { ok: false, detail: "truncated record header" };
      const type = message.readUInt16BE(position);
      const rrClass = message.readUInt16BE(position + 2);
      const ttl = message.readUInt32BE(position + 4);
      const length = message.readUInt16BE(position + 8);
      position += FIXED_RR_OCTETS;
      if (position + length > message.length)
        return { ok: false, detail: "RDATA runs past the end of the message" };
      const layout = COMPRESSIBLE.get(type);
      let rdata: Buffer;
      if (layout === undefined) {
        rdata = Buffer.from(message.subarray(position, position + length));
      } else {
        const expanded = expandRdata(message, position, length, layout);
        if (!expanded.ok)
          return { ok: false, detail: `${name} ${i + 1} (type ${type}): ${expanded.detail}` };
        rdata = expanded.rdata;
      }
      position += length;
      section.push({ owner: owner.name, type, class: rrClass, ttl, rdata });
    }
  }
  return { ok: true, records: { answers, authorities, additionals } };
}
