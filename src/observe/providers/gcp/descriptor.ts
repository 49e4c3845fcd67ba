// What the Google Cloud DNS adapter can observe, as data: the capability matrix of
// docs/providers.md is generated from this, and the session opens the adapter (./provider.ts) for it.
import type { ProviderDescriptor } from "../types.js";

export const googleCloudDnsDescriptor = {
  // The catalog's id of Google's ns-cloud name servers.
  id: "google-cloud-dns",
  name: "Google Cloud DNS",
  // Google Cloud DNS registers no domains (Google Domains went to Squarespace).
  registrar: undefined,
  dnsHost: {
    service: "Google Cloud DNS",
    capabilities: {
      listZones: true,
      assignedNameservers: true,
      // A managed zone has no activation state: it is served from the moment it exists.
      zoneStatus: false,
      // The apex NS record set (resourceRecordSets.list by name and type).
      apexNameservers: true,
      // The listing's dnssecConfig.state, and the key-signing keys from dnsKeys.list.
      zoneDnssec: true,
      // resourceRecordSets.list, paged.
      zoneRecords: true,
    },
  },
  // Only declared accounts: a domain names the project whose zones hold it.
  hasDefaultAccount: false,
} satisfies ProviderDescriptor;
