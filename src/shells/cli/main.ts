#!/usr/bin/env node
import { boundSystemResolver } from "../../net/bounded-lookup.js";
import { quietNodeVersionNotice } from "../../observe/providers/route53/node-version-notice.js";
import { runCli } from "./program.js";
import { watchStandardStreams } from "./standard-streams.js";

const streams = watchStandardStreams(process.stdout, process.stderr);
quietNodeVersionNotice(process.env);
boundSystemResolver(process.env);

const exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});
const code = await streams.finish(exitCode, "domain-drift");

// The work is done and written: exit now, rather than when the last host-name lookup of the
// system resolver has given up (the observers stopped waiting for it; it cannot be cancelled).
if (!process.stderr.destroyed) {
  await new Promise<void>((resolve) => process.stderr.write("", () => resolve()));
}
process.exit(code);
