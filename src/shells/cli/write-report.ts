// Writes a report in each requested format: to stdout, or to a file (parents created). Text goes out
// in batches as it is rendered, so a large JSON report is never one string in memory.
import { createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Report } from "../../report/model/model.js";
import { inBatches } from "../../report/render/batches.js";
import { renderChunks } from "../../report/render/index.js";
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
    const text = inBatches(
      renderChunks(report, target.format, { color: colorFor(context, target) }),
    );
    if (target.output === undefined) {
      for (const batch of text) context.io.stdout.write(batch);
      continue;
    }
    const file = resolve(context.io.cwd, target.output);
    await mkdir(dirname(file), { recursive: true });
    await pipeline(Readable.from(text), createWriteStream(file));
  }
}
