#!/usr/bin/env node
// The `npm run demo` entry point: a shell over runDemo, like src/cli/main.ts over runCli.
import { runDemo } from "./run-demo.js";

process.exitCode = await runDemo({
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});
