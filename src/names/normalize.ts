// Domain and host names, normalised: the four ways names enter domain-drift, side by side. All end
// in the form everything keys on (a lower-case A-label without the trailing dot), but each source
// needs its own rules on the way there, which is why there are four and not one:
//
// - Policy files (`normalizeDomainName`): people write Unicode or A-labels. Strict: every label is
//   checked as written, before any conversion (LDH, or a U-label valid under IDNA 2008 / UTS #46),
//   so nothing is silently dropped or rewritten; a name of fewer than two labels or any other
//   character is refused with a reason the user can act on. `normalizeTypedName` applies the same
//   label rules to a name typed on the command line, with the DNS wire's freedom of form.
// - The DNS wire (`normalizeName`, `normalizeHostName`): names from packets and root hints, in any
//   case, with a trailing dot, the root itself, `_` labels. Lenient about form; `nameSyntaxError`
//   refuses only what cannot be queried.
// - RDAP (`toALabel`): registries write names with spaces, in any case, with a trailing dot or in
//   Unicode. Lenient about form, strict about content: the result goes into URLs and is compared
//   with the domain asked about, so a name that is not LDH is dropped.
// - The AWS APIs (`route53NameKey`, `comparableName`): Route 53's octal escapes, wildcards, names
//   IDNA rejects. Never refuses: whatever an account holds must be listed and reported.
//
// Where a name sits in the DNS tree is ./tree.ts; its registrable domain, ./registrable-domain.ts.
import { isIP } from "node:net";
import { idnaToASCII, idnaToUnicode } from "./idna.js";

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

// Controls, spaces, line breaks, and characters that show as nothing (zero-width spaces, soft
// hyphens, bidi controls, variation selectors): IDNA would drop some of these without a word. The
// joiners U+200C and U+200D are left to IDNA's contextual rules, under which some scripts need them.
const INVISIBLE = /[\p{Cc}\p{Z}\p{Default_Ignorable_Code_Point}\p{Cf}](?<![\u200c\u200d])/u;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the range is exactly "any ASCII"
const ASCII_NOT_LDH = /[\x00-\x2c\x2e\x2f\x3a-\x40\x5b-\x60\x7b-\x7f]/;

function codePoint(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;
}

function invisibleKind(char: string): string {
  if (/\p{Cc}/u.test(char)) return "a control character";
  if (/\p{Z}/u.test(char)) return "a space or line separator";
  return "an invisible formatting character";
}

/**
 * Why a label as written (before IDNA maps anything) cannot be part of a name: a character that is
 * invisible, a control, or ASCII other than letters, digits and hyphens (`_` too with `underscore`).
 */
function labelCharacterProblem(label: string, underscore: boolean): string | undefined {
  const bad = [...label].find(
    (char) => INVISIBLE.test(char) || (ASCII_NOT_LDH.test(char) && !(underscore && char === "_")),
  );
  if (bad === undefined) return undefined;
  const shown = INVISIBLE.test(bad)
    ? `${codePoint(bad)}, ${invisibleKind(bad)}`
    : `\`${bad}\` (${codePoint(bad)})`;
  return `label \`${label}\` has characters other than letters, digits and hyphens: ${shown}`;
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
 * The A-labels of `labels` (each already free of `labelCharacterProblem`s), or why IDNA refuses
 * them: the label it refuses, when it refuses one alone, else the name (the bidi rule spans labels).
 */
function toALabels(
  labels: readonly string[],
): { ok: true; ascii: string } | { ok: false; reason: string } {
  for (const label of labels) {
    if (idnaToASCII(label, "strict") === undefined) {
      const ascii = /^[\x21-\x7e]*$/.test(label);
      const asciiProblem = ascii ? labelProblem(label.toLowerCase()) : undefined;
      return {
        ok: false,
        reason:
          asciiProblem ??
          `label \`${label}\` is not a valid internationalised label (IDNA 2008 / UTS #46)`,
      };
    }
  }
  const name = labels.join(".");
  const ascii = idnaToASCII(name, "strict");
  if (ascii !== undefined) return { ok: true, ascii };
  // Every label passed alone: the name is too long, or breaks the bidi rule, which spans labels.
  const length = idnaToASCII(name, "lenient")?.length ?? 0;
  return {
    ok: false,
    reason:
      length > MAX_NAME_LENGTH
        ? `it is ${length} characters long as an A-label (at most ${MAX_NAME_LENGTH})`
        : "it is not a valid internationalised domain name (IDNA 2008 / UTS #46: its right-to-left labels break the bidi rule)",
  };
}

/** WHATWG URL parsing would read a name whose last label is a number as an IPv4 address. */
const NUMERIC_LABEL = /^(?:[0-9]+|0x[0-9a-f]*)$/i;

/**
 * Normalises a name of at least two labels as a policy writes it: each label checked as written,
 * then IDNA (UTS #46, non-transitional) to the A-label, lower-case, no trailing dot. Used for
 * domains (a single label would be a TLD, which no one owns) and name servers alike.
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
  for (const label of labels) {
    const problem = labelCharacterProblem(label, false);
    if (problem !== undefined) return fail(problem);
  }
  if (labels.length < 2) return fail("a single label is a top-level domain, not a domain one owns");
  if (NUMERIC_LABEL.test(labels.at(-1) as string)) {
    return fail("it ends in a number, so it reads as an IP address, not a domain name");
  }
  const converted = toALabels(labels);
  if (!converted.ok) return fail(converted.reason);
  const { ascii } = converted;
  if (ascii.length > MAX_NAME_LENGTH) {
    return fail(`it is ${ascii.length} characters long as an A-label (at most ${MAX_NAME_LENGTH})`);
  }
  for (const label of ascii.split(".")) {
    const problem = labelProblem(label);
    if (problem !== undefined) return fail(problem);
  }
  return { ok: true, name: ascii, unicode: idnaToUnicode(ascii) };
}

/**
 * A name typed on the command line (`trace`'s argument) as its A-label: Unicode or A-labels, any
 * case, a trailing dot, a single label or `_` labels allowed, as the walker allows them; every
 * label checked as written, as in policies, so nothing is dropped or rewritten on the way.
 */
export function normalizeTypedName(
  input: string,
): { ok: true; name: string } | { ok: false; reason: string } {
  if (input === "") return fail("the name is empty");
  if (input.length === 1 && SEPARATORS.test(input)) return { ok: true, name: ROOT };
  const name = SEPARATORS.test(input.slice(-1)) ? input.slice(0, -1) : input;
  const labels = name.split(SEPARATORS);
  if (labels.some((label) => label.length === 0)) return fail("it has an empty label (`..`)");
  for (const label of labels) {
    const problem = labelCharacterProblem(label, true);
    if (problem !== undefined) return fail(problem);
  }
  // IDNA's STD3 rules refuse `_`, which DNS allows: such labels are LDH plus `_`, already checked.
  const converted = labels.map((label) =>
    label.includes("_") ? label.toLowerCase() : idnaToASCII(label, "strict"),
  );
  const bad = converted.indexOf(undefined);
  if (bad >= 0) {
    return fail(
      `label \`${labels[bad]}\` is not a valid internationalised label (IDNA 2008 / UTS #46)`,
    );
  }
  return { ok: true, name: normalizeName(converted.join(".")) };
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
  if (/[^\x00-\x7f]/.test(ascii)) ascii = idnaToASCII(ascii, "lenient") ?? "";
  if (ascii.length === 0 || ascii.length > 253) return undefined;
  return ascii.split(".").every((label) => RDAP_LABEL.test(label)) ? ascii : undefined;
}

// ─── The AWS APIs ────────────────────────────────────────────────────────────────────────────────

const OCTAL_ESCAPE = /^[0-3][0-7]{2}$/;
/** The bytes Route 53 writes as themselves; every other one comes back as an octal escape. */
const PLAIN_BYTE = /^[a-z0-9_-]$/;
const PLAIN_LABEL = /^(?:[a-z0-9_-]+|\*)$/;

/** The labels of a name as Route 53 writes it, each as its bytes. */
function route53Labels(raw: string): number[][] {
  const encoder = new TextEncoder();
  const labels: number[][] = [[]];
  for (let i = 0; i < raw.length; i++) {
    const label = labels[labels.length - 1] as number[];
    const ch = raw[i] as string;
    const digits = raw.slice(i + 1, i + 4);
    if (ch === "\\" && OCTAL_ESCAPE.test(digits)) {
      label.push(Number.parseInt(digits, 8));
      i += 3;
    } else if (ch === ".") {
      labels.push([]);
    } else {
      label.push(...encoder.encode(ch));
    }
  }
  // The trailing dot ends the name; it opens no label.
  if (labels.length > 1 && labels[labels.length - 1]?.length === 0) labels.pop();
  return labels;
}

/** A label's bytes as names key on: itself when plain, else with Route 53's escapes kept. */
function route53LabelKey(bytes: readonly number[]): string {
  // Route 53 stores letters in lower case, however they were written (escapes included).
  const chars = bytes.map((b) => String.fromCharCode(b >= 0x41 && b <= 0x5a ? b + 0x20 : b));
  if (PLAIN_LABEL.test(chars.join(""))) return chars.join("");
  return chars
    .map((c) => (PLAIN_BYTE.test(c) ? c : `\\${c.charCodeAt(0).toString(8).padStart(3, "0")}`))
    .join("");
}

/**
 * A hosted-zone or record name from the Route 53 API in the form names key on: lower case, without
 * the trailing dot. Route 53 returns every byte other than `a-z 0-9 - _` as a backslash and three
 * octal digits, and a dot unescaped only between labels: `\056` is a dot inside a label, `\052` a
 * `*`, `\344` the single byte 0xE4 (AWS, "DNS domain name format"). So the name is decoded byte by
 * byte, label by label. A label of letters, digits, `-` and `_` (or a lone `*`) reads as itself;
 * any other keeps its escapes (`a\056b.example.com`): it is a name no policy domain can equal,
 * since its dot does not separate labels and its raw bytes are no IDN's A-label, so it never
 * stands in for a zone it is not.
 */
export function route53NameKey(raw: string): string {
  const name = route53Labels(raw.trim()).map(route53LabelKey).join(".");
  return name === "" ? ROOT : name;
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
  return idnaToASCII(trimmed, "lenient") || trimmed.toLowerCase();
}

/** Name-server host names from an AWS API: normalised, de-duplicated, sorted. */
export function comparableNameServers(names: Iterable<string>): string[] {
  return [...new Set([...names].map(comparableName).filter((n) => n !== ""))].sort();
}
