// Diagnostics: one per problem, with the place it was found, printed like a compiler's.
import { plainLine } from "../text/sanitize.js";

export type DiagnosticSeverity = "error" | "warning";

/** Stable, kebab-case: scripts and editors may key on these (docs/policy-language.md lists them). */
export const DIAGNOSTIC_CODES = [
  // Reading paths and bytes.
  "path-not-found",
  "path-unreadable",
  "not-a-policy-path",
  "symlink-outside-directory",
  "path-outside-directory",
  "no-policy-files",
  "too-many-files",
  "file-too-large",
  "invalid-encoding",
  // YAML.
  "empty-file",
  "yaml-syntax",
  "multiple-documents",
  "duplicate-key",
  "alias-limit",
  "unsupported-yaml",
  // The schema.
  "missing-version",
  "unsupported-version",
  "unknown-key",
  "missing-key",
  "wrong-type",
  "invalid-value",
  // Meaning, across all files.
  "invalid-domain-name",
  "mixed-script-name",
  "duplicate-domain",
  "duplicate-provider",
  "duplicate-account",
  "unknown-provider",
  "wrong-provider-role",
  "missing-provider",
  "unknown-account",
  "account-provider-repeated",
  "hosted-zone-id-without-route53",
  "dnssec-days-without-signing",
  "migration-same-provider",
  "migration-inconsistent",
  "migration-name-outside-zone",
  "invalid-nameserver",
  "nameserver-not-of-dns-host",
  "invalid-nameserver-pattern",
  "nameserver-pattern-too-broad",
  "unknown-handle-scope",
  "waiver-unknown-domain",
  "waiver-expired",
] as const;

export type DiagnosticCode = (typeof DIAGNOSTIC_CODES)[number];

export interface Diagnostic {
  /** The path as the user gave it (relative to the working directory), with `/` separators. */
  readonly file: string;
  /** 1-based; `undefined` when the problem is the path itself (missing, unreadable, too large, ...). */
  readonly line: number | undefined;
  /** 1-based, in UTF-16 code units as editors count; `undefined` with `line`. */
  readonly column: number | undefined;
  readonly severity: DiagnosticSeverity;
  readonly code: DiagnosticCode;
  readonly message: string;
}

/** `policies/a.yaml:12:5: error: message`, or `policies/: error: message` without a position. */
export function formatDiagnostic(diagnostic: Diagnostic): string {
  // Keys and values quoted in messages come from the policy file (a pull request): one clean line.
  const file = plainLine(diagnostic.file);
  const place =
    diagnostic.line === undefined ? file : `${file}:${diagnostic.line}:${diagnostic.column ?? 1}`;
  return `${place}: ${diagnostic.severity}: ${plainLine(diagnostic.message)}`;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((diagnostic) => diagnostic.severity === "error");
}
