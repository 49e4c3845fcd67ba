// When the live world contradicts a registration taken from the cache of an earlier run, so that
// the registry must be asked again in this run: the delegation the registry publishes (the walk's
// parent side) no longer lists the cached name servers, or the registrar API consulted for the
// domain (Route 53 Domains, Cloudflare Registrar: listed on every run) disagrees with the cached
// registrar about whether that provider registers the domain, as after a transfer in or out. Such
// a contradiction is checked before the cached answer is judged. The same holds for a registrar API's
// detail taken from an earlier run (Route 53 Domains GetDomainDetail): the delegation must still be
// the name servers it lists.
import { BUILTIN_PROVIDERS } from "../catalog/builtin-providers.js";
import { normalizeHostName } from "../names/normalize.js";
import type { DelegationObservation } from "../observe/dns/types.js";
import type { DomainObservations } from "../observe/observations.js";
import type { DomainDetail } from "../observe/providers/types.js";
import type { RegisteredRdap } from "../observe/rdap/registration-cache.js";

/** The IANA ids of a built-in provider's registrar (Route 53: Amazon Registrar and Gandi). */
function registrarIds(provider: string): ReadonlySet<number> {
  return new Set(BUILTIN_PROVIDERS.find((p) => p.id === provider)?.registrar?.ianaIds ?? []);
}

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a.map(normalizeHostName));
  const right = new Set(b.map(normalizeHostName));
  return left.size === right.size && [...left].every((name) => right.has(name));
}

/**
 * Why `cached` cannot be used with these live observations, or undefined when it can.
 * `registrarApi` is the provider whose registrar API gave `registration`.
 */
export function contradiction(
  cached: RegisteredRdap,
  delegation: DelegationObservation,
  registration: DomainObservations["registration"],
  registrarApi: string,
): string | undefined {
  // A walk that failed or found no delegation cannot confirm the cached name servers.
  if (delegation.kind !== "delegated") return "the live delegation could not confirm it";
  if (!sameNames(delegation.parent.ns, cached.nameservers)) {
    return "the live delegation differs from the cached name servers";
  }
  const ids = registrarIds(registrarApi);
  if (
    ids.size > 0 &&
    (registration.kind === "registered" || registration.kind === "not-in-account")
  ) {
    const inAccount = registration.kind === "registered";
    const id = cached.registrar.ianaId;
    if (inAccount !== (id !== undefined && ids.has(id))) {
      return `the ${registrarApi} registrar account disagrees with the cached registrar`;
    }
  }
  return undefined;
}

/** Why a registrar API's `detail` of an earlier run cannot be used with this delegation, or undefined. */
export function detailContradiction(
  detail: DomainDetail,
  delegation: DelegationObservation,
): string | undefined {
  // An API that lists no name servers has nothing the delegation could contradict.
  if (detail.nameservers === undefined) return undefined;
  if (delegation.kind !== "delegated") return "the live delegation could not confirm it";
  if (!sameNames(delegation.parent.ns, detail.nameservers)) {
    return "the live delegation differs from the name servers the registrar account listed";
  }
  return undefined;
}
