// One cache file of sealed entries in the cache directory, for the caches that decide verdicts (the
// Route 53 delegation sets, RDAP registrations). The cache directory is a trust boundary
// (docs/aws.md, docs/rdap.md): whoever can write the file could otherwise turn drift into a pass.
//
// - Every entry is sealed with an HMAC-SHA256 over its key and content, keyed by a per-user secret
//   beside the file (`cache.key`, 0600, readable by no one else). The seal protects against a file
//   written or edited by anyone who cannot read the key: another user or process sharing the
//   directory, a cache restored from a shared CI cache, a file copied in from elsewhere, an edit
//   by hand. An entry that does not check out is ignored, as are entries older than the caller's
//   maximum age, which bounds how long even a leaked key could matter.
// - The directory must be this user's own and writable by no one else; the key and the file this
//   user's own regular files, opened without following symbolic links. Otherwise nothing is read
//   (or written): every entry is asked of its source again.
// - The file is read whole, once, bounded in bytes and entries; each entry is validated by the
//   caller before its seal is checked. Writes merge with the file as it is, under a lock file, so
//   shards sharing a cache dir keep each other's entries, and go through `writeFileSafely` (beside
//   the target, renamed over it). A cache that cannot be read or written only costs lookups.

import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { Stats } from "node:fs";
import { lstat, mkdir, open, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { readBoundedFile } from "./read-bounded.js";
import { writeFileSafely } from "./write-safely.js";

const MAC = /^[0-9a-f]{64}$/;
const KEY_BYTES = 32;
/** The key is kept as hex text. */
const KEY_TEXT = /^[0-9a-f]{64}$/;
/** How long a writer waits for another's lock, and when a lock is left over from a crash. */
const LOCK_WAIT_MS = 5_000;
const LOCK_RETRY_MS = 25;
const LOCK_STALE_MS = 30_000;
/** Entries may be stamped a little in the future (clock skew between shards' machines). */
const FUTURE_SKEW_MS = 86_400_000;

/** How one cache lays out its entries; `E` is an entry as the cache uses it, `observedAt` included. */
export interface SealedCacheFormat<E extends { readonly observedAt: string }> {
  /** `<cacheDir>/<directory>/<fileName>`, with `cache.key` beside it. */
  readonly directory: string;
  readonly fileName: string;
  readonly version: number;
  /** The document's member that holds the entries by key (`zones`, `domains`). */
  readonly member: string;
  readonly maxFileBytes: number;
  readonly maxEntries: number;
  /** Entries older than this are not used. */
  readonly maxAgeMs: number;
  /** Whether a key is one this cache stores (checked before anything else of the entry). */
  validKey(key: string): boolean;
  /** The entry when `value` is one in every bound, else undefined. Never throws. */
  readEntry(value: Record<string, unknown>): E | undefined;
  /** What the seal covers besides the key: every field the cache uses. */
  sealed(entry: E): unknown[];
  /** The entry as stored, without its seal. */
  stored(entry: E): Record<string, unknown>;
}

export interface SealedCacheFile<E> {
  /** The entries that pass every check; read once, on first use. */
  entries(): Promise<ReadonlyMap<string, E>>;
  /** Merges `entries` into the file on disk. Never rejects. */
  write(entries: ReadonlyMap<string, E>): Promise<void>;
}

/** No disk access at all without a cacheDir. */
export function openSealedCacheFile<E extends { readonly observedAt: string }>(
  cacheDir: string | undefined,
  format: SealedCacheFormat<E>,
): SealedCacheFile<E> {
  if (cacheDir === undefined) {
    return { entries: async () => new Map(), write: async () => undefined };
  }
  const dir = join(cacheDir, format.directory);
  const file = join(dir, format.fileName);
  const keyFile = join(dir, "cache.key");
  const seals: KnownSeals = new WeakMap();
  // What this scan read, and with which key: the write merges with it when the file is unchanged.
  let loaded: Promise<(ReadEntries<E> & { readonly key: Buffer }) | undefined> | undefined;

  async function readTrusted() {
    const key = (await trustedDirectory(dir)) ? await readKey(keyFile) : undefined;
    return key === undefined
      ? undefined
      : { key, ...(await readEntries(file, key, format, seals)) };
  }

  /** The file's entries now: those read earlier when it has not changed since (no re-checking). */
  async function current(key: Buffer): Promise<Map<string, E>> {
    const earlier = await loaded;
    if (earlier?.version !== undefined && earlier.key.equals(key)) {
      try {
        const now = await lstat(file);
        if (now.isFile() && sameVersion(versionOf(now), earlier.version)) {
          return new Map(earlier.entries);
        }
      } catch {
        // Gone or unreadable: read it as a new file below.
      }
    }
    return (await readEntries(file, key, format, seals)).entries;
  }

  return {
    entries: async () => {
      loaded ??= readTrusted();
      return (await loaded)?.entries ?? new Map();
    },
    async write(entries) {
      if (entries.size === 0) return;
      try {
        await mkdir(dir, { recursive: true, mode: 0o700 });
        if (!(await trustedDirectory(dir))) return;
        const key = await ensureKey(keyFile);
        if (key === undefined) return;
        await withLock(`${file}.lock`, async () => {
          const merged = await current(key);
          for (const [id, entry] of entries) merged.set(id, entry);
          // Beside the target, then renamed over it: readers never see half a file.
          await writeFileSafely(file, [serialise(merged, key, format, seals)], { mode: 0o600 });
        });
      } catch {
        // Not written: the next scan asks the source again.
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
): Promise<{ readonly bytes: Buffer; readonly stats: Stats } | undefined> {
  const read = await readBoundedFile(path, maxBytes, { followLinks: false });
  return read.ok && ownedAndPrivate(read.stats, "file", forbidden) ? read : undefined;
}

/** The key when it is trustworthy: this user's, readable by no one else, well formed. */
async function readKey(keyFile: string): Promise<Buffer | undefined> {
  const text = (await readOwnFile(keyFile, 2 * KEY_BYTES, OPEN_TO_OTHERS))?.bytes.toString("ascii");
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

function seal<E extends { readonly observedAt: string }>(
  key: Buffer,
  id: string,
  entry: E,
  format: SealedCacheFormat<E>,
): string {
  return createHmac("sha256", key)
    .update(JSON.stringify([id, ...format.sealed(entry)]))
    .digest("hex");
}

/** Recorded no later than now (a little clock skew allowed) and younger than `maxAgeMs`. */
function fresh(observedAt: string, now: number, maxAgeMs: number): boolean {
  const at = Date.parse(observedAt);
  return Number.isFinite(at) && at <= now + FUTURE_SKEW_MS && now - at < maxAgeMs;
}

/** The file as read: the same inode, size and modification time mean the same bytes. */
interface FileVersion {
  readonly dev: number;
  readonly ino: number;
  readonly size: number;
  readonly mtimeMs: number;
}

const versionOf = (stats: Stats): FileVersion => ({
  dev: stats.dev,
  ino: stats.ino,
  size: stats.size,
  mtimeMs: stats.mtimeMs,
});

const sameVersion = (a: FileVersion, b: FileVersion) =>
  a.dev === b.dev && a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs;

/**
 * Seals already checked, by entry object: an entry read from the file and written back unchanged
 * keeps its seal instead of being sealed again (10,000 HMACs a scan), as long as the key is the same.
 */
type KnownSeals = WeakMap<object, { readonly key: Buffer; readonly mac: string }>;

interface ReadEntries<E> {
  readonly entries: Map<string, E>;
  /** Undefined when there was no file this user may trust. */
  readonly version: FileVersion | undefined;
}

async function readEntries<E extends { readonly observedAt: string }>(
  file: string,
  key: Buffer,
  format: SealedCacheFormat<E>,
  seals: KnownSeals,
): Promise<ReadEntries<E>> {
  const entries = new Map<string, E>();
  const read = await readOwnFile(file, format.maxFileBytes);
  if (read === undefined) return { entries, version: undefined };
  const version = versionOf(read.stats);
  let document: unknown;
  try {
    document = JSON.parse(read.bytes.toString("utf8"));
  } catch {
    return { entries, version };
  }
  if (!isRecord(document) || document.version !== format.version) return { entries, version };
  const stored = document[format.member];
  if (!isRecord(stored)) return { entries, version };
  const now = Date.now();
  for (const [id, value] of Object.entries(stored)) {
    if (entries.size >= format.maxEntries) break;
    if (!format.validKey(id) || !isRecord(value)) continue;
    const entry = format.readEntry(value);
    const mac = value.mac;
    if (entry === undefined || typeof mac !== "string" || !MAC.test(mac)) continue;
    if (!fresh(entry.observedAt, now, format.maxAgeMs)) continue;
    const expected = Buffer.from(seal(key, id, entry, format), "hex");
    if (timingSafeEqual(expected, Buffer.from(mac, "hex"))) {
      entries.set(id, entry);
      seals.set(entry, { key, mac });
    }
  }
  return { entries, version };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** One entry a line: the file stays readable, and diffs between runs stay small. */
function serialise<E extends { readonly observedAt: string }>(
  entries: ReadonlyMap<string, E>,
  key: Buffer,
  format: SealedCacheFormat<E>,
  seals: KnownSeals,
): string {
  const ids = [...entries.keys()].sort().slice(0, format.maxEntries);
  const lines = ids.map((id) => {
    const entry = entries.get(id) as E;
    const known = seals.get(entry);
    const mac = known?.key.equals(key) ? known.mac : seal(key, id, entry, format);
    const line = { ...format.stored(entry), mac };
    return `    ${JSON.stringify(id)}: ${JSON.stringify(line)}`;
  });
  return `{\n  "version": ${format.version},\n  ${JSON.stringify(format.member)}: {\n${lines.join(",\n")}\n  }\n}\n`;
}

/**
 * Runs `work` holding `lockFile` (created exclusively), so that the read-merge-write of one writer
 * cannot interleave with another's. A lock older than LOCK_STALE_MS was left by a crash and is
 * removed; after LOCK_WAIT_MS the work runs anyway: a lost entry costs a lookup, a hung scan more.
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
