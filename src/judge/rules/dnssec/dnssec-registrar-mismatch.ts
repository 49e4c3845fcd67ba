import { ROUTE53 } from "../../../policy/architecture.js";
import { type DsFields, describeDs, dsKey, withoutCapability } from "../dnssec-facts.js";
import { type DomainRule, fail, notApplicable, notChecked, pass } from "../types.js";

export const dnssecRegistrarMismatch: DomainRule = {
  id: "dnssec-registrar-mismatch",
  severity: "high",
  title: "The registrar's DNSSEC keys differ from the registry's DS records",
  doc: "Compares the DS records the registrar's API lists for the domain (Route 53 Domains GetDomainDetail `DnssecKeys`: what the registrar sent) with the DS RRset the parent zone publishes (what the registry serves, read over the wire). They differ when a change at the registrar did not reach the registry, or the registry's DS was changed elsewhere: the next update from the registrar may then publish keys nobody expects, or remove the ones in use. Applies to domains registered in the account; a registrar API that does not show the keys (Cloudflare Registrar, see docs/providers.md) leaves it not checked where the parent publishes DS records or the policy requires or forbids DNSSEC, and not applicable elsewhere; a registry that publishes DS records a few minutes after a change shows a passing difference. Make the registrar's list match the keys the DNS host signs with.",
  evaluate({ intent, observations, facts }) {
    const { registration, delegation, registrarApi } = observations;
    if (!facts.isRegistrable) {
      return notApplicable(
        "a delegated subdomain: the registrar holds DS records for its registrable domain only",
      );
    }
    if (registration.kind === "skipped") return notApplicable(registration.reason);
    if (!registrarApi.capabilities.dnssecKeys) {
      return withoutCapability(
        `${registrarApi.service} does not show through its API the DNSSEC keys it sent to the registry`,
        intent,
        delegation,
      );
    }
    if (registration.kind === "not-in-account") {
      return notApplicable(`the domain is not registered in the ${registrarApi.service} account`);
    }
    if (registration.kind === "unavailable") {
      return intent.registrar === registrarApi.provider
        ? notChecked(`${registrarApi.service}: ${registration.reason}`)
        : notApplicable(`the domain is not meant to be registered with ${registrarApi.service}`);
    }
    const detail = registration.detail;
    const listed = detail.dnssecKeys;
    if (listed === undefined) {
      return notChecked(
        `${registrarApi.service} listed no DNSSEC keys for ${intent.registrableDomain}`,
      );
    }
    if (delegation.kind === "failed") return notChecked(`delegation: ${delegation.reason}`);
    if (delegation.kind === "not-delegated") return notApplicable("the domain is not delegated");
    if (detail.dnssecKeysUnread !== undefined) {
      return notChecked(
        `${registrarApi.service} lists ${detail.dnssecKeysUnread} more DNSSEC keys than the ${listed.length} read`,
      );
    }
    const registrar = new Map(listed.map((key) => [dsKey(key), key]));
    const registry = new Map(delegation.parent.ds.map((ds) => [dsKey(ds), ds]));
    const onlyRegistrar = [...registrar].filter(([key]) => !registry.has(key)).map(([, v]) => v);
    const onlyRegistry = [...registry].filter(([key]) => !registrar.has(key)).map(([, v]) => v);
    if (onlyRegistrar.length === 0 && onlyRegistry.length === 0) return pass;
    const describe = (list: readonly DsFields[]) =>
      list.length === 0 ? "(none)" : list.map(describeDs).join(", ");
    const parts = [
      onlyRegistrar.length > 0 ? `only at the registrar: ${describe(onlyRegistrar)}` : "",
      onlyRegistry.length > 0 ? `only at the registry: ${describe(onlyRegistry)}` : "",
    ].filter((part) => part !== "");
    return fail({
      message: `The DNSSEC keys ${registrarApi.service} holds for ${intent.registrableDomain} differ from the DS records the registry publishes: ${parts.join("; ")}.`,
      expected: describe([...registry.values()]),
      observed: describe([...registrar.values()]),
      remediation:
        registrarApi.provider !== ROUTE53
          ? `Make the DNSSEC keys ${registrarApi.service} holds for ${intent.registrableDomain} match the keys the DNS host signs with. If the registry's DS was set elsewhere, ask the registry (or the previous registrar) to remove it.`
          : `List the registrar's keys with aws route53domains get-domain-detail --region us-east-1 --domain-name ${intent.registrableDomain} --query DnssecKeys; remove a stale one with aws route53domains disassociate-delegation-signer-from-domain --region us-east-1 --domain-name ${intent.registrableDomain} --id <id>, add a missing one with aws route53domains associate-delegation-signer-to-domain --region us-east-1 --domain-name ${intent.registrableDomain} --signing-attributes Algorithm=<alg>,Flags=257,PublicKey=<key>. If the registry's DS was set elsewhere, ask the registry (or the previous registrar) to remove it.`,
    });
  },
};
