// Counters for everything the walker sends and saves. One instance per walker; `snapshot()` is
// what `DelegationWalker.stats()` returns.

export interface DnsStats {
  /** Exchanges sent: UDP queries plus TCP queries (a TCP retry after TC counts as one more). */
  readonly queries: number;
  readonly udp: number;
  readonly tcp: number;
  /** Of `queries`, those for a zone's DNSKEY RRset (DNSSEC), a TCP retry included. */
  readonly dnskey: number;
  readonly timeouts: number;
  /** UDP replies with TC set, retried over TCP. */
  readonly truncated: number;
  /** Packets dropped by the RFC 5452 checks (wrong source, ID or question); the wait went on. */
  readonly ignored: number;
  readonly malformed: number;
  readonly unreachable: number;
  /** Queries not sent because this host has no route to the address. */
  readonly unroutable: number;
  /** Queries not sent because the address is not public and no lab is configured. */
  readonly blocked: number;
  /** Zone cuts and name-server addresses answered from the cache. */
  readonly cacheHits: number;
  readonly cacheMisses: number;
  /** Lookups that joined an identical lookup already in flight instead of sending their own. */
  readonly deduplicated: number;
  readonly walks: number;
  /** The most queries that were in flight at once. */
  readonly peakInFlight: number;
  /** UDP sockets opened (each carries several queries: see udp-pool.ts). */
  readonly udpSockets: number;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export class DnsCounters implements Mutable<DnsStats> {
  queries = 0;
  udp = 0;
  tcp = 0;
  dnskey = 0;
  timeouts = 0;
  truncated = 0;
  ignored = 0;
  malformed = 0;
  unreachable = 0;
  unroutable = 0;
  blocked = 0;
  cacheHits = 0;
  cacheMisses = 0;
  deduplicated = 0;
  walks = 0;
  peakInFlight = 0;
  udpSockets = 0;

  snapshot(): DnsStats {
    return { ...this };
  }
}
