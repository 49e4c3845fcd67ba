// The public API as index.ts documents it: reply bytes in, one delegation verdict out.

import { describe, expect, it } from "vitest";
import {
  nameFromText,
  parseDs,
  RrType,
  recordsFromMessage,
  signedRrset,
  validateDelegation,
  type WireRecord,
} from "../../src/observe/dns/dnssec/index.js";
import { encodeReply } from "./support/message.js";
import { ds, NOW, signedApex } from "./support/signer.js";

const ZONE = "example.net";

describe("the documented path", () => {
  const apex = signedApex(ZONE);
  const zone = nameFromText(ZONE);
  if (!zone.ok) throw new Error(zone.detail);
  const answer = (type: number, records: readonly WireRecord[]) => {
    const reply = recordsFromMessage(encodeReply({ name: zone.name, type }, records));
    if (!reply.ok) throw new Error(reply.detail);
    return signedRrset(reply.records.answers, zone.name, type);
  };
  const dsRdata = (() => {
    const record = ds(ZONE, apex.ksk);
    const head = Buffer.alloc(4);
    head.writeUInt16BE(record.keyTag, 0);
    head.writeUInt8(record.algorithm, 2);
    head.writeUInt8(record.digestType, 3);
    return Buffer.concat([head, Buffer.from(record.digest, "hex")]);
  })();

  it("validates the replies of one server against the parent's DS", () => {
    const parsed = parseDs(dsRdata);
    if (!parsed.ok) throw new Error(parsed.detail);
    const result = validateDelegation({
      zone: ZONE,
      ds: [parsed.value],
      dnskey: answer(RrType.DNSKEY, [...apex.dnskey.records, ...apex.dnskey.signatures]),
      soa: answer(RrType.SOA, [...apex.soa.records, ...apex.soa.signatures]),
      ns: answer(RrType.NS, [...apex.ns.records, ...apex.ns.signatures]),
      now: NOW,
    });
    expect(result.verdict).toEqual({ status: "secure" });
    expect(result.ds).toMatchObject({ status: "matched", keyTags: [apex.ksk.tag] });
  });

  it("a `now` that is not a time is indeterminate, never a pass", () => {
    const result = validateDelegation({
      zone: ZONE,
      ds: [ds(ZONE, apex.ksk)],
      ...apex,
      now: new Date("not a date"),
    });
    expect(result.verdict).toEqual({ status: "indeterminate", detail: "now is not a usable time" });
  });

  it("an RRSIG at another owner is not taken for the RRset's, and is counted as foreign", () => {
    const [signature] = apex.soa.signatures;
    if (signature === undefined) throw new Error("unsigned");
    const moved = { ...signature, owner: Buffer.from("0377777707657861706c65036e657400", "hex") };
    const result = validateDelegation({
      zone: ZONE,
      ds: [ds(ZONE, apex.ksk)],
      ...apex,
      soa: { ...apex.soa, signatures: [moved] },
      now: NOW,
    });
    expect(result.soa).toMatchObject({ status: "bogus", reason: "unsigned" });
    expect(result.warnings).toContainEqual({ code: "foreign-records", rrset: "SOA", count: 1 });
  });
});
