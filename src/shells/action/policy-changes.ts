// Which domains a pull request changes, from the parsed policies of its base and head commits (not
// from text lines: moving, reformatting or commenting an entry changes nothing). A domain changes
// when its intent does, or when something its check depends on does: the catalog entry of its
// registrar or DNS host, the configuration of its AWS account, its waivers.
import { isDeepStrictEqual } from "node:util";
import type { DomainIntent, PolicySet } from "../../policy/types.js";

export type ChangeReason =
  | { readonly kind: "added" }
  /** The intent's fields that differ (`registrar`, `dnsHost`, `nameservers`, ...). */
  | { readonly kind: "intent"; readonly fields: readonly string[] }
  | { readonly kind: "provider"; readonly provider: string }
  | { readonly kind: "account"; readonly account: string }
  | { readonly kind: "waivers" };

export interface PolicyChanges {
  /** Head domains (A-labels) to check, in policy order, each with why. */
  readonly changed: ReadonlyMap<string, readonly ChangeReason[]>;
  /** Base domains the head no longer declares. */
  readonly removed: readonly string[];
}

/** Where an entry is written is not what it means. */
function withoutPosition<T extends { readonly position: unknown }>(value: T): Omit<T, "position"> {
  const { position: _, ...rest } = value;
  return rest;
}

function changedFields(base: DomainIntent, head: DomainIntent): string[] {
  const before = withoutPosition(base) as Record<string, unknown>;
  const after = withoutPosition(head) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(after), ...Object.keys(before)])];
  return keys.filter((key) => !isDeepStrictEqual(before[key], after[key]));
}

function waiversOf(policySet: PolicySet, domain: string): unknown[] {
  return policySet.waivers
    .filter((waiver) => waiver.domain === domain)
    .map(withoutPosition)
    .sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}

function reasonsFor(
  head: DomainIntent,
  base: DomainIntent,
  sets: { base: PolicySet; head: PolicySet },
): ChangeReason[] {
  const reasons: ChangeReason[] = [];
  const fields = changedFields(base, head);
  if (fields.length > 0) reasons.push({ kind: "intent", fields });
  for (const provider of new Set([head.registrar, head.dnsHost])) {
    if (!isDeepStrictEqual(sets.base.catalog.get(provider), sets.head.catalog.get(provider))) {
      reasons.push({ kind: "provider", provider });
    }
  }
  for (const account of Object.values(head.accounts)) {
    const before = sets.base.accounts.get(account);
    const after = sets.head.accounts.get(account);
    const same =
      before !== undefined &&
      after !== undefined &&
      isDeepStrictEqual(withoutPosition(before), withoutPosition(after));
    if (!same) reasons.push({ kind: "account", account });
  }
  if (!isDeepStrictEqual(waiversOf(sets.base, head.name), waiversOf(sets.head, head.name))) {
    reasons.push({ kind: "waivers" });
  }
  return reasons;
}

export function diffPolicySets(base: PolicySet, head: PolicySet): PolicyChanges {
  const before = new Map(base.domains.map((domain) => [domain.name, domain]));
  const after = new Set(head.domains.map((domain) => domain.name));
  const changed = new Map<string, readonly ChangeReason[]>();
  for (const domain of head.domains) {
    const previous = before.get(domain.name);
    const reasons =
      previous === undefined
        ? [{ kind: "added" } as const]
        : reasonsFor(domain, previous, { base, head });
    if (reasons.length > 0) changed.set(domain.name, reasons);
  }
  const removed = base.domains.map((domain) => domain.name).filter((name) => !after.has(name));
  return { changed, removed };
}

/** A reason in words, for the job summary (plain text: the caller escapes it). */
export function describeChange(reason: ChangeReason): string {
  switch (reason.kind) {
    case "added":
      return "added";
    case "intent":
      return `changed: ${reason.fields.join(", ")}`;
    case "provider":
      return `provider ${reason.provider} changed`;
    case "account":
      return `account ${reason.account} changed`;
    case "waivers":
      return "its waivers changed";
  }
}
