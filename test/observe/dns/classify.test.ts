// Reading replies, on messages built in memory: what counts as a referral, which glue is kept
// (RFC 2181 bailiwick), and how a delegated server's reply is classified.

import { describe, expect, it } from "vitest";
import { classifyServerAnswer, readZoneReply } from "../../../src/observe/dns/classify.js";
import type { DnsMessage, ResourceRecord } from "../../../src/observe/dns/message.js";

const nsRecord = (name: string, data: string): ResourceRecord => ({
  name,
  ttl: 3600,
  type: "NS",
  data,
});
const aRecord = (name: string, data: string): ResourceRecord => ({
  name,
  ttl: 3600,
  type: "A",
  data,
});

function message(overrides: Partial<DnsMessage>): DnsMessage {
  return {
    id: 1,
    aa: false,
    tc: false,
    rcode: 0,
    questionCount: 1,
    question: { name: "example.com", type: "NS", class: "IN" },
    answers: [],
    authorities: [],
    additionals: [],
    ...overrides,
  };
}

describe("readZoneReply", () => {
  it("keeps glue only inside the zone of the server that sent it", () => {
    const reply = readZoneReply(
      message({
        authorities: [
          nsRecord("example.com", "ns1.example.com"),
          nsRecord("example.com", "ns2.example.net"),
        ],
        additionals: [
          aRecord("ns1.example.com", "192.0.2.1"),
          // A com server has no authority over example.net: this is dropped.
          aRecord("ns2.example.net", "192.0.2.66"),
          // Not an NS target at all: dropped.
          aRecord("www.example.com", "192.0.2.80"),
        ],
      }),
      "com",
      "example.com",
    );
    expect(reply).toEqual({
      kind: "referral",
      referral: {
        zone: "example.com",
        ns: ["ns1.example.com", "ns2.example.net"],
        glue: [{ name: "ns1.example.com", addresses: ["192.0.2.1"] }],
        ds: [],
        ttl: 3600,
      },
    });
  });

  it("follows the deepest referral below the asked zone, never one above it", () => {
    const down = readZoneReply(
      message({
        authorities: [nsRecord("co.uk", "ns.co.uk"), nsRecord("shop.co.uk", "ns.shop.co.uk")],
      }),
      "uk",
      "www.shop.co.uk",
    );
    expect(down.kind === "referral" && down.referral.zone).toBe("shop.co.uk");
    const up = readZoneReply(
      message({ authorities: [nsRecord("com", "a.gtld.lab")] }),
      "com",
      "example.com",
    );
    expect(up).toEqual({
      kind: "lame",
      answer: { kind: "not-authoritative", detail: "upward-referral" },
    });
  });

  it("tells authoritative NXDOMAIN and NODATA apart from a non-authoritative NXDOMAIN", () => {
    expect(readZoneReply(message({ aa: true, rcode: 3 }), "com", "x.com").kind).toBe("nxdomain");
    expect(readZoneReply(message({ aa: true }), "com", "x.com").kind).toBe("nodata");
    expect(readZoneReply(message({ rcode: 3 }), "com", "x.com")).toEqual({
      kind: "lame",
      answer: { kind: "nxdomain" },
    });
  });
});

describe("classifyServerAnswer", () => {
  it.each([
    [
      { aa: true, answers: [nsRecord("example.com", "b.ns"), nsRecord("example.com", "a.ns")] },
      { kind: "authoritative", ns: ["a.ns", "b.ns"] },
    ],
    [{ aa: true }, { kind: "authoritative", ns: [] }],
    [{ rcode: 5 }, { kind: "refused" }],
    [{ rcode: 2 }, { kind: "servfail" }],
    [{ rcode: 3 }, { kind: "nxdomain" }],
    [{ rcode: 4 }, { kind: "rcode", rcode: "NOTIMP" }],
    [{ rcode: 12 }, { kind: "rcode", rcode: "RCODE12" }],
    [
      { answers: [nsRecord("example.com", "a.ns")] },
      { kind: "not-authoritative", detail: "no-aa" },
    ],
    [
      { authorities: [nsRecord(".", "a.root")] },
      { kind: "not-authoritative", detail: "upward-referral" },
    ],
    [
      { authorities: [nsRecord("com", "a.gtld")] },
      { kind: "not-authoritative", detail: "upward-referral" },
    ],
    [
      { authorities: [nsRecord("example.org", "ns.example.org")] },
      { kind: "not-authoritative", detail: "sideways-referral" },
    ],
    [
      { authorities: [nsRecord("example.com", "ns.example.com")] },
      { kind: "not-authoritative", detail: "no-aa" },
    ],
  ])("%j → %j", (overrides, expected) => {
    expect(classifyServerAnswer(message(overrides as Partial<DnsMessage>), "example.com")).toEqual(
      expected,
    );
  });
});
