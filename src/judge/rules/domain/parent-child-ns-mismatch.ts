import { describeSet, sameSet } from "../facts.js";
import { type DomainRule, fail, notApplicable, notChecked, passNoting } from "../types.js";

export const parentChildNsMismatch: DomainRule = {
  id: "parent-child-ns-mismatch",
  severity: "medium",
  title: "The zone's own NS records differ from the parent's delegation",
  doc: "Compares the NS set the delegated servers answer authoritatively (the child side; from the Route 53 API when no server can be asked) with the parent's delegation. Resolvers may use either, so servers listed on one side only are used inconsistently, and a server removed on one side only lingers. A delegated server address that was not asked (beyond the servers or addresses a walk probes, past the query budget or the deadline of a walk, or no route to it from this host) could answer another set: the check is then not checked, naming it. Make the zone's apex NS records and the delegation the same set.",
  evaluate({ intent, facts, observations }) {
    const { delegation } = observations;
    if (delegation.kind === "failed") return notChecked(`delegation: ${delegation.reason}`);
    if (delegation.kind === "not-delegated") return notApplicable("the domain is not delegated");
    const children = facts.childNsSets;
    const unexamined = facts.health?.unexamined;
    if (children.length === 0) {
      // The servers not asked are named: they, not the servers, may be why nothing answered.
      const notAsked = unexamined === undefined ? "" : ` (not asked: ${unexamined})`;
      return notChecked(
        `no delegated server answered authoritatively, so the zone's own NS set is unknown${notAsked}`,
      );
    }
    const parent = delegation.parent.ns;
    const differing = children.filter((child) => !sameSet(child, parent));
    if (differing.length === 0) {
      return unexamined === undefined
        ? passNoting(facts.health?.ipv6Note)
        : notChecked(`not every delegated server was asked for its NS set: ${unexamined}`);
    }
    return fail({
      message: `The zone ${intent.unicode} lists ${differing.map(describeSet).join(" / ")} as its name servers, but the parent delegates to ${describeSet(parent)}.`,
      expected: parent,
      observed: differing.length === 1 && differing[0] ? differing[0] : differing.map(describeSet),
      remediation: `Make the apex NS records of ${intent.unicode} and the delegation at the registrar the same set.`,
    });
  },
};
