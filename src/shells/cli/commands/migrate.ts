// `domain-drift migrate <domain> [paths...]`: the runbook of one migrating domain, from the same
// observations and verdicts as `check`. Options here; ./run-migrate.ts loads when the command runs.
import { type Command, Option } from "commander";
import { addObserverOptions, type ObserverOptionValues } from "../observer-options.js";
import type { CliContext, CommandRegistrar } from "../program.js";

export interface MigrateOptionValues extends ObserverOptionValues {
  readonly format: "text" | "json";
  readonly output?: string;
}

export const registerMigrate: CommandRegistrar = (program: Command, context: CliContext) => {
  const command = program
    .command("migrate")
    .description(
      "Show the runbook of a domain whose policy declares a migration: its phase (preparing, ready, switching, switched, complete) and each step, done, next or blocked, with the exact command for the next ones. Observes the domain as `check` does. Exit codes as check's: 0 no drift at or above --fail-on, 1 drift, 2 invalid input (or no migration declared), 3 some checks could not run, 4 the output could not be written.",
    )
    .argument("<domain>", "a domain the policies declare, with a `migration:` block")
    .argument("[paths...]", "policy files or directories", ["policies/"]);
  command
    .addOption(
      new Option("--format <format>", "output format").choices(["text", "json"]).default("text"),
    )
    .option("--output <file>", "write the runbook to this file instead of stdout")
    .addOption(
      new Option("--fail-on <severity>", "lowest severity that fails the run")
        .choices(["critical", "high", "medium", "low", "info"])
        .default("high"),
    );
  addObserverOptions(command).action(
    async (domain: string, paths: string[], values: MigrateOptionValues & { failOn: string }) => {
      const { runMigrateCommand } = await import("./run-migrate.js");
      await runMigrateCommand(context, domain, paths, values);
    },
  );
};
