// What the two record-parity rules share: when parity applies, and the exact change that copies
// the old host's RRsets to the target.

import type { RRsetParity, ServedRRset } from "../../../observe/record-parity/types.js";
import { ROUTE53 } from "../../../policy/architecture.js";
import type { DomainIntent } from "../../../policy/types.js";
import { delegationSides } from "../migration-facts.js";
import { listed, listedOrNone } from "../nameserver-health.js";
import { providerName } from "../remediation.js";
import { notApplicable, notChecked, type RuleContext, type RuleVerdict } from "../types.js";

/** The parity differences a rule reads, or why the rule does not judge them. */
export function parityDifferences(
  context: RuleContext,
):
  | { kind: "differences"; differences: readonly RRsetParity[]; leftOut: string | undefined }
  | { kind: "verdict"; verdict: RuleVerdict } {
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
  // Names past the policy's bound (`maxNames`) were not compared: a pass names them.
  const leftOut =
    parity.leftOut === undefined
      ? undefined
      : `not compared (${parity.leftOut.reason}): ${listedOrNone(parity.leftOut.names)}`;
  return { kind: "differences", differences: parity.differences, leftOut };
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
export function unansweredVerdict(differences: readonly RRsetParity[]): RuleVerdict | undefined {
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
