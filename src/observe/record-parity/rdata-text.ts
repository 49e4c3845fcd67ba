// One record's data as canonical presentation text, read from the wire bytes the server sent (via
// the DNSSEC core's reader, which expands compressed names and keeps everything else as received).
// Canonical so that two hosts serving the same data give the same string: names lower-cased without
// the trailing dot, addresses in their canonical text, TXT strings exact (quoted, escaped, never
// joined: ["a" "b"] and ["ab"] differ on the wire and may differ to a verifier). Types without a
// renderer here are shown in the RFC 3597 generic form (`\# <length> <hex>`), which compares the
// bytes exactly; names inside them (HTTPS/SVCB targets) are then compared case-sensitively.

import { nameToText, readName } from "../dns/dnssec/name.js";
import { bytes } from "../dns/dnssec/records.js";
import { canonicalAddress } from "../dns/message.js";

const TYPE_NAMES: ReadonlyMap<number, string> = new Map([
  [1, "A"],
  [2, "NS"],
  [5, "CNAME"],
  [6, "SOA"],
  [12, "PTR"],
  [15, "MX"],
  [16, "TXT"],
  [28, "AAAA"],
  [33, "SRV"],
  [35, "NAPTR"],
  [39, "DNAME"],
  [43, "DS"],
  [44, "SSHFP"],
  [46, "RRSIG"],
  [52, "TLSA"],
  [64, "SVCB"],
  [65, "HTTPS"],
  [99, "SPF"],
  [257, "CAA"],
]);

/** The mnemonic of a type number, `TYPE<n>` (RFC 3597) when it has none here. */
export function typeMnemonic(type: number): string {
  return TYPE_NAMES.get(type) ?? `TYPE${type}`;
}

const generic = (rdata: Buffer): string =>
  rdata.length === 0 ? "\\# 0" : `\\# ${rdata.length} ${rdata.toString("hex")}`;

/** A domain name at `offset` (uncompressed) as lower-case text, and where it ends. */
function nameAt(rdata: Buffer, offset: number): { text: string; end: number } | undefined {
  const read = readName(rdata, offset);
  if (!read.ok) return undefined;
  return { text: nameToText(read.name).toLowerCase(), end: read.end };
}

/** RFC 1035 §5.1 character-string: quoted, `"` and `\` escaped, other non-printables as `\DDD`. */
function characterString(data: Buffer): string {
  let out = '"';
  for (const octet of data) {
    if (octet === 0x22 || octet === 0x5c) out += `\\${String.fromCharCode(octet)}`;
    else if (octet >= 0x20 && octet < 0x7f) out += String.fromCharCode(octet);
    else out += `\\${octet.toString().padStart(3, "0")}`;
  }
  return `${out}"`;
}

function characterStrings(rdata: Buffer): string | undefined {
  const parts: string[] = [];
  let position = 0;
  while (position < rdata.length) {
    const length = rdata.readUInt8(position);
    if (position + 1 + length > rdata.length) return undefined;
    parts.push(characterString(rdata.subarray(position + 1, position + 1 + length)));
    position += 1 + length;
  }
  return parts.length === 0 ? undefined : parts.join(" ");
}

function address(rdata: Buffer, family: 4 | 6): string | undefined {
  if (family === 4) return rdata.length === 4 ? [...rdata].join(".") : undefined;
  if (rdata.length !== 16) return undefined;
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(rdata.readUInt16BE(i).toString(16));
  return canonicalAddress(groups.join(":"));
}

/** `count` 16-bit numbers, then a name ending exactly at the end of the RDATA (MX, SRV). */
function numbersThenName(rdata: Buffer, count: number): string | undefined {
  if (rdata.length < count * 2 + 1) return undefined;
  const numbers: number[] = [];
  for (let i = 0; i < count; i++) numbers.push(rdata.readUInt16BE(i * 2));
  const name = nameAt(rdata, count * 2);
  if (name === undefined || name.end !== rdata.length) return undefined;
  return `${numbers.join(" ")} ${name.text}`;
}

/** SOA: both names, then the five 32-bit numbers (serial first). */
function soa(rdata: Buffer): string | undefined {
  const mname = nameAt(rdata, 0);
  const rname = mname === undefined ? undefined : nameAt(rdata, mname.end);
  if (rname === undefined || rname.end + 20 !== rdata.length) return undefined;
  const numbers: number[] = [];
  for (let i = 0; i < 5; i++) numbers.push(rdata.readUInt32BE(rname.end + i * 4));
  return `${mname?.text} ${rname.text} ${numbers.join(" ")}`;
}

function caa(rdata: Buffer): string | undefined {
  if (rdata.length < 2) return undefined;
  const tagLength = rdata.readUInt8(1);
  if (tagLength === 0 || 2 + tagLength > rdata.length) return undefined;
  // RFC 8659 §4.1: tags are case-insensitive; the value is compared as sent.
  const tag = rdata
    .subarray(2, 2 + tagLength)
    .toString("latin1")
    .toLowerCase();
  return `${rdata.readUInt8(0)} ${tag} ${characterString(rdata.subarray(2 + tagLength))}`;
}

/**
 * The canonical text of one record's RDATA (names inside already uncompressed). Malformed RDATA of
 * a known type falls back to the generic form: still an exact comparison, never an exception.
 */
export function rdataText(type: number, data: Uint8Array): string {
  const rdata = bytes(data);
  let text: string | undefined;
  switch (type) {
    case 1:
      text = address(rdata, 4);
      break;
    case 28:
      text = address(rdata, 6);
      break;
    case 2:
    case 5:
    case 12:
    case 39: {
      const name = nameAt(rdata, 0);
      text = name !== undefined && name.end === rdata.length ? name.text : undefined;
      break;
    }
    case 6:
      text = soa(rdata);
      break;
    case 15:
      text = numbersThenName(rdata, 1);
      break;
    case 33:
      text = numbersThenName(rdata, 3);
      break;
    case 16:
    case 99:
      text = characterStrings(rdata);
      break;
    case 257:
      text = caa(rdata);
      break;
  }
  return text ?? generic(rdata);
}
