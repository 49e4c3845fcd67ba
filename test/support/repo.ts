// Where the repository is, for tests that read its files (fixtures, docs, schemas) or run its
// entry points: one definition, so a test file can move without its paths breaking.
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** A path inside the repository, from its parts (`repoPath("fixtures", "e2e")`). */
export function repoPath(...parts: string[]): string {
  return join(REPO_ROOT, ...parts);
}
