// DNSSEC at one delegated server address: its DNSKEY RRset (the one query DNSSEC adds per
// address), its NS RRset and RRSIGs from the NS reply the walk already has (asked with DO), its
// SOA RRset from the SOA reply when the walk asks for serials, validated by the core
// (./dnssec/) against the parent's DS records. See docs/dnssec.md.

import { classifyServerAnswer } from "./classify.js";
import {
  nameFromText,
  RrType,
  recordsFromMessage,
  type SignedRrset,
  signedRrset,
  validateDelegation,
} from "./dnssec/index.js";
import { chainOf } from "./dnssec-chain.js";
import { type IterativeResolver, type LookupContext, outcomeAnswer } from "./iterative.js";
import type { DnssecProbe, DsRecord } from "./types.js";

/** What a walk validates each server address against. */
export interface DnssecCheck {
  /** The parent's DS RRset (empty: the chain is looked at because a policy asks for DNSSEC). */
  readonly ds: readonly DsRecord[];
  /** The clock signature windows are judged by. */
  readonly now: () => Date;
}

/** The apex replies of one server the walk already has, as received. */
export interface ApexReplies {
  readonly ns: Buffer;
  /** Only when the walk asks for the SOA serial; the SOA step is then validated too. */
  readonly soa: Buffer | undefined;
}

type Rrset =
  | { readonly ok: true; readonly rrset: SignedRrset }
  | { readonly ok: false; readonly detail: string };

function apexRrset(reply: Buffer, owner: Uint8Array, type: number, what: string): Rrset {
  const read = recordsFromMessage(reply);
  if (!read.ok) return { ok: false, detail: `${what} reply: ${read.detail}` };
  return { ok: true, rrset: signedRrset(read.records.answers, owner, type) };
}

/** Asks `address` for the zone's DNSKEY RRset and validates the chain it serves. */
export async function probeDnssec(
  resolver: IterativeResolver,
  domain: string,
  address: string,
  replies: ApexReplies,
  check: DnssecCheck,
  ctx: LookupContext,
): Promise<DnssecProbe> {
  const zone = nameFromText(domain);
  if (!zone.ok) return { kind: "unreadable", detail: `zone name: ${zone.detail}` };
  const outcome = await resolver.query(address, { name: domain, type: "DNSKEY" }, ctx);
  if (outcome.kind !== "response") return { kind: "no-answer", answer: outcomeAnswer(outcome) };
  const answer = classifyServerAnswer(outcome.message, domain);
  if (answer.kind !== "authoritative") return { kind: "no-answer", answer };
  const dnskey = apexRrset(outcome.bytes, zone.name, RrType.DNSKEY, "DNSKEY");
  const ns = apexRrset(replies.ns, zone.name, RrType.NS, "NS");
  const soa =
    replies.soa === undefined ? undefined : apexRrset(replies.soa, zone.name, RrType.SOA, "SOA");
  if (!dnskey.ok) return { kind: "unreadable", detail: dnskey.detail };
  if (!ns.ok) return { kind: "unreadable", detail: ns.detail };
  if (soa?.ok === false) return { kind: "unreadable", detail: soa.detail };
  const now = check.now();
  const result = validateDelegation({
    zone: domain,
    ds: check.ds,
    dnskey: dnskey.rrset,
    ns: ns.rrset,
    ...(soa?.ok ? { soa: soa.rrset } : {}),
    now,
  });
  return { kind: "validated", ...chainOf(result, now) };
}
