// The chain at one delegation point, step by step: which DS record leads to which served key
// (RFC 4035 §5.2, RFC 4034 §5, RFC 4509), which signatures make the DNSKEY, SOA and NS RRsets hold
// (RFC 4035 §5.3), what a missing or unobserved RRset does to the verdict, and where the work
// bounds of limits.ts start to bite. Apexes are signed in each test (Ed25519, support/signer.ts).

import { describe, expect, it } from "vitest";
import { validateDelegation } from "../../src/observe/dns/dnssec/delegation.js";
import { dsDigest } from "../../src/observe/dns/dnssec/ds.js";
import { keyTag } from "../../src/observe/dns/dnssec/key-tag.js";
import {
  MAX_DIGESTS,
  MAX_DNSKEY_RECORDS,
  MAX_DS_RECORDS,
  MAX_SIGNATURES_PER_RRSET,
} from "../../src/observe/dns/dnssec/limits.js";
import type { DsInput } from "../../src/observe/dns/dnssec/rdata.js";
import type { DelegationInput } from "../../src/observe/dns/dnssec/result.js";
import { keyWithTag, random, randomBytes, ZONE } from "./support/hostile.js";
import { record, TYPE, wireName } from "./support/records.js";
import {
  ds,
  makeKey,
  NOW,
  type SignedApex,
  signedApex,
  signRrset,
  WINDOW,
  ZSK_FLAGS,
} from "./support/signer.js";

const DAY = 86_400;
const iso = (unixSeconds: number) => new Date(unixSeconds * 1000).toISOString();

function validate(apex: SignedApex, dsRecords: readonly DsInput[], changes = {}) {
  const input: DelegationInput = { zone: ZONE, ds: dsRecords, ...apex, now: NOW, ...changes };
  return validateDelegation(input);
}

const limitWarnings = (result: ReturnType<typeof validate>) =>
  result.warnings.filter((warning) => warning.code === "limit-reached");

describe("DS → DNSKEY (RFC 4035 §5.2, RFC 4034 §5)", () => {
  it("a DS must carry the key's algorithm: the right digest under another algorithm matches no key", () => {
    const apex = signedApex(ZONE);
    const p256 = { ...ds(ZONE, apex.ksk), algorithm: 13 };
    const result = validate(apex, [p256]);
    expect(result.ds).toMatchObject({
      status: "no-match",
      records: [{ keyTag: apex.ksk.tag, algorithm: 13, status: "no-matching-key" }],
    });
    expect(result.verdict).toEqual({
      status: "bogus",
      reasons: ["ds-matches-no-key", "dnskey-not-signed-by-ds-key"],
    });
  });

  it("a DS with the tag of a malformed DNSKEY matches no key, and that key is never DS-matched", () => {
    const apex = signedApex(ZONE);
    const rdata = Buffer.from([1, 1, 3]);
    const tag = keyTag(rdata);
    const digest = dsDigest(wireName(ZONE), rdata, 2)?.toString("hex") ?? "";
    const broken = record(ZONE, TYPE.DNSKEY, 3600, rdata);
    const result = validate(
      { ...apex, dnskey: { ...apex.dnskey, records: [...apex.dnskey.records, broken] } },
      [{ keyTag: tag, algorithm: 15, digestType: 2, digest }],
    );
    expect(result.ds).toMatchObject({
      status: "no-match",
      records: [{ keyTag: tag, status: "no-matching-key" }],
    });
    expect(result.keys[2]).toEqual({
      status: "malformed",
      keyTag: tag,
      dsMatched: false,
      detail: "DNSKEY RDATA of 3 octets, too short for a key",
    });
  });

  it("a SHA-1 DS alone anchors the chain, with the sha1-ds warning (RFC 8624 §3.3)", () => {
    const apex = signedApex(ZONE);
    const result = validate(apex, [ds(ZONE, apex.ksk, 1)]);
    expect(result.verdict).toEqual({ status: "secure" });
    expect(result.ds).toMatchObject({ status: "matched", records: [{ status: "matched" }] });
    expect(result.warnings).toEqual([{ code: "sha1-ds", keyTag: apex.ksk.tag }]);
  });

  it("RFC 4509 §3: a SHA-1 DS set aside for a matching SHA-256 DS is not relied on, nor warned about", () => {
    const apex = signedApex(ZONE);
    const result = validate(apex, [ds(ZONE, apex.ksk, 1), ds(ZONE, apex.ksk, 2)]);
    expect(result.verdict).toEqual({ status: "secure" });
    expect(result.ds).toMatchObject({
      status: "matched",
      records: [{ status: "ignored-sha1" }, { status: "matched", digestType: 2 }],
    });
    expect(result.warnings).toEqual([]);
  });

  it("RFC 4509 §3: a SHA-256 DS of an unsupported algorithm does not set the SHA-1 DS aside", () => {
    const apex = signedApex(ZONE);
    const unknownAlgorithm = { ...ds(ZONE, apex.ksk, 2), algorithm: 253 };
    const result = validate(apex, [ds(ZONE, apex.ksk, 1), unknownAlgorithm]);
    expect(result.verdict).toEqual({ status: "secure" });
    expect(result.ds).toMatchObject({
      status: "matched",
      records: [{ status: "matched", digestType: 1 }, { status: "unsupported-algorithm" }],
    });
    expect(result.warnings).toEqual([{ code: "sha1-ds", keyTag: apex.ksk.tag }]);
  });

  it("a DS with the key's tag but another or a malformed digest, beside the matching DS, is warned about", () => {
    const apex = signedApex(ZONE);
    const other = { ...ds(ZONE, apex.ksk), digest: "ab".repeat(32) };
    const short = { ...ds(ZONE, apex.ksk), digest: "abcd" };
    const result = validate(apex, [other, short, ds(ZONE, apex.ksk)]);
    expect(result.verdict).toEqual({ status: "secure" });
    expect(result.ds).toMatchObject({
      records: [{ status: "digest-mismatch" }, { status: "malformed" }, { status: "matched" }],
    });
    const unmatched = { code: "unmatched-ds", keyTag: apex.ksk.tag, algorithm: 15, digestType: 2 };
    expect(result.warnings).toEqual([unmatched, unmatched]);
  });

  it("dsDigest: SHA-1, SHA-256 and SHA-384 digests; nothing for a digest type it lacks (GOST, unassigned)", () => {
    const key = makeKey(ZONE, ZSK_FLAGS).record.rdata;
    const owner = wireName(ZONE);
    expect([1, 2, 4].map((type) => dsDigest(owner, key, type)?.length)).toEqual([20, 32, 48]);
    expect(dsDigest(owner, key, 3)).toBeUndefined();
    expect(dsDigest(owner, key, 0)).toBeUndefined();
  });
});

describe("signatures over the apex RRsets (RFC 4035 §5.3)", () => {
  it("an expired signature by the DS-matched key does not anchor the DNSKEY RRset", () => {
    const apex = signedApex(ZONE);
    const past = { inception: WINDOW.inception - 30 * DAY, expiration: WINDOW.inception - DAY };
    const expired = signRrset(ZONE, apex.dnskey.records, apex.ksk, past);
    const result = validate({ ...apex, dnskey: { ...apex.dnskey, signatures: [expired] } }, [
      ds(ZONE, apex.ksk),
    ]);
    expect(result.dnskey).toEqual({
      status: "bogus",
      reason: "no-valid-signature",
      signatures: [
        {
          result: "expired",
          keyTag: apex.ksk.tag,
          algorithm: 15,
          inception: iso(past.inception),
          expiration: iso(past.expiration),
        },
      ],
    });
    expect(result.verdict).toEqual({ status: "bogus", reasons: ["dnskey-not-signed-by-ds-key"] });
  });

  it("two valid signatures by one key: the key is named once, valid until the later one expires, every signature listed", () => {
    const apex = signedApex(ZONE);
    const later = { inception: WINDOW.inception, expiration: WINDOW.expiration + 7 * DAY };
    const past = { inception: WINDOW.inception - 30 * DAY, expiration: WINDOW.inception - DAY };
    const signatures = [later, WINDOW, past].map((window) =>
      signRrset(ZONE, apex.ns.records, apex.zsk, window),
    );
    const result = validate({ ...apex, ns: { ...apex.ns, signatures } }, [ds(ZONE, apex.ksk)]);
    const times = (window: typeof WINDOW) => ({
      keyTag: apex.zsk.tag,
      algorithm: 15,
      inception: iso(window.inception),
      expiration: iso(window.expiration),
    });
    expect(result.ns).toEqual({
      status: "valid",
      signedBy: [apex.zsk.tag],
      validUntil: iso(later.expiration),
      signatures: [
        { result: "valid", ...times(later), deprecatedAlgorithm: false },
        { result: "valid", ...times(WINDOW), deprecatedAlgorithm: false },
        { result: "expired", ...times(past) },
      ],
    });
    expect(result.verdict).toEqual({ status: "secure" });
  });

  it("the earliest expiration names the NS RRset when its signature ends first", () => {
    const apex = signedApex(ZONE);
    const soon = { inception: WINDOW.inception, expiration: WINDOW.expiration - 6 * DAY };
    const ns = { ...apex.ns, signatures: [signRrset(ZONE, apex.ns.records, apex.zsk, soon)] };
    expect(validate({ ...apex, ns }, [ds(ZONE, apex.ksk)]).earliestExpiration).toEqual({
      rrset: "NS",
      at: iso(soon.expiration),
    });
  });

  it("the earliest expiration counts only steps that hold, and is null when none holds", () => {
    const apex = signedApex(ZONE);
    const unsigned = { ...apex.dnskey, signatures: [] };
    const dnskeyBogus = validate({ ...apex, dnskey: unsigned }, [ds(ZONE, apex.ksk)]);
    expect(dnskeyBogus.dnskey).toMatchObject({ status: "bogus", reason: "unsigned" });
    expect(dnskeyBogus.earliestExpiration).toEqual({ rrset: "SOA", at: iso(WINDOW.expiration) });
    const noneHolds = validate(
      {
        ...apex,
        dnskey: unsigned,
        soa: { ...apex.soa, signatures: [] },
        ns: { ...apex.ns, signatures: [] },
      },
      [ds(ZONE, apex.ksk)],
    );
    expect(noneHolds.earliestExpiration).toBeNull();
  });
});

describe("missing and unobserved RRsets", () => {
  it("a server that answers the SOA and NS queries with no records: both missing, and the verdict says so", () => {
    const apex = signedApex(ZONE);
    const empty = { records: [], signatures: [] };
    const result = validate(apex, [ds(ZONE, apex.ksk)], { soa: empty, ns: empty });
    expect(result.soa).toEqual({ status: "missing" });
    expect(result.ns).toEqual({ status: "missing" });
    expect(result.verdict).toEqual({ status: "bogus", reasons: ["soa-missing", "ns-missing"] });
    expect(result.earliestExpiration).toMatchObject({ rrset: "DNSKEY" });
  });

  it("the SOA not asked for: not observed, and the verdict rests on the DNSKEY and NS RRsets", () => {
    const apex = signedApex(ZONE);
    const result = validateDelegation({
      zone: ZONE,
      ds: [ds(ZONE, apex.ksk)],
      dnskey: apex.dnskey,
      ns: apex.ns,
      now: NOW,
    });
    expect(result.soa).toEqual({ status: "not-observed" });
    expect(result.verdict).toEqual({ status: "secure" });
    expect(result.warnings).toEqual([]);
  });
});

describe("bounds hold exactly at their limit (limits.ts)", () => {
  it(`${MAX_DS_RECORDS} DS records are all examined without a warning; one more is cut off and warned about`, () => {
    const apex = signedApex(ZONE);
    const copies = (count: number) => Array.from({ length: count }, () => ds(ZONE, apex.ksk));
    const atLimit = validate(apex, copies(MAX_DS_RECORDS));
    expect(atLimit.ds).toMatchObject({ status: "matched" });
    expect(atLimit.ds.status !== "absent" && atLimit.ds.records).toHaveLength(MAX_DS_RECORDS);
    expect(limitWarnings(atLimit)).toEqual([]);
    const over = validate(apex, copies(MAX_DS_RECORDS + 1));
    expect(over.ds.status !== "absent" && over.ds.records).toHaveLength(MAX_DS_RECORDS);
    expect(limitWarnings(over)).toEqual([
      { code: "limit-reached", what: "DS records", limit: MAX_DS_RECORDS },
    ]);
  });

  it(`${MAX_DNSKEY_RECORDS} DNSKEY records are all read without a warning; one more is cut off and warned about`, () => {
    const apex = signedApex(ZONE);
    const withKeys = (count: number) => {
      const extra = Array.from({ length: count - 2 }, () => makeKey(ZONE, ZSK_FLAGS).record);
      const records = [...apex.dnskey.records, ...extra];
      const dnskey = { records, signatures: [signRrset(ZONE, records, apex.ksk)] };
      return validate({ ...apex, dnskey }, [ds(ZONE, apex.ksk)]);
    };
    const atLimit = withKeys(MAX_DNSKEY_RECORDS);
    expect(atLimit.keys).toHaveLength(MAX_DNSKEY_RECORDS);
    expect(limitWarnings(atLimit)).toEqual([]);
    expect(atLimit.verdict).toEqual({ status: "secure" });
    const over = withKeys(MAX_DNSKEY_RECORDS + 1);
    expect(over.keys).toHaveLength(MAX_DNSKEY_RECORDS);
    expect(limitWarnings(over)).toEqual([
      { code: "limit-reached", what: "DNSKEY records", limit: MAX_DNSKEY_RECORDS },
    ]);
  });

  it(`${MAX_SIGNATURES_PER_RRSET} RRSIGs over an RRset are all checked without a warning; one more is cut off and warned about`, () => {
    const apex = signedApex(ZONE);
    const withSignatures = (count: number) => {
      const signatures = Array.from({ length: count }, (_, i) =>
        signRrset(ZONE, apex.ns.records, apex.zsk, {
          ...WINDOW,
          expiration: WINDOW.expiration + i,
        }),
      );
      return validate({ ...apex, ns: { ...apex.ns, signatures } }, [ds(ZONE, apex.ksk)]);
    };
    const atLimit = withSignatures(MAX_SIGNATURES_PER_RRSET);
    expect(atLimit.ns.status === "valid" && atLimit.ns.signatures).toHaveLength(
      MAX_SIGNATURES_PER_RRSET,
    );
    expect(limitWarnings(atLimit)).toEqual([]);
    const over = withSignatures(MAX_SIGNATURES_PER_RRSET + 1);
    expect(over.ns.status === "valid" && over.ns.signatures).toHaveLength(MAX_SIGNATURES_PER_RRSET);
    expect(limitWarnings(over)).toEqual([
      { code: "limit-reached", what: "RRSIGs over NS", limit: MAX_SIGNATURES_PER_RRSET },
    ]);
  });

  it(`${MAX_DIGESTS} DS digests are computed without a warning; past that the rest of the DS records are not examined`, () => {
    // Keys sharing the KSK's tag and algorithm each cost one digest per DS that names the tag.
    const next = random(7);
    const apex = signedApex(ZONE);
    const junk: DsInput[] = Array.from({ length: MAX_DS_RECORDS }, () => ({
      keyTag: apex.ksk.tag,
      algorithm: 15,
      digestType: 2,
      digest: randomBytes(next, 32).toString("hex"),
    }));
    const withTwins = (twins: number) => {
      const records = [
        ...apex.dnskey.records,
        ...Array.from({ length: twins }, () => keyWithTag(apex.ksk.tag, next)),
      ];
      return validate({ ...apex, dnskey: { ...apex.dnskey, records } }, junk);
    };
    // 16 DS × 4 keys with the tag = 64 digests.
    const atLimit = withTwins(3);
    expect(atLimit.ds.status !== "absent" && atLimit.ds.records.map((r) => r.status)).toEqual(
      Array(MAX_DS_RECORDS).fill("digest-mismatch"),
    );
    expect(limitWarnings(atLimit)).toEqual([]);
    // 5 keys with the tag: 12 DS take 60 digests, the 13th runs out after 4.
    const over = withTwins(4);
    expect(over.ds.status !== "absent" && over.ds.records.map((r) => r.status)).toEqual([
      ...Array(12).fill("digest-mismatch"),
      ...Array(4).fill("not-examined"),
    ]);
    expect(limitWarnings(over)).toEqual([
      { code: "limit-reached", what: "DS digests computed", limit: MAX_DIGESTS },
    ]);
  });

  it("a time within 8.6e15 ms of 1970 is validated; one millisecond further is indeterminate, with nothing reported", () => {
    const apex = signedApex(ZONE);
    for (const ms of [8.6e15, -8.6e15]) {
      const result = validate(apex, [ds(ZONE, apex.ksk)], { now: new Date(ms) });
      expect(result.verdict.status).toBe("bogus");
      expect(result.dnskey).toMatchObject({ status: "bogus", reason: "no-valid-signature" });
    }
    for (const ms of [8.6e15 + 1, -8.6e15 - 1]) {
      expect(validate(apex, [ds(ZONE, apex.ksk)], { now: new Date(ms) })).toEqual({
        zone: ZONE,
        verdict: { status: "indeterminate", detail: "now is not a usable time" },
        ds: { status: "absent" },
        keys: [],
        dnskey: { status: "missing" },
        soa: { status: "missing" },
        ns: { status: "missing" },
        earliestExpiration: null,
        warnings: [],
      });
    }
  });
});
