// What the Route 53 adapter can observe, as data: the capability matrix of docs/providers.md is
// generated from this, and the session opens the adapter (./provider.ts) for it.
import type { ProviderDescriptor } from "../types.js";

export const route53Descriptor = {
  id: "route53",
  name: "Amazon Route 53",
  registrar: {
    service: "Route 53 Domains",
    capabilities: {
      listDomains: true,
      nameservers: true,
      autoRenew: true,
      transferLock: true,
      expiry: true,
      status: true,
      dnssecKeys: true,
      operations: true,
    },
  },
  dnsHost: {
    service: "Route 53",
    capabilities: {
      listZones: true,
      assignedNameservers: true,
      // A hosted zone serves from the moment it exists: there is no pending state to read.
      zoneStatus: false,
      apexNameservers: true,
      zoneDnssec: true,
      zoneRecords: true,
    },
  },
  hasDefaultAccount: true,
} satisfies ProviderDescriptor;
