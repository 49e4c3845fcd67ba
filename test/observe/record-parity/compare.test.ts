// The pure parts of record parity: record data as canonical text, one question's comparison, the
// merging of questions that reach one RRset, which names and types are asked, and which servers.
import { describe, expect, it } from "vitest";
import type { NameServerObservation } from "../../../src/observe/dns/types.js";
import { compareAnswers, mergeByRRset } from "../../../src/observe/record-parity/compare.js";
import { knownNames } from "../../../src/observe/record-parity/names.js";
import { rdataText } from "../../../src/observe/record-parity/rdata-text.js";
import type { ServerAnswer } from "../../../src/observe/record-parity/server-answer.js";
import { paritySideServers } from "../../../src/observe/record-parity/servers.js";

/** A name in uncompressed wire form. */
const wireName = (name: string): Buffer =>
  Buffer.concat([
    ...name
      .split(".")
      .map((label) => Buffer.concat([Buffer.from([label.length]), Buffer.from(label, "latin1")])),
    Buffer.from([0]),
  ]);

const answered = (type: string, ttl: number, data: string[]): ServerAnswer => ({
  kind: "answered",
  rrset: { type, ttl, data },
  nxdomain: false,
});
const empty: ServerAnswer = { kind: "answered", rrset: undefined, nxdomain: true };
const failed = (reason: string): ServerAnswer => ({ kind: "failed", reason });
const notAsked = (reason: string): ServerAnswer => ({ kind: "not-asked", reason });
const PAST_DEADLINE = "not asked: record parity's time limit of 1000 ms has passed";

describe("record data as canonical text", () => {
  it("lower-cases names and drops the trailing dot", () => {
    const mx = Buffer.concat([Buffer.from([0, 10]), wireName("Mail.Example.COM")]);
    expect(rdataText(15, mx)).toBe("10 mail.example.com");
    expect(rdataText(5, wireName("WWW.Example.com"))).toBe("www.example.com");
  });

  it("keeps TXT strings exact: split strings, quotes and non-printables are not joined or dropped", () => {
    const txt = Buffer.concat([Buffer.from([3]), Buffer.from('a"b'), Buffer.from([2, 0x41, 0x07])]);
    expect(rdataText(16, txt)).toBe('"a\\"b" "A\\007"');
    expect(rdataText(16, Buffer.from([2, 0x61, 0x62]))).not.toBe(
      rdataText(16, Buffer.from([1, 0x61, 1, 0x62])),
    );
  });

  it("writes IPv6 addresses in their canonical form and CAA tags in lower case", () => {
    const v6 = Buffer.alloc(16);
    v6.writeUInt16BE(0x2001, 0);
    v6.writeUInt16BE(0x0db8, 2);
    v6.writeUInt16BE(1, 14);
    expect(rdataText(28, v6)).toBe("2001:db8::1");
    const caa = Buffer.concat([Buffer.from([0, 5]), Buffer.from("ISSUEletsencrypt.org")]);
    expect(rdataText(257, caa)).toBe('0 issue "letsencrypt.org"');
  });

  it("shows other types and malformed data in the generic form, compared byte for byte", () => {
    expect(rdataText(65, Buffer.from([0, 1, 0]))).toBe("\\# 3 000100");
    expect(rdataText(1, Buffer.from([1, 2, 3]))).toBe("\\# 3 010203");
    expect(rdataText(15, Buffer.from([0, 10, 5, 0x61]))).toBe("\\# 4 000a0561");
  });
});

describe("comparing one question's answers", () => {
  it("equal data and TTL is equal; TTL alone is ttl-differs; other data differs", () => {
    const a = answered("A", 300, ["192.0.2.1"]);
    expect(compareAnswers("x.test", "A", a, a).kind).toBe("equal");
    expect(compareAnswers("x.test", "A", a, answered("A", 60, ["192.0.2.1"]))).toEqual({
      kind: "ttl-differs",
      name: "x.test",
      type: "A",
      oldTtl: 300,
      targetTtl: 60,
    });
    expect(compareAnswers("x.test", "A", a, answered("A", 300, ["192.0.2.2"])).kind).toBe(
      "differs",
    );
  });

  it("old has it and target not is missing; nothing on the old host, or only on the target, is equal", () => {
    const a = answered("A", 300, ["192.0.2.1"]);
    expect(compareAnswers("x.test", "A", a, empty).kind).toBe("missing");
    expect(compareAnswers("x.test", "A", empty, empty).kind).toBe("equal");
    expect(compareAnswers("x.test", "A", empty, a).kind).toBe("equal");
  });

  it("a side that was asked and failed leaves the RRset unanswered, with the side and reason", () => {
    const a = answered("A", 300, ["192.0.2.1"]);
    expect(compareAnswers("x.test", "A", failed("timed out (UDP)"), a)).toEqual({
      kind: "unanswered",
      name: "x.test",
      type: "A",
      reason: "old host: timed out (UDP)",
    });
    expect(compareAnswers("x.test", "A", a, failed("answered REFUSED"))).toEqual({
      kind: "unanswered",
      name: "x.test",
      type: "A",
      reason: "target host: answered REFUSED",
    });
  });

  it("a question a side was never sent is not asked, with the side and the limit: never equal, missing or differs", () => {
    const a = answered("A", 300, ["192.0.2.1"]);
    expect(compareAnswers("x.test", "A", notAsked(PAST_DEADLINE), a)).toEqual({
      kind: "not-asked",
      name: "x.test",
      type: "A",
      reason: `old host: ${PAST_DEADLINE}`,
    });
    expect(compareAnswers("x.test", "A", a, notAsked(PAST_DEADLINE))).toEqual({
      kind: "not-asked",
      name: "x.test",
      type: "A",
      reason: `target host: ${PAST_DEADLINE}`,
    });
  });

  it("a CNAME on the old host answered by an alias's addresses on the target differs, showing the type", () => {
    const cname = answered("CNAME", 300, ["d111.cdn.example"]);
    expect(compareAnswers("www.x.test", "A", cname, answered("A", 60, ["192.0.2.9"]))).toEqual({
      kind: "differs",
      name: "www.x.test",
      type: "CNAME",
      old: { ttl: 300, data: ["d111.cdn.example"] },
      target: { ttl: 60, data: ["192.0.2.9"], type: "A" },
    });
  });

  it("merges questions that reach one RRset: an answer beats a failure, differs beats missing", () => {
    const cname = answered("CNAME", 300, ["d111.cdn.example"]);
    const outcomes = [
      compareAnswers("www.x.test", "AAAA", cname, empty),
      compareAnswers("www.x.test", "A", cname, answered("A", 60, ["192.0.2.9"])),
      compareAnswers("www.x.test", "MX", failed("timed out (UDP)"), empty),
    ];
    expect(mergeByRRset(outcomes).map((o) => `${o.type} ${o.kind}`)).toEqual([
      "CNAME differs",
      "MX unanswered",
    ]);
  });

  it("a CNAME is missing at the target only when every question reaching it was asked", () => {
    const cname = answered("CNAME", 300, ["d111.cdn.example"]);
    // The A question, which would show a Route 53 alias (differs), was never sent.
    const cutShort = [
      compareAnswers("www.x.test", "MX", cname, empty),
      compareAnswers("www.x.test", "A", cname, notAsked(PAST_DEADLINE)),
      compareAnswers("www.x.test", "TXT", cname, empty),
    ];
    expect(mergeByRRset(cutShort)).toEqual([
      {
        kind: "not-asked",
        name: "www.x.test",
        type: "CNAME",
        reason: `target host: ${PAST_DEADLINE}`,
      },
    ]);
    // Asked and answered, the alias differs, whatever another question got.
    const asked = [
      compareAnswers("www.x.test", "MX", cname, empty),
      compareAnswers("www.x.test", "AAAA", cname, notAsked(PAST_DEADLINE)),
      compareAnswers("www.x.test", "A", cname, answered("A", 60, ["192.0.2.9"])),
    ];
    expect(mergeByRRset(asked).map((o) => o.kind)).toEqual(["differs"]);
    // A question sent and not answered usably (a timeout, REFUSED) says no more than one never
    // sent: the A question's answer might have been the alias, so the CNAME is not "missing" on
    // the word of the MX question; and an unanswered question outranks only "missing".
    const timedOut = [
      compareAnswers("www.x.test", "MX", cname, empty),
      compareAnswers("www.x.test", "A", cname, failed("timed out (UDP)")),
      compareAnswers("www.x.test", "AAAA", cname, notAsked(PAST_DEADLINE)),
    ];
    expect(mergeByRRset(timedOut)).toEqual([
      {
        kind: "not-asked",
        name: "www.x.test",
        type: "CNAME",
        reason: `target host: ${PAST_DEADLINE}`,
      },
    ]);
    expect(mergeByRRset(timedOut.slice(0, 2))).toEqual([
      {
        kind: "unanswered",
        name: "www.x.test",
        type: "CNAME",
        reason: "target host: timed out (UDP)",
      },
    ]);
    const answeredLater = [
      compareAnswers("www.x.test", "A", cname, failed("timed out (UDP)")),
      compareAnswers("www.x.test", "TXT", cname, cname),
    ];
    expect(mergeByRRset(answeredLater).map((o) => o.kind)).toEqual(["equal"]);
  });
});

describe("which names are asked", () => {
  const request = {
    zone: "Example.COM.",
    oldServers: [],
    targetServers: [],
    names: ["shop.example.com", "elsewhere.example.net"],
    dkimSelectors: ["google"],
    targetZoneRecords: [
      { name: "example.com.", type: "SOA" },
      { name: "example.com.", type: "NS" },
      { name: "www.example.com.", type: "CNAME" },
      { name: "*.example.com.", type: "A" },
      { name: "sub.example.com.", type: "NS" },
    ],
    maxNames: 10,
  };

  it("apex, policy names, _dmarc, DKIM selectors, www and listed names; apex SOA/NS left out by nature", () => {
    const plan = knownNames(request);
    expect(plan.names()).toEqual([
      { name: "example.com", types: ["MX", "TXT", "CAA", "A", "AAAA", "HTTPS"] },
      { name: "shop.example.com", types: ["A", "AAAA", "MX", "TXT"] },
      { name: "_dmarc.example.com", types: ["TXT"] },
      { name: "google._domainkey.example.com", types: ["TXT"] },
      { name: "www.example.com", types: ["A", "AAAA", "MX", "TXT", "CNAME"] },
    ]);
  });

  it("says why a name or listed record cannot be asked instead of dropping it", () => {
    expect(knownNames(request).unaskable).toEqual([
      {
        name: "elsewhere.example.net",
        type: "A/AAAA/MX/TXT",
        reason: "cannot be asked: not inside the zone example.com",
      },
      { name: "*.example.com", type: "A", reason: expect.stringContaining("cannot be asked") },
      {
        name: "sub.example.com",
        type: "NS",
        reason: "a delegation below the zone: its records are the child zone's, not compared here",
      },
    ]);
  });
});

describe("which servers of a side are asked", () => {
  const glued = (name: string, probes: NameServerObservation["probes"]): NameServerObservation => ({
    name,
    addresses: { kind: "ok", source: "glue", addresses: probes.map((p) => p.address) },
    probes,
  });
  const authoritative = { kind: "authoritative", ns: [] } as const;
  const ipv6Off = { kind: "not-probed", reason: { kind: "ipv6-off", cause: "disabled" } } as const;
  const capped = { kind: "not-probed", reason: { kind: "address-cap", limit: 8 } } as const;
  const blocked = { kind: "blocked", reason: "a loopback address" } as const;

  it("every address the walk asked, whatever it answered; none it did not ask, each named with why", () => {
    const observed: NameServerObservation[] = [
      glued("ns1.hover.com", [
        { address: "192.0.2.1", answer: authoritative, transport: "udp" },
        { address: "2001:db8::1", answer: ipv6Off, transport: "udp" },
        { address: "192.0.2.9", answer: { kind: "timeout" }, transport: "udp" },
      ]),
      glued("ns2.hover.com", [{ address: "192.0.2.2", answer: blocked, transport: "udp" }]),
      { name: "ns3.hover.com", addresses: { kind: "no-addresses" }, probes: [] },
    ];
    expect(paritySideServers("old", observed)).toEqual({
      servers: [
        { name: "ns1.hover.com", address: "192.0.2.1" },
        { name: "ns1.hover.com", address: "192.0.2.9" },
      ],
      notAsked: {
        side: "old",
        servers: [
          "ns1.hover.com (2001:db8::1): not probed: IPv6 is off",
          "ns2.hover.com (192.0.2.2): blocked: a loopback address",
          "ns3.hover.com: has no address records",
        ],
      },
    });
    expect(paritySideServers("target", [])).toEqual({ servers: [], notAsked: undefined });
  });

  it("a side none of whose addresses the walk asked says which servers and why, never 'no server is known'", () => {
    const observed: NameServerObservation[] = [
      glued("ns1.hover.com", [
        { address: "2001:db8::1", answer: ipv6Off, transport: "udp" },
        { address: "192.0.2.1", answer: capped, transport: "udp" },
        { address: "192.0.2.2", answer: capped, transport: "udp" },
      ]),
      glued("ns2.hover.com", [{ address: "192.0.2.3", answer: blocked, transport: "udp" }]),
      {
        name: "ns3.hover.com",
        addresses: { kind: "not-probed", reason: { kind: "walk-deadline", limitMs: 10_000 } },
        probes: [],
      },
      {
        name: "ns4.hover.com",
        addresses: { kind: "failed", reason: "no server of hover.com answered" },
        probes: [],
      },
    ];
    expect(paritySideServers("target", observed)).toBe(
      "no server of the target host was asked by the delegation walk: ns1.hover.com (2001:db8::1): not probed: IPv6 is off; ns1.hover.com (192.0.2.1, 192.0.2.2): not probed: the name server has more than 8 addresses, and a walk probes 8 per server; ns2.hover.com (192.0.2.3): blocked: a loopback address; ns3.hover.com: not probed: the walk had reached its 10 s deadline (a hostile or unresponsive zone?); ns4.hover.com: no addresses: no server of hover.com answered",
    );
  });
});
