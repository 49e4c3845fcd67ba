import { providerName } from "../remediation.js";
import {
  type DomainRule,
  type FindingDraft,
  fail,
  notApplicable,
  notChecked,
  pass,
} from "../types.js";

export const danglingDelegation: DomainRule = {
  id: "dangling-delegation",
  severity: "critical",
  title: "The delegation points where someone else could take the zone",
  doc: "Two ways a delegation can be taken over. (1) Every answering server of a shared-hosting provider (Route 53 and the like, where anyone can create a zone of any name) answers REFUSED, SERVFAIL or NXDOMAIN: the zone is not there, and whoever creates it on those servers answers for the domain. (2) A name server's own domain is not registered: whoever registers it answers for the domain. A server the walk did not ask (beyond its caps, query budget or deadline, or no route to it from this host) leaves the check not checked, naming it, unless another problem already fails it. Fix the delegation now — point it at servers that serve the zone, or re-create the zone where the delegation points — and then find out how it happened.",
  evaluate({ intent, facts, observations, catalog }) {
    const { delegation } = observations;
    if (delegation.kind === "failed") return notChecked(`delegation: ${delegation.reason}`);
    if (delegation.kind === "not-delegated" || facts.health === undefined) {
      return notApplicable("the domain is not delegated");
    }
    const [first, ...rest] = facts.health.dangling.map((problem): FindingDraft => {
      if (problem.kind === "lapsed-nameserver-domain") {
        return {
          message: `${intent.unicode} is delegated to ${problem.nameservers.join(", ")}, but the name servers' domain ${problem.subject} is not registered: anyone who registers it can answer for ${intent.unicode}.`,
          expected: "name servers in registered domains",
          observed: problem.nameservers,
          remediation: `Remove ${problem.nameservers.join(", ")} from the delegation of ${intent.unicode} at once (or register ${problem.subject} yourself).`,
          key: `domain:${problem.subject}`,
        };
      }
      const host = providerName(catalog, problem.subject);
      return {
        message: `${intent.unicode} is delegated to ${host} (${problem.nameservers.join(", ")}), but every answering ${host} server answers ${problem.answers} for it: the zone is not there, and anyone can create it on those servers and answer for ${intent.unicode}.`,
        expected: "the zone served by the delegated servers",
        observed: problem.nameservers,
        remediation: `Point the delegation of ${intent.unicode} at the servers that host its zone now, or re-create the zone at ${host} on exactly these servers; then review who deleted it.`,
        key: `host:${problem.subject}`,
      };
    });
    if (first) return fail(first, ...rest);
    // A server the walk did not ask (or whose address it did not finish looking up) could be the
    // one whose zone is gone: no pass on what was not looked at.
    const { unexamined } = facts.health;
    return unexamined === undefined
      ? pass
      : notChecked(`not every delegated server was asked: ${unexamined}`);
  },
};
