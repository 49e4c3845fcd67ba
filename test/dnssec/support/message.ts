// Encoding records into a DNS reply the way servers do: names compressed (RFC 1035 §4.1.4),
// matched case-insensitively as BIND and NSD match them, so a pointer may bring back another
// spelling of a name. Names in the RDATA of the RFC 1035 types (RFC 3597 §4) are compressed too.

import { lowerName } from "../../../src/observe/dns/dnssec/name.js";
import type { WireRecord } from "../../../src/observe/dns/dnssec/records.js";

// Octets before the names, how many names, for the types whose RDATA names are compressed.
const RDATA_NAMES: ReadonlyMap<number, { readonly before: number; readonly names: number }> =
  new Map([
    [2, { before: 0, names: 1 }], // NS
    [3, { before: 0, names: 1 }], // MD
    [4, { before: 0, names: 1 }], // MF
    [5, { before: 0, names: 1 }], // CNAME
    [6, { before: 0, names: 2 }], // SOA
    [7, { before: 0, names: 1 }], // MB
    [8, { before: 0, names: 1 }], // MG
    [9, { before: 0, names: 1 }], // MR
    [12, { before: 0, names: 1 }], // PTR
    [14, { before: 0, names: 2 }], // MINFO
    [15, { before: 2, names: 1 }], // MX
  ]);

class Writer {
  private readonly buffer = Buffer.alloc(65535);
  private readonly suffixes = new Map<string, number>();
  offset = 0;

  bytes(octets: Uint8Array): void {
    this.buffer.set(octets, this.offset);
    this.offset += octets.byteLength;
  }

  u16(value: number): void {
    this.buffer.writeUInt16BE(value, this.offset);
    this.offset += 2;
  }

  patchU16(value: number, at: number): void {
    this.buffer.writeUInt16BE(value, at);
  }

  u32(value: number): void {
    this.buffer.writeUInt32BE(value, this.offset);
    this.offset += 4;
  }

  /** Writes a wire name, pointing at an earlier copy of its longest known suffix. */
  name(name: Buffer): void {
    const lower = lowerName(name);
    let position = 0;
    while (name.readUInt8(position) !== 0) {
      const key = lower.subarray(position).toString("hex");
      const earlier = this.suffixes.get(key);
      if (earlier !== undefined) {
        this.bytes(name.subarray(0, position));
        this.u16(0xc000 | earlier);
        return;
      }
      if (this.offset + position < 0x4000) this.suffixes.set(key, this.offset + position);
      position += 1 + name.readUInt8(position);
    }
    this.bytes(name);
  }

  done(): Buffer {
    return Buffer.from(this.buffer.subarray(0, this.offset));
  }
}

function nameLength(rdata: Buffer, start: number): number {
  let end = start;
  while (rdata.readUInt8(end) !== 0) end += 1 + rdata.readUInt8(end);
  return end + 1 - start;
}

/** A NOERROR, AA reply with one question and `answers` in the answer section. */
export function encodeReply(
  question: { name: Buffer; type: number },
  answers: readonly WireRecord[],
): Buffer {
  const writer = new Writer();
  for (const value of [0x1234, 0x8400, 1, answers.length, 0, 0]) writer.u16(value);
  writer.name(question.name);
  writer.u16(question.type);
  writer.u16(1);
  for (const record of answers) {
    const rdata = Buffer.from(record.rdata);
    writer.name(Buffer.from(record.owner));
    writer.u16(record.type);
    writer.u16(record.class);
    writer.u32(record.ttl);
    const lengthAt = writer.offset;
    writer.u16(0);
    const layout = RDATA_NAMES.get(record.type);
    if (layout === undefined) {
      writer.bytes(rdata);
    } else {
      writer.bytes(rdata.subarray(0, layout.before));
      let position = layout.before;
      for (let i = 0; i < layout.names; i++) {
        const length = nameLength(rdata, position);
        writer.name(rdata.subarray(position, position + length));
        position += length;
      }
      writer.bytes(rdata.subarray(position));
    }
    writer.patchU16(writer.offset - lengthAt - 2, lengthAt);
  }
  return writer.done();
}

/** A record laid out exactly as given: owner and RDATA octets as they are, pointers included. */
export interface RawRecord {
  readonly owner: Uint8Array;
  readonly type: number;
  readonly class?: number;
  readonly ttl?: number;
  readonly rdata: Uint8Array;
  /** The RDLENGTH written, when it is to differ from the RDATA's length. */
  readonly rdlength?: number;
}

export interface RawSections {
  readonly questions?: readonly Uint8Array[];
  readonly answers?: readonly RawRecord[];
  readonly authorities?: readonly RawRecord[];
  readonly additionals?: readonly RawRecord[];
}

/**
 * A reply written octet for octet as given, nothing compressed or checked: for messages no
 * well-behaved server sends. Questions are of type A, class IN.
 */
export function encodeRawMessage(sections: RawSections): Buffer {
  const { questions = [], answers = [], authorities = [], additionals = [] } = sections;
  const writer = new Writer();
  for (const value of [0x1234, 0x8400, questions.length]) writer.u16(value);
  for (const section of [answers, authorities, additionals]) writer.u16(section.length);
  for (const question of questions) {
    writer.bytes(question);
    writer.u16(1);
    writer.u16(1);
  }
  for (const record of [...answers, ...authorities, ...additionals]) {
    writer.bytes(record.owner);
    writer.u16(record.type);
    writer.u16(record.class ?? 1);
    writer.u32(record.ttl ?? 300);
    writer.u16(record.rdlength ?? record.rdata.byteLength);
    writer.bytes(record.rdata);
  }
  return writer.done();
}
