// A copy of the repository as a fresh clone of this working tree would have it: the files git
// tracks or would track (uncommitted changes included), without node_modules/, lib/ or anything
// else .gitignore keeps out. For the tests that pack or install the package as npm does.
import { execFile } from "node:child_process";
import { cp, mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { REPO_ROOT } from "./repo.js";

export async function copyWorkingTree(destination: string): Promise<void> {
  const { stdout } = await promisify(execFile)(
    "git",
    ["ls-files", "-z", "--cached", "--others", "--exclude-standard", "--deduplicate"],
    { cwd: REPO_ROOT, maxBuffer: 16 * 1024 * 1024 },
  );
  const files = stdout.split("\0").filter((file) => file !== "");
  for (const file of files) {
    await mkdir(dirname(join(destination, file)), { recursive: true });
    // A file deleted in the working tree but not yet in the index is not in a clone of it.
    await cp(join(REPO_ROOT, file), join(destination, file)).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    });
  }
}
