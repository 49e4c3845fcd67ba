// The key tag of a DNSKEY (RFC 4034 Appendix B): how DS and RRSIG records name a key. It is a
// checksum, not an identity; several keys may share one, so matching always goes on to compare
// the digest or the signature.

import { bytes } from "./records.js";

const ALGORITHM_RSAMD5 = 1;

/** The key tag of DNSKEY RDATA (flags, protocol, algorithm, public key). */
export function keyTag(rdata: Uint8Array): number {
  const buf = bytes(rdata);
  // Appendix B.1: for algorithm 1 the tag is the most significant 16 of the least significant 24
  // bits of the modulus, which ends the RDATA. RDATA too short to hold them takes the general rule.
  if (buf.length >= 7 && buf.readUInt8(3) === ALGORITHM_RSAMD5)
    return buf.readUInt16BE(buf.length - 3);
  let sum = 0;
  for (let i = 0; i < buf.length; i++) sum += i & 1 ? buf.readUInt8(i) : buf.readUInt8(i) << 8;
  sum += (sum >>> 16) & 0xffff;
  return sum & 0xffff;
}
