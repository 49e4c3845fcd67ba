// Where reports go (issue 10): `--output` must never write through a symbolic link, over one of the
// run's own inputs or over another format's file; a path that cannot hold a report is a clear usage
// error; a report that cannot be written (a full disk, `> /dev/full`) is exit code 4, never a stack
// trace or an exit code that reads as drift. The built binary against the demo world; every run is
// killed after KILL_AFTER_MS, and a killed run fails its test.
import { execFile } from "node:child_process";
import { copyFile, lstat, mkdir, readFile, readlink, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoScenario } from "../../src/shells/demo/world.js";
import { buildLib } from "../support/build.js";
import { type CliRun, type ProcessOptions, runCliBinary } from "../support/cli.js";
import { type LabWorld, startLabWorld } from "../support/lab-world.js";
import { repoPath } from "../support/repo.js";

const KILL_AFTER_MS = 60_000;
const POLICY = "northwind.yaml";
const POLICY_TEXT = await readFile(repoPath("examples", "demo", POLICY), "utf8");

let lab: LabWorld;
let runs = 0;

beforeAll(async () => {
  const [, started] = await Promise.all([
    buildLib(),
    startLabWorld(demoScenario(new Date()), "dd-adv-output-"),
  ]);
  lab = started;
  await copyFile(repoPath("examples", "demo", POLICY), join(lab.dir, POLICY));
  await runCliBinary(
    [
      "check",
      POLICY,
      ...lab.scenario.cliArgs,
      "--format",
      "json",
      "--output",
      "shard.json",
      "--shard",
      "1/1",
    ],
    {
      cwd: lab.dir,
      env: lab.env,
      timeoutMs: KILL_AFTER_MS,
    },
  );
}, 300_000);
afterAll(async () => {
  await lab?.close();
});

function run(args: readonly string[], options: Partial<ProcessOptions> = {}): Promise<CliRun> {
  return runCliBinary(args, { cwd: lab.dir, env: lab.env, timeoutMs: KILL_AFTER_MS, ...options });
}

/** `check` of the demo policy against the world, with its own cache directory. */
function check(...extra: string[]): string[] {
  runs += 1;
  return ["check", POLICY, ...lab.scenario.cliArgs, "--cache-dir", `cache-${runs}`, ...extra];
}

function expectEnded(result: CliRun, what: string): void {
  expect(result.signal, `${what} had to be killed`).toBeNull();
  expect(result.stderr, what).not.toMatch(/internal error|\n\s+at /);
}

describe("--output", { timeout: 240_000 }, () => {
  it("10.6 --output through a symlink never writes the link's target, nor over an input of the run or another format's file", async () => {
    await writeFile(join(lab.dir, "victim.txt"), "untouched\n");
    await symlink(join(lab.dir, "victim.txt"), join(lab.dir, "link.json"));
    await symlink(join(lab.dir, "created-by-dangling-link.txt"), join(lab.dir, "dangling.json"));
    const cases: ReadonlyArray<readonly [string[], RegExp]> = [
      [
        check("--format", "json", "--output", "link.json"),
        /"link\.json" \(--format json\): a symbolic link: it is not followed/,
      ],
      [
        check("--format", "json", "--output", "dangling.json"),
        /"dangling\.json" \(--format json\): a symbolic link/,
      ],
      [
        check("--format", "json", "--output", `./${POLICY}`),
        /northwind\.yaml, an input of this run: writing the report would destroy it/,
      ],
      [
        check(
          "--format",
          "json",
          "--output",
          "twice.json",
          "--format",
          "sarif",
          "--output",
          "sub/../twice.json",
        ),
        /--format json is written to the same file; give each format its own/,
      ],
      [
        ["merge", "shard.json", "--format", "json", "--output", "shard.json"],
        /shard\.json, an input of this run/,
      ],
    ];
    for (const [args, message] of cases) {
      const result = await run(args);
      expectEnded(result, args.join(" "));
      expect(result.exitCode, result.stderr).toBe(2);
      expect(result.stderr).toMatch(message);
    }
    expect(await readFile(join(lab.dir, "victim.txt"), "utf8")).toBe("untouched\n");
    expect(await readlink(join(lab.dir, "link.json"))).toBe(join(lab.dir, "victim.txt"));
    await expect(lstat(join(lab.dir, "created-by-dangling-link.txt"))).rejects.toThrow(/ENOENT/);
    expect(await readFile(join(lab.dir, POLICY), "utf8")).toBe(POLICY_TEXT);
    await expect(lstat(join(lab.dir, "twice.json"))).rejects.toThrow(/ENOENT/);
    expect(JSON.parse(await readFile(join(lab.dir, "shard.json"), "utf8")).shard).toEqual({
      index: 1,
      count: 1,
    });
  });

  it("10.12 a directory, an empty path, a full device or a FIFO as --output is a clear usage error, not an internal error or a hang", async () => {
    await mkdir(join(lab.dir, "a-directory"));
    await promisify(execFile)("mkfifo", [join(lab.dir, "a-fifo.json")]);
    const cases: ReadonlyArray<readonly [string, RegExp]> = [
      ["a-directory", /"a-directory" \(--format json\): a directory: name a file in it/],
      ["", /"" \(--format json\): the path is empty/],
      ["/dev/full", /"\/dev\/full" \(--format json\): a character device, not a regular file/],
      [
        "a-fifo.json",
        /"a-fifo\.json" \(--format json\): a FIFO \(named pipe\), not a regular file/,
      ],
      [
        `${POLICY}/report.json`,
        /".+" \(--format json\): a part of this path is a file, not a directory/,
      ],
    ];
    for (const [output, message] of cases) {
      const result = await run(["merge", "shard.json", "--format", "json", "--output", output]);
      expectEnded(result, `--output ${output}`);
      expect(result.exitCode, result.stderr).toBe(2);
      expect(result.stderr).toMatch(
        new RegExp(`^domain-drift merge: --output ${message.source}\\n$`),
      );
    }
  });

  it("10.9 a full stdout or output file ends with exit code 4 and one line, not a stack trace and exit 1", async () => {
    const stdoutFull = await run(check(), { stdoutFile: "/dev/full" });
    expectEnded(stdoutFull, "check > /dev/full");
    expect(stdoutFull.stderr).toBe(
      "domain-drift: cannot write to standard output: no space left on device\n",
    );
    expect(stdoutFull.exitCode).toBe(4);

    const validate = await run(["validate", POLICY], { stdoutFile: "/dev/full" });
    expectEnded(validate, "validate > /dev/full");
    expect(validate.exitCode, validate.stderr).toBe(4);

    // A disk that fills up while the report is written: the file-size limit, one 512-byte block.
    await writeFile(join(lab.dir, "previous.json"), "the previous report\n");
    const fileFull = await run(
      ["merge", "shard.json", "--format", "json", "--output", "previous.json"],
      { fileSizeLimitBlocks: 1 },
    );
    expectEnded(fileFull, "merge --output on a full disk");
    expect(fileFull.stderr).toMatch(
      /^domain-drift merge: cannot write the json report to previous\.json: the file is too large for the file system or the file-size limit\n$/,
    );
    expect(fileFull.exitCode).toBe(4);
    expect(await readFile(join(lab.dir, "previous.json"), "utf8")).toBe("the previous report\n");
  });
});
