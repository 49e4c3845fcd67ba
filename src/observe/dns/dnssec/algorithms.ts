// What the core does with each DNSSEC algorithm number (IANA "DNS Security Algorithm Numbers";
// RFC 8624 §3.1 for which are current). Unlisted numbers, and those node:crypto cannot verify, are
// unsupported: a signature with them is reported as such, never counted as a pass.

import { createPublicKey } from "node:crypto";

export type SignatureScheme =
  | { readonly kind: "rsa"; readonly hash: "sha1" | "sha256" | "sha512"; readonly minBits: number }
  | {
      readonly kind: "ecdsa";
      readonly hash: "sha256" | "sha384";
      readonly curve: "P-256" | "P-384";
      /** Octets of one coordinate; keys are x||y and signatures r||s (RFC 6605 §4). */
      readonly size: number;
    }
  | {
      readonly kind: "eddsa";
      readonly curve: "Ed25519" | "Ed448";
      readonly keySize: number;
      readonly signatureSize: number;
    };

export interface AlgorithmInfo {
  readonly number: number;
  readonly mnemonic: string;
  readonly scheme: SignatureScheme;
  /** RFC 8624: RSA/SHA-1 (5 and 7) validates but MUST NOT be used for signing. */
  readonly deprecated: boolean;
}

// RFC 3110 caps RSA moduli at 4096 bits; RFC 5702 sets the floors (512 for SHA-1 and SHA-256,
// 1024 for SHA-512).
const ALGORITHMS: readonly AlgorithmInfo[] = [
  {
    number: 5,
    mnemonic: "RSASHA1",
    scheme: { kind: "rsa", hash: "sha1", minBits: 512 },
    deprecated: true,
  },
  {
    number: 7,
    mnemonic: "RSASHA1-NSEC3-SHA1",
    scheme: { kind: "rsa", hash: "sha1", minBits: 512 },
    deprecated: true,
  },
  {
    number: 8,
    mnemonic: "RSASHA256",
    scheme: { kind: "rsa", hash: "sha256", minBits: 512 },
    deprecated: false,
  },
  {
    number: 10,
    mnemonic: "RSASHA512",
    scheme: { kind: "rsa", hash: "sha512", minBits: 1024 },
    deprecated: false,
  },
  {
    number: 13,
    mnemonic: "ECDSAP256SHA256",
    scheme: { kind: "ecdsa", hash: "sha256", curve: "P-256", size: 32 },
    deprecated: false,
  },
  {
    number: 14,
    mnemonic: "ECDSAP384SHA384",
    scheme: { kind: "ecdsa", hash: "sha384", curve: "P-384", size: 48 },
    deprecated: false,
  },
  {
    number: 15,
    mnemonic: "ED25519",
    scheme: { kind: "eddsa", curve: "Ed25519", keySize: 32, signatureSize: 64 },
    deprecated: false,
  },
  {
    number: 16,
    mnemonic: "ED448",
    scheme: { kind: "eddsa", curve: "Ed448", keySize: 57, signatureSize: 114 },
    deprecated: false,
  },
];

export const MAX_RSA_MODULUS_BITS = 4096;

// The Ed448 public key of RFC 8080 §6.2, used only to ask whether this OpenSSL build has Ed448
// (FIPS builds do not).
const ED448_PROBE_KEY =
  "3kgROaDjrh0H2iuixWBrc8g2EpBBLCdGzHmn-G2MpTPhpj_OiBVHHSfPodx1FYYUcJKm1MDpJtIA";
let ed448Available: boolean | undefined;

function hasEd448(): boolean {
  if (ed448Available === undefined) {
    try {
      createPublicKey({ key: { kty: "OKP", crv: "Ed448", x: ED448_PROBE_KEY }, format: "jwk" });
      ed448Available = true;
    } catch {
      ed448Available = false;
    }
  }
  return ed448Available;
}

/** The algorithm's scheme, or undefined when the core cannot verify it. */
export function algorithmInfo(algorithm: number): AlgorithmInfo | undefined {
  const info = ALGORITHMS.find((entry) => entry.number === algorithm);
  if (info?.scheme.kind === "eddsa" && info.scheme.curve === "Ed448" && !hasEd448())
    return undefined;
  return info;
}

export interface DigestInfo {
  /** The node:crypto hash name. */
  readonly hash: string;
  /** Octets of a digest. */
  readonly size: number;
}

/** DS digest types (RFC 4034 §5.1.4, RFC 4509, RFC 6605 §2); type 3 (GOST) is not in node:crypto. */
const DIGESTS: ReadonlyMap<number, DigestInfo> = new Map([
  [1, { hash: "sha1", size: 20 }],
  [2, { hash: "sha256", size: 32 }],
  [4, { hash: "sha384", size: 48 }],
]);

export function digestInfo(digestType: number): DigestInfo | undefined {
  return DIGESTS.get(digestType);
}
