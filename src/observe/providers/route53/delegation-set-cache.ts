// The on-disk cache of hosted zones' delegation sets. A zone keeps its four name servers for
// its whole life and zone ids are never reused, so a repeat scan needs no GetHostedZone call for a
// zone it has seen recently.
//
// The cache directory is a trust boundary (docs/aws.md): an entry decides which name servers a
// zone is meant to have, so a forged one could turn a mismatch into a pass. So an entry holds
// only what GetHostedZone returned, with when; it is sealed with an HMAC over zone id, zone name,
// name servers and time, keyed by a per-user secret beside it (`cache.key`, 0600); and it is used
// only while younger than MAX_AGE_DAYS. Files are opened without following symbolic links, and a
// directory, key or file that is not this user's own (or that others may write) is not used at
// all: those zones are asked of the API again.
//
// One file per cache dir (src/files/sealed-cache-file.ts, which also enforces the rules above),
// read once and written once: a scan of thousands of zones would otherwise spend a fifth of its
// CPU opening files. New entries stay in memory until `flush`. A bad entry is dropped, a corrupt
// or oversized file is ignored (and replaced); a cache that cannot be read or written only costs
// API calls.

import {
  isRecord,
  openSealedCacheFile,
  type SealedCacheFormat,
} from "../../../files/sealed-cache-file.js";

// Route 53 zone ids are upper-case alphanumerics; nothing else is stored or looked up.
const ZONE_ID = /^[A-Z0-9]{1,64}$/;
const HOST_NAME =
  /^(?=.{1,253}$)[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)*$/;
const MAX_NAME_SERVERS = 13;
/** An entry older than this is asked of the API again: how long a leaked key could matter. */
const MAX_AGE_DAYS = 7;
const DAY_MS = 86_400_000;

export interface DelegationSetCache {
  /** The cached delegation set of a zone, or undefined when absent, stale, untrusted or for another zone name. */
  get(zoneId: string, zoneName: string): Promise<readonly string[] | undefined>;
  /** Remembers what GetHostedZone returned for a zone; it reaches the disk at `flush`. */
  put(zoneId: string, zoneName: string, nameServers: readonly string[]): void;
  /** Writes the entries put since the last flush, merged with the file on disk. Never rejects. */
  flush(): Promise<void>;
}

interface CacheEntry {
  readonly zoneName: string;
  readonly nameServers: readonly string[];
  readonly observedAt: string;
}

type Entries = Map<string, CacheEntry>;

const FORMAT: SealedCacheFormat<CacheEntry> = {
  directory: "route53",
  fileName: "delegation-sets.json",
  version: 3,
  member: "zones",
  /** ~300 bytes an entry: room for some 100,000 zones, and a bound on what a bad file can cost. */
  maxFileBytes: 32 * 1024 * 1024,
  maxEntries: 200_000,
  maxAgeMs: MAX_AGE_DAYS * DAY_MS,
  validKey: (zoneId) => ZONE_ID.test(zoneId),
  readEntry: (value) =>
    validEntry(value)
      ? { zoneName: value.zoneName, nameServers: value.nameServers, observedAt: value.observedAt }
      : undefined,
  sealed: (entry) => [entry.zoneName, entry.nameServers, entry.observedAt],
  stored: ({ zoneName, nameServers, observedAt }) => ({ zoneName, nameServers, observedAt }),
};

/** `<cacheDir>/route53/delegation-sets.json`; no disk access at all without a cacheDir. */
export function createDelegationSetCache(cacheDir: string | undefined): DelegationSetCache {
  if (cacheDir === undefined) {
    return { get: async () => undefined, put: () => undefined, flush: async () => undefined };
  }
  const file = openSealedCacheFile(cacheDir, FORMAT);
  // Put during this run: all of them (for `get`), and those not yet flushed.
  const recorded: Entries = new Map();
  const pending: Entries = new Map();

  return {
    async get(zoneId, zoneName) {
      const entry = recorded.get(zoneId) ?? (await file.entries()).get(zoneId);
      return entry?.zoneName === zoneName ? entry.nameServers : undefined;
    },

    put(zoneId, zoneName, nameServers) {
      const entry = { zoneName, nameServers, observedAt: new Date().toISOString() };
      if (!(ZONE_ID.test(zoneId) && validEntry(entry))) return;
      recorded.set(zoneId, entry);
      pending.set(zoneId, entry);
    },

    async flush() {
      if (pending.size === 0) return;
      const written = new Map(pending);
      pending.clear();
      await file.write(written);
    },
  };
}

function validEntry(value: unknown): value is CacheEntry {
  if (!isRecord(value)) return false;
  const servers = value.nameServers;
  return (
    typeof value.zoneName === "string" &&
    value.zoneName.length <= 253 &&
    typeof value.observedAt === "string" &&
    value.observedAt.length <= 64 &&
    Array.isArray(servers) &&
    servers.length > 0 &&
    servers.length <= MAX_NAME_SERVERS &&
    servers.every((s) => typeof s === "string" && HOST_NAME.test(s))
  );
}
