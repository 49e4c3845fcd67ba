// Which account's file declares each name. A domain may be declared once in a policy set, but a
// name can show up in several accounts (registered in one, its zone in another): it goes to the
// account that registers it, else to the first account with a zone, and the others are noted.

import { normalizeDomainName } from "../names/normalize.js";
import { registrableDomainOf } from "../names/registrable-domain.js";
import { providerDescriptor } from "../observe/providers/registry.js";
import type { AccountInventory } from "../observe/providers/route53/types.js";
import { ROUTE53 } from "../policy/architecture.js";
import { providerOf } from "./init-account.js";
import type { InitAccount } from "./types.js";

export interface AccountListing {
  readonly account: InitAccount;
  readonly inventory: AccountInventory;
}

export interface Placement {
  /** A-label. */
  readonly name: string;
  readonly unicode: string;
  /** What the policy entry's intent will carry as its registrable domain. */
  readonly registrableDomain: string;
  readonly account: InitAccount;
  /** About the other accounts that know the name. */
  readonly notes: readonly string[];
}

export interface PlacementResult {
  /** Sorted by A-label. */
  readonly placements: readonly Placement[];
  /** File-level notes by account id: listings that failed, names no policy can declare. */
  readonly accountNotes: ReadonlyMap<string, readonly string[]>;
}

interface Sighting {
  readonly account: InitAccount;
  readonly registered: boolean;
  readonly zones: readonly string[];
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function describeSighting(sighting: Sighting): string {
  const what = [
    sighting.registered ? "is registered" : undefined,
    sighting.zones.length > 0
      ? `has public hosted zone${sighting.zones.length === 1 ? "" : "s"} ${sighting.zones.join(", ")}`
      : undefined,
  ].filter((part) => part !== undefined);
  return `${what.join(" and ")} in account ${sighting.account.id}`;
}

/** How the notes name an account's listings: `Route 53 Domains`, `Route 53 hosted zones`. */
function servicesOf(account: InitAccount): { registrar: string; dnsHost: string } {
  const descriptor = providerDescriptor(providerOf(account));
  const registrar = descriptor?.registrar?.service ?? "the registrar";
  const dnsHost = descriptor?.dnsHost?.service ?? "the DNS host";
  return {
    registrar,
    dnsHost: descriptor?.id === ROUTE53 ? `${dnsHost} hosted zones` : `${dnsHost} zones`,
  };
}

export function placeNames(listings: readonly AccountListing[]): PlacementResult {
  const sightings = new Map<string, Sighting[]>();
  const accountNotes = new Map<string, string[]>();
  const note = (account: InitAccount, text: string) => {
    const notes = accountNotes.get(account.id) ?? [];
    notes.push(text);
    accountNotes.set(account.id, notes);
  };
  const sight = (account: InitAccount, name: string, registered: boolean, zone?: string) => {
    const list = sightings.get(name) ?? [];
    const index = list.findIndex((s) => s.account.id === account.id);
    const known = list[index];
    const next: Sighting = {
      account,
      registered: registered || (known?.registered ?? false),
      zones: [...(known?.zones ?? []), ...(zone === undefined ? [] : [zone])],
    };
    if (known === undefined) list.push(next);
    else list[index] = next;
    sightings.set(name, list);
  };

  for (const { account, inventory } of listings) {
    const { registeredDomains, publicHostedZones } = inventory;
    const { registrar, dnsHost } = servicesOf(account);
    if (registeredDomains.kind === "unavailable") {
      note(account, `${registrar} could not be listed: ${registeredDomains.reason}`);
    } else {
      for (const domain of registeredDomains.items) sight(account, domain.name, true);
    }
    if (publicHostedZones.kind === "unavailable") {
      note(account, `${dnsHost} could not be listed: ${publicHostedZones.reason}`);
    } else {
      for (const zone of publicHostedZones.items) sight(account, zone.name, false, zone.id);
    }
  }

  const placements: Placement[] = [];
  for (const [raw, seen] of [...sightings].sort(([a], [b]) => compare(a, b))) {
    const home = seen.find((s) => s.registered) ?? seen[0];
    if (home === undefined) continue;
    const name = normalizeDomainName(raw);
    if (!name.ok) {
      note(
        home.account,
        `\`${raw}\` ${describeSighting(home)}, but no policy can declare it: ${name.reason}`,
      );
      continue;
    }
    const notes = seen
      .filter((s) => s !== home)
      .map(
        (s) =>
          `also ${describeSighting(s)}; it is declared here, in account ${home.account.id}, and checked there only`,
      );
    placements.push({
      name: name.name,
      unicode: name.unicode,
      registrableDomain: registrableDomainOf(name.name),
      account: home.account,
      notes,
    });
  }
  placements.sort((a, b) => compare(a.name, b.name));
  return { placements, accountNotes };
}
