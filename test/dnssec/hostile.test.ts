// Hostile and broken input: every bound of limits.ts holds, work stays small, nothing throws.

import { describe, expect, it } from "vitest";
import { validateDelegation } from "../../src/observe/dns/dnssec/delegation.js";
import { dsDigest } from "../../src/observe/dns/dnssec/ds.js";
import { keyTag } from "../../src/observe/dns/dnssec/key-tag.js";
import {
  MAX_DNSKEY_RECORDS,
  MAX_DS_RECORDS,
  MAX_SIGNATURES_PER_RRSET,
  MAX_VERIFICATIONS,
} from "../../src/observe/dns/dnssec/limits.js";
import { recordsFromMessage } from "../../src/observe/dns/dnssec/message.js";
import type { DsInput } from "../../src/observe/dns/dnssec/rdata.js";
import { RrType, type WireRecord } from "../../src/observe/dns/dnssec/records.js";
import { random, randomBytes, rrsigFlood, sharedKeyTags, ZONE } from "./support/hostile.js";
import { encodeReply } from "./support/message.js";
import { record, TYPE, wireName } from "./support/records.js";
import { ds, NOW, signedApex } from "./support/signer.js";

describe("bounds", () => {
  // How long these take is the benchmark's concern (bench/hostile-inputs.ts); here, how much
  // of the input is looked at.
  it("10,000 RRSIGs over the DNSKEY RRset: the first 16 are examined, then it stops", () => {
    const result = validateDelegation(rrsigFlood(1));
    expect(result.dnskey).toMatchObject({ status: "bogus", reason: "no-valid-signature" });
    expect(result.dnskey.status === "bogus" && result.dnskey.signatures.length).toBe(
      MAX_SIGNATURES_PER_RRSET,
    );
    expect(result.warnings).toContainEqual({
      code: "limit-reached",
      what: "RRSIGs over DNSKEY",
      limit: MAX_SIGNATURES_PER_RRSET,
    });
  });

  it("keys sharing one key tag: the verification budget runs out and the rest is not examined", () => {
    const result = validateDelegation(sharedKeyTags(2));
    expect(result.keys).toHaveLength(MAX_DNSKEY_RECORDS);
    expect(result.warnings).toEqual(
      expect.arrayContaining([
        { code: "limit-reached", what: "DNSKEY records", limit: MAX_DNSKEY_RECORDS },
        { code: "limit-reached", what: "signature verifications", limit: MAX_VERIFICATIONS },
      ]),
    );
    expect(result.ns).toMatchObject({
      status: "bogus",
      signatures: expect.arrayContaining([expect.objectContaining({ result: "not-examined" })]),
    });
    expect(result.verdict.status).toBe("bogus");
  });

  it("1,000 DS records: 16 are examined", () => {
    const apex = signedApex(ZONE);
    const next = random(3);
    const junk: DsInput[] = Array.from({ length: 1_000 }, () => ({
      keyTag: apex.ksk.tag,
      algorithm: 15,
      digestType: 2,
      digest: randomBytes(next, 32).toString("hex"),
    }));
    const result = validateDelegation({
      zone: ZONE,
      ds: [...junk, ds(ZONE, apex.ksk)],
      ...apex,
      now: NOW,
    });
    expect(result.ds.status !== "absent" && result.ds.records.length).toBe(MAX_DS_RECORDS);
    expect(result.warnings).toContainEqual({
      code: "limit-reached",
      what: "DS records",
      limit: MAX_DS_RECORDS,
    });
  });

  it("an RRset of 600 records is refused for canonicalisation, not processed", () => {
    const apex = signedApex(ZONE);
    const ns = Array.from({ length: 600 }, (_, i) =>
      record(ZONE, TYPE.NS, 3600, wireName(`ns${i}.example.org`)),
    );
    const result = validateDelegation({
      zone: ZONE,
      ds: [ds(ZONE, apex.ksk)],
      ...apex,
      ns: { records: ns, signatures: apex.ns.signatures },
      now: NOW,
    });
    expect(result.ns).toMatchObject({
      status: "bogus",
      signatures: [{ result: "malformed", detail: "RRset of 600 records, over the 512 examined" }],
    });
  });

  it("RDATA longer than a record can carry is refused, not thrown on", () => {
    const apex = signedApex(ZONE);
    const huge = record(ZONE, TYPE.SOA, 3600, Buffer.alloc(70_000));
    const result = validateDelegation({
      zone: ZONE,
      ds: [ds(ZONE, apex.ksk)],
      ...apex,
      soa: { records: [huge], signatures: apex.soa.signatures },
      now: NOW,
    });
    expect(result.soa).toMatchObject({
      status: "bogus",
      signatures: [{ result: "malformed", detail: "RDATA longer than 65535 octets" }],
    });
  });
});

describe("garbage keys", () => {
  it("a DS pointing at an RSA key that cannot be decoded says why", () => {
    const apex = signedApex(ZONE);
    const broken = [
      record(
        ZONE,
        TYPE.DNSKEY,
        3600,
        Buffer.concat([Buffer.from([1, 1, 3, 8, 0, 0xff, 0xff]), Buffer.alloc(20, 7)]),
      ),
      record(
        ZONE,
        TYPE.DNSKEY,
        3600,
        Buffer.concat([Buffer.from([1, 1, 3, 8, 3, 1, 0, 1]), Buffer.alloc(16, 9)]),
      ),
    ];
    const dsFor = (key: WireRecord): DsInput => ({
      keyTag: keyTag(key.rdata),
      algorithm: 8,
      digestType: 2,
      digest: dsDigest(wireName(ZONE), key.rdata, 2)?.toString("hex") ?? "",
    });
    const result = validateDelegation({
      zone: ZONE,
      ds: broken.map(dsFor),
      ...apex,
      dnskey: { ...apex.dnskey, records: [...apex.dnskey.records, ...broken] },
      now: NOW,
    });
    expect(result.ds).toMatchObject({
      status: "no-match",
      records: [
        { status: "key-unusable", detail: "RSA key truncated: no room for the modulus" },
        { status: "key-unusable", detail: "RSA modulus of 124 bits, outside 512–4096" },
      ],
    });
  });
});

describe("fuzzing (seeded)", () => {
  it("random mutations of a signed apex never throw", () => {
    const apex = signedApex(ZONE);
    const next = random(4);
    const mutate = (records: readonly WireRecord[]) =>
      records.map((original) => {
        const rdata = Buffer.from(original.rdata);
        const cut = next() < 0.2 ? Math.floor(next() * rdata.length) : rdata.length;
        for (let flips = 1 + Math.floor(next() * 3); flips > 0 && cut > 0; flips--) {
          const at = Math.floor(next() * cut);
          rdata.writeUInt8(Math.floor(next() * 256), at);
        }
        return { ...original, rdata: rdata.subarray(0, cut) };
      });
    for (let i = 0; i < 300; i++) {
      const result = validateDelegation({
        zone: ZONE,
        ds: [ds(ZONE, apex.ksk)],
        dnskey: {
          records: mutate(apex.dnskey.records),
          signatures: mutate(apex.dnskey.signatures),
        },
        soa: { records: mutate(apex.soa.records), signatures: mutate(apex.soa.signatures) },
        ns: { records: apex.ns.records, signatures: mutate(apex.ns.signatures) },
        now: NOW,
      });
      expect(["secure", "bogus", "insecure"]).toContain(result.verdict.status);
    }
  });

  it("random records and random DS fields never throw", () => {
    const next = random(5);
    const zone = wireName(ZONE);
    const randomRecord = (type: number): WireRecord => ({
      owner: zone,
      type,
      class: 1,
      ttl: 60,
      rdata: randomBytes(next, Math.floor(next() * 300)),
    });
    for (let i = 0; i < 300; i++) {
      const result = validateDelegation({
        zone: ZONE,
        ds: [
          {
            keyTag: Math.floor(next() * 65536),
            algorithm: Math.floor(next() * 20),
            digestType: Math.floor(next() * 6),
            digest: randomBytes(next, Math.floor(next() * 60)).toString("hex"),
          },
        ],
        dnskey: {
          records: [randomRecord(RrType.DNSKEY), randomRecord(RrType.DNSKEY)],
          signatures: [randomRecord(RrType.RRSIG)],
        },
        soa: { records: [randomRecord(RrType.SOA)], signatures: [randomRecord(RrType.RRSIG)] },
        ns: { records: [randomRecord(RrType.NS)], signatures: [randomRecord(RrType.RRSIG)] },
        now: NOW,
      });
      expect(result.verdict.status).not.toBe("secure");
    }
  });

  it("recordsFromMessage never throws on mutated or random messages", () => {
    const apex = signedApex(ZONE);
    const message = encodeReply({ name: wireName(ZONE), type: RrType.SOA }, [
      ...apex.soa.records,
      ...apex.soa.signatures,
      ...apex.ns.records,
    ]);
    const next = random(6);
    for (let i = 0; i < 2_000; i++) {
      const copy = Buffer.from(message);
      for (let flips = 1 + Math.floor(next() * 4); flips > 0; flips--)
        copy.writeUInt8(Math.floor(next() * 256), Math.floor(next() * copy.length));
      const read = recordsFromMessage(copy.subarray(0, Math.floor(next() * (copy.length + 1))));
      expect(typeof read.ok).toBe("boolean");
      expect(typeof recordsFromMessage(randomBytes(next, Math.floor(next() * 512))).ok).toBe(
        "boolean",
      );
    }
  });
});
