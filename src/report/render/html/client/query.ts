// Which domains the table shows, in which order: the filters and the sort, without the DOM.
// Keys are computed once per domain, so a keystroke over 10,000 domains is one pass of string
// comparisons.
import type { DomainView } from "../page-data.js";
import { SEVERITY_RANK, STATUS_RANK } from "./labels.js";

/** A filter value is "" (any) or, for setup, registrar and DNS host, `i:value` / `o:value`. */
export interface Filters {
  status: string;
  setup: string;
  registrar: string;
  dnsHost: string;
  rule: string;
  text: string;
}

export const NO_FILTERS: Readonly<Filters> = {
  status: "",
  setup: "",
  registrar: "",
  dnsHost: "",
  rule: "",
  text: "",
};

export type SortKey =
  | "domain"
  | "status"
  | "intended"
  | "observed"
  | "registrar"
  | "dnsHost"
  | "findings"
  | "expiry";

export interface Sort {
  key: SortKey;
  descending: boolean;
}

interface Keys {
  readonly search: string;
  readonly name: string;
  readonly registrars: ReadonlySet<string>;
  readonly hosts: ReadonlySet<string>;
  readonly setups: ReadonlySet<string>;
}

const keyCache = new WeakMap<DomainView, Keys>();

/** What the registrar filter offers for a domain: its catalog ids, else the registrar's name. */
export function observedRegistrars(domain: DomainView): readonly string[] {
  const { registrarIds, registrar } = domain.observed;
  return registrarIds.length > 0 ? registrarIds : [registrar ?? "unknown"];
}

function keysOf(domain: DomainView): Keys {
  const cached = keyCache.get(domain);
  if (cached !== undefined) return cached;
  const { intended, observed } = domain;
  const keys: Keys = {
    search: [
      domain.name,
      domain.unicode,
      domain.policy,
      intended.registrar,
      intended.dnsHost,
      observed.registrar ?? "",
      observed.registrarName ?? "",
      observed.dnsHost ?? "",
      ...domain.chain.registry.lines,
      ...domain.rules,
    ]
      .join("\n")
      .toLowerCase(),
    name: domain.unicode.toLowerCase(),
    registrars: new Set([
      `i:${intended.registrar}`,
      ...observedRegistrars(domain).map((r) => `o:${r}`),
    ]),
    hosts: new Set([`i:${intended.dnsHost}`, `o:${observed.dnsHost ?? "unknown"}`]),
    setups: new Set([`i:${intended.setup}`, `o:${observed.setup ?? "unknown"}`]),
  };
  keyCache.set(domain, keys);
  return keys;
}

function matches(domain: DomainView, filters: Filters, words: readonly string[]): boolean {
  const keys = keysOf(domain);
  return (
    (filters.status === "" || domain.status === filters.status) &&
    (filters.setup === "" || keys.setups.has(filters.setup)) &&
    (filters.registrar === "" || keys.registrars.has(filters.registrar)) &&
    (filters.dnsHost === "" || keys.hosts.has(filters.dnsHost)) &&
    (filters.rule === "" || domain.rules.includes(filters.rule)) &&
    words.every((word) => keys.search.includes(word))
  );
}

const text = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function compare(key: SortKey, a: DomainView, b: DomainView): number {
  switch (key) {
    case "domain":
      return 0;
    case "status":
      return STATUS_RANK[a.status] - STATUS_RANK[b.status];
    case "intended":
      return text(a.intended.setup, b.intended.setup);
    case "observed":
      return text(a.observed.setup ?? "~", b.observed.setup ?? "~");
    case "registrar":
      return text(a.observed.registrar ?? "~", b.observed.registrar ?? "~");
    case "dnsHost":
      return text(a.observed.dnsHost ?? "~", b.observed.dnsHost ?? "~");
    case "findings": {
      const rank = (d: DomainView) => (d.worst === undefined ? 9 : SEVERITY_RANK[d.worst]);
      return rank(a) - rank(b) || b.rules.length - a.rules.length;
    }
    case "expiry":
      return (
        (a.observed.daysToExpiry ?? Number.POSITIVE_INFINITY) -
          (b.observed.daysToExpiry ?? Number.POSITIVE_INFINITY) || 0
      );
  }
}

/** Indexes into `domains` of the domains the filters let through, in the sort's order. */
export function query(domains: readonly DomainView[], filters: Filters, sort: Sort): number[] {
  const words = filters.text.toLowerCase().split(/\s+/).filter(Boolean);
  const shown: number[] = [];
  for (const [index, domain] of domains.entries()) {
    if (matches(domain, filters, words)) shown.push(index);
  }
  const direction = sort.descending ? -1 : 1;
  return shown.sort((i, j) => {
    const a = domains[i] as DomainView;
    const b = domains[j] as DomainView;
    // Ties fall back to the name, ascending, so the order is stable whatever the direction.
    return (
      direction * compare(sort.key, a, b) ||
      (sort.key === "domain" ? direction : 1) * text(keysOf(a).name, keysOf(b).name)
    );
  });
}
