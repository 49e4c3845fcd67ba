// The domain-drift binary as users run it: `lib/shells/cli/main.js`, built by `npm run build`, started as
// a child process with an environment built from scratch. Test files run in parallel processes
// and several need the binary, so the build runs under a lock and only when the sources changed
// since the last build (a hash of src/ and the build configuration, stamped into lib/).
import { execFile, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

export const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const CLI_MAIN = join(REPO_ROOT, "lib", "shells", "cli", "main.js");

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

let built: Promise<string> | undefined;

async function buildIfChanged(): Promise<string> {
  await acquireLock();
  try {
    const hash = await sourceHash();
    const stamp = await readFile(STAMP_FILE, "utf8").catch(() => "");
    if (stamp === hash) return CLI_MAIN;
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
      const typeErrorsOnly = !killed && /error TS\d+/.test(output) && (await exists(CLI_MAIN));
      if (!typeErrorsOnly) throw new Error(`npm run build failed:\n${output}`);
      console.warn(
        `[cli-binary] npm run build reported type errors; running what it emitted:\n${output}`,
      );
    }
    await writeFile(STAMP_FILE, hash);
    return CLI_MAIN;
  } finally {
    await rm(LOCK_DIR, { recursive: true, force: true });
  }
}

/** Builds lib/ with `npm run build` unless it is up to date; resolves to lib/shells/cli/main.js. */
export function buildCli(): Promise<string> {
  built ??= buildIfChanged();
  return built;
}

export interface BinaryRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface BinaryOptions {
  readonly cwd: string;
  /** The whole environment of the process: nothing is inherited. */
  readonly env: Readonly<Record<string, string>>;
  /** Killed after this long (a hung run fails the test instead of stalling the suite). */
  readonly timeoutMs?: number;
}

/** Runs `node lib/shells/cli/main.js ...args`; call `buildCli()` first. */
export function runBinary(args: readonly string[], options: BinaryOptions): Promise<BinaryRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_MAIN, ...args], {
      cwd: options.cwd,
      env: { ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (text: string) => {
      stdout += text;
    });
    child.stderr.setEncoding("utf8").on("data", (text: string) => {
      stderr += text;
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 60_000);
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** A user's minimal environment: PATH and HOME only (HOME points at a directory of the test's). */
export function userEnv(home: string): Record<string, string> {
  return { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: home };
}
