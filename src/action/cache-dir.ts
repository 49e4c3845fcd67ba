// Where the Action keeps its cache (refreshed reference data, Route 53 delegation sets). On a pull
// request the workspace holds the pull request's files: a cache inside it could be planted (root
// hints, an RDAP bootstrap pointing at a forger, delegation sets), so pull-request mode refuses it.
import { realpath } from "node:fs/promises";
import path from "node:path";
import type { ActionMode } from "./inputs.js";

export type CacheDirChoice =
  | { readonly ok: true; readonly dir: string }
  | { readonly ok: false; readonly message: string };

/** The real path of `target`, resolving its longest existing ancestor (it may not exist yet). */
async function realLocation(target: string): Promise<string> {
  try {
    return await realpath(target);
  } catch {
    const parent = path.dirname(target);
    if (parent === target) return target;
    return path.join(await realLocation(parent), path.basename(target));
  }
}

function isWithin(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return !(relative === ".." || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative));
}

/**
 * The cache directory to use: the `cache-dir` input (relative to the workspace) or the default.
 * In pull-request mode, one inside the workspace is refused.
 */
export async function chooseCacheDir(
  given: string | undefined,
  fallback: string,
  mode: ActionMode,
  workspace: string,
): Promise<CacheDirChoice> {
  const dir = given === undefined ? fallback : path.resolve(workspace, given);
  if (mode !== "pull-request") return { ok: true, dir };
  // As written or through symlinks (the pull request may commit one where the cache would be).
  const [real, realWorkspace] = await Promise.all([realLocation(dir), realLocation(workspace)]);
  if (!isWithin(dir, path.resolve(workspace)) && !isWithin(real, realWorkspace)) {
    return { ok: true, dir };
  }
  const what = given === undefined ? `the default cache directory ${dir}` : `cache-dir ${given}`;
  return {
    ok: false,
    message: `${what} is inside the workspace, which holds the pull request's files: a pull request could plant cached root hints, RDAP bootstrap or Route 53 data there. Use a directory outside it, such as \${{ runner.temp }}/domain-drift-cache.`,
  };
}
