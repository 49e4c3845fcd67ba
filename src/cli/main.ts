#!/usr/bin/env node
import { runCli } from "./program.js";

// A reader that stops early (`domain-drift check | head`) closes the pipe. What is left to write
// is dropped, and the run still ends with its own exit code, not with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
  });
}

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});
