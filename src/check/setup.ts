// Builds the real observers from user settings: reads root hints and the RDAP bootstrap (custom
// files make a lab, where non-public addresses are allowed), and opens the DNS walker, the RDAP
// client and the AWS clients. Shared by `check`, `init` and the GitHub Action. The RDAP and AWS
// observers (undici, the AWS SDK) are imported when observers are set up, not when this module
// loads: `trace` needs only the DNS settings below.
import { readFile } from "node:fs/promises";
import { loadRdapBootstrap, loadRootHintsText } from "../data/reference-data.js";
import { createDelegationWalker, type WalkerOptions } from "../observe/dns/index.js";
import { parseRootHints } from "../observe/dns/root-hints.js";
import type { ServerRef } from "../observe/dns/types.js";
import type { Observers } from "../observe/observers.js";
import { loadRdapBootstrapFile, type RdapBootstrap } from "../observe/rdap/bootstrap.js";
import type { AccountConfig } from "../policy/types.js";
import type { ReportStats } from "../report/model/model.js";

/** What the DNS walker needs (also all `trace` takes). */
export interface DnsSettings {
  /** A named.root file replacing the shipped root hints (a lab: allows non-public addresses). */
  readonly rootHintsFile: string | undefined;
  readonly cacheDir: string;
  /** Explicitly allow queries to non-public addresses without a lab. */
  readonly allowPrivateAddresses: boolean;
  /** DNS destination port (labs run unprivileged). */
  readonly dnsPort: number;
  readonly timeoutMs: number;
  readonly ipv6: boolean;
  readonly allParents: boolean;
  readonly soa: boolean;
}

export interface ObserverSettings extends DnsSettings {
  /** An IANA dns.json file replacing the shipped bootstrap (a lab: allows http and non-public addresses). */
  readonly rdapBootstrapFile: string | undefined;
  /** In-flight DNS queries; also the number of domains observed at once. */
  readonly concurrency: number;
  /** False with `--no-aws`: the AWS checks are reported as not checked. */
  readonly aws: boolean;
  readonly accounts: ReadonlyMap<string, AccountConfig>;
  readonly awsRequestsPerSecond: number | undefined;
}

export interface ObserverSetup {
  readonly observers: Observers;
  /** Why a refreshed reference copy in the cache was ignored (the embedded one is used instead). */
  readonly warnings: readonly string[];
  readonly stats: () => Omit<ReportStats, "durationMs">;
  close(): Promise<void>;
}

export type SetupResult = { ok: true; setup: ObserverSetup } | { ok: false; message: string };

/** The root hints to start from: the user's file, else the refreshed or embedded copy. */
export async function loadRootHints(
  settings: Pick<DnsSettings, "rootHintsFile" | "cacheDir">,
): Promise<{ ok: true; servers: ServerRef[]; warning?: string } | { ok: false; message: string }> {
  if (settings.rootHintsFile === undefined) {
    const hints = await loadRootHintsText({ cacheDir: settings.cacheDir });
    const source = `root hints (${hints.origin} copy)`;
    const parsed = parseRootHints(hints.text, source);
    if (!parsed.ok) return { ok: false, message: `${source}: ${parsed.message}` };
    return hints.warning === undefined
      ? parsed
      : { ...parsed, warning: `root hints: ${hints.warning}` };
  }
  let text: string;
  try {
    text = await readFile(settings.rootHintsFile, "utf8");
  } catch (error) {
    return {
      ok: false,
      message: `${settings.rootHintsFile}: error: cannot read root hints (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    };
  }
  const parsed = parseRootHints(text, settings.rootHintsFile);
  return parsed.ok
    ? parsed
    : { ok: false, message: `${settings.rootHintsFile}:${parsed.line}: error: ${parsed.message}` };
}

async function rdapBootstrap(
  settings: ObserverSettings,
): Promise<
  { ok: true; bootstrap: RdapBootstrap; warning?: string } | { ok: false; message: string }
> {
  if (settings.rdapBootstrapFile === undefined) {
    const loaded = await loadRdapBootstrap({ cacheDir: settings.cacheDir });
    return loaded.warning === undefined
      ? { ok: true, bootstrap: loaded.bootstrap }
      : { ok: true, bootstrap: loaded.bootstrap, warning: `RDAP bootstrap: ${loaded.warning}` };
  }
  const loaded = await loadRdapBootstrapFile(settings.rdapBootstrapFile);
  return loaded.ok
    ? loaded
    : { ok: false, message: `${settings.rdapBootstrapFile}: ${loaded.message}` };
}

/** Walker options from settings. Custom root hints make a lab: its servers are not public. */
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

export async function setUpObservers(settings: ObserverSettings): Promise<SetupResult> {
  const [hints, bootstrap, { createRdapObserver }, awsModule] = await Promise.all([
    loadRootHints(settings),
    rdapBootstrap(settings),
    import("../observe/rdap/observer.js"),
    settings.aws ? import("../observe/aws/observer.js") : undefined,
  ]);
  if (!hints.ok) return hints;
  if (!bootstrap.ok) return bootstrap;

  const walker = createDelegationWalker({
    ...walkerOptions(settings, hints.servers),
    concurrency: settings.concurrency,
  });
  const rdap = createRdapObserver({
    bootstrap: bootstrap.bootstrap,
    userSupplied: settings.rdapBootstrapFile !== undefined,
    allowNonPublic: settings.allowPrivateAddresses,
    timeoutMs: Math.max(settings.timeoutMs, 5_000),
  });
  const aws = awsModule?.createAwsObserver({
    accounts: settings.accounts,
    cacheDir: settings.cacheDir,
    ...(settings.awsRequestsPerSecond !== undefined
      ? { requestsPerSecond: settings.awsRequestsPerSecond }
      : {}),
  });

  return {
    ok: true,
    setup: {
      warnings: [hints.warning, bootstrap.warning].filter((w) => w !== undefined),
      observers: {
        delegation: walker,
        rdap: { kind: "enabled", source: rdap },
        aws: aws
          ? { kind: "enabled", source: aws }
          : { kind: "skipped", reason: "AWS checks are off (--no-aws)" },
      },
      stats: () => ({
        dnsQueries: walker.stats().queries,
        rdapRequests: rdap.stats().requests,
        awsCalls: aws ? { ...aws.stats().calls } : {},
      }),
      async close() {
        await Promise.all([walker.close(), rdap.close(), aws?.close()]);
      },
    },
  };
}
