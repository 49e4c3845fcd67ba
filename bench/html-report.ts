// The HTML report of the warm scan, measured three ways: the renderer alone (`renderHtml`, in this
// process, once the scans are done and the lab is idle), the `domain-drift report` command as a
// user runs it (a child process: read, schema check, render, write), and the page opened in
// headless Chromium until its table is drawn (skipped, with the reason, without /usr/bin/chromium).

import { existsSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import type { Report } from "../src/report/model/model.js";
import { renderHtml } from "../src/report/render/html/index.js";
import { checkerEnvironment, type MeasuredRun, runMeasured } from "./checker.js";

const CHROMIUM = "/usr/bin/chromium";
const RENDERS = 3;

export interface HtmlMeasurement {
  readonly domains: number;
  /** `renderHtml` alone: the median of RENDERS runs, and each run. */
  readonly renderMs: number;
  readonly renderRunsMs: readonly number[];
  /**
   * This process's CPU time over the same runs (median): on a shared machine, wall time includes
   * waiting for a core, CPU time does not. The lab is idle by then, so the CPU is the renderer's.
   */
  readonly renderCpuMs: number;
  readonly pageBytes: number;
  readonly gzippedBytes: number;
  /** `domain-drift report REPORT --format html --output FILE`, as a child process. */
  readonly command: MeasuredRun;
  /** From navigation to the page's script marking it ready (overview and first table page drawn). */
  readonly chromium: { readonly openMs: number } | { readonly skipped: string };
}

const median = (values: readonly number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

async function openInChromium(file: string): Promise<HtmlMeasurement["chromium"]> {
  if (!existsSync(CHROMIUM)) {
    return { skipped: `${CHROMIUM} is missing (Debian: apt-get install chromium)` };
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const url = pathToFileURL(file).href;
    // The page loads nothing; anything it tried would be a bug, and must not leave the machine.
    await page.route("**/*", (route) =>
      route.request().url() === url ? route.continue() : route.abort("blockedbyclient"),
    );
    const started = performance.now();
    await page.goto(url);
    await page.waitForSelector("body.ready", { timeout: 120_000 });
    return { openMs: performance.now() - started };
  } finally {
    await browser.close();
  }
}

/** Measures the HTML report of the JSON report in `reportFile`; writes the page into `dir`. */
export async function measureHtmlReport(reportFile: string, dir: string): Promise<HtmlMeasurement> {
  const report = JSON.parse(await readFile(reportFile, "utf8")) as Report;
  const renderRunsMs: number[] = [];
  const renderCpuRunsMs: number[] = [];
  let page = "";
  for (let i = 0; i < RENDERS; i++) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    page = renderHtml(report);
    renderRunsMs.push(performance.now() - started);
    const used = process.cpuUsage(cpu);
    renderCpuRunsMs.push((used.user + used.system) / 1000);
  }
  const pageFile = join(dir, "report.html");
  const command = await runMeasured(
    ["report", reportFile, "--format", "html", "--output", pageFile],
    checkerEnvironment(),
  );
  if (command.exitCode !== 0) {
    throw new Error(`domain-drift report exited ${command.exitCode}:\n${command.stderr}`);
  }
  return {
    domains: report.domains.length,
    renderMs: median(renderRunsMs),
    renderRunsMs,
    renderCpuMs: median(renderCpuRunsMs),
    pageBytes: (await stat(pageFile)).size,
    gzippedBytes: gzipSync(page).length,
    command,
    chromium: await openInChromium(pageFile),
  };
}
