// Wire names, canonical form and order, and reading records out of DNS messages.

import dnsPacket from "dns-packet";
import { describe, expect, it } from "vitest";
import {
  canonicalRdata,
  canonicalRdataSet,
  signedData,
} from "../../src/observe/dns/dnssec/canonical.js";
import { recordsFromMessage } from "../../src/observe/dns/dnssec/message.js";
import { nameFromText, nameToText, readName } from "../../src/observe/dns/dnssec/name.js";
import { parseRrsig } from "../../src/observe/dns/dnssec/rdata.js";
import {
  aRdata,
  dnskeyRdata,
  mxRdata,
  record,
  rrsigRdata,
  soaRdata,
  TYPE,
  wireName,
} from "./support/records.js";

const hex = (octets: Uint8Array) => Buffer.from(octets).toString("hex");

describe("names", () => {
  it("reads presentation names with RFC 1035 escapes, absolute with or without the dot", () => {
    expect(hex(wireName("Example.COM."))).toBe("074578616d706c6503434f4d00");
    expect(hex(wireName("example.com"))).toBe(hex(wireName("example.com.")));
    expect(hex(wireName("."))).toBe("00");
    expect(hex(wireName("a\\.b.c"))).toBe("03612e620163" + "00");
    expect(hex(wireName("\\065\\\\.x"))).toBe("02415c017800");
  });

  it("refuses what is not a name", () => {
    expect(nameFromText("a..b")).toEqual({ ok: false, detail: "empty label" });
    expect(nameFromText(`${"a".repeat(64)}.com`)).toEqual({
      ok: false,
      detail: "label longer than 63 octets",
    });
    expect(nameFromText(Array.from({ length: 5 }, () => "a".repeat(63)).join("."))).toEqual({
      ok: false,
      detail: "name longer than 255 octets",
    });
    expect(nameFromText("bücher.de")).toEqual({
      ok: false,
      detail: "non-ASCII character (use the A-label)",
    });
    expect(nameFromText("a\\999")).toEqual({ ok: false, detail: "escape \\999 is above 255" });
    expect(nameFromText("a\\")).toEqual({ ok: false, detail: "dangling backslash" });
  });

  it("prints names for people, escaping what is not printable", () => {
    expect(nameToText(wireName("Www.Example.com."))).toBe("Www.Example.com");
    expect(nameToText(wireName("."))).toBe(".");
    expect(nameToText(Buffer.from("03612e6202200a00", "hex"))).toBe("a\\.b.\\032\\010");
  });

  it("follows backward compression pointers only", () => {
    const message = Buffer.from("076578616d706c6500" + "03777777c000" + "c00f", "hex");
    const www = readName(message, 9, true);
    expect(www.ok && [nameToText(www.name), www.end]).toEqual(["www.example", 15]);
    expect(readName(message, 9, false)).toEqual({
      ok: false,
      detail: "compression pointer where none is allowed",
    });
    expect(readName(message, 15, true)).toEqual({
      ok: false,
      detail: "compression pointer that is not backwards",
    });
    expect(readName(Buffer.from("04777777", "hex"), 0)).toEqual({
      ok: false,
      detail: "label runs past the end of the data",
    });
    expect(readName(Buffer.from("03777777", "hex"), 0)).toEqual({
      ok: false,
      detail: "name runs past the end of the data",
    });
    expect(readName(Buffer.from("4000", "hex"), 0)).toEqual({
      ok: false,
      detail: "unknown label type 0x40",
    });
  });
});

describe("canonical form (RFC 4034 §6.2, RFC 6840 §5.1)", () => {
  it("lower-cases the names in SOA, NS, MX and RRSIG RDATA and nothing else", () => {
    const soa = soaRdata("NS1.Example.COM", "Host.Master.example.com", [1, 2, 3, 4, 5]);
    expect(canonicalRdata(TYPE.SOA, soa)).toEqual({
      ok: true,
      value: soaRdata("ns1.example.com", "host.master.example.com", [1, 2, 3, 4, 5]),
    });
    expect(canonicalRdata(TYPE.NS, wireName("NS.Example.com"))).toEqual({
      ok: true,
      value: wireName("ns.example.com"),
    });
    expect(canonicalRdata(TYPE.MX, mxRdata(0x4142, "MAIL.x"))).toEqual({
      ok: true,
      value: mxRdata(0x4142, "mail.x"),
    });
    const rrsig = rrsigRdata({
      typeCovered: 1,
      algorithm: 15,
      labels: 2,
      originalTtl: 60,
      expiration: 0x41424344,
      inception: 0x45464748,
      keyTag: 0x494a,
      signer: "Example.COM",
      signatureBase64: Buffer.from("ABCD").toString("base64"),
    });
    const canonical = canonicalRdata(TYPE.RRSIG, rrsig);
    expect(canonical.ok && canonical.value.subarray(18).toString("latin1")).toBe(
      "\x07example\x03com\x00ABCD",
    );
    expect(canonical.ok && canonical.value.subarray(0, 18)).toEqual(rrsig.subarray(0, 18));
  });

  it("keeps the case of NSEC's Next Domain Name, and of RDATA without names", () => {
    const nsec = Buffer.concat([wireName("WWW.Example.com"), Buffer.from("000140", "hex")]);
    expect(canonicalRdata(TYPE.NSEC, nsec)).toEqual({ ok: true, value: nsec });
    const hinfo = Buffer.from("\x03CPU\x02OS", "latin1");
    expect(canonicalRdata(13, hinfo)).toEqual({ ok: true, value: hinfo });
    const key = dnskeyRdata(256, 3, 15, Buffer.from("ABCDEFGH").toString("base64"));
    expect(canonicalRdata(TYPE.DNSKEY, key)).toEqual({ ok: true, value: key });
  });

  it("refuses RDATA that does not fit its type's layout", () => {
    const soa = soaRdata("a", "b", [1, 2, 3, 4, 5]);
    expect(canonicalRdata(TYPE.SOA, soa.subarray(0, soa.length - 1))).toEqual({
      ok: false,
      detail: "type 6 RDATA shorter than its fields",
    });
    expect(canonicalRdata(TYPE.NS, Buffer.concat([wireName("a"), Buffer.from([0])]))).toEqual({
      ok: false,
      detail: "type 2 RDATA longer than its fields",
    });
    expect(canonicalRdata(TYPE.NS, Buffer.from("c00c", "hex"))).toEqual({
      ok: false,
      detail: "type 2 RDATA: compression pointer where none is allowed",
    });
  });

  it("orders RDATA as octet strings, shorter first, and drops duplicates (RFC 4034 §6.3)", () => {
    const set = ["0102", "01", "0001", "01", "0102"].map((rdata) =>
      record("x", 99, 60, Buffer.from(rdata, "hex")),
    );
    const sorted = canonicalRdataSet(99, set);
    expect(sorted.ok && sorted.value.map(hex)).toEqual(["0001", "01", "0102"]);
  });

  it("signs the wildcard owner when Labels is shorter than the owner, refuses a longer one", () => {
    const template = (labels: number) => {
      const rdata = rrsigRdata({
        typeCovered: 1,
        algorithm: 15,
        labels,
        originalTtl: 300,
        expiration: 0,
        inception: 0,
        keyTag: 1,
        signer: "Example",
        signatureBase64: "AA==",
      });
      const parsed = parseRrsig(rdata);
      if (!parsed.ok) throw new Error(parsed.detail);
      return parsed.value;
    };
    const a = [record("A.B.Example", TYPE.A, 3600, aRdata("192.0.2.1"))];
    const data = signedData(template(2), a);
    // RRSIG fields, lower-cased signer, then "*.b.example", type, class, Original TTL 300, RDATA.
    expect(data.ok && hex(data.value.subarray(18))).toBe(
      `${hex(wireName("example"))}${hex(wireName("*.b.example"))}000100010000012c0004c0000201`,
    );
    expect(signedData(template(4), a)).toEqual({
      ok: false,
      detail: "RRSIG Labels 4 exceeds the 3 labels of the owner",
    });
    const mixed = [...a, record("other.example", TYPE.A, 3600, aRdata("192.0.2.2"))];
    const aaaa = [record("a.b.example", 28, 3600, Buffer.alloc(16))];
    expect(signedData(template(3), aaaa)).toEqual({
      ok: false,
      detail: "RRSIG covers type 1, not type 28",
    });
    expect(signedData(template(3), mixed)).toEqual({
      ok: false,
      detail: "records of different owners or classes are not one RRset",
    });
  });
});

describe("recordsFromMessage", () => {
  const reply = dnsPacket.encode({
    type: "response",
    id: 7,
    flags: dnsPacket.AUTHORITATIVE_ANSWER,
    questions: [{ name: "Example.com", type: "SOA", class: "IN" }],
    answers: [
      {
        name: "example.com",
        type: "SOA",
        ttl: 300,
        data: {
          mname: "NS1.example.com",
          rname: "hostmaster.example.com",
          serial: 7,
          refresh: 1,
          retry: 2,
          expire: 3,
          minimum: 4,
        },
      },
      { name: "example.com", type: "NS", ttl: 300, data: "ns2.Example.com" },
    ],
    authorities: [
      {
        name: "example.com",
        type: "DS",
        ttl: 60,
        data: { keyTag: 1, algorithm: 13, digestType: 2, digest: Buffer.alloc(32, 1) },
      },
    ],
  });

  it("returns every record with owner and RDATA names uncompressed and their case kept", () => {
    const read = recordsFromMessage(reply);
    if (!read.ok) throw new Error(read.detail);
    const { answers, authorities, additionals } = read.records;
    expect(answers.map((rr) => [nameToText(rr.owner), rr.type, rr.class, rr.ttl])).toEqual([
      ["example.com", TYPE.SOA, 1, 300],
      ["example.com", TYPE.NS, 1, 300],
    ]);
    expect(hex(answers[0]?.rdata ?? Buffer.alloc(0))).toBe(
      hex(soaRdata("NS1.example.com", "hostmaster.example.com", [7, 1, 2, 3, 4])),
    );
    expect(hex(answers[1]?.rdata ?? Buffer.alloc(0))).toBe(hex(wireName("ns2.Example.com")));
    expect(hex(authorities[0]?.rdata ?? Buffer.alloc(0))).toBe(`00010d02${"01".repeat(32)}`);
    expect(additionals).toEqual([]);
  });

  it("refuses messages it cannot read whole", () => {
    expect(recordsFromMessage(reply.subarray(0, 11))).toEqual({
      ok: false,
      detail: "shorter than a DNS header",
    });
    expect(recordsFromMessage(reply.subarray(0, reply.length - 3)).ok).toBe(false);
    const tooMany = Buffer.from(reply);
    tooMany.writeUInt16BE(3, 6);
    expect(recordsFromMessage(tooMany).ok).toBe(false);
    const looped = Buffer.from("000084000001000000000000c00c00020001", "hex");
    expect(recordsFromMessage(looped)).toEqual({
      ok: false,
      detail: "question 1: compression pointer that is not backwards",
    });
  });
});
