// `domain-drift check | head`: a reader that closes the pipe early must not turn a run into a stack
// trace or change its exit code. The built binary, in a shell pipeline, against the demo world.
import { spawn } from "node:child_process";
import { mkdir, readdir } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoScenario } from "../../../src/shells/demo/world.js";
import { buildLib } from "../../support/build.js";
import { CLI_MAIN, type CliRun } from "../../support/cli.js";
import { type LabWorld, startLabWorld } from "../../support/lab-world.js";
import { REPO_ROOT } from "../../support/repo.js";

let lab: LabWorld;

beforeAll(async () => {
  const [, started] = await Promise.all([
    buildLib(),
    startLabWorld(demoScenario(new Date()), "domain-drift-pipe-"),
  ]);
  lab = started;
}, 120_000);

afterAll(async () => {
  await lab?.close();
});

/**
 * `node lib/shells/cli/main.js ARGS | READER` in bash, with `env` over the lab's environment.
 * `exitCode` is domain-drift's own exit status, the pipeline's first command; `stdout` is what the
 * reader printed; `stderr` is domain-drift's.
 */
function pipeline(
  args: readonly string[],
  reader: string,
  env: Record<string, string> = {},
): Promise<CliRun> {
  const script = `"$@" | ${reader}; exit "\${PIPESTATUS[0]}"`;
  return new Promise((resolve, reject) => {
    const child = spawn("bash", ["-c", script, "pipeline", process.execPath, CLI_MAIN, ...args], {
      cwd: REPO_ROOT,
      env: { ...lab.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (text: string) => {
      stdout += text;
    });
    child.stderr.setEncoding("utf8").on("data", (text: string) => {
      stderr += text;
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), 90_000);
    child.once("error", reject);
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ exitCode: code ?? -1, signal, stdout, stderr });
    });
  });
}

let runs = 0;
function checkArgs(...extra: string[]): string[] {
  runs += 1;
  const cache = join(lab.dir, `cache-${runs}`);
  return ["check", "examples/demo", ...lab.scenario.cliArgs, "--cache-dir", cache, ...extra];
}

describe("a reader that closes the pipe early", () => {
  it("check: keeps its exit code (1, the demo has drift) and prints no error", async () => {
    // `true` exits before domain-drift writes a byte: every write meets a closed pipe.
    const run = await pipeline(checkArgs(), "true");
    expect(run.stderr).toBe("");
    expect(run.exitCode).toBe(1);
  }, 120_000);

  it("check: the JSON report read up to its first line", async () => {
    const run = await pipeline(checkArgs("--format", "json"), "head -n 1");
    expect(run.stderr).toBe("");
    expect(run.stdout).toBe("{\n");
    expect(run.exitCode).toBe(1);
  }, 120_000);

  it("--help and validate end with 0", async () => {
    for (const args of [["--help"], ["validate", "examples/demo"]]) {
      const run = await pipeline(args, "true");
      expect(run.stderr, args.join(" ")).toBe("");
      expect(run.exitCode, args.join(" ")).toBe(0);
    }
  }, 60_000);

  it("demo: keeps its exit code (1) and still removes its files", async () => {
    const demoTmp = join(lab.dir, "demo-tmp");
    await mkdir(demoTmp);
    const run = await pipeline(["demo"], "true", { TMPDIR: demoTmp });
    expect(run.stderr).toBe("");
    expect(run.exitCode).toBe(1);
    expect(await readdir(demoTmp)).toEqual([]);
  }, 120_000);
});
