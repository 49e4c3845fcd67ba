// `domain-drift report REPORTS...` through the real CLI: one saved report re-rendered exactly as
// `check` rendered it, several made into the HTML history page (and the newest scan for the other
// formats), and every refusal exit 2 with one line naming the file, with nothing written.
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ExitCode } from "../../../src/report/model/exit-codes.js";
import type { Report } from "../../../src/report/model/model.js";
import { BROWSER_MISSING, launchBrowser, openPage } from "../../support/browser.js";
import { type CliRun, runCliInProcess } from "../../support/cli.js";
import { pageDataOf } from "../../support/html-page.js";
import { repoPath } from "../../support/repo.js";
import { reportHistory } from "../../support/report-history.js";
import { noteSkipped } from "../../support/skipped.js";

noteSkipped("report: the history page in Chromium", BROWSER_MISSING);

const GOLDEN = (name: string) => readFile(repoPath("fixtures", "report", "golden", name), "utf8");
const SAMPLE: Report = JSON.parse(await GOLDEN("sample.json"));

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "dd-report-"));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function put(name: string, value: unknown): Promise<string> {
  await writeFile(join(dir, name), typeof value === "string" ? value : JSON.stringify(value));
  return name;
}

/**
 * The three weekly scans of the sample portfolio, saved newest first (the order must not matter);
 * the file names and the reports, oldest first. (The sample's server addresses count up with every
 * sampleReport() call, so a test compares with these reports, not with a fresh history.)
 */
async function putHistory(): Promise<{ files: string[]; reports: Report[] }> {
  const reports = reportHistory();
  const [first, second, third] = reports;
  const files = [
    await put("week-3.json", third),
    await put("week-1.json", first),
    await put("week-2.json", second),
  ];
  return { files, reports };
}

function report(...args: string[]): Promise<CliRun> {
  return runCliInProcess(["report", ...args], { cwd: dir });
}

/** A refusal: exit 2, one line naming the problem, nothing on stdout. */
function expectRefused(run: CliRun, message: RegExp): void {
  expect(run.exitCode).toBe(ExitCode.InvalidInput);
  expect(run.stdout).toBe("");
  expect(run.stderr).toMatch(/^domain-drift report: [^\n]*\n$/);
  expect(run.stderr).toMatch(message);
}

describe("report of one saved report", () => {
  it("writes each format as check wrote it (the golden files), exit 0", async () => {
    const file = await put("scan.json", SAMPLE);
    const run = await report(
      file,
      "--format",
      "json",
      "--output",
      "out/scan.json",
      "--format",
      "markdown",
      "--output",
      "out/scan.md",
      "--format",
      "openmetrics",
      "--output",
      "out/scan.prom",
      "--format",
      "text",
    );
    expect(run.stderr).toBe("");
    expect(run.exitCode).toBe(ExitCode.Ok);
    expect(run.stdout).toBe(await GOLDEN("sample.txt"));
    expect(await readFile(join(dir, "out", "scan.json"), "utf8")).toBe(await GOLDEN("sample.json"));
    expect(await readFile(join(dir, "out", "scan.md"), "utf8")).toBe(await GOLDEN("sample.md"));
    expect(await readFile(join(dir, "out", "scan.prom"), "utf8")).toBe(
      await GOLDEN("sample.openmetrics.txt"),
    );
  });

  it("writes the one-scan HTML page by default, to stdout, exit 0 even for a report with drift", async () => {
    expect(SAMPLE.summary.drift).toBeGreaterThan(0);
    const run = await report(await put("scan.json", SAMPLE));
    expect(run.exitCode).toBe(ExitCode.Ok);
    expect(run.stdout.startsWith("<!doctype html>")).toBe(true);
    const data = pageDataOf(run.stdout);
    expect(data.history).toBeUndefined();
    expect(data.domains.map((d) => d.name).sort()).toEqual(
      SAMPLE.domains.map((d) => d.domain).sort(),
    );
  });

  it("renders one shard of a scan as check --shard wrote it", async () => {
    const run = await report(
      await put("shard.json", { ...SAMPLE, shard: { index: 1, count: 1 } }),
      "--format",
      "json",
    );
    expect(run.exitCode).toBe(ExitCode.Ok);
    expect((JSON.parse(run.stdout) as Report).shard).toEqual({ index: 1, count: 1 });
  });
});

describe("report of several saved reports", () => {
  it("writes the history page: every scan oldest first, named by its file, with timelines", async () => {
    const { files } = await putHistory();
    const run = await report(...files, "--format", "html", "--output", "history/index.html");
    expect(run.stderr).toBe("");
    expect(run.exitCode).toBe(ExitCode.Ok);
    const data = pageDataOf(await readFile(join(dir, "history", "index.html"), "utf8"));
    expect(data.history?.scans.map((s) => [s.source, s.finishedAt.slice(0, 10)])).toEqual([
      ["week-1.json", "2026-11-12"],
      ["week-2.json", "2026-11-19"],
      ["week-3.json", "2026-11-26"],
    ]);
    expect(data.history?.changes?.resolved.map((f) => [f.domain, f.rule])).toEqual([
      ["legacy.example", "registrar-mismatch"],
    ]);
    const legacy = data.domains.find((d) => d.name === "legacy.example");
    expect(legacy?.timeline?.find((t) => t.rule === "registrar-mismatch")?.states).toEqual([
      "open",
      "open",
      "absent",
    ]);
  });

  it("writes the newest scan in the other formats", async () => {
    const { files, reports } = await putHistory();
    const newest = reports[2] as Report;
    const run = await report(
      ...files,
      "--format",
      "json",
      "--format",
      "html",
      "--output",
      "h.html",
    );
    expect(run.exitCode).toBe(ExitCode.Ok);
    expect(JSON.parse(run.stdout)).toEqual(JSON.parse(JSON.stringify(newest)));
    expect(existsSync(join(dir, "h.html"))).toBe(true);
  });

  it.skipIf(BROWSER_MISSING !== undefined)(
    "the history page opens offline in Chromium with its trends",
    async () => {
      const { files } = await putHistory();
      expect(
        (await report(...files, "--format", "html", "--output", "history.html")).exitCode,
      ).toBe(ExitCode.Ok);
      const browser = await launchBrowser();
      try {
        const url = pathToFileURL(join(dir, "history.html")).href;
        const { page, requests, violations, errors } = await openPage(browser, url);
        expect(await page.isVisible("#history")).toBe(true);
        expect(await page.textContent("#history")).toContain("Resolved findings (1)");
        expect(requests.slice(1)).toEqual([]);
        expect(await violations()).toEqual([]);
        expect(errors).toEqual([]);
      } finally {
        await browser.close();
      }
    },
    60_000,
  );
});

describe("report refuses, exit 2, with one line and nothing written", () => {
  it("a report of another schema version, naming the file", async () => {
    const [a, b] = (await putHistory()).files;
    const other = await put("old.json", { ...SAMPLE, schemaVersion: "2.0" });
    const run = await report(
      a as string,
      other,
      b as string,
      "--format",
      "html",
      "--output",
      "page.html",
    );
    expectRefused(
      run,
      /old\.json: report schema version 2\.0 is not supported \(this is domain-drift with schema 1\.0\)/,
    );
    expect(existsSync(join(dir, "page.html"))).toBe(false);
    expectRefused(await report(other, "--format", "json"), /old\.json: report schema version 2\.0/);
  });

  it("a file that is not a report, or not JSON, or not there", async () => {
    expectRefused(
      await report(await put("notes.json", { hello: "world" })),
      /notes\.json: not a domain-drift report: /,
    );
    expectRefused(
      await report(await put("cut.json", JSON.stringify(SAMPLE).slice(0, 500))),
      /cut\.json: cannot read a JSON report: /,
    );
    expectRefused(await report("missing.json"), /missing\.json: cannot read a JSON report: /);
  });

  it("an --output that is one of the reports read, before reading anything", async () => {
    const { files } = await putHistory();
    const [newest] = files as [string];
    const before = await readFile(join(dir, newest), "utf8");
    expectRefused(
      await report(...files, "--format", "json", "--output", newest),
      /--output "week-3\.json" \(--format json\): it is week-3\.json, an input of this run/,
    );
    expect(await readFile(join(dir, newest), "utf8")).toBe(before);
  });

  it("one shard among several: the shards are merged first", async () => {
    const [a] = (await putHistory()).files;
    const shard = await put("shard.json", { ...SAMPLE, shard: { index: 1, count: 4 } });
    expectRefused(
      await report(a as string, shard),
      /shard\.json: is shard 1\/4 of a scan; merge the shards first \(domain-drift merge\)/,
    );
  });

  it("a file name that would break the line or drive the terminal", async () => {
    const hostile = await put("evil\n\u001b[2Jname.json", { ...SAMPLE, schemaVersion: "9.0" });
    expectRefused(await report(hostile), /evil \uFFFD\[2Jname\.json: report schema version 9\.0/);
  });

  it("formats the report command does not write, and two formats on stdout", async () => {
    const file = await put("scan.json", SAMPLE);
    for (const format of ["sarif", "github", "pdf"]) {
      const run = await report(file, "--format", format);
      expect(run.exitCode, format).toBe(ExitCode.InvalidInput);
      expect(run.stdout, format).toBe("");
      expect(run.stderr, format).toContain(
        "expected one of html, json, text, markdown, openmetrics",
      );
    }
    expectRefused(
      await report(file, "--format", "html", "--format", "text"),
      /only one format can go to stdout; give --output FILE after --format text/,
    );
    expect((await report()).exitCode).toBe(ExitCode.InvalidInput);
  });
});

describe("report --help", () => {
  it("gives the usage, the formats and the exit codes", async () => {
    const run = await runCliInProcess(["report", "--help"], { cwd: dir });
    expect(run.exitCode).toBe(ExitCode.Ok);
    const help = run.stdout.replace(/\s+/g, " ");
    expect(help).toContain("Usage: domain-drift report [options] <reports...>");
    expect(help).toContain("html, json, text, markdown, openmetrics (repeatable; default html)");
    expect(help).toContain("html is the history page");
    expect(help).toContain(
      "Exit 0 written, 2 invalid input or usage, 4 a file could not be written.",
    );
  });
});
