// The files given to --output, checked before any work is done: a report must never overwrite one
// of the run's own inputs (a policy file, the baseline, a shard being merged), two formats must not
// share a file, and a path that cannot hold a report is a usage error now, not a lost report at the
// end of a long run. The write itself (./write-report.ts) is safe on its own as well.
import { resolve } from "node:path";
import { fileIdentity } from "../../files/identity.js";
import { writeTargetProblem } from "../../files/write-safely.js";
import type { OutputTarget } from "./output-options.js";

/** Why the targets' files cannot be written, or undefined. `inputs` are paths as the user gave them. */
export async function outputFilesProblem(
  cwd: string,
  targets: readonly OutputTarget[],
  inputs: readonly string[],
): Promise<string | undefined> {
  const inputIdentities = new Map<string, string>();
  for (const input of inputs) inputIdentities.set(await fileIdentity(resolve(cwd, input)), input);
  const outputIdentities = new Map<string, OutputTarget>();
  for (const target of targets) {
    if (target.output === undefined) continue;
    const where = `--output ${JSON.stringify(target.output)} (--format ${target.format})`;
    if (target.output === "") return `${where}: the path is empty`;
    const file = resolve(cwd, target.output);
    const problem = await writeTargetProblem(file);
    if (problem !== undefined) return `${where}: ${problem}`;
    const identity = await fileIdentity(file);
    const input = inputIdentities.get(identity);
    if (input !== undefined) {
      return `${where}: it is ${input}, an input of this run: writing the report would destroy it`;
    }
    const other = outputIdentities.get(identity);
    if (other !== undefined) {
      return `${where}: --format ${other.format} is written to the same file; give each format its own`;
    }
    outputIdentities.set(identity, target);
  }
  return undefined;
}
