// `npm ci --omit=dev` in a clone (issue 15): a production install, as a Dockerfile runs it, has no
// TypeScript compiler, so `prepare` must leave lib/ unbuilt instead of failing the install — and
// must do so before the sources are there (a Dockerfile copies package*.json first).
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runProcess } from "../support/cli.js";
import { offlineNpmEnv } from "../support/npm.js";
import { repoPath } from "../support/repo.js";
import { copyWorkingTree } from "../support/working-tree.js";

let work: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "domain-drift-production-"));
});

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

async function productionInstall(dir: string) {
  const run = await runProcess(["npm", "ci", "--omit=dev"], {
    cwd: dir,
    env: offlineNpmEnv(work),
    timeoutMs: 120_000,
  });
  expect(run.exitCode, `${run.stdout}${run.stderr}`).toBe(0);
  return run;
}

describe("npm ci --omit=dev", () => {
  it("installs a clone without building lib/, and says why", async () => {
    const clone = join(work, "clone");
    await copyWorkingTree(clone);
    const run = await productionInstall(clone);
    expect(run.stdout).toContain(
      "domain-drift: no TypeScript compiler (a production install): lib/ not built",
    );
    const installed = await runProcess([process.execPath, "-e", "require('commander')"], {
      cwd: clone,
      env: offlineNpmEnv(work),
    });
    expect(installed.exitCode).toBe(0);
  }, 150_000);

  it("installs from package.json and the lockfile alone", async () => {
    const dir = join(work, "manifest-only");
    for (const file of ["package.json", "package-lock.json"]) {
      await cp(repoPath(file), join(dir, file));
    }
    await productionInstall(dir);
  }, 150_000);
});
