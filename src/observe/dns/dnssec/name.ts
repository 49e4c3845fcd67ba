// Domain names in wire form (RFC 1035 §3.1): length-prefixed labels ending with the zero-length
// root label. The DNSSEC core keeps names as bytes, because a label may hold any octet (dots
// included) and what was signed is bytes; text is only for people and for the caller's zone name.

import { bytes } from "./records.js";

/** RFC 1035 §2.3.4: a name is at most 255 octets on the wire, a label at most 63. */
const MAX_NAME_OCTETS = 255;
const MAX_LABEL_OCTETS = 63;
const POINTER_TAG = 0xc0;
const ASCII_A = 0x41;
const ASCII_Z = 0x5a;
const LOWER_CASE_OFFSET = 0x20;

export type NameRead =
  | { readonly ok: true; readonly name: Buffer; readonly end: number }
  | { readonly ok: false; readonly detail: string };

/**
 * Reads the name at `offset`. With `message` set, compression pointers (RFC 1035 §4.1.4) are
 * followed; each must point before itself, and a pointer loop ends at the 255-octet limit on the
 * name it builds. `end` is where the name ends at `offset` (after the first pointer, if any).
 */
export function readName(data: Uint8Array, offset: number, message = false): NameRead {
  const buf = bytes(data);
  const out: number[] = [];
  let position = offset;
  let end: number | undefined;
  for (;;) {
    if (position >= buf.length) return { ok: false, detail: "name runs past the end of the data" };
    const length = buf.readUInt8(position);
    if ((length & POINTER_TAG) === POINTER_TAG) {
      if (!message) return { ok: false, detail: "compression pointer where none is allowed" };
      if (position + 1 >= buf.length) return { ok: false, detail: "truncated compression pointer" };
      const target = buf.readUInt16BE(position) & 0x3fff;
      if (target >= position)
        return { ok: false, detail: "compression pointer that is not backwards" };
      end ??= position + 2;
      position = target;
      continue;
    }
    if (length > MAX_LABEL_OCTETS)
      return { ok: false, detail: `unknown label type 0x${length.toString(16)}` };
    if (out.length + 1 + length > MAX_NAME_OCTETS) {
      return { ok: false, detail: `name longer than ${MAX_NAME_OCTETS} octets` };
    }
    if (position + 1 + length > buf.length) {
      return { ok: false, detail: "label runs past the end of the data" };
    }
    for (let i = position; i <= position + length; i++) out.push(buf.readUInt8(i));
    position += 1 + length;
    if (length === 0) return { ok: true, name: Buffer.from(out), end: end ?? position };
  }
}

/** The name with ASCII upper case folded (RFC 4034 §6.2); length octets are < 64, never letters. */
export function lowerName(name: Uint8Array): Buffer {
  const out = Buffer.from(name);
  for (let i = 0; i < out.length; i++) {
    const octet = out.readUInt8(i);
    if (octet >= ASCII_A && octet <= ASCII_Z) out.writeUInt8(octet + LOWER_CASE_OFFSET, i);
  }
  return out;
}

/** True when the names are equal ignoring ASCII case (RFC 4343). */
export function namesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && lowerName(a).equals(lowerName(b));
}

/** The offsets at which each label starts, the root label excluded. Expects a well-formed name. */
function labelOffsets(name: Uint8Array): number[] {
  const buf = bytes(name);
  const offsets: number[] = [];
  let position = 0;
  while (position < buf.length) {
    const length = buf.readUInt8(position);
    if (length === 0) break;
    offsets.push(position);
    position += 1 + length;
  }
  return offsets;
}

/** How many labels the name has, not counting the root (the RRSIG Labels field's unit). */
export function labelCount(name: Uint8Array): number {
  return labelOffsets(name).length;
}

/** The name made of the rightmost `count` labels (`count` at most `labelCount(name)`). */
export function rightmostLabels(name: Uint8Array, count: number): Buffer {
  const offsets = labelOffsets(name);
  const start = count === 0 ? name.byteLength - 1 : offsets[offsets.length - count];
  return bytes(name).subarray(start ?? 0);
}

/** `*.` prepended to `name` (RFC 4034 §6.2 rule 4, RFC 4035 §5.3.2). */
export function wildcardOf(name: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from([1, 0x2a]), bytes(name)]);
}

export type NameParse =
  | { readonly ok: true; readonly name: Buffer }
  | { readonly ok: false; readonly detail: string };

/**
 * A name in presentation form (RFC 1035 §5.1: `\X` and `\DDD` escapes) to wire form. Every name is
 * taken as absolute, with or without the trailing dot; "" and "." are the root.
 */
export function nameFromText(text: string): NameParse {
  // "" needs no case of its own: no labels, then the root octet.
  if (text === ".") return { ok: true, name: Buffer.from([0]) };
  const out: number[] = [];
  let label: number[] = [];
  const closeLabel = (): string | undefined => {
    if (label.length === 0) return "empty label";
    if (label.length > MAX_LABEL_OCTETS) return `label longer than ${MAX_LABEL_OCTETS} octets`;
    out.push(label.length, ...label);
    label = [];
    return undefined;
  };
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (char > 0x7e) return { ok: false, detail: "non-ASCII character (use the A-label)" };
    if (char === 0x2e) {
      const problem = closeLabel();
      if (problem !== undefined) return { ok: false, detail: problem };
      continue;
    }
    if (char !== 0x5c) {
      label.push(char);
      continue;
    }
    const digits = text.slice(i + 1, i + 4);
    if (/^[0-9]{3}$/.test(digits)) {
      const value = Number(digits);
      if (value > 255) return { ok: false, detail: `escape \\${digits} is above 255` };
      label.push(value);
      i += 3;
    } else if (i + 1 < text.length) {
      label.push(text.charCodeAt(i + 1));
      i += 1;
    } else {
      return { ok: false, detail: "dangling backslash" };
    }
  }
  if (label.length > 0) {
    const problem = closeLabel();
    if (problem !== undefined) return { ok: false, detail: problem };
  }
  out.push(0);
  if (out.length > MAX_NAME_OCTETS) {
    return { ok: false, detail: `name longer than ${MAX_NAME_OCTETS} octets` };
  }
  return { ok: true, name: Buffer.from(out) };
}

/**
 * A well-formed wire name as text for reports: labels joined by dots, no trailing dot (the project's
 * convention), the root as "."; dots, backslashes and non-printable octets escaped as in RFC 1035.
 */
export function nameToText(name: Uint8Array): string {
  const buf = bytes(name);
  const labels: string[] = [];
  for (const offset of labelOffsets(buf)) {
    let label = "";
    for (const octet of buf.subarray(offset + 1, offset + 1 + buf.readUInt8(offset))) {
      if (octet === 0x2e || octet === 0x5c) label += `\\${String.fromCharCode(octet)}`;
      else if (octet > 0x20 && octet < 0x7f) label += String.fromCharCode(octet);
      else label += `\\${octet.toString().padStart(3, "0")}`;
    }
    labels.push(label);
  }
  return labels.length === 0 ? "." : labels.join(".");
}
