// `domain-drift check [paths...]`: the main job. Its options are defined here; what it does is in
// ./run-check.ts, loaded only when the command runs, so that `--help`, `--version` and the other
// commands start without the AWS SDK, the HTTP client and the rules.
import { type Command, Option } from "commander";
import { SEVERITIES, type Severity } from "../../../report/model/model.js";
import { FORMATS } from "../../../report/render/formats.js";
import { addObserverOptions, type ObserverOptionValues } from "../observer-options.js";
import { formatCollector, type OutputTarget, outputCollector } from "../output-options.js";
import type { CliContext, CommandRegistrar } from "../program.js";

export interface CheckOptionValues extends ObserverOptionValues {
  readonly format?: OutputTarget[];
  readonly failOn: Severity;
  readonly only?: string[];
  readonly inventory?: boolean;
  readonly shard?: string;
  readonly baseline?: string;
}

export const registerCheck: CommandRegistrar = (program: Command, context: CliContext) => {
  const command = program
    .command("check")
    .description(
      "Observe every policy domain (DNS delegation from the root, the registry over RDAP or WHOIS, Route 53 and Route 53 Domains) and report drift. Exit 0 no drift at or above --fail-on, 1 drift, 2 invalid input, 3 some checks could not run, 4 a report could not be written.",
    )
    .argument("[paths...]", "policy files or directories", ["policies/"]);
  command
    .addOption(
      new Option(
        "--format <format>",
        `report format: ${FORMATS.join(", ")} (repeatable)`,
      ).argParser(formatCollector),
    )
    .addOption(
      new Option(
        "--output <file>",
        "write the preceding --format to this file instead of stdout",
      ).argParser(
        outputCollector(() => command.getOptionValue("format") as OutputTarget[] | undefined),
      ),
    )
    .addOption(
      new Option("--fail-on <severity>", "lowest severity that fails the run")
        .choices(SEVERITIES)
        .default("high"),
    )
    .option(
      "--only <pattern...>",
      "check only domains matching these names or globs (`*` within one label)",
    )
    .option(
      "--inventory",
      "also report registered domains and public zones that no policy declares in the provider accounts whose APIs list them (AWS, Cloudflare, Google Cloud DNS, Azure DNS)",
    )
    .option(
      "--shard <i/n>",
      "check only shard i of n (stable hash of each domain), for matrix jobs",
    )
    .option(
      "--baseline <file>",
      "a previous JSON report: mark findings new or persisting and list resolved ones",
    );
  addObserverOptions(command).action(async (paths: string[], values: CheckOptionValues) => {
    const { runCheckCommand } = await import("./run-check.js");
    await runCheckCommand(context, paths, values);
  });
};
