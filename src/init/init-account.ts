// What init needs to know of an account it reads, whichever provider's it is: which adapter lists
// it, the id the observers know it by, its `accounts:` entry in the written policy, its file name
// and how the file's header names it. AWS keeps its own spelling (`aws-<account>.yaml`, profiles,
// the default credential chain); every other provider's account is its `accounts:` entry.
import { providerDescriptor } from "../observe/providers/registry.js";
import { ROUTE53 } from "../policy/architecture.js";
import type { InitAccount } from "./types.js";

/** The provider whose adapter lists the account. */
export function providerOf(account: InitAccount): string {
  return account.provider ?? ROUTE53;
}

/** The observers' name for the account: undefined is AWS's default credential chain. */
export function observerAccount(account: InitAccount): string | undefined {
  return account.provider === undefined && account.profile === undefined ? undefined : account.id;
}

/** A domain's accounts, by provider, as its intent carries them: none for AWS's default chain. */
export function accountsOf(account: InitAccount): Readonly<Record<string, string>> {
  const id = observerAccount(account);
  return id === undefined ? {} : { [providerOf(account)]: id };
}

/** The keys of the account's `accounts:` entry, in order; undefined: the file declares none. */
export function accountEntry(account: InitAccount): [string, string][] | undefined {
  if (account.provider !== undefined) {
    return [["provider", account.provider], ...Object.entries(account.settings)];
  }
  return account.profile === undefined ? undefined : [["profile", account.profile]];
}

/** The file an account's policies are written to, inside the output directory. */
export function policyFileName(account: InitAccount): string {
  return `${account.provider ?? "aws"}-${account.id}.yaml`;
}

/** How the header names where the file came from. */
export function describeSource(account: InitAccount): string {
  if (account.provider === undefined) {
    const source =
      account.profile === undefined
        ? "the default AWS credential chain"
        : `AWS profile "${account.profile}"`;
    return `\`domain-drift init --from-aws\` from AWS account \`${account.id}\` (${source})`;
  }
  const name = providerDescriptor(account.provider)?.name ?? account.provider;
  return `\`domain-drift init --from ${account.provider}\` from ${name} account \`${account.id}\``;
}

/**
 * What init lists of the account, as the header says it: the roles the provider's adapter plays
 * (a DNS-only provider such as Google Cloud DNS registers no domains; a registrar-only adapter
 * lists no zones).
 */
export function describeListing(account: InitAccount): string {
  const descriptor = providerDescriptor(providerOf(account));
  const listed = [
    descriptor?.registrar?.capabilities.listDomains ? "registered domains" : undefined,
    descriptor?.dnsHost?.capabilities.listZones ? "public hosted zones" : undefined,
  ].filter((what) => what !== undefined);
  return listed.length === 0 ? "its domains" : `its ${listed.join(" and ")}`;
}
