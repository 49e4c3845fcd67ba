// Fuzz-style: thousands of random and mutated packets into the response path, directly into the
// acceptance function and over real UDP and TCP sockets. No exception may escape; every packet is
// ignored, malformed, or a valid message the classifiers read without throwing.

import { createSocket, type Socket } from "node:dgram";
import { createServer, type Server } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  answerFromZones,
  encodeReply,
  indexZones,
  parseQuery,
} from "../../../src/lab/dns-answer.js";
import { a, aaaa, ds, ns, zone } from "../../../src/lab/dns-records.js";
import { type LabDns, startLabDns } from "../../../src/lab/dns-world.js";
import {
  classifyServerAnswer,
  readZoneReply,
  soaSerial,
} from "../../../src/observe/dns/classify.js";
import type { ServerAnswer } from "../../../src/observe/dns/types.js";
import {
  acceptResponse,
  encodeQuery,
  MAX_UDP_REPLY_BYTES,
  type PendingQuery,
} from "../../../src/observe/dns/wire.js";
import { labWalker } from "../../support/lab-walker.js";

/** mulberry32: a small seeded PRNG, so a failure can be replayed. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEED = Number(process.env.FUZZ_SEED ?? 20_260_521);

const ANSWER_KINDS = new Set<ServerAnswer["kind"]>([
  "authoritative",
  "refused",
  "servfail",
  "nxdomain",
  "rcode",
  "not-authoritative",
  "timeout",
  "unreachable",
  "malformed",
  "blocked",
]);

const zones = indexZones([
  zone("com", [
    ns("example.com", "ns1.example.com"),
    ns("example.com", "ns2.example.net"),
    a("ns1.example.com", "192.0.2.1"),
    aaaa("ns1.example.com", "2001:db8::1"),
    ds("example.com", { keyTag: 7, algorithm: 8, digestType: 2, digest: "a1".repeat(32) }),
  ]),
  zone("example.org", [ns("example.org", "ns1.example.org"), a("ns1.example.org", "192.0.2.2")]),
  zone("fuzz.example", [ns("fuzz.example", "ns.fuzz.example")]),
]);

/** Valid replies to `pending`'s question and friends: the corpus mutations start from. */
function corpus(pending: PendingQuery): Buffer[] {
  const questions = [
    pending.question,
    { name: "example.org", type: "NS" as const },
    { name: "nothing.com", type: "A" as const },
    { name: "example.org", type: "SOA" as const },
    { name: "elsewhere.net", type: "NS" as const },
  ];
  return questions.map((question) => {
    const query = parseQuery(encodeQuery(pending.id, question));
    if (query === undefined) throw new Error("unparsable query");
    const reply = encodeReply(query, answerFromZones(zones, query));
    return reply;
  });
}

function mutate(random: () => number, original: Buffer): Buffer {
  const bytes = Buffer.from(original);
  const pick = (n: number) => Math.floor(random() * n);
  switch (pick(6)) {
    case 0: // flip a few bits anywhere after the ID
      for (let i = 0, n = 1 + pick(8); i < n; i++) {
        const at = 2 + pick(bytes.length - 2);
        bytes[at] = (bytes[at] as number) ^ (1 << pick(8));
      }
      return bytes;
    case 1: // cut short
      return bytes.subarray(0, pick(bytes.length));
    case 2: // inflate a section count
      bytes.writeUInt16BE(pick(65536), 4 + 2 * pick(4));
      return bytes;
    case 3: // random bytes appended
      return Buffer.concat([
        bytes,
        Buffer.from(Array.from({ length: 1 + pick(64) }, () => pick(256))),
      ]);
    case 4: // a compression pointer aimed anywhere
      if (bytes.length > 14)
        bytes.writeUInt16BE(0xc000 | pick(bytes.length + 64), 12 + pick(bytes.length - 13));
      return bytes;
    default: // overwrite a random run with random bytes
      for (
        let at = 2 + pick(bytes.length - 2), n = pick(16);
        n > 0 && at < bytes.length;
        n--, at++
      ) {
        bytes[at] = pick(256);
      }
      return bytes;
  }
}

function checkVerdict(pending: PendingQuery, bytes: Buffer, tally: Record<string, number>): void {
  const verdict = acceptResponse(pending, bytes, MAX_UDP_REPLY_BYTES, {
    address: pending.address,
    port: pending.port,
  });
  tally[verdict.kind] = (tally[verdict.kind] ?? 0) + 1;
  if (verdict.kind !== "accepted") return;
  const message = verdict.message;
  // Whatever decoded must be readable by every classifier without throwing.
  const reply = readZoneReply(message, "com", pending.question.name);
  expect(["referral", "answer", "nxdomain", "nodata", "lame"]).toContain(reply.kind);
  expect(ANSWER_KINDS.has(classifyServerAnswer(message, pending.question.name).kind)).toBe(true);
  soaSerial(message, pending.question.name);
  for (const record of [...message.answers, ...message.authorities, ...message.additionals]) {
    expect(typeof record.name).toBe("string");
    if (record.type === "A" || record.type === "AAAA" || record.type === "NS") {
      expect(typeof record.data).toBe("string");
    }
  }
}

describe("fuzzing the response path directly", () => {
  const pending: PendingQuery = {
    id: 0x4d2,
    question: { name: "example.com", type: "NS" },
    address: "127.0.0.1",
    port: 53,
  };

  it(`random packets (seed ${SEED}): ignored or malformed, never thrown`, () => {
    const random = prng(SEED);
    const tally: Record<string, number> = {};
    for (let i = 0; i < 5000; i++) {
      const bytes = Buffer.from(
        Array.from({ length: Math.floor(random() * 600) }, () => Math.floor(random() * 256)),
      );
      // Half of them carry the right ID and QR, so they reach the decoder.
      if (i % 2 === 0 && bytes.length >= 3) {
        bytes.writeUInt16BE(pending.id, 0);
        bytes[2] = ((bytes[2] as number) | 0x80) & ~0x78;
      }
      checkVerdict(pending, bytes, tally);
    }
    expect((tally.ignored ?? 0) + (tally.malformed ?? 0) + (tally.accepted ?? 0)).toBe(5000);
    expect(tally.malformed).toBeGreaterThan(1000);
    expect(tally.ignored).toBeGreaterThan(2000);
  });

  it(`mutated valid replies (seed ${SEED}): classified, never thrown`, () => {
    const random = prng(SEED + 1);
    const replies = corpus(pending);
    const tally: Record<string, number> = {};
    for (let i = 0; i < 20_000; i++) {
      checkVerdict(pending, mutate(random, replies[i % replies.length] as Buffer), tally);
    }
    // The mutations reach every outcome: some still decode, many do not, some fail the checks.
    expect(tally.accepted).toBeGreaterThan(500);
    expect(tally.malformed).toBeGreaterThan(500);
    expect(tally.ignored).toBeGreaterThan(500);
  });
});

describe("fuzzing over sockets", () => {
  let lab: LabDns;
  let udp: Socket;
  let tcp: Server;
  const random = prng(SEED + 2);

  beforeAll(async () => {
    // A hostile name server for fuzz.example on host 66, speaking both UDP and TCP, and a lab
    // root that delegates to it. The hostile server answers every query with a mutation of a
    // valid reply; one in four valid-looking replies sets TC to push the walker onto TCP.
    lab = await startLabDns(({ host }) => ({
      servers: [
        {
          name: "root",
          host: 1,
          zones: [
            zone(".", [
              ns(".", "a.root.lab"),
              a("a.root.lab", host(1)),
              ns("fuzz.example", "ns.fuzz.example"),
              a("ns.fuzz.example", host(66)),
            ]),
          ],
        },
      ],
    }));
    const address = `${lab.net.prefix}.66`;
    const fuzzed = (query: Buffer): Buffer => {
      const parsed = parseQuery(query);
      if (parsed === undefined) return Buffer.alloc(0);
      const valid = encodeReply(parsed, answerFromZones(zones, parsed));
      return random() < 0.25 ? valid : mutate(random, valid);
    };
    udp = createSocket("udp4");
    udp.on("message", (query, rinfo) => {
      const reply = fuzzed(query);
      if (random() < 0.25 && reply.length > 3) reply[2] = (reply[2] as number) | 0x02; // TC
      udp.send(reply, rinfo.port, rinfo.address);
    });
    await new Promise<void>((resolve) => udp.bind(lab.port, address, resolve));
    tcp = createServer((socket) => {
      socket.on("error", () => {});
      socket.once("data", (frame: Buffer) => {
        const reply = fuzzed(frame.subarray(2));
        const framed = Buffer.alloc(2 + reply.length);
        // Sometimes a lying length prefix, sometimes split writes, sometimes an early close.
        framed.writeUInt16BE(random() < 0.2 ? Math.floor(random() * 65536) : reply.length, 0);
        reply.copy(framed, 2);
        const cut = Math.floor(random() * framed.length);
        socket.write(framed.subarray(0, cut));
        setTimeout(() => {
          if (random() < 0.2) socket.destroy();
          else socket.end(framed.subarray(cut));
        }, 1);
      });
    });
    await new Promise<void>((resolve) => tcp.listen(lab.port, address, resolve));
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => udp?.close(() => resolve()));
    await new Promise<void>((resolve) => tcp?.close(() => resolve()));
    await lab?.close();
  });

  it("300 walks against a hostile server end in a classification, never an exception", async () => {
    const walker = labWalker(lab, { timeoutMs: 400 });
    const observations = await Promise.all(
      Array.from({ length: 300 }, () => walker.walk("fuzz.example")),
    );
    const kinds = new Map<string, number>();
    for (const observation of observations) {
      // The root is well behaved, so the walk always reaches the hostile server.
      expect(observation.kind).toBe("delegated");
      if (observation.kind !== "delegated") continue;
      for (const ns of observation.nameservers) {
        for (const probe of ns.probes) {
          expect(ANSWER_KINDS.has(probe.answer.kind)).toBe(true);
          kinds.set(probe.answer.kind, (kinds.get(probe.answer.kind) ?? 0) + 1);
        }
      }
    }
    const stats = walker.stats();
    expect(stats.malformed).toBeGreaterThan(0);
    expect(stats.tcp).toBeGreaterThan(0);
    expect(kinds.get("authoritative") ?? 0).toBeGreaterThan(0);
    await walker.close();
  });
});
