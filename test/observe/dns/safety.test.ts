// The address gate: with the default settings, no query ever goes to a non-public address learned
// from the network. The root hints are trusted (the user gave them); everything after is not.
// Also IPv6, which needs the ::1 loopback.

import { createSocket } from "node:dgram";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { a, aaaa, ns, zone } from "../../../src/lab/dns-records.js";
import { type LabDns, startLabDns } from "../../../src/lab/dns-world.js";
import { delegated, labWalker, nameserver, onlyProbe } from "../../support/lab-walker.js";
import { missingTool } from "../../support/tools.js";
import { standardWorld } from "./support/worlds.js";

describe("blocked addresses", () => {
  let lab: LabDns;

  beforeAll(async () => {
    // The root itself delegates hostile.example to three servers: one on a private network,
    // the cloud metadata address, and a loopback address where a lab server really listens.
    lab = await startLabDns(({ host }) => {
      const root = zone(".", [
        ns(".", "a.root-servers.lab"),
        a("a.root-servers.lab", host(1)),
        ns("hostile.example", "ns1.hostile.example"),
        ns("hostile.example", "ns2.hostile.example"),
        ns("hostile.example", "ns3.hostile.example"),
        a("ns1.hostile.example", "10.0.0.53"),
        a("ns2.hostile.example", "169.254.169.254"),
        a("ns3.hostile.example", host(77)),
        ns("loopback.example", "ns.loopback.example"),
        a("ns.loopback.example", host(77)),
        ns("private-tld", "ns.private-tld"),
        a("ns.private-tld", "192.168.1.1"),
      ]);
      const hostile = zone("hostile.example", [ns("hostile.example", "ns3.hostile.example")]);
      const loopback = zone("loopback.example", [ns("loopback.example", "ns.loopback.example")]);
      return {
        servers: [
          { name: "root", host: 1, zones: [root] },
          { name: "listener", host: 77, zones: [hostile, loopback] },
        ],
      };
    });
  });

  afterAll(async () => {
    await lab?.close();
  });

  it("reports each non-public server as blocked, and sends it nothing", async () => {
    const walker = labWalker(lab, { allowNonPublic: false });
    const observation = delegated(await walker.walk("hostile.example"));
    expect(observation.parent.zone).toBe(".");
    const answers = observation.nameservers.map((server) => server.probes.map((p) => p.answer));
    expect(answers).toEqual([
      [{ kind: "blocked", reason: expect.stringMatching(/10\.0\.0\.53 is a private address/) }],
      [
        {
          kind: "blocked",
          reason: expect.stringMatching(/169\.254\.169\.254 is a link-local address/),
        },
      ],
      [{ kind: "blocked", reason: expect.stringMatching(/is a loopback address/) }],
    ]);
    // The verdict comes before any packet: the server listening on the loopback address got
    // nothing, and only the (trusted) root was asked.
    expect(lab.server("listener").received).toBe(0);
    expect(walker.stats()).toMatchObject({ queries: 1, blocked: 3 });
    expect(observation.stats.queries).toBe(1);
    await walker.close();
  });

  it("queries a loopback server in a lab (allowNonPublic)", async () => {
    // Only loopback here: tests never send to 10/8 or 169.254/16, even in lab mode.
    const before = lab.server("listener").received;
    const walker = labWalker(lab, { allowNonPublic: true });
    const observation = await walker.walk("loopback.example");
    expect(onlyProbe(observation, "ns.loopback.example").answer).toEqual({
      kind: "authoritative",
      ns: ["ns.loopback.example"],
    });
    expect(lab.server("listener").received - before).toBe(1);
    await walker.close();
  });

  it("a parent zone whose servers are all non-public cannot be walked", async () => {
    const walker = labWalker(lab, { allowNonPublic: false });
    const observation = await walker.walk("x.private-tld");
    expect(observation.kind).toBe("failed");
    expect(observation.kind === "failed" && observation.reason).toMatch(
      /ns\.private-tld \(192\.168\.1\.1\): blocked: 192\.168\.1\.1 is a private address/,
    );
    expect(walker.stats().queries).toBe(1);
    await walker.close();
  });
});

const ipv6Available = await new Promise<boolean>((resolve) => {
  const socket = createSocket("udp6");
  socket.once("error", () => resolve(false));
  socket.bind(0, "::1", () => socket.close(() => resolve(true)));
});

const withoutIpv6 = missingTool(
  "IPv6 address gate",
  ipv6Available ? undefined : "no ::1 loopback on this machine",
);

describe.skipIf(withoutIpv6)("IPv6", () => {
  let lab: LabDns;

  beforeAll(async () => {
    lab = await startLabDns(standardWorld({ ipv6: true }));
  });

  afterAll(async () => {
    await lab?.close();
  });

  it("queries a server on ::1 from AAAA glue with `ipv6`", async () => {
    const walker = labWalker(lab, { ipv6: true });
    const observation = await walker.walk("v6only.com");
    expect(nameserver(observation, "ns.v6host.com").addresses).toEqual({
      kind: "ok",
      source: "glue",
      addresses: ["::1"],
    });
    expect(onlyProbe(observation, "ns.v6host.com")).toMatchObject({
      address: "::1",
      answer: { kind: "authoritative", ns: ["ns.v6host.com"] },
    });
    await walker.close();
  });

  it("asks no IPv6 address by default, and says which it did not ask", async () => {
    const before = lab.server("v6").received;
    const walker = labWalker(lab);
    const observation = await walker.walk("v6only.com");
    expect(nameserver(observation, "ns.v6host.com")).toEqual({
      name: "ns.v6host.com",
      addresses: { kind: "ok", source: "glue", addresses: ["::1"] },
      probes: [
        {
          address: "::1",
          answer: { kind: "not-probed", reason: { kind: "ipv6-off", cause: "disabled" } },
          transport: "udp",
        },
      ],
    });
    expect(lab.server("v6").received).toBe(before);
    await walker.close();
  });

  it("walks from IPv6-only root hints", async () => {
    const v6lab = await startLabDns(() => ({
      servers: [
        {
          name: "root6",
          host: "::1",
          zones: [
            zone(".", [
              ns(".", "a.root6.lab"),
              aaaa("a.root6.lab", "::1"),
              ns("v6.example", "a.root6.lab"),
            ]),
            zone("v6.example", [ns("v6.example", "a.root6.lab")]),
          ],
        },
      ],
    }));
    try {
      const walker = labWalker(v6lab, { ipv6: true });
      const observation = delegated(await walker.walk("v6.example"));
      expect(observation.parent.respondent).toEqual({ name: "a.root6.lab", address: "::1" });
      expect(onlyProbe(observation, "a.root6.lab").answer.kind).toBe("authoritative");
      await walker.close();
    } finally {
      await v6lab.close();
    }
  });
});
