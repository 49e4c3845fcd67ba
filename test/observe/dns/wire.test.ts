// The query on the wire and the RFC 5452 acceptance rule, without sockets.

import dnsPacket from "dns-packet";
import { describe, expect, it } from "vitest";
import {
  acceptResponse,
  encodeQuery,
  MAX_UDP_REPLY_BYTES,
  type PendingQuery,
} from "../../../src/observe/dns/wire.js";

const pending: PendingQuery = {
  id: 4242,
  question: { name: "example.com", type: "NS" },
  address: "127.9.9.9",
  port: 5353,
};
const from = { address: "127.9.9.9", port: 5353 };
const MAX = MAX_UDP_REPLY_BYTES;

function reply(overrides: Partial<dnsPacket.Packet> = {}, questionName = "example.com"): Buffer {
  return dnsPacket.encode({
    type: "response",
    id: 4242,
    flags: dnsPacket.AUTHORITATIVE_ANSWER,
    questions: [{ name: questionName, type: "NS", class: "IN" }],
    answers: [{ name: "example.com", type: "NS", ttl: 300, data: "ns1.example.net" }],
    ...overrides,
  });
}

describe("encodeQuery", () => {
  it("is one question, RD clear, with EDNS0 (1232 bytes, DO set)", () => {
    const decoded = dnsPacket.decode(encodeQuery(77, { name: "www.example.com", type: "AAAA" }));
    expect(decoded.id).toBe(77);
    expect(decoded.type).toBe("query");
    expect(decoded.flag_rd).toBe(false);
    expect(decoded.questions).toEqual([{ name: "www.example.com", type: "AAAA", class: "IN" }]);
    const opt = decoded.additionals?.[0];
    expect(opt?.type).toBe("OPT");
    expect(opt?.type === "OPT" && [opt.udpPayloadSize, opt.flag_do]).toEqual([1232, true]);
  });

  it("encodes the root", () => {
    expect(dnsPacket.decode(encodeQuery(1, { name: ".", type: "NS" })).questions?.[0]?.name).toBe(
      ".",
    );
  });
});

describe("acceptResponse", () => {
  it("accepts the matching reply, question compared case-insensitively", () => {
    const verdict = acceptResponse(pending, reply({}, "ExAmPlE.CoM"), MAX, from);
    expect(verdict.kind).toBe("accepted");
    expect(verdict.kind === "accepted" && verdict.message.answers).toEqual([
      { name: "example.com", ttl: 300, type: "NS", data: "ns1.example.net" },
    ]);
  });

  it("ignores a reply from another address or port", () => {
    expect(acceptResponse(pending, reply(), MAX, { address: "127.0.0.1", port: 5353 })).toEqual({
      kind: "ignored",
      reason: "reply from 127.0.0.1 port 5353",
    });
    expect(acceptResponse(pending, reply(), MAX, { address: "127.9.9.9", port: 53 }).kind).toBe(
      "ignored",
    );
  });

  it("ignores another ID, another question, another type, a query", () => {
    expect(acceptResponse(pending, reply({ id: 4243 }), MAX, from)).toMatchObject({
      reason: "ID mismatch",
    });
    expect(acceptResponse(pending, reply({}, "example.org"), MAX, from)).toMatchObject({
      kind: "ignored",
    });
    const wrongType = reply({ questions: [{ name: "example.com", type: "A", class: "IN" }] });
    expect(acceptResponse(pending, wrongType, MAX, from)).toMatchObject({ kind: "ignored" });
    expect(acceptResponse(pending, reply({ type: "query" }), MAX, from)).toMatchObject({
      reason: "not a response (QR clear)",
    });
    expect(acceptResponse(pending, reply({ questions: [] }), MAX, from)).toMatchObject({
      kind: "ignored",
    });
  });

  it("ignores a reply whose question has another class (CHAOS), name and type alike", () => {
    const chaos = reply({ questions: [{ name: "example.com", type: "NS", class: "CH" }] });
    expect(acceptResponse(pending, chaos, MAX, from)).toEqual({
      kind: "ignored",
      reason: "question mismatch (example.com NS CH)",
    });
  });

  it("accepts an error reply without a question (FORMERR, REFUSED ...)", () => {
    const refused = dnsPacket.encode({ type: "response", id: 4242, flags: 5, questions: [] });
    const verdict = acceptResponse(pending, refused, MAX, from);
    expect(verdict.kind === "accepted" && verdict.message.rcode).toBe(5);
  });

  it("classifies an undecodable reply with the right ID as malformed", () => {
    const good = reply();
    expect(acceptResponse(pending, good.subarray(0, good.length - 3), MAX, from).kind).toBe(
      "malformed",
    );
    expect(acceptResponse(pending, good.subarray(0, 7), MAX, from)).toEqual({
      kind: "malformed",
      detail: "truncated header (7 bytes)",
    });
    expect(acceptResponse(pending, good.subarray(0, 1), MAX, from).kind).toBe("ignored");
  });

  it("rejects address records with bad data instead of passing garbage on", () => {
    const bytes = reply({
      answers: [],
      additionals: [{ name: "ns1.example.net", type: "A", ttl: 1, data: "1.2.3.4" }],
    });
    // Shorten the A record's RDLENGTH and the message: dns-packet would read past the end.
    const cut = Buffer.from(bytes.subarray(0, bytes.length - 2));
    cut.writeUInt16BE(2, cut.length - 4);
    expect(acceptResponse(pending, cut, MAX, from).kind).toBe("malformed");
  });

  it("refuses a reply longer than the limit without decoding it, once ID and source match", () => {
    const padded = (bytes: Buffer, length: number) =>
      Buffer.concat([bytes, Buffer.alloc(length - bytes.length)]);
    expect(acceptResponse(pending, padded(reply(), MAX), MAX, from).kind).toBe("accepted");
    expect(acceptResponse(pending, padded(reply(), MAX + 1), MAX, from)).toEqual({
      kind: "malformed",
      detail: `reply of ${MAX + 1} bytes, over the ${MAX}-byte limit`,
    });
    // Nothing past the header is looked at: here, compression pointers all the way.
    const pointers = padded(reply(), 60_000).fill(0xc0, 12);
    expect(acceptResponse(pending, pointers, MAX, from)).toEqual({
      kind: "malformed",
      detail: `reply of 60000 bytes, over the ${MAX}-byte limit`,
    });
    expect(acceptResponse(pending, padded(reply({ id: 4243 }), MAX + 1), MAX, from).kind).toBe(
      "ignored",
    );
  });
});
