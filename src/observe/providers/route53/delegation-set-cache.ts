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
// One file per cache dir, read once and written once: a scan of thousands of zones would
// otherwise spend a fifth of its CPU opening files. New entries stay in memory until `flush`,
// which merges them with the file as it is at that moment, under a lock file, so shards
// sharing a cache dir keep each other's entries. A bad entry is dropped, a corrupt or
// oversized file is ignored (and replaced); a cache that cannot be read or written only costs
// API calls.

import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { Stats } from "node:fs";
import { lstat, mkdir, open, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { readBoundedFile } from "../../../files/read-bounded.js";
import { writeFileSafely } from "../../../files/write-safely.js";

const FORMAT_VERSION = 3;
// Route 53 zone ids are upper-case alphanumerics; nothing else is stored or looked up.
const ZONE_ID = /^[A-Z0-9]{1,64}$/;
const HOST_NAME =
  /^(?=.{1,253}$)[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)*$/;
const MAC = /^[0-9a-f]{64}$/;
const MAX_NAME_SERVERS = 13;
/** ~300 bytes an entry: room for some 100,000 zones, and a bound on what a bad file can cost. */
const MAX_FILE_BYTES = 32 * 1024 * 1024;
const MAX_ENTRIES = 200_000;
/** An entry older than this is asked of the API again: how long a leaked key could matter. */
const MAX_AGE_DAYS = 7;
const DAY_MS = 86_400_000;
const KEY_BYTES = 32;
/** The key is kept as hex text. */
const KEY_TEXT = /^[0-9a-f]{64}$/;
/** How long a writer waits for another's lock, and when a lock is left over from a crash. */
const LOCK_WAIT_MS = 5_000;
const LOCK_RETRY_MS = 25;
const LOCK_STALE_MS = 30_000;

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

/** `<cacheDir>/route53/delegation-sets.json`; no disk access at all without a cacheDir. */
export function createDelegationSetCache(cacheDir: string | undefined): DelegationSetCache {
  if (cacheDir === undefined) {
    return { get: async () => undefined, put: () => undefined, flush: async () => undefined };
  }
  const dir = join(cacheDir, "route53");
  const file = join(dir, "delegation-sets.json");
  const keyFile = join(dir, "cache.key");
  let loaded: Promise<Entries> | undefined;
  // Put during this run: all of them (for `get`), and those not yet flushed.
  const recorded: Entries = new Map();
  const pending: Entries = new Map();

  async function readTrusted(): Promise<Entries> {
    const key = (await trustedDirectory(dir)) ? await readKey(keyFile) : undefined;
    return key === undefined ? new Map() : readEntries(file, key);
  }

  return {
    async get(zoneId, zoneName) {
      loaded ??= readTrusted();
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
        await mkdir(dir, { recursive: true, mode: 0o700 });
        if (!(await trustedDirectory(dir))) return;
        const key = await ensureKey(keyFile);
        if (key === undefined) return;
        await withLock(`${file}.lock`, async () => {
          const merged = await readEntries(file, key);
          for (const [zoneId, entry] of written) merged.set(zoneId, entry);
          // Beside the target, then renamed over it: readers never see half a file.
          await writeFileSafely(file, [serialise(merged, key)], { mode: 0o600 });
        });
      } catch {
        // Not written: the next scan asks the API again.
      }
    },
  };
}

/** Others may write it (group or world write bits). */
const WRITABLE_BY_OTHERS = 0o022;
/** Others may read or write it. */
const OPEN_TO_OTHERS = 0o077;

/** Whether `stats` are of this user's own regular file or directory, without the `forbidden` mode bits. */
function ownedAndPrivate(
  stats: Stats,
  kind: "file" | "directory",
  forbidden = WRITABLE_BY_OTHERS,
): boolean {
  // Windows has neither owners nor mode bits to check here.
  const uid = process.getuid?.();
  const isKind = kind === "file" ? stats.isFile() : stats.isDirectory();
  return isKind && (uid === undefined || (stats.uid === uid && (stats.mode & forbidden) === 0));
}

async function trustedDirectory(dir: string): Promise<boolean> {
  try {
    return ownedAndPrivate(await lstat(dir), "directory");
  } catch {
    return false;
  }
}

/**
 * The contents of `path` when it is this user's own regular file without the `forbidden` mode
 * bits, not a symbolic link, and not larger than `maxBytes`; else undefined.
 */
async function readOwnFile(
  path: string,
  maxBytes: number,
  forbidden = WRITABLE_BY_OTHERS,
): Promise<Buffer | undefined> {
  const read = await readBoundedFile(path, maxBytes, { followLinks: false });
  return read.ok && ownedAndPrivate(read.stats, "file", forbidden) ? read.bytes : undefined;
}

/** The key when it is trustworthy: this user's, readable by no one else, well formed. */
async function readKey(keyFile: string): Promise<Buffer | undefined> {
  const text = (await readOwnFile(keyFile, 2 * KEY_BYTES, OPEN_TO_OTHERS))?.toString("ascii");
  return text !== undefined && KEY_TEXT.test(text) ? Buffer.from(text, "hex") : undefined;
}

/**
 * The key, created when there is none: written whole beside its place and linked there, so that
 * concurrent writers never read half a key and the first one's key wins.
 */
async function ensureKey(keyFile: string): Promise<Buffer | undefined> {
  const existing = await readKey(keyFile);
  if (existing !== undefined) return existing;
  await writeFileSafely(keyFile, [randomBytes(KEY_BYTES).toString("hex")], {
    overwrite: false,
    mode: 0o600,
  });
  return readKey(keyFile);
}

function seal(key: Buffer, zoneId: string, entry: CacheEntry): string {
  return createHmac("sha256", key)
    .update(JSON.stringify([zoneId, entry.zoneName, entry.nameServers, entry.observedAt]))
    .digest("hex");
}

function sealed(key: Buffer, zoneId: string, entry: CacheEntry, mac: unknown): boolean {
  if (typeof mac !== "string" || !MAC.test(mac)) return false;
  return timingSafeEqual(Buffer.from(seal(key, zoneId, entry), "hex"), Buffer.from(mac, "hex"));
}

/** Recorded no later than now (a little clock skew allowed) and less than MAX_AGE_DAYS ago. */
function fresh(observedAt: string, now: number): boolean {
  const at = Date.parse(observedAt);
  return Number.isFinite(at) && at <= now + DAY_MS && now - at < MAX_AGE_DAYS * DAY_MS;
}

async function readEntries(file: string, key: Buffer): Promise<Entries> {
  const entries: Entries = new Map();
  const bytes = await readOwnFile(file, MAX_FILE_BYTES);
  if (bytes === undefined) return entries;
  let document: unknown;
  try {
    document = JSON.parse(bytes.toString("utf8"));
  } catch {
    return entries;
  }
  if (!isRecord(document) || document.version !== FORMAT_VERSION || !isRecord(document.zones)) {
    return entries;
  }
  const now = Date.now();
  for (const [zoneId, value] of Object.entries(document.zones)) {
    if (entries.size >= MAX_ENTRIES) break;
    const mac = isRecord(value) ? value.mac : undefined;
    if (!ZONE_ID.test(zoneId) || !validEntry(value)) continue;
    const entry = {
      zoneName: value.zoneName,
      nameServers: value.nameServers,
      observedAt: value.observedAt,
    };
    if (fresh(entry.observedAt, now) && sealed(key, zoneId, entry, mac)) {
      entries.set(zoneId, entry);
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
function serialise(entries: Entries, key: Buffer): string {
  const ids = [...entries.keys()].sort().slice(0, MAX_ENTRIES);
  const lines = ids.map((id) => {
    const entry = entries.get(id) as CacheEntry;
    const { zoneName, nameServers, observedAt } = entry;
    const line = { zoneName, nameServers, observedAt, mac: seal(key, id, entry) };
    return `    ${JSON.stringify(id)}: ${JSON.stringify(line)}`;
  });
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
