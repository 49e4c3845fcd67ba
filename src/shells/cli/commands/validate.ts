// `domain-drift validate [paths...]`: offline validation of policy files. Exit 0 when valid
// (warnings allowed), 2 otherwise (4 when stdout cannot be written: ../standard-streams.ts).
import { type Command, Option } from "commander";
import { type Diagnostic, formatDiagnostic } from "../../../policy/diagnostics.js";
import { ExitCode } from "../../../report/model/exit-codes.js";
import { escapedJson } from "../../../text/sanitize.js";
import type { CliContext, CommandRegistrar } from "../program.js";

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

function summary(
  diagnostics: readonly Diagnostic[],
  files: number,
  domains: number | undefined,
): string {
  const errors = diagnostics.filter((diagnostic) => diagnostic.severity === "error").length;
  const warnings = diagnostics.length - errors;
  const warningPart = warnings > 0 ? `, ${plural(warnings, "warning")}` : "";
  if (domains !== undefined) {
    return `${plural(files, "file")}, ${plural(domains, "domain")}: valid${warningPart}`;
  }
  return `${plural(errors, "error")}${warningPart} in ${plural(files, "file")}`;
}

async function runValidate(
  context: CliContext,
  paths: readonly string[],
  format: "text" | "json",
): Promise<void> {
  // Loaded here, not at start-up: the other commands, `--help` and `--version` do not need it.
  const { loadPolicies } = await import("../../../policy/load.js");
  const result = await loadPolicies(paths, { cwd: context.io.cwd });
  const domains = result.ok ? result.policySet.domains.length : undefined;
  if (format === "json") {
    const report = {
      valid: result.ok,
      files: result.files,
      domains: domains ?? 0,
      diagnostics: result.diagnostics.map((diagnostic) => ({
        ...diagnostic,
        line: diagnostic.line ?? null,
        column: diagnostic.column ?? null,
      })),
    };
    context.io.stdout.write(`${escapedJson(JSON.stringify(report, null, 2))}\n`);
  } else {
    const lines = result.diagnostics.map(formatDiagnostic);
    lines.push(summary(result.diagnostics, result.files.length, domains));
    context.io.stdout.write(`${lines.join("\n")}\n`);
  }
  context.exitCode = result.ok ? ExitCode.Ok : ExitCode.InvalidInput;
}

export const registerValidate: CommandRegistrar = (program: Command, context: CliContext) => {
  program
    .command("validate")
    .description(
      "Check policy files offline: syntax, schema and meaning. Exit 0 valid, 2 invalid, 4 the result could not be written.",
    )
    .argument(
      "[paths...]",
      "policy files or directories (searched recursively for *.yaml, *.yml)",
      ["policies/"],
    )
    .addOption(
      new Option("--format <format>", "output format").choices(["text", "json"]).default("text"),
    )
    .action(async (paths: string[], options: { format: "text" | "json" }) => {
      await runValidate(context, paths, options.format);
    });
};
