// `domain-drift init --from <provider> [--out DIR]` (`--from-aws` is `--from route53`): writes
// policy files describing provider accounts as they are today, one per account, validated before
// they are written. Exit 0 written, 2 bad input (nothing written), 3 written but some facts could not
// be observed. The options are defined here; ./run-init.ts, with the providers' SDKs behind it,
// loads only when the command runs.
import { type Command, Option } from "commander";
import { PROVIDERS } from "../../../observe/providers/registry.js";
import { addObserverOptions, type ObserverOptionValues } from "../observer-options.js";
import type { CliContext, CommandRegistrar } from "../program.js";

/** The providers whose adapters list an account's domains or zones: what `--from` reads. */
export function listingProviders(): string[] {
  return PROVIDERS.map((p) => p.descriptor)
    .filter((d) => d.registrar?.capabilities.listDomains || d.dnsHost?.capabilities.listZones)
    .map((d) => d.id);
}

export interface InitOptionValues extends ObserverOptionValues {
  readonly fromAws?: boolean;
  readonly from?: string;
  readonly out: string;
  readonly profile: string[];
  readonly account?: string;
  readonly set: string[];
  readonly force?: boolean;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export const registerInit: CommandRegistrar = (program: Command, context: CliContext) => {
  const command = program
    .command("init")
    .description(
      "Write policy files describing provider accounts as they are today (the domains registered there and the public zones hosted there), one per account, with today's inconsistencies as comments. Exit 0 written, 2 invalid input (nothing written), 3 written but some facts could not be observed.",
    )
    .option(
      "--from <provider>",
      `the provider whose account to describe: ${listingProviders().join(", ")}`,
    )
    .option("--from-aws", "the same as --from route53: AWS accounts (Route 53 Domains, Route 53)")
    .option(
      "--out <dir>",
      "directory to write <provider>-<account>.yaml into (aws-<account>.yaml for AWS)",
      "policies",
    )
    .addOption(
      new Option(
        "--profile <name>",
        "route53: an AWS profile to read, as account <name> (repeatable)",
      )
        .argParser(collect)
        .default([], "the default credential chain, as account `default`"),
    )
    .option(
      "--account <id>",
      "other providers: the policy's id of the account (default: the provider's id)",
    )
    .addOption(
      new Option(
        "--set <key=value>",
        "other providers: a key of the account's `accounts:` entry, e.g. accountId=..., tokenEnv=..., keyEnv=... (repeatable; docs/policy-language.md lists each provider's keys)",
      )
        .argParser(collect)
        .default([]),
    )
    .option("--force", "overwrite existing files");
  addObserverOptions(command).action(async (values: InitOptionValues) => {
    const { runInit } = await import("./run-init.js");
    await runInit(context, values);
  });
};
