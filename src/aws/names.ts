// Domain names as the AWS APIs return them, turned into the form everything else keys on:
// lower-case A-labels without the trailing dot.

import { domainToASCII } from "node:url";

const OCTAL_ESCAPE = /^[0-3][0-7]{2}$/;

/**
 * Undoes Route 53's escaping of names: any byte outside `a-z0-9-_.` comes back as a three-digit
 * octal escape (`\052` for `*`, `\303\274` for the UTF-8 bytes of `ü`), and `\.` is a literal dot.
 */
export function decodeRoute53Name(raw: string): string {
  const bytes: number[] = [];
  const encoder = new TextEncoder();
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i] as string;
    if (ch === "\\") {
      const digits = raw.slice(i + 1, i + 4);
      if (OCTAL_ESCAPE.test(digits)) {
        bytes.push(Number.parseInt(digits, 8));
        i += 3;
        continue;
      }
      const next = raw[i + 1];
      if (next !== undefined) {
        bytes.push(...encoder.encode(next));
        i += 1;
        continue;
      }
    }
    bytes.push(...encoder.encode(ch));
  }
  return new TextDecoder().decode(Uint8Array.from(bytes));
}

/**
 * Lower-case A-label without the trailing dot; Unicode labels become `xn--` labels. Unlike the
 * policy's `normalizeDomainName` and RDAP's `toALabel` it never refuses a name: whatever an account
 * holds (a wildcard, a name IDNA rejects) must still be listed and reported, not dropped.
 */
export function comparableName(name: string): string {
  const trimmed = name.trim().replace(/\.$/, "");
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the test is "is this plain ASCII"
  if (/^[\x00-\x7f]*$/.test(trimmed)) return trimmed.toLowerCase();
  // A name no IDNA mapping accepts is kept as written (lower-cased) so it still shows in reports.
  return domainToASCII(trimmed) || trimmed.toLowerCase();
}

/** Name-server host names: normalised, de-duplicated, sorted. */
export function comparableNameServers(names: Iterable<string>): string[] {
  return [...new Set([...names].map(comparableName).filter((n) => n !== ""))].sort();
}
