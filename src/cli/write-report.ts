// Writes a report in each requested format: to stdout, or to a file (parents created).
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import type { Report } from "../report/model.js";
import { render } from "../report/render/index.js";
import type { OutputTarget } from "./output-options.js";
import type { CliContext } from "./program.js";

function colorFor(context: CliContext, target: OutputTarget): boolean {
  if (target.output !== undefined || context.io.env.NO_COLOR) return false;
  return context.io.stdout.isTTY === true || Boolean(context.io.env.FORCE_COLOR);
}

export async function writeTargets(
  context: CliContext,
  report: Report,
  targets: readonly OutputTarget[],
): Promise<void> {
  for (const target of targets) {
    const text = render(report, target.format, { color: colorFor(context, target) });
    if (target.output === undefined) {
      context.io.stdout.write(text);
      continue;
    }
    const file = resolve(context.io.cwd, target.output);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, text);
  }
}
