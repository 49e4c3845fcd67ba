// `domain-drift merge REPORTS...`: combines the JSON reports of a sharded scan into one report.
// The options are defined here; ./run-merge.ts loads only when the command runs.
import { type Command, Option } from "commander";
import { formatCollector, type OutputTarget, outputCollector } from "../output-options.js";
import type { CliContext, CommandRegistrar } from "../program.js";

export const registerMerge: CommandRegistrar = (program: Command, context: CliContext) => {
  const command = program
    .command("merge")
    .description(
      "Combine the JSON reports of a sharded scan (check --shard i/n) into one report; exit code as check would give.",
    )
    .argument("<reports...>", "JSON reports written by check --format json");
  command
    .addOption(
      new Option("--format <format>", "output format (repeatable; default json)").argParser(
        formatCollector,
      ),
    )
    .addOption(
      new Option("--output <file>", "write the preceding --format to this file").argParser(
        outputCollector(() => command.getOptionValue("format") as OutputTarget[] | undefined),
      ),
    )
    .action(async (paths: string[], values: { format?: OutputTarget[] }) => {
      const { runMerge } = await import("./run-merge.js");
      await runMerge(context, paths, values);
    });
};
