// The migration of one domain as the HTML report shows it, from the report's `migration`: the
// phase, each move's checks with their verdicts and reasons, how long the old host must keep
// serving, and what comes next. Nothing is judged here; the words are the other renderers'.
import type { DomainReport } from "../../model/model.js";
import type { MigrationView } from "./page-data.js";

const ROLE_LABELS = { dnsHost: "DNS host", registrar: "Registrar" } as const;

/** The domain's migration (strings already made safe to display), or undefined without one. */
export function migrationOf(domain: DomainReport): MigrationView | undefined {
  const migration = domain.migration;
  if (migration === undefined) return undefined;
  return {
    phase: migration.phase,
    moves: migration.moves.map((move) => ({
      move: `${ROLE_LABELS[move.role]} ${move.from} → ${move.to}`,
      phase: move.phase,
      checks: move.checks.map((check) => ({ ...check })),
      operation:
        move.operation === undefined
          ? undefined
          : [
              `${move.operation.type} ${move.operation.id}: ${move.operation.status}`,
              move.operation.statusFlag,
              move.operation.message,
            ]
              .filter((part) => part !== undefined)
              .join(", "),
    })),
    keepOldHostUntil: migration.keepOldHostUntil,
    next: migration.next,
  };
}
