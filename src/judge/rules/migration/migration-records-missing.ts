import { type DomainRule, fail } from "../types.js";
import { copyToTarget, noDriftVerdict, parityDifferences, rrsetName } from "./parity.js";

export const migrationRecordsMissing: DomainRule = {
  id: "migration-records-missing",
  severity: "high",
  title: "The migration's target does not serve records the old DNS host serves",
  doc: "For a domain whose policy declares a DNS-host migration, and while some parent server still delegates to the old host, compares the RRsets the old host's servers serve with what the target's servers serve, asked directly (record parity: the names the target zone holds, the names discovered on the old host, and those the policy lists). An RRset the old host serves and the target does not would stop resolving at the switch: mail (MX), verification TXT, `_dmarc`, CNAMEs. Not checked when parity could not be compared, or when some RRsets got no answer to compare and none is missing: a server was asked and timed out, refused, failed or answered without authority, or parity's query budget or time limit kept it from asking (naming the RRsets and what the servers did or the limit), or when a side's servers serve different versions of the zone (SOA serials: another server may serve other data); the pass's note names what was not compared: servers that did not answer for the zone or that the delegation walk did not ask, RRsets not compared by design, names past the policy's bound (`maxNames`); not applicable once every parent server delegates to the target. Add each missing RRset to the target zone before switching.",
  evaluate(context) {
    const found = parityDifferences(context);
    if (found.kind === "verdict") return found.verdict;
    const missing = found.differences.flatMap((d) => (d.kind === "missing" ? [d] : []));
    const [first, ...rest] = missing;
    if (first === undefined) return noDriftVerdict(found);
    const { intent } = context;
    const move = intent.migration?.dnsHost;
    return fail({
      message: `${missing.length} RRset${missing.length === 1 ? "" : "s"} of ${intent.unicode} served by ${move?.from} ${missing.length === 1 ? "is" : "are"} missing at ${move?.to}: ${missing.map(rrsetName).join(", ")}.`,
      expected: [first, ...rest].map(rrsetName),
      observed: "missing at the target",
      remediation: copyToTarget(context, missing),
    });
  },
};
