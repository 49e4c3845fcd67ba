// Domain and host names, normalised: the four ways names enter domain-drift, side by side. All end
// in the form everything keys on (a lower-case A-label without the trailing dot), but each source
// needs its own rules on the way there, which is why there are four and not one:
//
// - Policy files (`normalizeDomainName`): people write Unicode or A-labels. Strict: a name that is
//   not a valid IDNA name of two labels or more is refused with a reason the user can act on.
// - The DNS wire (`normalizeName`, `normalizeHostName`): names from packets and root hints, in any
//   case, with a trailing dot, the root itself, `_` labels. Lenient about form; `nameSyntaxError`
//   refuses only what cannot be queried.
// - RDAP (`toALabel`): registries write names with spaces, in any case, with a trailing dot or in
//   Unicode. Lenient about form, strict about content: the result goes into URLs and is compared
//   with the domain asked about, so a name that is not LDH is dropped.
// - The AWS APIs (`decodeRoute53Name`, `comparableName`): Route 53's octal escapes, wildcards, names
//   IDNA rejects. Never refuses: whatever an account holds must be listed and reported.
//
// Where a name sits in the DNS tree is ./tree.ts; its registrable domain, ./registrable-domain.ts.
import { isIP } from "node:net";
import { domainToASCII, domainToUnicode } from "node:url";

// ─── Policy files ────────────────────────────────────────────────────────────────────────────────

export type NormalizedName =
  | { readonly ok: true; readonly name: string; readonly unicode: string }
  | { readonly ok: false; readonly reason: string };

// UTS #46 treats these as label separators too (ideographic and full-width full stops).
const SEPARATORS = /[.\u3002\uff0e\uff61]/;
const LDH_LABEL = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;
const MAX_NAME_LENGTH = 253;
const MAX_LABEL_LENGTH = 63;

function fail(reason: string): NormalizedName {
  return { ok: false, reason };
}

function labelProblem(label: string): string | undefined {
  if (label.length > MAX_LABEL_LENGTH) {
    return `label \`${label}\` is ${label.length} characters long (at most ${MAX_LABEL_LENGTH})`;
  }
  if (label.startsWith("-") || label.endsWith("-")) {
    return `label \`${label}\` starts or ends with a hyphen`;
  }
  if (!LDH_LABEL.test(label)) {
    return `label \`${label}\` has characters other than letters, digits and hyphens`;
  }
  return undefined;
}

/**
 * Normalises a name of at least two labels as a policy writes it: IDNA to the A-label (Node's
 * `url.domainToASCII` implements UTS #46), lower-case, no trailing dot. Used for domains (a single
 * label would be a TLD, which no one owns) and name servers alike.
 */
export function normalizeDomainName(input: string): NormalizedName {
  if (input.length === 0) return fail("the name is empty");
  if (SEPARATORS.test(input.slice(-1))) {
    if (input.length === 1) return fail("the name is empty");
    return fail(`remove the trailing dot: write \`${input.slice(0, -1)}\``);
  }
  const labels = input.split(SEPARATORS);
  if (labels.some((label) => label.length === 0)) return fail("it has an empty label (`..`)");
  if (isIP(input) !== 0 || isIP(input.replace(/^\[(.*)\]$/, "$1")) !== 0) {
    return fail("an IP address is not a domain name");
  }
  if (labels.length < 2) return fail("a single label is a top-level domain, not a domain one owns");
  const ascii = domainToASCII(input);
  if (ascii === "") {
    const asciiProblem = labels
      .filter((label) => !/[^ -~]/.test(label)) // printable ASCII only
      .map((label) => labelProblem(label.toLowerCase()))
      .find((problem) => problem !== undefined);
    return fail(asciiProblem ?? "it is not a valid internationalised domain name (IDNA)");
  }
  // WHATWG host parsing turns some numeric names into IPv4 addresses ("0x7f.1" → "127.0.0.1").
  if (isIP(ascii) !== 0) return fail("an IP address is not a domain name");
  if (ascii.length > MAX_NAME_LENGTH) {
    return fail(`it is ${ascii.length} characters long as an A-label (at most ${MAX_NAME_LENGTH})`);
  }
  for (const label of ascii.split(".")) {
    const problem = labelProblem(label);
    if (problem !== undefined) return fail(problem);
  }
  return { ok: true, name: ascii, unicode: domainToUnicode(ascii) };
}

// ─── The DNS wire ────────────────────────────────────────────────────────────────────────────────
// DNS compares names case-insensitively (RFC 4343), so the walker folds everything once on the way
// in; the root is spelled ".". The catalog folds the name servers it matches with these too.

export const ROOT = ".";

/**
 * Lower-cases a host name and drops one trailing dot; "" stays "". For names that are never the
 * root (name servers matched against the catalog); the walker uses `normalizeName`.
 */
export function normalizeHostName(name: string): string {
  const lower = name.toLowerCase();
  return lower.endsWith(".") ? lower.slice(0, -1) : lower;
}

/** Lower-cases a name and drops the trailing dot; "" and "." both mean the root. */
export function normalizeName(name: string): string {
  const host = normalizeHostName(name);
  return host === "" ? ROOT : host;
}

// Host names and delegated domains: LDH labels (plus "_", which real zones use), 1–63 octets each,
// at most 253 octets in all. Anything else from the network is refused rather than queried.
const WIRE_LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;

/** Why a normalized name cannot be queried, or undefined when it can. */
export function nameSyntaxError(name: string): string | undefined {
  if (name === ROOT) return undefined;
  if (name.length > 253) return "name longer than 253 characters";
  for (const label of name.split(".")) {
    if (label === "") return "empty label";
    if (label.length > 63) return `label "${label.slice(0, 20)}..." longer than 63 characters`;
    if (!WIRE_LABEL.test(label)) return `label "${label}" is not letters, digits and hyphens`;
  }
  return undefined;
}

/** Why a normalized name cannot be walked as a delegation (the root is none), or undefined. */
export function delegationNameError(name: string): string | undefined {
  return name === ROOT ? "the root is not a delegation" : nameSyntaxError(name);
}

// ─── RDAP ────────────────────────────────────────────────────────────────────────────────────────

const RDAP_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * Normalises a host or domain name from an RDAP answer to its A-label form, or returns undefined
 * when it is not a valid LDH name (RFC 1123 labels, at most 253 characters). Unicode input becomes
 * its A-label. Lenient about form (spaces, case, a trailing dot), because registries write names
 * all of these ways; strict about content, because the result goes into RDAP URLs and is compared
 * with the domain asked about, so a name that is not LDH is dropped rather than passed on.
 */
export function toALabel(name: string): string | undefined {
  let ascii = name.trim().toLowerCase();
  if (ascii.endsWith(".")) ascii = ascii.slice(0, -1);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the range is exactly "anything not ASCII"
  if (/[^\x00-\x7f]/.test(ascii)) ascii = domainToASCII(ascii);
  if (ascii.length === 0 || ascii.length > 253) return undefined;
  return ascii.split(".").every((label) => RDAP_LABEL.test(label)) ? ascii : undefined;
}

// ─── The AWS APIs ────────────────────────────────────────────────────────────────────────────────

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
 * Lower-case A-label without the trailing dot; Unicode labels become `xn--` labels. It never
 * refuses a name: whatever an account holds (a wildcard, a name IDNA rejects) must still be listed
 * and reported, not dropped.
 */
export function comparableName(name: string): string {
  const trimmed = name.trim().replace(/\.$/, "");
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the test is "is this plain ASCII"
  if (/^[\x00-\x7f]*$/.test(trimmed)) return trimmed.toLowerCase();
  // A name no IDNA mapping accepts is kept as written (lower-cased) so it still shows in reports.
  return domainToASCII(trimmed) || trimmed.toLowerCase();
}

/** Name-server host names from an AWS API: normalised, de-duplicated, sorted. */
export function comparableNameServers(names: Iterable<string>): string[] {
  return [...new Set([...names].map(comparableName).filter((n) => n !== ""))].sort();
}
