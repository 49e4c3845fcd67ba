// Runs every observer for one domain. Observers never throw by contract; the guard below still
// turns a broken promise into an "unavailable" value so one bug cannot lose the other domains.
//
// The live observations (DNS walk, RDAP) run inside `live`, the pipeline's concurrency slot. The
// AWS ones start at once and are awaited outside it: they wait on account listings and a rate
// limiter, not on the network slots, so a domain waiting for AWS must not keep DNS waiting.

import type { DelegationObservation } from "../observe/dns/types.js";
import type { DomainObservations, Skipped } from "../observe/observations.js";
import type { Observers } from "../observe/observers.js";
import { DEFAULT_ACCOUNT } from "../observe/providers/route53/default-account.js";
import type { DomainIntent } from "../policy/types.js";

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

/** True when the live DNS cannot show the zone's own NS set, so the API must be asked. */
function liveDnsBlind(delegation: DelegationObservation): boolean {
  if (delegation.kind !== "delegated") return true;
  return !delegation.nameservers.some((ns) =>
    ns.probes.some((p) => p.answer.kind === "authoritative"),
  );
}

/** Runs a piece of work in a concurrency slot; by default, at once. */
export type Slot = <T>(work: () => Promise<T>) => Promise<T>;

const immediately: Slot = (work) => work();

export async function observeDomain(
  intent: DomainIntent,
  observers: Observers,
  live: Slot = immediately,
): Promise<DomainObservations> {
  const registrable = intent.registrableDomain;
  const account = intent.account ?? DEFAULT_ACCOUNT;
  const awsUnavailable = (reason: string) =>
    ({ kind: "unavailable", account, reason, deniedAction: undefined }) as const;
  const { rdap, aws } = observers;

  // Started before the live slot is taken, awaited after it is given back; never rejects.
  const awsObservations = Promise.all([
    aws.kind === "skipped"
      ? aws
      : guarded(aws.source.registration(registrable, intent.account), awsUnavailable),
    aws.kind === "skipped"
      ? aws
      : guarded(aws.source.hostedZones(intent.name, intent.account), awsUnavailable),
  ]);
  const [delegation, rdapResult] = await live(() =>
    Promise.all([
      guarded(
        observers.delegation.walk(intent.name),
        (reason): DelegationObservation => ({
          kind: "failed",
          domain: intent.name,
          zone: ".",
          reason,
          path: [],
          stats: { queries: 0, durationMs: 0 },
        }),
      ),
      rdap.kind === "skipped"
        ? rdap
        : guarded<Awaited<ReturnType<typeof rdap.source.lookup>>>(
            rdap.source.lookup(registrable),
            (reason) => ({
              kind: "unavailable" as const,
              domain: registrable,
              reason,
              url: undefined,
            }),
          ),
    ]),
  );
  const [registration, hostedZones] = await awsObservations;

  let apexNameservers: DomainObservations["apexNameservers"] = {
    kind: "skipped",
    reason: "the live DNS shows the zone's NS set",
  } satisfies Skipped;
  const zones = hostedZones.kind === "found" ? hostedZones.zones : [];
  const zone =
    zones.find((z) => z.id === intent.hostedZoneId) ?? (zones.length === 1 ? zones[0] : undefined);
  if (aws.kind !== "skipped" && zone && liveDnsBlind(delegation)) {
    apexNameservers = await guarded(
      aws.source.apexNameservers(zone.id, zone.name, intent.account),
      awsUnavailable,
    );
  }
  const registry = rdap.kind === "enabled" ? rdap.source.profile?.(registrable) : undefined;
  return { delegation, rdap: rdapResult, registry, registration, hostedZones, apexNameservers };
}
