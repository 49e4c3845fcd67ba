// Where a wire name (see ./normalize.ts: lower-case, no trailing dot, the root spelled ".") sits in
// the DNS tree: the walker's steps from the root down to a domain, and how people read a name.
import { ROOT } from "./normalize.js";

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
