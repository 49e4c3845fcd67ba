// The options of the commands that observe the live world. `trace` takes the DNS ones; `check`
// and `init` take them all. One definition keeps names, defaults and help identical everywhere.
import { resolve } from "node:path";
import { type Command, InvalidArgumentError, Option } from "commander";
import {
  type CheckSettings,
  checkSettings,
  concurrencySettings,
  DEFAULT_CACHE_MAX_AGE_HOURS,
  DEFAULT_CONCURRENCY,
  DEFAULT_DNS_PORT,
  DEFAULT_TIMEOUT_MS,
  type DnsSettings,
} from "../../check/settings.js";
import { defaultCacheDir } from "../../data/cache-dir.js";

export interface DnsOptionValues {
  readonly rootHints?: string;
  readonly cacheDir?: string;
  readonly allowPrivateAddresses?: boolean;
  readonly dnsPort: number;
  readonly timeout: number;
  /** `--ipv6` true, `--no-ipv6` false, neither undefined (auto). */
  readonly ipv6?: boolean;
  readonly allParents?: boolean;
  readonly soa?: boolean;
}

export interface ObserverOptionValues extends DnsOptionValues {
  readonly rdapBootstrap?: string;
  readonly registries?: string;
  readonly concurrency: number;
  readonly aws: boolean;
  readonly awsRps?: number;
  readonly cacheMaxAge: number;
  readonly refresh?: boolean;
}

function integerOption(min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`expected an integer from ${min} to ${max}`);
    }
    return n;
  };
}

export function addDnsOptions(command: Command): Command {
  return command
    .option(
      "--root-hints <file>",
      "root hints in named.root format, replacing the shipped ones (a lab: non-public addresses allowed)",
    )
    .option(
      "--cache-dir <dir>",
      `cache for reference data, Route 53 delegation sets and RDAP registrations (default ${defaultCacheDir()})`,
    )
    .option(
      "--allow-private-addresses",
      "allow queries to loopback, private and link-local addresses without custom root hints",
    )
    .addOption(
      new Option("--dns-port <port>", "destination port of DNS queries")
        .default(DEFAULT_DNS_PORT)
        .argParser(integerOption(1, 65535)),
    )
    .addOption(
      new Option("--timeout <ms>", "per-query timeout in milliseconds")
        .default(DEFAULT_TIMEOUT_MS)
        .argParser(integerOption(50, 60_000)),
    )
    .option(
      "--ipv6",
      "query name servers' IPv6 addresses even without an IPv6 route (default: where this host has one)",
    )
    .option("--no-ipv6", "never query IPv6 addresses (they are reported as not probed)")
    .option("--all-parents", "ask every parent-zone server and report disagreement")
    .option("--soa", "also ask each delegated server for the zone's SOA serial");
}

export function addObserverOptions(command: Command): Command {
  return addDnsOptions(command)
    .option(
      "--rdap-bootstrap <file>",
      "IANA RDAP bootstrap (dns.json format), replacing the shipped one (a lab: http and non-public addresses allowed)",
    )
    .option(
      "--registries <file>",
      "registry capability table (registries.json format: WHOIS servers, unpublished data), replacing the shipped one (a lab: non-public addresses allowed)",
    )
    .addOption(
      new Option("--concurrency <n>", "DNS queries in flight (and domains observed at once)")
        .default(DEFAULT_CONCURRENCY)
        .argParser(integerOption(1, 4096)),
    )
    .option(
      "--no-aws",
      "skip the Route 53 and Route 53 Domains observers (their checks become not checked)",
    )
    .addOption(
      new Option(
        "--aws-rps <n>",
        "client-side limit of AWS requests per second per account and API",
      ).argParser(integerOption(1, 1000)),
    )
    .addOption(
      new Option(
        "--cache-max-age <hours>",
        "RDAP registrations and Route 53 Domains details cached by earlier runs are used up to this age (0: not at all); drift, unknown, a changed delegation, a changed ListDomains row or a near expiry always ask again",
      )
        .default(DEFAULT_CACHE_MAX_AGE_HOURS)
        .argParser(integerOption(0, 720)),
    )
    .option("--refresh", "ask every registry and registrar API again, whatever the cache holds");
}

/** File options are resolved against `cwd`, so the library never depends on the process's cwd. */
export function dnsSettings(values: DnsOptionValues, cwd: string): DnsSettings {
  return {
    rootHintsFile: values.rootHints === undefined ? undefined : resolve(cwd, values.rootHints),
    cacheDir: values.cacheDir === undefined ? defaultCacheDir() : resolve(cwd, values.cacheDir),
    allowPrivateAddresses: values.allowPrivateAddresses === true,
    dnsPort: values.dnsPort,
    timeoutMs: values.timeout,
    ipv6: values.ipv6 === undefined ? "auto" : values.ipv6 ? "on" : "off",
    allParents: values.allParents === true,
    soa: values.soa === true,
  };
}

export function observerSettings(values: ObserverOptionValues, cwd: string): CheckSettings {
  return checkSettings({
    ...dnsSettings(values, cwd),
    rdapBootstrapFile:
      values.rdapBootstrap === undefined ? undefined : resolve(cwd, values.rdapBootstrap),
    registryTableFile:
      values.registries === undefined ? undefined : resolve(cwd, values.registries),
    ...concurrencySettings(values.concurrency),
    aws: values.aws,
    awsRequestsPerSecond: values.awsRps,
    cacheMaxAgeHours: values.cacheMaxAge,
    refresh: values.refresh === true,
  });
}
