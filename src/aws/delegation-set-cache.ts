// The on-disk cache of hosted zones' delegation sets. A zone keeps its four name servers for
// its whole life and zone ids are never reused, so an entry never goes stale: a repeat scan
// needs no GetHostedZone call for a zone it has seen. Unreadable or malformed entries are
// treated as absent (and rewritten); a cache that cannot be written only costs API calls.

import { randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";

const FORMAT_VERSION = 1;
// Route 53 zone ids are upper-case alphanumerics; anything else never becomes a file name.
const ZONE_ID = /^[A-Z0-9]{1,64}$/;
const HOST_NAME =
  /^(?=.{1,253}$)[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)*$/;
const MAX_FILE_BYTES = 16 * 1024;
const MAX_NAME_SERVERS = 13;

export interface DelegationSetCache {
  /** The cached delegation set of a zone, or undefined when absent, unreadable or for another zone name. */
  get(zoneId: string, zoneName: string): Promise<readonly string[] | undefined>;
  put(zoneId: string, zoneName: string, nameServers: readonly string[]): Promise<void>;
}

interface CacheEntry {
  readonly version: number;
  readonly zoneId: string;
  readonly zoneName: string;
  readonly nameServers: readonly string[];
  readonly observedAt: string;
}

/** `<cacheDir>/route53/delegation-sets/<zoneId>.json`; no disk access at all without a cacheDir. */
export function createDelegationSetCache(cacheDir: string | undefined): DelegationSetCache {
  if (cacheDir === undefined) {
    return { get: async () => undefined, put: async () => undefined };
  }
  const dir = join(cacheDir, "route53", "delegation-sets");
  const fileOf = (zoneId: string): string | undefined =>
    ZONE_ID.test(zoneId) ? join(dir, `${zoneId}.json`) : undefined;

  return {
    async get(zoneId, zoneName) {
      const file = fileOf(zoneId);
      if (file === undefined) return undefined;
      let text: string;
      try {
        text = await readFile(file, "utf8");
      } catch {
        return undefined;
      }
      if (text.length > MAX_FILE_BYTES) return undefined;
      const entry = parseEntry(text);
      if (entry === undefined || entry.zoneId !== zoneId || entry.zoneName !== zoneName) {
        return undefined;
      }
      return entry.nameServers;
    },

    async put(zoneId, zoneName, nameServers) {
      const file = fileOf(zoneId);
      if (file === undefined) return;
      const entry: CacheEntry = {
        version: FORMAT_VERSION,
        zoneId,
        zoneName,
        nameServers,
        observedAt: new Date().toISOString(),
      };
      // Write beside the target and rename over it: readers never see half a file, and
      // concurrent scans writing the same entry write the same content.
      const temp = `${file}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
      try {
        await mkdir(dir, { recursive: true });
        await writeFile(temp, `${JSON.stringify(entry, null, 2)}\n`, { flag: "wx" });
        await rename(temp, file);
      } catch {
        await rm(temp, { force: true }).catch(() => undefined);
      }
    },
  };
}

function parseEntry(text: string): CacheEntry | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== "object" || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const servers = v.nameServers;
  if (
    v.version !== FORMAT_VERSION ||
    typeof v.zoneId !== "string" ||
    typeof v.zoneName !== "string" ||
    typeof v.observedAt !== "string" ||
    !Array.isArray(servers) ||
    servers.length === 0 ||
    servers.length > MAX_NAME_SERVERS ||
    !servers.every((s) => typeof s === "string" && HOST_NAME.test(s))
  ) {
    return undefined;
  }
  return {
    version: v.version,
    zoneId: v.zoneId,
    zoneName: v.zoneName,
    nameServers: servers as string[],
    observedAt: v.observedAt,
  };
}
