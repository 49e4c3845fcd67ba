import { ROUTE53 } from "../../../policy/architecture.js";
import { createZone } from "../remediation.js";
import { type DomainRule, fail, notApplicable, notChecked, pass } from "../types.js";

export const hostedZoneMissing: DomainRule = {
  id: "hosted-zone-missing",
  severity: "high",
  title: "The intended hosted zone does not exist at the DNS host",
  doc: "For a domain whose DNS host's API is asked (Route 53 in the domain's AWS account, Cloudflare in the Cloudflare account it names), looks for a public zone of that name there (the pinned `hostedZoneId`, when given). Without it, the host's servers answer nothing for the domain — and if the delegation still points at them, anyone can create the zone there (see dangling-delegation). Create the zone (or correct the pinned id) and delegate to its name servers.",
  evaluate({ intent, facts, observations }) {
    const zone = facts.intendedZone;
    const { provider, service } = observations.dnsHostApi;
    switch (zone.kind) {
      case "no-api":
        return notApplicable(
          `the DNS host ${intent.dnsHost} is not asked through an API (no adapter, or no account of it named)`,
        );
      case "unknown":
        return notChecked(zone.reason);
      case "zone":
      case "ambiguous":
        return pass;
      case "none":
        return fail({
          message:
            provider === ROUTE53
              ? `There is no public Route 53 hosted zone for ${intent.unicode}${intent.accounts[ROUTE53] ? ` in account ${intent.accounts[ROUTE53]}` : ""}.`
              : `There is no ${service} zone for ${intent.unicode} in account ${intent.accounts[provider]}.`,
          expected: "a public hosted zone",
          observed: "none",
          remediation: createZone(
            provider,
            service,
            intent.accounts[provider] ?? "default",
            intent.name,
          ),
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
