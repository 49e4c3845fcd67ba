#!/usr/bin/env node
// The `npm run demo` entry point: a shell over runDemo, like src/cli/main.ts over runCli.
import { runDemo } from "./run-demo.js";

// A reader that stops early (`npm run demo | head`) must not cut the demo short before it has
// shut its servers down and removed its temporary files.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") throw error;
});

process.exitCode = await runDemo({
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});
