import { describeSet, sameSet } from "../facts.js";
import { setNameservers } from "../remediation.js";
import { type DomainRule, fail, notApplicable, notChecked, pass } from "../types.js";

export const nameserversMismatch: DomainRule = {
  id: "nameservers-mismatch",
  severity: "high",
  title: "The delegation is not the exact name-server set required",
  doc: "Compares the parent's NS set with the exact set the policy implies: its `nameservers`, else the delegation set of the pinned (or only) Route 53 hosted zone. The classic cause is a hosted zone deleted and re-created: the new zone got four new name servers, the registrar still points at the old ones, and the old ones no longer serve it. Set the delegation to the expected servers.",
  evaluate({ intent, facts, observations, catalog }) {
    const expected = facts.intendedNameservers;
    if (expected.kind === "unknown") return notChecked(expected.reason);
    if (expected.value === undefined) {
      return notApplicable(
        facts.intendedZone.kind === "ambiguous"
          ? "several hosted zones share the name and none is pinned (see hosted-zone-duplicate)"
          : "the policy implies no exact name-server set",
      );
    }
    const { delegation } = observations;
    if (delegation.kind === "failed") return notChecked(`delegation: ${delegation.reason}`);
    if (delegation.kind === "not-delegated")
      return notApplicable("the domain is not delegated (see dns-host-mismatch)");
    const wanted = expected.value.nameservers;
    if (sameSet(wanted, delegation.parent.ns)) return pass;
    const source =
      expected.value.source === "policy"
        ? "the policy's nameservers"
        : `the delegation set of hosted zone ${facts.intendedZone.kind === "zone" ? facts.intendedZone.zone.id : ""}`;
    return fail({
      message: `${intent.unicode} is delegated to ${describeSet(delegation.parent.ns)}, but ${source} is ${describeSet(wanted)}.`,
      expected: wanted,
      observed: delegation.parent.ns,
      remediation: setNameservers(intent, catalog, wanted),
    });
  },
};
