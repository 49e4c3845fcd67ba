// `check --only`: a pattern that matches no policy domain is a usage error (exit 2), never a green
// run that checked nothing.
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ExitCode } from "../../../src/report/model/exit-codes.js";
import { runCliInProcess } from "../../support/cli.js";

describe("check --only", () => {
  it("refuses a selection that matches no domain, before any observer runs", async () => {
    const dir = await mkdtemp(join(tmpdir(), "domain-drift-only-"));
    await writeFile(
      join(dir, "p.yaml"),
      "version: 1\ndomains:\n  example.com: { registrar: route53, dnsHost: route53 }\n",
    );
    const run = await runCliInProcess(
      ["check", "p.yaml", "--only", "exampel.com", "*.example.org", "--no-aws"],
      { cwd: dir },
    );
    expect(run.exitCode).toBe(ExitCode.InvalidInput);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("--only exampel.com *.example.org matches no domain");
  });
});
