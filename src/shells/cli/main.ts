#!/usr/bin/env node
import { ignoreClosedPipes } from "./closed-pipe.js";
import { runCli } from "./program.js";

ignoreClosedPipes([process.stdout, process.stderr]);

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});
