// Providers the catalog does not know, written as `providers:` entries so the policy can name them:
// a registrar by its IANA id and name, a DNS host by the exact name servers it was seen with.
import { registrarNameKey } from "../catalog/catalog.js";
import type { PolicyProviderDefinition, ProviderCatalog } from "../catalog/types.js";
import { registrableDomainOf } from "../names/registrable-domain.js";
import { singleLine } from "./single-line.js";

const MAX_ID_LENGTH = 64;

/** Lower-case letters, digits and inner hyphens, as the policy language requires of ids. */
function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .slice(0, MAX_ID_LENGTH)
    .replace(/^-+|-+$/g, "");
}

/** An id that is not a provider of the catalog already (which would extend that provider). */
function freeId(base: string, role: string, catalog: ProviderCatalog): string {
  if (catalog.get(base) === undefined) return base;
  return `${base.slice(0, MAX_ID_LENGTH - role.length - 1)}-${role}`;
}

/** `undefined` when the registrar has neither a usable name nor an IANA id. */
export function registrarProvider(
  observed: { readonly ianaId: number | undefined; readonly name: string | undefined },
  catalog: ProviderCatalog,
): PolicyProviderDefinition | undefined {
  // Names are matched ignoring punctuation and spacing (registrarNameKey), so line breaks go.
  const name = observed.name === undefined ? undefined : singleLine(observed.name) || undefined;
  const registrar = { ianaId: observed.ianaId, name };
  const base =
    (registrar.name === undefined ? "" : slug(registrarNameKey(registrar.name))) ||
    (registrar.ianaId === undefined ? "" : `iana-${registrar.ianaId}`);
  if (base === "") return undefined;
  return {
    id: freeId(base, "registrar", catalog),
    ...(registrar.name === undefined ? {} : { name: registrar.name }),
    registrar: {
      ...(registrar.ianaId === undefined ? {} : { ianaIds: [registrar.ianaId] }),
      ...(registrar.name === undefined ? {} : { names: [registrar.name] }),
    },
  };
}

/**
 * A DNS host known only by these servers. Exact names, no wildcards: a pattern guessed wider
 * could claim servers that are someone else's.
 */
export function dnsHostProvider(
  nameservers: readonly string[],
  catalog: ProviderCatalog,
): PolicyProviderDefinition | undefined {
  const sorted = [...new Set(nameservers)].sort();
  const [first] = sorted;
  if (first === undefined) return undefined;
  const base = slug(registrableDomainOf(first));
  if (base === "") return undefined;
  return {
    id: freeId(base, "dns", catalog),
    name: registrableDomainOf(first),
    dnsHost: { nameservers: sorted },
  };
}

function union<T>(a: readonly T[] | undefined, b: readonly T[] | undefined): T[] | undefined {
  if (a === undefined && b === undefined) return undefined;
  return [...new Set([...(a ?? []), ...(b ?? [])])];
}

/** Several domains may need the same new provider, possibly in different roles: one entry each. */
export function mergeProviderDefinitions(
  definitions: readonly PolicyProviderDefinition[],
): PolicyProviderDefinition[] {
  const byId = new Map<string, PolicyProviderDefinition>();
  for (const definition of definitions) {
    const known = byId.get(definition.id);
    if (known === undefined) {
      byId.set(definition.id, definition);
      continue;
    }
    const nameservers = union(known.dnsHost?.nameservers, definition.dnsHost?.nameservers);
    const ianaIds = union(known.registrar?.ianaIds, definition.registrar?.ianaIds);
    const names = union(known.registrar?.names, definition.registrar?.names);
    const name = known.name ?? definition.name;
    byId.set(definition.id, {
      id: definition.id,
      ...(name === undefined ? {} : { name }),
      ...(nameservers === undefined ? {} : { dnsHost: { nameservers: nameservers.sort() } }),
      ...(ianaIds === undefined && names === undefined
        ? {}
        : {
            registrar: {
              ...(ianaIds === undefined ? {} : { ianaIds: ianaIds.sort((x, y) => x - y) }),
              ...(names === undefined ? {} : { names }),
            },
          }),
    });
  }
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
