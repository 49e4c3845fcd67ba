// Zone cuts learned from referrals, kept for the referral's TTL in a bounded LRU so a scan of
// 10,000 .com domains asks the root about `com` once. The root cut (from the hints) never expires.

import { LRUCache } from "lru-cache";
import { ROOT } from "../../names/normalize.js";
import { isBelow, parentOf } from "../../names/tree.js";
import type { ServerRef } from "./types.js";

export interface CutServer {
  readonly name: string;
  /** In-bailiwick glue (or the root hints), canonical; empty when the address must be resolved. */
  readonly glue: readonly string[];
}

export interface ZoneCut {
  readonly zone: string;
  readonly servers: readonly CutServer[];
  /** Which server to ask first next time: rotates so load spreads over the zone's servers. */
  rotation: number;
  /** The servers and their addresses for reports, once every server's glue is known. */
  refs: readonly ServerRef[] | undefined;
}

export function makeCut(zone: string, servers: readonly CutServer[]): ZoneCut {
  return { zone, servers, rotation: 0, refs: undefined };
}

const MAX_TTL_SECONDS = 86_400;

export class CutCache {
  readonly #root: ZoneCut;
  readonly #cuts: LRUCache<string, ZoneCut>;

  constructor(root: ZoneCut, max: number) {
    this.#root = root;
    this.#cuts = new LRUCache({ max });
  }

  get root(): ZoneCut {
    return this.#root;
  }

  /**
   * The deepest cached cut at or above `name` (strictly above with `strict`: the walk for a domain
   * needs its parent, not the domain's own cut). Work is proportional to the name's labels only.
   */
  closest(name: string, strict: boolean): ZoneCut {
    let candidate = strict ? parentOf(name) : name;
    while (candidate !== ROOT) {
      const cut = this.#cuts.get(candidate);
      if (cut !== undefined) return cut;
      candidate = parentOf(candidate);
    }
    return this.#root;
  }

  /** Cached cuts strictly above `zone`, root first: the part of a path nobody had to ask for. */
  ancestors(zone: string): ZoneCut[] {
    const found: ZoneCut[] = [];
    for (let candidate = zone; candidate !== ROOT; ) {
      candidate = parentOf(candidate);
      const cut = candidate === ROOT ? this.#root : this.#cuts.peek(candidate);
      if (cut !== undefined) found.push(cut);
    }
    return found.reverse();
  }

  /** The cut of exactly `zone`: the root, or a cached cut. */
  exact(zone: string): ZoneCut | undefined {
    return zone === ROOT ? this.#root : this.#cuts.peek(zone);
  }

  store(cut: ZoneCut, ttlSeconds: number): void {
    if (!isBelow(cut.zone, ROOT) || ttlSeconds <= 0) return;
    this.#cuts.set(cut.zone, cut, { ttl: Math.min(ttlSeconds, MAX_TTL_SECONDS) * 1000 });
  }

  clear(): void {
    this.#cuts.clear();
  }
}
