// What the Cloudflare adapter can observe, as data: the capability matrix of docs/providers.md is
// generated from this, and the session opens the adapter (./provider.ts) for it.
import type { ProviderDescriptor } from "../types.js";

export const cloudflareDescriptor = {
  id: "cloudflare",
  name: "Cloudflare",
  registrar: {
    service: "Cloudflare Registrar",
    capabilities: {
      listDomains: true,
      // A registration lists no name servers: Cloudflare Registrar domains use the zone's.
      nameservers: false,
      autoRenew: true,
      transferLock: true,
      expiry: true,
      status: true,
      // Not read by this adapter: the registration's DS records are not asked for.
      dnssecKeys: false,
      // Cloudflare Registrar's API shows no history of a domain's operations.
      operations: false,
    },
  },
  dnsHost: {
    service: "Cloudflare DNS",
    capabilities: {
      listZones: true,
      assignedNameservers: true,
      zoneStatus: true,
      // The assigned pair, plus the zone's apex NS records when multi-provider DNS is on.
      apexNameservers: true,
      // GET /zones/{zone_id}/dnssec: the status and the one key-signing key's DS.
      zoneDnssec: true,
      // GET /zones/{zone_id}/dns_records, paged.
      zoneRecords: true,
    },
  },
  // Only declared accounts: a token reaches what it was given, and a domain names the account.
  hasDefaultAccount: false,
} satisfies ProviderDescriptor;
