// A sealed cache file (./sealed-cache-file.ts) whose entries carry the verdict of the run that
// wrote them, for the caches that spare a slow source between scheduled scans (RDAP registrations,
// Route 53 Domains details). Such an entry may only confirm what passed before: one whose domain
// was drift or unknown in that run is never offered, so the next run asks its source again. The
// caller keeps the entries it reads fresh (`record`), then settles each domain's verdict (`settle`);
// an entry used from the cache keeps its age, only its verdict is rewritten.

import { openSealedCacheFile, type SealedCacheFormat } from "./sealed-cache-file.js";

/** A domain name as these caches store it: a lower-case A-label without the trailing dot. */
export const CACHED_DOMAIN =
  /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;
/** A name server's name as these caches store it (underscores allowed, as some servers have). */
export const CACHED_HOST_NAME =
  /^(?=.{1,253}$)[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)*$/;

export type CachedVerdict = "compliant" | "drift" | "unknown";
export const CACHED_VERDICTS: readonly CachedVerdict[] = ["compliant", "drift", "unknown"];

/** What every such entry holds besides its data: when it was read, and the verdict then. */
export interface VerdictEntry {
  readonly observedAt: string;
  readonly verdict: CachedVerdict | undefined;
}

export interface VerdictCache<E extends VerdictEntry> {
  /** The entry of an earlier run whose verdict was compliant, else undefined. */
  earlier(key: string): Promise<E | undefined>;
  /** Keeps an entry just read from its source (its verdict comes with `settle`). */
  record(key: string, entry: E): void;
  /** The key's verdict in this run; several callers may share a key: the worst verdict counts. */
  settle(key: string, verdict: CachedVerdict): void;
  /** Writes this run's entries, merged with the file. Never rejects. */
  flush(): Promise<void>;
}

export interface VerdictCacheOptions {
  readonly cacheDir: string | undefined;
  /** Entries older than this are not used; 0 turns the cache off (nothing read or written). */
  readonly maxAgeHours: number;
  /** Use no entry, only write fresh ones (`--refresh`). */
  readonly refresh: boolean;
}

/** Expiry within `minDays` + this many days: the registrar may be renewing it right now. */
const EXPIRY_MARGIN_DAYS = 7;
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const WORSE: Readonly<Record<CachedVerdict, number>> = { compliant: 0, unknown: 1, drift: 2 };

/** Whether a cached `expiry` (ISO 8601) is within the policy's `minDays` + 7 days of `now`. */
export function expiresSoon(
  expiry: string | undefined,
  minDays: number | undefined,
  now: number,
): boolean {
  const at = expiry === undefined ? Number.NaN : Date.parse(expiry);
  return (
    minDays !== undefined &&
    Number.isFinite(at) &&
    at - now <= (minDays + EXPIRY_MARGIN_DAYS) * DAY_MS
  );
}

/** `format` without its age: the cache's options give it. */
export type VerdictCacheFormat<E extends VerdictEntry> = Omit<SealedCacheFormat<E>, "maxAgeMs">;

export function openVerdictCache<E extends VerdictEntry>(
  options: VerdictCacheOptions,
  format: VerdictCacheFormat<E>,
): VerdictCache<E> {
  if (options.cacheDir === undefined || options.maxAgeHours <= 0) {
    return {
      earlier: async () => undefined,
      record: () => undefined,
      settle: () => undefined,
      flush: async () => undefined,
    };
  }
  const file = openSealedCacheFile(options.cacheDir, {
    ...format,
    maxAgeMs: options.maxAgeHours * HOUR_MS,
  });
  // The file's entries once read (`--refresh` reads nothing). Callers ask `earlier` before they
  // settle a key, so `loaded` is complete by then.
  let loaded: ReadonlyMap<string, E> = new Map();
  const loading = options.refresh
    ? Promise.resolve()
    : file.entries().then((entries) => {
        loaded = entries;
      });
  // Entries of this run: fresh ones, and earlier ones whose verdict was settled.
  const written = new Map<string, E>();

  return {
    async earlier(key) {
      await loading;
      const entry = loaded.get(key);
      return entry?.verdict === "compliant" ? entry : undefined;
    },

    record(key, entry) {
      // A verdict already settled in this run for the key (another policy entry) is kept.
      if (format.validKey(key)) written.set(key, { ...entry, verdict: written.get(key)?.verdict });
    },

    settle(key, verdict) {
      const entry = written.get(key) ?? loaded.get(key);
      if (entry === undefined) return;
      // An entry used from the cache keeps its age, and is rewritten only when its verdict changed.
      if (!written.has(key) && entry.verdict === verdict) return;
      const worst =
        written.has(key) && entry.verdict !== undefined && WORSE[entry.verdict] > WORSE[verdict]
          ? entry.verdict
          : verdict;
      written.set(key, { ...entry, verdict: worst });
    },

    async flush() {
      if (written.size === 0) return;
      const entries = new Map(written);
      written.clear();
      await file.write(entries);
    },
  };
}
