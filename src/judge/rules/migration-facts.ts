// What a declared migration's rules and its phase share, derived once from the observations: which
// side each parent server delegates to, the registrar operation the switch waits on, whether the
// target's servers serve the zone, and the side the domain is judged on by the other rules. Pure.

import type { ProviderCatalog } from "../../catalog/types.js";
import type { ServerRef } from "../../observe/dns/types.js";
import type { DomainObservations } from "../../observe/observations.js";
import type { RegistrarOperation } from "../../observe/providers/types.js";
import type { DomainIntent, MigrationIntent, ProviderMove } from "../../policy/types.js";
import type { Known } from "./facts.js";

/** Which side of a move a delegation (one NS set) points at. */
export type Side = "old" | "target" | "split" | "other";

export interface ParentView {
  readonly server: ServerRef;
  /** The NS set this parent server hands out; undefined when it gave no delegation. */
  readonly ns: readonly string[] | undefined;
  readonly side: Side | "no-answer";
}

/** How the parent zone's servers delegate the domain, side by side. */
export type DelegationSides =
  | {
      readonly kind: "known";
      readonly parents: readonly ParentView[];
      /** `split` when the servers disagree or one NS set spans both hosts. */
      readonly side: Side;
      /** Seconds resolvers keep the delegation (the parent's NS TTL), when seen. */
      readonly nsTtl: number | undefined;
    }
  | { readonly kind: "unknown"; readonly reason: string };

/** Statuses of a registrar operation that are still under way. */
const PENDING = new Set(["SUBMITTED", "IN_PROGRESS"]);
/** Statuses of a registrar operation that ended without doing what it was asked. */
const FAILED = new Set(["ERROR", "FAILED"]);

export const operationPending = (op: RegistrarOperation): boolean => PENDING.has(op.status);
export const operationFailed = (op: RegistrarOperation): boolean => FAILED.has(op.status);

/** The side an NS set points at, by the catalog's name-server patterns. */
export function sideOf(catalog: ProviderCatalog, move: ProviderMove, ns: readonly string[]): Side {
  const host = catalog.identifyDnsHost(ns);
  if (host.kind === "provider") {
    if (host.id === move.from) return "old";
    if (host.id === move.to) return "target";
    return "other";
  }
  if (host.kind === "mixed") {
    const ids = new Set(host.parts.map((part) => part.id));
    if (ids.has(move.from) && ids.has(move.to)) return "split";
  }
  return "other";
}

export function delegationSides(
  catalog: ProviderCatalog,
  move: ProviderMove,
  observations: DomainObservations,
): DelegationSides {
  const { delegation } = observations;
  if (delegation.kind === "failed")
    return { kind: "unknown", reason: `delegation: ${delegation.reason}` };
  if (delegation.kind === "not-delegated")
    return { kind: "unknown", reason: `the ${delegation.parentZone} servers do not delegate it` };
  const parents: ParentView[] = delegation.parent.answers.map(({ server, answer }) =>
    answer.kind === "delegation"
      ? { server, ns: answer.ns, side: sideOf(catalog, move, answer.ns) }
      : { server, ns: undefined, side: "no-answer" },
  );
  const sides = new Set(parents.flatMap((p) => (p.side === "no-answer" ? [] : [p.side])));
  const respondent = sideOf(catalog, move, delegation.parent.ns);
  const side: Side =
    sides.size === 0
      ? respondent
      : sides.size === 1
        ? ([...sides][0] as Side)
        : sides.has("old") && sides.has("target")
          ? "split"
          : sides.has("split")
            ? "split"
            : "other";
  return { kind: "known", parents, side, nsTtl: delegation.parent.nsTtl };
}

/** The newest operation of `type` in the registrar account, or why none can be known. */
export function latestOperation(
  observations: DomainObservations,
  type: string,
): Known<RegistrarOperation | undefined> {
  const operations = observations.migration?.operations;
  if (operations === undefined || operations.kind === "skipped")
    return { kind: "unknown", reason: operations?.reason ?? "operations were not asked" };
  if (operations.kind === "unavailable") return { kind: "unknown", reason: operations.reason };
  const newest = operations.operations
    .filter((op) => op.type === type)
    .sort((a, b) => ((a.submittedAt ?? "") < (b.submittedAt ?? "") ? 1 : -1))[0];
  return { kind: "known", value: newest };
}

/** What the domain's other rules judge: an intent and the observations that concern it. */
export interface JudgedView {
  readonly intent: DomainIntent;
  readonly observations: DomainObservations;
}

const ON_OLD_HOST =
  "the delegation still points at the old DNS host: the target zone is judged by the migration";

/**
 * The intent the domain's other rules judge it by: while a migration is declared, the side the
 * delegation (and the registry's registrar) shows, when it is one of the two; otherwise the
 * declared intent, the target, so that a third host or registrar is drift as ever. This is the one
 * place where "either side is not drift" is decided.
 */
export function judgedView(
  intent: DomainIntent,
  observations: DomainObservations,
  catalog: ProviderCatalog,
  observedRegistrarIds: readonly string[] | undefined,
): JudgedView {
  const migration = intent.migration;
  if (migration === undefined) return { intent, observations };
  let judged = intent;
  let observed = observations;
  const { delegation } = observations;
  if (migration.dnsHost !== undefined && delegation.kind === "delegated") {
    if (sideOf(catalog, migration.dnsHost, delegation.parent.ns) === "old") {
      // On the old host: any set of it is accepted, and the target zone's API data (its signing,
      // its apex) says nothing of what is served today.
      judged = { ...judged, dnsHost: migration.dnsHost.from, nameservers: undefined };
      observed = {
        ...observed,
        hostedZoneDnssec: { kind: "skipped", reason: ON_OLD_HOST },
        apexNameservers: { kind: "skipped", reason: ON_OLD_HOST },
      };
    }
  }
  if (
    migration.registrar !== undefined &&
    observedRegistrarIds?.includes(migration.registrar.from) === true &&
    !observedRegistrarIds.includes(migration.registrar.to)
  ) {
    // Still at the old registrar: a transfer needs the lock off, so the lock is the migration's
    // check (a prerequisite), not a hygiene failure.
    judged = {
      ...judged,
      registrar: migration.registrar.from,
      hygiene: { ...judged.hygiene, transferLock: "ignore" },
    };
  }
  return { intent: judged, observations: observed };
}

/** The move of a role, when the migration has one. */
export function moveOf(
  migration: MigrationIntent | undefined,
  role: "dnsHost" | "registrar",
): ProviderMove | undefined {
  return migration?.[role];
}
