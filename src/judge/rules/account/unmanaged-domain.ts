import { ROUTE53 } from "../../../policy/architecture.js";
import { type AccountRule, type FindingDraft, fail, notChecked, pass } from "../types.js";

export const unmanagedDomain: AccountRule = {
  id: "unmanaged-domain",
  severity: "low",
  title: "A domain registered in a provider account is in no policy",
  doc: "With `--inventory`, lists the domains registered in each account at a registrar that can list them (Route 53 Domains, Cloudflare Registrar) that no policy declares. Unmanaged domains drift unseen: nobody checks their delegation, renewal or lock. Add them to a policy (`domain-drift init --from-aws` writes one for an AWS account), or let them go.",
  evaluate({ provider, inventory, declared }) {
    const listing = inventory.registeredDomains;
    const service = provider.registrarService ?? provider.id;
    if (listing.kind === "unavailable") return notChecked(`${service}: ${listing.reason}`);
    const [first, ...rest] = listing.items
      .filter((domain) => !declared.has(domain.name))
      .map(
        (domain): FindingDraft =>
          provider.id === ROUTE53
            ? {
                message: `${domain.name} is registered in the AWS account ${inventory.account} but declared in no policy.`,
                expected: "declared in a policy",
                observed: domain.name,
                remediation: `Add ${domain.name} to a policy file (domain-drift init --from-aws writes one for everything in the account).`,
                key: domain.name,
              }
            : {
                message: `${domain.name} is registered in the ${service} account ${inventory.account} but declared in no policy.`,
                expected: "declared in a policy",
                observed: domain.name,
                remediation: `Add ${domain.name} to a policy file.`,
                key: domain.name,
              },
      );
    return first ? fail(first, ...rest) : pass;
  },
};
