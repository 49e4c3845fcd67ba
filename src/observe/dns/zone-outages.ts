// The walker's circuit breaker, for the root and the TLDs. When every server of such a zone keeps
// failing without a reply (timeouts, unreachable or unroutable addresses), the zone is taken as
// down for a while: every lookup below it then fails at once with one shared reason, instead of
// each domain of a scan timing out on its own (a host without network, a TLD cut off). One lost
// packet must not do that: a server counts as failed after STRIKES silent asks, or at once when
// this host has no route to any of its addresses (a certainty, not a guess). Any reply from one
// of the zone's servers, even a lame one, clears its strikes.

import { LRUCache } from "lru-cache";
import { displayZone } from "./describe.js";

/** How long a zone stays down before lookups below it try its servers again. */
export const OUTAGE_SECONDS = 10;
/** Silent asks that make a server count as failed. */
const STRIKES = 2;
/** Zones tracked at once: the root and the TLDs being asked. */
const MAX_ZONES = 1_000;

/** How one server of a zone failed in one ask. */
export interface SilentServer {
  readonly name: string;
  /** How it failed, for the shared reason (`timeout`, `unroutable: network unreachable`). */
  readonly how: string;
  /** True when this host has no route to any of its addresses: it counts as failed at once. */
  readonly certain: boolean;
}

interface Strikes {
  count: number;
  how: string;
}

export class ZoneOutages {
  /** By zone: each server's strikes since the zone last replied. */
  readonly #strikes = new LRUCache<string, Map<string, Strikes>>({ max: MAX_ZONES });
  readonly #down = new LRUCache<string, string>({ max: MAX_ZONES, ttl: OUTAGE_SECONDS * 1000 });

  /** Whether the breaker watches `zone`: the root and the TLDs, whose outage stops everything below. */
  static watches(zone: string): boolean {
    return zone === "." || !zone.includes(".");
  }

  /** The shared reason when `zone` is down, else undefined. */
  down(zone: string): string | undefined {
    return this.#down.get(zone);
  }

  /** A server of `zone` replied: the zone is up. */
  answered(zone: string): void {
    this.#strikes.delete(zone);
  }

  /**
   * `server`, one of `servers` (all the zone's servers), failed without a reply. Returns the
   * shared reason when that leaves every one of them failed, else undefined.
   */
  failed(zone: string, servers: readonly string[], server: SilentServer): string | undefined {
    let strikes = this.#strikes.get(zone);
    if (strikes === undefined) {
      strikes = new Map();
      this.#strikes.set(zone, strikes);
    }
    const count = (strikes.get(server.name)?.count ?? 0) + (server.certain ? STRIKES : 1);
    strikes.set(server.name, { count, how: server.how });
    const struck = (name: string) => (strikes.get(name)?.count ?? 0) >= STRIKES;
    if (!servers.every(struck)) return undefined;
    this.#strikes.delete(zone);
    const ways = [...new Set([...strikes.values()].map((s) => s.how))].join("; ");
    const which = servers.length === 1 ? "its only server" : `all ${servers.length} of its servers`;
    const reason = `no server of ${displayZone(zone)} answers (${which} failed: ${ways}); nothing below it is asked for ${OUTAGE_SECONDS} s`;
    this.#down.set(zone, reason);
    return reason;
  }

  clear(): void {
    this.#strikes.clear();
    this.#down.clear();
  }
}
