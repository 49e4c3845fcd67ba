// stdout and stderr of the CLI and the demo. A reader that stops early (`domain-drift check | head`)
// closes the pipe: what is left is dropped, and the run keeps its own exit code. Any other failure
// to write (`> /dev/full`, a disk that fills up) means the report was lost: the run ends with exit
// code 4 and one line saying so, never with a stack trace or an exit code that reads as drift.
import type { Writable } from "node:stream";
import { describeFsError, errorCode } from "../../files/fs-errors.js";
import { ExitCode } from "../../report/model/exit-codes.js";

export interface WatchedStreams {
  /**
   * Waits until what was written to stdout is flushed, then, when it could not all be written,
   * says so on stderr and returns exit code 4; else returns `exitCode` unchanged.
   */
  finish(exitCode: number, program: string): Promise<number>;
}

/** Catches write errors on stdout and stderr, from now on, instead of letting them crash the run. */
export function watchStandardStreams(stdout: Writable, stderr: Writable): WatchedStreams {
  let lost: Error | undefined;
  stdout.on("error", (error: Error) => {
    if (errorCode(error) !== "EPIPE") lost ??= error;
  });
  // stderr has nowhere to report its own failure; the exit code still tells.
  stderr.on("error", () => undefined);
  return {
    async finish(exitCode, program) {
      if (!stdout.destroyed)
        await new Promise<void>((resolve) => stdout.write("", () => resolve()));
      if (lost === undefined) return exitCode;
      stderr.write(`${program}: cannot write to standard output: ${describeFsError(lost)}\n`);
      return ExitCode.OutputFailed;
    },
  };
}
