// How a place in a policy is named in messages: "domain `example.com`", "`expiry.minDays` in
// `defaults`", "waiver #2". One vocabulary for schema and semantic diagnostics alike.
import type { DataPath } from "./yaml-locator.js";

const NAMED_COLLECTIONS: Readonly<Record<string, string>> = {
  domains: "domain",
  providers: "provider",
  accounts: "account",
};

interface Split {
  /** "domain `x`", "waiver #2", or undefined outside the named collections. */
  readonly owner: string | undefined;
  readonly rest: DataPath;
}

function split(path: DataPath): Split {
  const [collection, name, ...rest] = path;
  if (name === undefined || typeof collection !== "string") return { owner: undefined, rest: path };
  if (collection === "waivers") return { owner: `waiver #${Number(name) + 1}`, rest };
  const kind = NAMED_COLLECTIONS[collection];
  return kind === undefined
    ? { owner: undefined, rest: path }
    : { owner: `${kind} \`${name}\``, rest };
}

/** `expiry.minDays`, `nameservers[1]`. */
function joinPath(path: DataPath): string {
  return path
    .map((segment, index) =>
      typeof segment === "number" || /^\d+$/.test(segment)
        ? `[${segment}]`
        : `${index === 0 ? "" : "."}${segment}`,
    )
    .join("");
}

/** What the value at `path` is called: "domain `x`", "`dnsHost` in domain `x`", "`defaults.expiry`". */
export function describeSubject(path: DataPath): string {
  if (path.length === 0) return "the file";
  const { owner, rest } = split(path);
  if (owner === undefined) return `\`${joinPath(rest)}\``;
  return rest.length === 0 ? owner : `\`${joinPath(rest)}\` in ${owner}`;
}

/** Where a key inside the object at `path` sits: "at the top level", "in `expiry` of domain `x`". */
export function describeContainer(path: DataPath): string {
  if (path.length === 0) return "at the top level";
  const { owner, rest } = split(path);
  if (owner === undefined) return `in \`${joinPath(rest)}\``;
  return rest.length === 0 ? `in ${owner}` : `in \`${joinPath(rest)}\` of ${owner}`;
}
