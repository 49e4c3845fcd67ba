// A declared migration's phase and checks, judged from this run's observations (docs/migrations.md):
// each move (DNS host, registrar) on its own, the migration as far as its least advanced move.
// Pure: the same intent, observations and clock give the same phase.

import type { ProviderCatalog } from "../../catalog/types.js";
import type { DomainObservations } from "../../observe/observations.js";
import type { DomainIntent } from "../../policy/types.js";
import type { MigrationMove, MigrationPhase, MigrationReport } from "../../report/model/model.js";
import type { DomainFacts } from "../rules/facts.js";
import { earliest } from "./checks.js";
import { type DnsHostMoveResult, judgeDnsHostMove } from "./dns-host-move.js";
import { judgeRegistrarMove } from "./registrar-move.js";

const NEXT: Readonly<Record<MigrationPhase, string>> = {
  preparing: "Prepare the target: the failed and unchecked checks say what is missing.",
  ready: "Ready to switch: lower the TTLs, then point the delegation at the target.",
  switching:
    "The switch is under way: wait for the registrar and every parent server, or fix what failed.",
  switched:
    "Switched: keep the old host serving until resolvers have let go of the old delegation.",
  complete:
    "Complete: the old zone can be deleted, and the `migration` block removed from the policy.",
};

export interface MigrationInputs {
  readonly intent: DomainIntent;
  readonly observations: DomainObservations;
  readonly catalog: ProviderCatalog;
  /** Derived from the declared intent: the target zone, the registry's registrar. */
  readonly declared: DomainFacts;
  /** Derived from the intent the rules judge by: the live delegation's servers. */
  readonly judged: DomainFacts;
  readonly now: Date;
}

/** The migration's report; undefined for a domain that declares none. */
export function judgeMigration(inputs: MigrationInputs): MigrationReport | undefined {
  const { intent, observations, catalog, declared, judged, now } = inputs;
  const migration = intent.migration;
  if (migration === undefined) return undefined;
  const moves: MigrationMove[] = [];
  let dns: DnsHostMoveResult | undefined;
  if (migration.dnsHost !== undefined) {
    dns = judgeDnsHostMove(migration.dnsHost, observations, catalog, declared, judged, now);
    moves.push(dns.move);
  }
  if (migration.registrar !== undefined) {
    const accepted = migration.dnsHost
      ? [migration.dnsHost.from, migration.dnsHost.to]
      : [intent.dnsHost];
    moves.push(judgeRegistrarMove(migration.registrar, observations, declared, accepted));
  }
  const phase = earliest(moves.map((move) => move.phase));
  return {
    phase,
    moves,
    ...(dns?.targetNameservers ? { targetNameservers: dns.targetNameservers } : {}),
    ...(dns?.delegationTtl === undefined ? {} : { delegationTtl: dns.delegationTtl }),
    ...(dns?.keepOldHostUntil === undefined ? {} : { keepOldHostUntil: dns.keepOldHostUntil }),
    next: NEXT[phase],
  };
}
