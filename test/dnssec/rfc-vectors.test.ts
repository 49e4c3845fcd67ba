// The published examples of the DNSSEC RFCs, transcribed field by field. Each signature check
// verifies the document's own signature over the document's own records, so a transcription slip
// fails the test instead of passing silently.

import { describe, expect, it } from "vitest";
import { algorithmInfo } from "../../src/observe/dns/dnssec/algorithms.js";
import { signedData } from "../../src/observe/dns/dnssec/canonical.js";
import { dsDigest } from "../../src/observe/dns/dnssec/ds.js";
import { keyTag } from "../../src/observe/dns/dnssec/key-tag.js";
import { decodePublicKey } from "../../src/observe/dns/dnssec/public-key.js";
import { parseRrsig } from "../../src/observe/dns/dnssec/rdata.js";
import { verifySignature } from "../../src/observe/dns/dnssec/verify.js";
import {
  aRdata,
  dnskeyRdata,
  mxRdata,
  record,
  rrsigRdata,
  rrsigTime,
  TYPE,
  wireName,
} from "./support/records.js";
import { checkOne } from "./support/verify.js";

const hex = (octets: Buffer | undefined) => octets?.toString("hex");

describe("RFC 4034 §5.4: the DS example for dskey.example.com", () => {
  const dnskey = dnskeyRdata(
    256,
    3,
    5,
    "AQOeiiR0GOMYkDshWoSKz9XzfwJr1AYtsmx3TGkJaNXVbfi/2pHm822aJ5iI9BMzNXxeYCmZDRD99WYwYqUSdjMmmAphXdvxegXd/M5+X7OrzKBaMbCVdFLUUh6DhweJBjEVv5f2wwjM9XzcnOf+EPbtG9DMBmADjFDc2w/rljwvFw==",
  );

  it("key id = 60485 (Appendix B key tag)", () => {
    expect(keyTag(dnskey)).toBe(60485);
  });

  it("DS 60485 5 1 2BB183AF5F22588179A53B0A98631FAD1A292118, owner name case-folded first", () => {
    expect(hex(dsDigest(wireName("dskey.example.com"), dnskey, 1))).toBe(
      "2bb183af5f22588179a53b0a98631fad1a292118",
    );
    expect(hex(dsDigest(wireName("DSKEY.Example.COM"), dnskey, 1))).toBe(
      "2bb183af5f22588179a53b0a98631fad1a292118",
    );
  });
});

describe("RFC 4034 §2.3 and §3.3: key tag of the example DNSKEY", () => {
  it("the §2.3 example.com key has the tag 2642 that the §3.3 RRSIG names", () => {
    const dnskey = dnskeyRdata(
      256,
      3,
      5,
      "AQPSKmynfzW4kyBv015MUG2DeIQ3Cbl+BBZH4b/0PY1kxkmvHjcZc8nokfzj31GajIQKY+5CptLr3buXA10hWqTkF7H6RfoRqXQeogmMHfpftf6zMv1LyBUgia7za6ZEzOJBOztyvhjL742iU/TpPSEDhm2SNKLijfUppn1UaNvv4w==",
    );
    expect(keyTag(dnskey)).toBe(2642);
  });
});

describe("RFC 5702 §6: RSA/SHA-2 examples", () => {
  const a = record("www.example.net", TYPE.A, 3600, aRdata("192.0.2.91"));
  const now = new Date("2010-01-01T00:00:00Z");
  const window = {
    expiration: rrsigTime("20300101000000"),
    inception: rrsigTime("20000101000000"),
  };

  it("§6.1 RSA/SHA-256: key tag 9033 and the A RRset signature verifies", () => {
    const key = dnskeyRdata(
      256,
      3,
      8,
      "AwEAAcFcGsaxxdgiuuGmCkVImy4h99CqT7jwY3pexPGcnUFtR2Fh36BponcwtkZ4cAgtvd4Qs8PkxUdp6p/DlUmObdk=",
    );
    expect(keyTag(key)).toBe(9033);
    const rrsig = rrsigRdata({
      typeCovered: TYPE.A,
      algorithm: 8,
      labels: 3,
      originalTtl: 3600,
      ...window,
      keyTag: 9033,
      signer: "example.net",
      signatureBase64:
        "kRCOH6u7l0QGy9qpC9l1sLncJcOKFLJ7GhiUOibu4teYp5VE9RncriShZNz85mwlMgNEacFYK/lPtPiVYP4bwg==",
    });
    const outcome = checkOne(
      "example.net",
      [record("example.net", TYPE.DNSKEY, 3600, key)],
      [a],
      record("www.example.net", TYPE.RRSIG, 3600, rrsig),
      now,
    );
    expect(outcome).toEqual({
      result: "valid",
      keyTag: 9033,
      algorithm: 8,
      inception: "2000-01-01T00:00:00.000Z",
      expiration: "2030-01-01T00:00:00.000Z",
      deprecatedAlgorithm: false,
    });
  });

  it("§6.2 RSA/SHA-512: key tag 3740 and the A RRset signature verifies", () => {
    const key = dnskeyRdata(
      256,
      3,
      10,
      "AwEAAdHoNTOW+et86KuJOWRDp1pndvwb6Y83nSVXXyLA3DLroROUkN6X0O6pnWnjJQujX/AyhqFDxj13tOnD9u/1kTg7cV6rklMrZDtJCQ5PCl/D7QNPsgVsMu1J2Q8gpMpztNFLpPBz1bWXjDtaR7ZQBlZ3PFY12ZTSncorffcGmhOL",
    );
    expect(keyTag(key)).toBe(3740);
    const rrsig = rrsigRdata({
      typeCovered: TYPE.A,
      algorithm: 10,
      labels: 3,
      originalTtl: 3600,
      ...window,
      keyTag: 3740,
      signer: "example.net",
      signatureBase64:
        "tsb4wnjRUDnB1BUi+t6TMTXThjVnG+eCkWqjvvjhzQL1d0YRoOe0CbxrVDYd0xDtsuJRaeUw1ep94PzEWzr0iGYgZBWm/zpq+9fOuagYJRfDqfReKBzMweOLDiNa8iP5g9vMhpuv6OPlvpXwm9Sa9ZXIbNl1MBGk0fthPgxdDLw=",
    });
    const outcome = checkOne(
      "example.net",
      [record("example.net", TYPE.DNSKEY, 3600, key)],
      [a],
      record("www.example.net", TYPE.RRSIG, 3600, rrsig),
      now,
    );
    expect(outcome.result).toBe("valid");
  });
});

describe("RFC 6605 §6: ECDSA examples", () => {
  const a = record("www.example.net", TYPE.A, 3600, aRdata("192.0.2.1"));
  const now = new Date("2010-08-20T00:00:00Z");

  it("§6.1 P-256: key tag 55648, DS SHA-256 digest, and the A RRset signature verifies", () => {
    const key = dnskeyRdata(
      257,
      3,
      13,
      "GojIhhXUN/u4v54ZQqGSnyhWJwaubCvTmeexv7bR6edbkrSqQpF64cYbcB7wNcP+e+MAnLr+Wi9xMWyQLc8NAA==",
    );
    expect(keyTag(key)).toBe(55648);
    expect(hex(dsDigest(wireName("example.net"), key, 2))).toBe(
      "b4c8c1fe2e7477127b27115656ad6256f424625bf5c1e2770ce6d6e37df61d17",
    );
    const rrsig = rrsigRdata({
      typeCovered: TYPE.A,
      algorithm: 13,
      labels: 3,
      originalTtl: 3600,
      expiration: rrsigTime("20100909100439"),
      inception: rrsigTime("20100812100439"),
      keyTag: 55648,
      signer: "example.net",
      signatureBase64:
        "qx6wLYqmh+l9oCKTN6qIc+bw6ya+KJ8oMz0YP107epXAyGmt+3SNruPFKG7tZoLBLlUzGGus7ZwmwWep666VCw==",
    });
    const keys = [record("example.net", TYPE.DNSKEY, 3600, key)];
    const signature = record("www.example.net", TYPE.RRSIG, 3600, rrsig);
    expect(checkOne("example.net", keys, [a], signature, now)).toMatchObject({
      result: "valid",
      keyTag: 55648,
      expiration: "2010-09-09T10:04:39.000Z",
    });
    // The same RRSIG at another owner, or over another address, no longer holds.
    expect(
      checkOne(
        "example.net",
        keys,
        [a],
        { ...signature, owner: wireName("mail.example.net") },
        now,
      ),
    ).toEqual({
      result: "malformed",
      detail: "the RRSIG's owner or class is not the RRset's",
    });
    const other = record("www.example.net", TYPE.A, 3600, aRdata("192.0.2.2"));
    expect(checkOne("example.net", keys, [other], signature, now).result).toBe("bad-signature");
  });

  it("§6.2 P-384: key tag 10771, DS SHA-384 digest, and the A RRset signature verifies", () => {
    const key = dnskeyRdata(
      257,
      3,
      14,
      "xKYaNhWdGOfJ+nPrL8/arkwf2EY3MDJ+SErKivBVSum1w/egsXvSADtNJhyem5RCOpgQ6K8X1DRSEkrbYQ+OB+v8/uX45NBwY8rp65F6Glur8I/mlVNgF6W/qTI37m40",
    );
    expect(keyTag(key)).toBe(10771);
    expect(hex(dsDigest(wireName("example.net"), key, 4))).toBe(
      "72d7b62976ce06438e9c0bf319013cf801f09ecc84b8d7e9495f27e305c6a9b0563a9b5f4d288405c3008a946df983d6",
    );
    const rrsig = rrsigRdata({
      typeCovered: TYPE.A,
      algorithm: 14,
      labels: 3,
      originalTtl: 3600,
      expiration: rrsigTime("20100909102025"),
      inception: rrsigTime("20100812102025"),
      keyTag: 10771,
      signer: "example.net",
      signatureBase64:
        "/L5hDKIvGDyI1fcARX3z65qrmPsVz73QD1Mr5CEqOiLP95hxQouuroGCeZOvzFaxsT8Glr74hbavRKayJNuydCuzWTSSPdz7wnqXL5bdcJzusdnI0RSMROxxwGipWcJm",
    });
    const outcome = checkOne(
      "example.net",
      [record("example.net", TYPE.DNSKEY, 3600, key)],
      [a],
      record("www.example.net", TYPE.RRSIG, 3600, rrsig),
      now,
    );
    expect(outcome.result).toBe("valid");
  });
});

// RFC 8080 §6 as corrected by Errata ID 4935: the published RRSIGs lack the algorithm field and
// carry Labels 3 for the two-label example.com; the erratum's signatures use Labels 2.
describe("RFC 8080 §6 (with Errata ID 4935): EdDSA examples", () => {
  const mx = record("example.com", TYPE.MX, 3600, mxRdata(10, "mail.example.com"));
  const now = new Date("2015-08-15T00:00:00Z");
  const examples = [
    {
      section: "§6.1 Ed25519",
      algorithm: 15,
      key: "l02Woi0iS8Aa25FQkUd9RMzZHJpBoRQwAQEX1SxZJA4=",
      tag: 3613,
      ds: "3aa5ab37efce57f737fc1627013fee07bdf241bd10f3b1964ab55c78e79a304b",
      corrected:
        "oL9krJun7xfBOIWcGHi7mag5/hdZrKWw15jPGrHpjQeRAvTdszaPD+QLs3fx8A4M3e23mRZ9VrbpMngwcrqNAg==",
      published:
        "Edk+IB9KNNWg0HAjm7FazXyrd5m3Rk8zNZbvNpAcM+eysqcUOMIjWoevFkjH5GaMWeG96GUVZu6ECKOQmemHDg==",
    },
    {
      section: "§6.1 Ed25519 (second key)",
      algorithm: 15,
      key: "zPnZ/QwEe7S8C5SPz2OfS5RR40ATk2/rYnE9xHIEijs=",
      tag: 35217,
      ds: "401781b934e392de492ec77ae2e15d70f6575a1c0bc59c5275c04ebe80c6614c",
      corrected:
        "zXQ0bkYgQTEFyfLyi9QoiY6D8ZdYo4wyUhVioYZXFdT410QPRITQSqJSnzQoSm5poJ7gD7AQR0O7KuI5k2pcBg==",
      published:
        "5LL2obmzdqjWI+Xto5eP5adXt/T5tMhasWvwcyW4L3SzfcRawOle9bodhC+oip9ayUGjY9T/rL4rN3bOuESGDA==",
    },
    {
      section: "§6.2 Ed448",
      algorithm: 16,
      key: "3kgROaDjrh0H2iuixWBrc8g2EpBBLCdGzHmn+G2MpTPhpj/OiBVHHSfPodx1FYYUcJKm1MDpJtIA",
      tag: 9713,
      ds: "6ccf18d5bc5d7fc2fceb1d59d17321402f2aa8d368048db93dd811f5cb2b19c7",
      corrected:
        "3cPAHkmlnxcDHMyg7vFC34l0blBhuG1qpwLmjInI8w1CMB29FkEAIJUA0amxWndkmnBZ6SKiwZSAxGILn/NBtOXft0+Gj7FSvOKxE/07+4RQvE581N3Aj/JtIyaiYVdnYtyMWbSNyGEY2213WKsJlwEA",
      published:
        "Nmc0rgGKpr3GKYXcB1JmqqS4NYwhmechvJTqVzt3jR+Qy/lSLFoIk1L+9e39GPL+5tVzDPN3f9kAwiu8KCuPPjtl227ayaCZtRKZuJax7n9NuYlZJIusX0SOIOKBGzG+yWYtz1/jjbzl5GGkWvREUCUA",
    },
    {
      section: "§6.2 Ed448 (second key)",
      algorithm: 16,
      key: "kkreGWoccSDmUBGAe7+zsbG6ZAFQp+syPmYUurBRQc3tDjeMCJcVMRDmgcNLp5HlHAMy12VoISsA",
      tag: 38353,
      ds: "645ff078b3568f5852b70cb60e8e696cc77b75bfaaffc118cf79cbda1ba28af4",
      corrected:
        "E1/oLjSGIbmLny/4fcgM1z4oL6aqo+izT3urCyHyvEp4Sp8Syg1eI+lJ57CSnZqjJP41O/9l4m0AsQ4f7qI1gVnML8vWWiyW2KXhT9kuAICUSxv5OWbf81Rq7Yu60npabODB0QFPb/rkW3kUZmQ0YQUA",
      published:
        "+JjANio/LIzp7osmMYE5XD3H/YES8kXs5Vb9H8MjPS8OAGZMD37+LsCIcjg5ivt0d4Om/UaqETEAsJjaYe56CEQP5lhRWuD2ivBqE0zfwJTyp4WqvpULbpvaukswvv/WNEFxzEYQEIm9+xDlXj4pMAMA",
    },
  ];

  for (const example of examples) {
    const key = dnskeyRdata(257, 3, example.algorithm, example.key);
    const keys = [record("example.com", TYPE.DNSKEY, 3600, key)];
    const sig = (labels: number, signatureBase64: string) =>
      rrsigRdata({
        typeCovered: TYPE.MX,
        algorithm: example.algorithm,
        labels,
        originalTtl: 3600,
        expiration: 1440021600,
        inception: 1438207200,
        keyTag: example.tag,
        signer: "example.com",
        signatureBase64,
      });

    it(`${example.section}: key tag ${example.tag}, DS SHA-256 digest, corrected RRSIG verifies`, () => {
      expect(keyTag(key)).toBe(example.tag);
      expect(hex(dsDigest(wireName("example.com"), key, 2))).toBe(example.ds);
      const rrsig = record("example.com", TYPE.RRSIG, 3600, sig(2, example.corrected));
      expect(checkOne("example.com", keys, [mx], rrsig, now).result).toBe("valid");
    });

    it(`${example.section}: the RRSIG as published (Labels 3 on a 2-label owner) is refused`, () => {
      const published = sig(3, example.published);
      const rrsig = record("example.com", TYPE.RRSIG, 3600, published);
      expect(checkOne("example.com", keys, [mx], rrsig, now)).toEqual({
        result: "malformed",
        detail: "RRSIG Labels 3 exceeds the 2 labels of the owner",
      });
      // The erratum's diagnosis: the published signature is over the RRSIG fields with Labels 3
      // and the MX RRset, which is what is built here by hand.
      const parsed = parseRrsig(published);
      if (!parsed.ok) throw new Error(parsed.detail);
      const asIfTwo = signedData({ ...parsed.value, labels: 2 }, [mx]);
      if (!asIfTwo.ok) throw new Error(asIfTwo.detail);
      asIfTwo.value.writeUInt8(3, 3);
      const info = algorithmInfo(example.algorithm);
      if (info === undefined) throw new Error("EdDSA unsupported");
      const decoded = decodePublicKey(info.scheme, key.subarray(4));
      if (!decoded.ok) throw new Error(decoded.detail);
      expect(verifySignature(info.scheme, decoded.key, asIfTwo.value, parsed.value.signature)).toBe(
        true,
      );
    });
  }
});
