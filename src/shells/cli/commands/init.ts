// `domain-drift init --from-aws [--out DIR]`: writes policy files describing the AWS account(s) as
// they are today, one per account, validated before they are written. Exit 0 written, 2 bad input
// (nothing written), 3 written but some facts could not be observed. The options are defined here;
// ./run-init.ts, with the AWS SDK behind it, loads only when the command runs.
import { type Command, Option } from "commander";
import { addObserverOptions, type ObserverOptionValues } from "../observer-options.js";
import type { CliContext, CommandRegistrar } from "../program.js";

export interface InitOptionValues extends ObserverOptionValues {
  readonly fromAws?: boolean;
  readonly out: string;
  readonly profile: string[];
  readonly force?: boolean;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export const registerInit: CommandRegistrar = (program: Command, context: CliContext) => {
  const command = program
    .command("init")
    .description(
      "Write policy files describing AWS accounts as they are today (Route 53 Domains registrations and public hosted zones), one per account, with today's inconsistencies as comments. Exit 0 written, 2 invalid input (nothing written), 3 written but some facts could not be observed.",
    )
    .option("--from-aws", "describe the domains and public hosted zones of AWS accounts")
    .option("--out <dir>", "directory to write aws-<account>.yaml into", "policies")
    .addOption(
      new Option("--profile <name>", "an AWS profile to read, as account <name> (repeatable)")
        .argParser(collect)
        .default([], "the default credential chain, as account `default`"),
    )
    .option("--force", "overwrite existing files");
  addObserverOptions(command).action(async (values: InitOptionValues) => {
    const { runInit } = await import("./run-init.js");
    await runInit(context, values);
  });
};
