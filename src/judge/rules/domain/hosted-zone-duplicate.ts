import { ROUTE53 } from "../../../policy/architecture.js";
import { type DomainRule, fail, notApplicable, notChecked, pass } from "../types.js";

export const hostedZoneDuplicate: DomainRule = {
  id: "hosted-zone-duplicate",
  severity: "medium",
  title: "Several public hosted zones share the domain's name",
  doc: "Route 53 lets an account hold several public zones of the same name, each with its own four name servers; only the one the registrar delegates to is live, and edits to the others change nothing. Delete the stale zones, or pin the live one with `hostedZoneId` until they are gone.",
  evaluate({ intent, observations }) {
    const zones = observations.hostedZones;
    if (zones.kind === "skipped" || zones.kind === "unavailable") {
      return intent.dnsHost === ROUTE53
        ? notChecked(`Route 53: ${zones.reason}`)
        : notApplicable("the DNS host is not Route 53");
    }
    if (zones.kind === "none" || zones.zones.length < 2) return pass;
    const ids = zones.zones.map((zone) => zone.id);
    return fail({
      message: `${zones.zones.length} public hosted zones are named ${intent.unicode} in account ${zones.account}: ${ids.join(", ")}.`,
      expected: 1,
      observed: ids,
      remediation: `Keep the zone the delegation points at, pin it (hostedZoneId), and delete the others (aws route53 delete-hosted-zone --id ...).`,
    });
  },
};
