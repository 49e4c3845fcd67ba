// Comparing one question's answers from the two hosts, and merging the answers of the questions
// that reach the same RRset. Pure. Only what the old host serves matters: a record only the target
// serves is added by the switch, never broken by it, so it is not a difference.

import type { ServerAnswer, TypedRRset } from "./server-answer.js";
import type { RRsetParity, ServedRRset } from "./types.js";

/** One side's answer to a question: a server's, or why none of the side's servers answered. */
export type SideAnswer = ServerAnswer;

/** A question's outcome: equal, or a difference; keyed by the RRset it is about. */
export type QuestionParity =
  | { readonly kind: "equal"; readonly name: string; readonly type: string }
  | RRsetParity;

const sameData = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((value, i) => value === b[i]);

const served = (rrset: TypedRRset, compared: string): ServedRRset =>
  rrset.type === compared
    ? { ttl: rrset.ttl, data: rrset.data }
    : { ttl: rrset.ttl, data: rrset.data, type: rrset.type };

/** A side without an answer: it failed, or was never asked. */
const unanswered = (answer: Exclude<SideAnswer, { kind: "answered" }>) =>
  answer.kind === "not-asked" ? "not-asked" : "not-compared";

/** What `name`/`asked` looks like on both sides. */
export function compareAnswers(
  name: string,
  asked: string,
  old: SideAnswer,
  target: SideAnswer,
): QuestionParity {
  if (old.kind !== "answered") {
    return { kind: unanswered(old), name, type: asked, reason: `old host: ${old.reason}` };
  }
  if (old.rrset === undefined) {
    // Nothing to keep: NXDOMAIN/NODATA on both sides, or something only the target serves.
    return { kind: "equal", name, type: asked };
  }
  const type = old.rrset.type;
  if (target.kind !== "answered") {
    return { kind: unanswered(target), name, type, reason: `target host: ${target.reason}` };
  }
  const oldSet = served(old.rrset, type);
  if (target.rrset === undefined) return { kind: "missing", name, type, old: oldSet };
  if (target.rrset.type !== type || !sameData(old.rrset.data, target.rrset.data)) {
    return { kind: "differs", name, type, old: oldSet, target: served(target.rrset, type) };
  }
  if (old.rrset.ttl !== target.rrset.ttl) {
    return { kind: "ttl-differs", name, type, oldTtl: old.rrset.ttl, targetTtl: target.rrset.ttl };
  }
  return { kind: "equal", name, type };
}

/**
 * How much an outcome says, for merging questions that reach the same RRset (a CNAME answers the
 * A, AAAA, MX and TXT questions alike): an answer beats "could not ask", and a target that answers
 * something at the name (a Route 53 alias where the old host has a CNAME) is "differs", not
 * "missing". So "missing" stands only when every question was asked: a question the target was
 * never sent (the A question that would have shown the alias) leaves the RRset not asked, never
 * missing on the word of the questions that were.
 */
const WEIGHT: Readonly<Record<QuestionParity["kind"], number>> = {
  "not-compared": 0,
  missing: 1,
  "not-asked": 2,
  differs: 3,
  "ttl-differs": 4,
  equal: 5,
};

/** One outcome per RRset (name and type), in first-seen order. */
export function mergeByRRset(outcomes: readonly QuestionParity[]): QuestionParity[] {
  const byKey = new Map<string, QuestionParity>();
  for (const outcome of outcomes) {
    const key = `${outcome.name} ${outcome.type}`;
    const known = byKey.get(key);
    if (known === undefined || WEIGHT[outcome.kind] > WEIGHT[known.kind]) byKey.set(key, outcome);
  }
  return [...byKey.values()];
}
