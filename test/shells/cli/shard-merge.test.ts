// Shard then merge equals an unsharded run: the real CLI, as child processes, against one
// simulated world (DNS from the root, RDAP, Route 53 and Route 53 Domains emulators).
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningScenario } from "../../../src/lab/scenario.js";
import type { Report } from "../../../src/report/model/model.js";
import { shardOf } from "../../../src/report/model/shard.js";
import {
  AMAZON,
  CLOUDFLARE,
  FAR,
  HOVER,
  LOCKED,
  route53Set,
  TUCOWS,
} from "../../support/lab-names.js";
import { type LabWorld, runInWorld, startLabWorld } from "../../support/lab-world.js";

// Traditional names spread over the shards, and one of each kind of trouble.
const TRADITIONAL = [
  "alpha.com",
  "bravo.net",
  "charlie.org",
  "delta.com",
  "echo.net",
  "xn--bcher-kva.de",
];

let lab: LabWorld;
let world: RunningScenario;
let dir: string;

function domainDrift(args: readonly string[]) {
  return runInWorld(lab, args);
}

// No server of this world is meant to be silent, so a generous per-query timeout keeps a lab server
// starved of CPU (a loaded two-core machine) from reading as unreachable and changing a verdict.
const PATIENT_TIMEOUT = ["--timeout", "6000"];

function check(output: string, ...extra: string[]) {
  return domainDrift([
    "check",
    "policies",
    ...world.cliArgs,
    ...PATIENT_TIMEOUT,
    "--inventory",
    "--cache-dir",
    join(dir, `cache-${output}`),
    "--format",
    "json",
    "--output",
    output,
    ...extra,
  ]);
}

async function report(file: string): Promise<Report> {
  return JSON.parse(await readFile(join(dir, file), "utf8")) as Report;
}

/**
 * Fields that legitimately differ between runs of the same scan: the clock (`startedAt`,
 * `finishedAt`, `stats.durationMs`) and the work counters (`stats.dnsQueries`, `rdapRequests`,
 * `awsCalls`). Caches live per process — each shard walks the root and TLD referrals again, lists
 * every AWS account again and warms its own delegation-set cache — so a merged report sums more
 * work than one process does. Everything the scan concluded must be equal.
 */
function conclusions(r: Report): unknown {
  const { startedAt: _started, finishedAt: _finished, stats: _stats, ...rest } = r;
  return rest;
}

beforeAll(async () => {
  const traditional = TRADITIONAL.map((name, i) => ({ name, ns: route53Set(i + 1) }));
  lab = await startLabWorld(
    {
      internet: {
        domains: [
          ...traditional.map(({ name, ns }) => ({ name, delegation: ns })),
          { name: "hovered.net", delegation: HOVER },
          { name: "cloudy.com", delegation: CLOUDFLARE },
          { name: "registrar-only.com", delegation: HOVER },
          // A zone deleted and re-created: the registry still points at the old servers.
          { name: "recreated.com", delegation: route53Set(20), servedBy: [] },
          { name: "twice.org", delegation: route53Set(21) },
          { name: "lame.net", delegation: route53Set(22), servedBy: route53Set(22).slice(0, 2) },
          { name: "unlocked.com", delegation: route53Set(23) },
        ],
      },
      rdap: {
        ...Object.fromEntries(
          traditional.map(({ name, ns }) => [
            name,
            { registrar: AMAZON, statuses: LOCKED, nameservers: ns, events: FAR },
          ]),
        ),
        "hovered.net": { registrar: TUCOWS, statuses: LOCKED, nameservers: HOVER },
        "cloudy.com": {
          registrar: { ianaId: 1910, name: "Cloudflare, Inc." },
          nameservers: CLOUDFLARE,
        },
        "registrar-only.com": { registrar: AMAZON, statuses: LOCKED, nameservers: HOVER },
        "recreated.com": { registrar: AMAZON, statuses: LOCKED, nameservers: route53Set(20) },
        "twice.org": { registrar: AMAZON, statuses: LOCKED, nameservers: route53Set(21) },
        "lame.net": { registrar: AMAZON, statuses: LOCKED, nameservers: route53Set(22) },
        "unlocked.com": { registrar: AMAZON, statuses: [], nameservers: route53Set(23) },
      },
      accounts: [
        {
          profile: "default",
          hostedZones: [
            ...traditional.map(({ name, ns }) => ({ name, nameServers: ns })),
            { name: "recreated.com", nameServers: route53Set(30) },
            { name: "twice.org", nameServers: route53Set(21) },
            { name: "twice.org", nameServers: route53Set(31) },
            { name: "lame.net", nameServers: route53Set(22) },
            { name: "unlocked.com", nameServers: route53Set(23) },
            { name: "forgotten.com", nameServers: route53Set(32) },
          ],
          domains: [
            ...traditional.map(({ name, ns }) => ({ name, nameservers: ns })),
            { name: "registrar-only.com", nameservers: HOVER },
            { name: "recreated.com", nameservers: route53Set(20) },
            { name: "twice.org", nameservers: route53Set(21) },
            { name: "lame.net", nameservers: route53Set(22), autoRenew: false },
            { name: "unlocked.com", nameservers: route53Set(23), transferLock: false },
          ],
        },
      ],
    },
    "dd-shard-merge-",
  );
  ({ scenario: world, dir } = lab);
  await mkdir(join(dir, "policies"));
  await writeFile(
    join(dir, "policies", "aws.yaml"),
    [
      "version: 1",
      "defaults: { registrar: route53, dnsHost: route53, transferLock: required, autoRenew: required, expiry: { minDays: 30 } }",
      "domains:",
      ...TRADITIONAL.map((name) => `  ${name}: {}`),
      "  registrar-only.com: { dnsHost: hover }",
      "  recreated.com: {}",
      "  twice.org: {}",
      "  lame.net: {}",
      "  unlocked.com: {}",
      "",
    ].join("\n"),
  );
  await writeFile(
    join(dir, "policies", "elsewhere.yaml"),
    [
      "version: 1",
      "domains:",
      "  hovered.net: { registrar: hover, dnsHost: hover, transferLock: required }",
      "  cloudy.com: { registrar: cloudflare, dnsHost: cloudflare }",
      "",
    ].join("\n"),
  );
}, 60_000);

afterAll(async () => {
  await lab?.close();
});

const ALL_DOMAINS = [
  ...TRADITIONAL,
  "hovered.net",
  "cloudy.com",
  "registrar-only.com",
  "recreated.com",
  "twice.org",
  "lame.net",
  "unlocked.com",
];

describe("check --shard i/3 then merge", () => {
  it("equals the unsharded check, findings, statuses, summary and exit code alike", async () => {
    // Every shard holds some of the domains, or the test would not test merging.
    for (const index of [1, 2, 3]) {
      expect(ALL_DOMAINS.filter((d) => shardOf(d, 3) === index).length).toBeGreaterThan(1);
    }
    const [whole, ...shards] = await Promise.all([
      check("whole.json"),
      check("s1.json", "--shard", "1/3"),
      check("s2.json", "--shard", "2/3"),
      check("s3.json", "--shard", "3/3"),
    ]);
    expect(whole.stderr).toBe("");
    const unsharded = await report("whole.json");
    // The world has drift of every kind: the comparison is not between two empty reports.
    expect(whole.exitCode).toBe(1);
    expect(unsharded.domains.map((d) => d.domain)).toEqual([...ALL_DOMAINS].sort());
    expect(unsharded.summary.drift).toBeGreaterThanOrEqual(4);
    expect(unsharded.accounts[0]?.findings.map((f) => f.rule)).toEqual(["unmanaged-hosted-zone"]);
    for (const [i, run] of shards.entries()) {
      expect(run.stderr).toBe("");
      const part = await report(`s${i + 1}.json`);
      expect(part.shard).toEqual({ index: i + 1, count: 3 });
      expect(part.domains.every((d) => shardOf(d.domain, 3) === i + 1)).toBe(true);
    }

    const merged = await domainDrift([
      "merge",
      "s3.json",
      "s1.json",
      "s2.json",
      "--format",
      "json",
    ]);
    expect(merged.stderr).toBe("");
    expect(merged.exitCode).toBe(whole.exitCode);
    const combined = JSON.parse(merged.stdout) as Report;
    expect(conclusions(combined)).toEqual(conclusions(unsharded));
    // The excluded counters really are per process: three shards listed the account three times.
    expect(combined.stats.awsCalls.ListHostedZones).toBe(
      3 * (unsharded.stats.awsCalls.ListHostedZones ?? 0),
    );
  }, 180_000);

  it("equals the unsharded check against a baseline, resolved findings included", async () => {
    // A previous scan: one finding that has since been fixed, and one of today's findings absent.
    expect((await check("previous.json")).stderr).toBe("");
    const previous = await report("previous.json");
    const [dropped, ...kept] = previous.domains.flatMap((d) => d.findings);
    if (dropped === undefined) throw new Error("the world has findings");
    const fixed = { ...dropped, fingerprint: "0".repeat(32), message: "fixed since" };
    const baseline: Report = {
      ...previous,
      domains: previous.domains.map((d) => ({
        ...d,
        findings: d.findings
          .filter((f) => f !== dropped)
          .concat(d.domain === "alpha.com" ? [fixed] : []),
      })),
    };
    expect(kept.length).toBeGreaterThan(0);
    await writeFile(join(dir, "baseline.json"), JSON.stringify(baseline));

    const [whole, ...shards] = await Promise.all([
      check("whole-b.json", "--baseline", "baseline.json"),
      check("b1.json", "--shard", "1/3", "--baseline", "baseline.json"),
      check("b2.json", "--shard", "2/3", "--baseline", "baseline.json"),
      check("b3.json", "--shard", "3/3", "--baseline", "baseline.json"),
    ]);
    for (const run of [whole, ...shards]) expect(run.stderr).toBe("");
    const unsharded = await report("whole-b.json");
    expect(unsharded.baseline?.resolved.map((r) => r.fingerprint)).toEqual(["0".repeat(32)]);
    const marks = unsharded.domains.flatMap((d) => d.findings.map((f) => f.baseline));
    expect(marks.filter((m) => m === "new")).toHaveLength(1);

    const merged = await domainDrift([
      "merge",
      "b1.json",
      "b2.json",
      "b3.json",
      "--format",
      "json",
    ]);
    expect(merged.stderr).toBe("");
    expect(merged.exitCode).toBe(whole.exitCode);
    expect(conclusions(JSON.parse(merged.stdout) as Report)).toEqual(conclusions(unsharded));
  }, 180_000);
});
