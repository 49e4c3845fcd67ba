// Walkers pointed at a simulated DNS tree (the in-process lab or NSD), and the accessors the walker
// tests read their observations with.

import type { LabDns } from "../../src/lab/dns-world.js";
import {
  createDelegationWalker,
  type DelegationWalker,
  parseRootHints,
  type WalkerOptions,
} from "../../src/observe/dns/index.js";
import type {
  DelegationObservation,
  NameServerObservation,
  ServerProbe,
} from "../../src/observe/dns/types.js";

/** A walker from the tree's root hints and port: a lab, so non-public addresses are allowed. */
export function labWalker(
  lab: Pick<LabDns, "rootHints" | "port">,
  options: Partial<Omit<WalkerOptions, "rootHints" | "port">> = {},
): DelegationWalker {
  const hints = parseRootHints(lab.rootHints, "lab root hints");
  if (!hints.ok) throw new Error(`lab root hints: ${hints.message}`);
  return createDelegationWalker({
    rootHints: hints.servers,
    port: lab.port,
    allowNonPublic: true,
    timeoutMs: 3000,
    ...options,
  });
}

export function delegated(
  observation: DelegationObservation,
): Extract<DelegationObservation, { kind: "delegated" }> {
  if (observation.kind !== "delegated") {
    throw new Error(`expected a delegation, got ${JSON.stringify(observation, null, 2)}`);
  }
  return observation;
}

export function nameserver(
  observation: DelegationObservation,
  name: string,
): NameServerObservation {
  const found = delegated(observation).nameservers.find((ns) => ns.name === name);
  if (found === undefined)
    throw new Error(`no name server ${name} in ${JSON.stringify(observation)}`);
  return found;
}

/** The single probe of a name server with one address. */
export function onlyProbe(observation: DelegationObservation, name: string): ServerProbe {
  const probes = nameserver(observation, name).probes;
  if (probes.length !== 1)
    throw new Error(`expected one probe for ${name}, got ${JSON.stringify(probes)}`);
  return probes[0] as ServerProbe;
}
