// `domain-drift check | head`: a reader that closes the pipe early must not turn a run into a stack
// trace or change its exit code. The built binary, in a shell pipeline, against the demo world.
import { spawn } from "node:child_process";
import { mkdir, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningScenario, startScenario } from "../../src/lab/scenario.js";
import { demoScenario } from "../../src/shells/demo/world.js";
import { buildCli, REPO_ROOT, userEnv } from "../support/cli-binary.js";

let world: RunningScenario;
let dir: string;
let env: Record<string, string>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "domain-drift-pipe-"));
  await mkdir(join(dir, "home"));
  const [, started] = await Promise.all([
    buildCli(),
    startScenario(demoScenario(new Date()), join(dir, "world")),
  ]);
  world = started;
  env = {
    ...userEnv(join(dir, "home")),
    ...world.env,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  };
}, 120_000);

afterAll(async () => {
  await world?.close();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

interface PipelineRun {
  /** The exit code of domain-drift, the pipeline's first command. */
  readonly code: number;
  /** What the reader printed. */
  readonly stdout: string;
  /** domain-drift's stderr. */
  readonly stderr: string;
}

/**
 * `node lib/shells/cli/main.js ARGS | READER` in bash (or another built entry point); resolves to the
 * entry point's own exit status.
 */
function pipeline(
  args: readonly string[],
  reader: string,
  options: { entry?: string; env?: Record<string, string> } = {},
): Promise<PipelineRun> {
  const script = `"$@" | ${reader}; exit "\${PIPESTATUS[0]}"`;
  return new Promise((resolve, reject) => {
    const child = spawn(
      "bash",
      [
        "-c",
        script,
        "pipeline",
        process.execPath,
        options.entry ?? join(REPO_ROOT, "lib", "shells", "cli", "main.js"),
        ...args,
      ],
      { cwd: REPO_ROOT, env: { ...env, ...options.env }, stdio: ["ignore", "pipe", "pipe"] },
    );
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
    child.once("close", (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}

let runs = 0;
function checkArgs(...extra: string[]): string[] {
  runs += 1;
  const cache = join(dir, `cache-${runs}`);
  return ["check", "policies/demo", ...world.cliArgs, "--cache-dir", cache, ...extra];
}

describe("a reader that closes the pipe early", () => {
  it("check: keeps its exit code (1, the demo has drift) and prints no error", async () => {
    // `true` exits before domain-drift writes a byte: every write meets a closed pipe.
    const run = await pipeline(checkArgs(), "true");
    expect(run.stderr).toBe("");
    expect(run.code).toBe(1);
  }, 120_000);

  it("check: the JSON report read up to its first line", async () => {
    const run = await pipeline(checkArgs("--format", "json"), "head -n 1");
    expect(run.stderr).toBe("");
    expect(run.stdout).toBe("{\n");
    expect(run.code).toBe(1);
  }, 120_000);

  it("--help and validate end with 0", async () => {
    for (const args of [["--help"], ["validate", "policies/demo"]]) {
      const run = await pipeline(args, "true");
      expect(run.stderr, args.join(" ")).toBe("");
      expect(run.code, args.join(" ")).toBe(0);
    }
  }, 60_000);

  it("npm run demo: keeps its exit code (1) and still removes its files", async () => {
    const demoTmp = join(dir, "demo-tmp");
    await mkdir(demoTmp);
    const run = await pipeline([], "true", {
      entry: join(REPO_ROOT, "lib", "shells", "demo", "main.js"),
      env: { TMPDIR: demoTmp },
    });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(1);
    expect(await readdir(demoTmp)).toEqual([]);
  }, 120_000);
});
