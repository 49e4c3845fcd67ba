// Short human descriptions shared by the renderers that write for people (text and Markdown),
// so both say the same thing the same way.
import type { DomainReport, FindingValue } from "../model/model.js";

export function describeValue(value: FindingValue): string {
  if (value === null) return "none";
  if (Array.isArray(value)) return value.length === 0 ? "(none)" : value.join(", ");
  return String(value);
}

export function describeIntended(domain: DomainReport): string {
  const { architecture, registrar, dnsHost } = domain.intended;
  return `${architecture} (registrar ${registrar}, DNS ${dnsHost})`;
}

export function describeObserved(domain: DomainReport): string {
  const { architecture, registrar, dnsHost, delegation } = domain.observed;
  const registrarText = registrar
    ? registrar.ids.length > 0
      ? registrar.ids.join("/")
      : (registrar.name ?? "unknown")
    : "unknown";
  const hostText = delegation === "not-delegated" ? "not delegated" : (dnsHost ?? "unknown");
  return `${architecture ?? "unknown"} (registrar ${registrarText}, DNS ${hostText})`;
}

const STATUS_ORDER = { drift: 0, unknown: 1, compliant: 2 } as const;

/** Problems first, then by name: the order people read reports in, and stable across runs. */
export function byStatusThenName(a: DomainReport, b: DomainReport): number {
  return (
    STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
    (a.domain < b.domain ? -1 : a.domain > b.domain ? 1 : 0)
  );
}
