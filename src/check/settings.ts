// The settings of a check session: one type for every shell that observes the live world (the
// CLI's `check` and `init`, the GitHub Action), of which `trace` takes the DNS part. Kept apart
// from the session itself, so a shell can build settings from its options without loading the
// observers and the rules.
import type { WalkerOptions } from "../observe/dns/index.js";
import type { Ipv6Mode, ServerRef } from "../observe/dns/types.js";

export interface CheckSettings {
  /** Cache for refreshed reference data, Route 53 delegation sets, RDAP registrations and registrar details. */
  readonly cacheDir: string;
  /** RDAP registrations and registrar details older than this are asked again; 0: those caches are off. */
  readonly cacheMaxAgeHours: number;
  /** Ask every source again, whatever the caches hold (they are still written). */
  readonly refresh: boolean;
  /** A named.root file replacing the shipped root hints (a lab: allows non-public addresses). */
  readonly rootHintsFile: string | undefined;
  /** An IANA dns.json file replacing the shipped bootstrap (a lab: allows http and non-public addresses). */
  readonly rdapBootstrapFile: string | undefined;
  /**
   * A registry capability table replacing the shipped one (a lab: WHOIS servers may be
   * non-public addresses).
   */
  readonly registryTableFile: string | undefined;
  /** Explicitly allow queries to non-public addresses without a lab. */
  readonly allowPrivateAddresses: boolean;
  /** DNS destination port (labs run unprivileged). */
  readonly dnsPort: number;
  /** Per DNS query, in milliseconds. */
  readonly timeoutMs: number;
  /**
   * Name servers' IPv6 addresses: `auto` asks them where this host has an IPv6 route and reports
   * the rest as not probed; `on` asks every one; `off` none.
   */
  readonly ipv6: Ipv6Mode;
  /** Ask every parent-zone server and report disagreement. */
  readonly allParents: boolean;
  /** Also ask each delegated server for the zone's SOA serial. */
  readonly soa: boolean;
  /** DNS queries the walker keeps in flight at once, across every domain. */
  readonly dnsQueriesInFlight: number;
  /**
   * Domains whose DNS walk and RDAP lookup run at once. A domain then waits for its AWS
   * observations outside this bound; how many may wait so is derived from it.
   */
  readonly domainsObservedAtOnce: number;
  /** False with `--no-aws`: the AWS checks are reported as not checked. */
  readonly aws: boolean;
  /** Client-side limit of AWS requests per second per account and API; undefined: the observer's default. */
  readonly awsRequestsPerSecond: number | undefined;
}

/** What the DNS walker needs, and all `trace` takes. */
export type DnsSettings = Pick<
  CheckSettings,
  | "cacheDir"
  | "rootHintsFile"
  | "allowPrivateAddresses"
  | "dnsPort"
  | "timeoutMs"
  | "ipv6"
  | "allParents"
  | "soa"
>;

/** The internet's DNS port; labs choose their own. */
export const DEFAULT_DNS_PORT = 53;
export const DEFAULT_TIMEOUT_MS = 1500;
/** `--concurrency` and the Action's `concurrency` input, unless given. */
export const DEFAULT_CONCURRENCY = 64;
/** `--cache-max-age` and the Action's `cache-max-age` input, unless given. */
export const DEFAULT_CACHE_MAX_AGE_HOURS = 24;

/** Every setting but the cache directory, as a shell leaves it unless its options say otherwise. */
const DEFAULTS: Omit<CheckSettings, "cacheDir"> = {
  rootHintsFile: undefined,
  rdapBootstrapFile: undefined,
  registryTableFile: undefined,
  allowPrivateAddresses: false,
  dnsPort: DEFAULT_DNS_PORT,
  timeoutMs: DEFAULT_TIMEOUT_MS,
  ipv6: "auto",
  allParents: false,
  soa: false,
  ...concurrencySettings(DEFAULT_CONCURRENCY),
  aws: true,
  awsRequestsPerSecond: undefined,
  cacheMaxAgeHours: DEFAULT_CACHE_MAX_AGE_HOURS,
  refresh: false,
};

/** Settings from what a shell's options or inputs give; the rest are the defaults. */
export function checkSettings(
  given: Partial<CheckSettings> & Pick<CheckSettings, "cacheDir">,
): CheckSettings {
  return { ...DEFAULTS, ...given };
}

/**
 * What one `concurrency` number (the CLI's `--concurrency`, the Action's input) sets: as many DNS
 * queries in flight as domains observed at once.
 */
export function concurrencySettings(
  concurrency: number,
): Pick<CheckSettings, "dnsQueriesInFlight" | "domainsObservedAtOnce"> {
  return { dnsQueriesInFlight: concurrency, domainsObservedAtOnce: concurrency };
}

/** The walker's own options from settings. Custom root hints make a lab: its servers are not public. */
export function walkerOptions(
  settings: DnsSettings,
  rootHints: readonly ServerRef[],
): WalkerOptions {
  return {
    rootHints,
    port: settings.dnsPort,
    timeoutMs: settings.timeoutMs,
    ipv6: settings.ipv6,
    allowNonPublic: settings.allowPrivateAddresses || settings.rootHintsFile !== undefined,
    allParents: settings.allParents,
    soa: settings.soa,
  };
}
