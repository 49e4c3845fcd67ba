// Builds the real observers from user settings: reads root hints and the RDAP bootstrap (custom
// files make a lab, where non-public addresses are allowed), and opens the DNS walker, the RDAP
// client and the AWS clients. Shared by `check`, `init` and the GitHub Action.
import { readFile } from "node:fs/promises";
import { createAwsObserver } from "../aws/index.js";
import { loadRdapBootstrap, loadRootHintsText } from "../data/reference-data.js";
import { createDelegationWalker } from "../dns/index.js";
import { parseRootHints } from "../dns/root-hints.js";
import type { ServerRef } from "../dns/types.js";
import type { AccountConfig } from "../policy/types.js";
import { createRdapObserver, loadRdapBootstrapFile, type RdapBootstrap } from "../rdap/index.js";
import type { ReportStats } from "../report/model.js";
import type { Observers } from "./observers.js";

export interface ObserverSettings {
  /** A named.root file replacing the shipped root hints (a lab: allows non-public addresses). */
  readonly rootHintsFile: string | undefined;
  /** An IANA dns.json file replacing the shipped bootstrap (a lab: allows http and non-public addresses). */
  readonly rdapBootstrapFile: string | undefined;
  readonly cacheDir: string;
  /** Explicitly allow queries to non-public addresses without a lab. */
  readonly allowPrivateAddresses: boolean;
  /** DNS destination port (labs run unprivileged). */
  readonly dnsPort: number;
  readonly timeoutMs: number;
  readonly ipv6: boolean;
  readonly allParents: boolean;
  readonly soa: boolean;
  /** In-flight DNS queries; also the number of domains observed at once. */
  readonly concurrency: number;
  /** False with `--no-aws`: the AWS checks are reported as not checked. */
  readonly aws: boolean;
  readonly accounts: ReadonlyMap<string, AccountConfig>;
  readonly awsRequestsPerSecond: number | undefined;
}

export interface ObserverSetup {
  readonly observers: Observers;
  readonly stats: () => Omit<ReportStats, "durationMs">;
  close(): Promise<void>;
}

export type SetupResult = { ok: true; setup: ObserverSetup } | { ok: false; message: string };

async function rootHints(
  settings: ObserverSettings,
): Promise<{ ok: true; servers: ServerRef[] } | { ok: false; message: string }> {
  if (settings.rootHintsFile === undefined) {
    const hints = await loadRootHintsText({ cacheDir: settings.cacheDir });
    const source = `root hints (${hints.origin} copy)`;
    const parsed = parseRootHints(hints.text, source);
    return parsed.ok ? parsed : { ok: false, message: `${source}: ${parsed.message}` };
  }
  let text: string;
  try {
    text = await readFile(settings.rootHintsFile, "utf8");
  } catch (error) {
    return {
      ok: false,
      message: `${settings.rootHintsFile}: cannot read root hints: ${(error as Error).message}`,
    };
  }
  const parsed = parseRootHints(text, settings.rootHintsFile);
  return parsed.ok
    ? parsed
    : { ok: false, message: `${settings.rootHintsFile}:${parsed.line}: error: ${parsed.message}` };
}

async function rdapBootstrap(
  settings: ObserverSettings,
): Promise<{ ok: true; bootstrap: RdapBootstrap } | { ok: false; message: string }> {
  if (settings.rdapBootstrapFile === undefined) {
    const loaded = await loadRdapBootstrap({ cacheDir: settings.cacheDir });
    return { ok: true, bootstrap: loaded.bootstrap };
  }
  const loaded = await loadRdapBootstrapFile(settings.rdapBootstrapFile);
  return loaded.ok
    ? loaded
    : { ok: false, message: `${settings.rdapBootstrapFile}: ${loaded.message}` };
}

export async function setUpObservers(settings: ObserverSettings): Promise<SetupResult> {
  const [hints, bootstrap] = await Promise.all([rootHints(settings), rdapBootstrap(settings)]);
  if (!hints.ok) return hints;
  if (!bootstrap.ok) return bootstrap;

  const walker = createDelegationWalker({
    rootHints: hints.servers,
    port: settings.dnsPort,
    timeoutMs: settings.timeoutMs,
    ipv6: settings.ipv6,
    allowNonPublic: settings.allowPrivateAddresses || settings.rootHintsFile !== undefined,
    allParents: settings.allParents,
    soa: settings.soa,
    concurrency: settings.concurrency,
  });
  const rdap = createRdapObserver({
    bootstrap: bootstrap.bootstrap,
    userSupplied: settings.rdapBootstrapFile !== undefined,
    allowNonPublic: settings.allowPrivateAddresses,
    timeoutMs: Math.max(settings.timeoutMs, 5_000),
  });
  const aws = settings.aws
    ? createAwsObserver({
        accounts: settings.accounts,
        cacheDir: settings.cacheDir,
        ...(settings.awsRequestsPerSecond !== undefined
          ? { requestsPerSecond: settings.awsRequestsPerSecond }
          : {}),
      })
    : undefined;

  return {
    ok: true,
    setup: {
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
        aws?.close();
        await Promise.all([walker.close(), rdap.close()]);
      },
    },
  };
}
