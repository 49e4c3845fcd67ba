// Reading a reply's records (RFC 1035 §4.1) and picking one RRset and its RRSIGs out of them: what
// the validator is given is exactly what the server sent, and a message it cannot read whole is
// refused with the reason, never read in part.

import { describe, expect, it } from "vitest";
import {
  CLASS_IN,
  RrType,
  recordsFromMessage,
  signedRrset,
  validateDelegation,
  type WireRecord,
} from "../../src/observe/dns/dnssec/index.js";
import { encodeRawMessage, encodeReply, type RawRecord } from "./support/message.js";
import { aRdata, mxRdata, record, soaRdata, TYPE, wireName } from "./support/records.js";
import { ds, NOW, signedApex } from "./support/signer.js";

const hex = (octets: Uint8Array) => Buffer.from(octets).toString("hex");
const ROOT = Buffer.from([0]);
const OPT = 41;

/** A well-formed A record, to stand first in a section so a broken second one is "answer 2". */
const first = (): RawRecord => ({
  owner: wireName("example.com"),
  type: TYPE.A,
  rdata: aRdata("192.0.2.1"),
});

describe("recordsFromMessage: names inside RDATA (RFC 1035 §4.1.4, RFC 3597 §4)", () => {
  // RFC 3597 §4: compression is allowed inside RDATA only for the RFC 1035 types; the names in
  // them are expanded so the RDATA is the one that was signed. (RDATA built in the test: fixtures
  // built at load would make the name code's mutants static.)
  const owner = "www.example.com";
  const cases: ReadonlyArray<[string, number, () => Buffer]> = [
    ["NS", 2, () => wireName("ns1.example.com")],
    ["MD", 3, () => wireName("mail.example.com")],
    ["MF", 4, () => wireName("mail.example.com")],
    ["CNAME", 5, () => wireName("Web.example.com")],
    ["SOA", 6, () => soaRdata("ns1.example.com", "hostmaster.example.com", [7, 1, 2, 3, 4])],
    ["MB", 7, () => wireName("mail.example.com")],
    ["MG", 8, () => wireName("user.example.com")],
    ["MR", 9, () => wireName("renamed.example.com")],
    ["PTR", 12, () => wireName("host.example.com")],
    [
      "MINFO",
      14,
      () => Buffer.concat([wireName("owner.example.com"), wireName("errors.example.com")]),
    ],
    ["MX", 15, () => mxRdata(10, "mail.example.com")],
  ];

  it.each(cases)(
    "%s: every name in the RDATA comes back uncompressed, case kept",
    (_, type, build) => {
      const rdata = build();
      const reply = encodeReply({ name: wireName(owner), type }, [record(owner, type, 300, rdata)]);
      // Header, question, a pointer for the owner, fixed fields: the RDATA as sent is shorter.
      const uncompressedRdata = 12 + wireName(owner).length + 4 + 2 + 10 + rdata.length;
      expect(reply.length).toBeLessThan(uncompressedRdata);
      const read = recordsFromMessage(reply);
      if (!read.ok) throw new Error(read.detail);
      expect(read.records.answers.map((rr) => [hex(rr.owner), rr.type, hex(rr.rdata)])).toEqual([
        [hex(wireName(owner)), type, hex(rdata)],
      ]);
    },
  );

  it("RDATA of any other type is copied as received, a pointer in it included", () => {
    // SRV (RFC 2782) forbids compression of its target: a pointer stays a pointer.
    const srv = Buffer.from("000a0005 01bb c00c".replace(/ /g, ""), "hex");
    const read = recordsFromMessage(
      encodeRawMessage({
        questions: [wireName("_x._tcp.example.com")],
        answers: [{ owner: Buffer.from([0xc0, 12]), type: 33, rdata: srv }],
      }),
    );
    expect(read.ok && hex(read.records.answers[0]?.rdata ?? ROOT)).toBe(hex(srv));
  });
});

describe("recordsFromMessage: where a message ends", () => {
  it("a bare 12-octet header is a message with nothing in it", () => {
    const header = encodeRawMessage({});
    expect(header).toHaveLength(12);
    expect(recordsFromMessage(header)).toEqual({
      ok: true,
      records: { answers: [], authorities: [], additionals: [] },
    });
  });

  it("a reply ending right after its question (NODATA) is read; one octet short it is refused", () => {
    const reply = encodeReply({ name: wireName("example.com"), type: TYPE.SOA }, []);
    expect(recordsFromMessage(reply)).toEqual({
      ok: true,
      records: { answers: [], authorities: [], additionals: [] },
    });
    expect(recordsFromMessage(reply.subarray(0, reply.length - 1))).toEqual({
      ok: false,
      detail: "truncated question",
    });
  });

  it("an EDNS OPT record with no options, ending the message, is read; cut short it is refused", () => {
    // RFC 6891: the OPT pseudo-record has the root as owner, the UDP size as class, often RDLENGTH 0.
    const opt: RawRecord = {
      owner: ROOT,
      type: OPT,
      class: 1232,
      ttl: 0x8000,
      rdata: Buffer.alloc(0),
    };
    const reply = encodeRawMessage({
      questions: [wireName("example.com")],
      answers: [first()],
      additionals: [opt],
    });
    const read = recordsFromMessage(reply);
    if (!read.ok) throw new Error(read.detail);
    expect(read.records.additionals).toEqual([
      { owner: ROOT, type: OPT, class: 1232, ttl: 0x8000, rdata: Buffer.alloc(0) },
    ]);
    expect(recordsFromMessage(reply.subarray(0, reply.length - 1))).toEqual({
      ok: false,
      detail: "truncated record header",
    });
  });

  it("RDATA one octet past the end of the message is refused", () => {
    const reply = encodeRawMessage({ questions: [wireName("example.com")], answers: [first()] });
    expect(recordsFromMessage(reply).ok).toBe(true);
    expect(recordsFromMessage(reply.subarray(0, reply.length - 1))).toEqual({
      ok: false,
      detail: "RDATA runs past the end of the message",
    });
  });
});

describe("recordsFromMessage: records that cannot be read are refused with which and why", () => {
  const refusal = (second: RawRecord) =>
    recordsFromMessage(encodeRawMessage({ answers: [first(), second] }));

  it("an owner name whose pointer goes forward", () => {
    expect(
      refusal({ owner: Buffer.from([0xc0, 0xff]), type: TYPE.A, rdata: aRdata("192.0.2.2") }),
    ).toEqual({ ok: false, detail: "answer 2: compression pointer that is not backwards" });
  });

  it("an RDATA name that runs past RDLENGTH", () => {
    const target = wireName("ns1.example.net");
    expect(
      refusal({ owner: wireName("example.com"), type: TYPE.NS, rdata: target, rdlength: 4 }),
    ).toEqual({ ok: false, detail: "answer 2 (type 2): RDATA name runs past RDLENGTH" });
  });

  it("SOA RDATA without its five 32-bit counters whole", () => {
    const soa = soaRdata("ns1.example.com", "hostmaster.example.com", [1, 2, 3, 4, 5]);
    expect(
      refusal({ owner: wireName("example.com"), type: TYPE.SOA, rdata: soa.subarray(0, -1) }),
    ).toEqual({ ok: false, detail: "answer 2 (type 6): RDATA shorter than its type requires" });
  });

  it("NS RDATA with octets after the name", () => {
    const rdata = Buffer.concat([wireName("ns1.example.net"), Buffer.from([0])]);
    expect(refusal({ owner: wireName("example.com"), type: TYPE.NS, rdata })).toEqual({
      ok: false,
      detail: "answer 2 (type 2): RDATA longer than its type allows",
    });
  });

  it("the section is named: record numbers start again in each", () => {
    const forward: RawRecord = {
      owner: Buffer.from([0xc0, 0xff]),
      type: TYPE.A,
      rdata: aRdata("192.0.2.2"),
    };
    const rdata = Buffer.concat([wireName("ns1.example.net"), Buffer.from([0])]);
    const longNs: RawRecord = { owner: wireName("example.com"), type: TYPE.NS, rdata };
    expect(
      recordsFromMessage(encodeRawMessage({ answers: [first()], authorities: [longNs] })),
    ).toEqual({
      ok: false,
      detail: "authority 1 (type 2): RDATA longer than its type allows",
    });
    expect(
      recordsFromMessage(encodeRawMessage({ answers: [first()], additionals: [forward] })),
    ).toEqual({
      ok: false,
      detail: "additional 1: compression pointer that is not backwards",
    });
  });
});

describe("signedRrset: one RRset and the RRSIGs over it, out of a whole section", () => {
  const ZONE = "example.net";

  it("keeps the class IN records of the owner (any case) and type, and the RRSIGs covering that type", () => {
    const apex = signedApex(ZONE);
    const [nsSignature] = apex.ns.signatures;
    const [soaSignature] = apex.soa.signatures;
    if (nsSignature === undefined || soaSignature === undefined) throw new Error("unsigned");
    const chaos = (rr: WireRecord): WireRecord => ({ ...rr, class: 3 });
    const section: WireRecord[] = [
      ...apex.soa.records,
      soaSignature,
      ...apex.ns.records.map((rr) => ({ ...rr, owner: wireName("EXAMPLE.net") })),
      nsSignature,
      record(`child.${ZONE}`, TYPE.NS, 3600, wireName("ns1.elsewhere.org")),
      { ...nsSignature, owner: wireName(`child.${ZONE}`) },
      record(`ns1.${ZONE}`, TYPE.A, 3600, aRdata("192.0.2.53")),
      chaos(record(ZONE, TYPE.NS, 3600, wireName("ns3.example.net"))),
      chaos(nsSignature),
    ];
    const rrset = signedRrset(section, wireName(ZONE), RrType.NS);
    expect(rrset.records.map((rr) => [hex(rr.rdata), rr.class])).toEqual(
      apex.ns.records.map((rr) => [hex(rr.rdata), CLASS_IN]),
    );
    expect(rrset.signatures).toEqual([nsSignature]);
  });

  it("an RRSIG cut down to its type-covered field is judged a malformed signature over that type; one octet says nothing and is foreign", () => {
    const apex = signedApex(ZONE);
    const stub = (octets: number[]): WireRecord =>
      record(ZONE, TYPE.RRSIG, 3600, Buffer.from(octets));
    const covered = stub([0, RrType.NS]);
    const tooShort = stub([0]);
    const section = [...apex.ns.records, ...apex.ns.signatures, covered, tooShort];
    const ns = signedRrset(section, wireName(ZONE), RrType.NS);
    expect(ns.signatures).toEqual([...apex.ns.signatures, covered]);

    const result = validateDelegation({
      zone: ZONE,
      ds: [ds(ZONE, apex.ksk)],
      ...apex,
      ns: { records: apex.ns.records, signatures: [...apex.ns.signatures, covered, tooShort] },
      now: NOW,
    });
    expect(result.ns).toMatchObject({
      status: "valid",
      signatures: [
        { result: "valid" },
        { result: "malformed", detail: "RRSIG RDATA of 2 octets, too short" },
      ],
    });
    expect(result.warnings).toContainEqual({ code: "foreign-records", rrset: "NS", count: 1 });
  });
});
