import { ROUTE53 } from "../../../policy/architecture.js";
import { unpublishedReason } from "../facts.js";
import { providerName } from "../remediation.js";
import { type DomainRule, fail, notApplicable, notChecked, pass } from "../types.js";

export const registrarMismatch: DomainRule = {
  id: "registrar-mismatch",
  severity: "high",
  title: "The registry's registrar of record is not the intended registrar",
  doc: "Compares the registrar the registry names in RDAP or WHOIS (by IANA id at gTLDs, else by a registry handle a provider declares, else by name) with the policy's registrar; not applicable where the registry never publishes the registrar (the capability table says which); when RDAP cannot tell, a registration in the Route 53 Domains account counts as Route 53. A mismatch means the domain was transferred, or the policy is wrong. A domain meant for Route 53 that the registry shows at Amazon Registrar but that is not in the policy's AWS account is registered in another account. Fix the policy, or transfer the domain back.",
  evaluate({ intent, facts, observations, catalog }) {
    if (observations.rdap.kind === "not-registered") {
      return notApplicable("the domain is not registered (see domain-not-registered)");
    }
    const { registration } = observations;
    if (facts.registrar.kind === "unknown") {
      if (intent.registrar === ROUTE53 && registration.kind === "not-in-account") {
        return fail({
          message: `${intent.unicode} is meant to be registered with Route 53, but it is not in the AWS account ${registration.account}, and the registry does not say who holds it (${facts.registrar.reason}).`,
          expected: `route53 (account ${registration.account})`,
          observed: "not in the account",
          remediation: `Find where ${intent.unicode} is registered: set \`account:\` to the AWS account that holds it, or fix \`registrar:\` in the policy.`,
          key: "account",
        });
      }
      const unpublished = unpublishedReason(intent, observations, "registrar");
      return unpublished !== undefined
        ? notApplicable(unpublished)
        : notChecked(facts.registrar.reason);
    }
    const registrar = facts.registrar.value;
    const observedName =
      (registrar.name ??
        (registrar.ianaId !== undefined ? `IANA ${registrar.ianaId}` : undefined) ??
        `handle ${registrar.handle}`) +
      (registrar.role === "sponsor"
        ? " (the registry's sponsor entity: it lists no registrar)"
        : "");
    const intended = providerName(catalog, intent.registrar);
    if (!registrar.ids.includes(intent.registrar)) {
      return fail({
        message: `${intent.unicode} is registered with ${observedName}, not ${intended}.`,
        expected: intent.registrar,
        observed: registrar.ids.length > 0 ? registrar.ids.join(", ") : observedName,
        remediation: `If the transfer was intended, set \`registrar: ${registrar.ids[0] ?? "<provider id>"}\` in the policy; otherwise transfer ${intent.unicode} back to ${intended}.`,
      });
    }
    if (intent.registrar === ROUTE53 && registration.kind === "not-in-account") {
      return fail({
        message: `${intent.unicode} is registered with Route 53, but not in the AWS account ${registration.account}.`,
        expected: `route53 (account ${registration.account})`,
        observed: "route53 (another account)",
        remediation: `Set \`account:\` for ${intent.unicode} to the AWS account that holds the registration, or transfer the domain into ${registration.account} (aws route53domains transfer-domain-to-another-aws-account).`,
        key: "account",
      });
    }
    return pass;
  },
};
