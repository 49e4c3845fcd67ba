// The on-disk cache of hosted zones' delegation sets. A zone keeps its four name servers for
// its whole life and zone ids are never reused, so an entry never goes stale: a repeat scan
// needs no GetHostedZone call for a zone it has seen.
//
// One file per cache dir, read once and written once: a scan of thousands of zones would
// otherwise spend a fifth of its CPU opening files. New entries stay in memory until `flush`,
// which merges them with the file as it is at that moment, under a lock file, so shards
// sharing a cache dir keep each other's entries. A bad entry is dropped, a corrupt or
// oversized file is ignored (and replaced); a cache that cannot be read or written only costs
// API calls.

import { mkdir, open, rm, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { readBoundedFile } from "../../files/read-bounded.js";
import { writeFileSafely } from "../../files/write-safely.js";

const FORMAT_VERSION = 2;
// Route 53 zone ids are upper-case alphanumerics; nothing else is stored or looked up.
const ZONE_ID = /^[A-Z0-9]{1,64}$/;
const HOST_NAME =
  /^(?=.{1,253}$)[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)*$/;
const MAX_NAME_SERVERS = 13;
/** ~200 bytes an entry: room for some 150,000 zones, and a bound on what a bad file can cost. */
const MAX_FILE_BYTES = 32 * 1024 * 1024;
const MAX_ENTRIES = 200_000;
/** How long a writer waits for another's lock, and when a lock is left over from a crash. */
const LOCK_WAIT_MS = 5_000;
const LOCK_RETRY_MS = 25;
const LOCK_STALE_MS = 30_000;

export interface DelegationSetCache {
  /** The cached delegation set of a zone, or undefined when absent, invalid or for another zone name. */
  get(zoneId: string, zoneName: string): Promise<readonly string[] | undefined>;
  /** Remembers a delegation set; it reaches the disk at `flush`. */
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

/** `<cacheDir>/route53/delegation-sets.json`; no disk access at all without a cacheDir. */
export function createDelegationSetCache(cacheDir: string | undefined): DelegationSetCache {
  if (cacheDir === undefined) {
    return { get: async () => undefined, put: () => undefined, flush: async () => undefined };
  }
  const file = join(cacheDir, "route53", "delegation-sets.json");
  let loaded: Promise<Entries> | undefined;
  // Put during this run: all of them (for `get`), and those not yet flushed.
  const recorded: Entries = new Map();
  const pending: Entries = new Map();

  return {
    async get(zoneId, zoneName) {
      loaded ??= readEntries(file);
      const entry = recorded.get(zoneId) ?? (await loaded).get(zoneId);
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
      try {
        await mkdir(dirname(file), { recursive: true });
        await withLock(`${file}.lock`, async () => {
          const merged = await readEntries(file);
          for (const [zoneId, entry] of written) merged.set(zoneId, entry);
          // Beside the target, then renamed over it: readers never see half a file.
          await writeFileSafely(file, [serialise(merged)]);
        });
      } catch {
        // Not written: the next scan asks the API again.
      }
    },
  };
}

async function readEntries(file: string): Promise<Entries> {
  const entries: Entries = new Map();
  const read = await readBoundedFile(file, MAX_FILE_BYTES);
  if (!read.ok) return entries;
  let document: unknown;
  try {
    document = JSON.parse(read.bytes.toString("utf8"));
  } catch {
    return entries;
  }
  if (!isRecord(document) || document.version !== FORMAT_VERSION || !isRecord(document.zones)) {
    return entries;
  }
  for (const [zoneId, value] of Object.entries(document.zones)) {
    if (entries.size >= MAX_ENTRIES) break;
    if (ZONE_ID.test(zoneId) && validEntry(value)) {
      entries.set(zoneId, {
        zoneName: value.zoneName,
        nameServers: value.nameServers,
        observedAt: value.observedAt,
      });
    }
  }
  return entries;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
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

/** One zone a line: the file stays readable, and diffs between runs stay small. */
function serialise(entries: Entries): string {
  const ids = [...entries.keys()].sort().slice(0, MAX_ENTRIES);
  const lines = ids.map((id) => `    ${JSON.stringify(id)}: ${JSON.stringify(entries.get(id))}`);
  return `{\n  "version": ${FORMAT_VERSION},\n  "zones": {\n${lines.join(",\n")}\n  }\n}\n`;
}

/**
 * Runs `work` holding `lockFile` (created exclusively), so that the read-merge-write of one writer
 * cannot interleave with another's. A lock older than LOCK_STALE_MS was left by a crash and is
 * removed; after LOCK_WAIT_MS the work runs anyway: a lost entry costs an API call, a hung scan more.
 */
async function withLock(lockFile: string, work: () => Promise<void>): Promise<void> {
  const deadline = Date.now() + LOCK_WAIT_MS;
  let held = false;
  while (!held) {
    try {
      await (await open(lockFile, "wx")).close();
      held = true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST" || Date.now() > deadline) break;
      if (await isStale(lockFile)) await rm(lockFile, { force: true });
      else await delay(LOCK_RETRY_MS);
    }
  }
  try {
    await work();
  } finally {
    if (held) await rm(lockFile, { force: true });
  }
}

async function isStale(lockFile: string): Promise<boolean> {
  try {
    return Date.now() - (await stat(lockFile)).mtimeMs > LOCK_STALE_MS;
  } catch {
    return false;
  }
}
