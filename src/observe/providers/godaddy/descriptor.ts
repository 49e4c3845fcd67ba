// What the GoDaddy adapter can observe, as data: the capability matrix of docs/providers.md is
// generated from this, and the session opens the adapter (./provider.ts) for it.
import type { ProviderDescriptor } from "../types.js";

export const godaddyDescriptor = {
  id: "godaddy",
  name: "GoDaddy",
  registrar: {
    service: "GoDaddy Domains",
    capabilities: {
      listDomains: true,
      nameservers: true,
      autoRenew: true,
      transferLock: true,
      expiry: true,
      status: true,
      // Not read by this adapter: GoDaddy's DNSSEC records endpoint is not asked.
      dnssecKeys: false,
      // Not read by this adapter: the registrar's operations are not asked for.
      operations: false,
    },
  },
  // GoDaddy DNS (its zones API) is not read by this adapter: the catalog's patterns judge it.
  dnsHost: undefined,
  // Only declared accounts: an API key reaches the one customer account it belongs to.
  hasDefaultAccount: false,
} satisfies ProviderDescriptor;
