// IDNA conversion (UTS #46, non-transitional: the IDNA 2008 behaviour) through `tr46`, the
// implementation the WHATWG URL standard's reference code (whatwg-url, jsdom) uses, kept current
// with Unicode. Not `node:url`'s `domainToASCII`: that is a URL host parser, which cuts a name at
// `\`, `/`, `?` or `#`, decodes `%2e` into a dot and drops tabs and newlines before IDNA sees it,
// so `victim.com\.attacker.net` came back as `victim.com`. tr46 converts the name it is given.
import { toASCII, toUnicode } from "tr46";

/**
 * The strict rules for names people write (policies, the command line): IDNA 2008's, which refuse
 * what UTS #46 would merely map (STD3: only LDH in ASCII), check the bidi and joiner rules, and
 * the DNS lengths. Hyphens in the third and fourth positions stay allowed, as DNS allows them.
 */
const STRICT = {
  checkBidi: true,
  checkJoiners: true,
  checkHyphens: false,
  useSTD3ASCIIRules: true,
  verifyDNSLength: true,
  transitionalProcessing: false,
} as const;

/** Names from the network and APIs: converted as they are, refused only when IDNA cannot map them. */
const LENIENT = { transitionalProcessing: false } as const;

/**
 * Lower-case letter-digit-hyphen labels, none an A-label (`xn--`), within the DNS lengths: a name
 * every conversion here leaves as it is, and almost every name of a portfolio. Answered without
 * tr46, whose mapping tables cost a scan of 10,000 domains some 2% of its CPU.
 */
const PLAIN_LABEL = "(?!xn--)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
const PLAIN_NAME = new RegExp(`^(?=.{1,253}$)${PLAIN_LABEL}(?:\\.${PLAIN_LABEL})*$`);

/** The A-label form of `name`, or undefined when IDNA refuses it. */
export function idnaToASCII(name: string, rules: "strict" | "lenient"): string | undefined {
  if (PLAIN_NAME.test(name)) return name;
  return toASCII(name, rules === "strict" ? STRICT : LENIENT) ?? undefined;
}

/** The Unicode form of an A-label name (valid labels as they are where one cannot be decoded). */
export function idnaToUnicode(name: string): string {
  if (PLAIN_NAME.test(name)) return name;
  return toUnicode(name, LENIENT).domain;
}
