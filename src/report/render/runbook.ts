// The runbook of one migrating domain (`domain-drift migrate`): each step of its moves with its
// state (done, next, blocked and why) and, for the next steps, the exact command. Built from the
// domain's report alone, the same observations and verdicts `check` reports: nothing is judged
// again here.

import type {
  DomainReport,
  MigrationCheck,
  MigrationMove,
  MigrationPhase,
} from "../model/model.js";
import { MIGRATION_PHASES } from "../model/model.js";

export type StepState = "done" | "next" | "blocked";

export interface RunbookStep {
  /** Stable, kebab-case. */
  readonly id: string;
  readonly title: string;
  readonly state: StepState;
  /** What was observed, or why the step is blocked. */
  readonly detail: string;
  /** The exact command or change for a next step; absent when there is none to give. */
  readonly command?: string;
}

export interface Runbook {
  readonly domain: string;
  readonly status: DomainReport["status"];
  readonly phase: MigrationPhase;
  readonly steps: readonly RunbookStep[];
  readonly next: string;
}

const reached = (phase: MigrationPhase, at: MigrationPhase): boolean =>
  MIGRATION_PHASES.indexOf(phase) >= MIGRATION_PHASES.indexOf(at);

const checkOf = (move: MigrationMove, name: string): MigrationCheck | undefined =>
  move.checks.find((c) => c.name === name);

/** `done` for a passed check, else `next` with the command (or blocked when it could not be judged). */
function fromCheck(
  id: string,
  title: string,
  check: MigrationCheck | undefined,
  command: string | undefined,
  doneOnceAt: { phase: MigrationPhase; reached: MigrationPhase } | undefined,
): RunbookStep {
  if (doneOnceAt !== undefined && reached(doneOnceAt.phase, doneOnceAt.reached))
    return {
      id,
      title,
      state: "done",
      detail: check?.detail ?? `the migration is ${doneOnceAt.phase}`,
    };
  if (check === undefined) return { id, title, state: "blocked", detail: "not judged in this run" };
  if (check.status === "pass" || check.status === "not-applicable")
    return { id, title, state: "done", detail: check.detail };
  if (check.status === "not-checked") return { id, title, state: "blocked", detail: check.detail };
  return { id, title, state: "next", detail: check.detail, ...(command ? { command } : {}) };
}

function remediationOf(domain: DomainReport, rule: string): string | undefined {
  const found = domain.findings.filter((f) => f.rule === rule && f.suppressed === undefined);
  return found.length === 0 ? undefined : found.map((f) => f.remediation).join("\n");
}

function setNameserversCommand(domain: DomainReport, nameservers: readonly string[]): string {
  if (domain.intended.registrar === "route53") {
    const names = nameservers.map((name) => `Name=${name}`).join(" ");
    return `aws route53domains update-domain-nameservers --region us-east-1 --domain-name ${domain.domain} --nameservers ${names}`;
  }
  return `At ${domain.intended.registrar}, set the name servers of ${domain.domain} to: ${nameservers.join(", ")}`;
}

function dnsHostSteps(domain: DomainReport, move: MigrationMove): RunbookStep[] {
  const migration = domain.migration;
  const phase = move.phase;
  const target = migration?.targetNameservers;
  const ttl = migration?.delegationTtl;
  const zoneCheck = checkOf(move, "target-zone");
  const zoneMissing = zoneCheck !== undefined && zoneCheck.status !== "pass";
  const switched = { phase, reached: "switched" as const };
  const createZone =
    move.to === "route53"
      ? `aws route53 create-hosted-zone --name ${domain.domain} --caller-reference domain-drift-$(date +%s); then pin its id as \`hostedZoneId\` in the policy`
      : `Add ${domain.domain} as a zone at ${move.to}, then name its servers as \`nameservers\` in the policy`;
  const recordsCommand = [
    remediationOf(domain, "migration-records-missing"),
    remediationOf(domain, "migration-records-differ"),
  ]
    .filter((text) => text !== undefined)
    .join("\n");
  const blockedByZone = (step: RunbookStep): RunbookStep =>
    zoneMissing && step.state !== "done"
      ? { ...step, state: "blocked", detail: `needs the target zone first (${step.detail})` }
      : step;
  const beforeSwitch = !reached(phase, "switching");
  const steps: RunbookStep[] = [
    fromCheck(
      "create-target-zone",
      `Create the zone at ${move.to}`,
      zoneCheck,
      createZone,
      switched,
    ),
    blockedByZone(
      fromCheck(
        "copy-records",
        `Copy every record from ${move.from} to ${move.to}`,
        checkOf(move, "record-parity"),
        recordsCommand || undefined,
        switched,
      ),
    ),
    blockedByZone(
      fromCheck(
        "target-serves",
        `Check that every ${move.to} server answers for the zone`,
        checkOf(move, "target-servers"),
        undefined,
        switched,
      ),
    ),
    blockedByZone(
      fromCheck(
        "dnssec",
        "Make DNSSEC survive the switch",
        checkOf(move, "dnssec"),
        remediationOf(domain, "migration-dnssec-break"),
        switched,
      ),
    ),
    {
      id: "lower-ttls",
      title: "Lower the TTLs before the switch",
      state: beforeSwitch ? "next" : "done",
      detail: `the delegation's NS TTL at the parent is ${ttl === undefined ? "unknown" : `${ttl} s`} (set by the registry; resolvers may keep the old delegation that long after the switch)`,
      ...(beforeSwitch
        ? {
            command: `At ${move.from}, lower the TTL of the zone's records (and its apex NS) to 300 s at least one current TTL before switching`,
          }
        : {}),
    },
    switchStep(domain, move, target),
    oldHostStep(domain, move),
    {
      id: "retire-old-zone",
      title: `Delete the zone at ${move.from} and drop the migration from the policy`,
      state: phase === "complete" ? "next" : "blocked",
      detail:
        phase === "complete"
          ? "every parent server delegates to the target, and the old delegation has expired"
          : "only once the migration is complete",
      ...(phase === "complete"
        ? {
            command: `Delete ${domain.domain} at ${move.from}; remove the \`migration:\` block of ${domain.domain} from ${domain.policy.file}`,
          }
        : {}),
    },
  ];
  return steps;
}

function switchStep(
  domain: DomainReport,
  move: MigrationMove,
  target: readonly string[] | undefined,
): RunbookStep {
  const base = { id: "switch-delegation", title: `Point the delegation at ${move.to}` };
  const delegation = checkOf(move, "delegation")?.detail ?? "";
  if (reached(move.phase, "switched")) return { ...base, state: "done", detail: delegation };
  const operation = move.operation;
  const command = target === undefined ? undefined : setNameserversCommand(domain, target);
  if (move.phase === "switching") {
    const failed =
      operation !== undefined && (operation.status === "ERROR" || operation.status === "FAILED");
    const op =
      operation === undefined
        ? ""
        : `; ${operation.type} ${operation.id} is ${operation.status}${operation.message ? `: ${operation.message}` : ""}`;
    return failed || command === undefined
      ? { ...base, state: "next", detail: `${delegation}${op}`, ...(command ? { command } : {}) }
      : {
          ...base,
          state: "next",
          detail: `${delegation}${op}; wait for every parent server`,
          command: `aws route53domains list-operations --region us-east-1 --type UPDATE_NAMESERVER (wait); if it stays split for a day: ${command}`,
        };
  }
  if (move.phase === "ready" && command !== undefined)
    return { ...base, state: "next", detail: delegation, command };
  return {
    ...base,
    state: "blocked",
    detail:
      target === undefined
        ? "the target's name servers are not known yet"
        : "the steps above must be done first",
  };
}

function oldHostStep(domain: DomainReport, move: MigrationMove): RunbookStep {
  const base = { id: "keep-old-zone", title: `Keep the zone at ${move.from} serving` };
  const until = domain.migration?.keepOldHostUntil;
  const check = checkOf(move, "old-host-ttl");
  if (move.phase === "complete") return { ...base, state: "done", detail: check?.detail ?? "" };
  if (move.phase === "switched")
    return {
      ...base,
      state: "next",
      detail: check?.detail ?? "",
      command: until
        ? `Keep the zone at ${move.from} until ${until} (old NS TTL)`
        : `Keep the zone at ${move.from} for at least ${domain.migration?.delegationTtl ?? "the delegation's TTL in"} s after the switch`,
    };
  return { ...base, state: "blocked", detail: "only after the switch" };
}

function registrarSteps(domain: DomainReport, move: MigrationMove): RunbookStep[] {
  const phase = move.phase;
  const transferred = { phase, reached: "switched" as const };
  const current = domain.observed.nameservers.parent ?? [];
  const keep = current.map((ns) => `Name=${ns}`).join(" ");
  const transferCommand =
    move.to === "route53"
      ? `aws route53domains transfer-domain --region us-east-1 --domain-name ${domain.domain} --auth-code <auth code> --duration-in-years 1 --nameservers ${keep || "<current name servers>"} --admin-contact file://contact.json --registrant-contact file://contact.json --tech-contact file://contact.json`
      : `Start the transfer of ${domain.domain} at ${move.to} with the auth code, keeping the name servers ${current.join(", ")}`;
  const operation = move.operation;
  const transferCheck = checkOf(move, "transfer-operation");
  const transferStep: RunbookStep = reached(phase, "switched")
    ? {
        id: "transfer",
        title: `Transfer to ${move.to}`,
        state: "done",
        detail: transferCheck?.detail ?? "the registry names the new registrar",
      }
    : phase === "switching"
      ? {
          id: "transfer",
          title: `Transfer to ${move.to}`,
          state: "next",
          detail: transferCheck?.detail ?? "",
          command:
            operation && (operation.status === "ERROR" || operation.status === "FAILED")
              ? `aws route53domains get-operation-detail --region us-east-1 --operation-id ${operation.id}; fix the cause, then: ${transferCommand}`
              : `Approve the transfer at ${move.from} if it asks, then wait: aws route53domains get-operation-detail --region us-east-1 --operation-id ${operation?.id ?? "<id>"}`,
        }
      : phase === "ready"
        ? {
            id: "transfer",
            title: `Transfer to ${move.to}`,
            state: "next",
            detail: "unlocked at the old registrar",
            command: transferCommand,
          }
        : {
            id: "transfer",
            title: `Transfer to ${move.to}`,
            state: "blocked",
            detail: "unlock the domain first",
          };
  const steps: RunbookStep[] = [
    fromCheck(
      "unlock",
      `Unlock the domain at ${move.from}`,
      checkOf(move, "transfer-lock"),
      `At ${move.from}, turn the transfer lock off for ${domain.domain}`,
      transferred,
    ),
    {
      id: "auth-code",
      title: `Get the auth code from ${move.from}`,
      state: reached(phase, "switching") ? "done" : "next",
      detail: "not observable: only the registrars see it",
      ...(reached(phase, "switching")
        ? {}
        : { command: `At ${move.from}, request the auth (EPP) code of ${domain.domain}` }),
    },
    transferStep,
    fromCheck(
      "confirm-transfer",
      `Confirm the domain at ${move.to} with its name servers kept`,
      move.checks.find(
        (c) =>
          (c.name === "in-account" || c.name === "nameservers-kept") &&
          c.status !== "pass" &&
          c.status !== "not-applicable",
      ) ?? checkOf(move, "nameservers-kept"),
      undefined,
      phase === "complete" ? { phase, reached: "complete" } : undefined,
    ),
  ];
  return steps.map(
    (step): RunbookStep =>
      step.id === "confirm-transfer" && !reached(phase, "switched")
        ? { id: step.id, title: step.title, state: "blocked", detail: "only after the transfer" }
        : step,
  );
}

/** The runbook of a domain that declares a migration; undefined for one that declares none. */
export function buildRunbook(domain: DomainReport): Runbook | undefined {
  const migration = domain.migration;
  if (migration === undefined) return undefined;
  const steps = migration.moves.flatMap((move) =>
    (move.role === "dnsHost" ? dnsHostSteps(domain, move) : registrarSteps(domain, move)).map(
      (step) => ({ ...step, id: `${move.role === "dnsHost" ? "dns" : "registrar"}:${step.id}` }),
    ),
  );
  return {
    domain: domain.domain,
    status: domain.status,
    phase: migration.phase,
    steps,
    next: migration.next,
  };
}

const MARK: Readonly<Record<StepState, string>> = {
  done: "✓ done   ",
  next: "→ next   ",
  blocked: "· blocked",
};

export function renderRunbookText(runbook: Runbook): string {
  const lines = [`${runbook.domain}: migration ${runbook.phase} (status ${runbook.status})`, ""];
  for (const step of runbook.steps) {
    lines.push(`${MARK[step.state]}  ${step.title}`);
    if (step.detail !== "") lines.push(`           ${step.detail}`);
    if (step.command !== undefined)
      for (const line of step.command.split("\n")) lines.push(`           $ ${line}`);
  }
  lines.push("", runbook.next);
  return `${lines.join("\n")}\n`;
}
