// What `domain-drift migrate` does (its options are in ./migrate.ts): loads the policies, runs the
// check pipeline for the one domain, and prints that domain's runbook (src/report/render/runbook.ts).
import { openCheckSession } from "../../../check/session.js";
import { normalizeDomainName } from "../../../names/normalize.js";
import { formatDiagnostic } from "../../../policy/diagnostics.js";
import { loadPolicies } from "../../../policy/load.js";
import { ExitCode } from "../../../report/model/exit-codes.js";
import type { Severity } from "../../../report/model/model.js";
import { exitCodeOf } from "../../../report/model/summary.js";
import { buildRunbook, renderRunbookText } from "../../../report/render/runbook.js";
import { escapedJson, plainDeep } from "../../../text/sanitize.js";
import { observerSettings } from "../observer-options.js";
import { outputFilesProblem } from "../output-files.js";
import type { CliContext } from "../program.js";
import { writeRendered } from "../write-report.js";
import type { MigrateOptionValues } from "./migrate.js";

function usageError(context: CliContext, message: string): void {
  context.io.stderr.write(`domain-drift migrate: ${message}\n`);
  context.exitCode = ExitCode.InvalidInput;
}

export async function runMigrateCommand(
  context: CliContext,
  input: string,
  paths: string[],
  values: MigrateOptionValues & { failOn: string },
): Promise<void> {
  const name = normalizeDomainName(input.trim());
  if (!name.ok) return usageError(context, `invalid domain "${input}": ${name.reason}`);
  const loaded = await loadPolicies(paths, { cwd: context.io.cwd });
  for (const diagnostic of loaded.diagnostics)
    context.io.stderr.write(`${formatDiagnostic(diagnostic)}\n`);
  if (!loaded.ok) return usageError(context, "the policies are invalid; nothing was observed.");
  const intent = loaded.policySet.domains.find((d) => d.name === name.name);
  if (intent === undefined)
    return usageError(context, `no policy declares ${name.unicode}; nothing was observed`);
  if (intent.migration === undefined) {
    return usageError(
      context,
      `${name.unicode} declares no migration (${intent.position.file}:${intent.position.line}): add a \`migration:\` block (docs/migrations.md)`,
    );
  }
  const target = { format: values.format, output: values.output };
  const { rootHints, rdapBootstrap, registries } = values;
  const inputs = [...loaded.files, rootHints, rdapBootstrap, registries];
  const problem = await outputFilesProblem(
    context.io.cwd,
    [target],
    inputs.filter((file) => file !== undefined),
  );
  if (problem !== undefined) return usageError(context, problem);

  const opened = await openCheckSession(
    observerSettings(values, context.io.cwd),
    loaded.policySet.accounts,
  );
  if (!opened.ok) return usageError(context, opened.message);
  const { session } = opened;
  for (const warning of session.warnings)
    context.io.stderr.write(`domain-drift migrate: ${warning}\n`);
  let report: Awaited<ReturnType<typeof session.run>>;
  try {
    report = await session.run({
      policySet: loaded.policySet,
      failOn: values.failOn as Severity,
      inventory: false,
      selection: { only: [intent.name], shard: undefined },
      now: new Date(),
    });
  } finally {
    await session.close();
  }
  const domain = report.domains.find((d) => d.domain === intent.name);
  const runbook = domain === undefined ? undefined : buildRunbook(domain);
  if (runbook === undefined) {
    context.io.stderr.write(`domain-drift migrate: internal error: no migration was judged\n`);
    context.exitCode = ExitCode.InvalidInput;
    return;
  }
  const written = await writeRendered(context, "migrate", [target], () => [
    values.format === "json"
      ? `${escapedJson(JSON.stringify(runbook, null, 2))}\n`
      : // Names and messages come from the network and from pull requests: no terminal escapes.
        renderRunbookText(plainDeep(runbook)),
  ]);
  context.exitCode = written ? exitCodeOf(report) : ExitCode.OutputFailed;
}
