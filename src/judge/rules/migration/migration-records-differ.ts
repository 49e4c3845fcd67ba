import { type DomainRule, fail } from "../types.js";
import { copyToTarget, noDriftVerdict, parityDifferences, rrsetName } from "./parity.js";

export const migrationRecordsDiffer: DomainRule = {
  id: "migration-records-differ",
  severity: "medium",
  title: "The migration's target serves records other than the old DNS host's",
  doc: "Record parity (see migration-records-missing) found RRsets both hosts serve with different data: at the switch, resolvers would get the target's. Only data counts: an RRset that differs only in its TTL is reported in the pass's note, not as drift, as is what was not compared (see migration-records-missing). Not checked when some RRsets got no answer to compare (a server timed out, refused, failed or answered without authority, or parity's query budget or time limit kept it from asking), or a side's servers serve different versions of the zone, and none differs, naming them and what the servers did or the limit. Make the target's RRsets what they should be (usually the old host's) before switching.",
  evaluate(context) {
    const found = parityDifferences(context);
    if (found.kind === "verdict") return found.verdict;
    const differing = found.differences.flatMap((d) => (d.kind === "differs" ? [d] : []));
    const ttlOnly = found.differences.flatMap((d) => (d.kind === "ttl-differs" ? [d] : []));
    const [first, ...rest] = differing;
    if (first === undefined) {
      const ttlNote = `TTL only (not drift): ${ttlOnly.map((d) => `${rrsetName(d)} ${d.oldTtl} s at the old host, ${d.targetTtl} s at the target`).join(", ")}`;
      return noDriftVerdict(found, ttlOnly.length === 0 ? [] : [ttlNote]);
    }
    const { intent } = context;
    const move = intent.migration?.dnsHost;
    const describe = (d: (typeof differing)[number]) =>
      `${rrsetName(d)}: ${d.old.data.join(" | ")} at ${move?.from}, ${d.target.data.join(" | ")} at ${move?.to}`;
    return fail({
      message: `${differing.length} RRset${differing.length === 1 ? "" : "s"} of ${intent.unicode} differ between ${move?.from} and ${move?.to}: ${differing.map(describe).join("; ")}.`,
      expected: [first, ...rest].map((d) => `${rrsetName(d)} ${d.old.data.join(" | ")}`),
      observed: [first, ...rest].map((d) => `${rrsetName(d)} ${d.target.data.join(" | ")}`),
      remediation: `If the old host's data is right: ${copyToTarget(context, differing)}`,
    });
  },
};
