// The bad-input corpus: every case's exact output and exit code, in-process and through the real
// binary, plus the cases that cannot be committed (empty directory, 16 MiB file, 10,001 files).
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIAGNOSTIC_CODES } from "../../../src/policy/diagnostics.js";
import { buildLib } from "../../support/build.js";
import { type CliRun, runCliBinary, runCliInProcess } from "../../support/cli.js";
import { REPO_ROOT as ROOT } from "../../support/repo.js";

const BAD = "fixtures/policies/bad";

interface BadCase {
  readonly name: string;
  readonly args: readonly string[];
  readonly exitCode: number;
  readonly expected: string;
}

async function loadCases(): Promise<BadCase[]> {
  const names = (await readdir(path.join(ROOT, BAD))).sort();
  return Promise.all(
    names.map(async (name) => {
      const dir = path.join(ROOT, BAD, name);
      const meta = JSON.parse(await readFile(path.join(dir, "case.json"), "utf8")) as {
        args?: string[];
        exitCode: number;
      };
      return {
        name,
        args: meta.args ?? [`${BAD}/${name}`],
        exitCode: meta.exitCode,
        expected: await readFile(path.join(dir, "expected.txt"), "utf8"),
      };
    }),
  );
}

const cases = await loadCases();

beforeAll(() => buildLib(), 300_000);

/** `domain-drift validate ...args` as the built binary, in a child process. */
function validateBinary(args: readonly string[], cwd: string): Promise<CliRun> {
  return runCliBinary(["validate", ...args], {
    cwd,
    env: { ...process.env, DOMAIN_DRIFT_DEBUG: "" },
  });
}

function expectNoStackTrace(run: CliRun): void {
  expect(run.stderr).toBe("");
  expect(run.stdout).not.toMatch(/\n\s+at .+\(.*:\d+:\d+\)/);
}

describe("bad policy corpus", () => {
  it.each(cases.map((badCase) => [badCase.name, badCase]))(
    "%s gives its expected diagnostics",
    async (_, badCase) => {
      const run = await runCliInProcess(["validate", ...badCase.args], { cwd: ROOT });
      expect(run.stdout).toBe(badCase.expected);
      expect(run.exitCode).toBe(badCase.exitCode);
      expectNoStackTrace(run);
    },
  );

  const throughBinary = [
    "alias-bomb",
    "invalid-utf8",
    "yaml-bad-indentation",
    "missing-path",
    "duplicate-domains-across-files",
  ];
  it.each(throughBinary)(
    "%s through the real binary: same output, exit 2, nothing on stderr",
    async (name) => {
      const badCase = cases.find((candidate) => candidate.name === name);
      if (badCase === undefined) throw new Error(`no case ${name}`);
      const run = await validateBinary(badCase.args, ROOT);
      expect(run.stdout).toBe(badCase.expected);
      expect(run.exitCode).toBe(2);
      expectNoStackTrace(run);
    },
  );
});

describe("corpus coverage", () => {
  // Produced by the generated cases below, or (unreadable paths) only when not running as root, or
  // (paths outside the workspace) only by the Action: test/adversarial/action-workspace.test.ts.
  const GENERATED = new Set([
    "no-policy-files",
    "file-too-large",
    "too-many-files",
    "path-unreadable",
    "symlink-outside-directory",
    "path-outside-directory",
  ]);

  it("exercises every diagnostic code", async () => {
    const seen = new Set<string>();
    for (const badCase of cases) {
      const run = await runCliInProcess(["validate", "--format", "json", ...badCase.args], {
        cwd: ROOT,
      });
      for (const diagnostic of JSON.parse(run.stdout).diagnostics) seen.add(diagnostic.code);
    }
    const missing = DIAGNOSTIC_CODES.filter((code) => !seen.has(code) && !GENERATED.has(code));
    expect(missing).toEqual([]);
  });
});

describe("generated bad inputs", () => {
  let work: string;
  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), "domain-drift-validate-"));
  });
  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it("an empty directory", async () => {
    await mkdir(path.join(work, "empty"));
    const run = await runCliInProcess(["validate", "empty/"], { cwd: work });
    expect(run.stdout).toBe(
      "empty/: error: no policy files (*.yaml, *.yml) in this directory\n1 error in 0 files\n",
    );
    expect(run.exitCode).toBe(2);
  });

  it("a file over 16 MiB, through the real binary", async () => {
    await mkdir(path.join(work, "huge"));
    const size = 16 * 1024 * 1024 + 1;
    await writeFile(path.join(work, "huge/policy.yaml"), `version: 1\n#${"x".repeat(size - 13)}\n`);
    await writeFile(path.join(work, "huge/ok.yaml"), "version: 1\n");
    const run = await validateBinary(["huge"], work);
    expect(run.stdout).toBe(
      // The summary counts the files read: `ok.yaml`.
      "huge/policy.yaml: error: the file is 16777217 bytes: policy files are limited to 16 MiB\n1 error in 1 file\n",
    );
    expect(run.exitCode).toBe(2);
    expectNoStackTrace(run);
  });

  it("more than 10,000 files", { timeout: 120_000 }, async () => {
    const dir = path.join(work, "many");
    await mkdir(dir);
    for (let index = 0; index <= 10_000; index++) {
      await writeFile(path.join(dir, `p${String(index).padStart(5, "0")}.yaml`), "version: 1\n");
    }
    const run = await runCliInProcess(["validate", "many"], { cwd: work });
    expect(run.stdout).toBe(
      "many/p10000.yaml: error: more than 10000 policy files: stopped reading here\n1 error in 10000 files\n",
    );
    expect(run.exitCode).toBe(2);
  });

  it("a symlinked policy file leading out of the directory is refused, not read", async () => {
    await mkdir(path.join(work, "linked"));
    await writeFile(path.join(work, "linked/ok.yaml"), "version: 1\n");
    await writeFile(path.join(work, "secret.yaml"), "aws_secret_access_key: hunter2\n");
    await symlink(path.join(work, "secret.yaml"), path.join(work, "linked/creds.yaml"));
    const run = await runCliInProcess(["validate", "linked"], { cwd: work });
    expect(run.stdout).toBe(
      "linked/creds.yaml: error: a symbolic link to a file outside `linked`: not read (name the file itself to read it)\n1 error in 1 file\n",
    );
    expect(run.exitCode).toBe(2);
  });

  it("a symlink loop next to a bad file ends, with the bad file reported", async () => {
    const dir = path.join(work, "looped");
    await mkdir(dir);
    await symlink(dir, path.join(dir, "again"));
    await writeFile(path.join(dir, "policy.yaml"), "version: 1\ndomains:\n  example.com.: {}\n");
    const run = await runCliInProcess(["validate", "looped"], { cwd: work });
    expect(run.stdout).toBe(
      "looped/policy.yaml:3:3: error: invalid domain name `example.com.`: remove the trailing dot: write `example.com`\n1 error in 1 file\n",
    );
  });
});
