// Writes a report in each requested format: to stdout, or to a file. Text goes out in batches as it
// is rendered, so a large JSON report is never one string in memory. A file that cannot be written
// does not stop the other formats; the run then ends with exit code 4, whatever the report says.
import { resolve } from "node:path";
import { writeFileSafely } from "../../files/write-safely.js";
import { ExitCode } from "../../report/model/exit-codes.js";
import type { Report } from "../../report/model/model.js";
import { exitCodeOf } from "../../report/model/summary.js";
import { inBatches } from "../../report/render/batches.js";
import { renderChunks } from "../../report/render/index.js";
import type { OutputTarget } from "./output-options.js";
import type { CliContext } from "./program.js";

function colorFor(context: CliContext, target: OutputTarget): boolean {
  if (target.output !== undefined || context.io.env.NO_COLOR) return false;
  return context.io.stdout.isTTY === true || Boolean(context.io.env.FORCE_COLOR);
}

/** The text of one target, in pieces to write one after another. */
export type TargetRenderer = (
  target: OutputTarget,
  options: { color: boolean },
) => Iterable<string>;

/**
 * Writes each target's text as `render` gives it, to stdout or to its file. A file that cannot be
 * written is said on stderr and does not stop the others; false when any was lost.
 */
export async function writeRendered(
  context: CliContext,
  command: string,
  targets: readonly OutputTarget[],
  render: TargetRenderer,
): Promise<boolean> {
  let lost = false;
  for (const target of targets) {
    const text = inBatches(render(target, { color: colorFor(context, target) }));
    if (target.output === undefined) {
      for (const batch of text) context.io.stdout.write(batch);
      continue;
    }
    const written = await writeFileSafely(resolve(context.io.cwd, target.output), text);
    if (!written.ok) {
      context.io.stderr.write(
        `domain-drift ${command}: cannot write the ${target.format} report to ${target.output}: ${written.message}\n`,
      );
      lost = true;
    }
  }
  return !lost;
}

/** Writes every target and settles the exit code: the report's, or 4 if a file was not written. */
export async function writeReport(
  context: CliContext,
  command: string,
  report: Report,
  targets: readonly OutputTarget[],
): Promise<void> {
  const written = await writeRendered(context, command, targets, (target, options) =>
    renderChunks(report, target.format, options),
  );
  context.exitCode = written ? exitCodeOf(report) : ExitCode.OutputFailed;
}
