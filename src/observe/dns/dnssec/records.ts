// The record representation the DNSSEC core validates: raw wire bytes, as a server sent them.
//
// Signatures cover wire bytes, so the core never sees a decoded-and-re-encoded record: decoding
// (dns-packet's or anyone's) may normalise case, drop unknown fields or re-compress names, and any
// of those silently changes what is checked. `recordsFromMessage` (message.ts) produces these
// records from a reply; `signedRrset` picks one RRset and the RRSIGs that cover it.

/** One resource record, names uncompressed. */
export interface WireRecord {
  /** The owner name in uncompressed wire form (length-prefixed labels, ending with 0), case kept. */
  readonly owner: Uint8Array;
  readonly type: number;
  readonly class: number;
  readonly ttl: number;
  /** The RDATA with every domain name in it uncompressed. */
  readonly rdata: Uint8Array;
}

/** An RRset and the RRSIG records offered for it, as one server answered. */
export interface SignedRrset {
  readonly records: readonly WireRecord[];
  readonly signatures: readonly WireRecord[];
}

/** The RR type numbers the core names (IANA "Resource Record (RR) TYPEs"). */
export const RrType = {
  NS: 2,
  SOA: 6,
  DS: 43,
  RRSIG: 46,
  DNSKEY: 48,
} as const;

export const CLASS_IN = 1;

/** Byte view with Node's bounds-checked readers, without copying. */
export function bytes(data: Uint8Array): Buffer {
  return Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}
