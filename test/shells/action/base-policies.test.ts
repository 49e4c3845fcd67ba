// Reading a commit's policy files from git must find exactly what reading the checked-out tree
// finds: the same files, in the same order, with the same bytes.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readPolicySources } from "../../../src/policy/read-sources.js";
import { readBasePolicySources } from "../../../src/shells/action/base-policies.js";
import { git, scanRepo } from "./support/git-repo.js";

let dir: string;
let repo: string;
let commit: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "dd-base-sources-"));
  repo = await scanRepo(join(dir, "repo"), {
    "policies/b.yaml": "version: 1\n",
    "policies/a-b/x.yml": "version: 1 # a-b\n",
    "policies/a/x.YAML": "version: 1 # a\n",
    "policies/a/notes.txt": "not a policy\n",
    "policies/node_modules/pkg/c.yaml": "ignored\n",
    "policies/ünïcode.yaml": "version: 1 # unicode name\n",
    "extra/special.policy": "version: 1 # named explicitly\n",
    "README.md": "readme\n",
  });
  commit = await git(repo, "rev-parse", "HEAD");
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("readBasePolicySources", () => {
  it("reads the same files, order and bytes from a commit as readPolicySources from the tree", async () => {
    const paths = ["policies", "extra/special.policy", "missing-dir"];
    const fromTree = await readPolicySources(paths, { cwd: repo });
    const fromGit = await readBasePolicySources({ workspace: repo, commit, paths });
    expect(fromGit.ok).toBe(true);
    if (!fromGit.ok) return;
    expect(fromGit.sources.map((s) => s.path)).toEqual([
      "policies/a/x.YAML",
      "policies/a-b/x.yml",
      "policies/b.yaml",
      "policies/ünïcode.yaml",
      "extra/special.policy",
    ]);
    expect(fromGit.sources.map((s) => s.path)).toEqual(fromTree.sources.map((s) => s.path));
    expect(fromGit.sources.map((s) => Buffer.from(s.bytes).toString())).toEqual(
      fromTree.sources.map((s) => Buffer.from(s.bytes).toString()),
    );
  });

  it("reads the whole tree for `.`", async () => {
    const fromGit = await readBasePolicySources({ workspace: repo, commit, paths: ["."] });
    const fromTree = await readPolicySources(["."], { cwd: repo });
    expect(fromGit.ok && fromGit.sources.map((s) => s.path)).toEqual(
      fromTree.sources.map((s) => s.path),
    );
  });

  it("refuses what is not a commit id, and reports a commit it cannot fetch", async () => {
    expect(
      await readBasePolicySources({ workspace: repo, commit: "--upload-pack=x", paths: ["."] }),
    ).toEqual({
      ok: false,
      reason: '"--upload-pack=x" is not a commit id',
    });
    const absent = await readBasePolicySources({
      workspace: repo,
      commit: "1".repeat(40),
      paths: ["."],
    });
    expect(absent.ok).toBe(false);
    expect(!absent.ok && absent.reason).toMatch(
      /^the base commit 111111111111 is not available \(git fetch failed: /,
    );
  });
});
