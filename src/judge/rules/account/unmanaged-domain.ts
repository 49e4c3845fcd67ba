import { type AccountRule, type FindingDraft, fail, notChecked, pass } from "../types.js";

export const unmanagedDomain: AccountRule = {
  id: "unmanaged-domain",
  severity: "low",
  title: "A domain registered in the AWS account is in no policy",
  doc: "With `--inventory`, lists the domains registered in each account's Route 53 Domains that no policy declares. Unmanaged domains drift unseen: nobody checks their delegation, renewal or lock. Add them to a policy (`domain-drift init --from-aws` writes one), or let them go.",
  evaluate({ inventory, declared }) {
    const listing = inventory.registeredDomains;
    if (listing.kind === "unavailable") return notChecked(`Route 53 Domains: ${listing.reason}`);
    const [first, ...rest] = listing.items
      .filter((domain) => !declared.has(domain.name))
      .map(
        (domain): FindingDraft => ({
          message: `${domain.name} is registered in the AWS account ${inventory.account} but declared in no policy.`,
          expected: "declared in a policy",
          observed: domain.name,
          remediation: `Add ${domain.name} to a policy file (domain-drift init --from-aws writes one for everything in the account).`,
          key: domain.name,
        }),
      );
    return first ? fail(first, ...rest) : pass;
  },
};
