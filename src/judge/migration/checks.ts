// Small helpers the moves' phase judgements share.
import type { RegistrarOperation } from "../../observe/providers/types.js";
import type {
  CheckStatus,
  MigrationCheck,
  MigrationOperation,
  MigrationPhase,
} from "../../report/model/model.js";
import { MIGRATION_PHASES } from "../../report/model/model.js";

export const check = (name: string, status: CheckStatus, detail: string): MigrationCheck => ({
  name,
  status,
  detail,
});

export const allPass = (checks: readonly MigrationCheck[]): boolean =>
  checks.every((c) => c.status === "pass" || c.status === "not-applicable");

/** The less advanced of two phases. */
export function earliest(phases: readonly MigrationPhase[]): MigrationPhase {
  let index = MIGRATION_PHASES.length - 1;
  for (const phase of phases) index = Math.min(index, MIGRATION_PHASES.indexOf(phase));
  return MIGRATION_PHASES[index] as MigrationPhase;
}

export function reportOperation(op: RegistrarOperation): MigrationOperation {
  return {
    id: op.id,
    type: op.type,
    status: op.status,
    submittedAt: op.submittedAt,
    lastUpdatedAt: op.lastUpdatedAt,
    message: op.message,
    statusFlag: op.statusFlag,
  };
}

/** `IN_PROGRESS since 2026-12-04T18:00:00.000Z: <message>`. */
export function describeOperation(op: RegistrarOperation): string {
  const since = op.submittedAt === undefined ? "" : ` (submitted ${op.submittedAt})`;
  const flag = op.statusFlag === undefined ? "" : `, ${op.statusFlag}`;
  const message = op.message === undefined ? "" : `: ${op.message}`;
  return `${op.type} ${op.id} is ${op.status}${flag}${since}${message}`;
}
