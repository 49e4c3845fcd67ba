// A reader that stops early (`domain-drift check | head`, `npm run demo | head`) closes the pipe.
// What is left to write is dropped, and the run still ends with its own exit code (and, for the
// demo, shuts its servers down and removes its files) instead of dying on a stack trace.
import type { Writable } from "node:stream";

/** Makes EPIPE on these streams harmless; any other stream error is still thrown. */
export function ignoreClosedPipes(streams: readonly Writable[]): void {
  for (const stream of streams) {
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EPIPE") throw error;
    });
  }
}
