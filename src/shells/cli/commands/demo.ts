// `domain-drift demo`: see domain-drift work with no credentials, no root and no internet access.
// The demo shell (../../demo/) starts a simulated internet on loopback and runs the real `check` on
// the demo's example policies against it. It is loaded only when this command runs: the lab it
// starts is the demo's alone, and no other command (nor `--help`) loads it.
import type { Command } from "commander";
import type { CliContext, CommandRegistrar } from "../program.js";

export const registerDemo: CommandRegistrar = (program: Command, context: CliContext) => {
  program
    .command("demo")
    .description(
      "See it work, with no credentials, no root and no internet access: start a simulated internet on loopback addresses (name servers, a registry's RDAP server, the Route 53 APIs) and check the example policies examples/demo/northwind.yaml against it. Needs an OS that routes all of 127.0.0.0/8 to loopback (Linux, WSL, containers). Exit code: its check's (1: the demo has drift), 2 when the demo cannot start.",
    )
    .action(async () => {
      const { runDemo } = await import("../../demo/run-demo.js");
      // The streams as they are: the demo's own check (runCli) neutralises its messages itself,
      // and its progress line on a terminal needs its control sequences.
      context.exitCode = await runDemo({ ...context.io, stderr: context.progress });
    });
};
