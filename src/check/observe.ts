// Runs every observer for one domain. Observers never throw by contract; the guard below still
// turns a broken promise into an "unavailable" value so one bug cannot lose the other domains.
import type { DelegationObservation } from "../dns/types.js";
import type { DomainIntent } from "../policy/types.js";
import { registrableDomainOf } from "../rules/facts.js";
import type { DomainObservations, Skipped } from "./observations.js";
import type { Observers } from "./observers.js";

const DEFAULT_ACCOUNT = "default";

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

export async function observeDomain(
  intent: DomainIntent,
  observers: Observers,
): Promise<DomainObservations> {
  const registrable = registrableDomainOf(intent.name);
  const account = intent.account ?? DEFAULT_ACCOUNT;
  const awsUnavailable = (reason: string) =>
    ({ kind: "unavailable", account, reason, deniedAction: undefined }) as const;
  const { rdap, aws } = observers;

  const [delegation, rdapResult, registration, hostedZones] = await Promise.all([
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
      : guarded(rdap.source.lookup(registrable), (reason) => ({
          kind: "unavailable" as const,
          domain: registrable,
          reason,
          url: undefined,
        })),
    aws.kind === "skipped"
      ? aws
      : guarded(aws.source.registration(registrable, intent.account), awsUnavailable),
    aws.kind === "skipped"
      ? aws
      : guarded(aws.source.hostedZones(intent.name, intent.account), awsUnavailable),
  ]);

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
  return { delegation, rdap: rdapResult, registration, hostedZones, apexNameservers };
}
