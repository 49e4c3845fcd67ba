// Temporary git repositories shaped like a pull request: a base commit, then a head commit that
// changes the policy files. Optionally published to a local "origin" and cloned shallow, as
// actions/checkout does by default.
import { execFile } from "node:child_process";
import { mkdir, rm, symlink, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";

/** File path → content; `null` deletes the file; `{ symlinkTo }` replaces it (or a directory) with a link. */
export type FileChanges = Readonly<Record<string, string | null | { readonly symlinkTo: string }>>;

const GIT_ENV = {
  PATH: process.env.PATH ?? "/usr/bin:/bin",
  HOME: "/nonexistent",
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_CONFIG_GLOBAL: "/dev/null",
  GIT_AUTHOR_NAME: "Test",
  GIT_AUTHOR_EMAIL: "test@example.invalid",
  GIT_COMMITTER_NAME: "Test",
  GIT_COMMITTER_EMAIL: "test@example.invalid",
};

export function git(cwd: string, ...args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile("git", args, { cwd, env: GIT_ENV }, (error, stdout, stderr) => {
      if (error) reject(new Error(`git ${args.join(" ")}: ${stderr || error.message}`));
      else resolve(stdout.trim());
    });
  });
}

async function apply(root: string, changes: FileChanges): Promise<void> {
  for (const [path, content] of Object.entries(changes)) {
    const file = join(root, path);
    if (content === null) {
      await rm(file);
      continue;
    }
    if (typeof content === "object") {
      await rm(file, { recursive: true, force: true });
      await symlink(content.symlinkTo, file);
      continue;
    }
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, content);
  }
}

async function commit(root: string, changes: FileChanges, message: string): Promise<string> {
  await apply(root, changes);
  await git(root, "add", "--all");
  await git(root, "commit", "--quiet", "--allow-empty", "-m", message);
  return git(root, "rev-parse", "HEAD");
}

export interface PullRequestRepo {
  /** The checkout the Action runs in, at the head commit. */
  readonly workspace: string;
  readonly baseSha: string;
  readonly headSha: string;
}

export async function pullRequestRepo(
  dir: string,
  base: FileChanges,
  head: FileChanges,
): Promise<PullRequestRepo> {
  await mkdir(dir, { recursive: true });
  await git(dir, "init", "--quiet", "--initial-branch=main");
  const baseSha = await commit(dir, base, "base");
  const headSha = await commit(dir, head, "head");
  return { workspace: dir, baseSha, headSha };
}

/** The same history pushed to a bare origin, then cloned at depth 1: the base commit is missing. */
export async function shallowPullRequestRepo(
  dir: string,
  base: FileChanges,
  head: FileChanges,
): Promise<PullRequestRepo> {
  const source = await pullRequestRepo(join(dir, "source"), base, head);
  const origin = join(dir, "origin.git");
  await git(dir, "clone", "--quiet", "--bare", source.workspace, origin);
  const workspace = join(dir, "checkout");
  await git(dir, "clone", "--quiet", "--depth=1", pathToFileURL(origin).href, workspace);
  return { ...source, workspace };
}

/** A repository with one commit, for scans. */
export async function scanRepo(dir: string, files: FileChanges): Promise<string> {
  await mkdir(dir, { recursive: true });
  await git(dir, "init", "--quiet", "--initial-branch=main");
  await commit(dir, files, "policies");
  return dir;
}

/** A `pull_request` webhook payload with the fields GitHub sends and the Action reads. */
export function pullRequestPayload(repo: PullRequestRepo, options: { fork?: boolean } = {}) {
  const baseRepo = { full_name: "octo-org/domains", fork: false };
  const headRepo = options.fork ? { full_name: "outsider/domains", fork: true } : baseRepo;
  return {
    action: "synchronize",
    number: 7,
    pull_request: {
      number: 7,
      state: "open",
      title: "Move domains",
      base: { ref: "main", sha: repo.baseSha, repo: baseRepo },
      head: { ref: "change", sha: repo.headSha, repo: headRepo },
    },
    repository: baseRepo,
  };
}
