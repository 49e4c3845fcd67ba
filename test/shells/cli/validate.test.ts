import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCliInProcess } from "../../support/cli.js";
import { REPO_ROOT as ROOT } from "../../support/repo.js";

describe("domain-drift validate", () => {
  it("validates policies/ by default and exits 0", async () => {
    const run = await runCliInProcess(["validate"], { cwd: ROOT });
    expect(run.stdout).toMatch(/^\d+ files, \d+ domains: valid\n$/);
    expect(run).toMatchObject({ exitCode: 0, stderr: "" });
    const json = JSON.parse(
      (await runCliInProcess(["validate", "--format=json"], { cwd: ROOT })).stdout,
    );
    expect(json.files).toEqual(
      expect.arrayContaining(["policies/aws-managed.yaml", "policies/third-party.yaml"]),
    );
  });

  it("accepts several paths and counts their domains together", async () => {
    const run = await runCliInProcess(
      [
        "validate",
        "policies/aws-managed.yaml",
        "policies/third-party.yaml",
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
