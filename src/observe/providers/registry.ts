// Every provider adapter, registered once: its descriptor (what it can observe, read by the docs'
// capability matrix and the pipeline) and how a session opens it. The adapter's module, and so its
// SDK, is loaded only when a session opens it. Adding a provider: its folder, and its line here
// (docs/providers.md, "Adding a provider").
import { azureDnsDescriptor } from "./azure/descriptor.js";
import { cloudflareDescriptor } from "./cloudflare/descriptor.js";
import { googleCloudDnsDescriptor } from "./gcp/descriptor.js";
import { godaddyDescriptor } from "./godaddy/descriptor.js";
import { namecheapDescriptor } from "./namecheap/descriptor.js";
import { route53Descriptor } from "./route53/descriptor.js";
import type { ProviderDescriptor, ProviderObserver, ProviderOpenOptions } from "./types.js";

export interface RegisteredProvider {
  readonly descriptor: ProviderDescriptor;
  open(options: ProviderOpenOptions): Promise<ProviderObserver>;
}

export const PROVIDERS: readonly RegisteredProvider[] = [
  {
    descriptor: route53Descriptor,
    open: async (options) => (await import("./route53/provider.js")).openRoute53(options),
  },
  {
    descriptor: cloudflareDescriptor,
    open: async (options) => (await import("./cloudflare/provider.js")).openCloudflare(options),
  },
  {
    descriptor: googleCloudDnsDescriptor,
    open: async (options) => (await import("./gcp/provider.js")).openGoogleCloudDns(options),
  },
  {
    descriptor: azureDnsDescriptor,
    open: async (options) => (await import("./azure/provider.js")).openAzureDns(options),
  },
  {
    descriptor: godaddyDescriptor,
    open: async (options) => (await import("./godaddy/provider.js")).openGoDaddy(options),
  },
  {
    descriptor: namecheapDescriptor,
    open: async (options) => (await import("./namecheap/provider.js")).openNamecheap(options),
  },
];

/** The descriptor of a registered provider, or undefined for an id no adapter has. */
export function providerDescriptor(id: string): ProviderDescriptor | undefined {
  return PROVIDERS.find((provider) => provider.descriptor.id === id)?.descriptor;
}
