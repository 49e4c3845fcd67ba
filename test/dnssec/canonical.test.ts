// Names at their RFC 1035 limits, the canonical form of every record type that carries names
// (RFC 4034 §6.2 rule 3), the octets an RRSIG signs (RFC 4034 §3.1.8.1, RFC 4035 §5.3.2) and the
// DNSSEC RDATA readers (RFC 4034 §2.1, §3.1, §5.1): each bound holds at its limit and fails one past
// it, and malformed input is a reason, never a throw.

import { describe, expect, it } from "vitest";
import { canonicalRdata, signedData } from "../../src/observe/dns/dnssec/canonical.js";
import { validateDelegation } from "../../src/observe/dns/dnssec/index.js";
import { nameFromText, nameToText, readName } from "../../src/observe/dns/dnssec/name.js";
import { parseDnskey, parseDs, parseRrsig } from "../../src/observe/dns/dnssec/rdata.js";
import { aRdata, record, rrsigRdata, TYPE, wireName } from "./support/records.js";
import { ds, makeKey, NOW, signedApex, signRrset, ZSK_FLAGS } from "./support/signer.js";
import { checkOne } from "./support/verify.js";

const hex = (octets: Uint8Array) => Buffer.from(octets).toString("hex");

/** A wire name made of labels of the given lengths (all "a"), ending with the root unless told. */
function labels(lengths: readonly number[], root = true): Buffer {
  const parts = lengths.map((length) =>
    Buffer.concat([Buffer.from([length]), Buffer.alloc(length, 0x61)]),
  );
  return Buffer.concat([...parts, Buffer.from(root ? [0] : [])]);
}

/** Labels of 63, 63, 63 and 61 octets: 255 octets with the length octets and the root. */
const LONGEST_NAME_TEXT = [63, 63, 63, 61].map((length) => "a".repeat(length)).join(".");

describe("names in wire form (RFC 1035 §2.3.4, §4.1.4)", () => {
  it("reads a 63-octet label and a 255-octet name, the most RFC 1035 allows", () => {
    const label = readName(wireName(`${"a".repeat(63)}.example`), 0);
    expect(label.ok && label.end).toBe(1 + 63 + 1 + 7 + 1);
    const longest = readName(labels([63, 63, 63, 61]), 0);
    expect(longest.ok && [longest.name.length, longest.end]).toEqual([255, 255]);
  });

  it("refuses a name of 256 octets for its length, even when the data ends inside it", () => {
    expect(readName(labels([63, 63, 63, 62]), 0)).toEqual({
      ok: false,
      detail: "name longer than 255 octets",
    });
    // Four 63-octet labels already make 256 octets: the length is the reason, not the missing root.
    expect(readName(labels([63, 63, 63, 63], false), 0)).toEqual({
      ok: false,
      detail: "name longer than 255 octets",
    });
  });

  it("refuses a compression pointer whose second octet is missing", () => {
    const message = Buffer.concat([wireName("example"), Buffer.from([0xc0])]);
    expect(readName(message, 9, true)).toEqual({
      ok: false,
      detail: "truncated compression pointer",
    });
  });
});

describe("names in presentation form (RFC 1035 §5.1)", () => {
  it('takes "" and "." as the root', () => {
    expect(nameFromText("")).toEqual({ ok: true, name: Buffer.from([0]) });
    expect(nameFromText(".")).toEqual({ ok: true, name: Buffer.from([0]) });
  });

  it("reads printable ASCII up to '~', escapes up to \\255 and names of exactly 255 octets", () => {
    expect(nameFromText("a~b")).toEqual({ ok: true, name: Buffer.from("03617e6200", "hex") });
    expect(nameFromText("\\255.x")).toEqual({ ok: true, name: Buffer.from("01ff017800", "hex") });
    expect(nameFromText(LONGEST_NAME_TEXT)).toEqual({ ok: true, name: labels([63, 63, 63, 61]) });
  });

  it("refuses an over-long label at the end of the name as well as inside it", () => {
    expect(nameFromText(`com.${"a".repeat(64)}`)).toEqual({
      ok: false,
      detail: "label longer than 63 octets",
    });
  });

  it("prints a backslash, DEL and octets above 0x7e escaped, '~' as is, and reads them back", () => {
    const name = Buffer.from([6, 0x61, 0x5c, 0x7e, 0x7f, 0x80, 0xff, 0]);
    const text = nameToText(name);
    expect(text).toBe(String.raw`a\\~\127\128\255`);
    expect(nameFromText(text)).toEqual({ ok: true, name });
  });
});

const u16 = (value: number) => {
  const out = Buffer.alloc(2);
  out.writeUInt16BE(value, 0);
  return out;
};
/** A <character-string> (RFC 1035 §3.3): a length octet, then the octets. */
const characterString = (text: string) =>
  Buffer.concat([Buffer.from([text.length]), Buffer.from(text, "latin1")]);

type Names = (text: string) => Buffer;

// Every type besides NS, SOA, MX and RRSIG (test/dnssec/wire.test.ts) whose names RFC 4034 §6.2
// rule 3 lower-cases. Octets around the names hold upper-case ASCII, which must stay as it is.
const TYPES_WITH_NAMES: ReadonlyArray<readonly [string, number, (name: Names) => Buffer]> = [
  ["MD", 3, (name) => name("Mail.Example")],
  ["MF", 4, (name) => name("Mail.Example")],
  ["CNAME", 5, (name) => name("Target.Example")],
  ["MB", 7, (name) => name("MailBox.Example")],
  ["MG", 8, (name) => name("Member.Example")],
  ["MR", 9, (name) => name("Renamed.Example")],
  ["PTR", 12, (name) => name("Host.Example")],
  ["MINFO", 14, (name) => Buffer.concat([name("RMailBx.Example"), name("EMailBx.Example")])],
  ["RP", 17, (name) => Buffer.concat([name("Admin.Example"), name("Info.Example")])],
  ["AFSDB", 18, (name) => Buffer.concat([u16(0x4142), name("AFS.Example")])],
  ["RT", 21, (name) => Buffer.concat([u16(0x4142), name("Relay.Example")])],
  [
    "SIG",
    24,
    (name) =>
      Buffer.concat([
        Buffer.from("ABCDEFGHIJKLMNOPQR", "latin1"),
        name("Signer.Example"),
        Buffer.from("SIGNATURE", "latin1"),
      ]),
  ],
  [
    "PX",
    26,
    (name) => Buffer.concat([u16(0x4142), name("Map822.Example"), name("MapX400.Example")]),
  ],
  ["NXT", 30, (name) => Buffer.concat([name("Next.Example"), Buffer.from("BITMAP", "latin1")])],
  ["SRV", 33, (name) => Buffer.concat([Buffer.from("ABCDEF", "latin1"), name("SIP.Example")])],
  [
    "NAPTR",
    35,
    (name) =>
      Buffer.concat([
        u16(0x4142),
        u16(0x4344),
        characterString("S"),
        characterString("SIP+D2U"),
        characterString("!^.*$!SIP:Info@Example!"),
        name("_SIP._UDP.Example"),
      ]),
  ],
  ["KX", 36, (name) => Buffer.concat([u16(0x4142), name("KX.Example")])],
  ["DNAME", 39, (name) => name("Target.Example")],
];

describe("canonical form of RDATA (RFC 4034 §6.2 rule 3, RFC 3597 §7)", () => {
  it.each(TYPES_WITH_NAMES)(
    "lower-cases the names in %s RDATA and nothing else",
    (_, type, rdata) => {
      const asServed = rdata(wireName);
      const lowered = rdata((text) => wireName(text.toLowerCase()));
      expect(asServed.equals(lowered)).toBe(false);
      expect(canonicalRdata(type, asServed)).toEqual({ ok: true, value: lowered });
    },
  );

  it("folds the ASCII letters A to Z, and no other octet (RFC 4343)", () => {
    expect(canonicalRdata(TYPE.NS, wireName("ABCDEFGHIJKLMNOPQRSTUVWXYZ@[`{.Example"))).toEqual({
      ok: true,
      value: wireName("abcdefghijklmnopqrstuvwxyz@[`{.example"),
    });
  });

  it("refuses NAPTR RDATA cut off before or inside a character-string, reading nothing past it", () => {
    const shorter = { ok: false, detail: "type 35 RDATA shorter than its fields" };
    expect(canonicalRdata(35, Buffer.concat([u16(10), u16(20)]))).toEqual(shorter);
    expect(
      canonicalRdata(35, Buffer.concat([u16(10), u16(20), Buffer.from("0553", "hex")])),
    ).toEqual(shorter);
  });
});

/** An RRSIG over `typeCovered` by example. with `labels` in its Labels field, as parsed. */
function rrsigOver(typeCovered: number, labelsField: number) {
  const parsed = parseRrsig(
    rrsigRdata({
      typeCovered,
      algorithm: 15,
      labels: labelsField,
      originalTtl: 300,
      expiration: 0,
      inception: 0,
      keyTag: 1,
      signer: "example",
      signatureBase64: "AA==",
    }),
  );
  if (!parsed.ok) throw new Error(parsed.detail);
  return parsed.value;
}

describe("the octets an RRSIG signs (RFC 4034 §3.1.8.1, RFC 4035 §5.3.2)", () => {
  it("signs the owner as the root wildcard `*` when Labels is 0", () => {
    const data = signedData(rrsigOver(TYPE.A, 0), [
      record("a.example", TYPE.A, 3600, aRdata("192.0.2.1")),
    ]);
    // Signer, then owner "*" (01 2a 00), type A, class IN, Original TTL 300, RDLENGTH 4, RDATA.
    expect(data.ok && hex(data.value.subarray(18))).toBe(
      `${hex(wireName("example"))}012a00000100010000012c0004c0000201`,
    );
  });

  it("takes only records of one class and one owner: another class or owner is not the RRset", () => {
    const a = record("a.example", TYPE.A, 3600, aRdata("192.0.2.1"));
    const refused = {
      ok: false,
      detail: "records of different owners or classes are not one RRset",
    };
    expect(signedData(rrsigOver(TYPE.A, 2), [a, { ...a, class: 3 }])).toEqual(refused);
    // An owner of the same length, so only the labels tell them apart.
    const b = record("b.example", TYPE.A, 3600, aRdata("192.0.2.2"));
    expect(signedData(rrsigOver(TYPE.A, 2), [a, b])).toEqual(refused);
  });

  it("takes RDATA of 65535 octets, the most RDLENGTH can say, and refuses one octet more", () => {
    const privateType = 65280;
    const longest = record("a.example", privateType, 60, Buffer.alloc(0xffff, 0x41));
    const data = signedData(rrsigOver(privateType, 2), [longest]);
    if (!data.ok) throw new Error(data.detail);
    const rdlength = data.value.length - 0xffff - 2;
    expect(data.value.readUInt16BE(rdlength)).toBe(0xffff);
    expect(data.value.subarray(rdlength + 2).equals(longest.rdata)).toBe(true);
    const over = { ...longest, rdata: Buffer.alloc(0x10000) };
    expect(signedData(rrsigOver(privateType, 2), [over])).toEqual({
      ok: false,
      detail: "RDATA longer than 65535 octets",
    });
  });

  it("verifies a signature over 512 records, the most examined, and examines no RRset of 513", () => {
    const zone = "example";
    const key = makeKey(zone, ZSK_FLAGS);
    const ns = Array.from({ length: 512 }, (_, i) =>
      record(zone, TYPE.NS, 3600, wireName(`ns${i}.example`)),
    );
    const signature = signRrset(zone, ns, key);
    expect(checkOne(zone, [key.record], ns, signature, NOW)).toMatchObject({
      result: "valid",
      keyTag: key.tag,
    });
    const more = [...ns, record(zone, TYPE.NS, 3600, wireName("ns512.example"))];
    expect(checkOne(zone, [key.record], more, signature, NOW)).toEqual({
      result: "malformed",
      detail: "RRset of 513 records, over the 512 examined",
    });
  });

  it("RRSIGs over an SOA RRset the server did not send: SOA missing, and no verification spent", () => {
    const zone = "example.org";
    const apex = signedApex(zone);
    const [soaSignature] = apex.soa.signatures;
    if (soaSignature === undefined) throw new Error("unsigned");
    // The ZSK served four times: each RRSIG by its tag has four keys to try, as many as allowed,
    // so 16 RRSIGs verified against nothing would spend the whole verification budget.
    const [ksk, zsk] = apex.dnskey.records;
    if (ksk === undefined || zsk === undefined) throw new Error("no keys");
    const result = validateDelegation({
      zone,
      ds: [ds(zone, apex.ksk)],
      ...apex,
      dnskey: { ...apex.dnskey, records: [ksk, zsk, zsk, zsk, zsk] },
      soa: { records: [], signatures: Array.from({ length: 16 }, () => soaSignature) },
      now: NOW,
    });
    expect(result.soa).toEqual({ status: "missing" });
    expect(result.ns).toMatchObject({ status: "valid", signedBy: [apex.zsk.tag] });
    expect(result.verdict).toEqual({ status: "bogus", reasons: ["soa-missing"] });
    expect(result.warnings).toEqual([]);
  });
});

/** The 18 fixed RRSIG octets (RFC 4034 §3.1), then `rest`. */
const rrsigWith = (rest: string) => Buffer.concat([Buffer.alloc(18, 1), Buffer.from(rest, "hex")]);

describe("DNSSEC RDATA (RFC 4034 §2.1, §3.1, §5.1)", () => {
  it("DNSKEY: flags, protocol, algorithm and at least one octet of key", () => {
    expect(parseDnskey(Buffer.from("01010308", "hex"))).toEqual({
      ok: false,
      detail: "DNSKEY RDATA of 4 octets, too short for a key",
    });
    const shortest = parseDnskey(Buffer.from("01010308ab", "hex"));
    expect(shortest.ok && hex(shortest.value.publicKey)).toBe("ab");
  });

  it("RRSIG: 18 fixed octets, then an uncompressed signer name and a signature", () => {
    expect(parseRrsig(Buffer.alloc(18, 1))).toEqual({
      ok: false,
      detail: "RRSIG RDATA of 18 octets, too short",
    });
    expect(parseRrsig(rrsigWith("00"))).toEqual({ ok: false, detail: "RRSIG without a signature" });
    // RFC 4034 §3.1.7: the Signer's Name MUST NOT be compressed.
    expect(parseRrsig(rrsigWith("c000ab"))).toEqual({
      ok: false,
      detail: "RRSIG signer name: compression pointer where none is allowed",
    });
    const shortest = parseRrsig(rrsigWith("00ab"));
    expect(shortest.ok && [hex(shortest.value.signerName), hex(shortest.value.signature)]).toEqual([
      "00",
      "ab",
    ]);
  });

  it("DS: key tag, algorithm, digest type and at least one octet of digest", () => {
    expect(parseDs(Buffer.from("3a1f0d02", "hex"))).toEqual({
      ok: false,
      detail: "DS RDATA of 4 octets, too short",
    });
    expect(parseDs(Buffer.from("3a1f0d02ab", "hex"))).toEqual({
      ok: true,
      value: { keyTag: 0x3a1f, algorithm: 13, digestType: 2, digest: "ab" },
    });
  });
});
