// Comparing one question's answers from the two hosts, and merging the answers of the questions
// that reach the same RRset. Pure. Only what the old host serves matters: a record only the target
// serves is added by the switch, never broken by it, so it is not a difference.

import type { ServerAnswer, TypedRRset } from "./server-answer.js";
import type { RRsetParity, ServedRRset } from "./types.js";

/** One side's answer to a question: a server's, or why none of the side's servers answered. */
export type SideAnswer = ServerAnswer;

/**
 * A question's outcome: equal, or a difference; keyed by the RRset it is about. Never
 * "not-compared": that is for what record parity does not ask by design.
 */
export type QuestionParity =
  | { readonly kind: "equal"; readonly name: string; readonly type: string }
  | Exclude<RRsetParity, { kind: "not-compared" }>;

const sameData = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((value, i) => value === b[i]);

const served = (rrset: TypedRRset, compared: string): ServedRRset =>
  rrset.type === compared
    ? { ttl: rrset.ttl, data: rrset.data }
    : { ttl: rrset.ttl, data: rrset.data, type: rrset.type };

/** A side without an answer: it was asked and failed, or was never asked. */
const withoutAnswer = (answer: Exclude<SideAnswer, { kind: "answered" }>) =>
  answer.kind === "not-asked" ? "not-asked" : "unanswered";

/** What `name`/`asked` looks like on both sides. */
export function compareAnswers(
  name: string,
  asked: string,
  old: SideAnswer,
  target: SideAnswer,
): QuestionParity {
  if (old.kind !== "answered") {
    return { kind: withoutAnswer(old), name, type: asked, reason: `old host: ${old.reason}` };
  }
  if (old.rrset === undefined) {
    // Nothing to keep: NXDOMAIN/NODATA on both sides, or something only the target serves.
    return { kind: "equal", name, type: asked };
  }
  const type = old.rrset.type;
  if (target.kind !== "answered") {
    return { kind: withoutAnswer(target), name, type, reason: `target host: ${target.reason}` };
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
 * A, AAAA, MX and TXT questions alike): an answer beats "no answer", and a target that answers
 * something at the name (a Route 53 alias where the old host has a CNAME) is "differs", not
 * "missing". So "missing" stands only when every question got an answer: a question the target
 * was never sent, or was sent and did not answer usably (the A question that would have shown the
 * alias), leaves the RRset without an answer, never missing on the word of the other questions.
 */
const WEIGHT: Readonly<Record<QuestionParity["kind"], number>> = {
  missing: 0,
  unanswered: 1,
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
