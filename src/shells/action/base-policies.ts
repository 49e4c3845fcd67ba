// The policy files as they were at the pull request's base commit, read from git (never checked
// out): the same files `readPolicySources` would find under the same paths in that commit.
// Shallow clones often lack the base commit; it is fetched alone, at depth 1.
import path from "node:path";
import { DEFAULT_READ_LIMITS } from "../../policy/read-sources.js";
import type { PolicySource } from "../../policy/types.js";
import { type GitResult, runGit } from "./git.js";

const COMMIT_ID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
const POLICY_EXTENSIONS = new Set([".yaml", ".yml"]);
const SKIPPED_DIRECTORIES = new Set([".git", "node_modules"]);
/** All base policy files together; beyond this the comparison is given up and everything checked. */
const MAX_TOTAL_BYTES = 128 * 1024 * 1024;
const LISTING_LIMITS = { timeoutMs: 30_000, maxBytes: 64 * 1024 * 1024 };
const FETCH_LIMITS = { timeoutMs: 120_000, maxBytes: 1024 * 1024 };

export type BaseSourcesResult =
  | { readonly ok: true; readonly sources: readonly PolicySource[] }
  | { readonly ok: false; readonly reason: string };

interface TreeEntry {
  readonly path: string;
  readonly object: string;
  readonly size: number;
}

/** `git ls-tree -r -l -z` lines: `<mode> <type> <object> <size>\t<path>`. Blobs only, no symlinks. */
function parseTree(stdout: Buffer): TreeEntry[] {
  const entries: TreeEntry[] = [];
  for (const record of stdout.toString("utf8").split("\0")) {
    const tab = record.indexOf("\t");
    if (tab < 0) continue;
    const [mode, type, object, size] = record.slice(0, tab).split(/ +/);
    if (type !== "blob" || mode === "120000" || object === undefined) continue;
    entries.push({ path: record.slice(tab + 1), object, size: Number(size) });
  }
  return entries;
}

/** What `readPolicySources` reads under `given`: the file itself, or policy files below it. */
function isPolicyFileUnder(entry: string, given: string): boolean {
  if (entry === given) return true;
  const below =
    given === "."
      ? entry
      : entry.startsWith(`${given}/`)
        ? entry.slice(given.length + 1)
        : undefined;
  if (below === undefined) return false;
  const segments = below.split("/");
  return (
    segments.slice(0, -1).every((segment) => !SKIPPED_DIRECTORIES.has(segment)) &&
    POLICY_EXTENSIONS.has(path.posix.extname(below).toLowerCase())
  );
}

/** The directory walk's order: segment by segment, in code-unit order. */
function walkOrder(a: string, b: string): number {
  const x = a.split("/");
  const y = b.split("/");
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const [p, q] = [x[i] as string, y[i] as string];
    if (p !== q) return p < q ? -1 : 1;
  }
  return x.length - y.length;
}

/** `git cat-file --batch` output: `<object> blob <size>\n<bytes>\n` per requested object. */
function splitBatch(stdout: Buffer, entries: readonly TreeEntry[]): PolicySource[] | string {
  const sources: PolicySource[] = [];
  let offset = 0;
  for (const entry of entries) {
    const newline = stdout.indexOf(0x0a, offset);
    if (newline < 0) return `git cat-file ended early, before ${entry.path}`;
    const [object, type, size] = stdout.subarray(offset, newline).toString("utf8").split(" ");
    if (object !== entry.object || type !== "blob" || Number(size) !== entry.size) {
      return `git cat-file did not return the blob of ${entry.path}`;
    }
    const start = newline + 1;
    const bytes = stdout.subarray(start, start + entry.size);
    if (bytes.length !== entry.size) return `git cat-file returned ${entry.path} truncated`;
    sources.push({ path: entry.path, bytes: new Uint8Array(bytes) });
    offset = start + entry.size + 1;
  }
  return sources;
}

async function ensureCommit(workspace: string, commit: string): Promise<GitResult> {
  const present = () => runGit(workspace, ["cat-file", "-e", `${commit}^{commit}`], LISTING_LIMITS);
  if ((await present()).ok) return { ok: true, stdout: Buffer.alloc(0) };
  const fetched = await runGit(
    workspace,
    ["fetch", "--quiet", "--no-tags", "--no-recurse-submodules", "--depth=1", "origin", commit],
    FETCH_LIMITS,
  );
  if (!fetched.ok) return fetched;
  return present();
}

export interface BaseSourcesRequest {
  /** The directory git runs in: the checkout (GITHUB_WORKSPACE). */
  readonly workspace: string;
  readonly commit: string;
  /** Policy paths relative to `workspace`, with `/` separators, as the head was read with. */
  readonly paths: readonly string[];
}

export async function readBasePolicySources(
  request: BaseSourcesRequest,
): Promise<BaseSourcesResult> {
  const { workspace, commit } = request;
  if (!COMMIT_ID.test(commit)) return { ok: false, reason: `"${commit}" is not a commit id` };
  const short = commit.slice(0, 12);
  const available = await ensureCommit(workspace, commit);
  if (!available.ok) {
    return {
      ok: false,
      reason: `the base commit ${short} is not available (${available.message})`,
    };
  }

  // As the tree reader: paths in the order given, each walked in order; a file named twice once.
  const byPath = new Map<string, TreeEntry>();
  for (const given of request.paths) {
    const listed = await runGit(
      workspace,
      ["ls-tree", "-r", "-l", "-z", commit, "--", given],
      LISTING_LIMITS,
    );
    if (!listed.ok) return { ok: false, reason: listed.message };
    const found = parseTree(listed.stdout)
      .filter((entry) => isPolicyFileUnder(entry.path, given) && !byPath.has(entry.path))
      .sort((a, b) => walkOrder(a.path, b.path));
    for (const entry of found) byPath.set(entry.path, entry);
  }
  const entries = [...byPath.values()];
  const { maxFiles, maxFileBytes } = DEFAULT_READ_LIMITS;
  if (entries.length > maxFiles) {
    return { ok: false, reason: `the base commit has more than ${maxFiles} policy files` };
  }
  const large = entries.find((entry) => entry.size > maxFileBytes);
  if (large !== undefined) {
    return {
      ok: false,
      reason: `${large.path} is larger than ${maxFileBytes} bytes at the base commit`,
    };
  }
  const total = entries.reduce((sum, entry) => sum + entry.size, 0);
  if (total > MAX_TOTAL_BYTES) {
    return { ok: false, reason: `the base commit's policy files exceed ${MAX_TOTAL_BYTES} bytes` };
  }
  if (entries.length === 0) return { ok: true, sources: [] };

  const read = await runGit(
    workspace,
    ["cat-file", "--batch"],
    { timeoutMs: LISTING_LIMITS.timeoutMs, maxBytes: total + entries.length * 128 + 1024 },
    entries.map((entry) => `${entry.object}\n`).join(""),
  );
  if (!read.ok) return { ok: false, reason: read.message };
  const sources = splitBatch(read.stdout, entries);
  return typeof sources === "string" ? { ok: false, reason: sources } : { ok: true, sources };
}
