// Renders lab root hints in named.root format, so a lab world is handed to the walker (and to
// `domain-drift trace --root-hints`) exactly as the real IANA file is.

import type { Zone } from "./zone.js";

export interface RootServer {
  readonly name: string;
  readonly addresses: readonly string[];
}

const absolute = (name: string): string => (name.endsWith(".") ? name : `${name}.`);

export function renderRootHints(servers: readonly RootServer[], ttl = 3_600_000): string {
  const lines = ["; Root hints for a domain-drift lab world (named.root format)."];
  for (const server of servers) {
    lines.push(`.\t${ttl}\tNS\t${absolute(server.name)}`);
    for (const address of server.addresses) {
      lines.push(
        `${absolute(server.name)}\t${ttl}\t${address.includes(":") ? "AAAA" : "A"}\t${address}`,
      );
    }
  }
  return `${lines.join("\n")}\n`;
}

/** The root servers a root zone names (its apex NS records and their addresses in the zone). */
export function rootServersOf(root: Zone): RootServer[] {
  const servers: RootServer[] = [];
  for (const record of root.records) {
    if (record.type !== "NS" || (record.name !== "." && record.name !== "")) continue;
    const name = record.data.toLowerCase();
    const addresses = root.records.flatMap((r) =>
      (r.type === "A" || r.type === "AAAA") && r.name.toLowerCase() === name ? [r.data] : [],
    );
    servers.push({ name, addresses });
  }
  return servers;
}
