// What the Namecheap adapter can observe, as data: the capability matrix of docs/providers.md is
// generated from this, and the session opens the adapter (./provider.ts) for it.
import type { ProviderDescriptor } from "../types.js";

export const namecheapDescriptor = {
  id: "namecheap",
  name: "Namecheap",
  registrar: {
    service: "Namecheap Domains",
    capabilities: {
      listDomains: true,
      nameservers: true,
      autoRenew: true,
      transferLock: true,
      expiry: true,
      status: true,
      // Not read by this adapter: Namecheap's API has no command that lists a domain's DS records.
      dnssecKeys: false,
      // Not read by this adapter: the registrar's operations are not asked for.
      operations: false,
    },
  },
  // Namecheap's hosted DNS records (domains.dns.getHosts) are not read: the catalog judges it.
  dnsHost: undefined,
  // Only declared accounts: an API key reaches the one user it belongs to.
  hasDefaultAccount: false,
} satisfies ProviderDescriptor;
