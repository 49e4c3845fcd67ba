// Words and orders the page uses for the report's fixed values, and number and date formats.
import type { CheckStatus, Severity, Status, TimelineState } from "../page-data.js";

export const STATUSES: readonly Status[] = ["drift", "unknown", "compliant"];
export const SEVERITIES: readonly Severity[] = ["critical", "high", "medium", "low", "info"];
export const SETUPS = ["traditional", "registrar-only", "dns-host-only", "external"] as const;

export const STATUS_LABEL: Readonly<Record<Status, string>> = {
  drift: "✗ drift",
  unknown: "? unknown",
  compliant: "✓ compliant",
};

export const CHECK_LABEL: Readonly<Record<CheckStatus, string>> = {
  pass: "✓ pass",
  fail: "✗ fail",
  "not-applicable": "– not applicable",
  "not-checked": "? not checked",
};

export const STATE_LABEL: Readonly<Record<TimelineState, string>> = {
  open: "open",
  waived: "open, waived",
  absent: "not found",
  "not-checked": "not checked",
  "not-scanned": "not in that scan",
};

/** Ranks for sorting: problems and serious things first. */
export const STATUS_RANK: Readonly<Record<Status, number>> = { drift: 0, unknown: 1, compliant: 2 };
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = {
  critical: 0,
  high: 1,
  medium: 2,
  low: 3,
  info: 4,
};

/** A known value, else the fallback: class names and lookups never take a string from the data. */
export function known<T extends string>(values: readonly T[], value: string, fallback: T): T {
  return (values as readonly string[]).includes(value) ? (value as T) : fallback;
}

const integer = new Intl.NumberFormat("en");

export function count(n: number): string {
  return integer.format(n);
}

/** `2026-11-26 12:00 UTC` for an ISO timestamp; the text itself when it does not parse. */
export function when(iso: string): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return iso;
  return `${new Date(at).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** `2026-11-26` for an ISO timestamp or date. */
export function day(iso: string): string {
  const at = Date.parse(iso);
  return Number.isNaN(at) ? iso : new Date(at).toISOString().slice(0, 10);
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}
