import { ROUTE53 } from "../../../policy/architecture.js";
import { providerName } from "../remediation.js";
import { type DomainRule, fail, notApplicable, notChecked, pass } from "../types.js";

export const registrarAccountMissing: DomainRule = {
  id: "registrar-account-missing",
  severity: "critical",
  title:
    "The registry names the intended registrar, but the domain is in none of our accounts there",
  doc: "For a domain whose registrar's API is asked in a declared account (Cloudflare Registrar), compares the registry's registrar of record with the account: when the registry says the domain is at the intended registrar but the account does not hold it, the registration sits in another customer's account — pushed there by mistake, or taken over. (For Route 53, registrar-mismatch reports the same with the AWS account.) Find which account holds it and move it back, or correct `account:`.",
  evaluate({ intent, facts, observations, catalog }) {
    const { registration, registrarApi } = observations;
    if (!facts.isRegistrable) {
      return notApplicable(`${intent.name} is a subdomain; registrars hold registered domains`);
    }
    if (registrarApi.provider !== intent.registrar) {
      return notApplicable(`the registrar ${intent.registrar} is not asked through an API`);
    }
    // Route 53's case predates this rule and stays registrar-mismatch's (`key: account`).
    if (registrarApi.provider === ROUTE53) {
      return notApplicable("registrar-mismatch reports a Route 53 registration in another account");
    }
    if (registration.kind === "unavailable" || registration.kind === "skipped") {
      return notChecked(`${registrarApi.service}: ${registration.reason}`);
    }
    if (registration.kind === "registered") return pass;
    if (facts.registrar.kind === "unknown") return notChecked(facts.registrar.reason);
    if (!facts.registrar.value.ids.includes(intent.registrar)) {
      return notApplicable("the registry names another registrar (see registrar-mismatch)");
    }
    const at = providerName(catalog, intent.registrar);
    return fail({
      message: `The registry says ${intent.unicode} is registered with ${at}, but it is not in the ${registrarApi.service} account ${registration.account}: another customer's account holds it.`,
      expected: `${intent.registrar} (account ${registration.account})`,
      observed: `${intent.registrar} (another account)`,
      remediation: `Find the ${at} account that holds ${intent.unicode}: if it is ours, set \`account:\` to it; if not, contact ${at} at once — a registration moved to a stranger's account is a takeover.`,
    });
  },
};
