// The RDATA of the DNSSEC record types (RFC 4034 §2.1, §3.1, §5.1), read field by field with every
// length checked. Reading never throws: malformed RDATA is a value with the reason.

import { readName } from "./name.js";
import { bytes } from "./records.js";

export type Parsed<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly detail: string };

/** RFC 4034 §2.1.1 flag bits, counted from the most significant bit as bit 0. */
const ZONE_KEY_FLAG = 0x0100; // bit 7
const REVOKE_FLAG = 0x0080; // bit 8, RFC 5011 §7
const SEP_FLAG = 0x0001; // bit 15
/** RFC 4034 §2.1.2: the Protocol field MUST be 3. */
export const DNSKEY_PROTOCOL = 3;

export interface Dnskey {
  readonly flags: number;
  readonly protocol: number;
  readonly algorithm: number;
  readonly publicKey: Buffer;
  readonly zoneKey: boolean;
  readonly secureEntryPoint: boolean;
  readonly revoked: boolean;
}

export function parseDnskey(rdata: Uint8Array): Parsed<Dnskey> {
  const buf = bytes(rdata);
  if (buf.length < 5)
    return { ok: false, detail: `DNSKEY RDATA of ${buf.length} octets, too short for a key` };
  const flags = buf.readUInt16BE(0);
  return {
    ok: true,
    value: {
      flags,
      protocol: buf.readUInt8(2),
      algorithm: buf.readUInt8(3),
      publicKey: buf.subarray(4),
      zoneKey: (flags & ZONE_KEY_FLAG) !== 0,
      secureEntryPoint: (flags & SEP_FLAG) !== 0,
      revoked: (flags & REVOKE_FLAG) !== 0,
    },
  };
}

/** The RRSIG fields before the Signer's Name. */
const RRSIG_FIXED_OCTETS = 18;

export interface Rrsig {
  readonly typeCovered: number;
  readonly algorithm: number;
  readonly labels: number;
  readonly originalTtl: number;
  /** 32-bit serial-number times (RFC 4034 §3.1.5); see validity.ts. */
  readonly expiration: number;
  readonly inception: number;
  readonly keyTag: number;
  readonly signerName: Buffer;
  readonly signature: Buffer;
  /** The 18 octets before the Signer's Name, as received: they open what was signed. */
  readonly fixedFields: Buffer;
}

export function parseRrsig(rdata: Uint8Array): Parsed<Rrsig> {
  const buf = bytes(rdata);
  if (buf.length < RRSIG_FIXED_OCTETS + 1)
    return { ok: false, detail: `RRSIG RDATA of ${buf.length} octets, too short` };
  // RFC 4034 §3.1.7: the Signer's Name MUST NOT be compressed.
  const signer = readName(buf, RRSIG_FIXED_OCTETS);
  if (!signer.ok) return { ok: false, detail: `RRSIG signer name: ${signer.detail}` };
  const signature = buf.subarray(signer.end);
  if (signature.length === 0) return { ok: false, detail: "RRSIG without a signature" };
  return {
    ok: true,
    value: {
      typeCovered: buf.readUInt16BE(0),
      algorithm: buf.readUInt8(2),
      labels: buf.readUInt8(3),
      originalTtl: buf.readUInt32BE(4),
      expiration: buf.readUInt32BE(8),
      inception: buf.readUInt32BE(12),
      keyTag: buf.readUInt16BE(16),
      signerName: signer.name,
      signature,
      fixedFields: buf.subarray(0, RRSIG_FIXED_OCTETS),
    },
  };
}

/** A DS record as the walker already reports it (src/dns/types.ts `DsRecord`): digest in hex. */
export interface DsInput {
  readonly keyTag: number;
  readonly algorithm: number;
  readonly digestType: number;
  readonly digest: string;
}

/** DS RDATA (RFC 4034 §5.1) to the walker's form, for callers that hold raw records. */
export function parseDs(rdata: Uint8Array): Parsed<DsInput> {
  const buf = bytes(rdata);
  if (buf.length < 5) return { ok: false, detail: `DS RDATA of ${buf.length} octets, too short` };
  return {
    ok: true,
    value: {
      keyTag: buf.readUInt16BE(0),
      algorithm: buf.readUInt8(2),
      digestType: buf.readUInt8(3),
      digest: buf.subarray(4).toString("hex"),
    },
  };
}
