// Runs git with bounded output and time, never through a shell and never prompting for credentials.
import { execFile } from "node:child_process";

export interface GitLimits {
  readonly timeoutMs: number;
  /** Largest stdout accepted; git is killed beyond it. */
  readonly maxBytes: number;
}

export type GitResult =
  | { readonly ok: true; readonly stdout: Buffer }
  | { readonly ok: false; readonly message: string };

const MAX_STDERR_SHOWN = 500;

function firstLines(stderr: Buffer | string): string {
  const text = stderr.toString().trim().replace(/\s+/g, " ");
  return text.length > MAX_STDERR_SHOWN ? `${text.slice(0, MAX_STDERR_SHOWN)}…` : text;
}

export function runGit(
  cwd: string,
  args: readonly string[],
  limits: GitLimits,
  input?: string,
): Promise<GitResult> {
  return new Promise((resolve) => {
    const child = execFile(
      "git",
      args,
      {
        cwd,
        encoding: "buffer",
        maxBuffer: limits.maxBytes,
        timeout: limits.timeoutMs,
        killSignal: "SIGKILL",
        windowsHide: true,
        env: { ...process.env, GIT_TERMINAL_PROMPT: "0", GCM_INTERACTIVE: "never", LC_ALL: "C" },
      },
      (error, stdout, stderr) => {
        if (error === null) {
          resolve({ ok: true, stdout });
          return;
        }
        const reason =
          (error as { code?: unknown }).code === "ERR_CHILD_PROCESS_STDIO_MAXBUFFER"
            ? `its output exceeded ${limits.maxBytes} bytes`
            : error.killed
              ? `it did not finish within ${limits.timeoutMs} ms`
              : firstLines(stderr) || error.message;
        resolve({ ok: false, message: `git ${args[0]} failed: ${reason}` });
      },
    );
    // A git that exits before reading its input closes the pipe: the callback reports the outcome.
    child.stdin?.on("error", () => {});
    child.stdin?.end(input);
  });
}
