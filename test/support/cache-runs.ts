// Runs of the real CLI against lab worlds that share one cache directory across runs: what the
// suites of the caches kept between runs (RDAP registrations, registrar API details) share. Each
// suite says what it counts (requests at the lab RDAP server, calls at the AWS emulator); the
// builder starts the worlds with the suite's policy, closes them after each test, and runs
// `check` with the cache, reading the JSON report and the text one.
import { chmod, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, expect } from "vitest";
import type { Scenario } from "../../src/lab/scenario.js";
import type { Report, SourceName } from "../../src/report/model/model.js";
import { type LabWorld, runInWorld, startLabWorld } from "./lab-world.js";

/** The first account the AWS emulator creates (a scenario's `default` profile). */
export const ACCOUNT_ID = "100000000001";

export interface CacheRun {
  readonly report: Report;
  /** What the suite counts for the domain during the run (requests, API calls). */
  readonly asked: (domain: string) => number;
  readonly text: string;
}

/** What a suite counts: reset before each run, read after it. */
export interface AskCounter {
  reset(lab: LabWorld): void;
  /** The count for each domain since the reset. */
  read(lab: LabWorld): (domain: string) => number;
}

export interface CacheRuns {
  /** A world of `spec` with the suite's policy as `policy.yaml`; closed after the test. */
  world(spec: Scenario): Promise<LabWorld>;
  /** One `check` in `lab` with the cache in `cacheDir`; text and JSON reports both. */
  scan(lab: LabWorld, cacheDir: string, extra?: readonly string[]): Promise<CacheRun>;
}

/** Call at the top of a suite file: it registers the `afterEach` that closes the worlds. */
export function cacheRuns(options: {
  readonly prefix: string;
  readonly policy: string;
  readonly counter: AskCounter;
}): CacheRuns {
  let worlds: LabWorld[] = [];
  afterEach(async () => {
    await Promise.all(worlds.map((w) => w.close()));
    worlds = [];
  });
  return {
    async world(spec) {
      const lab = await startLabWorld(spec, options.prefix);
      worlds.push(lab);
      await writeFile(join(lab.dir, "policy.yaml"), options.policy);
      return lab;
    },
    async scan(lab, cacheDir, extra = []) {
      options.counter.reset(lab);
      const json = join(lab.dir, "report.json");
      const run = await runInWorld(lab, [
        "check",
        "policy.yaml",
        ...lab.scenario.cliArgs,
        "--cache-dir",
        cacheDir,
        "--format",
        "json",
        "--output",
        json,
        "--format",
        "text",
        ...extra,
      ]);
      expect(run.exitCode, run.stderr).toBeGreaterThanOrEqual(0);
      expect(run.exitCode, run.stderr).toBeLessThanOrEqual(3);
      return {
        report: JSON.parse(await readFile(json, "utf8")) as Report,
        asked: options.counter.read(lab),
        text: run.stdout,
      };
    },
  };
}

/** A domain's status and the rules of its findings, sorted and once each. */
export function verdict(report: Report, domain: string) {
  const d = report.domains.find((x) => x.domain === domain);
  return { status: d?.status, rules: [...new Set(d?.findings.map((f) => f.rule))].sort() };
}

/** When the cached answer of `source` for the domain was observed; undefined: asked in this run. */
export function cachedAt(report: Report, domain: string, source: SourceName): string | undefined {
  return report.domains.find((x) => x.domain === domain)?.sources[source].observedAt;
}

/** `--refresh`, then `--cache-max-age 0`: each asks again for `domain`, whatever the cache holds. */
export async function expectRefreshAndAgeZeroAsk(
  scan: (extra: readonly string[]) => Promise<CacheRun>,
  domain: string,
  source: SourceName,
): Promise<void> {
  const refreshed = await scan(["--refresh"]);
  expect(refreshed.asked(domain)).toBe(1);
  expect(cachedAt(refreshed.report, domain, source)).toBeUndefined();
  const ageless = await scan(["--cache-max-age", "0"]);
  expect(ageless.asked(domain)).toBe(1);
}

/**
 * The genuine cache `file` put back behind a symbolic link (to a copy in `dir`), then writable by
 * others: each run must distrust it and ask again for `domain` (`scan` runs `check` once with that
 * cache).
 */
export async function expectCopiesDistrusted(
  scan: () => Promise<CacheRun>,
  file: string,
  genuine: string,
  domain: string,
  dir: string,
): Promise<void> {
  const elsewhere = join(dir, "elsewhere.json");
  await writeFile(elsewhere, genuine);
  await rm(file);
  await symlink(elsewhere, file);
  expect((await scan()).asked(domain)).toBe(1);

  await rm(file);
  await writeFile(file, genuine);
  await chmod(file, 0o666);
  expect((await scan()).asked(domain)).toBe(1);
}
