import { describeSet } from "../facts.js";
import { type DomainRule, fail, notApplicable, notChecked, pass } from "../types.js";

export const parentNsInconsistent: DomainRule = {
  id: "parent-ns-inconsistent",
  severity: "medium",
  title: "The parent zone's servers disagree about the delegation",
  doc: "With `--all-parents`, every server of the parent zone is asked for the delegation. Different answers mean a registry update still propagating or a broken registry server; resolvers get different answers depending on the server they ask. Usually it settles within hours; if it persists, contact the registrar.",
  evaluate({ intent, observations }) {
    const { delegation } = observations;
    if (delegation.kind === "failed") return notChecked(`delegation: ${delegation.reason}`);
    if (delegation.kind === "not-delegated") return notApplicable("the domain is not delegated");
    if (delegation.parent.answers.length < 2)
      return notApplicable("only one parent server was asked (use --all-parents)");
    if (!delegation.parent.inconsistent) return pass;
    const answers = delegation.parent.answers.map(({ server, answer }) => {
      const said = answer.kind === "delegation" ? describeSet(answer.ns) : answer.kind;
      return `${server.name} (${server.address}): ${said}`;
    });
    return fail({
      message: `The ${delegation.parent.zone} servers give different delegations for ${intent.unicode}.`,
      expected: "one delegation from every parent server",
      observed: answers,
      remediation:
        "Wait for the registry to converge; if it persists for more than a day, contact the registrar.",
    });
  },
};
