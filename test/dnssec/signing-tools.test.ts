// Zones signed by real signers (ldns-signzone for every algorithm, dnssec-signzone for some), and
// the delegation validated from what they wrote: the good chain, and each way it breaks.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validateDelegation } from "../../src/observe/dns/dnssec/delegation.js";
import { readServedKey } from "../../src/observe/dns/dnssec/key-set.js";
import { WorkBudget } from "../../src/observe/dns/dnssec/limits.js";
import { recordsFromMessage } from "../../src/observe/dns/dnssec/message.js";
import { lowerName } from "../../src/observe/dns/dnssec/name.js";
import type { DsInput } from "../../src/observe/dns/dnssec/rdata.js";
import { RrType, type WireRecord } from "../../src/observe/dns/dnssec/records.js";
import { signedRrset } from "../../src/observe/dns/dnssec/rrset.js";
import { checkRrsig } from "../../src/observe/dns/dnssec/verify.js";
import { missingTool } from "../support/tools.js";
import { encodeReply } from "./support/message.js";
import { wireName } from "./support/records.js";
import {
  BIND_TOOLS,
  bind,
  LDNS_TOOLS,
  ldns,
  type ToolKey,
  toolsMissingReason,
  Workdir,
  ZONE,
} from "./support/signing-tools.js";

const DAY = 86_400;
const SIGNED_AT = Math.floor(Date.now() / 1000);
const WINDOW = { inception: String(SIGNED_AT - DAY), expiration: String(SIGNED_AT + 30 * DAY) };
const EXPIRES = new Date((SIGNED_AT + 30 * DAY) * 1000).toISOString();
const NOW = new Date(SIGNED_AT * 1000);
const ZONE_NAME = wireName(ZONE);

const withoutLdns = missingTool(
  "DNSSEC: zones signed by ldns-signzone",
  toolsMissingReason(LDNS_TOOLS, "apt-get install ldnsutils"),
);
const withoutBind = missingTool(
  "DNSSEC: zones signed by dnssec-signzone",
  toolsMissingReason([...BIND_TOOLS, "ldns-read-zone"], "apt-get install bind9-utils ldnsutils"),
);

/** The apex RRsets as one server would answer them, from a signed zone's records. */
function apex(records: readonly WireRecord[]) {
  return {
    dnskey: signedRrset(records, ZONE_NAME, RrType.DNSKEY),
    soa: signedRrset(records, ZONE_NAME, RrType.SOA),
    ns: signedRrset(records, ZONE_NAME, RrType.NS),
  };
}

const withoutKey = (records: readonly WireRecord[], tag: number) =>
  records.filter((record) => record.type !== RrType.DNSKEY || readServedKey(record).keyTag !== tag);

/** Flips the last octet of the signature of the RRSIG over `type` by key `tag`. */
function tamper(records: readonly WireRecord[], type: number, tag: number): WireRecord[] {
  return records.map((record) => {
    const rdata = Buffer.from(record.rdata);
    if (
      record.type !== RrType.RRSIG ||
      rdata.readUInt16BE(0) !== type ||
      rdata.readUInt16BE(16) !== tag
    )
      return record;
    rdata.writeUInt8(rdata.readUInt8(rdata.length - 1) ^ 0x01, rdata.length - 1);
    return { ...record, rdata };
  });
}

const ALGORITHMS = [
  { number: 5, mnemonic: "RSASHA1", deprecated: true },
  { number: 7, mnemonic: "RSASHA1-NSEC3-SHA1", deprecated: true },
  { number: 8, mnemonic: "RSASHA256", deprecated: false },
  { number: 10, mnemonic: "RSASHA512", deprecated: false },
  { number: 13, mnemonic: "ECDSAP256SHA256", deprecated: false },
  { number: 14, mnemonic: "ECDSAP384SHA384", deprecated: false },
  { number: 15, mnemonic: "ED25519", deprecated: false },
  { number: 16, mnemonic: "ED448", deprecated: false },
] as const;

describe.skipIf(withoutLdns)("zones signed by ldns-signzone", () => {
  describe.each(ALGORITHMS)("algorithm $number ($mnemonic)", ({ number, mnemonic, deprecated }) => {
    let dir: Workdir;
    let ksk: ToolKey;
    let zsk: ToolKey;
    let records: WireRecord[];
    let ds: DsInput;

    beforeAll(() => {
      dir = new Workdir();
      ksk = ldns.keygen(dir, mnemonic, true);
      zsk = ldns.keygen(dir, mnemonic, false);
      records = ldns.sign(dir, [ksk, zsk], WINDOW);
      ds = ldns.ds(dir, ksk, 2);
    });
    afterAll(() => dir.remove());

    const validate = (over: Partial<Parameters<typeof validateDelegation>[0]> = {}) =>
      validateDelegation({ zone: ZONE, ds: [ds], ...apex(records), now: NOW, ...over });

    it("the good chain is secure: DS → KSK → DNSKEY RRset, ZSK → SOA and NS", () => {
      const result = validate();
      expect(result.verdict).toEqual({ status: "secure" });
      expect(result.ds).toMatchObject({ status: "matched", keyTags: [ksk.tag] });
      expect(result.dnskey).toMatchObject({
        status: "anchored",
        signedBy: [ksk.tag],
        validUntil: EXPIRES,
      });
      expect(result.soa).toMatchObject({ status: "valid", signedBy: [zsk.tag] });
      expect(result.ns).toMatchObject({ status: "valid", signedBy: [zsk.tag] });
      expect(result.keys.map((key) => [key.keyTag, key.status, key.dsMatched])).toEqual(
        expect.arrayContaining([
          [ksk.tag, "usable", true],
          [zsk.tag, "usable", false],
        ]),
      );
      expect(result.earliestExpiration).toEqual({ rrset: "DNSKEY", at: EXPIRES });
      const expected = deprecated
        ? [
            { code: "deprecated-algorithm", keyTag: expect.any(Number), algorithm: number },
            { code: "deprecated-algorithm", keyTag: expect.any(Number), algorithm: number },
          ]
        : [];
      expect(result.warnings).toEqual(expected);
    });

    it("every RRSIG of the zone verifies: mixed-case names, NSEC, the wildcard and its expansion", () => {
      const context = {
        zone: ZONE_NAME,
        keys: signedRrset(records, ZONE_NAME, RrType.DNSKEY).records.map(readServedKey),
        now: NOW,
        budget: new WorkBudget(),
      };
      const rrsigs = records.filter((record) => record.type === RrType.RRSIG);
      for (const rrsig of rrsigs) {
        const covered = Buffer.from(rrsig.rdata).readUInt16BE(0);
        const rrset = signedRrset(records, rrsig.owner, covered).records;
        context.budget = new WorkBudget();
        expect(
          checkRrsig(rrsig, rrset, context).outcome.result,
          `${covered} at ${lowerName(rrsig.owner).toString("latin1")}`,
        ).toBe("valid");
      }
      expect(rrsigs.length).toBeGreaterThanOrEqual(10);
      // A name the wildcard answers for: the owner is the query name, Labels still 3.
      const wildcard = wireName("*.wild.example.test");
      const expanded = wireName("a.b.wild.example.test");
      const txt = signedRrset(records, wildcard, 16);
      const move = (record: WireRecord) => ({ ...record, owner: expanded });
      const [txtSig] = txt.signatures;
      if (txtSig === undefined) throw new Error("no RRSIG over the wildcard TXT");
      expect(
        checkRrsig(move(txtSig), txt.records.map(move), {
          ...context,
          budget: new WorkBudget(),
        }).outcome.result,
      ).toBe("valid");
    });

    it("a DS for another key matches nothing: bogus, the DNSKEY RRset only self-signed", () => {
      const other = ldns.keygen(dir, mnemonic, true);
      const result = validate({ ds: [ldns.ds(dir, other, 2)] });
      expect(result.verdict).toEqual({
        status: "bogus",
        reasons: ["ds-matches-no-key", "dnskey-not-signed-by-ds-key"],
      });
      expect(result.ds).toMatchObject({
        status: "no-match",
        records: [{ keyTag: other.tag, status: "no-matching-key" }],
      });
      expect(result.dnskey).toMatchObject({ status: "self-signed", signedBy: [ksk.tag] });
    });

    it("a tampered RRSIG octet is a bad signature", () => {
      const result = validateDelegation({
        zone: ZONE,
        ds: [ds],
        ...apex(tamper(records, RrType.DNSKEY, ksk.tag)),
        now: NOW,
      });
      expect(result.verdict).toEqual({
        status: "bogus",
        reasons: ["dnskey-not-signed-by-ds-key"],
      });
      expect(result.dnskey).toMatchObject({
        status: "bogus",
        reason: "no-valid-signature",
        signatures: [{ result: "bad-signature", keyTag: ksk.tag }],
      });
      const soa = validateDelegation({
        zone: ZONE,
        ds: [ds],
        ...apex(tamper(records, RrType.SOA, zsk.tag)),
        now: NOW,
      });
      expect(soa.verdict).toEqual({ status: "bogus", reasons: ["soa-not-validly-signed"] });
    });

    it("past the expiration, or before the inception, every signature fails with its window", () => {
      const late = validate({ now: new Date((SIGNED_AT + 31 * DAY) * 1000) });
      expect(late.verdict).toEqual({
        status: "bogus",
        reasons: ["dnskey-not-signed-by-ds-key", "soa-not-validly-signed", "ns-not-validly-signed"],
      });
      expect(late.soa).toMatchObject({
        status: "bogus",
        signatures: [{ result: "expired", keyTag: zsk.tag, expiration: EXPIRES }],
      });
      expect(late.earliestExpiration).toBeNull();
      const early = validate({ now: new Date((SIGNED_AT - 2 * DAY) * 1000) });
      expect(early.dnskey).toMatchObject({
        status: "bogus",
        signatures: [{ result: "not-yet-valid", keyTag: ksk.tag }],
      });
    });

    it("a DNSKEY RRset without the DS-matched key is bogus", () => {
      const result = validateDelegation({
        zone: ZONE,
        ds: [ds],
        ...apex(withoutKey(records, ksk.tag)),
        now: NOW,
      });
      expect(result.verdict).toEqual({
        status: "bogus",
        reasons: ["ds-matches-no-key", "dnskey-not-signed-by-ds-key"],
      });
      expect(result.dnskey).toMatchObject({
        status: "bogus",
        signatures: [{ result: "no-matching-key", keyTag: ksk.tag }],
      });
    });

    it("an SOA signed by a key not in the served set fails; the rest of the chain holds", () => {
      const stranger = ldns.keygen(dir, mnemonic, false);
      const resigned = ldns.sign(dir, [ksk, stranger], WINDOW);
      const result = validate({ soa: signedRrset(resigned, ZONE_NAME, RrType.SOA) });
      expect(result.verdict).toEqual({ status: "bogus", reasons: ["soa-not-validly-signed"] });
      expect(result.soa).toMatchObject({
        status: "bogus",
        signatures: [{ result: "no-matching-key", keyTag: stranger.tag }],
      });
      expect(result.dnskey.status).toBe("anchored");
    });

    it("a SHA-1 DS is accepted with a warning; SHA-384 is accepted without", () => {
      const sha1 = validate({ ds: [ldns.ds(dir, ksk, 1)] });
      expect(sha1.verdict).toEqual({ status: "secure" });
      expect(sha1.warnings).toContainEqual({ code: "sha1-ds", keyTag: ksk.tag });
      const sha384 = validate({ ds: [ldns.ds(dir, ksk, 4)] });
      expect(sha384.verdict).toEqual({ status: "secure" });
      expect(sha384.warnings.filter((warning) => warning.code === "sha1-ds")).toEqual([]);
    });

    it("the same records read back from compressed replies validate the same", () => {
      const reply = (type: number) => {
        const set = signedRrset(records, ZONE_NAME, type);
        const read = recordsFromMessage(
          encodeReply({ name: wireName("EXAMPLE.test"), type }, [
            ...set.records,
            ...set.signatures,
          ]),
        );
        if (!read.ok) throw new Error(read.detail);
        return signedRrset(read.records.answers, ZONE_NAME, type);
      };
      const result = validateDelegation({
        zone: ZONE,
        ds: [ds],
        dnskey: reply(RrType.DNSKEY),
        soa: reply(RrType.SOA),
        ns: reply(RrType.NS),
        now: NOW,
      });
      expect(result.verdict).toEqual({ status: "secure" });
    });
  });

  it("a zone signed with an expiration in the past (-e) is bogus now, with the times", () => {
    const dir = new Workdir();
    try {
      const ksk = ldns.keygen(dir, "ECDSAP256SHA256", true);
      const zsk = ldns.keygen(dir, "ECDSAP256SHA256", false);
      const past = {
        inception: String(SIGNED_AT - 10 * DAY),
        expiration: String(SIGNED_AT - DAY),
      };
      const records = ldns.sign(dir, [ksk, zsk], past);
      const result = validateDelegation({
        zone: ZONE,
        ds: [ldns.ds(dir, ksk, 2)],
        ...apex(records),
        now: new Date(),
      });
      expect(result.verdict.status).toBe("bogus");
      expect(result.ns).toMatchObject({
        status: "bogus",
        signatures: [
          {
            result: "expired",
            inception: new Date((SIGNED_AT - 10 * DAY) * 1000).toISOString(),
            expiration: new Date((SIGNED_AT - DAY) * 1000).toISOString(),
          },
        ],
      });
    } finally {
      dir.remove();
    }
  });
});

describe.skipIf(withoutBind)("zones signed by dnssec-signzone", () => {
  it.each(["RSASHA256", "ECDSAP256SHA256", "ED25519", "ED448"])(
    "%s: secure with a SHA-384 DS from dnssec-dsfromkey",
    (algorithm) => {
      const dir = new Workdir();
      try {
        const ksk = bind.keygen(dir, algorithm, true);
        const zsk = bind.keygen(dir, algorithm, false);
        const records = bind.sign(dir, [ksk, zsk], {
          inception: WINDOW.inception,
          expiration: WINDOW.expiration,
        });
        const result = validateDelegation({
          zone: ZONE,
          ds: [bind.ds(dir, ksk, 4)],
          ...apex(records),
          now: NOW,
        });
        expect(result.verdict).toEqual({ status: "secure" });
        expect(result.dnskey).toMatchObject({ status: "anchored", signedBy: [ksk.tag] });
      } finally {
        dir.remove();
      }
    },
  );
});
