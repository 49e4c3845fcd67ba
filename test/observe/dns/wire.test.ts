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

  it("writes every byte of the query, exactly as long as it must be", () => {
    // The query is built in a Buffer.allocUnsafe slice of Node's shared pool: a byte left
    // unwritten would carry whatever the pool held. Poisoning the pool makes such a byte show.
    poisonBufferPool();
    expect(encodeQuery(0x1234, { name: "example.com", type: "NS" }).toString("hex")).toBe(
      [
        "1234 0000 0001 0000 0000 0001", // ID, flags (QR, opcode, RD clear), one question, one OPT
        "07 6578616d706c65 03 636f6d 00 0002 0001", // example.com NS IN
        "00 0029 04d0 00 00 8000 0000", // OPT at the root: 1232 bytes, RCODE 0, version 0, DO
      ]
        .join("")
        .replaceAll(" ", ""),
    );
    poisonBufferPool();
    expect(encodeQuery(7, { name: ".", type: "NS" }).toString("hex")).toBe(
      "000700000001000000000001" + "00" + "00020001" + "00002904d000008000" + "0000",
    );
  });

  it("writes one byte per character, so a label's length counts what follows it", () => {
    // A label may hold any octet; as UTF-8, é would take two bytes behind a length that says one.
    const query = encodeQuery(1, { name: "caf\u00e9.example", type: "A" });
    expect(query.subarray(12, 12 + 14).toString("hex")).toBe(
      ["04 636166e9", "07 6578616d706c65", "00"].join("").replaceAll(" ", ""),
    );
    expect(query).toHaveLength(12 + 14 + 4 + 11);
  });
});

/**
 * Fills the free rest of Node's shared Buffer pool with 0xff, so the next small
 * `Buffer.allocUnsafe` returns poisoned memory rather than the zeros of a fresh pool.
 */
function poisonBufferPool(): void {
  const probe = Buffer.allocUnsafe(1);
  const free = probe.buffer.byteLength - probe.byteOffset - 8; // allocations are 8-byte aligned
  if (free < 128) {
    // Too little room: the next allocation would open a fresh pool, so use this one up first.
    Buffer.allocUnsafe(free);
    poisonBufferPool();
    return;
  }
  new Uint8Array(probe.buffer).fill(0xff, probe.byteOffset + 1);
}

/** A reply's header with these counts, followed by `length - 12` zero bytes. */
function headerOnly(counts: readonly [number, number, number, number], length: number): Buffer {
  const bytes = Buffer.alloc(length);
  bytes.writeUInt16BE(4242, 0);
  bytes.writeUInt16BE(0x8400, 2); // QR, AA
  counts.forEach((count, i) => {
    bytes.writeUInt16BE(count, 4 + 2 * i);
  });
  return bytes;
}

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

  it("accepts a TCP reply, whose sender the connection already pins", () => {
    expect(acceptResponse(pending, reply(), MAX).kind).toBe("accepted");
  });

  it("ignores a reply of another opcode (NOTIFY, UPDATE ...)", () => {
    const notify = reply();
    notify.writeUInt16BE(notify.readUInt16BE(2) | (4 << 11), 2); // OPCODE 4, NOTIFY
    expect(acceptResponse(pending, notify, MAX, from)).toEqual({
      kind: "ignored",
      reason: "not a QUERY opcode",
    });
  });

  it("ignores a query echoed back (QR clear)", () => {
    expect(acceptResponse(pending, reply({ type: "query" }), MAX, from)).toEqual({
      kind: "ignored",
      reason: "not a response (QR clear)",
    });
  });

  it("ignores a NOERROR reply that does not carry exactly one question, and an error reply with two", () => {
    expect(acceptResponse(pending, reply({ questions: [] }), MAX, from)).toEqual({
      kind: "ignored",
      reason: "0 questions",
    });
    const twice = { name: "example.com", type: "NS", class: "IN" } as const;
    const refusedTwice = dnsPacket.encode({
      type: "response",
      id: 4242,
      flags: 5,
      questions: [twice, twice],
    });
    expect(acceptResponse(pending, refusedTwice, MAX, from)).toEqual({
      kind: "ignored",
      reason: "2 questions",
    });
  });

  it("refuses, before decoding, section counts the message is too short to hold", () => {
    // A question takes at least 5 bytes and a record 11: one question and 1 + 2 + 3 records
    // need 12 + 5 + 66 = 83 bytes.
    const counts = [1, 1, 2, 3] as const;
    expect(acceptResponse(pending, headerOnly(counts, 82), MAX, from)).toEqual({
      kind: "malformed",
      detail: "section counts exceed the message length",
    });
    // At 83 bytes the counts fit and the message is decoded: its all-zero question is not ours.
    expect(acceptResponse(pending, headerOnly(counts, 83), MAX, from)).toMatchObject({
      kind: "ignored",
      reason: expect.stringMatching(/^question mismatch/),
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
    expect(acceptResponse(pending, good.subarray(0, 1), MAX, from)).toEqual({
      kind: "ignored",
      reason: "shorter than a message ID",
    });
    // Two bytes hold the ID: a reply to this query, cut short.
    expect(acceptResponse(pending, good.subarray(0, 2), MAX, from)).toEqual({
      kind: "malformed",
      detail: "truncated header (2 bytes)",
    });
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
