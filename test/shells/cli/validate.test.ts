import { readdirSync } from "node:fs";
import { chmod, copyFile, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildLib } from "../../support/build.js";
import { runCliBinary, runCliInProcess, unprivilegedUser } from "../../support/cli.js";
import { REPO_ROOT as ROOT } from "../../support/repo.js";

/** Every example policy, each of which must be valid without the others (a user copies one). */
const EXAMPLES = readdirSync(path.join(ROOT, "examples"), { recursive: true, encoding: "utf8" })
  .filter((name) => name.endsWith(".yaml"))
  .map((name) => path.posix.join("examples", name.split(path.sep).join("/")))
  .sort();

describe("domain-drift validate", () => {
  it("validates policies/ by default and exits 0", async () => {
    const work = await mkdtemp(path.join(tmpdir(), "domain-drift-default-"));
    try {
      await mkdir(path.join(work, "policies"));
      await copyFile(
        path.join(ROOT, "examples", "aws-managed.yaml"),
        path.join(work, "policies", "mine.yaml"),
      );
      const run = await runCliInProcess(["validate"], { cwd: work });
      expect(run).toMatchObject({ exitCode: 0, stdout: "1 file, 4 domains: valid\n", stderr: "" });
      const json = JSON.parse(
        (await runCliInProcess(["validate", "--format=json"], { cwd: work })).stdout,
      );
      expect(json.files).toEqual(["policies/mine.yaml"]);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  });

  it("finds no policy in the repository's policies/: it is the user's, and starts empty", async () => {
    const run = await runCliInProcess(["validate"], { cwd: ROOT });
    expect(run.stdout).toBe(
      "policies/: error: no policy files (*.yaml, *.yml) in this directory\n1 error in 0 files\n",
    );
    expect(run.exitCode).toBe(2);
  });

  it.each(EXAMPLES)("validates the example %s on its own", async (file) => {
    const run = await runCliInProcess(["validate", file], { cwd: ROOT });
    expect(run.stdout).toMatch(/^1 file, \d+ domains: valid\n$/);
    expect(run).toMatchObject({ exitCode: 0, stderr: "" });
  });

  it("accepts several paths and counts their domains together", async () => {
    const run = await runCliInProcess(
      [
        "validate",
        "examples/aws-managed.yaml",
        "examples/third-party.yaml",
        "fixtures/policies/good",
      ],
      { cwd: ROOT },
    );
    expect(run).toEqual({
      exitCode: 0,
      signal: null,
      stdout: "6 files, 14 domains: valid\n",
      stderr: "",
    });
  });

  it("prints JSON with --format json", async () => {
    const run = await runCliInProcess(
      ["validate", "--format", "json", "fixtures/policies/bad/missing-providers", "nowhere"],
      { cwd: ROOT },
    );
    expect(run.exitCode).toBe(2);
    expect(JSON.parse(run.stdout)).toEqual({
      valid: false,
      files: [
        "fixtures/policies/bad/missing-providers/a.yaml",
        "fixtures/policies/bad/missing-providers/b.yaml",
      ],
      domains: 0,
      diagnostics: [
        {
          file: "nowhere",
          line: null,
          column: null,
          severity: "error",
          code: "path-not-found",
          message: "no such file or directory",
        },
        // Cross-file checks do not run while a path is missing: only the per-file stages did.
      ],
    });
  });

  it("reports the domain count of a valid set in JSON", async () => {
    const run = await runCliInProcess(["validate", "--format=json", "fixtures/policies/good"], {
      cwd: ROOT,
    });
    expect(JSON.parse(run.stdout)).toMatchObject({ valid: true, domains: 7, diagnostics: [] });
    expect(run.exitCode).toBe(0);
  });

  it("exits 0 with warnings only, and says so", async () => {
    const work = await mkdtemp(path.join(tmpdir(), "domain-drift-warn-"));
    try {
      await writeFile(
        path.join(work, "p.yaml"),
        "version: 1\ndomains:\n  example.com: { registrar: route53, dnsHost: route53 }\nwaivers:\n  - { domain: example.com, rule: expiry-soon, reason: old, expires: 2001-01-01 }\n",
      );
      const run = await runCliInProcess(["validate", "p.yaml"], { cwd: work });
      expect(run.stdout).toBe(
        "p.yaml:5:69: warning: waiver #1 (`expiry-soon` on `example.com`) expired on 2001-01-01: renew or remove it\n1 file, 1 domain: valid, 1 warning\n",
      );
      expect(run.exitCode).toBe(0);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  });

  it("has --help and --version", async () => {
    const help = await runCliInProcess(["validate", "--help"], { cwd: ROOT });
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toContain("Usage: domain-drift validate [options] [paths...]");
    expect(help.stdout).toContain("--format <format>");
    const version = await runCliInProcess(["validate", "--version"], { cwd: ROOT });
    expect(version.exitCode).toBe(0);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("rejects an unknown format as a usage error (exit 2)", async () => {
    const run = await runCliInProcess(["validate", "--format", "xml"], { cwd: ROOT });
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("Allowed choices are text, json");
  });
});

describe("domain-drift validate as an unprivileged user", () => {
  beforeAll(() => buildLib(), 300_000);

  // Run as nobody when the suite runs as root (CI), since root can read anything.
  it("reports unreadable files and directories", async () => {
    const work = await mkdtemp(path.join(tmpdir(), "domain-drift-unreadable-"));
    try {
      await chmod(work, 0o755);
      await mkdir(path.join(work, "p"));
      await mkdir(path.join(work, "locked"));
      await writeFile(path.join(work, "p", "secret.yaml"), "version: 1\n");
      await writeFile(path.join(work, "locked", "inner.yaml"), "version: 1\n");
      await chmod(path.join(work, "p", "secret.yaml"), 0o000);
      await chmod(path.join(work, "locked"), 0o000);
      const user = unprivilegedUser();
      const run = await runCliBinary(["validate", "--format", "json", "p", "locked"], {
        cwd: work,
        env: { PATH: process.env.PATH ?? "/usr/bin:/bin" },
        ...(user ? { user } : {}),
      });
      expect(run.stderr).toBe("");
      const diagnostics = (
        JSON.parse(run.stdout) as { diagnostics: { file: string; code: string }[] }
      ).diagnostics;
      expect(diagnostics.map((d) => [d.file, d.code])).toEqual([
        ["p/secret.yaml", "path-unreadable"],
        ["locked", "path-unreadable"],
      ]);
      expect(run.exitCode).toBe(2);
    } finally {
      await chmod(path.join(work, "locked"), 0o755).catch(() => {});
      await rm(work, { recursive: true, force: true });
    }
  });
});
