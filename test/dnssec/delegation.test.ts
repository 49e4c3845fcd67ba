// validateDelegation's decisions, on apexes signed in the test (Ed25519): what counts as secure,
// insecure and bogus, and which warnings come with each.

import { describe, expect, it } from "vitest";
import { validateDelegation } from "../../src/observe/dns/dnssec/delegation.js";
import type { DsInput } from "../../src/observe/dns/dnssec/rdata.js";
import { dnskeyRdata, record, TYPE } from "./support/records.js";
import { ds, KSK_FLAGS, makeKey, NOW, signedApex, signRrset, WINDOW } from "./support/signer.js";

const ZONE = "example.org";

function validate(apex = signedApex(ZONE), dsRecords: readonly DsInput[] = [ds(ZONE, apex.ksk)]) {
  return validateDelegation({
    zone: ZONE,
    ds: dsRecords,
    dnskey: apex.dnskey,
    soa: apex.soa,
    ns: apex.ns,
    now: NOW,
  });
}

describe("validateDelegation", () => {
  it("secure: the DS matches the KSK, which signs the DNSKEY RRset; the ZSK signs SOA and NS", () => {
    const apex = signedApex(ZONE);
    const result = validate(apex);
    expect(result).toMatchObject({
      zone: ZONE,
      verdict: { status: "secure" },
      ds: {
        status: "matched",
        keyTags: [apex.ksk.tag],
        records: [{ status: "matched", keyHasSepFlag: true }],
      },
      dnskey: { status: "anchored", signedBy: [apex.ksk.tag] },
      soa: { status: "valid", signedBy: [apex.zsk.tag] },
      ns: { status: "valid", signedBy: [apex.zsk.tag] },
      warnings: [],
    });
    expect(result.earliestExpiration).toEqual({
      rrset: "DNSKEY",
      at: new Date(WINDOW.expiration * 1000).toISOString(),
    });
  });

  it("the zone name is matched case-insensitively and reported lower-case without the dot", () => {
    const apex = signedApex(ZONE);
    const result = validateDelegation({
      zone: "Example.ORG.",
      ds: [ds(ZONE, apex.ksk)],
      ...apex,
      now: NOW,
    });
    expect(result.zone).toBe(ZONE);
    expect(result.verdict.status).toBe("secure");
  });

  it("insecure without DS; a signed zone is still reported (signed without DS)", () => {
    const result = validate(signedApex(ZONE), []);
    expect(result.verdict).toEqual({ status: "insecure", reason: "no-ds" });
    expect(result.ds).toEqual({ status: "absent" });
    expect(result.dnskey.status).toBe("self-signed");
    expect(result.soa.status).toBe("valid");
  });

  it("insecure when no DS has a supported digest type and algorithm (RFC 4035 §5.2)", () => {
    const apex = signedApex(ZONE);
    const gost = { ...ds(ZONE, apex.ksk), digestType: 3, digest: "00".repeat(32) };
    const unknownAlgorithm = { ...ds(ZONE, apex.ksk), algorithm: 253 };
    const result = validate(apex, [gost, unknownAlgorithm]);
    expect(result.verdict).toEqual({ status: "insecure", reason: "no-supported-ds" });
    expect(result.ds).toMatchObject({
      status: "unsupported",
      records: [{ status: "unsupported-digest-type" }, { status: "unsupported-algorithm" }],
    });
  });

  it("bogus when the DS points at keys the zone no longer serves (host changed, DS stayed)", () => {
    const oldApex = signedApex(ZONE);
    const result = validate(signedApex(ZONE), [ds(ZONE, oldApex.ksk)]);
    expect(result.verdict).toEqual({
      status: "bogus",
      reasons: ["ds-matches-no-key", "dnskey-not-signed-by-ds-key"],
    });
    expect(result.ds).toMatchObject({
      status: "no-match",
      records: [{ keyTag: oldApex.ksk.tag, status: "no-matching-key" }],
    });
  });

  it("bogus when the zone is served unsigned while a DS exists", () => {
    const apex = signedApex(ZONE);
    const result = validateDelegation({
      zone: ZONE,
      ds: [ds(ZONE, apex.ksk)],
      dnskey: { records: [], signatures: [] },
      soa: { records: apex.soa.records, signatures: [] },
      ns: { records: apex.ns.records, signatures: [] },
      now: NOW,
    });
    expect(result.verdict).toEqual({
      status: "bogus",
      reasons: [
        "ds-matches-no-key",
        "dnskey-missing",
        "soa-not-validly-signed",
        "ns-not-validly-signed",
      ],
    });
    expect(result.soa).toEqual({ status: "bogus", reason: "unsigned", signatures: [] });
  });

  it("a digest that differs from the served key with the same tag is a digest mismatch", () => {
    const apex = signedApex(ZONE);
    const wrong = { ...ds(ZONE, apex.ksk), digest: "ab".repeat(32) };
    expect(validate(apex, [wrong]).ds).toMatchObject({
      status: "no-match",
      records: [{ status: "digest-mismatch" }],
    });
  });

  it("malformed digests are reported and fail the chain", () => {
    const apex = signedApex(ZONE);
    const short = { ...ds(ZONE, apex.ksk), digest: "abcd" };
    const notHex = { ...ds(ZONE, apex.ksk), digest: "zz".repeat(32) };
    expect(validate(apex, [short, notHex]).ds).toMatchObject({
      status: "no-match",
      records: [
        { status: "malformed", detail: "digest of 4 hex digits, not 64" },
        { status: "malformed", detail: "digest is not hexadecimal" },
      ],
    });
  });

  it("RFC 4509 §3: a SHA-1 DS is ignored beside a SHA-256 DS", () => {
    const apex = signedApex(ZONE);
    const stale256 = { ...ds(ZONE, apex.ksk), digest: "ab".repeat(32) };
    const result = validate(apex, [ds(ZONE, apex.ksk, 1), stale256]);
    expect(result.ds).toMatchObject({
      status: "no-match",
      records: [{ status: "ignored-sha1" }, { status: "digest-mismatch" }],
    });
    expect(result.verdict.status).toBe("bogus");
  });

  it("a stale DS beside the matching one keeps the chain and is warned about", () => {
    const apex = signedApex(ZONE);
    const stale = ds(ZONE, signedApex(ZONE).ksk);
    const result = validate(apex, [stale, ds(ZONE, apex.ksk)]);
    expect(result.verdict).toEqual({ status: "secure" });
    expect(result.warnings).toEqual([
      { code: "unmatched-ds", keyTag: stale.keyTag, algorithm: 15, digestType: 2 },
    ]);
  });

  it("a DS matching a key without the Zone Key flag, or revoked, does not anchor the chain", () => {
    for (const [flags, detail] of [
      [1, "the Zone Key flag is clear"],
      [KSK_FLAGS | 0x80, "the key is revoked (REVOKE flag set)"],
    ] as const) {
      const key = makeKey(ZONE, flags);
      const apex = signedApex(ZONE);
      const keys = [...apex.dnskey.records, key.record];
      const dnskey = {
        records: keys,
        signatures: [signRrset(ZONE, keys, apex.ksk), signRrset(ZONE, keys, key)],
      };
      const result = validate({ ...apex, dnskey }, [ds(ZONE, key)]);
      expect(result.ds).toMatchObject({
        status: "no-match",
        records: [{ status: "key-unusable", detail }],
      });
      expect(result.dnskey).toMatchObject({ status: "self-signed", signedBy: [apex.ksk.tag] });
    }
  });

  it("a DS matching a key without the SEP flag is valid, with a warning", () => {
    const apex = signedApex(ZONE);
    const result = validate(apex, [ds(ZONE, apex.zsk)]);
    expect(result.verdict.status).toBe("bogus");
    const zskSigned = signRrset(ZONE, apex.dnskey.records, apex.zsk);
    const both = validate({ ...apex, dnskey: { ...apex.dnskey, signatures: [zskSigned] } }, [
      ds(ZONE, apex.zsk),
    ]);
    expect(both.verdict).toEqual({ status: "secure" });
    expect(both.warnings).toEqual([{ code: "ds-key-without-sep-flag", keyTag: apex.zsk.tag }]);
  });

  it("RRSIGs with an algorithm it cannot verify are reported unsupported, never valid", () => {
    const apex = signedApex(ZONE);
    const [signature] = apex.soa.signatures;
    if (signature === undefined) throw new Error("unsigned");
    const rdata = Buffer.from(signature.rdata);
    rdata.writeUInt8(12, 2); // GOST R 34.10-2001
    const result = validate({
      ...apex,
      soa: { ...apex.soa, signatures: [{ ...signature, rdata }] },
    });
    expect(result.soa).toMatchObject({
      status: "bogus",
      signatures: [{ result: "unsupported-algorithm", algorithm: 12 }],
    });
  });

  it("keys it cannot use are listed with the reason", () => {
    const apex = signedApex(ZONE);
    const odd = [
      record(ZONE, TYPE.DNSKEY, 3600, dnskeyRdata(256, 3, 12, "AAAA")),
      record(ZONE, TYPE.DNSKEY, 3600, dnskeyRdata(256, 2, 15, "AAAA")),
      record(ZONE, TYPE.DNSKEY, 3600, Buffer.from([1, 0, 3])),
    ];
    const result = validate({
      ...apex,
      dnskey: { ...apex.dnskey, records: [...apex.dnskey.records, ...odd] },
    });
    expect(result.keys.slice(2)).toMatchObject([
      { status: "unsupported-algorithm", algorithm: 12 },
      { status: "unusable", detail: "protocol 2, not 3" },
      { status: "malformed", detail: "DNSKEY RDATA of 3 octets, too short for a key" },
    ]);
  });

  it("records of another owner, type or class are ignored and counted", () => {
    const apex = signedApex(ZONE);
    const stray = record("www.example.org", TYPE.A, 3600, Buffer.from([192, 0, 2, 1]));
    const result = validate({
      ...apex,
      ns: { records: [...apex.ns.records, stray], signatures: apex.ns.signatures },
    });
    expect(result.verdict.status).toBe("secure");
    expect(result.warnings).toEqual([{ code: "foreign-records", rrset: "NS", count: 1 }]);
  });

  it("the earliest expiration is the RRset whose last valid signature ends first", () => {
    const apex = signedApex(ZONE);
    const soon = { inception: WINDOW.inception, expiration: WINDOW.expiration - 5 * 86_400 };
    const soa = { ...apex.soa, signatures: [signRrset(ZONE, apex.soa.records, apex.zsk, soon)] };
    expect(validate({ ...apex, soa }).earliestExpiration).toEqual({
      rrset: "SOA",
      at: new Date(soon.expiration * 1000).toISOString(),
    });
  });

  it("an unreadable zone name is indeterminate, not an exception", () => {
    const apex = signedApex(ZONE);
    const result = validateDelegation({ zone: "a..b", ds: [], ...apex, now: NOW });
    expect(result.verdict).toEqual({ status: "indeterminate", detail: "zone name: empty label" });
  });
});
