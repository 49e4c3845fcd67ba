import { ROUTE53 } from "../../../policy/architecture.js";
import { describeSet, sameSet } from "../facts.js";
import { setNameservers } from "../remediation.js";
import { type DomainRule, fail, notApplicable, notChecked, pass } from "../types.js";

export const registrarNameserversMismatch: DomainRule = {
  id: "registrar-nameservers-mismatch",
  severity: "high",
  title: "The registrar account lists other name servers than the registry's delegation",
  doc: "For a domain registered in the registrar account whose API is asked (Route 53 Domains GetDomainDetail; GoDaddy, Namecheap), compares the name servers the account lists with the NS set the TLD servers hand out. A difference means an update that is stuck, failed, or was made at the registry some other way. Check the domain's pending operations (Route 53: aws route53domains list-operations) and submit the intended name servers again.",
  evaluate({ intent, facts, observations, catalog }) {
    const { registration, delegation, registrarApi } = observations;
    if (!facts.isRegistrable) {
      return notApplicable(
        `${intent.name} is a subdomain of ${intent.registrableDomain}; registrars delegate registered domains only`,
      );
    }
    if (!registrarApi.capabilities.nameservers) {
      return notApplicable(`${registrarApi.service} does not publish name servers`);
    }
    if (registration.kind === "not-in-account") {
      return notApplicable(
        `not registered in the ${registrarApi.service} account ${registration.account}`,
      );
    }
    if (registration.kind !== "registered") {
      return intent.registrar === registrarApi.provider
        ? notChecked(`${registrarApi.service}: ${registration.reason}`)
        : notApplicable(`the domain is not meant to be registered with ${registrarApi.service}`);
    }
    // Declared but missing from this answer: the API left them out.
    const account = registration.detail.nameservers;
    if (account === undefined) {
      return notChecked(
        `${registrarApi.service} listed no name servers for ${intent.registrableDomain}`,
      );
    }
    if (delegation.kind === "failed") return notChecked(`delegation: ${delegation.reason}`);
    const parent = delegation.kind === "delegated" ? delegation.parent.ns : [];
    if (sameSet(account, parent)) return pass;
    const target =
      facts.intendedNameservers.kind === "known" && facts.intendedNameservers.value
        ? facts.intendedNameservers.value.nameservers
        : account;
    const pending =
      registrarApi.provider === ROUTE53
        ? "Check pending operations (aws route53domains list-operations --region us-east-1)"
        : `Check for a pending name-server change at ${registrarApi.service}`;
    return fail({
      message: `The ${registrarApi.service} account ${registration.account} lists ${describeSet(account)} for ${intent.unicode}, but the registry delegates to ${describeSet(parent)}.`,
      expected: account,
      observed: parent,
      remediation: `${pending}, then set the name servers again: ${setNameservers(intent, catalog, target)}`,
    });
  },
};
