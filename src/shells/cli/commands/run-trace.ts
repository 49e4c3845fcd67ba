// What `domain-drift trace` does (its options are in ./trace.ts, which loads this module only when
// the command runs): walks one domain's delegation from the root hints and shows every zone cut,
// the parent's answer and every delegated server's classified answer.
import { walkerOptions } from "../../../check/settings.js";
import { loadRootHints } from "../../../data/session-reference.js";
import { delegationNameError, normalizeTypedName } from "../../../names/normalize.js";
import { createDelegationWalker } from "../../../observe/dns/index.js";
import { formatTrace } from "../../../observe/dns/trace-text.js";
import { ExitCode } from "../../../report/model/exit-codes.js";
import { escapedJson, plainLine } from "../../../text/sanitize.js";
import { dnsSettings } from "../observer-options.js";
import type { CliContext } from "../program.js";
import type { TraceOptions } from "./trace.js";

/**
 * The A-label of the domain typed on the command line (Unicode allowed), or why it cannot be
 * walked. It accepts what the walker accepts (a TLD, a trailing dot, `_` labels), which the
 * policy language's `normalizeDomainName` would refuse: trace is for looking at any delegation.
 * Checked here, before walking, so that bad input exits 2 rather than as a failed walk.
 */
function parseDomainArgument(
  input: string,
): { ok: true; domain: string } | { ok: false; reason: string } {
  const name = normalizeTypedName(input.trim());
  if (!name.ok) return name;
  const problem = delegationNameError(name.name);
  return problem === undefined ? { ok: true, domain: name.name } : { ok: false, reason: problem };
}

export async function runTrace(
  context: CliContext,
  input: string,
  options: TraceOptions,
): Promise<void> {
  const name = parseDomainArgument(input);
  if (!name.ok) {
    // The reason quotes the label as typed: invisible characters in it are shown, not obeyed.
    context.io.stderr.write(
      `${plainLine(`domain-drift trace: invalid domain "${input}": ${name.reason}`)}\n`,
    );
    context.exitCode = ExitCode.InvalidInput;
    return;
  }
  const settings = dnsSettings(options, context.io.cwd);
  const rootHints = await loadRootHints(settings);
  if (!rootHints.ok) {
    context.io.stderr.write(`${rootHints.message}\n`);
    context.exitCode = ExitCode.InvalidInput;
    return;
  }
  if (rootHints.warning) context.io.stderr.write(`domain-drift trace: ${rootHints.warning}\n`);
  const walker = createDelegationWalker(walkerOptions(settings, rootHints.servers));
  try {
    const observation = await walker.walk(name.domain);
    context.io.stdout.write(
      options.format === "json"
        ? `${escapedJson(JSON.stringify(observation, null, 2))}\n`
        : formatTrace(observation),
    );
    context.exitCode = observation.kind === "failed" ? ExitCode.Incomplete : ExitCode.Ok;
  } finally {
    await walker.close();
  }
}
