// Registrar API details kept across runs, in `<cacheDir>/registrars/details.json`: what a
// registrar API tells about one domain with a call of its own beyond the account listing (Route 53
// Domains `GetDomainDetail`, at 5 calls per second by default: 444 s a night for 2,200 domains).
// The listing itself (ListDomains: auto-renew, transfer lock, expiry) is read on every run, so it
// decides whether an earlier detail still describes the domain. The file is a verdict cache
// (src/files/verdict-cache.ts: sealed with a per-user key, own files only, no symbolic links,
// bounded, and an entry offered only when its domain was compliant in the run that wrote it); every
// value read from it is checked as an API answer would be.
//
// An entry is never used when it is older than the maximum age, with `--refresh`, when the domain
// was drift or unknown in that run, when the cached or listed expiry is within the policy's
// `expiry.minDays` + 7 days, or when the listing's row differs from the one stored with it (auto-renew
// switched, lock lifted, renewed or transferred). The live delegation is compared by the caller
// (src/check/cached-registrar-detail.ts) once the walk is in.

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
  type VerdictEntry,
} from "../../files/verdict-cache.js";
import type {
  DomainDetail,
  EarlierDetail,
  RegisteredDomainSummary,
  RegistrarDnssecKey,
} from "./types.js";

/** The listing's row without the name: what a later listing must show again. */
type Listed = Pick<RegisteredDomainSummary, "autoRenew" | "transferLock" | "expiry">;

interface Entry extends VerdictEntry {
  readonly listed: Listed;
  readonly detail: DomainDetail;
}

export interface RegistrarDetailCache {
  /**
   * The detail an earlier run read of `domain` at `provider` in `account`, unless its age, its
   * verdict, its expiry or a change in the listing's row (`listed`) calls for asking again.
   */
  usable(
    provider: string,
    account: string,
    listed: RegisteredDomainSummary,
    expiryMinDays: number | undefined,
    now: number,
  ): Promise<EarlierDetail | undefined>;
  /**
   * The domain's verdict in this run, with the registration it was judged on: a detail read in this
   * run is kept with it; one used from the cache keeps its age. Registrations without a listing row
   * (an API whose listing is the detail) are not kept.
   */
  settle(
    provider: string,
    registration: {
      readonly account: string;
      readonly detail: DomainDetail;
      readonly listed?: RegisteredDomainSummary;
      readonly observedAt?: string;
    },
    verdict: CachedVerdict,
  ): void;
  /** Writes this run's entries, merged with the file. Never rejects. */
  flush(): Promise<void>;
}

const PROVIDER = /^[a-z0-9-]{1,32}$/;
/** As the policy schema's `accountId`. */
const ACCOUNT = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
/** Status codes are short words (`clientTransferProhibited`, `TRANSFER_PROHIBITED`). */
const STATUS = /^[\x20-\x7e]{1,64}$/;
const MAX_STATUSES = 256;
const MAX_NAME_SERVERS = 13;
/** As MAX_DNSSEC_KEYS of the Route 53 observer: registries accept a handful of DS records. */
const MAX_KEYS = 32;
const MAX_TEXT = 255;
const DIGEST = /^[0-9a-f]{1,128}$/;

function keyOf(provider: string, account: string, domain: string): string {
  return `${provider}/${account}/${domain}`;
}

function validKey(key: string): boolean {
  const [provider, account, domain, ...rest] = key.split("/");
  return (
    rest.length === 0 &&
    provider !== undefined &&
    PROVIDER.test(provider) &&
    account !== undefined &&
    ACCOUNT.test(account) &&
    domain !== undefined &&
    CACHED_DOMAIN.test(domain)
  );
}

const optional = <T>(value: unknown, test: (v: unknown) => v is T): value is T | undefined =>
  value === undefined || test(value);
const isBoolean = (value: unknown): value is boolean => typeof value === "boolean";
const isTime = (value: unknown): value is string =>
  typeof value === "string" && value.length <= 64 && Number.isFinite(Date.parse(value));
const isText = (value: unknown): value is string =>
  typeof value === "string" && value.length > 0 && value.length <= MAX_TEXT;
const uint =
  (max: number) =>
  (value: unknown): value is number =>
    typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= max;
const names = (value: unknown, max: number, test: RegExp): value is string[] =>
  Array.isArray(value) &&
  value.length <= max &&
  value.every((item) => typeof item === "string" && test.test(item));

function readListed(value: unknown): Listed | undefined {
  if (!isRecord(value)) return undefined;
  const { autoRenew, transferLock, expiry } = value;
  if (!optional(autoRenew, isBoolean) || !optional(transferLock, isBoolean)) return undefined;
  if (!optional(expiry, isTime)) return undefined;
  return { autoRenew, transferLock, expiry };
}

function readKey(value: unknown): RegistrarDnssecKey | undefined {
  if (!isRecord(value)) return undefined;
  const { keyTag, algorithm, flags, digestType, digest, id } = value;
  const valid =
    optional(keyTag, uint(0xffff)) &&
    optional(algorithm, uint(0xff)) &&
    optional(flags, uint(0xffff)) &&
    optional(digestType, uint(0xff)) &&
    optional(digest, (d): d is string => typeof d === "string" && DIGEST.test(d)) &&
    optional(id, isText);
  return valid ? { keyTag, algorithm, flags, digestType, digest, id } : undefined;
}

function readDetail(value: unknown, domain: string | undefined): DomainDetail | undefined {
  if (!isRecord(value)) return undefined;
  const listed = readListed(value);
  const { name, nameservers, registrarName, statusList, dnssecKeys, dnssecKeysUnread } = value;
  if (
    listed === undefined ||
    typeof name !== "string" ||
    !CACHED_DOMAIN.test(name) ||
    (domain !== undefined && name !== domain) ||
    !(nameservers === undefined || names(nameservers, MAX_NAME_SERVERS, CACHED_HOST_NAME)) ||
    !optional(registrarName, isText) ||
    !names(statusList, MAX_STATUSES, STATUS) ||
    !optional(dnssecKeysUnread, uint(1_000_000))
  ) {
    return undefined;
  }
  let keys: RegistrarDnssecKey[] | undefined;
  if (dnssecKeys !== undefined) {
    if (!Array.isArray(dnssecKeys) || dnssecKeys.length > MAX_KEYS) return undefined;
    keys = [];
    for (const item of dnssecKeys) {
      const key = readKey(item);
      if (key === undefined) return undefined;
      keys.push(key);
    }
  }
  return {
    name,
    ...listed,
    nameservers: nameservers === undefined ? undefined : [...nameservers].sort(),
    registrarName,
    statusList,
    dnssecKeys: keys,
    ...(dnssecKeysUnread === undefined || dnssecKeysUnread === 0 ? {} : { dnssecKeysUnread }),
  };
}

function readEntry(value: Record<string, unknown>): Entry | undefined {
  const { observedAt, verdict } = value;
  const listed = readListed(value.listed);
  const detail = readDetail(value.detail, undefined);
  if (
    listed === undefined ||
    detail === undefined ||
    !isTime(observedAt) ||
    !(verdict === undefined || CACHED_VERDICTS.includes(verdict as CachedVerdict))
  ) {
    return undefined;
  }
  return { observedAt, verdict: verdict as CachedVerdict | undefined, listed, detail };
}

/** Every member, in a fixed order, for the seal. */
function sealed(entry: Entry): unknown[] {
  const { listed, detail } = entry;
  return [
    entry.observedAt,
    entry.verdict,
    [listed.autoRenew, listed.transferLock, listed.expiry],
    [detail.name, detail.autoRenew, detail.transferLock, detail.expiry],
    detail.nameservers,
    detail.registrarName,
    detail.statusList,
    detail.dnssecKeys?.map((k) => [k.keyTag, k.algorithm, k.flags, k.digestType, k.digest, k.id]),
    detail.dnssecKeysUnread,
  ];
}

const FORMAT: VerdictCacheFormat<Entry> = {
  directory: "registrars",
  fileName: "details.json",
  version: 1,
  member: "domains",
  // ~700 bytes an entry: room for some 100,000 domains.
  maxFileBytes: 64 * 1024 * 1024,
  maxEntries: 200_000,
  validKey,
  readEntry,
  sealed,
  // JSON drops the undefined members; reading them back gives undefined again.
  stored: (entry) => ({ ...entry }),
};

const sameRow = (a: Listed, b: Listed): boolean =>
  a.autoRenew === b.autoRenew &&
  a.transferLock === b.transferLock &&
  (a.expiry === undefined
    ? b.expiry === undefined
    : Date.parse(a.expiry) === Date.parse(b.expiry ?? ""));

export function createRegistrarDetailCache(options: VerdictCacheOptions): RegistrarDetailCache {
  const cache = openVerdictCache(options, FORMAT);
  return {
    async usable(provider, account, listed, expiryMinDays, now) {
      const key = keyOf(provider, account, listed.name);
      if (!validKey(key)) return undefined;
      const entry = await cache.earlier(key);
      if (
        entry === undefined ||
        entry.detail.name !== listed.name ||
        !sameRow(entry.listed, listed) ||
        expiresSoon(entry.detail.expiry, expiryMinDays, now) ||
        expiresSoon(listed.expiry, expiryMinDays, now)
      ) {
        return undefined;
      }
      return { detail: entry.detail, observedAt: entry.observedAt };
    },

    settle(provider, registration, verdict) {
      const { account, detail, listed } = registration;
      const key = keyOf(provider, account, detail.name);
      if (registration.observedAt === undefined) {
        // Read in this run: kept when it reads back within the file's bounds.
        if (listed === undefined) return;
        const entry: Entry = {
          observedAt: new Date().toISOString(),
          verdict: undefined,
          listed: {
            autoRenew: listed.autoRenew,
            transferLock: listed.transferLock,
            expiry: listed.expiry,
          },
          detail,
        };
        if (!validKey(key) || readEntry(JSON.parse(JSON.stringify(entry))) === undefined) return;
        cache.record(key, entry);
      }
      cache.settle(key, verdict);
    },

    flush: () => cache.flush(),
  };
}
