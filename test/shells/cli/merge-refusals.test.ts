// `domain-drift merge`: what it accepts and, above all, what it refuses — every refusal is exit 2
// with a message naming the files, and nothing is written.
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { ExitCode } from "../../../src/report/model/exit-codes.js";
import type { Report } from "../../../src/report/model/model.js";
import { shardOf } from "../../../src/report/model/shard.js";
import { exitCodeOf, summarise } from "../../../src/report/model/summary.js";
import { type CliRun, runCliInProcess } from "../../support/cli.js";
import { repoPath } from "../../support/repo.js";

const SAMPLE: Report = JSON.parse(
  await readFile(repoPath("fixtures", "report", "golden", "sample.json"), "utf8"),
);

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The sample report cut as `check --shard i/count` would have written it. */
function shard(index: number, count: number, base: Report = SAMPLE): Mutable<Report> {
  const domains = base.domains.filter((d) => shardOf(d.domain, count) === index);
  return {
    ...structuredClone(base),
    shard: { index, count },
    domains,
    summary: summarise(domains, base.accounts),
  };
}

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "dd-merge-"));
});

async function put(name: string, value: unknown): Promise<string> {
  await writeFile(join(dir, name), typeof value === "string" ? value : JSON.stringify(value));
  return name;
}

function merge(...args: string[]): Promise<CliRun> {
  return runCliInProcess(["merge", ...args], { cwd: dir });
}

/** What legitimately differs between a merged and an unsharded report of the same scan. */
function withoutRunFields(report: Report): unknown {
  const { startedAt: _s, finishedAt: _f, stats: _stats, shard: _shard, ...rest } = report;
  return rest;
}

describe("merge accepts", () => {
  it("the shards of one cut, in any order: the merged report is the unsharded one", async () => {
    const files = [
      await put("s3.json", shard(3, 3)),
      await put("s1.json", shard(1, 3)),
      await put("s2.json", shard(2, 3)),
    ];
    // Every shard of this cut holds domains, so the test really merges three parts.
    for (const index of [1, 2, 3]) expect(shard(index, 3).domains.length).toBeGreaterThan(0);
    const result = await merge(...files, "--format", "json");
    expect(result.stderr).toBe("");
    const merged = JSON.parse(result.stdout) as Report;
    expect(withoutRunFields(merged)).toEqual(withoutRunFields(SAMPLE));
    expect(merged.shard).toBeUndefined();
    expect(result.exitCode).toBe(exitCodeOf(SAMPLE));
    // Account findings appear in every shard but once in the merged report.
    expect(merged.accounts).toEqual(SAMPLE.accounts);
  });

  it("adds up the shards' counters and spans their times", async () => {
    const one = shard(1, 2);
    const two = shard(2, 2);
    one.startedAt = "2026-11-26T12:00:00.000Z";
    one.finishedAt = "2026-11-26T12:00:05.000Z";
    two.startedAt = "2026-11-26T12:00:01.000Z";
    two.finishedAt = "2026-11-26T12:00:09.000Z";
    const files = [await put("a.json", one), await put("b.json", two)];
    const merged = JSON.parse((await merge(...files)).stdout) as Report;
    expect(merged.startedAt).toBe("2026-11-26T12:00:00.000Z");
    expect(merged.finishedAt).toBe("2026-11-26T12:00:09.000Z");
    expect(merged.stats.dnsQueries).toBe(2 * SAMPLE.stats.dnsQueries);
    expect(merged.stats.awsCalls.ListHostedZones).toBe(
      2 * (SAMPLE.stats.awsCalls.ListHostedZones ?? 0),
    );
  });

  it("writes other formats and files", async () => {
    const files = [await put("a.json", shard(1, 2)), await put("b.json", shard(2, 2))];
    const result = await merge(...files, "--format", "markdown", "--output", "out/merged.md");
    expect(result.stdout).toBe("");
    expect(await readFile(join(dir, "out/merged.md"), "utf8")).toContain("recreated.example");
  });
});

describe("merge refuses", () => {
  const cases: Array<[string, () => Promise<string[]>, RegExp]> = [
    [
      "reports of different domain-drift versions",
      async () => [
        await put("a.json", shard(1, 2)),
        await put("b.json", { ...shard(2, 2), tool: { name: "domain-drift", version: "0.0.9" } }),
      ],
      /b\.json was written by domain-drift 0\.0\.9 .*a\.json by 0\.1\.0.*one version/,
    ],
    [
      "a report of an unsupported schema version",
      async () => [
        await put("a.json", shard(1, 2)),
        await put("b.json", { ...shard(2, 2), schemaVersion: "2.0" }),
      ],
      /b\.json: report schema version 2\.0 is not supported/,
    ],
    [
      "shards run with different --fail-on",
      async () => [
        await put("a.json", shard(1, 2)),
        await put("b.json", { ...shard(2, 2), failOn: "medium" }),
      ],
      /b\.json fails on medium, a\.json on high: the shards must use the same --fail-on/,
    ],
    [
      "the same shard twice",
      async () => [
        await put("a.json", shard(1, 2)),
        await put("b.json", shard(1, 2)),
        await put("c.json", shard(2, 2)),
      ],
      /a\.json and b\.json are both shard 1\/2/,
    ],
    [
      "shards of different cuts",
      async () => [await put("a.json", shard(1, 2)), await put("b.json", shard(2, 3))],
      /b\.json is shard 2\/3, a\.json shard 1\/2: the shards must come from one --shard i\/n cut/,
    ],
    [
      "an incomplete set of shards",
      async () => [await put("a.json", shard(1, 3)), await put("c.json", shard(3, 3))],
      /shard 2\/3 of the scan is missing/,
    ],
    [
      "a shard holding another shard's domain (overlapping shards)",
      async () => {
        const one = shard(1, 3);
        one.domains = [...one.domains, ...shard(2, 3).domains];
        return [
          await put("a.json", one),
          await put("b.json", shard(2, 3)),
          await put("c.json", shard(3, 3)),
        ];
      },
      /a\.json is shard 1\/3 but holds recreated\.example, which belongs to shard 2\/3/,
    ],
    [
      "whole reports that share a domain",
      async () => [await put("a.json", SAMPLE), await put("b.json", SAMPLE)],
      /example\.com is in both a\.json and b\.json/,
    ],
    [
      "a whole report mixed with shards",
      async () => [await put("a.json", SAMPLE), await put("b.json", shard(1, 1))],
      /a\.json is a whole scan and b\.json one shard of a scan/,
    ],
    [
      "shards compared with a baseline mixed with shards that were not",
      async () => [
        await put("a.json", { ...shard(1, 2), baseline: { resolved: [] } }),
        await put("b.json", shard(2, 2)),
      ],
      /a\.json was compared with a baseline and b\.json was not/,
    ],
    [
      "a file that is not JSON",
      async () => [
        await put("a.json", shard(1, 2)),
        await put("b.json", '{"schemaVersion": "1.0",'),
      ],
      /b\.json: cannot read a JSON report/,
    ],
    [
      "a JSON file that is not a report (schema)",
      async () => {
        const { summary: _dropped, ...broken } = shard(2, 2);
        return [await put("a.json", shard(1, 2)), await put("b.json", broken)];
      },
      /b\.json: not a domain-drift report: \/ must have required property 'summary'/,
    ],
    [
      "a missing file",
      async () => [await put("a.json", shard(1, 2)), "nowhere.json"],
      /nowhere\.json: cannot read a JSON report: no such file or directory/,
    ],
  ];

  for (const [what, files, message] of cases) {
    it(what, async () => {
      const result = await merge(...(await files()), "--format", "json", "--output", "merged.json");
      expect(result.exitCode).toBe(ExitCode.InvalidInput);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).toMatch(/^domain-drift merge: /);
      expect(result.stdout).toBe("");
      await expect(readFile(join(dir, "merged.json"))).rejects.toThrow(/ENOENT/);
    });
  }
});

describe("merge with a baseline", () => {
  it("lists as resolved only what no shard still reports", async () => {
    const domainFinding = SAMPLE.domains.flatMap((d) => d.findings)[0];
    if (domainFinding === undefined) throw new Error("the sample has findings");
    const gone = {
      domain: "gone.example",
      rule: "lame-delegation",
      fingerprint: "f".repeat(32),
      message: "gone.example had a lame server",
    };
    // What each shard of a baseline run says: it sees only its own domains, so it also calls the
    // other shards' persisting findings resolved.
    const stillThere = {
      domain: undefined,
      rule: domainFinding.rule,
      fingerprint: domainFinding.fingerprint,
      message: domainFinding.message,
    };
    const files = [
      await put("a.json", { ...shard(1, 2), baseline: { resolved: [gone, stillThere] } }),
      await put("b.json", { ...shard(2, 2), baseline: { resolved: [gone, stillThere] } }),
    ];
    const merged = JSON.parse((await merge(...files)).stdout) as Report;
    expect(merged.baseline?.resolved).toEqual([gone]);
  });
});
