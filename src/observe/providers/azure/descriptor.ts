// What the Azure DNS adapter can observe, as data: the capability matrix of docs/providers.md is
// generated from this, and the session opens the adapter (./provider.ts) for it.
import type { ProviderDescriptor } from "../types.js";

export const azureDnsDescriptor = {
  // The catalog's id of Azure's ns1-…ns4-NN.azure-dns.* name servers.
  id: "azure-dns",
  name: "Azure DNS",
  // Azure sells domains through App Service Domains (GoDaddy as registrar): not read here.
  registrar: undefined,
  dnsHost: {
    service: "Azure DNS",
    capabilities: {
      listZones: true,
      assignedNameservers: true,
      // An Azure DNS zone has no activation state: it is served once created.
      zoneStatus: false,
      // The apex NS record set (recordSets.get @ NS).
      apexNameservers: true,
      // dnssecConfigs/default (API 2023-07-01-preview, through the SDK's pipeline).
      zoneDnssec: true,
      // recordSets.listByDnsZone, paged.
      zoneRecords: true,
    },
  },
  // Only declared accounts: a domain names the subscription whose zones hold it.
  hasDefaultAccount: false,
} satisfies ProviderDescriptor;
