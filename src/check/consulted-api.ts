// Which provider API answers for a domain's registrar and DNS-host roles, and in which account.
// The intended provider's own API when it has an adapter for the role and an account that applies
// (one the domain names, or the provider's default); else Route 53 and Route 53 Domains in the
// domain's AWS account, as before other providers had adapters: they show whether the domain or a
// zone of its name is there, and the catalog's name-server patterns judge the rest.
import { providerDescriptor } from "../observe/providers/registry.js";
import { route53Descriptor } from "../observe/providers/route53/descriptor.js";
import type {
  ConsultedApi,
  DnsHostCapability,
  ProviderRole,
  RegistrarCapability,
  RoleDescriptor,
} from "../observe/providers/types.js";
import type { DomainIntent } from "../policy/types.js";

/** A role's API for one domain, and the account it is asked in (undefined: the provider's default). */
export interface Consulted<C extends string> {
  readonly api: ConsultedApi<C>;
  readonly account: string | undefined;
}

type Capability<R extends ProviderRole> = R extends "registrar"
  ? RegistrarCapability
  : DnsHostCapability;

function roleOf<R extends ProviderRole>(
  provider: string,
  role: R,
): RoleDescriptor<Capability<R>> | undefined {
  return providerDescriptor(provider)?.[role] as RoleDescriptor<Capability<R>> | undefined;
}

export function consultedApi<R extends ProviderRole>(
  intent: DomainIntent,
  role: R,
): Consulted<Capability<R>> {
  const intended = role === "registrar" ? intent.registrar : intent.dnsHost;
  const own = roleOf(intended, role);
  const account = intent.accounts[intended];
  if (
    own !== undefined &&
    (account !== undefined || providerDescriptor(intended)?.hasDefaultAccount === true)
  ) {
    return { api: { provider: intended, ...own }, account };
  }
  const fallback = roleOf(route53Descriptor.id, role);
  if (fallback === undefined) throw new Error(`Route 53 declares no ${role} role`);
  return {
    api: { provider: route53Descriptor.id, ...fallback },
    account: intent.accounts[route53Descriptor.id],
  };
}
