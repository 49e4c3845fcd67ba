import { ROUTE53 } from "../../../policy/architecture.js";
import { type AccountRule, type FindingDraft, fail, notChecked, pass } from "../types.js";

export const unmanagedHostedZone: AccountRule = {
  id: "unmanaged-hosted-zone",
  severity: "low",
  title: "A public hosted zone in a provider account is in no policy",
  doc: "With `--inventory`, lists the public zones of each account at a DNS host that can list them (Route 53 hosted zones, Cloudflare, Google Cloud DNS and Azure DNS zones) whose names no policy declares. A forgotten zone still costs money and still answers — and if a delegation points at it, still serves records nobody reviews. Declare it, or delete it.",
  evaluate({ provider, inventory, declared }) {
    const listing = inventory.publicHostedZones;
    const service = provider.dnsHostService ?? provider.id;
    if (listing.kind === "unavailable") return notChecked(`${service}: ${listing.reason}`);
    const [first, ...rest] = listing.items
      .filter((zone) => !declared.has(zone.name))
      .map(
        (zone): FindingDraft =>
          provider.id === ROUTE53
            ? {
                message: `The public hosted zone ${zone.name} (${zone.id}) in the AWS account ${inventory.account} is declared in no policy.`,
                expected: "declared in a policy",
                observed: `${zone.name} (${zone.id})`,
                remediation: `Add ${zone.name} to a policy file, or delete the zone (aws route53 delete-hosted-zone --id ${zone.id}) if it is unused.`,
                key: zone.id,
              }
            : {
                message: `The public zone ${zone.name} (${zone.id}) in the ${service} account ${inventory.account} is declared in no policy.`,
                expected: "declared in a policy",
                observed: `${zone.name} (${zone.id})`,
                remediation: `Add ${zone.name} to a policy file, or delete the zone ${zone.id} at ${service} if it is unused.`,
                key: zone.id,
              },
      );
    return first ? fail(first, ...rest) : pass;
  },
};
