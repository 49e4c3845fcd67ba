// Name-server patterns: globs over host names where `*` stays within one label.
//
// Patterns come from policy files (a pull request may add a provider) and the names they are matched
// against come from the network, so matching must take time linear in both: braces are expanded
// up front (a bounded number of alternatives), then each label is matched with the classic
// two-pointer glob algorithm, which never backtracks more than to the last `*`. (A regular
// expression built from the glob, as picomatch builds it, backtracks exponentially on patterns such
// as `*a*a*a*a*a*a*c` or `{a,a}{a,a}{a,a}...c`.)

import { getPublicSuffix } from "tldts";
import { normalizeHostName } from "../names/normalize.js";

export type HostMatcher = (host: string) => boolean;

const PATTERN_CHARACTERS = /^[a-z0-9*?[\]{},.-]+$/i;

/** Brace alternatives one pattern may expand to; the built-in catalog needs at most four. */
const MAX_ALTERNATIVES = 64;

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
  if (expandBraces(pattern) === undefined) {
    return `its braces expand to more than ${MAX_ALTERNATIVES} alternatives`;
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

/** The index of the `}` closing the `{` at `open`, or -1. Brackets inside are skipped. */
function closingBrace(pattern: string, open: number): number {
  let depth = 0;
  for (let i = open; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === "[") {
      const end = pattern.indexOf("]", i + 1);
      if (end === -1) return -1;
      i = end;
    } else if (char === "{") depth++;
    else if (char === "}" && --depth === 0) return i;
  }
  return -1;
}

/** The top-level comma-separated parts of a brace group's inside. */
function splitAlternatives(inside: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < inside.length; i++) {
    const char = inside[i];
    if (char === "[") {
      const end = inside.indexOf("]", i + 1);
      if (end !== -1) i = end;
    } else if (char === "{") depth++;
    else if (char === "}") depth--;
    else if (char === "," && depth === 0) {
      parts.push(inside.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(inside.slice(start));
  return parts;
}

/** Every brace-free pattern `pattern` stands for, or undefined beyond MAX_ALTERNATIVES. */
function expandBraces(pattern: string): string[] | undefined {
  const open = pattern.indexOf("{");
  if (open === -1) return [pattern];
  const close = closingBrace(pattern, open);
  if (close === -1) return undefined;
  const head = pattern.slice(0, open);
  const tails = expandBraces(pattern.slice(close + 1));
  if (tails === undefined) return undefined;
  const out: string[] = [];
  for (const alternative of splitAlternatives(pattern.slice(open + 1, close))) {
    const middles = expandBraces(alternative);
    if (middles === undefined) return undefined;
    for (const middle of middles) {
      for (const tail of tails) {
        out.push(`${head}${middle}${tail}`);
        if (out.length > MAX_ALTERNATIVES) return undefined;
      }
    }
  }
  return out;
}

/** One position of a label pattern: a literal, `?`, a `[...]` set, or `*`. */
type Token =
  | { readonly kind: "star" }
  | { readonly kind: "one"; readonly test: (char: string) => boolean };

function charClass(body: string): (char: string) => boolean {
  const singles = new Set<string>();
  const ranges: [string, string][] = [];
  for (let i = 0; i < body.length; i++) {
    const from = body[i] as string;
    const to = body[i + 2];
    if (body[i + 1] === "-" && to !== undefined) {
      ranges.push([from, to]);
      i += 2;
    } else {
      singles.add(from);
    }
  }
  // A label holds no dot: a `.` in a set matches nothing.
  singles.delete(".");
  return (char) => singles.has(char) || ranges.some(([lo, hi]) => char >= lo && char <= hi);
}

/** A brace-free label pattern as tokens (already lower-case). */
function tokenize(label: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < label.length; i++) {
    const char = label[i] as string;
    if (char === "*") {
      if (tokens.at(-1)?.kind !== "star") tokens.push({ kind: "star" });
    } else if (char === "?") {
      tokens.push({ kind: "one", test: () => true });
    } else if (char === "[" && label.indexOf("]", i + 1) !== -1) {
      const end = label.indexOf("]", i + 1);
      tokens.push({ kind: "one", test: charClass(label.slice(i + 1, end)) });
      i = end;
    } else {
      tokens.push({ kind: "one", test: (c) => c === char });
    }
  }
  return tokens;
}

/** Glob match of one label: two pointers, backtracking only to the last `*` (O(n·m)). */
function matchLabel(tokens: readonly Token[], text: string): boolean {
  let t = 0;
  let s = 0;
  let star = -1;
  let resume = 0;
  while (s < text.length) {
    const token = tokens[t];
    if (token?.kind === "one" && token.test(text[s] as string)) {
      t++;
      s++;
    } else if (token?.kind === "star") {
      star = t++;
      resume = s;
    } else if (star !== -1) {
      t = star + 1;
      s = ++resume;
    } else {
      return false;
    }
  }
  while (tokens[t]?.kind === "star") t++;
  return t === tokens.length;
}

/** Splits a brace-free pattern into labels at dots outside `[...]`. */
function patternLabels(pattern: string): string[] {
  const labels: string[] = [];
  let start = 0;
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] === "[") {
      const end = pattern.indexOf("]", i + 1);
      if (end !== -1) i = end;
    } else if (pattern[i] === ".") {
      labels.push(pattern.slice(start, i));
      start = i + 1;
    }
  }
  labels.push(pattern.slice(start));
  return labels;
}

const WILDCARD = /[*?[\]]/;

// Patterns are not URLs nor valid host names. Both sections of the list count: under a private
// suffix (eu.org, uk.com, duckdns.org) anyone can register a name as under a TLD, so a wildcard
// right below one matches servers an attacker can own.
const PUBLIC_SUFFIX_OPTIONS = {
  allowPrivateDomains: true,
  extractHostname: false,
  validateHostname: false,
  detectIp: false,
} as const;

/** Where a brace alternative of a pattern leaves its registrable domain to a wildcard. */
export interface WildcardRegistrableDomain {
  /** The brace alternative (lower-case), the pattern itself when it has no braces. */
  readonly alternative: string;
  /** Its public suffix and the label before it, as written. */
  readonly registrableDomain: string;
}

/**
 * The first brace alternative whose registrable domain (its public suffix, ICANN or private, and
 * the label before it) holds a wildcard, or `undefined` when every alternative names one registrable domain.
 * Such a pattern (`*.com`, `ns1.*-dns.com`, `*`) matches name servers anyone can register, so a
 * policy using it could make a provider claim an attacker's servers. For patterns without a
 * `nameserverPatternProblem`.
 */
export function wildcardRegistrableDomain(pattern: string): WildcardRegistrableDomain | undefined {
  for (const alternative of expandBraces(pattern.toLowerCase()) ?? []) {
    const labels = patternLabels(alternative);
    // A wildcard label becomes `*`: the list's wildcard rules (`*.ck`) match it like any label,
    // and no other rule does.
    const probe = labels.map((label) => (WILDCARD.test(label) ? "*" : label)).join(".");
    const suffix = getPublicSuffix(probe, PUBLIC_SUFFIX_OPTIONS) ?? (labels.at(-1) as string);
    const registrableDomain = labels.slice(-(suffix.split(".").length + 1)).join(".");
    if (WILDCARD.test(registrableDomain)) return { alternative, registrableDomain };
  }
  return undefined;
}

/** One matcher for a list of patterns (already checked with `nameserverPatternProblem`). */
export function compileNameserverPatterns(patterns: readonly string[]): HostMatcher {
  // A pattern that expands too far (only possible when it was not checked) matches nothing.
  const compiled = patterns
    .flatMap((pattern) => expandBraces(pattern.toLowerCase()) ?? [])
    .map((alternative) => patternLabels(alternative).map(tokenize));
  if (compiled.length === 0) return () => false;
  return (host) => {
    const name = normalizeHostName(host);
    if (name.length === 0 || /[/\\]/.test(name)) return false;
    const labels = name.split(".");
    if (labels.some((label) => label.length === 0)) return false;
    return compiled.some(
      (pattern) =>
        pattern.length === labels.length &&
        pattern.every((tokens, i) => matchLabel(tokens, labels[i] as string)),
    );
  };
}
