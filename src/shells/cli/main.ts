#!/usr/bin/env node
import { quietNodeVersionNotice } from "../../observe/aws/node-version-notice.js";
import { ignoreClosedPipes } from "./closed-pipe.js";
import { runCli } from "./program.js";

ignoreClosedPipes([process.stdout, process.stderr]);
quietNodeVersionNotice(process.env);

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});
