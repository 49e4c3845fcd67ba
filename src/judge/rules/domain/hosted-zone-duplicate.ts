import { type DomainRule, fail, notApplicable, notChecked, pass } from "../types.js";

export const hostedZoneDuplicate: DomainRule = {
  id: "hosted-zone-duplicate",
  severity: "medium",
  title: "Several public hosted zones share the domain's name",
  doc: "Route 53 lets an account hold several public zones of the same name, each with its own name servers (a DNS host's API may show the same); only the one the registrar delegates to is live, and edits to the others change nothing. Delete the stale zones, or pin the live one with `hostedZoneId` until they are gone.",
  evaluate({ intent, observations }) {
    const { hostedZones: zones, dnsHostApi } = observations;
    if (zones.kind === "skipped" || zones.kind === "unavailable") {
      return dnsHostApi.provider === intent.dnsHost
        ? notChecked(`${dnsHostApi.service}: ${zones.reason}`)
        : notApplicable(`the DNS host ${intent.dnsHost} is not asked through an API`);
    }
    if (zones.kind === "none" || zones.zones.length < 2) return pass;
    const ids = zones.zones.map((zone) => zone.id);
    return fail({
      message: `${zones.zones.length} public hosted zones are named ${intent.unicode} in account ${zones.account}: ${ids.join(", ")}.`,
      expected: 1,
      observed: ids,
      remediation: `Keep the zone the delegation points at, pin it (hostedZoneId), and delete the others${dnsHostApi.provider === "route53" ? " (aws route53 delete-hosted-zone --id ...)" : ` at ${dnsHostApi.service}`}.`,
    });
  },
};
