// Which service answers for a domain's registry: RDAP when the bootstrap lists the TLD, else the
// registry's WHOIS from the capability table, else nothing, saying why. The capability table also
// says what the registry never publishes, so the rules can tell "not published" from "not seen".
import type { RegistryTable } from "../data/registry-table.js";
import type { Skipped } from "../observe/observations.js";
import type { RegistrySource } from "../observe/observers.js";
import { findRdapService, type RdapBootstrap } from "../observe/rdap/bootstrap.js";
import type { RdapObserver } from "../observe/rdap/index.js";
import type { RegistrationCache } from "../observe/rdap/registration-cache.js";
import type { WhoisObserver } from "../observe/whois/index.js";

export interface RegistryLookupParts {
  readonly bootstrap: RdapBootstrap;
  /** True for a user-supplied bootstrap (a lab), as the RDAP observer was told. */
  readonly userSupplied: boolean;
  readonly rdap: Pick<RdapObserver, "lookup">;
  readonly whois: Pick<WhoisObserver, "lookup" | "serves">;
  readonly table: RegistryTable;
  /** Keeps every registration RDAP answers, for the next run. */
  readonly cache?: RegistrationCache;
}

export function createRegistryLookup(parts: RegistryLookupParts): RegistrySource {
  const { bootstrap, userSupplied, whois, table, cache } = parts;
  const rdap = {
    async lookup(domain: string) {
      const observation = await parts.rdap.lookup(domain);
      if (observation.kind === "registered") cache?.remember(observation);
      return observation;
    },
  };
  return {
    profile: (domain) => table.profileOf(domain),
    ...(cache === undefined ? {} : { cache }),
    async lookup(domain) {
      const service = findRdapService(bootstrap, domain, userSupplied);
      if (service.kind !== "none") return rdap.lookup(domain);
      if (whois.serves(domain)) return whois.lookup(domain);
      const profile = table.profileOf(domain);
      // A registry that publishes nothing is no failure: its checks do not apply.
      const nothing = profile?.unpublished.nameservers;
      if (profile !== undefined && nothing !== undefined && profile.unpublished.registrar) {
        return {
          kind: "skipped",
          reason: `${profile.name} (.${profile.tld}): ${nothing}`,
        } satisfies Skipped;
      }
      return rdap.lookup(domain);
    },
  };
}
