// Domain and host names as policies write them: Unicode or A-label in, lower-case A-label out.
// Node's `url.domainToASCII` implements UTS #46 (IDNA) processing.
import { isIP } from "node:net";
import { domainToASCII, domainToUnicode } from "node:url";

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
 * Normalises a name of at least two labels: IDNA to the A-label, lower-case, no trailing dot.
 * Used for domains (a single label would be a TLD, which no one owns) and name servers alike.
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
