// Text for terminals and CI logs: names and messages from the network (DNS answers, RDAP) and from
// pull requests (policy keys) must not carry terminal escapes or line breaks into what is printed.
// A line break followed by `::error::` would be a forged workflow command in a GitHub log.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { judgeDomain } from "../../src/judge/judge.js";
import { waiverBook } from "../../src/judge/waivers.js";
import { ns, zone } from "../../src/lab/dns-records.js";
import { type LabDns, startLabDns } from "../../src/lab/dns-world.js";
import { formatTrace } from "../../src/observe/dns/trace-text.js";
import { formatDiagnostic } from "../../src/policy/diagnostics.js";
import type { DomainReport, Report } from "../../src/report/model/model.js";
import { summarise } from "../../src/report/model/summary.js";
import { renderText } from "../../src/report/render/text.js";
import { labWalker, delegated as walked } from "../support/lab-walker.js";
import {
  delegated,
  intent,
  NOW,
  nameserver,
  observations,
  rdapRegistered,
} from "../support/observations.js";
import { catalog } from "../support/rules.js";

// biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const HOSTILE_NS = ["ns1.evil\u001b]0;owned\u0007.example", "ns2.x\n::error::forged.example"];

function reportOf(domain: ReturnType<typeof judgeDomain>): Report {
  return {
    schemaVersion: "1.0",
    tool: { name: "domain-drift", version: "0.1.0" },
    startedAt: "2026-11-26T12:00:00.000Z",
    finishedAt: "2026-11-26T12:00:01.000Z",
    failOn: "high",
    shard: undefined,
    summary: summarise([domain], []),
    domains: [domain],
    accounts: [],
    baseline: undefined,
    stats: { durationMs: 1, dnsQueries: 1, rdapRequests: 1, awsCalls: {} },
  };
}

describe("text report with hostile observed data", () => {
  // Judged in each test, not when the file loads (docs/mutation-testing.md).
  let domain: DomainReport;
  beforeEach(() => {
    domain = judgeDomain(
      intent(),
      observations({
        rdap: rdapRegistered({
          registrar: { ianaId: undefined, name: "Evil\u001b[2J\u001b[31mRegistrar\n::warning::x" },
        }),
        registration: { kind: "not-in-account", account: "default" },
        delegation: delegated(
          HOSTILE_NS,
          HOSTILE_NS.map((n) => nameserver(n, { kind: "authoritative", ns: HOSTILE_NS })),
        ),
      }),
      catalog,
      waiverBook([]),
      NOW,
    );
  });

  it.each([false, true])("prints no control characters and forges no lines (color %s)", (color) => {
    const text = renderText(reportOf(domain), { color });
    // Colour codes are the renderer's own; take them out, then nothing else may remain.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping ANSI colour codes.
    const bare = text.replace(/\u001b\[[0-9;]*m/g, "");
    expect(bare).not.toMatch(CONTROL);
    expect(bare).not.toMatch(/^::/m);
    expect(bare).toContain("Evil\uFFFD[2J\uFFFD[31mRegistrar ::warning::x");
  });
});

describe("trace with hostile name servers (loopback lab)", () => {
  let lab: LabDns;

  beforeAll(async () => {
    lab = await startLabDns(({ host }) => {
      const root = zone(".", [
        ns(".", "a.root-servers.lab"),
        { name: "a.root-servers.lab", ttl: 3600, type: "A", data: host(1) },
        ns("hostile.example", "ns.hostile.example"),
        { name: "ns.hostile.example", ttl: 3600, type: "A", data: host(2) },
      ]);
      // The zone's own NS set (the child side) names hosts with escapes and line breaks.
      const hostile = zone("hostile.example", [
        ns("hostile.example", "ns.hostile.example"),
        ...HOSTILE_NS.map((target) => ns("hostile.example", target)),
      ]);
      return {
        servers: [
          { name: "root", host: 1, zones: [root] },
          { name: "hostile", host: 2, zones: [hostile] },
        ],
      };
    });
  });

  afterAll(async () => {
    await lab?.close();
  });

  it("shows the child's NS set without control characters or forged lines", async () => {
    const walker = labWalker(lab);
    try {
      const observation = walked(await walker.walk("hostile.example"));
      const answer = observation.nameservers[0]?.probes[0]?.answer;
      // The bytes really arrive: the walker keeps what the server said.
      expect(answer?.kind === "authoritative" && answer.ns).toContain(HOSTILE_NS[1]);
      const text = formatTrace(observation);
      expect(text).not.toMatch(CONTROL);
      expect(text).not.toMatch(/^::/m);
    } finally {
      await walker.close();
    }
  });
});

describe("policy diagnostics", () => {
  it("print a key with escapes and line breaks on one clean line", () => {
    const line = formatDiagnostic({
      file: "policies/a.yaml",
      line: 3,
      column: 3,
      severity: "error",
      code: "unknown-key",
      message: "unknown key `\u001b]52;c;cm0gLXJmIH4=\u0007x\n::error::forged` at the top level",
    });
    expect(line).not.toMatch(CONTROL);
    expect(line.split("\n")).toHaveLength(1);
  });
});
