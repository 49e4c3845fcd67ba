// Policy loading in three stages: YAML → JSON Schema → meaning. A stage's errors stop the stages
// after it (for that file, and for cross-file checks), so every problem is reported once, by the
// stage that understands it best.
import { decodePolicyBytes } from "./decode-source.js";
import { type Diagnostic, hasErrors } from "./diagnostics.js";
import { parsePolicyYaml } from "./parse-yaml.js";
import type { PolicyDocument } from "./policy-document.js";
import { buildPolicySet, type ValidatedFile } from "./policy-set.js";
import {
  DEFAULT_READ_LIMITS,
  fileTooLarge,
  type ReadPolicySourcesOptions,
  readPolicySources,
} from "./read-sources.js";
import { checkPolicySchema } from "./schema-check.js";
import type { PolicyLoadResult, PolicySource } from "./types.js";

export interface ParsePolicySourcesOptions {
  /** Today, for waiver expiry. Defaults to the current time. */
  readonly now?: Date;
}

function checkSource(source: PolicySource): {
  diagnostics: readonly Diagnostic[];
  file: ValidatedFile | undefined;
} {
  const { maxFileBytes } = DEFAULT_READ_LIMITS;
  if (source.bytes.length > maxFileBytes) {
    return {
      file: undefined,
      diagnostics: [fileTooLarge(source.path, source.bytes.length, maxFileBytes)],
    };
  }
  const decoded = decodePolicyBytes(source.bytes);
  if (!decoded.ok) {
    const { line, column, message } = decoded;
    return {
      file: undefined,
      diagnostics: [
        { file: source.path, line, column, severity: "error", code: "invalid-encoding", message },
      ],
    };
  }
  const yaml = parsePolicyYaml(source.path, decoded.text);
  if (yaml.parsed === undefined) return { file: undefined, diagnostics: yaml.diagnostics };
  const diagnostics = [...yaml.diagnostics, ...checkPolicySchema(yaml.parsed)];
  const file = hasErrors(diagnostics)
    ? undefined
    : { locator: yaml.parsed.locator, document: yaml.parsed.data as PolicyDocument };
  return { diagnostics, file };
}

/** File order first, then position; path-level problems (no line) first within a file. */
function sortDiagnostics(
  diagnostics: readonly Diagnostic[],
  files: readonly string[],
): Diagnostic[] {
  const order = new Map(files.map((file, index) => [file, index]));
  const rank = (diagnostic: Diagnostic) => order.get(diagnostic.file) ?? -1;
  return [...diagnostics].sort(
    (a, b) =>
      rank(a) - rank(b) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0),
  );
}

/** The per-file stages (encoding, YAML, schema) for every source. */
function checkSources(sources: readonly PolicySource[]): {
  diagnostics: Diagnostic[];
  validated: ValidatedFile[];
} {
  const diagnostics: Diagnostic[] = [];
  const validated: ValidatedFile[] = [];
  for (const source of sources) {
    const checked = checkSource(source);
    diagnostics.push(...checked.diagnostics);
    if (checked.file !== undefined) validated.push(checked.file);
  }
  return { diagnostics, validated };
}

/** Parses and validates policy sources (from disk, a git commit, a test). Offline and deterministic. */
export function parsePolicySources(
  sources: readonly PolicySource[],
  options: ParsePolicySourcesOptions = {},
): PolicyLoadResult {
  const files = sources.map((source) => source.path);
  const { diagnostics, validated } = checkSources(sources);
  if (hasErrors(diagnostics))
    return { ok: false, diagnostics: sortDiagnostics(diagnostics, files) };

  const outcome = buildPolicySet(validated, options.now ?? new Date());
  const all = sortDiagnostics([...diagnostics, ...outcome.diagnostics], files);
  return hasErrors(all)
    ? { ok: false, diagnostics: all }
    : { ok: true, policySet: outcome.policySet, diagnostics: all };
}

export interface LoadPoliciesOptions extends ReadPolicySourcesOptions, ParsePolicySourcesOptions {}

/** A load result with the files that were read (also when they did not validate). */
export type PolicyFilesLoadResult = PolicyLoadResult & { readonly files: readonly string[] };

/** Reads the policy files under `paths` and validates them together. Never throws for bad input. */
export async function loadPolicies(
  paths: readonly string[],
  options: LoadPoliciesOptions,
): Promise<PolicyFilesLoadResult> {
  const read = await readPolicySources(paths, options);
  const files = read.sources.map((source) => source.path);
  if (read.diagnostics.length === 0) return { ...parsePolicySources(read.sources, options), files };
  // Some policy files could not be read: cross-file checks would report what they declare as absent.
  const checked = checkSources(read.sources);
  return {
    ok: false,
    diagnostics: sortDiagnostics([...read.diagnostics, ...checked.diagnostics], files),
    files,
  };
}
