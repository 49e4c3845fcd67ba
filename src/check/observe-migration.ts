// What a migrating domain is observed for beyond every domain's observations: the target DNS
// host's servers asked directly (before the delegation points there), the registrar account's
// name-server updates and transfers in, and record parity between the old and the target host.
// The same observers as `check`'s, so `migrate` and `check` judge one set of observations.

import type { DelegationObservation, NameServerObservation } from "../observe/dns/types.js";
import type { MigrationObservations, Skipped } from "../observe/observations.js";
import type { Observers, Optional, ProviderSource } from "../observe/observers.js";
import type {
  OperationsObservation,
  ProviderUnavailable,
  ZonesObservation,
} from "../observe/providers/types.js";
import type { DomainIntent } from "../policy/types.js";
import type { Consulted } from "./consulted-api.js";

/** The registrar operations a migration waits on (Route 53 Domains `OperationType`). */
export const MIGRATION_OPERATION_TYPES = ["UPDATE_NAMESERVER", "TRANSFER_IN_DOMAIN"] as const;

export interface MigrationInputs {
  readonly intent: DomainIntent;
  readonly observers: Observers;
  readonly delegation: DelegationObservation;
  readonly hostedZones: ZonesObservation | Skipped;
  readonly registrar: Consulted<string>;
  readonly registrarSource: Optional<ProviderSource>;
  readonly unavailable: (reason: string) => ProviderUnavailable;
  /** The pipeline's live slot: the target's servers are asked inside it, the API outside. */
  readonly live: <T>(work: () => Promise<T>) => Promise<T>;
}

const describe = (error: unknown): string =>
  `internal error: ${error instanceof Error ? error.message : String(error)}`;

/** The target's name servers: the target zone's delegation set, else the policy's `nameservers`. */
function targetNameservers(
  intent: DomainIntent,
  hostedZones: ZonesObservation | Skipped,
): readonly string[] | string {
  const zones = hostedZones.kind === "found" ? hostedZones.zones : [];
  const zone =
    intent.hostedZoneId === undefined
      ? zones.length === 1
        ? zones[0]
        : undefined
      : zones.find((z) => z.id === intent.hostedZoneId);
  if (zone !== undefined) return zone.delegationSet;
  if (intent.nameservers !== undefined) return intent.nameservers;
  if (hostedZones.kind === "unavailable" || hostedZones.kind === "skipped")
    return `the target zone could not be looked up: ${hostedZones.reason}`;
  if (zones.length > 1) return "several target zones share the name and none is pinned";
  return "the target zone does not exist yet";
}

async function probeTarget(
  inputs: MigrationInputs,
): Promise<MigrationObservations["targetServers"]> {
  const { intent, observers, delegation, hostedZones } = inputs;
  if (intent.migration?.dnsHost === undefined)
    return { kind: "skipped", reason: "the domain keeps its DNS host" };
  const nameservers = targetNameservers(intent, hostedZones);
  if (typeof nameservers === "string") return { kind: "skipped", reason: nameservers };
  const probe = observers.delegation.probe;
  if (probe === undefined)
    return { kind: "skipped", reason: "this run cannot ask name servers directly" };
  // The parent's DS today: whether it would still lead to a key once the target serves the zone.
  const ds = delegation.kind === "delegated" ? delegation.parent.ds : [];
  try {
    const servers: readonly NameServerObservation[] = await probe(intent.name, nameservers, { ds });
    return { kind: "probed", nameservers, servers };
  } catch (error) {
    return { kind: "skipped", reason: describe(error) };
  }
}

async function askOperations(inputs: MigrationInputs): Promise<OperationsObservation | Skipped> {
  const { registrar, registrarSource, intent } = inputs;
  if (!registrar.api.capabilities.operations) {
    return {
      kind: "skipped",
      reason: `${registrar.api.service} does not show a domain's operations through its API`,
    };
  }
  if (registrarSource.kind === "skipped") return registrarSource;
  const operations = registrarSource.source.registrar?.operations;
  if (operations === undefined)
    return { kind: "skipped", reason: "the provider's adapter does not list operations" };
  try {
    return await operations(intent.registrableDomain, MIGRATION_OPERATION_TYPES, registrar.account);
  } catch (error) {
    return inputs.unavailable(describe(error));
  }
}

/** The migration's own observations; never rejects. */
export async function observeMigration(inputs: MigrationInputs): Promise<MigrationObservations> {
  const [targetServers, operations] = await Promise.all([
    inputs.live(() => probeTarget(inputs)),
    askOperations(inputs),
  ]);
  return {
    targetServers,
    operations,
    parity: {
      kind: "skipped",
      reason:
        inputs.intent.migration?.dnsHost === undefined
          ? "the domain keeps its DNS host"
          : "record parity is not observed by this version",
    },
  };
}
