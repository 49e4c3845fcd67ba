// Hostile policy files (issue 10): what a pull request can put under policies/ must be refused with
// a diagnostic at its line, never trusted, never allowed to hang or exhaust the run. Runs of the
// built binary and of the Action are killed after KILL_AFTER_MS; a killed run fails its test.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pullRequestPayload, pullRequestRepo } from "../shells/action/support/git-repo.js";
import { runAction } from "../shells/action/support/run-action.js";
import { startWorld, worldInputs } from "../shells/action/support/world.js";
import { buildLib } from "../support/build.js";
import { runCliBinary, runCliInProcess, userEnv } from "../support/cli.js";
import type { LabWorld } from "../support/lab-world.js";

const KILL_AFTER_MS = 60_000;

let lab: LabWorld;
let dir: string;
beforeAll(async () => {
  [lab] = await Promise.all([startWorld("dd-adv-policy-"), buildLib()]);
  dir = lab.dir;
}, 300_000);
afterAll(async () => {
  await lab?.close();
});

/** Some 10,000 domains sharing one entry through an alias: 233 KB, legitimate, linear to load. */
function sharedEntryPolicy(): string {
  const lines = [
    "version: 1",
    "domains:",
    "  d0.example.com: &entry { registrar: route53, dnsHost: route53 }",
  ];
  for (let i = 1; i < 9_986; i++) lines.push(`  d${i}.example.com: *entry`);
  return `${lines.join("\n")}\n`;
}

/** A "billion laughs": each level ten aliases of the one before. */
const ALIAS_BOMB = `version: 1
a: &a [x, x, x, x, x, x, x, x, x, x]
${["b", "c", "d", "e", "f", "g", "h"].map((level, i) => `${level}: &${level} [${Array(10).fill(`*${"abcdefg"[i]}`).join(", ")}]`).join("\n")}
`;

describe("hostile policy files", () => {
  it("10.2 a provider pattern with a wildcard right below a private public suffix is too broad", async () => {
    const patterns = ["*.*.uk.com", "ns1.*.eu.org", "*.duckdns.org", "*.us.com"];
    const file = join(dir, "private-suffixes.yaml");
    await writeFile(
      file,
      `version: 1
providers:
  route53:
    dnsHost:
      nameservers:
${patterns.map((pattern) => `        - "${pattern}"`).join("\n")}
domains:
  example.com: { registrar: route53, dnsHost: route53 }
`,
    );
    const run = await runCliInProcess(["validate", file], { cwd: dir });
    expect(run.exitCode, run.stdout).toBe(2);
    patterns.forEach((pattern, index) => {
      expect(run.stdout).toContain(
        `${file}:${6 + index}:11: error: name-server pattern \`${pattern}\` of provider \`route53\` is too broad`,
      );
    });
  });

  it("10.7 10,000 aliases load in linear time and an alias bomb is refused, in validate and in pull-request mode", async () => {
    const shared = sharedEntryPolicy();
    expect(shared.length).toBeGreaterThan(233 * 1024);
    await writeFile(join(dir, "shared.yaml"), shared);
    await writeFile(join(dir, "bomb.yaml"), ALIAS_BOMB);
    const env = userEnv(dir);
    const [valid, bomb] = await Promise.all([
      runCliBinary(["validate", "shared.yaml"], { cwd: dir, env, timeoutMs: KILL_AFTER_MS }),
      runCliBinary(["validate", "bomb.yaml"], { cwd: dir, env, timeoutMs: KILL_AFTER_MS }),
    ]);
    expect(valid.signal, "validate shared.yaml had to be killed").toBeNull();
    expect(valid.stdout).toBe("1 file, 9986 domains: valid\n");
    expect(bomb.signal, "validate bomb.yaml had to be killed").toBeNull();
    expect(bomb.exitCode).toBe(2);
    expect(bomb.stdout).toContain(
      "bomb.yaml:6:36: error: aliases stand for more than 100000 nodes in this file",
    );

    // The Action parses the head's policies and the base's: the same file in both.
    const policies = { "policies/shared.yaml": shared };
    const repo = await pullRequestRepo(join(dir, "repo"), policies, {
      ...policies,
      "README.md": "x\n",
    });
    const run = await runAction({
      workspace: repo.workspace,
      eventName: "pull_request",
      payload: pullRequestPayload(repo, { fork: true }),
      inputs: worldInputs(lab.scenario, dir),
      env: lab.scenario.env,
      timeoutMs: KILL_AFTER_MS,
    });
    expect(run.signal, "the Action had to be killed").toBeNull();
    expect(run.stdout).toContain("Checking 0 changed domain(s).");
    expect(run.exitCode, run.stdout).toBe(0);
  }, 240_000);
});
