import { enableAtRegistrar } from "../remediation.js";
import { type DomainRule, fail, notApplicable, notChecked, pass } from "../types.js";

export const autoRenewDisabled: DomainRule = {
  id: "auto-renew-disabled",
  severity: "medium",
  title: "Auto-renew is off",
  doc: "With `autoRenew: required`, reads the auto-renew flag of the registration in the registrar account whose API is asked (Route 53 Domains, Cloudflare Registrar). Registries do not publish auto-renew, so for other registrars it cannot be observed and the rule does not apply. A domain without auto-renew expires the day someone forgets it. Switch auto-renew on.",
  evaluate({ intent, observations }) {
    if (intent.hygiene.autoRenew !== "required")
      return notApplicable("the policy does not require auto-renew");
    const { registration, registrarApi } = observations;
    if (registration.kind === "registered") {
      if (registration.detail.autoRenew === true) return pass;
      if (registration.detail.autoRenew === undefined)
        return notChecked(`${registrarApi.service} did not report AutoRenew`);
      const name = intent.registrableDomain;
      return fail({
        message: `Auto-renew is off for ${name}.`,
        expected: true,
        observed: false,
        remediation: enableAtRegistrar(registrarApi.provider, "auto-renew", name),
      });
    }
    if (registrarApi.provider !== intent.registrar || !registrarApi.capabilities.autoRenew) {
      return notApplicable(
        `auto-renew is not observable at ${intent.registrar} (no API adapter or account; registries do not publish it)`,
      );
    }
    if (registration.kind === "not-in-account") {
      return notChecked(
        `${intent.registrableDomain} is not in the ${registrarApi.service} account ${registration.account}`,
      );
    }
    return notChecked(`${registrarApi.service}: ${registration.reason}`);
  },
};
