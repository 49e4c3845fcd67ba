// The walker's circuit breaker, for the root and the TLDs. When every server of such a zone keeps
// failing without a reply (timeouts, unreachable or unroutable addresses), the zone is taken as
// down for a while: every lookup below it then fails at once with one shared reason, instead of
// each domain of a scan timing out on its own (a host without network, a TLD cut off). Lost packets
// must not do that, nor a host so starved of CPU that a burst of timers fires before the replies
// waiting in its sockets are read (a scan on a busy CI runner): hundreds of domains would turn
// unknown for one bad moment. So the zone is down only on evidence that lasts: every one of its
// servers failed STRIKES silent asks (or this host has no route to any of its addresses: a
// certainty, not a guess), and the zone has said nothing for at least `minSilenceMs` (twice the
// query timeout) from its first failure on, so asks sent after the first ones timed out failed too.
// A burst of timeouts noticed at one moment is not that. Any reply from one of the zone's servers,
// even a lame one, clears its strikes.

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

/** A zone's failures since it last replied: each server's strikes, and when the first came. */
interface Silence {
  readonly since: number;
  readonly servers: Map<string, Strikes>;
}

export class ZoneOutages {
  readonly #silences = new LRUCache<string, Silence>({ max: MAX_ZONES });
  readonly #down = new LRUCache<string, string>({ max: MAX_ZONES, ttl: OUTAGE_SECONDS * 1000 });
  readonly #minSilenceMs: number;
  readonly #now: () => number;

  /** `minSilenceMs`: how long a zone must stay silent, from its first failure, to be down. */
  constructor(minSilenceMs: number, now: () => number = () => performance.now()) {
    this.#minSilenceMs = minSilenceMs;
    this.#now = now;
  }

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
    this.#silences.delete(zone);
  }

  /**
   * `server`, one of `servers` (all the zone's servers), failed without a reply. Returns the
   * shared reason when that leaves every one of them failed, else undefined.
   */
  failed(zone: string, servers: readonly string[], server: SilentServer): string | undefined {
    const now = this.#now();
    let silence = this.#silences.get(zone);
    if (silence === undefined) {
      silence = { since: now, servers: new Map() };
      this.#silences.set(zone, silence);
    }
    const strikes = silence.servers;
    const count = (strikes.get(server.name)?.count ?? 0) + (server.certain ? STRIKES : 1);
    strikes.set(server.name, { count, how: server.how });
    const struck = (name: string) => (strikes.get(name)?.count ?? 0) >= STRIKES;
    if (!servers.every(struck)) return undefined;
    // No route at all is certain at once; silence must have lasted.
    if (!server.certain && now - silence.since < this.#minSilenceMs) return undefined;
    this.#silences.delete(zone);
    const ways = [...new Set([...strikes.values()].map((s) => s.how))].join("; ");
    const which = servers.length === 1 ? "its only server" : `all ${servers.length} of its servers`;
    const reason = `no server of ${displayZone(zone)} answers (${which} failed: ${ways}); nothing below it is asked for ${OUTAGE_SECONDS} s`;
    this.#down.set(zone, reason);
    return reason;
  }

  clear(): void {
    this.#silences.clear();
    this.#down.clear();
  }
}
