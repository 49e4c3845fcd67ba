// Builds the command tree and runs it. Each command lives in its own module under ./commands/
// and registers itself with `program.command(...)`, so it inherits the output configuration.
import { Command, CommanderError } from "commander";
import { ExitCode } from "../../report/model/exit-codes.js";
import { plain } from "../../text/sanitize.js";
import { TOOL_VERSION } from "../../version.js";
import { registerCheck } from "./commands/check.js";
import { registerDemo } from "./commands/demo.js";
import { registerInit } from "./commands/init.js";
import { registerMerge } from "./commands/merge.js";
import { registerMigrate } from "./commands/migrate.js";
import { registerReport } from "./commands/report.js";
import { registerTrace } from "./commands/trace.js";
import { registerUpdateData } from "./commands/update-data.js";
import { registerValidate } from "./commands/validate.js";

/** Where a command writes. Tests pass buffers; the binary passes the process streams. */
export interface CliIO {
  readonly stdout: { write(text: string): unknown; readonly isTTY?: boolean };
  readonly stderr: { write(text: string): unknown; readonly isTTY?: boolean };
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
}

/** Shared by every command: its output streams and the exit code it settles on. */
export interface CliContext {
  /** stderr neutralises control, bidi and invisible characters: messages quote untrusted text. */
  readonly io: CliIO;
  /** The terminal's stderr as it is, for the progress line's own control sequences only. */
  readonly progress: CliIO["stderr"];
  exitCode: ExitCode;
}

export type CommandRegistrar = (program: Command, context: CliContext) => void;

const COMMANDS: readonly CommandRegistrar[] = [
  registerValidate,
  registerCheck,
  registerMigrate,
  registerMerge,
  registerReport,
  registerUpdateData,
  registerInit,
  registerTrace,
  registerDemo,
];

/**
 * A usage error is its one-line message and where to read more: the whole help after it would push
 * the message off the screen.
 */
function hintHelpAfterError(command: Command): void {
  const path = command.parent ? `${command.parent.name()} ${command.name()}` : command.name();
  command.showHelpAfterError(`Run \`${path} --help\` for usage.`);
}

export function buildProgram(context: CliContext): Command {
  const program = new Command("domain-drift")
    .description(
      "Check that each domain's registrar and DNS host match the policy, against the live registry, DNS delegation and Route 53 accounts.",
    )
    .version(TOOL_VERSION, "-V, --version")
    .exitOverride()
    .configureOutput({
      writeOut: (text) => context.io.stdout.write(text),
      writeErr: (text) => context.io.stderr.write(text),
    });
  for (const register of COMMANDS) register(program, context);
  // `--help` comes with every command; `--version` is added to each here, so none can forget it.
  for (const command of program.commands) command.version(TOOL_VERSION, "-V, --version");
  for (const command of [program, ...program.commands]) hintHelpAfterError(command);
  return program;
}

/** Runs the CLI and resolves to the exit code. Never throws, never prints a stack trace by default. */
export async function runCli(argv: readonly string[], io: CliIO): Promise<ExitCode> {
  // Every message names files, keys and names someone else wrote (a pull request, a registry):
  // sanitised here once, not at each of the places that print one.
  const stderr = {
    write: (text: string) => io.stderr.write(plain(text)),
    isTTY: io.stderr.isTTY === true,
  };
  const context: CliContext = { io: { ...io, stderr }, progress: io.stderr, exitCode: ExitCode.Ok };
  const program = buildProgram(context);
  try {
    await program.parseAsync(argv, { from: "user" });
    return context.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end with exit code 0; every usage error is 2 by contract.
      return error.exitCode === 0 ? ExitCode.Ok : ExitCode.InvalidInput;
    }
    const message = error instanceof Error ? error.message : String(error);
    stderr.write(`domain-drift: internal error: ${message}\n`);
    if (io.env.DOMAIN_DRIFT_DEBUG && error instanceof Error) io.stderr.write(`${error.stack}\n`);
    return ExitCode.InvalidInput;
  }
}
