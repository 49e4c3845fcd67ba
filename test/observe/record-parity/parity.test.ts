// Record parity over real sockets: the old and target hosts are real NSD servers serving two
// versions of one zone (world.ts); the lab DNS server stands in for servers that time out, refuse
// or answer without AA. The queries go through the walker's client (`askServer`).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { zone } from "../../../src/lab/dns-records.js";
import { type LabDnsServer, startLabDnsServer } from "../../../src/lab/dns-server.js";
import { hostAddress } from "../../../src/lab/loopback.js";
import { createDelegationWalker, type DelegationWalker } from "../../../src/observe/dns/index.js";
import {
  observeRecordParity,
  type RecordParityObservation,
  type RecordParityRequest,
  type RRsetParity,
} from "../../../src/observe/record-parity/index.js";
import {
  NSD_PORT,
  type NsdTree,
  nsdUnavailableReason,
  startNsdTree,
  zoneFileKey,
} from "../../support/nsd.js";
import { missingTool } from "../../support/tools.js";
import { parityWorld, TARGET_LISTING, ZONE, zoneFilesFor } from "./world.js";

const withoutNsd = missingTool("record parity against NSD", nsdUnavailableReason());

type Compared = Extract<RecordParityObservation, { kind: "compared" }>;

function compared(observation: RecordParityObservation): Compared {
  if (observation.kind !== "compared") {
    throw new Error(`expected a comparison, got ${JSON.stringify(observation)}`);
  }
  return observation;
}

/** The differences by `name type`, each with its kind. */
function kinds(observation: Compared): Record<string, string> {
  return Object.fromEntries(observation.differences.map((d) => [`${d.name} ${d.type}`, d.kind]));
}

function difference(observation: Compared, name: string, type: string): RRsetParity {
  const found = observation.differences.find((d) => d.name === name && d.type === type);
  if (found === undefined) throw new Error(`no difference for ${name} ${type}`);
  return found;
}

describe.skipIf(withoutNsd)("record parity against NSD", () => {
  let tree: NsdTree;
  let walker: DelegationWalker;
  const labServers: LabDnsServer[] = [];
  let old: { name: string; address: string };
  let target: { name: string; address: string };

  /** A lab server on host `n` of the tree's /24, port 53, serving a copy of the target zone. */
  async function faultyTarget(n: number, fault: "drop" | "refused" | "no-aa", names?: string[]) {
    const server = await startLabDnsServer({
      address: hostAddress(tree.net, n),
      port: NSD_PORT,
      zones: [
        zone(ZONE, [{ name: `_dmarc.${ZONE}`, ttl: 3600, type: "TXT", data: "v=DMARC1; p=none" }]),
      ],
      faults: [{ fault: { kind: fault }, ...(names ? { names } : {}) }],
    });
    labServers.push(server);
    return { name: `lab-${fault}.example`, address: server.address };
  }

  const request = (overrides: Partial<RecordParityRequest> = {}): RecordParityRequest => ({
    zone: ZONE,
    oldServers: [old],
    targetServers: [target],
    names: [],
    dkimSelectors: ["s1"],
    targetZoneRecords: TARGET_LISTING,
    maxNames: 50,
    ...overrides,
  });

  beforeAll(async () => {
    tree = await startNsdTree(parityWorld, { zoneFiles: zoneFilesFor(zoneFileKey) });
    walker = createDelegationWalker({
      rootHints: [],
      port: tree.port,
      allowNonPublic: true,
      timeoutMs: 500,
    });
    old = { name: "ns1.oldhost.example", address: tree.address("old") };
    target = { name: "ns-1.targethost.example", address: tree.address("target") };
  }, 60_000);

  afterAll(async () => {
    await walker?.close();
    await Promise.all(labServers.map((server) => server.close()));
    await tree?.close();
  });

  it("finds what the switch would break, what differs and what only differs in TTL", async () => {
    const observation = compared(
      await observeRecordParity(request(), { askServer: walker.askServer }),
    );
    expect(kinds(observation)).toEqual({
      [`${ZONE} MX`]: "missing",
      [`${ZONE} TXT`]: "differs",
      [`_dmarc.${ZONE} TXT`]: "differs",
      [`web.${ZONE} A`]: "ttl-differs",
      [`legacy.${ZONE} A`]: "differs",
      [`sub.${ZONE} NS`]: "not-compared",
    });
    // In the order names are found: known names first, then the names records point at.
    expect(observation.differences.map((d) => `${d.name} ${d.type}`)).toEqual([
      `${ZONE} MX`,
      `${ZONE} TXT`,
      `_dmarc.${ZONE} TXT`,
      `legacy.${ZONE} A`,
      `web.${ZONE} A`,
      `sub.${ZONE} NS`,
    ]);
    expect(difference(observation, ZONE, "MX")).toEqual({
      kind: "missing",
      name: ZONE,
      type: "MX",
      old: { ttl: 3600, data: ["10 mail.shop.example", "20 mx2.mailhost.example"] },
    });
    expect(difference(observation, ZONE, "TXT")).toEqual({
      kind: "differs",
      name: ZONE,
      type: "TXT",
      old: {
        ttl: 3600,
        data: ['"google-site-verification=abc123"', '"v=spf1 include:_spf.mailhost.example -all"'],
      },
      target: { ttl: 3600, data: ['"v=spf1 include:_spf.mailhost.example -all"'] },
    });
    expect(difference(observation, `web.${ZONE}`, "A")).toEqual({
      kind: "ttl-differs",
      name: `web.${ZONE}`,
      type: "A",
      oldTtl: 300,
      targetTtl: 3600,
    });
    expect(observation.leftOut).toBeUndefined();
    expect(observation.disagreements).toBeUndefined();
    expect(observation.serversNotAsked).toBeUndefined();
    expect(observation.namesCompared).toBeGreaterThan(10);
    expect(observation.rrsetsCompared).toBeGreaterThan(observation.differences.length);
  });

  it("follows the old host's CNAME to another CDN, and its in-zone MX and CNAME targets", async () => {
    const observation = compared(
      await observeRecordParity(request({ names: [`cdn.${ZONE}`] }), {
        askServer: walker.askServer,
      }),
    );
    expect(difference(observation, `cdn.${ZONE}`, "CNAME")).toEqual({
      kind: "differs",
      name: `cdn.${ZONE}`,
      type: "CNAME",
      old: { ttl: 3600, data: ["shop.cdn-old.example"] },
      target: { ttl: 3600, data: ["shop.cdn-new.example"] },
    });
    // `web` is found only as www's CNAME target; its TTL differs.
    expect(kinds(observation)[`web.${ZONE} A`]).toBe("ttl-differs");
  });

  it("compares nothing it cannot find: a name only the old host serves, unlisted, stays unseen", async () => {
    const observation = compared(
      await observeRecordParity(request({ targetZoneRecords: undefined }), {
        askServer: walker.askServer,
      }),
    );
    const names = observation.differences.map((d) => d.name);
    expect(names).not.toContain(`hidden.${ZONE}`);
    expect(names).not.toContain(`legacy.${ZONE}`);
    // Listed in the policy, it is compared.
    const listed = compared(
      await observeRecordParity(request({ names: [`hidden.${ZONE}`] }), {
        askServer: walker.askServer,
      }),
    );
    expect(kinds(listed)[`hidden.${ZONE} A`]).toBe("missing");
  });

  it("keeps to the bound on names and reports the rest as left out", async () => {
    const observation = compared(
      await observeRecordParity(request({ maxNames: 3 }), { askServer: walker.askServer }),
    );
    expect(observation.namesCompared).toBe(3);
    expect(observation.leftOut?.names).toContain(`legacy.${ZONE}`);
    expect(observation.leftOut?.names).toContain(`mail.${ZONE}`);
    expect(observation.leftOut?.reason).toContain("3 names");
    // Only the first three names (apex, _dmarc, the DKIM selector) were asked about.
    for (const d of observation.differences) {
      expect([ZONE, `_dmarc.${ZONE}`, `s1._domainkey.${ZONE}`, `sub.${ZONE}`]).toContain(d.name);
    }
  });

  it("reports RRsets past the query budget as not asked, never as equal", async () => {
    const observation = compared(
      await observeRecordParity(request(), { askServer: walker.askServer, queryBudget: 10 }),
    );
    const notAsked = observation.differences.filter((d) => d.kind === "not-asked");
    expect(notAsked.length).toBeGreaterThan(0);
    for (const d of notAsked)
      expect(d.reason).toMatch(/not asked: the query budget of 10 is spent/);
  });

  it("reports the questions its time limit stopped as not asked, never as missing, differing or equal", async () => {
    // Two lab hosts serving one zone alike; the target answers _dmarc only after the time limit
    // (within the walker's timeout), so every question after it is past the limit and never sent.
    const records = [
      { name: ZONE, ttl: 3600, type: "A", data: "192.0.2.10" },
      { name: `_dmarc.${ZONE}`, ttl: 3600, type: "TXT", data: "v=DMARC1; p=reject" },
      { name: `www.${ZONE}`, ttl: 3600, type: "CNAME", data: `web.${ZONE}` },
      { name: `web.${ZONE}`, ttl: 300, type: "A", data: "192.0.2.11" },
      { name: `mail.${ZONE}`, ttl: 3600, type: "A", data: "192.0.2.25" },
    ] as const;
    const host = async (n: number, slow: boolean) => {
      const server = await startLabDnsServer({
        address: hostAddress(tree.net, n),
        port: NSD_PORT,
        zones: [zone(ZONE, records)],
        faults: slow ? [{ fault: { kind: "delay", ms: 1500 }, names: [`_dmarc.${ZONE}`] }] : [],
      });
      labServers.push(server);
      return server.address;
    };
    const patient = createDelegationWalker({
      rootHints: [],
      port: tree.port,
      allowNonPublic: true,
      timeoutMs: 5000,
    });
    try {
      const observation = compared(
        await observeRecordParity(
          request({
            oldServers: [{ name: "ns1.oldhost.example", address: await host(40, false) }],
            targetServers: [{ name: "ns-1.targethost.example", address: await host(41, true) }],
            targetZoneRecords: undefined,
          }),
          { askServer: patient.askServer, deadlineMs: 1000, concurrency: 1 },
        ),
      );
      // Both hosts serve the same records: whatever was asked is equal, the rest not asked.
      expect(new Set(observation.differences.map((d) => d.kind))).toEqual(new Set(["not-asked"]));
      const names = observation.differences.map((d) => `${d.name} ${d.type}`);
      expect(names).toContain(`www.${ZONE} A`);
      expect(names).toContain(`mail.${ZONE} A`);
      for (const d of observation.differences) {
        expect(d.kind === "not-asked" ? d.reason : d.kind).toMatch(
          /host: ns.*: not asked: record parity's time limit of 1000 ms has passed$/,
        );
      }
    } finally {
      await patient.close();
    }
  });

  it("carries the servers the delegation walk did not ask, so the rules can name them", async () => {
    const serversNotAsked = [
      { side: "target" as const, servers: ["ns-2.targethost.example: not probed: IPv6 is off"] },
    ];
    const observation = compared(
      await observeRecordParity(request({ serversNotAsked }), { askServer: walker.askServer }),
    );
    expect(observation.serversNotAsked).toEqual(serversNotAsked);
    expect(observation.targetServers).toEqual([target]);
  });

  it("shows a target side whose servers serve different zone versions", async () => {
    const second = { name: "ns-2.targethost.example", address: tree.address("target-second") };
    const observation = compared(
      await observeRecordParity(request({ targetServers: [target, second] }), {
        askServer: walker.askServer,
      }),
    );
    expect(observation.disagreements).toEqual([
      {
        side: "target",
        servers: [
          { server: target, serial: 1 },
          { server: second, serial: 0 },
        ],
      },
    ]);
    expect(kinds(observation)[`${ZONE} MX`]).toBe("missing");
  });

  it.each([
    ["drop", "timed out"],
    ["refused", "answered REFUSED"],
    ["no-aa", "not authoritative"],
  ] as const)(
    "a target whose only server gives %s is not compared at all",
    async (fault, reason) => {
      const lab = await faultyTarget(10 + labServers.length, fault);
      const observation = await observeRecordParity(request({ targetServers: [lab] }), {
        askServer: walker.askServer,
      });
      expect(observation.kind).toBe("not-compared");
      if (observation.kind === "not-compared") {
        expect(observation.reason).toContain(
          "no server of the target host answers authoritatively",
        );
        expect(observation.reason).toContain(reason);
        expect(observation.reason).toContain(lab.address);
      }
    },
  );

  it("a question one target server refuses is asked of the next; all refusing leaves it unanswered", async () => {
    const refusing = await faultyTarget(20 + labServers.length, "refused", [`_dmarc.${ZONE}`]);
    const withFallback = compared(
      await observeRecordParity(request({ targetServers: [refusing, target] }), {
        askServer: walker.askServer,
      }),
    );
    // The lab copy answers the SOA; _dmarc is refused there and answered by NSD.
    expect(kinds(withFallback)[`_dmarc.${ZONE} TXT`]).toBe("differs");
    const alone = compared(
      await observeRecordParity(request({ targetServers: [refusing] }), {
        askServer: walker.askServer,
      }),
    );
    const dmarc = difference(alone, `_dmarc.${ZONE}`, "TXT");
    expect(dmarc.kind).toBe("unanswered");
    if (dmarc.kind === "unanswered") {
      expect(dmarc.reason).toMatch(/^target host: .*answered REFUSED/);
    }
    // Asked and refused, it is not counted as compared.
    expect(alone.rrsetsCompared).toBe(withFallback.rrsetsCompared - 1);
  });

  it("keeps to the walker's address gate: non-public servers are not asked outside a lab", async () => {
    const gated = createDelegationWalker({ rootHints: [], port: tree.port, timeoutMs: 500 });
    try {
      const observation = await observeRecordParity(request(), { askServer: gated.askServer });
      expect(observation.kind).toBe("not-compared");
      if (observation.kind === "not-compared") expect(observation.reason).toContain("not asked");
      expect(gated.stats().queries).toBe(0);
      expect(gated.stats().blocked).toBe(2);
    } finally {
      await gated.close();
    }
  });

  it("an old side with no server, or a bad request, is not compared with the reason", async () => {
    const none = await observeRecordParity(request({ oldServers: [] }), {
      askServer: walker.askServer,
    });
    expect(none).toEqual({ kind: "not-compared", reason: "no server of the old host is known" });
    const bad = await observeRecordParity(request({ maxNames: 0 }), {
      askServer: walker.askServer,
    });
    expect(bad.kind).toBe("not-compared");
  });
});
