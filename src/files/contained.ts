// Whether a path lies inside a directory: the one check behind every "not outside the policy
// directory" and "not inside the pull request's checkout" rule.
import { realpath } from "node:fs/promises";
import path from "node:path";

/**
 * True when `target` is `directory` itself or lies below it, judged on the paths as written
 * (resolved against the working directory, `..` segments applied; symlinks not followed).
 */
export function isPathInside(target: string, directory: string): boolean {
  const relative = path.relative(path.resolve(directory), path.resolve(target));
  return !(relative === ".." || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative));
}

/** The real path of `target`, resolving its longest existing ancestor (it may not exist yet). */
export async function realLocation(target: string): Promise<string> {
  try {
    return await realpath(target);
  } catch {
    const parent = path.dirname(target);
    if (parent === target) return target;
    return path.join(await realLocation(parent), path.basename(target));
  }
}

/**
 * True when `target` lies inside `directory` as written or through symbolic links (either may be
 * a link, and `target` need not exist yet): for refusing paths that someone else's files reach.
 */
export async function isPathInsideOrLinkedInto(
  target: string,
  directory: string,
): Promise<boolean> {
  if (isPathInside(target, directory)) return true;
  const [realTarget, realDirectory] = await Promise.all([
    realLocation(path.resolve(target)),
    realLocation(path.resolve(directory)),
  ]);
  return isPathInside(realTarget, realDirectory);
}

/**
 * Where `target` leads with respect to `directory` once symbolic links are resolved (either may be
 * a link, and `target` need not exist yet): for paths that must not reach outside it.
 */
export async function confinement(
  target: string,
  directory: string,
): Promise<"inside" | "outside" | "outside-through-link"> {
  const written = isPathInside(target, directory);
  const [realTarget, realDirectory] = await Promise.all([
    realLocation(path.resolve(target)),
    realLocation(path.resolve(directory)),
  ]);
  if (isPathInside(realTarget, realDirectory)) return written ? "inside" : "outside";
  return written ? "outside-through-link" : "outside";
}
