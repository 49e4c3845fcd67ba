#!/usr/bin/env node
// The `npm run demo` entry point: a shell over runDemo, like src/shells/cli/main.ts over runCli.
import { watchStandardStreams } from "../cli/standard-streams.js";
import { runDemo } from "./run-demo.js";

const streams = watchStandardStreams(process.stdout, process.stderr);

const exitCode = await runDemo({
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});
process.exitCode = await streams.finish(exitCode, "domain-drift demo");
