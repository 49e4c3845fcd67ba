// Generated policies are validated before they are written — by the real loader, together with
// any policy files already in the output directory, since `check DIR` will read them all.
import path from "node:path";
import { parsePolicySources } from "../policy/load.js";
import { readPolicySources } from "../policy/read-sources.js";
import type { PolicyLoadResult, PolicySource } from "../policy/types.js";

export interface GeneratedFile {
  /** Relative to the working directory, with `/` separators, as diagnostics show it. */
  readonly path: string;
  readonly text: string;
}

export interface ValidateOutputOptions {
  readonly cwd: string;
  /** The output directory as the user gave it. */
  readonly outDir: string;
  readonly now: Date;
}

/** An output directory that does not exist yet, or holds no policies, has nothing to add. */
const NOTHING_THERE = new Set(["path-not-found", "no-policy-files"]);

export async function validateGeneratedPolicies(
  files: readonly GeneratedFile[],
  options: ValidateOutputOptions,
): Promise<PolicyLoadResult> {
  const replaced = new Set(files.map((file) => path.resolve(options.cwd, file.path)));
  const read = await readPolicySources([options.outDir], { cwd: options.cwd });
  const problems = read.diagnostics.filter((d) => !NOTHING_THERE.has(d.code));
  if (problems.length > 0) return { ok: false, diagnostics: problems };
  const existing = read.sources.filter((s) => !replaced.has(path.resolve(options.cwd, s.path)));
  const encoder = new TextEncoder();
  const generated: PolicySource[] = files.map((file) => ({
    path: file.path,
    bytes: encoder.encode(file.text),
  }));
  return parsePolicySources([...existing, ...generated], { now: options.now });
}
