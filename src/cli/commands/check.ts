// `domain-drift check [paths...]`: the main job. Loads the policies, observes every domain, applies
// the rules and writes the report in every format asked for. stdout carries only the report;
// progress goes to stderr, and only when it is a terminal.
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { type Command, Option } from "commander";
import { runCheck } from "../../check/check.js";
import { setUpObservers } from "../../check/setup.js";
import { parseShard, type Shard } from "../../check/shard.js";
import { formatDiagnostic } from "../../policy/diagnostics.js";
import { loadPolicies } from "../../policy/load.js";
import { compareWithBaseline } from "../../report/baseline.js";
import { type Report, SEVERITIES, type Severity } from "../../report/model.js";
import { checkReport } from "../../report/report-schema.js";
import { exitCodeOf } from "../../report/summary.js";
import { ExitCode } from "../exit-codes.js";
import {
  addObserverOptions,
  type ObserverOptionValues,
  observerSettings,
} from "../observer-options.js";
import {
  formatCollector,
  type OutputTarget,
  outputCollector,
  resolveTargets,
} from "../output-options.js";
import type { CliContext, CommandRegistrar } from "../program.js";
import { progressReporter } from "../progress.js";
import { writeTargets } from "../write-report.js";

interface CheckOptionValues extends ObserverOptionValues {
  readonly format?: OutputTarget[];
  readonly failOn: Severity;
  readonly only?: string[];
  readonly inventory?: boolean;
  readonly shard?: string;
  readonly baseline?: string;
}

function usageError(context: CliContext, message: string): void {
  context.io.stderr.write(`domain-drift check: ${message}\n`);
  context.exitCode = ExitCode.InvalidInput;
}

async function readBaseline(
  path: string,
): Promise<{ ok: true; report: Report } | { ok: false; message: string }> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(path, "utf8"));
  } catch (error) {
    return { ok: false, message: `${path}: cannot read the baseline: ${(error as Error).message}` };
  }
  return checkReport(value, path);
}

async function runCheckCommand(
  context: CliContext,
  paths: string[],
  values: CheckOptionValues,
): Promise<void> {
  const targets = resolveTargets(values.format);
  if ("error" in targets) return usageError(context, targets.error);
  let shard: Shard | undefined;
  if (values.shard !== undefined) {
    const parsed = parseShard(values.shard);
    if ("error" in parsed) return usageError(context, parsed.error);
    shard = parsed;
  }
  if (values.inventory && !values.aws)
    return usageError(context, "--inventory needs the AWS observers; drop --no-aws");

  const loaded = await loadPolicies(paths, { cwd: context.io.cwd });
  for (const diagnostic of loaded.diagnostics)
    context.io.stderr.write(`${formatDiagnostic(diagnostic)}\n`);
  if (!loaded.ok) {
    context.io.stderr.write("domain-drift check: the policies are invalid; nothing was checked.\n");
    context.exitCode = ExitCode.InvalidInput;
    return;
  }
  const baseline =
    values.baseline === undefined
      ? undefined
      : await readBaseline(resolve(context.io.cwd, values.baseline));
  if (baseline && !baseline.ok) return usageError(context, baseline.message);

  const setup = await setUpObservers(
    observerSettings(values, loaded.policySet.accounts, context.io.cwd),
  );
  if (!setup.ok) return usageError(context, setup.message);
  for (const warning of setup.setup.warnings)
    context.io.stderr.write(`domain-drift check: ${warning}\n`);

  const progress = progressReporter(context.io.stderr);
  let report: Report;
  try {
    report = await runCheck({
      policySet: loaded.policySet,
      observers: setup.setup.observers,
      failOn: values.failOn,
      inventory: values.inventory === true,
      selection: { only: values.only, shard },
      concurrency: values.concurrency,
      now: new Date(),
      onProgress: progress.update,
      stats: setup.setup.stats,
    });
  } finally {
    progress.done();
    await setup.setup.close();
  }
  if (baseline?.ok) report = compareWithBaseline(report, baseline.report);

  await writeTargets(context, report, targets);
  context.exitCode = exitCodeOf(report);
}

export const registerCheck: CommandRegistrar = (program: Command, context: CliContext) => {
  const command = program
    .command("check")
    .description(
      "Observe every policy domain (DNS delegation from the root, RDAP, Route 53 and Route 53 Domains) and report drift. Exit 0 no drift at or above --fail-on, 1 drift, 2 invalid input, 3 some checks could not run.",
    )
    .argument("[paths...]", "policy files or directories", ["policies/"]);
  command
    .addOption(
      new Option(
        "--format <format>",
        "report format: text, json, markdown, sarif, github (repeatable)",
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
      "also report registered domains and public hosted zones in the AWS accounts that no policy declares",
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
    await runCheckCommand(context, paths, values);
  });
};
