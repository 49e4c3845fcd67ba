// named.root (the IANA root hints file): NS records for "." and the A/AAAA records of their
// targets, in master-file syntax. Only what that file uses is accepted: one record per line,
// `;` comments, an optional TTL and class. Errors carry the line for `FILE:LINE: error: ...`.

import { nameSyntaxError, normalizeName, ROOT } from "../../names/normalize.js";
import { canonicalAddress } from "./message.js";
import type { ServerRef } from "./types.js";

export type RootHintsResult =
  | { readonly ok: true; readonly servers: ServerRef[] }
  | { readonly ok: false; readonly message: string; readonly line: number };

const MAX_BYTES = 1 << 20;

export function parseRootHints(text: string, source: string): RootHintsResult {
  if (text.length > MAX_BYTES)
    return { ok: false, message: `${source} is larger than 1 MiB`, line: 1 };
  const nsNames: string[] = [];
  const nsLine = new Map<string, number>();
  const addresses = new Map<string, string[]>();
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const line = index + 1;
    const content = (lines[index] ?? "").replace(/;.*$/, "").trim();
    if (content === "") continue;
    const fields = content.split(/\s+/);
    const owner = fields.shift() ?? "";
    if (/^\d+$/.test(fields[0] ?? "")) fields.shift();
    if ((fields[0] ?? "").toUpperCase() === "IN") fields.shift();
    const [type = "", data, extra] = fields.map((field, i) =>
      i === 0 ? field.toUpperCase() : field,
    );
    if (data === undefined || extra !== undefined) {
      return { ok: false, message: `expected "NAME [TTL] [IN] TYPE DATA", got "${content}"`, line };
    }
    const name = normalizeName(owner);
    switch (type) {
      case "NS": {
        if (name !== ROOT) {
          return {
            ok: false,
            message: `NS record for "${owner}"; root hints list NS records for "."`,
            line,
          };
        }
        const target = normalizeName(data);
        const syntax = nameSyntaxError(target);
        if (syntax !== undefined || target === ROOT) {
          return {
            ok: false,
            message: `bad name server name "${data}": ${syntax ?? "the root"}`,
            line,
          };
        }
        if (!nsLine.has(target)) {
          nsNames.push(target);
          nsLine.set(target, line);
        }
        break;
      }
      case "A":
      case "AAAA": {
        const address = canonicalAddress(data);
        if (address === undefined || address.includes(":") !== (type === "AAAA")) {
          return { ok: false, message: `bad ${type} address "${data}"`, line };
        }
        const list = addresses.get(name);
        if (list === undefined) addresses.set(name, [address]);
        else if (!list.includes(address)) list.push(address);
        break;
      }
      default:
        return {
          ok: false,
          message: `unexpected record type "${type}" (root hints hold NS, A and AAAA)`,
          line,
        };
    }
  }
  const servers: ServerRef[] = [];
  for (const name of nsNames) {
    const list = addresses.get(name);
    if (list === undefined) {
      return {
        ok: false,
        message: `root server ${name} has no A or AAAA record`,
        line: nsLine.get(name) ?? 1,
      };
    }
    // IPv4 first: it is always usable; IPv6 only with the ipv6 option.
    for (const address of list.filter((a) => !a.includes(":"))) servers.push({ name, address });
    for (const address of list.filter((a) => a.includes(":"))) servers.push({ name, address });
  }
  if (servers.length === 0)
    return { ok: false, message: `${source} lists no root servers`, line: 1 };
  return { ok: true, servers };
}
