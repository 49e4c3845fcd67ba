// Key tags, DNSKEY public key decoding (RFC 3110, RFC 6605, RFC 8080), the algorithm table and
// the RRSIG validity window.

import { constants, createPrivateKey, generateKeyPairSync, sign } from "node:crypto";
import { describe, expect, it } from "vitest";
import { algorithmInfo, type SignatureScheme } from "../../src/observe/dns/dnssec/algorithms.js";
import { keyTag } from "../../src/observe/dns/dnssec/key-tag.js";
import { decodePublicKey } from "../../src/observe/dns/dnssec/public-key.js";
import { absoluteTime, checkValidity } from "../../src/observe/dns/dnssec/validity.js";
import { verifySignature } from "../../src/observe/dns/dnssec/verify.js";

const RSASHA256: SignatureScheme = { kind: "rsa", hash: "sha256", minBits: 512 };

function schemeOf(algorithm: number): SignatureScheme {
  const info = algorithmInfo(algorithm);
  if (info === undefined) throw new Error(`algorithm ${algorithm} unsupported`);
  return info.scheme;
}

describe("keyTag (RFC 4034 Appendix B)", () => {
  it("algorithm 1 takes the modulus's most significant 16 of its least significant 24 bits", () => {
    // No RFC publishes an algorithm 1 vector; this is the definition of Appendix B.1 applied.
    const rdata = Buffer.from("0100030103010001" + "c0ffee" + "abcd12", "hex");
    expect(keyTag(rdata)).toBe(0xabcd);
    const other = Buffer.from(rdata);
    other.writeUInt8(8, 3);
    expect(keyTag(other)).not.toBe(0xabcd);
  });

  it("sums 16-bit words with the carry folded back", () => {
    expect(keyTag(Buffer.from("ffff", "hex"))).toBe(0xffff);
    expect(keyTag(Buffer.from("ffffffff", "hex"))).toBe(0xffff);
    expect(keyTag(Buffer.from("8000800000", "hex"))).toBe(0x0001);
    expect(keyTag(Buffer.from("8000800001", "hex"))).toBe(0x0101);
  });
});

describe("RSA public keys (RFC 3110 §2)", () => {
  const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 1024 });
  const jwk = publicKey.export({ format: "jwk" });
  const n = Buffer.from(jwk.n ?? "", "base64url");
  const e = Buffer.from(jwk.e ?? "", "base64url");
  const data = Buffer.from("signed data");
  const signature = sign("sha256", data, { key: privateKey, padding: constants.RSA_PKCS1_PADDING });

  it("reads the one-octet and the three-octet exponent length forms alike", () => {
    const short = Buffer.concat([Buffer.from([e.length]), e, n]);
    const long = Buffer.concat([Buffer.from([0, 0, e.length]), e, n]);
    for (const form of [short, long]) {
      const decoded = decodePublicKey(RSASHA256, form);
      if (!decoded.ok) throw new Error(decoded.detail);
      expect(decoded.bits).toBe(1024);
      expect(decoded.key.export({ format: "jwk" })).toEqual(jwk);
      expect(verifySignature(RSASHA256, decoded.key, data, signature)).toBe(true);
      expect(verifySignature(RSASHA256, decoded.key, Buffer.from("other data"), signature)).toBe(
        false,
      );
    }
  });

  it("refuses truncated keys, absurd exponents and moduli outside 512–4096 bits", () => {
    const refuse = (key: Buffer, scheme: SignatureScheme = RSASHA256) => {
      const decoded = decodePublicKey(scheme, key);
      return decoded.ok ? "accepted" : decoded.detail;
    };
    expect(refuse(Buffer.alloc(0))).toBe("empty RSA key");
    expect(refuse(Buffer.from([0, 1]))).toBe("RSA key truncated in its exponent length");
    expect(refuse(Buffer.from([0, 0, 0, 1]))).toBe("RSA exponent of zero length");
    expect(refuse(Buffer.concat([Buffer.from([0, 0xff, 0xff]), n]))).toBe(
      "RSA key truncated: no room for the modulus",
    );
    expect(refuse(Buffer.concat([Buffer.from([9]), Buffer.alloc(9, 1), n]))).toBe(
      "RSA exponent of 9 octets, over 8",
    );
    expect(refuse(Buffer.concat([Buffer.from([e.length]), e, n.subarray(0, 32)]))).toBe(
      "RSA modulus of 256 bits, outside 512–4096",
    );
    expect(refuse(Buffer.concat([Buffer.from([e.length]), e, Buffer.alloc(513, 0xff)]))).toBe(
      "RSA modulus of 4104 bits, outside 512–4096",
    );
    expect(
      refuse(Buffer.concat([Buffer.from([e.length]), e, n.subarray(0, 96)]), schemeOf(10)),
    ).toBe("RSA modulus of 768 bits, outside 1024–4096");
  });
});

describe("ECDSA and EdDSA public keys (RFC 6605 §4, RFC 8080 §3)", () => {
  it("refuses keys of the wrong size and points off the curve", () => {
    const detail = (algorithm: number, key: Buffer) => {
      const decoded = decodePublicKey(schemeOf(algorithm), key);
      return decoded.ok ? "accepted" : decoded.detail;
    };
    expect(detail(13, Buffer.alloc(63))).toBe("P-256 key of 63 octets, not 64");
    expect(detail(14, Buffer.alloc(64))).toBe("P-384 key of 64 octets, not 96");
    expect(detail(15, Buffer.alloc(31))).toBe("Ed25519 key of 31 octets, not 32");
    expect(detail(16, Buffer.alloc(32))).toBe("Ed448 key of 32 octets, not 57");
    expect(detail(13, Buffer.alloc(64, 1))).toMatch(/^node:crypto refused the key: /);
  });

  it("verifies raw r||s ECDSA signatures and refuses DER-encoded ones", () => {
    const { publicKey, privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const jwk = publicKey.export({ format: "jwk" });
    const raw = Buffer.concat([
      Buffer.from(jwk.x ?? "", "base64url"),
      Buffer.from(jwk.y ?? "", "base64url"),
    ]);
    const decoded = decodePublicKey(schemeOf(13), raw);
    if (!decoded.ok) throw new Error(decoded.detail);
    const data = Buffer.from("signed data");
    const p1363 = sign("sha256", data, { key: privateKey, dsaEncoding: "ieee-p1363" });
    const der = sign("sha256", data, {
      key: createPrivateKey(privateKey.export({ format: "pem", type: "pkcs8" })),
      dsaEncoding: "der",
    });
    expect(verifySignature(schemeOf(13), decoded.key, data, p1363)).toBe(true);
    expect(verifySignature(schemeOf(13), decoded.key, data, der)).toBe(false);
  });
});

describe("algorithmInfo", () => {
  it("verifies 5, 7, 8, 10, 13, 14, 15 and 16, with 5 and 7 deprecated", () => {
    const table = [5, 7, 8, 10, 13, 14, 15, 16].map((n) => [
      n,
      algorithmInfo(n)?.mnemonic,
      algorithmInfo(n)?.deprecated,
    ]);
    expect(table).toEqual([
      [5, "RSASHA1", true],
      [7, "RSASHA1-NSEC3-SHA1", true],
      [8, "RSASHA256", false],
      [10, "RSASHA512", false],
      [13, "ECDSAP256SHA256", false],
      [14, "ECDSAP384SHA384", false],
      [15, "ED25519", false],
      [16, "ED448", false],
    ]);
  });

  it("leaves every other number unsupported (RSAMD5, DSA, GOST, private, unassigned)", () => {
    for (const n of [0, 1, 2, 3, 4, 6, 9, 11, 12, 17, 23, 252, 253, 254, 255])
      expect(algorithmInfo(n)).toBeUndefined();
  });
});

describe("the validity window (RFC 4034 §3.1.5, RFC 1982)", () => {
  const at = (iso: string) => new Date(iso);
  const seconds = (iso: string) => Date.parse(iso) / 1000;

  it("is inclusive at both ends", () => {
    const inception = seconds("2025-01-01T00:00:00Z");
    const expiration = seconds("2025-01-31T00:00:00Z");
    expect(checkValidity(inception, expiration, at("2025-01-01T00:00:00Z")).status).toBe("current");
    expect(checkValidity(inception, expiration, at("2025-01-31T00:00:00Z")).status).toBe("current");
    expect(checkValidity(inception, expiration, at("2025-01-31T00:00:01Z")).status).toBe("expired");
    expect(checkValidity(inception, expiration, at("2024-12-31T23:59:59Z")).status).toBe(
      "not-yet-valid",
    );
  });

  it("reads 32-bit times across the 2106 wrap as the moment nearest now", () => {
    const wrap = 2 ** 32;
    const now = new Date((wrap + 100) * 1000); // 2106-02-07T06:29:56Z
    const window = checkValidity(wrap - 3600, 3600, now);
    expect(window).toEqual({ status: "current", inception: wrap - 3600, expiration: wrap + 3600 });
    expect(absoluteTime(10, wrap + 100)).toBe(wrap + 10);
    expect(absoluteTime(wrap - 10, 100)).toBe(-10);
  });

  it("a window whose expiration precedes its inception never holds", () => {
    const now = at("2025-01-15T00:00:00Z");
    expect(
      checkValidity(seconds("2025-01-20T00:00:00Z"), seconds("2025-01-10T00:00:00Z"), now).status,
    ).not.toBe("current");
  });
});
