// The delegation walker against a lab internet on loopback: referral following, parents one and
// two levels deep, glue and resolution, the odd name servers, not-delegated names, all parents,
// SOA serials and IPv6.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LabDns, startLabDns } from "../../../src/lab/dns-world.js";
import { delegated, labWalker, nameserver, onlyProbe } from "../../support/lab-walker.js";
import { standardWorld } from "./support/worlds.js";

let lab: LabDns;

beforeAll(async () => {
  lab = await startLabDns(standardWorld({ laggingParent: true }), { logQueries: true });
});

afterAll(async () => {
  await lab?.close();
});

const provider = (n: number) => `${lab.net.prefix}.${30 + n}`;

describe("referral following", () => {
  it("walks root → com → the domain and probes every delegated server", async () => {
    const walker = labWalker(lab);
    const observation = delegated(await walker.walk("example.com"));
    expect(observation.parent.zone).toBe("com");
    expect(observation.parent.ns).toEqual([
      "ns1.provider.net",
      "ns2.provider.net",
      "ns3.provider.net",
      "ns4.provider.net",
    ]);
    expect(observation.parent.ds).toEqual([
      { keyTag: 12345, algorithm: 13, digestType: 2, digest: "ab".repeat(32) },
    ]);
    // Out-of-bailiwick for com: no glue, so every address was resolved iteratively via net.
    expect(observation.parent.glue).toEqual([]);
    for (const [i, ns] of observation.nameservers.entries()) {
      expect(ns.addresses).toEqual({
        kind: "ok",
        source: "resolved",
        addresses: [provider(i + 1)],
      });
      expect(ns.probes).toHaveLength(1);
      expect(ns.probes[0]?.answer).toEqual({
        kind: "authoritative",
        ns: observation.parent.ns,
      });
      expect(ns.probes[0]?.transport).toBe("udp");
      expect(ns.probes[0]?.rttMs).toBeGreaterThanOrEqual(0);
    }
    expect(observation.path.map((step) => [step.zone, step.cached])).toEqual([
      [".", true],
      ["com", false],
    ]);
    expect(observation.path[1]?.servers.map((s) => s.name)).toEqual([
      "a.gtld-servers.net",
      "b.gtld-servers.net",
    ]);
    await walker.close();
  });

  it("starts the next walk from the cached cut and counts only its own queries", async () => {
    const walker = labWalker(lab);
    const first = await walker.walk("inzone.com");
    const second = delegated(await walker.walk("inzone.com"));
    // First: root + com + 2 probes; second: com + 2 probes.
    expect(first.stats.queries).toBe(4);
    expect(second.stats.queries).toBe(3);
    expect(second.path.map((step) => [step.zone, step.cached])).toEqual([
      [".", true],
      ["com", true],
    ]);
    expect(walker.stats().queries).toBe(7);
    await walker.close();
  });

  it("uses in-bailiwick glue from the parent without resolving", async () => {
    const walker = labWalker(lab);
    const observation = delegated(await walker.walk("inzone.com"));
    expect(observation.parent.glue).toEqual([
      { name: "ns1.inzone.com", addresses: [`${lab.net.prefix}.40`] },
      { name: "ns2.inzone.com", addresses: [`${lab.net.prefix}.41`] },
    ]);
    expect(nameserver(observation, "ns1.inzone.com").addresses).toEqual({
      kind: "ok",
      source: "glue",
      addresses: [`${lab.net.prefix}.40`],
    });
    await walker.close();
  });

  it("finds a two-level parent (co.uk under uk)", async () => {
    const walker = labWalker(lab);
    const observation = delegated(await walker.walk("shop.co.uk"));
    expect(observation.parent.zone).toBe("co.uk");
    expect(observation.parent.respondent).toEqual({
      name: "nsb.nic.uk",
      address: `${lab.net.prefix}.21`,
    });
    expect(observation.path.map((step) => step.zone)).toEqual([".", "uk", "co.uk"]);
    expect(onlyProbe(observation, "ns2.provider.net").answer.kind).toBe("authoritative");
    await walker.close();
  });

  it("accepts an authoritative NS answer from parent servers that also serve the child", async () => {
    const walker = labWalker(lab);
    const observation = delegated(await walker.walk("hosted.com"));
    expect(observation.parent.zone).toBe("com");
    expect(observation.parent.ns).toEqual(["a.gtld-servers.net"]);
    expect(onlyProbe(observation, "a.gtld-servers.net").answer).toEqual({
      kind: "authoritative",
      ns: ["a.gtld-servers.net"],
    });
    await walker.close();
  });

  it("normalizes case and a trailing dot", async () => {
    const walker = labWalker(lab);
    const observation = delegated(await walker.walk("Example.COM."));
    expect(observation.domain).toBe("example.com");
    await walker.close();
  });

  it("returns invalid input as a failed observation instead of throwing", async () => {
    const walker = labWalker(lab);
    for (const bad of ["", ".", "a..b", `${"x".repeat(64)}.com`, "exa mple.com"]) {
      const observation = await walker.walk(bad);
      expect(observation.kind).toBe("failed");
      expect(observation.kind === "failed" && observation.reason).toMatch(/invalid domain name/);
    }
    expect(walker.stats().queries).toBe(0);
    await walker.close();
  });
});

describe("name servers that cannot be used", () => {
  it("reports an NS name whose domain does not exist, with the zone that said so", async () => {
    const walker = labWalker(lab);
    const observation = await walker.walk("lapsed.com");
    expect(nameserver(observation, "ns1.gone-provider.com")).toEqual({
      name: "ns1.gone-provider.com",
      addresses: { kind: "nxdomain", zone: "com" },
      probes: [],
    });
    expect(onlyProbe(observation, "ns1.provider.net").answer.kind).toBe("authoritative");
    await walker.close();
  });

  it("does not follow an NS target that is a CNAME", async () => {
    const walker = labWalker(lab);
    const observation = await walker.walk("aliased.com");
    const alias = nameserver(observation, "alias.provider.net");
    expect(alias.addresses.kind).toBe("failed");
    expect(alias.addresses.kind === "failed" && alias.addresses.reason).toMatch(
      /alias \(CNAME to ns1\.provider\.net\)/,
    );
    expect(alias.probes).toEqual([]);
    await walker.close();
  });

  it("classifies a server where nothing listens as unreachable (ICMP port unreachable)", async () => {
    const walker = labWalker(lab);
    const probe = onlyProbe(await walker.walk("unreachable.com"), "ns.unreachable.com");
    expect(probe.answer).toEqual({ kind: "unreachable", detail: "port unreachable (ICMP)" });
    await walker.close();
  });
});

describe("names that are not delegated", () => {
  it("NXDOMAIN at the parent", async () => {
    const walker = labWalker(lab);
    const observation = await walker.walk("no-such-name.com");
    expect(observation).toMatchObject({
      kind: "not-delegated",
      domain: "no-such-name.com",
      parentZone: "com",
      reason: "nxdomain",
    });
    await walker.close();
  });

  it("a name inside its parent's zone (NODATA): no delegation", async () => {
    const walker = labWalker(lab);
    const observation = await walker.walk("www.example.com");
    expect(observation).toMatchObject({
      kind: "not-delegated",
      parentZone: "example.com",
      reason: "no-delegation",
    });
    // The path shows example.com's servers with the addresses resolved on the way.
    expect(observation.path.at(-1)?.servers.map((s) => s.name)).toContain("ns1.provider.net");
    await walker.close();
  });

  it("an unknown TLD: NXDOMAIN from the root", async () => {
    const walker = labWalker(lab);
    expect(await walker.walk("example.invalid")).toMatchObject({
      kind: "not-delegated",
      parentZone: ".",
      reason: "nxdomain",
    });
    await walker.close();
  });
});

describe("all parents", () => {
  it("asks every parent server and records their disagreement", async () => {
    const walker = labWalker(lab, { allParents: true });
    const observation = delegated(await walker.walk("moved.com"));
    const answers = observation.parent.answers.map(({ server, answer }) => [server.name, answer]);
    expect(answers).toEqual([
      [
        "a.gtld-servers.net",
        { kind: "delegation", ns: ["ns1.provider.net", "ns2.provider.net"], ds: [] },
      ],
      [
        "b.gtld-servers.net",
        { kind: "delegation", ns: ["ns3.provider.net", "ns4.provider.net"], ds: [] },
      ],
    ]);
    expect(observation.parent.inconsistent).toBe(true);
    await walker.close();
  });

  it("reports a delegation seen by one parent server even when another says NXDOMAIN", async () => {
    const walker = labWalker(lab, { allParents: true });
    const observation = delegated(await walker.walk("fresh.com"));
    expect(observation.parent.respondent.name).toBe("a.gtld-servers.net");
    expect(observation.parent.answers.map(({ answer }) => answer.kind)).toEqual([
      "delegation",
      "nxdomain",
    ]);
    expect(observation.parent.inconsistent).toBe(true);
    await walker.close();
  });

  it("agreeing parents are consistent; one answer is enough without the option", async () => {
    const all = labWalker(lab, { allParents: true });
    const both = delegated(await all.walk("example.com"));
    expect(both.parent.answers).toHaveLength(2);
    expect(both.parent.inconsistent).toBe(false);
    await all.close();
    const one = labWalker(lab);
    const single = delegated(await one.walk("example.com"));
    expect(single.parent.answers).toHaveLength(1);
    expect(single.parent.inconsistent).toBe(false);
    await one.close();
  });
});

describe("SOA serials", () => {
  it("asks each authoritative server for the SOA serial with `soa`", async () => {
    const walker = labWalker(lab, { soa: true });
    const observation = delegated(await walker.walk("example.com"));
    for (const ns of observation.nameservers) {
      expect(ns.probes[0]?.answer).toMatchObject({ kind: "authoritative", soaSerial: 2024010101 });
    }
    await walker.close();
  });

  it("does not ask without it", async () => {
    const walker = labWalker(lab);
    const observation = delegated(await walker.walk("example.com"));
    expect(observation.nameservers[0]?.probes[0]?.answer).not.toHaveProperty("soaSerial");
    await walker.close();
  });
});

describe("load spreading", () => {
  it("rotates among the parent zone's servers", async () => {
    const walker = labWalker(lab);
    const respondents = new Set<string>();
    for (const domain of ["example.com", "inzone.com", "lapsed.com", "aliased.com"]) {
      respondents.add(delegated(await walker.walk(domain)).parent.respondent.name);
    }
    expect(respondents).toEqual(new Set(["a.gtld-servers.net", "b.gtld-servers.net"]));
    await walker.close();
  });
});

describe("closing", () => {
  it("waits for walks in progress and refuses new ones", async () => {
    const walker = labWalker(lab);
    const running = walker.walk("example.com");
    await walker.close();
    expect((await running).kind).toBe("delegated");
    expect(await walker.walk("example.com")).toMatchObject({
      kind: "failed",
      reason: "the walker is closed",
    });
  });
});
