// Domain names as the walker handles them: lower-case, no trailing dot, the root spelled ".".
// DNS compares names case-insensitively (RFC 4343), so everything is folded once on the way in.
// Pure string functions: the catalog folds the name servers it matches with them too.

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

/** True when `name` is `ancestor` or lies below it. Both normalized. */
export function isAtOrBelow(name: string, ancestor: string): boolean {
  if (ancestor === ROOT) return true;
  if (name.length === ancestor.length) return name === ancestor;
  // Compare without building `.${ancestor}`: this runs for every record of every response.
  return (
    name.length > ancestor.length &&
    name.charCodeAt(name.length - ancestor.length - 1) === 46 &&
    name.endsWith(ancestor)
  );
}

/** True when `name` lies strictly below `ancestor`. */
export function isBelow(name: string, ancestor: string): boolean {
  return name !== ancestor && isAtOrBelow(name, ancestor);
}

/** The name one label shorter; the root's parent is the root. */
export function parentOf(name: string): string {
  const dot = name.indexOf(".");
  return dot === -1 ? ROOT : name.slice(dot + 1);
}

/** The name one label below `zone` on the way down to `name` (which must be below `zone`). */
export function childToward(zone: string, name: string): string {
  const keep = zone === ROOT ? 0 : zone.length + 1;
  const dot = name.lastIndexOf(".", name.length - keep - 1);
  return dot === -1 ? name : name.slice(dot + 1);
}

/** Renders a name for people: absolute, with the trailing dot. */
export function absoluteName(name: string): string {
  return name === ROOT ? "." : `${name}.`;
}

// Host names and delegated domains: LDH labels (plus "_", which real zones use), 1–63 octets each,
// at most 253 octets in all. Anything else from the network is refused rather than queried.
const LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;

/** Why a normalized name cannot be queried, or undefined when it can. */
export function nameSyntaxError(name: string): string | undefined {
  if (name === ROOT) return undefined;
  if (name.length > 253) return "name longer than 253 characters";
  for (const label of name.split(".")) {
    if (label === "") return "empty label";
    if (label.length > 63) return `label "${label.slice(0, 20)}..." longer than 63 characters`;
    if (!LABEL.test(label)) return `label "${label}" is not letters, digits and hyphens`;
  }
  return undefined;
}

/** Why a normalized name cannot be walked as a delegation (the root is none), or undefined. */
export function delegationNameError(name: string): string | undefined {
  return name === ROOT ? "the root is not a delegation" : nameSyntaxError(name);
}
