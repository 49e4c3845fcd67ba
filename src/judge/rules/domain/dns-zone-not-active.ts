import { type DomainRule, fail, notApplicable, notChecked, pass } from "../types.js";

const MEANING: Readonly<Record<string, string>> = {
  pending:
    "the provider has not seen the delegation to its name servers yet, and does not serve the zone",
  initializing: "the zone is being set up and is not served yet",
  moved: "the provider saw the delegation move elsewhere and no longer serves the zone",
};

export const dnsZoneNotActive: DomainRule = {
  id: "dns-zone-not-active",
  severity: "high",
  title: "The DNS host does not serve the zone yet, or no longer",
  doc: "For a DNS host whose API reports a zone's status (Cloudflare: active, pending, initializing, moved), checks that the zone the policy means is active. A pending zone is not served until the registry delegates to the name servers the host assigned; a moved zone is one the host saw delegated elsewhere, and deletes after a while. Delegate to the assigned name servers (see nameservers-mismatch), or, if the move was intended, update the policy.",
  evaluate({ intent, facts, observations }) {
    const { dnsHostApi } = observations;
    if (dnsHostApi.provider !== intent.dnsHost) {
      return notApplicable(`the DNS host ${intent.dnsHost} is not asked through an API`);
    }
    if (!dnsHostApi.capabilities.zoneStatus) {
      return notApplicable(`${dnsHostApi.service} serves a zone from the moment it exists`);
    }
    const zone = facts.intendedZone;
    switch (zone.kind) {
      case "unknown":
        return notChecked(zone.reason);
      case "zone":
        break;
      case "ambiguous":
        return notApplicable(
          "several zones share the name and none is pinned (see hosted-zone-duplicate)",
        );
      default:
        return notApplicable("there is no such zone (see hosted-zone-missing)");
    }
    const { status, id, delegationSet } = zone.zone;
    if (status === "active") return pass;
    return fail({
      message: `The ${dnsHostApi.service} zone of ${intent.unicode} (${id}) is ${status}: ${MEANING[status]}.`,
      expected: "active",
      observed: status,
      remediation: `Delegate ${intent.unicode} to ${delegationSet.join(", ")} at its registrar, then check the zone at ${dnsHostApi.service} again; if the domain moved on purpose, update the policy's dnsHost.`,
    });
  },
};
