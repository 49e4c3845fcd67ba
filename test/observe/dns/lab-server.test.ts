// The lab DNS server on its own, spoken to with plain dns-packet over real sockets: what other
// tests, the demo and the benchmark build on.

import { createSocket, type RemoteInfo } from "node:dgram";
import { connect } from "node:net";
import dnsPacket from "dns-packet";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { a, ds, mx, ns, zone } from "../../../src/lab/dns-records.js";
import { type LabDnsServer, startLabDnsServer } from "../../../src/lab/dns-server.js";
import { onFreeLoopbackNet, randomLoopbackNet } from "../../../src/lab/loopback.js";
import { toMasterFile } from "../../../src/lab/zone.js";

interface Received {
  readonly packet: dnsPacket.DecodedPacket;
  readonly bytes: Buffer;
  readonly from: RemoteInfo;
  /** Milliseconds from sending the query to receiving this datagram. */
  readonly afterMs: number;
}

/** Sends one query from an unconnected socket and collects every datagram for `waitMs`. */
async function udpAsk(
  server: LabDnsServer,
  query: dnsPacket.Packet,
  waitMs = 150,
): Promise<Received[]> {
  const socket = createSocket("udp4");
  const received: Received[] = [];
  let sentAt = 0;
  socket.on("message", (bytes, from) => {
    const afterMs = performance.now() - sentAt;
    let packet: dnsPacket.DecodedPacket;
    try {
      packet = dnsPacket.decode(bytes);
    } catch {
      packet = { flag_qr: true } as dnsPacket.DecodedPacket;
    }
    received.push({ packet, bytes, from, afterMs });
  });
  await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", resolve));
  sentAt = performance.now();
  socket.send(dnsPacket.encode(query), server.port, server.address);
  await new Promise((resolve) => setTimeout(resolve, waitMs));
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return received;
}

/** Asks over TCP; the reply, and the milliseconds from writing the query to reading all of it. */
async function tcpExchange(
  server: LabDnsServer,
  query: dnsPacket.Packet,
): Promise<{ readonly packet: dnsPacket.DecodedPacket; readonly afterMs: number }> {
  const socket = connect({ host: server.address, port: server.port });
  await new Promise<void>((resolve) => socket.once("connect", resolve));
  const sentAt = performance.now();
  socket.write(dnsPacket.streamEncode(query));
  const chunks: Buffer[] = [];
  for await (const chunk of socket) {
    chunks.push(chunk as Buffer);
    const all = Buffer.concat(chunks);
    if (all.length >= 2 && all.length >= 2 + all.readUInt16BE(0)) {
      const afterMs = performance.now() - sentAt;
      socket.destroy();
      return { packet: dnsPacket.decode(all.subarray(2, 2 + all.readUInt16BE(0))), afterMs };
    }
  }
  throw new Error("connection closed without a reply");
}

async function tcpAsk(
  server: LabDnsServer,
  query: dnsPacket.Packet,
): Promise<dnsPacket.DecodedPacket> {
  return (await tcpExchange(server, query)).packet;
}

/** dns-packet decodes the RCODE but its types do not declare it. */
const rcode = (packet: dnsPacket.DecodedPacket | undefined): unknown =>
  (packet as { rcode?: string } | undefined)?.rcode;

const edns = { name: ".", type: "OPT", udpPayloadSize: 1232, flags: dnsPacket.DNSSEC_OK } as const;

function query(name: string, type: dnsPacket.RecordType, withEdns = true): dnsPacket.Packet {
  return {
    type: "query",
    id: 999,
    questions: [{ name, type, class: "IN" }],
    additionals: withEdns ? [edns as unknown as dnsPacket.Answer] : [],
  };
}

let server: LabDnsServer;

beforeAll(async () => {
  const com = zone(
    "com",
    [
      ns("com", "a.gtld.lab"),
      ns("example.com", "ns1.example.com"),
      ns("example.com", "ns2.example.net"),
      a("ns1.example.com", "127.0.0.99"),
      ds("example.com", { keyTag: 1, algorithm: 13, digestType: 2, digest: "00ff" }),
      ...Array.from({ length: 12 }, (_, i) =>
        ns("big.com", `a-rather-long-name-server-${i}.example.net`),
      ),
    ],
    { negativeTtl: 60 },
  );
  server = await onFreeLoopbackNet((net) =>
    startLabDnsServer({
      address: `${net.prefix}.10`,
      port: net.port,
      zones: [
        com,
        zone("example.com", [
          ns("example.com", "ns1.example.com"),
          a("www.example.com", "127.0.0.80"),
          mx("example.com", 10, "mail.example.net"),
        ]),
      ],
      logQueries: true,
    }),
  );
});

afterAll(async () => {
  await server?.close();
});

describe("lab DNS server answers", () => {
  it("authoritatively, with AA, for names in a served zone", async () => {
    const [reply] = await udpAsk(server, query("www.example.com", "A"));
    expect(reply?.packet.flag_aa).toBe(true);
    expect(reply?.packet.answers).toMatchObject([
      { name: "www.example.com", type: "A", data: "127.0.0.80" },
    ]);
  });

  it("MX records: preference and exchange on the wire, as in the master file NSD loads", async () => {
    const [reply] = await udpAsk(server, query("example.com", "MX"));
    expect(reply?.packet.answers).toEqual([
      expect.objectContaining({
        name: "example.com",
        type: "MX",
        ttl: 3600,
        data: { preference: 10, exchange: "mail.example.net" },
      }),
    ]);
    expect(
      toMasterFile(zone("example.com", [mx("example.com", 10, "mail.example.net")])),
    ).toContain("example.com.\t3600\tIN\tMX\t10 mail.example.net.\n");
  });

  it("with a referral (no AA, NS in authority) for names at or below a delegation", async () => {
    const [reply] = await udpAsk(server, query("x.big.com", "A"));
    expect(reply?.packet.flag_aa).toBe(false);
    expect(reply?.packet.answers).toEqual([]);
    expect(reply?.packet.authorities?.filter((r) => r.type === "NS")).toHaveLength(12);
  });

  it("refers with in-zone glue and DS only when the query sets DO", async () => {
    const comOnly = await onFreeLoopbackNet((net) =>
      startLabDnsServer({
        address: `${net.prefix}.11`,
        port: net.port,
        zones: [
          zone("com", [
            ns("example.com", "ns1.example.com"),
            ns("example.com", "ns2.example.net"),
            a("ns1.example.com", "127.0.0.99"),
            ds("example.com", { keyTag: 1, algorithm: 13, digestType: 2, digest: "00ff" }),
          ]),
        ],
      }),
    );
    try {
      const [withDo] = await udpAsk(comOnly, query("example.com", "NS"));
      expect(withDo?.packet.flag_aa).toBe(false);
      expect(withDo?.packet.answers).toEqual([]);
      expect(withDo?.packet.authorities?.map((r) => r.type).sort()).toEqual(["DS", "NS", "NS"]);
      expect(withDo?.packet.additionals?.filter((r) => r.type === "A")).toMatchObject([
        { name: "ns1.example.com", data: "127.0.0.99" },
      ]);
      const [withoutDo] = await udpAsk(comOnly, query("example.com", "NS", false));
      expect(withoutDo?.packet.authorities?.map((r) => r.type)).toEqual(["NS", "NS"]);
      // DS at the cut is the parent's own data: an authoritative answer.
      const [dsAnswer] = await udpAsk(comOnly, query("example.com", "DS"));
      expect(dsAnswer?.packet.flag_aa).toBe(true);
      expect(dsAnswer?.packet.answers?.[0]?.type).toBe("DS");
    } finally {
      await comOnly.close();
    }
  });

  it("NXDOMAIN and NODATA with the SOA, TTL min(SOA TTL, MINIMUM)", async () => {
    const [nx] = await udpAsk(server, query("nothing-here.com", "A"));
    expect(rcode(nx?.packet)).toBe("NXDOMAIN");
    expect(nx?.packet.flag_aa).toBe(true);
    expect(nx?.packet.authorities).toMatchObject([{ type: "SOA", name: "com", ttl: 60 }]);
    const [nodata] = await udpAsk(server, query("com", "A"));
    expect(rcode(nodata?.packet)).toBe("NOERROR");
    expect(nodata?.packet.answers).toEqual([]);
    expect(nodata?.packet.authorities?.[0]?.type).toBe("SOA");
  });

  it("REFUSED for names in no served zone", async () => {
    const [reply] = await udpAsk(server, query("example.org", "NS"));
    expect(rcode(reply?.packet)).toBe("REFUSED");
    expect(reply?.packet.flag_aa).toBe(false);
  });

  it("echoes EDNS0 only to EDNS queries, and the question byte for byte", async () => {
    const [withOpt] = await udpAsk(server, query("WWW.Example.COM", "A"));
    expect(withOpt?.packet.additionals?.some((r) => r.type === "OPT")).toBe(true);
    expect(withOpt?.packet.questions?.[0]?.name).toBe("WWW.Example.COM");
    const [withoutOpt] = await udpAsk(server, query("www.example.com", "A", false));
    expect(withoutOpt?.packet.additionals?.some((r) => r.type === "OPT")).toBe(false);
  });

  it("sets TC when the reply exceeds 512 bytes without EDNS, and answers in full over TCP", async () => {
    const [small] = await udpAsk(server, query("big.com", "NS", false));
    expect(small?.packet.flag_tc).toBe(true);
    expect(small?.packet.authorities).toEqual([]);
    const [large] = await udpAsk(server, query("big.com", "NS", true));
    expect(large?.packet.flag_tc).toBe(false);
    const overTcp = await tcpAsk(server, query("big.com", "NS", false));
    expect(overTcp.authorities).toHaveLength(12);
  });

  it("counts and logs what it receives", async () => {
    const before = server.received;
    await udpAsk(server, query("www.example.com", "AAAA"));
    await tcpAsk(server, query("www.example.com", "AAAA"));
    expect(server.received - before).toBe(2);
    expect(server.queryLog().slice(-2)).toEqual([
      { name: "www.example.com", type: "AAAA", transport: "udp" },
      { name: "www.example.com", type: "AAAA", transport: "tcp" },
    ]);
  });
});

describe("lab DNS server faults", () => {
  it("other-source: a datagram from another address first, then the real one", async () => {
    server.setFaults([{ fault: { kind: "other-source", answerAfterMs: 20 } }]);
    try {
      const replies = await udpAsk(server, query("www.example.com", "A"), 200);
      expect(replies.map((r) => r.from.address)).toEqual(["127.0.0.1", server.address]);
      expect(replies.every((r) => r.packet.id === 999)).toBe(true);
    } finally {
      server.setFaults([]);
    }
  });

  it("faults apply only to the names given, in any case", async () => {
    server.setFaults([{ fault: { kind: "refused" }, names: ["WWW.example.com."] }]);
    try {
      expect(rcode((await udpAsk(server, query("www.example.com", "A")))[0]?.packet)).toBe(
        "REFUSED",
      );
      expect(rcode((await udpAsk(server, query("example.com", "NS")))[0]?.packet)).toBe("NOERROR");
    } finally {
      server.setFaults([]);
    }
  });

  it("wrong-id and wrong-question decoys precede the real reply", async () => {
    server.setFaults([{ fault: { kind: "wrong-id", answerAfterMs: 10 } }]);
    const ids = (await udpAsk(server, query("www.example.com", "A"))).map((r) => r.packet.id);
    expect(ids).toEqual([1000, 999]);
    server.setFaults([{ fault: { kind: "wrong-question", answerAfterMs: 10 } }]);
    const names = (await udpAsk(server, query("www.example.com", "A"))).map(
      (r) => r.packet.questions?.[0]?.name,
    );
    expect(names).toEqual(["xww.example.com", "www.example.com"]);
    server.setFaults([]);
  });

  it("malformed: the right ID and QR, undecodable", async () => {
    server.setFaults([{ fault: { kind: "malformed" } }]);
    const [reply] = await udpAsk(server, query("www.example.com", "A"));
    server.setFaults([]);
    expect(reply?.bytes.readUInt16BE(0)).toBe(999);
    expect(() => dnsPacket.decode(reply?.bytes as Buffer)).toThrow();
  });

  it("latency delays every reply, over UDP and TCP", async () => {
    // Measured from sending the query to the reply's arrival, not over the helper's whole wait
    // (which is longer than any latency asserted here). The server waits 150 ms; 120 leaves room
    // for the coarser clock of timers.
    server.setLatency(150);
    try {
      const replies = await udpAsk(server, query("www.example.com", "A"), 400);
      expect(replies).toHaveLength(1);
      expect(replies[0]?.afterMs).toBeGreaterThanOrEqual(120);
      const tcp = await tcpExchange(server, query("www.example.com", "A"));
      expect(tcp.packet.answers).toHaveLength(1);
      expect(tcp.afterMs).toBeGreaterThanOrEqual(120);
    } finally {
      server.setLatency(0);
    }
  });
});

describe("loopback allocation", () => {
  it("never picks 127.0.0.0/24 and frees everything on close", async () => {
    for (let i = 0; i < 200; i++) expect(randomLoopbackNet().prefix).not.toBe("127.0.0");
    const { net, first } = await onFreeLoopbackNet(async (candidate) => ({
      net: candidate,
      first: await startLabDnsServer({
        address: `${candidate.prefix}.7`,
        port: candidate.port,
        zones: [],
      }),
    }));
    await expect(
      startLabDnsServer({ address: `${net.prefix}.7`, port: net.port, zones: [] }),
    ).rejects.toMatchObject({ code: "EADDRINUSE" });
    await first.close();
    const again = await startLabDnsServer({
      address: `${net.prefix}.7`,
      port: net.port,
      zones: [],
    });
    await again.close();
  });
});
