// What a reply means. Two readings:
// - `readZoneReply`: while walking down, a reply from a server of zone Z to a question about N
//   is a referral further down, a final answer (positive, NXDOMAIN, NODATA), or a lame reply.
// - `classifyServerAnswer`: a delegated server's reply to "NS <domain>" as a `ServerAnswer`.
//
// RFC 2181 §5.4.1: referral data is the least trusted. Glue is kept only for names inside the
// zone of the server that sent it (its bailiwick); everything else in the additional section is
// dropped.

import { ROOT } from "../../names/normalize.js";
import { isAtOrBelow, isBelow } from "../../names/tree.js";
import { type DnsMessage, Rcode, type ResourceRecord, rcodeName } from "./message.js";
import type { DsRecord, GlueRecord, ServerAnswer } from "./types.js";

export interface Referral {
  /** The child zone the reply delegates to: below the asked zone, at or above the question. */
  readonly zone: string;
  /** Sorted, unique. */
  readonly ns: readonly string[];
  /** In-bailiwick glue for the NS names, addresses sorted. */
  readonly glue: readonly GlueRecord[];
  readonly ds: readonly DsRecord[];
  /** Seconds: the smallest NS TTL. */
  readonly ttl: number;
}

export type ZoneReply =
  | { readonly kind: "referral"; readonly referral: Referral }
  /** AA set and records owned by the question name in the answer section. */
  | {
      readonly kind: "answer";
      readonly records: readonly ResourceRecord[];
      readonly additionals: readonly ResourceRecord[];
    }
  | { readonly kind: "nxdomain"; readonly negativeTtl: number }
  | { readonly kind: "nodata"; readonly negativeTtl: number }
  /** Not an answer to rely on: the reason, as it would be reported for this server. */
  | { readonly kind: "lame"; readonly answer: ServerAnswer };

/** RFC 2308 §5: without an SOA to say otherwise, keep negative answers briefly. */
const DEFAULT_NEGATIVE_TTL = 300;

function negativeTtl(message: DnsMessage): number {
  for (const record of message.authorities) {
    if (record.type === "SOA") return Math.min(record.ttl, record.data.minimum);
  }
  return DEFAULT_NEGATIVE_TTL;
}

function sortedUnique(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}

/** The deepest NS owner in the authority section that is below `zone` and at or above `name`. */
function referralOwner(message: DnsMessage, zone: string, name: string): string | undefined {
  let owner: string | undefined;
  for (const record of message.authorities) {
    if (record.type !== "NS" || !isBelow(record.name, zone) || !isAtOrBelow(name, record.name)) {
      continue;
    }
    if (owner === undefined || record.name.length > owner.length) owner = record.name;
  }
  return owner;
}

/** Glue for `ns` names from the additional section, kept only inside `bailiwick`. */
export function collectGlue(
  additionals: readonly ResourceRecord[],
  ns: readonly string[],
  bailiwick: string,
): GlueRecord[] {
  const wanted = new Set(ns);
  const byName = new Map<string, string[]>();
  for (const record of additionals) {
    if (record.type !== "A" && record.type !== "AAAA") continue;
    if (!wanted.has(record.name) || !isAtOrBelow(record.name, bailiwick)) continue;
    const list = byName.get(record.name);
    if (list === undefined) byName.set(record.name, [record.data]);
    else list.push(record.data);
  }
  const glue: GlueRecord[] = [];
  for (const name of [...byName.keys()].sort()) {
    glue.push({ name, addresses: sortedUnique(byName.get(name) ?? []) });
  }
  return glue;
}

function readReferral(message: DnsMessage, zone: string, owner: string): Referral {
  const ns: string[] = [];
  const ds: DsRecord[] = [];
  let ttl = Number.POSITIVE_INFINITY;
  for (const record of message.authorities) {
    if (record.name !== owner) continue;
    if (record.type === "NS") {
      ns.push(record.data);
      ttl = Math.min(ttl, record.ttl);
    } else if (record.type === "DS") {
      ds.push(record.data);
    }
  }
  const names = sortedUnique(ns);
  return {
    zone: owner,
    ns: names,
    glue: collectGlue(message.additionals, names, zone),
    ds,
    ttl: Number.isFinite(ttl) ? ttl : 0,
  };
}

function referralDirection(
  message: DnsMessage,
  name: string,
): "upward-referral" | "sideways-referral" | "no-aa" {
  let direction: "upward-referral" | "sideways-referral" | "no-aa" = "no-aa";
  for (const record of message.authorities) {
    if (record.type !== "NS") continue;
    if (record.name === ROOT || isBelow(name, record.name)) return "upward-referral";
    if (!isAtOrBelow(record.name, name)) direction = "sideways-referral";
  }
  return direction;
}

function rcodeAnswer(rcode: number): ServerAnswer {
  switch (rcode) {
    case Rcode.Refused:
      return { kind: "refused" };
    case Rcode.ServFail:
      return { kind: "servfail" };
    case Rcode.NxDomain:
      return { kind: "nxdomain" };
    default:
      return { kind: "rcode", rcode: rcodeName(rcode) };
  }
}

/** Reads a reply from a server of `zone` to a question about `name`. */
export function readZoneReply(message: DnsMessage, zone: string, name: string): ZoneReply {
  if (message.rcode === Rcode.NxDomain && message.aa) {
    return { kind: "nxdomain", negativeTtl: negativeTtl(message) };
  }
  if (message.rcode !== Rcode.NoError) return { kind: "lame", answer: rcodeAnswer(message.rcode) };
  const records = message.answers.filter((record) => record.name === name);
  if (message.aa && records.length > 0) {
    return { kind: "answer", records, additionals: message.additionals };
  }
  // A referral needs no AA; some servers set it anyway on referrals, which changes nothing.
  if (records.length === 0) {
    const owner = referralOwner(message, zone, name);
    if (owner !== undefined)
      return { kind: "referral", referral: readReferral(message, zone, owner) };
  }
  if (message.aa) return { kind: "nodata", negativeTtl: negativeTtl(message) };
  return {
    kind: "lame",
    answer: { kind: "not-authoritative", detail: referralDirection(message, name) },
  };
}

/** Classifies a delegated server's reply to "NS <domain>". */
export function classifyServerAnswer(message: DnsMessage, domain: string): ServerAnswer {
  if (message.rcode !== Rcode.NoError) return rcodeAnswer(message.rcode);
  if (message.aa) {
    const ns: string[] = [];
    for (const record of message.answers) {
      if (record.type === "NS" && record.name === domain) ns.push(record.data);
    }
    return { kind: "authoritative", ns: sortedUnique(ns) };
  }
  return { kind: "not-authoritative", detail: referralDirection(message, domain) };
}

/** The serial of an authoritative SOA answer for `domain`, if the reply is one. */
export function soaSerial(message: DnsMessage, domain: string): number | undefined {
  if (message.rcode !== Rcode.NoError || !message.aa) return undefined;
  for (const record of message.answers) {
    if (record.type === "SOA" && record.name === domain) return record.data.serial;
  }
  return undefined;
}
