// Which addresses domain-drift may send traffic to.
//
// Policy files in a pull request are untrusted: a hostile delegation (or RDAP link) could name
// 169.254.169.254 or 10.0.0.1 and make a CI runner probe its own network. By default every
// address learned from the network is checked here first; only a lab configuration (custom root
// hints, a user-supplied RDAP bootstrap, or an explicit flag) lifts the rule.

import { BlockList, isIP } from "node:net";

/** Why an address is not public. */
export type NonPublicCategory =
  | "unspecified"
  | "loopback"
  | "private"
  | "shared-address-space"
  | "link-local"
  | "unique-local"
  | "multicast"
  | "documentation"
  | "benchmarking"
  | "reserved"
  | "translation";

export type AddressClass =
  | { readonly kind: "public" }
  | { readonly kind: "non-public"; readonly category: NonPublicCategory }
  | { readonly kind: "invalid" };

// [prefix, length, category]; IANA special-purpose registries (RFC 6890 and successors).
const IPV4_RANGES: ReadonlyArray<readonly [string, number, NonPublicCategory]> = [
  ["0.0.0.0", 8, "unspecified"],
  ["10.0.0.0", 8, "private"],
  ["100.64.0.0", 10, "shared-address-space"], // CGNAT, RFC 6598
  ["127.0.0.0", 8, "loopback"],
  ["169.254.0.0", 16, "link-local"], // includes the cloud metadata address 169.254.169.254
  ["172.16.0.0", 12, "private"],
  ["192.0.0.0", 24, "reserved"],
  ["192.0.2.0", 24, "documentation"],
  ["192.88.99.0", 24, "reserved"],
  ["192.168.0.0", 16, "private"],
  ["198.18.0.0", 15, "benchmarking"],
  ["198.51.100.0", 24, "documentation"],
  ["203.0.113.0", 24, "documentation"],
  ["224.0.0.0", 4, "multicast"],
  ["240.0.0.0", 4, "reserved"], // includes 255.255.255.255
];

const IPV6_RANGES: ReadonlyArray<readonly [string, number, NonPublicCategory]> = [
  ["::", 128, "unspecified"],
  ["::1", 128, "loopback"],
  ["::", 96, "reserved"], // IPv4-compatible, deprecated
  ["64:ff9b::", 96, "translation"], // NAT64 may reach the translator's own network
  ["64:ff9b:1::", 48, "translation"],
  ["100::", 64, "reserved"], // discard-only
  ["2001:2::", 48, "benchmarking"],
  ["2001:db8::", 32, "documentation"],
  ["2002::", 16, "translation"], // 6to4 embeds an IPv4 address of any kind
  ["3fff::", 20, "documentation"], // RFC 9637
  ["fc00::", 7, "unique-local"],
  ["fe80::", 10, "link-local"],
  ["fec0::", 10, "reserved"], // site-local, deprecated
  ["ff00::", 8, "multicast"],
];

function buildLists(): Map<NonPublicCategory, BlockList> {
  const lists = new Map<NonPublicCategory, BlockList>();
  const add = (family: "ipv4" | "ipv6", prefix: string, length: number, c: NonPublicCategory) => {
    let list = lists.get(c);
    if (!list) {
      list = new BlockList();
      lists.set(c, list);
    }
    list.addSubnet(prefix, length, family);
  };
  for (const [prefix, length, c] of IPV4_RANGES) add("ipv4", prefix, length, c);
  for (const [prefix, length, c] of IPV6_RANGES) add("ipv6", prefix, length, c);
  return lists;
}

const LISTS = buildLists();

// ::ffff:a.b.c.d is the IPv4 address a.b.c.d; judge it as such.
const V4_MAPPED = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

/** Classifies an IPv4 or IPv6 address literal. */
export function classifyAddress(address: string): AddressClass {
  const mapped = V4_MAPPED.exec(address);
  const literal = mapped?.[1] ?? address;
  const family = isIP(literal);
  if (family === 0) return { kind: "invalid" };
  const type = family === 4 ? "ipv4" : "ipv6";
  for (const [category, list] of LISTS) {
    if (list.check(literal, type)) return { kind: "non-public", category };
  }
  return { kind: "public" };
}

/**
 * Decides whether traffic may go to an address. `allowNonPublic` is true only in a lab the user
 * configured (custom root hints, a user-supplied bootstrap file) or with the explicit flag.
 */
export interface AddressGate {
  readonly allowNonPublic: boolean;
}

export type AddressVerdict =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly reason: string };

export function checkAddress(gate: AddressGate, address: string): AddressVerdict {
  const c = classifyAddress(address);
  if (c.kind === "invalid") return { allowed: false, reason: `not an IP address: ${address}` };
  if (c.kind === "public" || gate.allowNonPublic) return { allowed: true };
  return {
    allowed: false,
    reason: `${address} is a ${c.category} address; non-public targets are blocked unless a lab is configured`,
  };
}
