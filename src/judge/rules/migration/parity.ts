// What the two record-parity rules share (and the migration's record-parity check): when parity
// applies, what keeps a comparison that found no drift from passing and what its pass must name,
// and the exact change that copies the old host's RRsets to the target.

import { describeServer } from "../../../observe/dns/describe.js";
import type {
  RecordParityObservation,
  RRsetParity,
  ServedRRset,
} from "../../../observe/record-parity/types.js";
import { ROUTE53 } from "../../../policy/architecture.js";
import type { DomainIntent } from "../../../policy/types.js";
import { delegationSides } from "../migration-facts.js";
import { listed, listedOrNone } from "../nameserver-health.js";
import { providerName } from "../remediation.js";
import {
  notApplicable,
  notChecked,
  passNoting,
  type RuleContext,
  type RuleVerdict,
} from "../types.js";

/**
 * How far a comparison reached beyond its differences: what keeps it from passing although every
 * RRset it compared matched, and what its pass must name, never silently.
 */
export interface ParityCoverage {
  /** A side's servers serve different versions of the zone (SOA serials): one was compared. */
  readonly unsettled: string | undefined;
  /**
   * Servers that did not answer for the zone or that the walk did not ask (so parity did not),
   * RRsets not compared by design, names past the policy's bound.
   */
  readonly notes: readonly string[];
}

type ComparedParity = Extract<RecordParityObservation, { kind: "compared" }>;

/** The parity differences a rule reads and their coverage, or why the rule does not judge them. */
export type ParityFound =
  | { kind: "differences"; differences: readonly RRsetParity[]; coverage: ParityCoverage }
  | { kind: "verdict"; verdict: RuleVerdict };

/** The parity differences a rule reads, or why the rule does not judge them. */
export function parityDifferences(context: RuleContext): ParityFound {
  const move = context.intent.migration?.dnsHost;
  if (move === undefined)
    return { kind: "verdict", verdict: notApplicable("the policy declares no DNS-host migration") };
  const sides = delegationSides(context.catalog, move, context.observations);
  if (sides.kind === "known" && sides.side === "target")
    return {
      kind: "verdict",
      verdict: notApplicable(`every parent server delegates to ${move.to}: the switch is done`),
    };
  const parity = context.observations.migration?.parity;
  if (parity === undefined || parity.kind === "skipped")
    return {
      kind: "verdict",
      verdict: notChecked(parity?.reason ?? "record parity was not asked"),
    };
  if (parity.kind === "not-compared")
    return { kind: "verdict", verdict: notChecked(parity.reason) };
  return { kind: "differences", differences: parity.differences, coverage: parityCoverage(parity) };
}

/** What the comparison did not reach (see ParityCoverage). */
export function parityCoverage(parity: ComparedParity): ParityCoverage {
  const versions: string[] = [];
  const notes: string[] = [];
  for (const { side, servers } of parity.disagreements ?? []) {
    const silent = servers.filter((s) => s.serial === undefined);
    if (silent.length > 0) {
      const each = silent.map((s) => `${describeServer(s.server)}: ${s.reason ?? "no answer"}`);
      notes.push(`the ${side} host's servers not answering for the zone: ${listed(each)}`);
    }
    const answering = servers.filter((s) => s.serial !== undefined);
    const [first] = answering;
    if (first !== undefined && new Set(answering.map((s) => s.serial)).size > 1) {
      const serials = answering.map((s) => `${s.serial} at ${describeServer(s.server)}`);
      versions.push(
        `the ${side} host's servers serve different versions of the zone (SOA serial ${listed(serials, ", ")}): its RRsets were asked of ${describeServer(first.server)} first, and another server may serve other data`,
      );
    }
  }
  for (const { side, servers } of parity.serversNotAsked ?? []) {
    notes.push(`the ${side} host's servers the delegation walk did not ask: ${listed(servers)}`);
  }
  const byDesign = parity.differences.flatMap((d) =>
    d.kind === "not-compared" ? [`${rrsetName(d)} (${d.reason})`] : [],
  );
  if (byDesign.length > 0) notes.push(`not compared by design: ${listed(byDesign, ", ")}`);
  // Names past the policy's bound (`maxNames`).
  if (parity.leftOut !== undefined) {
    notes.push(`not compared (${parity.leftOut.reason}): ${listedOrNone(parity.leftOut.names)}`);
  }
  return { unsettled: versions.length > 0 ? versions.join("; ") : undefined, notes };
}

/**
 * The verdict of a record rule whose RRsets compared show no drift of its kind: not checked when
 * some RRsets got no answer or a side serves different versions of the zone, else a pass naming
 * what was not compared (after the rule's own `notes`).
 */
export function noDriftVerdict(
  found: Extract<ParityFound, { kind: "differences" }>,
  notes: readonly string[] = [],
): RuleVerdict {
  const unanswered = unansweredVerdict(found.differences);
  if (unanswered !== undefined) return unanswered;
  if (found.coverage.unsettled !== undefined) return notChecked(found.coverage.unsettled);
  const all = [...notes, ...found.coverage.notes];
  return passNoting(all.length > 0 ? all.join("; ") : undefined);
}

/** `www.example.com MX` */
export const rrsetName = (d: { name: string; type: string }): string => `${d.name} ${d.type}`;

/**
 * Not checked when some RRsets got no answer to compare: a side was sent the question and none of
 * its servers answered usably (a timeout, REFUSED, SERVFAIL, a reply without AA), or record parity
 * never sent it (its query budget or deadline, the walker's gate). Whether such an RRset exists
 * there is unknown: neither a pass nor drift. Names the RRsets by what the servers did (or the
 * limit). Undefined when every RRset got an answer; a rule that already fails on the RRsets that
 * were answered fails instead.
 */
function unansweredVerdict(differences: readonly RRsetParity[]): RuleVerdict | undefined {
  const byReason = new Map<string, string[]>();
  for (const d of differences) {
    if (d.kind !== "unanswered" && d.kind !== "not-asked") continue;
    byReason.set(d.reason, [...(byReason.get(d.reason) ?? []), rrsetName(d)]);
  }
  const count = [...byReason.values()].reduce((sum, rrsets) => sum + rrsets.length, 0);
  if (count === 0) return undefined;
  const groups = [...byReason].map(([reason, rrsets]) => `${listed(rrsets, ", ")} (${reason})`);
  return notChecked(
    `record parity has no answer to compare for ${count} RRset${count === 1 ? "" : "s"}: ${listed(groups)}`,
  );
}

/** The target's change that makes each RRset what the old host serves. */
export function copyToTarget(
  context: RuleContext,
  rrsets: readonly { name: string; type: string; old: ServedRRset }[],
): string {
  const { intent, catalog } = context;
  const move = intent.migration?.dnsHost;
  const to = move?.to ?? intent.dnsHost;
  if (to === ROUTE53) {
    const zoneId = hostedZoneId(intent, context);
    const batch = {
      Changes: rrsets.map((r) => ({
        Action: "UPSERT",
        ResourceRecordSet: {
          Name: `${r.name}.`,
          Type: r.type,
          TTL: r.old.ttl,
          ResourceRecords: r.old.data.map((value) => ({ Value: value })),
        },
      })),
    };
    return `aws route53 change-resource-record-sets --hosted-zone-id ${zoneId} --change-batch '${JSON.stringify(batch).replaceAll("'", "'\\''")}'`;
  }
  const lines = rrsets.flatMap((r) =>
    r.old.data.map((value) => `${r.name}. ${r.old.ttl} IN ${r.type} ${value}`),
  );
  return `Add to the zone at ${providerName(catalog, to)}: ${lines.join("; ")}`;
}

/** The target zone: the pinned one, else the only one of the name its DNS host's API lists. */
function hostedZoneId(intent: DomainIntent, context: RuleContext): string {
  if (intent.hostedZoneId !== undefined) return intent.hostedZoneId;
  const { hostedZones } = context.observations;
  const [only, ...others] = hostedZones.kind === "found" ? hostedZones.zones : [];
  return only !== undefined && others.length === 0 ? only.id : "<hosted-zone-id>";
}
