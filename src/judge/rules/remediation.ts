// Remediation texts shared by several rules: how to point a domain at a name-server set, at
// whichever registrar holds it.
import type { ProviderCatalog } from "../../catalog/types.js";
import { ROUTE53 } from "../../policy/architecture.js";
import type { DomainIntent } from "../../policy/types.js";

export function providerName(catalog: ProviderCatalog, id: string): string {
  return catalog.get(id)?.name ?? id;
}

/** The exact command (Route 53 Domains) or the instruction (elsewhere) that sets the delegation. */
export function setNameservers(
  intent: DomainIntent,
  catalog: ProviderCatalog,
  nameservers: readonly string[],
): string {
  if (intent.registrar === ROUTE53) {
    const names = nameservers.map((name) => `Name=${name}`).join(" ");
    return `aws route53domains update-domain-nameservers --region us-east-1 --domain-name ${intent.name} --nameservers ${names}`;
  }
  return `At ${providerName(catalog, intent.registrar)}, set the name servers of ${intent.unicode} to: ${nameservers.join(", ")}.`;
}
