// Runs the real `domain-drift` CLI as a child process, in a directory, against a lab world's
// environment only: no credentials, config or endpoints of the machine running the tests leak in.
import { execFile } from "node:child_process";
import { join } from "node:path";
import type { RunningScenario } from "../../src/lab/scenario.js";

const TSX = join(process.cwd(), "node_modules", ".bin", "tsx");
const MAIN = join(process.cwd(), "src", "shells", "cli", "main.ts");

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function domainDrift(
  args: readonly string[],
  cwd: string,
  world: RunningScenario,
): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      TSX,
      [MAIN, ...args],
      {
        cwd,
        env: {
          PATH: process.env.PATH ?? "",
          HOME: cwd,
          NO_COLOR: "1",
          // The SDK's notice about Node 20 would be the only stderr output; it is not under test.
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
          ...world.env,
        },
        timeout: 120_000,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
