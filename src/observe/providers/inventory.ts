// An account's inventory through a provider's roles: what `--inventory` and `init` compare with
// the policies. A role the provider does not play lists nothing.
import { DEFAULT_ACCOUNT } from "./default-account.js";
import type { AccountInventory, ProviderObserver } from "./types.js";

export async function accountInventory(
  provider: Pick<ProviderObserver, "registrar" | "dnsHost">,
  account: string | undefined,
): Promise<AccountInventory> {
  const id = account ?? DEFAULT_ACCOUNT;
  const none = { kind: "ok", account: id, items: [] } as const;
  const [registeredDomains, publicHostedZones] = await Promise.all([
    provider.registrar?.listDomains(account) ?? none,
    provider.dnsHost?.listZones(account) ?? none,
  ]);
  return { account: id, registeredDomains, publicHostedZones };
}
