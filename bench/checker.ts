// Runs the real `domain-drift check` (the built CLI, lib/shells/cli/main.js), or another of its
// commands such as `report`, as a child process and measures it from outside: wall time from spawn
// to exit, and the child's own peak RSS and CPU time, which a preloaded hook reads from
// process.resourceUsage() as the child exits and writes to an extra pipe (fd 3), so the CLI itself
// needs no benchmark code.

import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { Report } from "../src/report/model/model.js";

export const CLI = fileURLToPath(new URL("../lib/shells/cli/main.js", import.meta.url));

const USAGE_HOOK = `data:text/javascript,${encodeURIComponent(
  'import { writeSync } from "node:fs";' +
    'process.on("exit", () => { const u = process.resourceUsage();' +
    " writeSync(3, JSON.stringify({ maxRssKb: u.maxRSS, userUs: u.userCPUTime, systemUs: u.systemCPUTime })); });",
)}`;

/**
 * The environment of a checker child: the caller's, without any of its AWS settings (real
 * credentials, profiles, container-credential URLs), plus `lab` (the world's endpoints and
 * credential files).
 */
export function checkerEnvironment(lab: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const own = Object.entries(process.env).filter(([key]) => !key.startsWith("AWS_"));
  // The SDK's notice that its 2027 releases need Node 22 is noise in every measured stderr.
  return {
    ...Object.fromEntries(own),
    ...lab,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  };
}

/** A child process of the built CLI, measured from outside. */
export interface MeasuredRun {
  readonly exitCode: number | null;
  readonly wallMs: number;
  readonly maxRssKb: number;
  readonly cpuMs: number;
  readonly stderr: string;
}

export interface CheckerRun extends MeasuredRun {
  readonly report: Report;
}

export interface CheckerOptions {
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly reportFile: string;
  /** Write a V8 CPU profile of the child into this directory. */
  readonly cpuProfileDir?: string;
}

/** Runs `node lib/shells/cli/main.js ...args` with the usage hook: wall time, peak RSS, CPU. */
export async function runMeasured(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  cpuProfileDir?: string,
): Promise<MeasuredRun> {
  const execArgv = [
    "--import",
    USAGE_HOOK,
    ...(cpuProfileDir === undefined ? [] : ["--cpu-prof", `--cpu-prof-dir=${cpuProfileDir}`]),
  ];
  const started = performance.now();
  const child = spawn(process.execPath, [...execArgv, CLI, ...args], {
    env,
    stdio: ["ignore", "ignore", "pipe", "pipe"],
  });
  const stderr: string[] = [];
  const usage: string[] = [];
  child.stderr?.on("data", (chunk: Buffer) => stderr.push(chunk.toString()));
  child.stdio[3]?.on("data", (chunk: Buffer) => usage.push(chunk.toString()));
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) => resolve(code));
  });
  const wallMs = performance.now() - started;
  const measured = JSON.parse(usage.join("") || "null") as {
    maxRssKb: number;
    userUs: number;
    systemUs: number;
  } | null;
  if (measured === null) {
    throw new Error(`domain-drift exited (${exitCode}) without its usage:\n${stderr.join("")}`);
  }
  return {
    exitCode,
    wallMs,
    maxRssKb: measured.maxRssKb,
    cpuMs: (measured.userUs + measured.systemUs) / 1000,
    stderr: stderr.join(""),
  };
}

/** Runs `domain-drift check ...args --format json --output reportFile`, measured. */
export async function runChecker(options: CheckerOptions): Promise<CheckerRun> {
  const run = await runMeasured(
    [...options.args, "--format", "json", "--output", options.reportFile],
    options.env,
    options.cpuProfileDir,
  );
  let report: Report;
  try {
    report = JSON.parse(await readFile(options.reportFile, "utf8")) as Report;
  } catch (error) {
    throw new Error(
      `the checker exited (${run.exitCode}) without a report (${(error as Error).message}):\n${run.stderr}`,
    );
  }
  return { ...run, report };
}
