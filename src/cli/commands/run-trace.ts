// What `domain-drift trace` does (its options are in ./trace.ts, which loads this module only when
// the command runs): walks one domain's delegation from the root hints and shows every zone cut,
// the parent's answer and every delegated server's classified answer.
import { domainToASCII } from "node:url";
import { loadRootHints, walkerOptions } from "../../check/setup.js";
import { createDelegationWalker } from "../../dns/index.js";
import { nameSyntaxError, normalizeName, ROOT } from "../../dns/names.js";
import { formatTrace } from "../../dns/trace-text.js";
import { ExitCode } from "../exit-codes.js";
import { dnsSettings } from "../observer-options.js";
import type { CliContext } from "../program.js";
import type { TraceOptions } from "./trace.js";

/** The A-label of a domain typed by a person (Unicode allowed), or why it is not a domain. */
export function toALabel(
  input: string,
): { ok: true; domain: string } | { ok: false; reason: string } {
  const ascii = domainToASCII(input.trim());
  if (ascii === "")
    return { ok: false, reason: "not a valid domain name (IDNA conversion failed)" };
  const domain = normalizeName(ascii);
  if (domain === ROOT) return { ok: false, reason: "the root is not a delegation" };
  const syntax = nameSyntaxError(domain);
  return syntax === undefined ? { ok: true, domain } : { ok: false, reason: syntax };
}

export async function runTrace(
  context: CliContext,
  input: string,
  options: TraceOptions,
): Promise<void> {
  const name = toALabel(input);
  if (!name.ok) {
    context.io.stderr.write(`domain-drift trace: invalid domain "${input}": ${name.reason}\n`);
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
        ? `${JSON.stringify(observation, null, 2)}\n`
        : formatTrace(observation),
    );
    context.exitCode = observation.kind === "failed" ? ExitCode.Incomplete : ExitCode.Ok;
  } finally {
    await walker.close();
  }
}
