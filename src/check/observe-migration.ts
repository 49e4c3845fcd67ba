// What a migrating domain is observed for beyond every domain's observations: the target DNS
// host's servers asked directly (before the delegation points there), the registrar account's
// name-server updates and transfers in, and record parity between the old and the target host.
// The same observers as `check`'s, so `migrate` and `check` judge one set of observations.

import type { DelegationObservation, NameServerObservation } from "../observe/dns/types.js";
import type {
  MigrationObservations,
  Skipped,
  TargetServersObservation,
} from "../observe/observations.js";
import type { Observers, Optional, ProviderSource } from "../observe/observers.js";
import type {
  OperationsObservation,
  ProviderUnavailable,
  ZonesObservation,
} from "../observe/providers/types.js";
import { observeRecordParity, paritySideServers } from "../observe/record-parity/index.js";
import type {
  RecordParityObservation,
  RecordParityRequest,
} from "../observe/record-parity/types.js";
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
  readonly dnsHost: Consulted<string>;
  readonly dnsHostSource: Optional<ProviderSource>;
  readonly unavailable: (reason: string) => ProviderUnavailable;
  /** The pipeline's live slot: the target's servers are asked inside it, the API outside. */
  readonly live: <T>(work: () => Promise<T>) => Promise<T>;
}

const describe = (error: unknown): string =>
  `internal error: ${error instanceof Error ? error.message : String(error)}`;

/** The target zone at the DNS host's API: the pinned one, else the only one of the name. */
function targetZone(intent: DomainIntent, hostedZones: ZonesObservation | Skipped) {
  const zones = hostedZones.kind === "found" ? hostedZones.zones : [];
  return intent.hostedZoneId === undefined
    ? zones.length === 1
      ? zones[0]
      : undefined
    : zones.find((z) => z.id === intent.hostedZoneId);
}

/** The target's name servers: the target zone's delegation set, else the policy's `nameservers`. */
function targetNameservers(
  intent: DomainIntent,
  hostedZones: ZonesObservation | Skipped,
): readonly string[] | string {
  const zones = hostedZones.kind === "found" ? hostedZones.zones : [];
  const zone = targetZone(intent, hostedZones);
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

/** How many record sets of the target zone its API is asked to list, per name compared. */
const RECORD_SETS_PER_NAME = 4;

/** The target zone's record sets, from its DNS host's API; undefined when it cannot list them. */
async function targetZoneRecords(
  inputs: MigrationInputs,
  maxNames: number,
): Promise<RecordParityRequest["targetZoneRecords"]> {
  const { dnsHost, dnsHostSource, intent, hostedZones } = inputs;
  const zone = targetZone(intent, hostedZones);
  const list =
    dnsHostSource.kind === "enabled" ? dnsHostSource.source.dnsHost?.zoneRecords : undefined;
  if (zone === undefined || list === undefined || !dnsHost.api.capabilities.zoneRecords)
    return undefined;
  try {
    const listed = await list(zone, dnsHost.account, maxNames * RECORD_SETS_PER_NAME);
    return listed.kind === "ok" ? listed.records : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Record parity between the servers the delegation points at today (those not in the target's
 * set: the old host's) and the target's servers, asked directly.
 */
async function observeParity(
  inputs: MigrationInputs,
  target: TargetServersObservation | Skipped,
): Promise<RecordParityObservation | Skipped> {
  const { intent, observers, delegation } = inputs;
  const records = intent.migration?.records;
  if (intent.migration?.dnsHost === undefined || records === undefined)
    return { kind: "skipped", reason: "the domain keeps its DNS host" };
  if (target.kind === "skipped") return target;
  if (delegation.kind !== "delegated")
    return {
      kind: "skipped",
      reason: "the domain is not delegated: the old host's servers are unknown",
    };
  const targetNames = new Set(target.nameservers);
  const old = delegation.nameservers.filter((ns) => !targetNames.has(ns.name));
  if (old.length === 0)
    return { kind: "skipped", reason: "the delegation already points at the target's servers" };
  const askServer = observers.delegation.askServer;
  if (askServer === undefined)
    return { kind: "skipped", reason: "this run cannot ask name servers directly" };
  const oldSide = paritySideServers("old", old);
  if (typeof oldSide === "string") return { kind: "not-compared", reason: oldSide };
  const targetSide = paritySideServers("target", target.servers);
  if (typeof targetSide === "string") return { kind: "not-compared", reason: targetSide };
  const serversNotAsked = [oldSide.notAsked, targetSide.notAsked].filter((n) => n !== undefined);
  const request: RecordParityRequest = {
    zone: intent.name,
    oldServers: oldSide.servers,
    targetServers: targetSide.servers,
    serversNotAsked,
    names: records.names,
    dkimSelectors: records.dkimSelectors,
    targetZoneRecords: await targetZoneRecords(inputs, records.maxNames),
    maxNames: records.maxNames,
  };
  try {
    return await inputs.live(() =>
      observeRecordParity(request, {
        askServer: (address, question, deadline) => askServer(address, question, deadline),
      }),
    );
  } catch (error) {
    return { kind: "not-compared", reason: describe(error) };
  }
}

/** The migration's own observations; never rejects. */
export async function observeMigration(inputs: MigrationInputs): Promise<MigrationObservations> {
  const [targetServers, operations] = await Promise.all([
    inputs.live(() => probeTarget(inputs)),
    askOperations(inputs),
  ]);
  const parity = await observeParity(inputs, targetServers);
  return { targetServers, operations, parity };
}
