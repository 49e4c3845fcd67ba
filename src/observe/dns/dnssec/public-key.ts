// DNSKEY public keys to node:crypto keys: RSA per RFC 3110 §2, ECDSA per RFC 6605 §4, EdDSA per
// RFC 8080 §3. Keys go in as JWK, so node never parses DER that a server controls.

import { createPublicKey, type KeyObject } from "node:crypto";
import { MAX_RSA_MODULUS_BITS, type SignatureScheme } from "./algorithms.js";

export type PublicKeyDecode =
  | { readonly ok: true; readonly key: KeyObject; readonly bits: number }
  | { readonly ok: false; readonly detail: string };

/** RSA public exponents beyond 64 bits are refused: they only make verification slow. */
const MAX_RSA_EXPONENT_OCTETS = 8;

const base64url = (octets: Buffer): string => octets.toString("base64url");

// RFC 3110 forbids leading zero octets in the exponent and modulus, but resolvers read the
// integers as they come (OpenSSL's BN_bin2bn), so they are dropped here rather than refused.
function withoutLeadingZeros(octets: Buffer): Buffer {
  let start = 0;
  while (start < octets.length - 1 && octets.readUInt8(start) === 0) start++;
  return octets.subarray(start);
}

/** Bits of a big-endian integer without leading zero octets (zero, left as one octet, has none). */
function bitLength(trimmed: Buffer): number {
  return (trimmed.length - 1) * 8 + (32 - Math.clz32(trimmed.readUInt8(0)));
}

function importJwk(jwk: Record<string, string>, bits: number): PublicKeyDecode {
  try {
    return { ok: true, key: createPublicKey({ key: jwk, format: "jwk" }), bits };
  } catch (error) {
    return {
      ok: false,
      detail: `node:crypto refused the key: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

/**
 * RFC 3110 §2: a one-octet exponent length, or a zero octet and a two-octet length for exponents
 * longer than 255 octets; the exponent; the modulus filling the rest.
 */
function decodeRsa(key: Buffer, minBits: number): PublicKeyDecode {
  if (key.length < 1) return { ok: false, detail: "empty RSA key" };
  let exponentLength = key.readUInt8(0);
  let offset = 1;
  if (exponentLength === 0) {
    if (key.length < 3) return { ok: false, detail: "RSA key truncated in its exponent length" };
    exponentLength = key.readUInt16BE(1);
    offset = 3;
  }
  if (exponentLength === 0) return { ok: false, detail: "RSA exponent of zero length" };
  if (offset + exponentLength >= key.length)
    return { ok: false, detail: "RSA key truncated: no room for the modulus" };
  const exponent = withoutLeadingZeros(key.subarray(offset, offset + exponentLength));
  const modulus = withoutLeadingZeros(key.subarray(offset + exponentLength));
  if (exponent.length > MAX_RSA_EXPONENT_OCTETS) {
    return {
      ok: false,
      detail: `RSA exponent of ${exponent.length} octets, over ${MAX_RSA_EXPONENT_OCTETS}`,
    };
  }
  const bits = bitLength(modulus);
  if (bits < minBits || bits > MAX_RSA_MODULUS_BITS) {
    return {
      ok: false,
      detail: `RSA modulus of ${bits} bits, outside ${minBits}–${MAX_RSA_MODULUS_BITS}`,
    };
  }
  return importJwk({ kty: "RSA", n: base64url(modulus), e: base64url(exponent) }, bits);
}

/** The DNSKEY public key field as a node:crypto key for `scheme`. Never throws. */
export function decodePublicKey(scheme: SignatureScheme, key: Buffer): PublicKeyDecode {
  switch (scheme.kind) {
    case "rsa":
      return decodeRsa(key, scheme.minBits);
    case "ecdsa": {
      if (key.length !== 2 * scheme.size) {
        return {
          ok: false,
          detail: `${scheme.curve} key of ${key.length} octets, not ${2 * scheme.size}`,
        };
      }
      const x = key.subarray(0, scheme.size);
      const y = key.subarray(scheme.size);
      return importJwk(
        { kty: "EC", crv: scheme.curve, x: base64url(x), y: base64url(y) },
        scheme.size * 8,
      );
    }
    case "eddsa":
      if (key.length !== scheme.keySize) {
        return {
          ok: false,
          detail: `${scheme.curve} key of ${key.length} octets, not ${scheme.keySize}`,
        };
      }
      return importJwk({ kty: "OKP", crv: scheme.curve, x: base64url(key) }, scheme.keySize * 8);
  }
}
