// How to repair a zone's DNSSEC signing at the DNS host that signs it, for the findings of
// dnssec-signing-inconsistent: each provider's own command (the AWS CLI, the Cloudflare API, gcloud,
// the Azure CLI), and plain words for a host this table does not know.
import type { KeySigningKey } from "../../../observe/providers/types.js";

export interface SigningRemediation {
  /** The parent has DS records but the host does not sign: sign, or remove the DS first. */
  readonly startSigning: (zoneId: string) => string;
  /** The parent's DS points at a key the host does not (or will not) sign with. */
  readonly inactiveKey: (zoneId: string, key: KeySigningKey) => string;
}

const REMOVE_DS =
  "or remove the DS records at the registrar and wait for their TTL before disabling signing.";

/** An Azure DNS zone's resource group and name, from its resource id. */
function azureZone(zoneId: string): { group: string; zone: string } {
  const match =
    /\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Network\/dnszones\/([^/]+)$/i.exec(zoneId);
  return { group: match?.[1] ?? "<resource-group>", zone: match?.[2] ?? "<zone>" };
}

const BY_PROVIDER: Readonly<Record<string, SigningRemediation>> = {
  route53: {
    startSigning: (zoneId) =>
      `aws route53 enable-hosted-zone-dnssec --hosted-zone-id ${zoneId}, ${REMOVE_DS}`,
    inactiveKey: (zoneId, key) =>
      key.status === "ACTION_NEEDED"
        ? `Fix the KMS key behind ${key.name} (it must be enabled, in us-east-1, ECC_NIST_P256, and allow dnssec-route53.amazonaws.com), then aws route53 activate-key-signing-key --hosted-zone-id ${zoneId} --name ${key.name}`
        : `aws route53 activate-key-signing-key --hosted-zone-id ${zoneId} --name ${key.name}, or replace the DS at the registrar with one for an active key.`,
  },
  cloudflare: {
    startSigning: (zoneId) =>
      `Enable DNSSEC for the zone at Cloudflare (DNS › Settings, or PATCH /zones/${zoneId}/dnssec with {"status":"active"}), ${REMOVE_DS}`,
    inactiveKey: (zoneId, key) =>
      `Cloudflare's DNSSEC for the zone is ${key.status}: enable it again (PATCH /zones/${zoneId}/dnssec with {"status":"active"}), or remove the DS records at the registrar so that Cloudflare can finish disabling it.`,
  },
  "google-cloud-dns": {
    startSigning: (zoneId) =>
      `gcloud dns managed-zones update ${zoneId} --dnssec-state on, ${REMOVE_DS}`,
    inactiveKey: (zoneId) =>
      `Replace the DS at the registrar with one for an active key-signing key (gcloud dns dns-keys list --zone ${zoneId} --filter "type=keySigning AND isActive=true" --format "value(ds_record())").`,
  },
  "azure-dns": {
    startSigning: (zoneId) => {
      const { group, zone } = azureZone(zoneId);
      return `az network dns dnssec-config create --resource-group ${group} --zone-name ${zone}, ${REMOVE_DS}`;
    },
    inactiveKey: (zoneId) => {
      const { group, zone } = azureZone(zoneId);
      return `Wait for the zone's DNSSEC configuration to succeed, or replace the DS at the registrar with one of the signing keys az network dns dnssec-config show --resource-group ${group} --zone-name ${zone} lists.`;
    },
  },
};

/** The remediations of the DNS host `provider` (its catalog id), as `service` names it. */
export function signingRemediation(provider: string, service: string): SigningRemediation {
  return (
    BY_PROVIDER[provider] ?? {
      startSigning: () => `Enable DNSSEC signing for the zone at ${service}, ${REMOVE_DS}`,
      inactiveKey: () =>
        `Make the DS at the registrar match a key-signing key ${service} signs with.`,
    }
  );
}
