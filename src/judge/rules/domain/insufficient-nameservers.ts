import { type DomainRule, fail, notApplicable, notChecked, pass } from "../types.js";

const MINIMUM = 2;

export const insufficientNameservers: DomainRule = {
  id: "insufficient-nameservers",
  severity: "medium",
  title: "Fewer than two name servers",
  doc: "RFC 1034 and every registry ask for at least two name servers, so that one failure does not take the domain offline. Counts the NS set at the parent. Add a second server (of the same DNS host).",
  evaluate({ intent, observations }) {
    const { delegation } = observations;
    if (delegation.kind === "failed") return notChecked(`delegation: ${delegation.reason}`);
    if (delegation.kind === "not-delegated") return notApplicable("the domain is not delegated");
    const count = delegation.parent.ns.length;
    if (count >= MINIMUM) return pass;
    return fail({
      message: `${intent.unicode} is delegated to ${count} name server${count === 1 ? "" : "s"}; at least ${MINIMUM} are needed.`,
      expected: `>= ${MINIMUM}`,
      observed: count,
      remediation: `Add name servers to the delegation of ${intent.unicode} (at least ${MINIMUM}, ideally on separate networks).`,
    });
  },
};
