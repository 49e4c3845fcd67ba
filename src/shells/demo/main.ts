#!/usr/bin/env node
// The `npm run demo` entry point: a shell over runDemo, like src/shells/cli/main.ts over runCli.
import { ignoreClosedPipes } from "../cli/closed-pipe.js";
import { runDemo } from "./run-demo.js";

ignoreClosedPipes([process.stdout, process.stderr]);

process.exitCode = await runDemo({
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});
