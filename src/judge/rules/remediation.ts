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

/** Who answers for a role of the domain: the API's service name, and in which account. */
function atAccount(service: string, account: string): string {
  return `${service} (account ${account})`;
}

/** How to switch on a registration setting at the registrar whose API was asked. */
export function enableAtRegistrar(
  provider: string,
  setting: "auto-renew" | "transfer-lock",
  name: string,
): string {
  if (provider === ROUTE53) {
    const command =
      setting === "auto-renew" ? "enable-domain-auto-renew" : "enable-domain-transfer-lock";
    return `aws route53domains ${command} --region us-east-1 --domain-name ${name}`;
  }
  const what = setting === "auto-renew" ? "auto-renew" : "the transfer lock";
  return `Switch on ${what} for ${name} in ${CONTROL_PANELS[provider] ?? "the registrar's control panel"}.`;
}

/** Where a registrar with an API adapter keeps a domain's settings, for people. */
const CONTROL_PANELS: Readonly<Record<string, string>> = {
  cloudflare: "the Cloudflare dashboard (Domain Registration, Manage Domains)",
  godaddy: "the GoDaddy Domain Portfolio (the domain's Domain Settings)",
  namecheap: "the Namecheap Domain List (the domain's Manage page)",
};

/** How to create the zone the policy means, at the DNS host whose API was asked. */
export function createZone(
  provider: string,
  service: string,
  account: string,
  name: string,
): string {
  if (provider === ROUTE53) {
    return `aws route53 create-hosted-zone --name ${name} --caller-reference domain-drift-$(date +%s), then delegate to its name servers.`;
  }
  return `Add ${name} as a zone at ${atAccount(service, account)}, then delegate to the name servers it assigns.`;
}
