// The one way tests run domain-drift, with one result: the CLI in-process (`runCliInProcess`: fast,
// output and exit code as the binary would give them), or a built entry point as a child process
// with an environment built from scratch (`runCliBinary` for the CLI as users run it,
// `runNodeEntry` for any other, such as the bundled Action).
import { spawn } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import { runCli } from "../../src/shells/cli/program.js";
import { buildLib } from "./build.js";
import { repoPath } from "./repo.js";

export const CLI_MAIN = repoPath("lib", "shells", "cli", "main.js");

export interface CliRun {
  /** The exit code; -1 when the process was killed (see `signal`). */
  readonly exitCode: number;
  /** The signal that ended a child process (a run past its timeout is killed), else null. */
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface InProcessOptions {
  readonly cwd: string;
  /** The environment the CLI sees; by default an empty one. */
  readonly env?: NodeJS.ProcessEnv;
}

/** Runs `domain-drift ...argv` in this process, with its output captured. */
export async function runCliInProcess(
  argv: readonly string[],
  options: InProcessOptions,
): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const exitCode = await runCli(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env: options.env ?? {},
    cwd: options.cwd,
  });
  return { exitCode, signal: null, stdout, stderr };
}

export interface ProcessOptions {
  readonly cwd: string;
  /** The whole environment of the process: nothing is inherited. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Killed after this long (a hung run fails the test instead of stalling the suite). */
  readonly timeoutMs?: number;
  /** A file the process's stdout goes to (`/dev/full`, ...) instead of a pipe read into `stdout`. */
  readonly stdoutFile?: string;
  /** The largest file the process may write, in 512-byte blocks (`ulimit -f`): a full disk. */
  readonly fileSizeLimitBlocks?: number;
  /** Runs the process as this user and group instead of ours (see `unprivilegedUser`). */
  readonly user?: { readonly uid: number; readonly gid: number };
}

/**
 * Who to run the CLI as to see what an ordinary user sees: nobody/nogroup (65534) when this
 * process is root (as in CI), for whom no file is unreadable; else this process's own user.
 */
export function unprivilegedUser(): ProcessOptions["user"] {
  return process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined;
}

/** Runs `node ENTRY ...args` as a child process. */
export function runNodeEntry(
  entry: string,
  args: readonly string[],
  options: ProcessOptions,
): Promise<CliRun> {
  return runProcess([process.execPath, entry, ...args], options);
}

/** Runs a command (`[file, ...args]`) as a child process, to its end or its timeout. */
export function runProcess(command: readonly string[], options: ProcessOptions): Promise<CliRun> {
  const [file, ...fileArgs] =
    options.fileSizeLimitBlocks === undefined
      ? command
      : ["sh", "-c", `ulimit -f ${options.fileSizeLimitBlocks} && exec "$@"`, "sh", ...command];
  const stdoutFd = options.stdoutFile === undefined ? undefined : openSync(options.stdoutFile, "w");
  return new Promise((resolve, reject) => {
    const child = spawn(file as string, fileArgs, {
      cwd: options.cwd,
      env: { ...options.env },
      stdio: ["ignore", stdoutFd ?? "pipe", "pipe"],
      ...options.user,
    });
    if (stdoutFd !== undefined) closeSync(stdoutFd);
    let stdout = "";
    let stderr = "";
    child.stdout?.setEncoding("utf8").on("data", (text: string) => {
      stdout += text;
    });
    child.stderr?.setEncoding("utf8").on("data", (text: string) => {
      stderr += text;
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 60_000);
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ exitCode: code ?? -1, signal, stdout, stderr });
    });
  });
}

/**
 * Runs `node lib/shells/cli/main.js ...args`, building lib/ first when it is stale. Call
 * `buildLib()` in a `beforeAll` with a long timeout, so no single test pays for the build.
 */
export async function runCliBinary(
  args: readonly string[],
  options: ProcessOptions,
): Promise<CliRun> {
  await buildLib();
  return runNodeEntry(CLI_MAIN, args, options);
}

/** A user's minimal environment: PATH and HOME only (HOME points at a directory of the test's). */
export function userEnv(home: string): Record<string, string> {
  return { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: home };
}
