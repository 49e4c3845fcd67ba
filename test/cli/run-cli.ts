// Runs the CLI in-process with captured output, as the binary would run it.
import { runCli } from "../../src/shells/cli/program.js";

export interface CliRun {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function runCliCaptured(argv: readonly string[], cwd: string): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const exitCode = await runCli(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env: {},
    cwd,
  });
  return { exitCode, stdout, stderr };
}
