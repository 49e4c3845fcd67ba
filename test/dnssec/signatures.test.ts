// RRSIG verification at one RRSIG (RFC 4035 §5.3): which served key an RRSIG names, the RRSIG's own
// fields, the signature octets; the DNSKEY public key field (RFC 3110, RFC 6605, RFC 8080), the
// key tag and the validity window at their bounds.

import { generateKeyPairSync, sign } from "node:crypto";
import { describe, expect, it } from "vitest";
import { algorithmInfo, type SignatureScheme } from "../../src/observe/dns/dnssec/algorithms.js";
import { validateDelegation } from "../../src/observe/dns/dnssec/delegation.js";
import { keyTag } from "../../src/observe/dns/dnssec/key-tag.js";
import { MAX_KEYS_PER_SIGNATURE } from "../../src/observe/dns/dnssec/limits.js";
import { decodePublicKey } from "../../src/observe/dns/dnssec/public-key.js";
import type { WireRecord } from "../../src/observe/dns/dnssec/records.js";
import { absoluteTime, checkValidity } from "../../src/observe/dns/dnssec/validity.js";
import { verifySignature } from "../../src/observe/dns/dnssec/verify.js";
import { keyWithTag, random, ZONE } from "./support/hostile.js";
import { dnskeyRdata, record, TYPE } from "./support/records.js";
import { ds, NOW, signedApex, signRrset, WINDOW } from "./support/signer.js";
import { checkOne } from "./support/verify.js";

function schemeOf(algorithm: number): SignatureScheme {
  const info = algorithmInfo(algorithm);
  if (info === undefined) throw new Error(`algorithm ${algorithm} unsupported`);
  return info.scheme;
}

/** The apex SOA RRset signed by the ZSK, with RRSIG fields set otherwise where given. */
function soaSignedBy(fields: Parameters<typeof signRrset>[4] = {}) {
  const apex = signedApex(ZONE);
  const signature = signRrset(ZONE, apex.soa.records, apex.zsk, WINDOW, fields);
  return { apex, soa: apex.soa.records, signature };
}

/** A DNSKEY record whose RDATA is `rdata`. */
const dnskey = (rdata: Buffer): WireRecord => record(ZONE, TYPE.DNSKEY, 3600, rdata);

describe("the key an RRSIG names (RFC 4035 §5.3.1: key tag and algorithm match a zone key)", () => {
  it("a key tag that names no served key: no matching key, though a served key made the signature", () => {
    const { apex, soa, signature } = soaSignedBy();
    const tag = (apex.zsk.tag + 1) & 0xffff;
    const renamed = signRrset(ZONE, soa, apex.zsk, WINDOW, { keyTag: tag });
    const keys = apex.dnskey.records;
    expect(checkOne(ZONE, keys, soa, signature, NOW).result).toBe("valid");
    // No `detail`: no key with the tag was passed over.
    expect(checkOne(ZONE, keys, soa, renamed, NOW)).toStrictEqual({
      result: "no-matching-key",
      keyTag: tag,
      algorithm: 15,
    });
  });

  it("a key with the tag but another algorithm is not a candidate", () => {
    const { apex, soa } = soaSignedBy();
    // The ZSK's tag, but the RRSIG says ECDSA P-256: the Ed25519 ZSK may not have made it.
    const signature = signRrset(ZONE, soa, apex.zsk, WINDOW, { algorithm: 13 });
    expect(checkOne(ZONE, apex.dnskey.records, soa, signature, NOW)).toStrictEqual({
      result: "no-matching-key",
      keyTag: apex.zsk.tag,
      algorithm: 13,
    });
  });

  it("a malformed DNSKEY sharing the tag is skipped; the genuine key still validates", () => {
    const { apex, soa, signature } = soaSignedBy();
    // Two octets are too short for a DNSKEY; their key tag is the 16-bit word they hold.
    const stub = Buffer.alloc(2);
    stub.writeUInt16BE(apex.zsk.tag);
    expect(keyTag(stub)).toBe(apex.zsk.tag);
    const keys = [dnskey(stub), ...apex.dnskey.records];
    expect(checkOne(ZONE, keys, soa, signature, NOW)).toMatchObject({
      result: "valid",
      keyTag: apex.zsk.tag,
    });
  });

  it("a key with the tag that cannot be used is passed over, and the reason is given", () => {
    const apex = signedApex(ZONE);
    const soa = apex.soa.records;
    // The ZSK published with protocol 2 (RFC 4034 §2.1.2: MUST be treated as invalid).
    const rdata = Buffer.from(apex.zsk.record.rdata);
    rdata.writeUInt8(2, 2);
    const tag = keyTag(rdata);
    const signature = signRrset(ZONE, soa, apex.zsk, WINDOW, { keyTag: tag });
    expect(checkOne(ZONE, [apex.ksk.record, dnskey(rdata)], soa, signature, NOW)).toStrictEqual({
      result: "no-matching-key",
      keyTag: tag,
      algorithm: 15,
      detail: "protocol 2, not 3",
    });
    // An Ed25519 key field one octet short cannot be decoded.
    const short = dnskeyRdata(256, 3, 15, Buffer.alloc(31, 7).toString("base64"));
    const shortTag = keyTag(short);
    const byShort = signRrset(ZONE, soa, apex.zsk, WINDOW, { keyTag: shortTag });
    expect(checkOne(ZONE, [dnskey(short)], soa, byShort, NOW)).toStrictEqual({
      result: "no-matching-key",
      keyTag: shortTag,
      algorithm: 15,
      detail: "Ed25519 key of 31 octets, not 32",
    });
  });

  it(`of keys sharing the tag and algorithm, the first ${MAX_KEYS_PER_SIGNATURE} are tried and no more`, () => {
    const { apex, soa, signature } = soaSignedBy();
    const next = random(18);
    const twins = (count: number) =>
      Array.from({ length: count }, () => keyWithTag(apex.zsk.tag, next));
    // The genuine key last among the keys tried: valid.
    const atLimit = [...twins(MAX_KEYS_PER_SIGNATURE - 1), apex.zsk.record];
    expect(checkOne(ZONE, atLimit, soa, signature, NOW)).toMatchObject({ result: "valid" });
    // One key past the bound: the genuine key is never tried (KeyTrap, CVE-2023-50387).
    const pastLimit = [...twins(MAX_KEYS_PER_SIGNATURE), apex.zsk.record];
    expect(checkOne(ZONE, pastLimit, soa, signature, NOW)).toStrictEqual({
      result: "bad-signature",
      keyTag: apex.zsk.tag,
      algorithm: 15,
    });
  });
});

describe("the RRSIG's own fields (RFC 4035 §5.3.1)", () => {
  it("an RRSIG of another class than its RRset is malformed", () => {
    const { apex, soa, signature } = soaSignedBy();
    const chaos = { ...signature, class: 3 };
    expect(checkOne(ZONE, apex.dnskey.records, soa, chaos, NOW)).toStrictEqual({
      result: "malformed",
      detail: "the RRSIG's owner or class is not the RRset's",
    });
  });

  it("RRSIG RDATA that cannot be read is malformed, with the reason", () => {
    const { apex, soa, signature } = soaSignedBy();
    // The fixed fields and the signer's name, the signature cut off.
    const signer = Buffer.from("076578616d706c65036f726700", "hex");
    const cut = {
      ...signature,
      rdata: Buffer.from(signature.rdata).subarray(0, 18 + signer.length),
    };
    expect(checkOne(ZONE, apex.dnskey.records, soa, cut, NOW)).toStrictEqual({
      result: "malformed",
      detail: "RRSIG without a signature",
    });
  });

  it("a Signer's Name other than the zone is malformed, even over a genuine signature", () => {
    const apex = signedApex(ZONE);
    const soa = apex.soa.records;
    // The ZSK signed it, but names the parent as the signer.
    const signature = signRrset("org", soa, apex.zsk);
    expect(checkOne(ZONE, apex.dnskey.records, soa, signature, NOW)).toStrictEqual({
      result: "malformed",
      detail: "signer org is not the zone example.org",
    });
  });

  it("RRSIGs served without their RRset: the RRset is missing, and nothing throws", () => {
    const apex = signedApex(ZONE);
    const result = validateDelegation({
      zone: ZONE,
      ds: [ds(ZONE, apex.ksk)],
      ...apex,
      soa: { records: [], signatures: apex.soa.signatures },
      now: NOW,
    });
    expect(result.soa).toEqual({ status: "missing" });
    expect(result.verdict).toEqual({ status: "bogus", reasons: ["soa-missing"] });
  });
});

describe("signature octets (RFC 8080 §3)", () => {
  it("an Ed25519 signature one octet short or long does not verify", () => {
    const { publicKey, privateKey } = generateKeyPairSync("ed25519");
    const data = Buffer.from("signed data");
    const signature = sign(null, data, privateKey);
    const scheme = schemeOf(15);
    expect(verifySignature(scheme, publicKey, data, signature)).toBe(true);
    expect(verifySignature(scheme, publicKey, data, signature.subarray(1))).toBe(false);
    const longer = Buffer.concat([signature, Buffer.alloc(1)]);
    expect(verifySignature(scheme, publicKey, data, longer)).toBe(false);
  });

  it("a key of another kind than the scheme does not verify, and does not throw", () => {
    const { publicKey } = generateKeyPairSync("ed25519");
    // node:crypto throws here (an Ed25519 key takes no digest); verification says false.
    expect(verifySignature(schemeOf(13), publicKey, Buffer.from("data"), Buffer.alloc(64))).toBe(
      false,
    );
  });
});

describe("RSA public key field bounds (RFC 3110 §2)", () => {
  const RSASHA256 = () => schemeOf(8);
  const decoded = (key: Buffer) => {
    const result = decodePublicKey(RSASHA256(), key);
    return result.ok ? { bits: result.bits } : result.detail;
  };
  /** A modulus of `bits` bits, every bit set. */
  const modulus = (bits: number) => {
    const octets = Buffer.alloc(Math.ceil(bits / 8), 0xff);
    octets.writeUInt8(0xff >> ((8 - (bits % 8)) % 8), 0);
    return octets;
  };
  const withExponent = (exponent: Buffer, n: Buffer) =>
    Buffer.concat([Buffer.from([exponent.length]), exponent, n]);
  const F4 = Buffer.from([1, 0, 1]);

  it("leading zero octets of the exponent and the modulus are read past, as resolvers do", () => {
    const { publicKey } = generateKeyPairSync("rsa", { modulusLength: 1024 });
    const jwk = publicKey.export({ format: "jwk" });
    const n = Buffer.from(jwk.n ?? "", "base64url");
    const padded = withExponent(Buffer.from([0, 0, 1, 0, 1]), Buffer.concat([Buffer.alloc(2), n]));
    const result = decodePublicKey(RSASHA256(), padded);
    if (!result.ok) throw new Error(result.detail);
    expect(result.bits).toBe(1024);
    expect(result.key.export({ format: "jwk" })).toEqual(jwk);
    // Nine octets of which the first is zero: an exponent of 8 octets, within the bound.
    const exponent = Buffer.from("000100000000000001", "hex");
    expect(decoded(withExponent(exponent, n))).toEqual({ bits: 1024 });
  });

  it("an exponent of 8 octets is accepted, of 9 refused", () => {
    const n = modulus(1024);
    expect(decoded(withExponent(Buffer.from("0100000000000001", "hex"), n))).toEqual({
      bits: 1024,
    });
    expect(decoded(withExponent(Buffer.from("010000000000000001", "hex"), n))).toBe(
      "RSA exponent of 9 octets, over 8",
    );
  });

  it("moduli of 512 and 4096 bits are accepted, of 511 and 4097 refused", () => {
    expect(decoded(withExponent(F4, modulus(512)))).toEqual({ bits: 512 });
    expect(decoded(withExponent(F4, modulus(4096)))).toEqual({ bits: 4096 });
    expect(decoded(withExponent(F4, modulus(511)))).toBe(
      "RSA modulus of 511 bits, outside 512–4096",
    );
    expect(decoded(withExponent(F4, modulus(4097)))).toBe(
      "RSA modulus of 4097 bits, outside 512–4096",
    );
  });

  it("a modulus of zero octets only is of 0 bits, and refused", () => {
    expect(decoded(withExponent(F4, Buffer.alloc(4)))).toBe(
      "RSA modulus of 0 bits, outside 512–4096",
    );
  });

  it("a key field too short for its exponent length and a modulus is refused", () => {
    // One octet: an exponent length, no exponent.
    expect(decoded(Buffer.from([3]))).toBe("RSA key truncated: no room for the modulus");
    // Three octets: the long form's length, no exponent.
    expect(decoded(Buffer.from([0, 0, 1]))).toBe("RSA key truncated: no room for the modulus");
    // The exponent ends the field.
    expect(decoded(Buffer.from([1, 3]))).toBe("RSA key truncated: no room for the modulus");
    expect(decoded(Buffer.from([0, 0, 2, 1, 0]))).toBe(
      "RSA key truncated: no room for the modulus",
    );
  });
});

describe("ECDSA and EdDSA key sizes (RFC 6605 §4, RFC 8080 §3)", () => {
  it("reports the curve's size in bits", () => {
    const raw = (type: "ec" | "ed25519" | "ed448", curve?: string): Buffer => {
      const { publicKey } =
        type === "ec"
          ? generateKeyPairSync("ec", { namedCurve: curve ?? "" })
          : type === "ed25519"
            ? generateKeyPairSync("ed25519")
            : generateKeyPairSync("ed448");
      const jwk = publicKey.export({ format: "jwk" });
      const parts = [jwk.x, jwk.y].flatMap((part) => (part === undefined ? [] : [part]));
      return Buffer.concat(parts.map((part) => Buffer.from(part, "base64url")));
    };
    const bits = (algorithm: number, key: Buffer) => {
      const result = decodePublicKey(schemeOf(algorithm), key);
      return result.ok ? result.bits : result.detail;
    };
    expect(bits(13, raw("ec", "P-256"))).toBe(256);
    expect(bits(14, raw("ec", "P-384"))).toBe(384);
    expect(bits(15, raw("ed25519"))).toBe(256);
    expect(bits(16, raw("ed448"))).toBe(456);
  });
});

describe("key tag of algorithm 1 (RFC 4034 Appendix B.1)", () => {
  it("takes the last 24 bits' top 16 from 7 octets of RDATA on; shorter RDATA takes the general sum", () => {
    // Flags, protocol, algorithm 1, then three octets of key: the modulus's last 24 bits.
    expect(keyTag(Buffer.from("01000301abcd12", "hex"))).toBe(0xabcd);
    // Six octets: 0x0100 + 0x0301 + 0xabcd.
    expect(keyTag(Buffer.from("01000301abcd", "hex"))).toBe(0xafce);
  });
});

describe("the validity window's serial arithmetic at 2^31 (RFC 1982 §3.2)", () => {
  it("reads a time up to 2^31 - 1 seconds ahead as future; exactly 2^31 away, on the side asked", () => {
    const now = NOW.getTime() / 1000;
    const half = 2 ** 31;
    expect(absoluteTime((now + half - 1) % 2 ** 32, now)).toBe(now + half - 1);
    expect(absoluteTime((now - half + 1) % 2 ** 32, now, "future")).toBe(now - half + 1);
    // RFC 1982 leaves this comparison undefined: past unless asked otherwise.
    expect(absoluteTime((now + half) % 2 ** 32, now)).toBe(now - half);
    expect(absoluteTime((now + half) % 2 ** 32, now, "past")).toBe(now - half);
    expect(absoluteTime((now + half) % 2 ** 32, now, "future")).toBe(now + half);
  });

  it("fails closed where the comparison is undefined: such an expiration has passed, such an inception is not reached", () => {
    const now = NOW.getTime() / 1000;
    const half = 2 ** 31;
    const inception = now - 86_400;
    const expiration = now + 86_400;
    expect(checkValidity(inception, (now + half - 1) % 2 ** 32, NOW).status).toBe("current");
    expect(checkValidity(inception, (now + half) % 2 ** 32, NOW).status).toBe("expired");
    expect(checkValidity((now - half + 1) % 2 ** 32, expiration, NOW).status).toBe("current");
    expect(checkValidity((now + half) % 2 ** 32, expiration, NOW).status).toBe("not-yet-valid");
  });
});
