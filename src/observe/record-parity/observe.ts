// The record-parity observer: which names, asked of which servers, compared how. See
// docs/migrations.md ("Record parity") for what is compared and what cannot be.

import { nameSyntaxError, normalizeName } from "../../names/normalize.js";
import { isAtOrBelow } from "../../names/tree.js";
import type { Deadline } from "../dns/client.js";
import { Semaphore } from "../dns/semaphore.js";
import type { QueryType } from "../dns/wire.js";
import { compareAnswers, mergeByRRset, type QuestionParity } from "./compare.js";
import { ADDRESS_TYPES, commonNames, knownNames, type PlannedName } from "./names.js";
import type { ServerAnswer } from "./server-answer.js";
import { type AskServer, ParitySide, QueryBudget } from "./side.js";
import type { RecordParityObservation, RecordParityRequest, RRsetParity } from "./types.js";

export interface RecordParityDeps {
  /**
   * Sends one non-recursive question to one server address and returns the outcome: pass
   * `walker.askServer` of the run's DelegationWalker (src/observe/dns), so parity queries share the
   * walker's address gate, limits, sockets and counters.
   */
  readonly askServer: AskServer;
  /**
   * Queries one observation may send, both sides, the SOA sweep and retries on another server
   * included; default 14 per name of `maxNames` plus 4 per server. RRsets past it are not compared.
   */
  readonly queryBudget?: number;
  /** Wall-clock limit of one observation in ms; default 60 000. Later questions are not sent. */
  readonly deadlineMs?: number;
  /** Questions in flight at once (each asks both sides); default 8. */
  readonly concurrency?: number;
}

const DEFAULT_DEADLINE_MS = 60_000;
const DEFAULT_CONCURRENCY = 8;
const QUERIES_PER_NAME = 14;
const QUERIES_PER_SERVER = 4;

interface Stage {
  readonly outcomes: readonly QuestionParity[];
  /** The old host's answers, for the names they point at. */
  readonly oldAnswers: readonly ServerAnswer[];
}

class Comparison {
  readonly #old: ParitySide;
  readonly #target: ParitySide;
  readonly #slots: Semaphore;

  constructor(old: ParitySide, target: ParitySide, concurrency: number) {
    this.#old = old;
    this.#target = target;
    this.#slots = new Semaphore(concurrency);
  }

  async #question(name: string, type: QueryType): Promise<[QuestionParity, ServerAnswer]> {
    await this.#slots.acquire();
    try {
      const question = { name, type };
      const [old, target] = await Promise.all([
        this.#old.ask(question),
        this.#target.ask(question),
      ]);
      return [compareAnswers(name, type, old, target), old];
    } finally {
      this.#slots.release();
    }
  }

  /** Asks every type of every name; the outcomes in the order of the names and types. */
  async run(names: readonly PlannedName[]): Promise<Stage> {
    const results = await Promise.all(
      names.flatMap(({ name, types }) => types.map((type) => this.#question(name, type))),
    );
    return {
      outcomes: results.map(([outcome]) => outcome),
      oldAnswers: results.map(([, old]) => old),
    };
  }
}

/** The in-zone names the old host's MX and CNAME RRsets point at (one level, not followed further). */
function pointedAt(zone: string, answers: readonly ServerAnswer[]): string[] {
  const targets: string[] = [];
  for (const answer of answers) {
    if (answer.kind !== "answered" || answer.rrset === undefined) continue;
    const { type, data } = answer.rrset;
    if (type !== "MX" && type !== "CNAME") continue;
    for (const record of data) {
      const target = record.split(" ").at(-1) ?? "";
      if (target !== zone && isAtOrBelow(target, zone)) targets.push(target);
    }
  }
  return targets;
}

/** Fills the names in order up to the bound; the rest are kept as left out, never dropped. */
class NameBound {
  readonly #max: number;
  readonly #seen = new Set<string>();
  #compared = 0;
  readonly leftOut: string[] = [];

  constructor(max: number) {
    this.#max = max;
  }

  get compared(): number {
    return this.#compared;
  }

  /** The candidates not seen before that fit under the bound. */
  take(candidates: readonly PlannedName[]): PlannedName[] {
    const taken: PlannedName[] = [];
    for (const candidate of candidates) {
      if (this.#seen.has(candidate.name)) continue;
      this.#seen.add(candidate.name);
      if (this.#compared < this.#max) {
        this.#compared++;
        taken.push(candidate);
      } else {
        this.leftOut.push(candidate.name);
      }
    }
    return taken;
  }
}

function requestProblem(request: RecordParityRequest, zone: string): string | undefined {
  const syntax = nameSyntaxError(zone);
  if (syntax !== undefined) return `the zone ${zone} cannot be asked: ${syntax}`;
  if (!Number.isInteger(request.maxNames) || request.maxNames < 1) {
    return `the bound on names must be a positive integer, not ${String(request.maxNames)}`;
  }
  return undefined;
}

/**
 * Compares the records the old DNS host and the target host serve for `request.zone`, asking each
 * side's servers directly (non-recursive, authoritative answers only, before the delegation moves)
 * for the names record parity can find without a zone transfer: the apex (MX, TXT, CAA, A, AAAA,
 * HTTPS), the policy's names and DKIM selectors, `_dmarc`, `www`, the names the target zone lists
 * (`targetZoneRecords`), the in-zone names the old host's MX and CNAME records point at, and a few
 * common service names (names.ts), at most `request.maxNames` of them (the rest in `leftOut`).
 * Apex SOA and NS are not compared (each host's own). Every server of both sides is first asked for
 * the apex SOA: a side with no authoritative server makes the whole observation "not-compared";
 * servers that fail or serve another serial are reported in `disagreements`.
 *
 * `deps.askServer` sends the queries: pass `walker.askServer` of the run's DelegationWalker. Never
 * throws for network trouble or bad input; the result is a value.
 */
export async function observeRecordParity(
  request: RecordParityRequest,
  deps: RecordParityDeps,
): Promise<RecordParityObservation> {
  const zone = normalizeName(request.zone);
  const problem = requestProblem(request, zone);
  if (problem !== undefined) return { kind: "not-compared", reason: problem };
  const servers = request.oldServers.length + request.targetServers.length;
  const budget = new QueryBudget(
    deps.queryBudget ?? request.maxNames * QUERIES_PER_NAME + servers * QUERIES_PER_SERVER,
  );
  const deadlineMs = deps.deadlineMs ?? DEFAULT_DEADLINE_MS;
  const deadline: Deadline = {
    at: performance.now() + deadlineMs,
    reason: `record parity's time limit of ${deadlineMs} ms has passed`,
  };
  const context = { ask: deps.askServer, budget, deadline };
  const old = new ParitySide("old", request.oldServers, context);
  const target = new ParitySide("target", request.targetServers, context);
  const [oldSweep, targetSweep] = await Promise.all([old.sweep(zone), target.sweep(zone)]);
  const unusable = old.unusable(oldSweep.states) ?? target.unusable(targetSweep.states);
  if (unusable !== undefined) return { kind: "not-compared", reason: unusable };

  const comparison = new Comparison(old, target, deps.concurrency ?? DEFAULT_CONCURRENCY);
  const bound = new NameBound(request.maxNames);
  const plan = knownNames({ ...request, zone });
  const known = await comparison.run(bound.take(plan.names()));
  const pointed = pointedAt(zone, known.oldAnswers).map((name) => ({ name, types: ADDRESS_TYPES }));
  const derived = await comparison.run(bound.take(pointed));
  const common = await comparison.run(bound.take(commonNames(zone)));

  const outcomes = mergeByRRset([...known.outcomes, ...derived.outcomes, ...common.outcomes]);
  const differences: RRsetParity[] = [
    ...outcomes.flatMap((o) => (o.kind === "equal" ? [] : [o])),
    ...plan.unaskable.map(
      (u): RRsetParity => ({ kind: "not-compared", name: u.name, type: u.type, reason: u.reason }),
    ),
  ];
  const disagreements = [oldSweep.disagreement, targetSweep.disagreement].filter(
    (d) => d !== undefined,
  );
  return {
    kind: "compared",
    oldServers: request.oldServers,
    targetServers: request.targetServers,
    namesCompared: bound.compared,
    rrsetsCompared: outcomes.filter((o) => o.kind !== "unanswered" && o.kind !== "not-asked")
      .length,
    differences,
    ...(bound.leftOut.length > 0
      ? {
          leftOut: {
            names: bound.leftOut,
            reason: `more than ${request.maxNames} names found: the bound on names compared per domain`,
          },
        }
      : {}),
    ...(disagreements.length > 0 ? { disagreements } : {}),
    ...(request.serversNotAsked?.length ? { serversNotAsked: request.serversNotAsked } : {}),
  };
}
