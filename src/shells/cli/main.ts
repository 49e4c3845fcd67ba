#!/usr/bin/env node
import { quietNodeVersionNotice } from "../../observe/aws/node-version-notice.js";
import { runCli } from "./program.js";
import { watchStandardStreams } from "./standard-streams.js";

const streams = watchStandardStreams(process.stdout, process.stderr);
quietNodeVersionNotice(process.env);

const exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});
process.exitCode = await streams.finish(exitCode, "domain-drift");
