// The scan's tracking issue, kept by the bundled Action through the REST API of a loopback
// stand-in for GitHub that records every call.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningScenario } from "../../../src/lab/scenario.js";
import type { LabWorld } from "../../support/lab-world.js";
import { scanRepo } from "./support/git-repo.js";
import {
  ACTIONS_BOT,
  type FakeGitHub,
  type FakeUser,
  ISSUES,
  startFakeGitHub,
  writes,
} from "./support/github-api.js";
import { type ActionRun, runAction } from "./support/run-action.js";
import { BASE_POLICY, startWorld, worldInputs } from "./support/world.js";

const TOKEN = "ghs_testTokenNeverPrinted0123456789";
const MARKER = "<!-- domain-drift:tracking-issue -->";
/** dangling.com dangles: critical drift. */
const DRIFT = BASE_POLICY;
const CLEAN = BASE_POLICY.replace("  dangling.com: {}\n", "");
/** Someone who can open issues in the repository. */
const MALLORY: FakeUser = { login: "mallory", id: 666, type: "User" };
/** The machine user a personal access token belongs to. */
const SCANNER: FakeUser = { login: "domains-scanner", id: 4242, type: "User" };

let dir: string;
let lab: LabWorld;
let world: RunningScenario;
let github: FakeGitHub;
let workspaces = 0;

beforeAll(async () => {
  lab = await startWorld("dd-action-issue-");
  ({ scenario: world, dir } = lab);
});
afterAll(async () => {
  await lab?.close();
});
beforeEach(async () => {
  github = await startFakeGitHub(TOKEN);
});
afterEach(async () => {
  await github.close();
});

async function scan(policy: string, env: Record<string, string> = {}): Promise<ActionRun> {
  workspaces += 1;
  const ws = await scanRepo(join(dir, `ws-${workspaces}`), { "policies/domains.yaml": policy });
  return runAction({
    workspace: ws,
    eventName: "schedule",
    inputs: { ...worldInputs(world, dir), "tracking-issue": "true", "github-token": TOKEN },
    env: { ...world.env, GITHUB_API_URL: github.url, ...env },
  });
}

/** Unrelated issues and pull requests, some mentioning domain-drift; one PR even has the marker. */
function seedNoise(count: number): void {
  for (let i = 0; i < count; i++) {
    github.seed({
      title: `Issue ${i}`,
      body: i % 10 === 0 ? "domain-drift: registrar or DNS drift" : "",
    });
  }
  github.seed({
    title: "Add the Action",
    body: `Copies the template:\n${MARKER}`,
    isPullRequest: true,
  });
}

// Each test runs the Action up to three times; allow for a loaded machine.
describe("tracking issue", { timeout: 90_000 }, () => {
  it("opens one issue on drift, then updates that issue (found by its marker, retitled, on page 2)", async () => {
    seedNoise(20);
    const first = await scan(DRIFT);
    expect(first.outputs["exit-code"]).toBe("1");
    const created = writes(github.calls);
    expect(created).toEqual([
      {
        method: "POST",
        url: ISSUES,
        body: {
          title: "domain-drift: registrar or DNS drift",
          body: expect.stringContaining(MARKER),
        },
      },
    ]);
    const issue = github.issues.at(-1);
    expect(issue?.body).toContain("`dangling.com`");
    expect(issue?.body).toContain("https://github.example/octo-org/domains/actions/runs/4242");
    expect(first.summary).toContain(`Tracking issue #${issue?.number} opened.`);
    expect(github.calls.every((call) => call.authorization === `Bearer ${TOKEN}`)).toBe(true);

    // People retitle it, and 120 newer issues push it to the second page of the listing.
    if (issue) issue.title = "Domains: please look";
    seedNoise(120);
    github.calls.length = 0;
    const second = await scan(DRIFT);
    expect(
      github.calls
        .filter((c) => c.method === "GET" && c.url.startsWith(ISSUES))
        .map((c) => new URL(c.url, "http://x").searchParams.get("page")),
    ).toEqual(["1", "2"]);
    expect(writes(github.calls)).toEqual([
      {
        method: "PATCH",
        url: `${ISSUES}/${issue?.number}`,
        body: { body: expect.stringContaining(MARKER) },
      },
    ]);
    expect(issue?.title).toBe("Domains: please look");
    expect(github.issues.filter((i) => i.body.includes(MARKER) && !i.isPullRequest)).toHaveLength(
      1,
    );
    expect(second.summary).toContain(`Tracking issue #${issue?.number} updated.`);
  });

  it("reopens a closed tracking issue rather than opening a duplicate", async () => {
    const closed = github.seed({ title: "Old drift", body: `${MARKER}\nold`, state: "closed" });
    seedNoise(3);
    const run = await scan(DRIFT);
    expect(writes(github.calls)).toEqual([
      {
        method: "PATCH",
        url: `${ISSUES}/${closed.number}`,
        body: { body: expect.stringContaining("`dangling.com`"), state: "open" },
      },
    ]);
    expect(closed.state).toBe("open");
    expect(run.summary).toContain(`Tracking issue #${closed.number} reopened and updated.`);
  });

  it("closes the open issue with a comment when clean, and leaves it open when checks could not run", async () => {
    const open = github.seed({ title: "Drift", body: `${MARKER}\nstill drifting` });

    const noAws = join(dir, "no-aws");
    await writeFile(noAws, "");
    const incomplete = await scan(CLEAN, {
      AWS_CONFIG_FILE: noAws,
      AWS_SHARED_CREDENTIALS_FILE: noAws,
    });
    expect(incomplete.outputs["exit-code"]).toBe("3");
    expect(writes(github.calls)).toEqual([
      {
        method: "PATCH",
        url: `${ISSUES}/${open.number}`,
        body: { body: expect.stringContaining(MARKER) },
      },
    ]);
    expect(open.state).toBe("open");

    github.calls.length = 0;
    const clean = await scan(CLEAN);
    expect(clean.outputs["exit-code"]).toBe("0");
    expect(writes(github.calls)).toEqual([
      {
        method: "POST",
        url: `${ISSUES}/${open.number}/comments`,
        body: { body: expect.stringContaining("found no drift") },
      },
      {
        method: "PATCH",
        url: `${ISSUES}/${open.number}`,
        body: { state: "closed", state_reason: "completed" },
      },
    ]);
    expect(open.state).toBe("closed");
    expect(clean.summary).toContain(`Tracking issue #${open.number} closed: no drift.`);

    // Clean again: nothing to close, nothing written.
    github.calls.length = 0;
    await scan(CLEAN);
    expect(writes(github.calls)).toEqual([]);
  });

  it("ignores a marked issue someone else opened (GITHUB_TOKEN: only a bot's issue counts)", async () => {
    const ours = github.seed({ title: "Old drift", body: `${MARKER}\nold`, state: "closed" });
    // Open and more recently updated than ours: it would win if the marker were enough.
    const impostor = github.seed({
      title: "domain-drift: registrar or DNS drift",
      body: `${MARKER}\nAll clear, nothing to see here.`,
      author: MALLORY,
    });
    const run = await scan(DRIFT);
    expect(github.calls.filter((c) => c.url === "/user")).toHaveLength(1);
    expect(writes(github.calls)).toEqual([
      {
        method: "PATCH",
        url: `${ISSUES}/${ours.number}`,
        body: { body: expect.stringContaining("`dangling.com`"), state: "open" },
      },
    ]);
    expect(impostor.body).toBe(`${MARKER}\nAll clear, nothing to see here.`);
    expect(run.summary).toContain(`Tracking issue #${ours.number} reopened and updated.`);
  });

  it("with a personal access token, only that user's marked issue counts", async () => {
    await github.close();
    github = await startFakeGitHub(TOKEN, SCANNER);
    const impostor = github.seed({ title: "Drift", body: `${MARKER}\nmine`, author: MALLORY });
    const someBot = github.seed({ title: "Drift", body: `${MARKER}\nbot`, author: ACTIONS_BOT });
    const run = await scan(DRIFT);
    expect(writes(github.calls)).toEqual([
      {
        method: "POST",
        url: ISSUES,
        body: {
          title: "domain-drift: registrar or DNS drift",
          body: expect.stringContaining(MARKER),
        },
      },
    ]);
    expect(impostor.body).toBe(`${MARKER}\nmine`);
    expect(someBot.body).toBe(`${MARKER}\nbot`);
    const created = github.issues.at(-1);
    expect(created?.author).toEqual(SCANNER);
    expect(run.summary).toContain(`Tracking issue #${created?.number} opened.`);

    // The next scan finds the user's own issue.
    github.calls.length = 0;
    await scan(DRIFT);
    expect(writes(github.calls)).toEqual([
      {
        method: "PATCH",
        url: `${ISSUES}/${created?.number}`,
        body: { body: expect.stringContaining(MARKER) },
      },
    ]);
  });

  it("keeps no issue when the token's identity cannot be learnt, rather than trust any bot", async () => {
    github.seed({ title: "Drift", body: `${MARKER}\nold` });
    github.fail("GET", 502, 1, "/user");
    const run = await scan(DRIFT);
    expect(run.outputs["exit-code"]).toBe("1");
    expect(writes(github.calls)).toEqual([]);
    expect(run.annotations).toContainEqual(
      expect.objectContaining({
        level: "warning",
        message: "The tracking issue could not be kept: GET /user: HTTP 502: Server Error",
      }),
    );
  });

  it("reports a failing API as a warning, keeps the scan's result, and never prints the token", async () => {
    github.fail("GET", 500);
    const run = await scan(DRIFT);
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({ status: "drift", "exit-code": "1" });
    expect(run.annotations).toContainEqual(
      expect.objectContaining({
        level: "warning",
        message: expect.stringMatching(
          /^The tracking issue could not be kept: GET \/repos\/octo-org\/domains\/issues: HTTP 500/,
        ),
      }),
    );
    expect(writes(github.calls)).toEqual([]);
    // The runner masks what `::add-mask::` names; nothing else may carry the token.
    const printed = `${run.stdout}\n${run.stderr}\n${run.summary}`.replace(
      `::add-mask::${TOKEN}`,
      "",
    );
    expect(printed).not.toContain(TOKEN);
    expect(run.stdout).toContain(`::add-mask::${TOKEN}`);
  });
});
