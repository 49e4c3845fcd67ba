// `domain-drift trace <domain>`: walks one domain's delegation from the root hints and shows every
// zone cut, the parent's answer and every delegated server's classified answer. Exit 0 when the
// walk completed (whatever the answers), 2 for bad input, 3 when no parent server answered.
import { readFile } from "node:fs/promises";
import { domainToASCII } from "node:url";
import { type Command, Option } from "commander";
import { loadRootHintsText } from "../../data/reference-data.js";
import { createDelegationWalker } from "../../dns/index.js";
import { nameSyntaxError, normalizeName, ROOT } from "../../dns/names.js";
import { parseRootHints } from "../../dns/root-hints.js";
import { formatTrace } from "../../dns/trace-text.js";
import type { ServerRef } from "../../dns/types.js";
import { defaultCacheDir } from "../cache-dir.js";
import { ExitCode } from "../exit-codes.js";
import { integerOption } from "../observer-options.js";
import type { CliContext, CommandRegistrar } from "../program.js";

interface TraceOptions {
  readonly rootHints?: string;
  readonly port: number;
  readonly timeout: number;
  readonly ipv6?: boolean;
  readonly allParents?: boolean;
  readonly soa?: boolean;
  readonly allowPrivateAddresses?: boolean;
  readonly format: "text" | "json";
}

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

async function loadHints(
  context: CliContext,
  file: string | undefined,
): Promise<ServerRef[] | undefined> {
  let text: string;
  let source: string;
  if (file === undefined) {
    const hints = await loadRootHintsText({ cacheDir: defaultCacheDir() });
    if (hints.warning !== undefined)
      context.io.stderr.write(`domain-drift trace: ${hints.warning}\n`);
    text = hints.text;
    source = `root hints (${hints.origin} copy)`;
  } else {
    try {
      text = await readFile(file, "utf8");
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      context.io.stderr.write(`${file}: error: cannot read root hints (${code})\n`);
      return undefined;
    }
    source = file;
  }
  const parsed = parseRootHints(text, source);
  if (!parsed.ok) {
    context.io.stderr.write(`${source}:${parsed.line}: error: ${parsed.message}\n`);
    return undefined;
  }
  return parsed.servers;
}

async function runTrace(context: CliContext, input: string, options: TraceOptions): Promise<void> {
  const name = toALabel(input);
  if (!name.ok) {
    context.io.stderr.write(`domain-drift trace: invalid domain "${input}": ${name.reason}\n`);
    context.exitCode = ExitCode.InvalidInput;
    return;
  }
  const rootHints = await loadHints(context, options.rootHints);
  if (rootHints === undefined) {
    context.exitCode = ExitCode.InvalidInput;
    return;
  }
  const walker = createDelegationWalker({
    rootHints,
    port: options.port,
    timeoutMs: options.timeout,
    ipv6: options.ipv6 === true,
    // Custom root hints make a lab: its servers live on private or loopback addresses.
    allowNonPublic: options.allowPrivateAddresses === true || options.rootHints !== undefined,
    allParents: options.allParents === true,
    soa: options.soa === true,
  });
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

export const registerTrace: CommandRegistrar = (program: Command, context: CliContext) => {
  program
    .command("trace")
    .description(
      "Walk a domain's delegation from the root and show every server's answer. Exit 0 walked, 2 bad input, 3 no parent server answered.",
    )
    .argument("<domain>", "the domain (Unicode or A-label)")
    .option(
      "--root-hints <file>",
      "root hints in named.root format, replacing the shipped ones (a lab: non-public addresses allowed)",
    )
    .addOption(
      new Option("--port <port>", "destination port of DNS queries")
        .default(53)
        .argParser(integerOption(1, 65535)),
    )
    .addOption(
      new Option("--timeout <ms>", "per-query timeout in milliseconds")
        .default(1500)
        .argParser(integerOption(50, 60_000)),
    )
    .option("--ipv6", "also resolve and query name servers over IPv6")
    .option("--all-parents", "ask every parent-zone server and show where they disagree")
    .option("--soa", "also ask each delegated server for the zone's SOA serial")
    .option(
      "--allow-private-addresses",
      "allow queries to loopback, private and link-local addresses without custom root hints",
    )
    .addOption(
      new Option("--format <format>", "output format").choices(["text", "json"]).default("text"),
    )
    .action(async (domain: string, options: TraceOptions) => {
      await runTrace(context, domain, options);
    });
};
