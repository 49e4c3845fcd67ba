import { type DomainRule, fail, notChecked, pass } from "../types.js";

export const domainNotRegistered: DomainRule = {
  id: "domain-not-registered",
  severity: "critical",
  title: "The registry has no such domain",
  doc: "The registry's RDAP service answers 404 for the domain (or its WHOIS says there is no such domain), or (when RDAP cannot be asked) the parent zone's servers answer NXDOMAIN. A domain the policy expects to own that is not registered has lapsed or was never registered: anyone can register it. Register or renew it at once, or remove it from the policy.",
  evaluate({ intent, observations }) {
    const { rdap, delegation } = observations;
    if (rdap.kind === "registered") return pass;
    const nxdomain = delegation.kind === "not-delegated" && delegation.reason === "nxdomain";
    if (rdap.kind === "not-registered" || nxdomain) {
      const evidence =
        rdap.kind === "not-registered"
          ? `the registry (${rdap.url}) has no record of it`
          : `the ${delegation.kind === "not-delegated" ? delegation.parentZone : "parent"} servers answer NXDOMAIN`;
      return fail({
        message: `${intent.unicode} is not registered: ${evidence}.`,
        expected: "registered",
        observed: "not registered",
        remediation: `Register ${intent.unicode} now (anyone else can), or remove it from the policy.`,
      });
    }
    if (delegation.kind === "delegated") return pass;
    return notChecked(
      `registry: ${rdap.reason}; the delegation walk did not reach the parent zone`,
    );
  },
};
