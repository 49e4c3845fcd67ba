// The registrable domain of a name: the name registered at a registry, one label below its public
// suffix (the Public Suffix List's ICANN section, via tldts). The one place the list is consulted
// for a domain or a name server; policy patterns, which hold wildcards, ask it in
// src/catalog/nameserver-pattern.ts. In a module of its own because the list takes some 50 ms to
// load, which commands that never need it (`trace`, `--help`) should not pay.
import { getDomain } from "tldts";

/** The registrable domain, or undefined when the name is a public suffix or has none. */
export function registrableDomainIn(name: string): string | undefined {
  return getDomain(name) ?? undefined;
}

/** The registrable domain; the name itself when the list knows none. */
export function registrableDomainOf(name: string): string {
  return registrableDomainIn(name) ?? name;
}
