import { ROUTE53 } from "../../../policy/architecture.js";
import { type DomainRule, fail, notApplicable, notChecked, pass } from "../types.js";

export const autoRenewDisabled: DomainRule = {
  id: "auto-renew-disabled",
  severity: "medium",
  title: "Auto-renew is off",
  doc: "With `autoRenew: required`, reads the AutoRenew flag of the registration in the Route 53 Domains account. Registries do not publish auto-renew, so for other registrars it cannot be observed and the rule does not apply. A domain without auto-renew expires the day someone forgets it. Switch auto-renew on.",
  evaluate({ intent, observations }) {
    if (intent.hygiene.autoRenew !== "required")
      return notApplicable("the policy does not require auto-renew");
    const { registration } = observations;
    if (registration.kind === "registered") {
      if (registration.detail.autoRenew === true) return pass;
      if (registration.detail.autoRenew === undefined)
        return notChecked("Route 53 Domains did not report AutoRenew");
      const name = intent.registrableDomain;
      return fail({
        message: `Auto-renew is off for ${name}.`,
        expected: true,
        observed: false,
        remediation: `aws route53domains enable-domain-auto-renew --region us-east-1 --domain-name ${name}`,
      });
    }
    if (intent.registrar !== ROUTE53) {
      return notApplicable(
        `auto-renew is not observable at ${intent.registrar} (no API adapter; registries do not publish it)`,
      );
    }
    if (registration.kind === "not-in-account") {
      return notChecked(
        `${intent.registrableDomain} is not in the Route 53 Domains account ${registration.account}`,
      );
    }
    return notChecked(`Route 53 Domains: ${registration.reason}`);
  },
};
