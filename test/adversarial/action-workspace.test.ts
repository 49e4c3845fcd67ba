// A fork pull request against the Action (issue 10): what the pull request commits decides which
// paths exist in the workspace, symbolic links included. Nothing outside the workspace may be read,
// walked or named in annotations and the job summary because a link in the checkout points there.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pullRequestPayload, pullRequestRepo } from "../shells/action/support/git-repo.js";
import { type ActionRun, runAction } from "../shells/action/support/run-action.js";
import { BASE_POLICY, startWorld, worldInputs } from "../shells/action/support/world.js";
import type { LabWorld } from "../support/lab-world.js";

/** The step's process is killed after this long; a killed run fails the test. */
const KILL_AFTER_MS = 60_000;
/** What a file outside the workspace holds; none of it may reach the step's output. */
const SECRET_KEY = "aws_secret_access_key";
const SECRET_VALUE = "wJalrXUtnFEMI-K7MDENG";

let lab: LabWorld;
beforeAll(async () => {
  lab = await startWorld("dd-adv-action-");
  await mkdir(join(lab.dir, "outside"));
  await writeFile(join(lab.dir, "outside", "credentials.yaml"), `${SECRET_KEY}: ${SECRET_VALUE}\n`);
}, 120_000);
afterAll(async () => {
  await lab?.close();
});

function everythingShown(run: ActionRun): string {
  return `${run.stdout}\n${run.stderr}\n${run.summary}\n${JSON.stringify(run.outputs)}`;
}

describe("a fork pull request that links policies/ out of the workspace", () => {
  it("10.5 policy paths that lead outside the workspace through a symbolic link are neither read nor walked", async () => {
    for (const [name, target] of [
      ["to-outside", join(lab.dir, "outside")],
      ["to-root", "/"],
    ] as const) {
      const repo = await pullRequestRepo(
        join(lab.dir, `repo-${name}`),
        { "policies/domains.yaml": BASE_POLICY },
        { "policies/domains.yaml": null, policies: { symlinkTo: target } },
      );
      const run = await runAction({
        workspace: repo.workspace,
        eventName: "pull_request",
        payload: pullRequestPayload(repo, { fork: true }),
        inputs: { ...worldInputs(lab.scenario, lab.dir), policies: "policies" },
        env: lab.scenario.env,
        timeoutMs: KILL_AFTER_MS,
      });
      expect(run.signal, `${name}: the step had to be killed`).toBeNull();
      expect(run.exitCode, run.stdout).toBe(2);
      expect(run.outputs).toMatchObject({ status: "invalid", "exit-code": "2" });
      expect(run.annotations).toContainEqual(
        expect.objectContaining({
          level: "error",
          properties: expect.objectContaining({ file: "policies" }),
          message: "this path leads outside the workspace through a symbolic link: not read",
        }),
      );
      const shown = everythingShown(run);
      expect(shown).not.toContain(SECRET_KEY);
      expect(shown).not.toContain("credentials.yaml");
      expect(shown).not.toMatch(/too-many-files|policies\/(?:etc|usr|proc)\//);
      expect(lab.scenario.rdap.counters().total).toBe(0);
    }
  });
});
