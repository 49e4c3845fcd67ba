// What `domain-drift check` does (its options are in ./check.ts, which loads this module only when
// the command runs): loads the policies, observes every domain, applies the rules and writes the
// report in every format asked for. stdout carries only the report; progress goes to stderr, and
// only when it is a terminal.
import { resolve } from "node:path";
import { selectDomains } from "../../../check/select.js";
import { openCheckSession } from "../../../check/session.js";
import { formatDiagnostic } from "../../../policy/diagnostics.js";
import { loadPolicies } from "../../../policy/load.js";
import { compareWithBaseline } from "../../../report/baseline.js";
import { ExitCode } from "../../../report/model/exit-codes.js";
import type { Report } from "../../../report/model/model.js";
import { parseShard, type Shard } from "../../../report/model/shard.js";
import { readSavedReport } from "../../../report/saved-report.js";
import { observerSettings } from "../observer-options.js";
import { outputFilesProblem } from "../output-files.js";
import { resolveTargets } from "../output-options.js";
import type { CliContext } from "../program.js";
import { progressReporter } from "../progress.js";
import { writeReport } from "../write-report.js";
import type { CheckOptionValues } from "./check.js";

function usageError(context: CliContext, message: string): void {
  context.io.stderr.write(`domain-drift check: ${message}\n`);
  context.exitCode = ExitCode.InvalidInput;
}

export async function runCheckCommand(
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
  // A gate must not pass because a pattern matched nothing (a typo, a renamed domain).
  if (
    values.only !== undefined &&
    selectDomains(loaded.policySet.domains, { only: values.only, shard: undefined }).length === 0
  ) {
    return usageError(
      context,
      `--only ${values.only.join(" ")} matches no domain of the policies; nothing was checked`,
    );
  }
  if (loaded.policySet.domains.length === 0) {
    context.io.stderr.write("domain-drift check: the policies declare no domains.\n");
  }
  const baseline =
    values.baseline === undefined
      ? undefined
      : await readSavedReport(resolve(context.io.cwd, values.baseline), values.baseline);
  if (baseline && !baseline.ok) return usageError(context, baseline.message);
  const { baseline: baselineFile, rootHints, rdapBootstrap, registries } = values;
  const inputs = [...loaded.files, baselineFile, rootHints, rdapBootstrap, registries];
  const outputProblem = await outputFilesProblem(
    context.io.cwd,
    targets,
    inputs.filter((input) => input !== undefined),
  );
  if (outputProblem !== undefined) return usageError(context, outputProblem);

  const opened = await openCheckSession(
    observerSettings(values, context.io.cwd),
    loaded.policySet.accounts,
  );
  if (!opened.ok) return usageError(context, opened.message);
  const { session } = opened;
  for (const warning of session.warnings)
    context.io.stderr.write(`domain-drift check: ${warning}\n`);

  const progress = progressReporter(context.progress);
  let report: Report;
  try {
    report = await session.run({
      policySet: loaded.policySet,
      failOn: values.failOn,
      inventory: values.inventory === true,
      selection: { only: values.only, shard },
      now: new Date(),
      onProgress: progress.update,
    });
  } finally {
    progress.done();
    await session.close();
  }
  if (baseline?.ok) report = compareWithBaseline(report, baseline.report);

  await writeReport(context, "check", report, targets);
}
