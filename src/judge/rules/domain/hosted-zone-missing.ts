import { ROUTE53 } from "../../../policy/architecture.js";
import { type DomainRule, fail, notApplicable, notChecked, pass } from "../types.js";

export const hostedZoneMissing: DomainRule = {
  id: "hosted-zone-missing",
  severity: "high",
  title: "The intended Route 53 hosted zone does not exist",
  doc: "For a domain whose DNS host is Route 53, looks for a public hosted zone of that name in the domain's AWS account (the pinned `hostedZoneId`, when given). Without it, Route 53's servers answer nothing for the domain — and if the delegation still points at them, anyone can create the zone there (see dangling-delegation). Create the zone (or correct the pinned id) and delegate to its name servers.",
  evaluate({ intent, facts }) {
    const zone = facts.intendedZone;
    switch (zone.kind) {
      case "not-route53":
        return notApplicable("the DNS host is not Route 53");
      case "unknown":
        return notChecked(zone.reason);
      case "zone":
      case "ambiguous":
        return pass;
      case "none":
        return fail({
          message: `There is no public Route 53 hosted zone for ${intent.unicode}${intent.accounts[ROUTE53] ? ` in account ${intent.accounts[ROUTE53]}` : ""}.`,
          expected: "a public hosted zone",
          observed: "none",
          remediation: `aws route53 create-hosted-zone --name ${intent.name} --caller-reference domain-drift-$(date +%s), then delegate to its name servers.`,
        });
      case "pinned-missing":
        return fail({
          message: `The pinned hosted zone ${zone.pinned} for ${intent.unicode} does not exist${zone.zones.length > 0 ? ` (zones of that name: ${zone.zones.map((z) => z.id).join(", ")})` : ""}.`,
          expected: zone.pinned,
          observed: zone.zones.length > 0 ? zone.zones.map((z) => z.id) : "none",
          remediation:
            zone.zones.length > 0
              ? `If the zone was re-created on purpose, pin the new one: hostedZoneId: ${zone.zones[0]?.id}.`
              : `Create the zone (aws route53 create-hosted-zone --name ${intent.name} ...) and pin its id.`,
        });
    }
  },
};
