// `domain-drift trace <domain>`: walks one domain's delegation from the root hints and shows every
// zone cut, the parent's answer and every delegated server's classified answer. Exit 0 when the
// walk completed (whatever the answers), 2 for bad input, 3 when no parent server answered. The
// options are defined here; ./run-trace.ts loads only when the command runs.
import { type Command, Option } from "commander";
import { addDnsOptions, type DnsOptionValues } from "../observer-options.js";
import type { CliContext, CommandRegistrar } from "../program.js";

export interface TraceOptions extends DnsOptionValues {
  readonly format: "text" | "json";
}

export const registerTrace: CommandRegistrar = (program: Command, context: CliContext) => {
  const command = program
    .command("trace")
    .description(
      "Walk a domain's delegation from the root and show every server's answer and, where the parent publishes DS, the DNSSEC chain it serves. Exit 0 walked, 2 bad input, 3 no parent server answered.",
    )
    .argument("<domain>", "the domain (Unicode or A-label)");
  addDnsOptions(command)
    .addOption(
      new Option("--format <format>", "output format").choices(["text", "json"]).default("text"),
    )
    .action(async (domain: string, options: TraceOptions) => {
      const { runTrace } = await import("./run-trace.js");
      await runTrace(context, domain, options);
    });
};
