// RDAP registrations kept across runs, in `<cacheDir>/rdap/registrations.json`. A registry's
// record of a domain rarely changes, while asking for it is the slowest part of a real scan
// (registries answer in 100–500 ms and rate-limit per client). The file is a sealed cache file
// (src/files/sealed-cache-file.ts: HMAC with a per-user key, own files only, no symbolic links,
// bounded) and every value read from it is checked against the same bounds as a network answer.
//
// An entry is never used when it is older than the maximum age (24 h by default), with
// `--refresh`, when the domain's previous verdict was drift or unknown (stored with the entry),
// or when the cached expiry is within the policy's `expiry.minDays` + 7 days. What the live world
// can contradict (the delegation, the Route 53 Domains account) is checked by the caller
// (src/check/cached-registration.ts) once those observations are in.

import { isRecord } from "../../files/sealed-cache-file.js";
import {
  CACHED_DOMAIN,
  CACHED_HOST_NAME,
  CACHED_VERDICTS,
  type CachedVerdict,
  expiresSoon,
  openVerdictCache,
  type VerdictCacheFormat,
  type VerdictCacheOptions,
} from "../../files/verdict-cache.js";
import { MAX_ITEMS } from "./domain-object.js";
import type {
  RdapBoundedList,
  RdapDsData,
  RdapKeyData,
  RdapObservation,
  RdapRegistrar,
} from "./types.js";

export type RegisteredRdap = Extract<RdapObservation, { kind: "registered" }>;
export type RegistrationCacheOptions = VerdictCacheOptions;

export interface RegistrationCache {
  /**
   * The domain's registration from an earlier run (with `observedAt`), unless its age, its stored
   * verdict or its expiry (within `expiryMinDays` + 7 days of `now`) call for asking again.
   */
  usable(
    domain: string,
    expiryMinDays: number | undefined,
    now: number,
  ): Promise<RegisteredRdap | undefined>;
  /** Keeps a registration just read from the registry. */
  remember(observation: RegisteredRdap): void;
  /** The domain's verdict in this run: stored with its entry, it decides whether the next run may use it. */
  settle(domain: string, verdict: CachedVerdict): void;
  /** Writes the entries of this run, merged with the file. Never rejects. */
  flush(): Promise<void>;
}

interface Entry {
  readonly observedAt: string;
  readonly verdict: CachedVerdict | undefined;
  readonly url: string;
  readonly registrar: RdapRegistrar;
  readonly statuses: readonly string[] | undefined;
  readonly events: RegisteredRdap["events"];
  readonly nameservers: readonly string[];
  readonly delegationSigned: boolean | undefined;
  readonly dsData: readonly RdapDsData[];
  readonly keyData: readonly RdapKeyData[];
  readonly truncated: readonly RdapBoundedList[];
}

/** Status values are short phrases ("client transfer prohibited"). */
const STATUS = /^[\x20-\x7e]{1,64}$/;
const MAX_TEXT = 255;
const MAX_URL = 2048;
const BOUNDED_LISTS: readonly RdapBoundedList[] = ["status", "entities", "events", "nameservers"];
const ROLES = ["registrar", "sponsor"] as const;

const optionalText = (value: unknown, max = MAX_TEXT): value is string | undefined =>
  value === undefined || (typeof value === "string" && value.length > 0 && value.length <= max);
const timestamp = (value: unknown): value is string | undefined =>
  value === undefined || (optionalText(value, 64) && Number.isFinite(Date.parse(value)));
const stringList = (value: unknown, test: RegExp): value is string[] =>
  Array.isArray(value) &&
  value.length <= MAX_ITEMS &&
  value.every((item) => typeof item === "string" && test.test(item));

const uint = (value: unknown, max: number): value is number =>
  typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= max;
/** A SHA-384 digest is 96 hex digits; an RSA-4096 key some 700 base64 characters. */
const DIGEST = /^[0-9a-f]{1,128}$/;
const PUBLIC_KEY = /^[A-Za-z0-9+/=\s]{1,4096}$/;

/** `secureDNS.dsData` as the registry answered it (see domain-object.ts), else undefined. */
function readDsData(value: unknown): RdapDsData[] | undefined {
  if (!Array.isArray(value) || value.length > MAX_ITEMS) return undefined;
  const list: RdapDsData[] = [];
  for (const ds of value) {
    if (!isRecord(ds)) return undefined;
    const { keyTag, algorithm, digestType, digest } = ds;
    if (!uint(keyTag, 0xffff) || !uint(algorithm, 0xff) || !uint(digestType, 0xff))
      return undefined;
    if (typeof digest !== "string" || !DIGEST.test(digest)) return undefined;
    list.push({ keyTag, algorithm, digestType, digest });
  }
  return list;
}

/** `secureDNS.keyData` as the registry answered it, else undefined. */
function readKeyData(value: unknown): RdapKeyData[] | undefined {
  if (!Array.isArray(value) || value.length > MAX_ITEMS) return undefined;
  const list: RdapKeyData[] = [];
  for (const key of value) {
    if (!isRecord(key)) return undefined;
    const { flags, protocol, algorithm, publicKey } = key;
    if (!uint(flags, 0xffff) || !uint(protocol, 0xff) || !uint(algorithm, 0xff)) return undefined;
    if (typeof publicKey !== "string" || !PUBLIC_KEY.test(publicKey)) return undefined;
    list.push({ flags, protocol, algorithm, publicKey });
  }
  return list;
}

function readRegistrar(value: unknown): RdapRegistrar | undefined {
  if (!isRecord(value)) return undefined;
  const { ianaId, name, handle, role } = value;
  const validId =
    ianaId === undefined ||
    (Number.isInteger(ianaId) && (ianaId as number) > 0 && (ianaId as number) < 1e7);
  const validRole = role === undefined || ROLES.includes(role as (typeof ROLES)[number]);
  if (!validId || !optionalText(name) || !optionalText(handle) || !validRole) return undefined;
  return {
    ianaId: ianaId as number | undefined,
    name,
    handle,
    role: role as RdapRegistrar["role"],
  };
}

/** An entry from the file, when every member is within the bounds of a network answer. */
function readEntry(value: Record<string, unknown>): Entry | undefined {
  const { observedAt, verdict, url, statuses, events, nameservers, delegationSigned, truncated } =
    value;
  const registrar = readRegistrar(value.registrar);
  // Entries written before the DNSSEC data was kept have none: not used, asked again.
  const dsData = readDsData(value.dsData);
  const keyData = readKeyData(value.keyData);
  if (
    registrar === undefined ||
    dsData === undefined ||
    keyData === undefined ||
    typeof observedAt !== "string" ||
    !timestamp(observedAt) ||
    !(verdict === undefined || CACHED_VERDICTS.includes(verdict as CachedVerdict)) ||
    typeof url !== "string" ||
    url.length > MAX_URL ||
    !/^https?:\/\//.test(url) ||
    !URL.canParse(url) ||
    !(statuses === undefined || stringList(statuses, STATUS)) ||
    !isRecord(events) ||
    !timestamp(events.registration) ||
    !timestamp(events.expiration) ||
    !timestamp(events.lastChanged) ||
    !stringList(nameservers, CACHED_HOST_NAME) ||
    !(delegationSigned === undefined || typeof delegationSigned === "boolean") ||
    !Array.isArray(truncated) ||
    !truncated.every((t) => BOUNDED_LISTS.includes(t as RdapBoundedList))
  ) {
    return undefined;
  }
  return {
    observedAt,
    verdict: verdict as CachedVerdict | undefined,
    url,
    registrar,
    statuses,
    events: {
      registration: events.registration,
      expiration: events.expiration,
      lastChanged: events.lastChanged,
    },
    nameservers: [...nameservers].sort(),
    delegationSigned,
    dsData,
    keyData,
    truncated: truncated as RdapBoundedList[],
  };
}

/** Every member, in a fixed order, for the seal. */
function sealed(entry: Entry): unknown[] {
  const { registrar, events } = entry;
  return [
    entry.observedAt,
    entry.verdict,
    entry.url,
    [registrar.ianaId, registrar.name, registrar.handle, registrar.role],
    entry.statuses,
    [events.registration, events.expiration, events.lastChanged],
    entry.nameservers,
    entry.delegationSigned,
    entry.dsData.map((ds) => [ds.keyTag, ds.algorithm, ds.digestType, ds.digest]),
    entry.keyData.map((key) => [key.flags, key.protocol, key.algorithm, key.publicKey]),
    entry.truncated,
  ];
}

const FORMAT: VerdictCacheFormat<Entry> = {
  directory: "rdap",
  fileName: "registrations.json",
  version: 1,
  member: "domains",
  // ~600 bytes an entry: room for some 100,000 domains.
  maxFileBytes: 64 * 1024 * 1024,
  maxEntries: 200_000,
  validKey: (domain) => CACHED_DOMAIN.test(domain),
  readEntry,
  sealed,
  // JSON drops the undefined members; reading them back gives undefined again.
  stored: (entry) => ({ ...entry }),
};

function entryOf(observation: RegisteredRdap, verdict: CachedVerdict | undefined): Entry {
  return {
    observedAt: observation.observedAt ?? new Date().toISOString(),
    verdict,
    url: observation.url,
    registrar: observation.registrar,
    statuses: observation.statuses,
    events: observation.events,
    nameservers: observation.nameservers,
    delegationSigned: observation.delegationSigned,
    dsData: observation.dsData,
    keyData: observation.keyData,
    truncated: observation.truncated,
  };
}

function observationOf(domain: string, entry: Entry): RegisteredRdap {
  return {
    kind: "registered",
    domain,
    protocol: "rdap",
    url: entry.url,
    registrar: entry.registrar,
    statuses: entry.statuses,
    events: entry.events,
    nameservers: entry.nameservers,
    delegationSigned: entry.delegationSigned,
    dsData: entry.dsData,
    keyData: entry.keyData,
    truncated: entry.truncated,
    observedAt: entry.observedAt,
  };
}

export function createRegistrationCache(options: RegistrationCacheOptions): RegistrationCache {
  const cache = openVerdictCache(options, FORMAT);
  return {
    async usable(domain, expiryMinDays, now) {
      const entry = await cache.earlier(domain);
      if (entry === undefined || expiresSoon(entry.events.expiration, expiryMinDays, now)) {
        return undefined;
      }
      return observationOf(domain, entry);
    },
    remember(observation) {
      if (observation.observedAt !== undefined) return;
      const entry = entryOf(observation, undefined);
      if (validKeyAndEntry(observation.domain, entry)) cache.record(observation.domain, entry);
    },
    settle: (domain, verdict) => cache.settle(domain, verdict),
    flush: () => cache.flush(),
  };
}

/** What is written must read back: the same bounds as for the file. */
function validKeyAndEntry(domain: string, entry: Entry): boolean {
  return CACHED_DOMAIN.test(domain) && readEntry(JSON.parse(JSON.stringify(entry))) !== undefined;
}
