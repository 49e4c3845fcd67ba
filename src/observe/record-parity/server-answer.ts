// One server's reply to one record-parity question, read into what comparison needs: the RRset at
// the name (of the asked type, or the CNAME the name is), nothing there, or why the reply says
// nothing. Only an authoritative reply counts: a referral, a resolver's cached answer, REFUSED or a
// timeout are failures, so a host that does not serve the zone is never taken as "has no record".
// A question that was never sent (record parity's deadline, or the walker's gate) is neither: it
// says nothing about the server, so it is kept apart as not asked.

import type { QueryOutcome } from "../dns/client.js";
import { recordsFromMessage } from "../dns/dnssec/message.js";
import { nameToText } from "../dns/dnssec/name.js";
import { CLASS_IN } from "../dns/dnssec/records.js";
import { Rcode, rcodeName } from "../dns/message.js";
import { type Question, TYPE_CODE } from "../dns/wire.js";
import { rdataText } from "./rdata-text.js";
import type { ServedRRset } from "./types.js";

/** An RRset one server served, with the type it is (the asked type or CNAME). */
export interface TypedRRset extends ServedRRset {
  readonly type: string;
}

export type ServerAnswer =
  /** An authoritative NOERROR/NXDOMAIN reply: the RRset at the name, or none (`nxdomain` says which none). */
  | {
      readonly kind: "answered";
      readonly rrset: TypedRRset | undefined;
      readonly nxdomain: boolean;
    }
  | { readonly kind: "failed"; readonly reason: string }
  /** Never sent: the observation's query budget or deadline, or the walker's address gate. */
  | { readonly kind: "not-asked"; readonly reason: string };

const CNAME = TYPE_CODE.CNAME;
/** RFC 2181 §8: a TTL with the top bit set is treated as zero. */
const ttlOf = (ttl: number): number => (ttl > 0x7fffffff ? 0 : ttl);

function notAnswered(outcome: Exclude<QueryOutcome, { kind: "response" }>): ServerAnswer {
  switch (outcome.kind) {
    case "timeout":
      return { kind: "failed", reason: `timed out (${outcome.transport.toUpperCase()})` };
    case "unreachable":
    case "unroutable":
      return { kind: "failed", reason: `unreachable: ${outcome.detail}` };
    case "malformed":
      return { kind: "failed", reason: `malformed reply: ${outcome.detail}` };
    case "blocked":
    case "past-deadline":
      return { kind: "not-asked", reason: `not asked: ${outcome.reason}` };
  }
}

/** Reads `outcome`, the reply of one server to `question`. Never throws. */
export function readServerAnswer(question: Question, outcome: QueryOutcome): ServerAnswer {
  if (outcome.kind !== "response") return notAnswered(outcome);
  const message = outcome.message;
  if (message.rcode !== Rcode.NoError && message.rcode !== Rcode.NxDomain) {
    return { kind: "failed", reason: `answered ${rcodeName(message.rcode)}` };
  }
  if (!message.aa) {
    const referral =
      message.answers.length === 0 && message.authorities.some((r) => r.type === "NS");
    return {
      kind: "failed",
      reason: referral ? "not authoritative (a referral)" : "not authoritative (AA clear)",
    };
  }
  const read = recordsFromMessage(outcome.bytes);
  if (!read.ok) return { kind: "failed", reason: `malformed reply: ${read.detail}` };
  const asked = TYPE_CODE[question.type];
  const atName = read.records.answers.filter(
    (record) =>
      record.class === CLASS_IN && nameToText(record.owner).toLowerCase() === question.name,
  );
  // The asked type wins; a CNAME at the name stands for every other type (RFC 1034 §3.6.2).
  let records = atName.filter((record) => record.type === asked);
  let type: string = question.type;
  if (records.length === 0 && asked !== CNAME) {
    records = atName.filter((record) => record.type === CNAME);
    type = "CNAME";
  }
  if (records.length === 0) {
    return { kind: "answered", rrset: undefined, nxdomain: message.rcode === Rcode.NxDomain };
  }
  const data = [...new Set(records.map((record) => rdataText(record.type, record.rdata)))].sort();
  const ttl = Math.min(...records.map((record) => ttlOf(record.ttl)));
  return { kind: "answered", rrset: { type, ttl, data }, nxdomain: false };
}
