// A lab world: several lab DNS servers (root, TLDs, providers, ...) on one random loopback /24
// and one port, started together. The world is described by a function of its addresses, since
// zones contain glue for servers whose addresses are only known once the net is allocated; the
// same description can be rendered for NSD (see `worldZones` and `toMasterFile`).

import { type FaultRule, type LabDnsServer, startLabDnsServer } from "./dns-server.js";
import { hostAddress, type LoopbackNet, onFreeLoopbackNet } from "./loopback.js";
import { type RootServer, renderRootHints, rootServersOf } from "./root-hints.js";
import type { Zone } from "./zone.js";

export interface LabServerSpec {
  /** Unique within the world; how tests refer to the server. */
  readonly name: string;
  /** Host number in the world's /24 (1–254), or an explicit address such as "::1". */
  readonly host: number | string;
  readonly zones: readonly Zone[];
  readonly faults?: readonly FaultRule[];
}

export interface LabWorld {
  readonly servers: readonly LabServerSpec[];
  /** Added to every reply of every server. */
  readonly latencyMs?: number;
}

export interface LabAddressing {
  readonly net: LoopbackNet;
  /** The address of host `n` of the world. */
  host(n: number): string;
}

export type LabWorldBuilder = (addressing: LabAddressing) => LabWorld;

export interface LabDns {
  readonly net: LoopbackNet;
  readonly port: number;
  readonly world: LabWorld;
  /** named.root text for the world's root zone (empty when the world has none). */
  readonly rootHints: string;
  readonly rootServers: readonly RootServer[];
  /** The running server with this spec name; throws for an unknown name (a test bug). */
  server(name: string): LabDnsServer;
  readonly servers: ReadonlyMap<string, LabDnsServer>;
  /** Queries received by all servers. */
  received(): number;
  setLatency(ms: number): void;
  close(): Promise<void>;
}

export interface StartLabOptions {
  readonly logQueries?: boolean;
}

function addressOf(net: LoopbackNet, spec: LabServerSpec): string {
  return typeof spec.host === "number" ? hostAddress(net, spec.host) : spec.host;
}

/** Every zone of the world once (servers of the same zone share the object or its origin). */
export function worldZones(world: LabWorld): Zone[] {
  const byOrigin = new Map<string, Zone>();
  for (const server of world.servers) {
    for (const zone of server.zones)
      if (!byOrigin.has(zone.origin)) byOrigin.set(zone.origin, zone);
  }
  return [...byOrigin.values()];
}

export async function startLabDns(
  build: LabWorldBuilder,
  options: StartLabOptions = {},
): Promise<LabDns> {
  return onFreeLoopbackNet(async (net) => {
    const world = build({ net, host: (n) => hostAddress(net, n) });
    const servers = new Map<string, LabDnsServer>();
    const closeAll = () => Promise.all([...servers.values()].map((server) => server.close()));
    try {
      for (const spec of world.servers) {
        if (servers.has(spec.name)) throw new Error(`two lab servers named ${spec.name}`);
        const server = await startLabDnsServer({
          address: addressOf(net, spec),
          port: net.port,
          zones: spec.zones,
          faults: spec.faults ?? [],
          latencyMs: world.latencyMs ?? 0,
          logQueries: options.logQueries ?? false,
        });
        servers.set(spec.name, server);
      }
    } catch (error) {
      await closeAll();
      throw error;
    }
    const root = worldZones(world).find((zone) => zone.origin === ".");
    const rootServers = root === undefined ? [] : rootServersOf(root);
    return {
      net,
      port: net.port,
      world,
      rootHints: rootServers.length === 0 ? "" : renderRootHints(rootServers),
      rootServers,
      servers,
      server(name: string): LabDnsServer {
        const server = servers.get(name);
        if (server === undefined) throw new Error(`no lab server named ${name}`);
        return server;
      },
      received: () => [...servers.values()].reduce((sum, server) => sum + server.received, 0),
      setLatency(ms: number): void {
        for (const server of servers.values()) server.setLatency(ms);
      },
      close: async () => {
        await closeAll();
      },
    };
  });
}
