// The delegation walker against real NSD: every observation the rules rely on, read from the
// answers of a real authoritative server rather than from our own lab server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DelegationObservation, DelegationWalker } from "../../src/observe/dns/index.js";
import { delegated, labWalker } from "../support/lab-walker.js";
import { type NsdTree, nsdUnavailableReason, startNsdTree } from "../support/nsd.js";
import { missingTool } from "../support/tools.js";
import { interopWorld, SERIALS, SIGNED_DS, SIGNED_ZONES } from "./world.js";

const withoutNsd = missingTool("interop: delegation walker against NSD", nsdUnavailableReason());

type Delegated = Extract<DelegationObservation, { kind: "delegated" }>;

/** Each name server's answer kinds, by name. */
function answers(observation: Delegated): Record<string, string[]> {
  return Object.fromEntries(
    observation.nameservers.map((ns) => [ns.name, ns.probes.map((p) => p.answer.kind)]),
  );
}

describe.skipIf(withoutNsd)("interop: delegation walker against NSD", () => {
  let tree: NsdTree;
  let walker: DelegationWalker;
  let soaWalker: DelegationWalker;

  beforeAll(async () => {
    tree = await startNsdTree(interopWorld, { signedZones: SIGNED_ZONES });
    walker = labWalker(tree, { timeoutMs: 1000 });
    soaWalker = labWalker(tree, { timeoutMs: 1000, soa: true });
  }, 60_000);

  afterAll(async () => {
    await Promise.all([walker?.close(), soaWalker?.close()]);
    await tree?.close();
  });

  it("a healthy delegation: parent NS and glue, every server authoritative with the same NS set", async () => {
    const observation = delegated(await walker.walk("healthy.com"));
    const servers = ["ns1.healthy.com", "ns2.healthy.com"];
    expect(observation.path.map((step) => step.zone)).toEqual([".", "com"]);
    expect(observation.parent.zone).toBe("com");
    expect(observation.parent.respondent).toEqual({
      name: "a.nic.com",
      address: tree.address("a.nic.com"),
    });
    expect(observation.parent.ns).toEqual(servers);
    expect(observation.parent.glue).toEqual(
      servers.map((name) => ({ name, addresses: [tree.address(name)] })),
    );
    expect(observation.parent.ds).toEqual([]);
    for (const ns of observation.nameservers) {
      expect(ns.addresses).toEqual({
        kind: "ok",
        source: "glue",
        addresses: [tree.address(ns.name)],
      });
      expect(ns.probes).toHaveLength(1);
      expect(ns.probes[0]?.address).toBe(tree.address(ns.name));
      expect(ns.probes[0]?.answer).toEqual({ kind: "authoritative", ns: servers });
    }
    expect(observation.stats.queries).toBeGreaterThan(0);
  });

  it("out-of-bailiwick name servers are resolved iteratively from the root", async () => {
    const observation = delegated(await walker.walk("outside.com"));
    expect(observation.parent.glue).toEqual([]);
    for (const ns of observation.nameservers) {
      expect(ns.addresses).toEqual({
        kind: "ok",
        source: "resolved",
        addresses: [tree.address(ns.name)],
      });
    }
    expect(answers(observation)).toEqual({
      "ns1.provider.net": ["authoritative"],
      "ns2.provider.net": ["authoritative"],
    });
  });

  it("a lame server: delegated, but NSD does not load the zone and answers REFUSED", async () => {
    const observation = delegated(await walker.walk("lame.com"));
    expect(answers(observation)).toEqual({
      "ns1.provider.net": ["authoritative"],
      "ns2.provider.net": ["refused"],
    });
  });

  it("a parent/child NS mismatch: the zone's own NS set differs from the delegation", async () => {
    const observation = delegated(await walker.walk("mismatch.com"));
    expect(observation.parent.ns).toEqual(["ns1.provider.net", "ns2.provider.net"]);
    for (const ns of observation.nameservers) {
      expect(ns.probes.map((p) => p.answer)).toEqual([
        { kind: "authoritative", ns: ["ns1.provider.net", "ns3.provider.net"] },
      ]);
    }
  });

  it("a domain that is not delegated: NXDOMAIN from the TLD", async () => {
    const observation = await walker.walk("absent.com");
    expect(observation).toMatchObject({
      kind: "not-delegated",
      domain: "absent.com",
      parentZone: "com",
      reason: "nxdomain",
      respondent: { name: "a.nic.com", address: tree.address("a.nic.com") },
    });
  });

  it("a co.uk-style two-level parent", async () => {
    const observation = delegated(await walker.walk("shop.co.uk"));
    expect(observation.path.map((step) => step.zone)).toEqual([".", "uk", "co.uk"]);
    expect(observation.parent.zone).toBe("co.uk");
    expect(observation.parent.respondent.address).toBe(tree.address("a.nic.co.uk"));
    expect(observation.parent.ns).toEqual(["ns1.shop.co.uk", "ns2.shop.co.uk"]);
    expect(observation.parent.glue.map((g) => g.name)).toEqual([
      "ns1.shop.co.uk",
      "ns2.shop.co.uk",
    ]);
    expect(answers(observation)).toEqual({
      "ns1.shop.co.uk": ["authoritative"],
      "ns2.shop.co.uk": ["authoritative"],
    });
  });

  it("a name server whose own domain is not registered: NXDOMAIN from its TLD", async () => {
    const observation = delegated(await walker.walk("orphan.com"));
    const orphan = observation.nameservers.find((ns) => ns.name === "ns1.gone-dns.net");
    expect(orphan?.addresses).toEqual({ kind: "nxdomain", zone: "net" });
    expect(orphan?.probes).toEqual([]);
    expect(answers(observation)["ns1.provider.net"]).toEqual(["authoritative"]);
  });

  it("DS records handed out by the (signed) parent with the referral", async () => {
    const observation = delegated(await walker.walk("signed.com"));
    expect(observation.parent.ds).toEqual([SIGNED_DS]);
    expect(delegated(await walker.walk("outside.com")).parent.ds).toEqual([]);
  });

  it("SOA serials with soa: a server with a stale copy shows its older serial", async () => {
    const observation = delegated(await soaWalker.walk("serials.com"));
    const serials = Object.fromEntries(
      observation.nameservers.map((ns) => [
        ns.name,
        ns.probes.map((p) =>
          p.answer.kind === "authoritative" ? p.answer.soaSerial : p.answer.kind,
        ),
      ]),
    );
    expect(serials).toEqual({
      "ns1.provider.net": [SERIALS.current],
      "ns2.provider.net": [SERIALS.stale],
    });
    // Without `soa`, no serial is asked for.
    const plain = delegated(await walker.walk("serials.com"));
    for (const ns of plain.nameservers) {
      for (const probe of ns.probes) expect(probe.answer).not.toHaveProperty("soaSerial");
    }
  });
});
