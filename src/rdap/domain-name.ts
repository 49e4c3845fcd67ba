// Domain names as RDAP uses them: lower-case A-labels without the trailing dot.
import { domainToASCII } from "node:url";

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * Normalises a host or domain name to its A-label form, or returns undefined when it is not a
 * valid LDH name (RFC 1123 labels, at most 253 characters). Unicode input becomes its A-label.
 * Lenient about form (spaces, case, a trailing dot), unlike the policy's `normalizeDomainName`,
 * because registries write names all of these ways. Strict about content, unlike the AWS
 * observer's `comparableName`: the result goes into RDAP URLs and is compared with the domain
 * asked about, so a name that is not LDH is dropped rather than passed on.
 */
export function toALabel(name: string): string | undefined {
  let ascii = name.trim().toLowerCase();
  if (ascii.endsWith(".")) ascii = ascii.slice(0, -1);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the range is exactly "anything not ASCII"
  if (/[^\x00-\x7f]/.test(ascii)) ascii = domainToASCII(ascii);
  if (ascii.length === 0 || ascii.length > 253) return undefined;
  return ascii.split(".").every((label) => LABEL.test(label)) ? ascii : undefined;
}
