import { ROUTE53 } from "../../../policy/architecture.js";
import { daysUntil } from "../days.js";
import { dnssecServers, where, zoneIdOf } from "../dnssec-facts.js";
import { type DomainRule, fail, notApplicable, notChecked, pass } from "../types.js";

export const dnssecSignatureExpiring: DomainRule = {
  id: "dnssec-signature-expiring",
  severity: "medium",
  title: "An apex DNSSEC signature expires soon",
  doc: "At every delegated server address whose chain validates, finds the first moment a signature the chain rests on (over the DNSKEY, NS and, with `--soa`, SOA RRsets) expires, and reports one closer than the policy's `dnssec.signatureMinDays` (default 7). Signers re-sign long before expiry; a signature this close to expiring means the signer has stopped, and when it expires the domain fails validation everywhere. Chains that are already broken are dnssec-bogus's. Make the signer re-sign the zone (for Route 53, check the key-signing key's status with aws route53 get-dnssec).",
  evaluate({ intent, observations, facts, now }) {
    const { delegation } = observations;
    if (delegation.kind === "failed") return notChecked(`delegation: ${delegation.reason}`);
    if (delegation.kind === "not-delegated") return notApplicable("the domain is not delegated");
    if (delegation.parent.ds.length === 0) {
      return notApplicable("the parent publishes no DS record");
    }
    const servers = dnssecServers(delegation);
    if (servers.secure.length === 0) {
      return notApplicable("no server serves a valid chain whose signatures could expire");
    }
    const minDays = intent.dnssec.signatureMinDays;
    const soon = servers.secure.flatMap((server) => {
      const earliest = server.chain.earliestExpiration;
      if (earliest === null) return [];
      // signatureMinDays is a whole number, so whole days compare as the moments do.
      const days = daysUntil(Date.parse(earliest.at), now);
      if (days >= minDays) return [];
      return [
        `${where(server)}: ${earliest.rrset} signature expires ${earliest.at} (in ${days} day(s))`,
      ];
    });
    if (soon.length === 0) return pass;
    return fail({
      message: `Apex signatures of ${intent.unicode} expire within ${minDays} day(s): ${soon.join("; ")}.`,
      expected: `signatures valid for at least ${minDays} more day(s)`,
      observed: soon,
      remediation: `Make the signer of ${intent.unicode} re-sign the zone before the signatures expire${intent.dnsHost === ROUTE53 ? ` (Route 53 signs by itself while its key-signing key is ACTIVE: aws route53 get-dnssec --hosted-zone-id ${zoneIdOf(facts)})` : ""}.`,
    });
  },
};
