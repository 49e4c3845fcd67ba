// Name-server patterns: globs over host names where `*` stays within one label. Labels are mapped to
// path segments so picomatch's segment semantics give exactly that.
import picomatch from "picomatch";

export type HostMatcher = (host: string) => boolean;

const PATTERN_CHARACTERS = /^[a-z0-9*?[\]{},.-]+$/i;

/** Why a pattern is not usable, or `undefined` when it is. */
export function nameserverPatternProblem(pattern: string): string | undefined {
  if (pattern.length === 0) return "it is empty";
  if (!PATTERN_CHARACTERS.test(pattern)) {
    return "only letters, digits, `-`, `.` and the wildcards `*`, `?`, `[...]`, `{a,b}` are allowed";
  }
  if (pattern.endsWith(".")) return "write it without the trailing dot";
  if (pattern.startsWith(".") || pattern.includes("..")) return "it has an empty label";
  if (pattern.includes("**")) return "`**` is not supported: `*` matches within one label";
  if (!balanced(pattern, "[", "]") || !balanced(pattern, "{", "}")) {
    return "its brackets or braces are not balanced";
  }
  return undefined;
}

function balanced(pattern: string, open: string, close: string): boolean {
  let depth = 0;
  for (const char of pattern) {
    if (char === open) depth++;
    else if (char === close && --depth < 0) return false;
  }
  return depth === 0;
}

/** Lower-case, without one trailing dot: the form patterns are matched against. */
export function normalizeHostName(host: string): string {
  const lower = host.toLowerCase();
  return lower.endsWith(".") ? lower.slice(0, -1) : lower;
}

/** One matcher for a list of patterns (already checked with `nameserverPatternProblem`). */
export function compileNameserverPatterns(patterns: readonly string[]): HostMatcher {
  if (patterns.length === 0) return () => false;
  const isMatch = picomatch(
    patterns.map((pattern) => pattern.toLowerCase().replaceAll(".", "/")),
    { nocase: true, noextglob: true, nonegate: true, noglobstar: true },
  );
  return (host) => {
    const name = normalizeHostName(host);
    // A `/` or `\` would be read as a label separator or an escape: such a name is no host name.
    if (name.length === 0 || /[/\\]/.test(name)) return false;
    return isMatch(name.replaceAll(".", "/"));
  };
}
