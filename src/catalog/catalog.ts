// Builds the provider catalog (built-ins plus a policy's `providers:`) and answers identification
// questions against it.
import { normalizeHostName } from "../names/normalize.js";
import { BUILTIN_PROVIDERS } from "./builtin-providers.js";
import { compileNameserverPatterns, type HostMatcher } from "./nameserver-pattern.js";
import type {
  DnsHostIdentification,
  DnsHostRole,
  PolicyProviderDefinition,
  Provider,
  ProviderCatalog,
  RegistrarEvidence,
  RegistrarIdentification,
  RegistrarRole,
} from "./types.js";

// Legal-form words registries append or drop at will ("Amazon Registrar, Inc." / "AMAZON REGISTRAR INC").
const LEGAL_SUFFIXES = new Set([
  "inc",
  "incorporated",
  "llc",
  "ltd",
  "limited",
  "sas",
  "sa",
  "sarl",
  "corp",
  "corporation",
  "co",
  "gmbh",
  "ag",
  "bv",
  "plc",
  "pty",
]);

/** A registrar name reduced to what identifies it: case, punctuation and legal suffixes removed. */
export function registrarNameKey(name: string): string {
  const words = name
    .normalize("NFKC")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
  while (words.length > 1 && LEGAL_SUFFIXES.has(words[words.length - 1] ?? "")) words.pop();
  return words.join(" ");
}

function union<T>(first: readonly T[], second: readonly T[] | undefined): readonly T[] {
  return second === undefined ? first : [...new Set([...first, ...second])];
}

function mergeHandles(
  first: Readonly<Record<string, readonly string[]>> | undefined,
  second: Readonly<Record<string, readonly string[]>> | undefined,
): Readonly<Record<string, readonly string[]>> {
  const merged: Record<string, readonly string[]> = { ...first };
  for (const [scope, handles] of Object.entries(second ?? {})) {
    merged[scope] = union(merged[scope] ?? [], handles);
  }
  return merged;
}

/** Handles compare case-insensitively (`reg42-NORID` and `REG42-norid` are one registrar). */
const handleKey = (scope: string, handle: string): string =>
  `${scope.toLowerCase()} ${handle.toLowerCase()}`;

function mergeProvider(base: Provider | undefined, definition: PolicyProviderDefinition): Provider {
  const dnsDefinition = definition.dnsHost;
  const dnsHost: DnsHostRole | undefined =
    dnsDefinition === undefined
      ? base?.dnsHost
      : {
          nameservers: union(base?.dnsHost?.nameservers ?? [], dnsDefinition.nameservers),
          sharedHosting: dnsDefinition.sharedHosting ?? base?.dnsHost?.sharedHosting ?? false,
        };
  const registrarDefinition = definition.registrar;
  const registrar: RegistrarRole | undefined =
    registrarDefinition === undefined
      ? base?.registrar
      : {
          ianaIds: union(base?.registrar?.ianaIds ?? [], registrarDefinition.ianaIds),
          names: union(base?.registrar?.names ?? [], registrarDefinition.names),
          handles: mergeHandles(base?.registrar?.handles, registrarDefinition.handles),
        };
  return {
    id: definition.id,
    name: definition.name ?? base?.name ?? definition.id,
    dnsHost,
    registrar,
    origin: base === undefined ? "policy" : "extended",
  };
}

class Catalog implements ProviderCatalog {
  readonly #providers: ReadonlyMap<string, Provider>;
  readonly #ids: readonly string[];
  readonly #dnsHostMatchers: readonly { readonly id: string; readonly matches: HostMatcher }[];
  readonly #registrarsByIanaId = new Map<number, string[]>();
  readonly #registrarsByName = new Map<string, string[]>();
  readonly #registrarsByHandle = new Map<string, string[]>();

  constructor(providers: readonly Provider[]) {
    this.#providers = new Map(providers.map((provider) => [provider.id, provider]));
    this.#ids = providers.map((provider) => provider.id);
    this.#dnsHostMatchers = providers.flatMap((provider) =>
      provider.dnsHost === undefined
        ? []
        : [{ id: provider.id, matches: compileNameserverPatterns(provider.dnsHost.nameservers) }],
    );
    for (const provider of providers) {
      for (const ianaId of provider.registrar?.ianaIds ?? []) {
        appendTo(this.#registrarsByIanaId, ianaId, provider.id);
      }
      for (const name of provider.registrar?.names ?? []) {
        appendTo(this.#registrarsByName, registrarNameKey(name), provider.id);
      }
      for (const [scope, handles] of Object.entries(provider.registrar?.handles ?? {})) {
        for (const handle of handles) {
          appendTo(this.#registrarsByHandle, handleKey(scope, handle), provider.id);
        }
      }
    }
  }

  get(id: string): Provider | undefined {
    return this.#providers.get(id);
  }

  ids(): readonly string[] {
    return this.#ids;
  }

  matchesNameserverPattern(id: string, host: string): boolean {
    return this.#dnsHostMatchers.some((matcher) => matcher.id === id && matcher.matches(host));
  }

  identifyDnsHost(nameservers: readonly string[]): DnsHostIdentification {
    const byProvider = new Map<string | undefined, Set<string>>();
    for (const nameserver of nameservers) {
      const host = normalizeHostName(nameserver);
      const id = this.#dnsHostMatchers.find((matcher) => matcher.matches(host))?.id;
      const hosts = byProvider.get(id) ?? new Set<string>();
      hosts.add(host);
      byProvider.set(id, hosts);
    }
    const [only] = byProvider.keys();
    if (byProvider.size === 0 || (byProvider.size === 1 && only === undefined)) {
      return { kind: "unknown" };
    }
    if (byProvider.size === 1 && only !== undefined) return { kind: "provider", id: only };
    const parts = [...byProvider]
      .map(([id, hosts]) => ({ id, nameservers: [...hosts].sort() }))
      .sort((a, b) => compareIds(a.id, b.id));
    return { kind: "mixed", parts };
  }

  identifyRegistrar(registrar: RegistrarEvidence): RegistrarIdentification {
    const { ianaId, name, handle } = registrar;
    const byIanaId = ianaId === undefined ? undefined : this.#registrarsByIanaId.get(ianaId);
    const byHandle =
      handle === undefined
        ? undefined
        : (registrar.scopes ?? [])
            .map((scope) => this.#registrarsByHandle.get(handleKey(scope, handle)))
            .find((ids) => ids !== undefined);
    const byName =
      name === undefined ? undefined : this.#registrarsByName.get(registrarNameKey(name));
    const ids = byIanaId ?? byHandle ?? byName;
    return ids === undefined ? { kind: "unknown" } : { kind: "match", ids: [...ids] };
  }
}

function appendTo<K>(map: Map<K, string[]>, key: K, id: string): void {
  const ids = map.get(key);
  if (ids === undefined) map.set(key, [id]);
  else if (!ids.includes(id)) ids.push(id);
}

/** Unrecognised servers (id `undefined`) sort last. */
function compareIds(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  return a < b ? -1 : 1;
}

export function isBuiltinProviderId(id: string): boolean {
  return BUILTIN_PROVIDERS.some((provider) => provider.id === id);
}

/**
 * The built-in catalog merged with a policy's provider definitions. A definition whose id is built in
 * extends that provider (patterns, ids and names are added; `name` and `sharedHosting` replace);
 * a new id defines a provider. Policy-defined providers come first, so they win a pattern overlap.
 */
export function buildCatalog(
  policyProviders: readonly PolicyProviderDefinition[],
): ProviderCatalog {
  const definitions = new Map(policyProviders.map((definition) => [definition.id, definition]));
  const builtins = BUILTIN_PROVIDERS.map((builtin): Provider => {
    const definition = definitions.get(builtin.id);
    const base: Provider = { ...builtin, origin: "builtin" };
    return definition === undefined ? base : mergeProvider(base, definition);
  });
  const added = policyProviders
    .filter((definition) => !isBuiltinProviderId(definition.id))
    .map((definition) => mergeProvider(undefined, definition));
  return new Catalog([...added, ...builtins]);
}
