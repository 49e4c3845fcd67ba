// lib/, built by `npm run build`, for the tests that run the built entry points (./cli.ts). Test
// files run in parallel processes and several need lib/, so the build runs under a lock and only
// when the sources changed since the last build (a hash of src/ and the build configuration,
// stamped into lib/).
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { promisify } from "node:util";

import { REPO_ROOT } from "./repo.js";

/** What the build must have emitted for the tests that need it to run. */
const ENTRY_POINT = join(REPO_ROOT, "lib", "shells", "cli", "main.js");

const BUILD_INPUTS = ["src", "package.json", "tsconfig.json", "tsconfig.build.json"];
const STAMP_FILE = join(REPO_ROOT, "lib", ".test-build-stamp");
const LOCK_DIR = join(REPO_ROOT, "node_modules", ".cache", "domain-drift-test-build.lock");
/** A lock older than this was left by a killed process. */
const STALE_LOCK_MS = 5 * 60_000;
const BUILD_TIMEOUT_MS = 5 * 60_000;

async function filesUnder(path: string): Promise<string[]> {
  if (!(await stat(path)).isDirectory()) return [path];
  const entries = await readdir(path, { withFileTypes: true });
  const nested = await Promise.all(entries.map((entry) => filesUnder(join(path, entry.name))));
  return nested.flat();
}

async function sourceHash(): Promise<string> {
  const hash = createHash("sha256");
  const files = (await Promise.all(BUILD_INPUTS.map((p) => filesUnder(join(REPO_ROOT, p)))))
    .flat()
    .sort();
  for (const file of files) {
    hash
      .update(relative(REPO_ROOT, file))
      .update("\0")
      .update(await readFile(file))
      .update("\0");
  }
  return hash.digest("hex");
}

async function acquireLock(): Promise<void> {
  await mkdir(dirname(LOCK_DIR), { recursive: true });
  for (;;) {
    try {
      await mkdir(LOCK_DIR);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const age =
        Date.now() - (await stat(LOCK_DIR).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
      if (age > STALE_LOCK_MS) await rm(LOCK_DIR, { recursive: true, force: true });
      else await sleep(100);
    }
  }
}

const exists = (path: string): Promise<boolean> =>
  stat(path).then(
    () => true,
    () => false,
  );

let built: Promise<void> | undefined;

async function buildIfChanged(): Promise<void> {
  await acquireLock();
  try {
    const hash = await sourceHash();
    const stamp = await readFile(STAMP_FILE, "utf8").catch(() => "");
    if (stamp === hash) return;
    try {
      await promisify(execFile)("npm", ["run", "build", "--silent"], {
        cwd: REPO_ROOT,
        timeout: BUILD_TIMEOUT_MS,
        maxBuffer: 16 * 1024 * 1024,
      });
    } catch (error) {
      const { stdout, stderr, killed } = error as {
        stdout?: string;
        stderr?: string;
        killed?: boolean;
      };
      const output = `${stdout ?? ""}${stderr ?? ""}`;
      // tsc still emits when it finds type errors; those are `npm run typecheck`'s to report,
      // and the binary it emitted is what these tests run. Anything else is fatal.
      const typeErrorsOnly = !killed && /error TS\d+/.test(output) && (await exists(ENTRY_POINT));
      if (!typeErrorsOnly) throw new Error(`npm run build failed:\n${output}`);
      console.warn(
        `[build] npm run build reported type errors; running what it emitted:\n${output}`,
      );
    }
    await writeFile(STAMP_FILE, hash);
  } finally {
    await rm(LOCK_DIR, { recursive: true, force: true });
  }
}

/** Builds lib/ with `npm run build` unless it is up to date (once per test process). */
export function buildLib(): Promise<void> {
  built ??= buildIfChanged();
  return built;
}
