// Where the Action keeps its cache (refreshed reference data, Route 53 delegation sets). On a pull
// request the workspace holds the pull request's files: a cache inside it could be planted (root
// hints, an RDAP bootstrap pointing at a forger, delegation sets), so pull-request mode refuses it.
import path from "node:path";
import { isPathInsideOrLinkedInto } from "../../files/contained.js";
import type { ActionMode } from "./inputs.js";

export type CacheDirChoice =
  | { readonly ok: true; readonly dir: string }
  | { readonly ok: false; readonly message: string };

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
  if (!(await isPathInsideOrLinkedInto(dir, workspace))) return { ok: true, dir };
  const what = given === undefined ? `the default cache directory ${dir}` : `cache-dir ${given}`;
  return {
    ok: false,
    message: `${what} is inside the workspace, which holds the pull request's files: a pull request could plant cached root hints, RDAP bootstrap or Route 53 data there. Use a directory outside it, such as \${{ runner.temp }}/domain-drift-cache.`,
  };
}
