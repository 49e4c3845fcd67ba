// Runs every observer for one domain. Observers never throw by contract; the guard below still
// turns a broken promise into an "unavailable" value so one bug cannot lose the other domains.
//
// The live observations (DNS walk, RDAP) run inside `live`, the pipeline's concurrency slot. The
// provider APIs' start at once and are awaited outside it: they wait on account listings and rate
// limiters, not on the network slots, so a domain waiting for an API must not keep DNS waiting.

import { DNSSEC_NOT_IN_PLAY, dnssecInPlay } from "../judge/rules/dnssec-facts.js";
import type { DelegationObservation, DnssecLookup } from "../observe/dns/types.js";
import type { DomainObservations, RegistryObservation, Skipped } from "../observe/observations.js";
import type { Observers, Optional, ProviderSource, RegistrySource } from "../observe/observers.js";
import { DEFAULT_ACCOUNT } from "../observe/providers/default-account.js";
import type {
  EarlierDetailLookup,
  ProviderUnavailable,
  RegistrationObservation,
} from "../observe/providers/types.js";
import type { DomainIntent } from "../policy/types.js";
import { contradiction, detailContradiction } from "./cached-registration.js";
import { type Consulted, consultedApi } from "./consulted-api.js";
import { observeMigration } from "./observe-migration.js";

function describe(error: unknown): string {
  return `internal error: ${error instanceof Error ? error.message : String(error)}`;
}

async function guarded<T>(work: Promise<T>, onError: (reason: string) => T): Promise<T> {
  try {
    return await work;
  } catch (error) {
    return onError(describe(error));
  }
}

/** The registry's answer; never rejects. */
function askRegistry(
  source: RegistrySource,
  domain: string,
): Promise<RegistryObservation | Skipped> {
  return guarded<RegistryObservation | Skipped>(source.lookup(domain), (reason) => ({
    kind: "unavailable",
    domain,
    reason,
    url: undefined,
  }));
}

/** True when the live DNS cannot show the zone's own NS set, so the API must be asked. */
function liveDnsBlind(delegation: DelegationObservation): boolean {
  if (delegation.kind !== "delegated") return true;
  return !delegation.nameservers.some((ns) =>
    ns.probes.some((p) => p.answer.kind === "authoritative"),
  );
}

/**
 * DNSSEC costs one DNSKEY query per delegated server address and one GetDNSSEC call per zone:
 * spent on every domain whose policy requires DNSSEC, otherwise only where the parent is signed.
 */
function dnssecLookup(intent: DomainIntent): DnssecLookup {
  return intent.dnssec.mode === "required" ? "always" : "if-signed";
}

/** Runs a piece of work in a concurrency slot; by default, at once. */
export type Slot = <T>(work: () => Promise<T>) => Promise<T>;

const immediately: Slot = (work) => work();

/** The open adapter of a consulted API, or why it is not asked. */
function adapter(observers: Observers, consulted: Consulted<string>): Optional<ProviderSource> {
  return (
    observers.providers.get(consulted.api.provider) ?? {
      kind: "skipped",
      reason: `the ${consulted.api.service} API is not open in this run`,
    }
  );
}

function unavailableIn(consulted: Consulted<string>) {
  return (reason: string): ProviderUnavailable => ({
    kind: "unavailable",
    account: consulted.account ?? DEFAULT_ACCOUNT,
    reason,
    deniedAction: undefined,
  });
}

/** Asks a role of an adapter, or passes on why it cannot be asked. */
function ask<T>(
  source: Optional<ProviderSource>,
  call: (source: ProviderSource) => Promise<T> | undefined,
  onError: (reason: string) => T,
): Promise<T | Skipped> {
  if (source.kind === "skipped") return Promise.resolve(source);
  const work = call(source.source);
  return work === undefined
    ? Promise.resolve({ kind: "skipped", reason: "the provider's adapter has no such role" })
    : guarded(work, onError);
}

/** The registrar API's answer for the domain, offered `earlier` details; never rejects. */
function askRegistration(
  intent: DomainIntent,
  observers: Observers,
  earlier?: EarlierDetailLookup,
): Promise<RegistrationObservation | Skipped> {
  const registrar = consultedApi(intent, "registrar");
  return ask(
    adapter(observers, registrar),
    (source) =>
      source.registrar?.registration(intent.registrableDomain, registrar.account, earlier),
    unavailableIn(registrar),
  );
}

/** A registration whose detail came from an earlier run. */
function isFromCache(
  registration: RegistrationObservation | Skipped,
): registration is Extract<RegistrationObservation, { kind: "registered" }> {
  return registration.kind === "registered" && registration.observedAt !== undefined;
}

export async function observeDomain(
  intent: DomainIntent,
  observers: Observers,
  live: Slot = immediately,
): Promise<DomainObservations> {
  const registrable = intent.registrableDomain;
  const { rdap } = observers;
  const registrar = consultedApi(intent, "registrar");
  const dnsHost = consultedApi(intent, "dnsHost");
  const dnsHostSource = adapter(observers, dnsHost);

  const details = observers.registrarDetails;
  const earlierDetail: EarlierDetailLookup | undefined =
    details &&
    ((listed) =>
      details.usable(
        registrar.api.provider,
        registrar.account ?? DEFAULT_ACCOUNT,
        listed,
        intent.hygiene.expiryMinDays,
        Date.now(),
      ));
  // Started before the live slot is taken, awaited after it is given back; never rejects.
  const apiObservations = Promise.all([
    askRegistration(intent, observers, earlierDetail),
    ask(
      dnsHostSource,
      (source) => source.dnsHost?.zones(intent.name, dnsHost.account),
      unavailableIn(dnsHost),
    ),
  ]);
  const lookupRegistry = () =>
    rdap.kind === "skipped" ? Promise.resolve(rdap) : askRegistry(rdap.source, registrable);
  // An earlier run's registration, when nothing known before the walk calls for asking again.
  const earlier =
    rdap.kind === "enabled"
      ? await rdap.source.cache?.usable(registrable, intent.hygiene.expiryMinDays, Date.now())
      : undefined;
  const [delegation, firstRdap] = await live(() =>
    Promise.all([
      guarded(
        // A migration is judged per parent server: a registry update reaches them one by one.
        observers.delegation.walk(intent.name, {
          dnssec: dnssecLookup(intent),
          allParents: intent.migration !== undefined,
        }),
        (reason): DelegationObservation => ({
          kind: "failed",
          domain: intent.name,
          zone: ".",
          reason,
          path: [],
          stats: { queries: 0, durationMs: 0 },
        }),
      ),
      earlier ?? lookupRegistry(),
    ]),
  );
  const [earlierRegistration, hostedZones] = await apiObservations;
  // So is a registrar API's detail of an earlier run that the delegation no longer matches.
  const registration =
    isFromCache(earlierRegistration) &&
    detailContradiction(earlierRegistration.detail, delegation) !== undefined
      ? await askRegistration(intent, observers)
      : earlierRegistration;
  // A cached registration the live world contradicts is asked again before anything is judged.
  const rdapResult =
    earlier !== undefined &&
    contradiction(earlier, delegation, registration, registrar.api.provider) !== undefined
      ? await live(lookupRegistry)
      : firstRdap;

  let apexNameservers: DomainObservations["apexNameservers"] = {
    kind: "skipped",
    reason: "the live DNS shows the zone's NS set",
  } satisfies Skipped;
  const zones = hostedZones.kind === "found" ? hostedZones.zones : [];
  const zone =
    zones.find((z) => z.id === intent.hostedZoneId) ?? (zones.length === 1 ? zones[0] : undefined);
  if (zone && liveDnsBlind(delegation)) {
    const asked = await ask(
      dnsHostSource,
      (source) => source.dnsHost?.apexNameservers?.(zone, dnsHost.account),
      unavailableIn(dnsHost),
    );
    // An API without the zone's apex records leaves the child side to the live DNS alone.
    if (asked.kind !== "skipped") apexNameservers = asked;
  }
  let hostedZoneDnssec: DomainObservations["hostedZoneDnssec"];
  if (zone === undefined) {
    hostedZoneDnssec = {
      kind: "skipped",
      reason:
        dnsHostSource.kind === "skipped"
          ? dnsHostSource.reason
          : `no ${dnsHost.api.service} zone to ask`,
    };
  } else if (!dnssecInPlay(intent, delegation)) {
    // The DNS host's signing (Route 53 GetDNSSEC) is worth a call only where DNSSEC is in play.
    hostedZoneDnssec = { kind: "skipped", reason: DNSSEC_NOT_IN_PLAY };
  } else if (!dnsHost.api.capabilities.zoneDnssec) {
    // Worth asking, but the API cannot answer: the checks that need it are not checked.
    hostedZoneDnssec = unavailableIn(dnsHost)(
      `${dnsHost.api.service} does not show a zone's DNSSEC signing through its API`,
    );
  } else {
    hostedZoneDnssec = await ask(
      dnsHostSource,
      (source) => source.dnsHost?.zoneDnssec?.(zone, dnsHost.account),
      unavailableIn(dnsHost),
    );
  }
  const registry = rdap.kind === "enabled" ? rdap.source.profile?.(registrable) : undefined;
  const migration =
    intent.migration === undefined
      ? undefined
      : await observeMigration({
          intent,
          observers,
          delegation,
          hostedZones,
          registrar,
          registrarSource: adapter(observers, registrar),
          dnsHost,
          dnsHostSource,
          unavailable: unavailableIn(registrar),
          live,
        });
  return {
    delegation,
    rdap: rdapResult,
    registry,
    registrarApi: registrar.api,
    registration,
    dnsHostApi: dnsHost.api,
    hostedZones,
    apexNameservers,
    hostedZoneDnssec,
    ...(migration === undefined ? {} : { migration }),
  };
}

/** Whether the registry's answer came from the cache of an earlier run. */
function registryFromCache(observations: DomainObservations): boolean {
  const rdap = observations.rdap;
  return rdap.kind === "registered" && "observedAt" in rdap && rdap.observedAt !== undefined;
}

/** Whether the registry's answer or the registrar API's detail came from an earlier run. */
export function fromCache(observations: DomainObservations): boolean {
  return registryFromCache(observations) || isFromCache(observations.registration);
}

/**
 * The observations with what came from an earlier run asked again in this run (the registry in a
 * live slot): a cached answer may make a domain pass only as it did before, never fail (or stay
 * unknown) without a fresh one.
 */
export async function withFreshSources(
  intent: DomainIntent,
  observations: DomainObservations,
  observers: Observers,
  live: Slot = immediately,
): Promise<DomainObservations> {
  const { rdap } = observers;
  const [fresh, registration] = await Promise.all([
    rdap.kind === "enabled" && registryFromCache(observations)
      ? live(() => askRegistry(rdap.source, intent.registrableDomain))
      : observations.rdap,
    isFromCache(observations.registration)
      ? askRegistration(intent, observers)
      : observations.registration,
  ]);
  return { ...observations, rdap: fresh, registration };
}
