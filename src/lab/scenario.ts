// A whole simulated world for one run of domain-drift: the DNS tree (in-process lab servers by
// default, or any `DnsRunner`, such as the NSD tree of the interop tests), a
// registry RDAP server for every TLD, and the Route 53 / Route 53 Domains emulators with their
// accounts — plus the files and environment that point the real CLI at them. The end-to-end
// tests, the GitHub Action tests, the demo and the benchmark all start worlds through this.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type AwsEmulator, startAwsEmulator, writeAwsProfiles } from "./aws-emulator.js";
import type { HostedZoneSpec, RegisteredDomainSpec, RegistrarOperationSpec } from "./aws-world.js";
import { type LabDns, type LabWorldBuilder, startLabDns } from "./dns-world.js";
import { type InternetSpec, internetTlds, internetWorld } from "./internet.js";
import {
  type LabRdapDomain,
  type LabRdapServer,
  renderLabBootstrap,
  startLabRdapServer,
} from "./rdap-server.js";

export interface ScenarioAccount {
  /** The profile name in the written AWS config; `default` is the default credential chain. */
  readonly profile: string;
  readonly hostedZones?: readonly HostedZoneSpec[];
  readonly domains?: readonly RegisteredDomainSpec[];
  /** Registrar operations (Route 53 Domains ListOperations). */
  readonly operations?: readonly RegistrarOperationSpec[];
}

export interface Scenario {
  readonly internet: InternetSpec;
  /** What the registry's RDAP says, by registrable domain. Domains not listed answer 404. */
  readonly rdap: Readonly<Record<string, LabRdapDomain>>;
  /** AWS accounts; the first is also the `default` profile. */
  readonly accounts: readonly ScenarioAccount[];
  /** Added to every DNS reply (the benchmark's latency). */
  readonly dnsLatencyMs?: number;
}

/** What a scenario needs of a running DNS world: where to send queries and how to stop it. */
export interface ScenarioDns {
  readonly port: number;
  /** named.root text for the world's root zone. */
  readonly rootHints: string;
  close(): Promise<void>;
}

/** Starts a DNS world: the in-process lab by default; tests plug in real servers (NSD). */
export type DnsRunner<D extends ScenarioDns> = (build: LabWorldBuilder) => Promise<D>;

export interface RunningScenario<D extends ScenarioDns = LabDns> {
  readonly dns: D;
  readonly rdap: LabRdapServer;
  readonly aws: AwsEmulator;
  readonly rootHintsFile: string;
  readonly rdapBootstrapFile: string;
  /** Variables for a domain-drift process: AWS endpoints, credentials files, no instance metadata. */
  readonly env: Readonly<Record<string, string>>;
  /** `--root-hints F --rdap-bootstrap F --dns-port P`: what points `check` at this world. */
  readonly cliArgs: readonly string[];
  close(): Promise<void>;
}

/** Starts every server of the scenario; `dir` receives the root hints, bootstrap and AWS files. */
export function startScenario(scenario: Scenario, dir: string): Promise<RunningScenario>;
export function startScenario<D extends ScenarioDns>(
  scenario: Scenario,
  dir: string,
  runDns: DnsRunner<D>,
): Promise<RunningScenario<D>>;
export async function startScenario(
  scenario: Scenario,
  dir: string,
  runDns: DnsRunner<ScenarioDns> = (build) => startLabDns(build),
): Promise<RunningScenario<ScenarioDns>> {
  await mkdir(dir, { recursive: true });
  const started: { close(): Promise<void> }[] = [];
  const closeAll = async () => {
    await Promise.allSettled(started.map((s) => s.close()));
  };
  try {
    const internet =
      scenario.dnsLatencyMs === undefined
        ? scenario.internet
        : { ...scenario.internet, latencyMs: scenario.dnsLatencyMs };
    const dns = await runDns(internetWorld(internet));
    started.push(dns);
    const rdap = await startLabRdapServer({ domains: scenario.rdap });
    started.push(rdap);
    const aws = await startAwsEmulator();
    started.push(aws);

    const profiles = scenario.accounts.map((spec) => {
      const account = aws.addAccount();
      for (const zone of spec.hostedZones ?? []) account.addHostedZone(zone);
      for (const domain of spec.domains ?? []) account.registerDomain(domain);
      for (const operation of spec.operations ?? []) account.addOperation(operation);
      return { name: spec.profile, key: account.createAccessKey() };
    });
    const first = profiles[0];
    const allProfiles =
      first && !profiles.some((p) => p.name === "default")
        ? [{ ...first, name: "default" }, ...profiles]
        : profiles;
    const awsFiles = await writeAwsProfiles(join(dir, "aws"), allProfiles);

    const rootHintsFile = join(dir, "named.root");
    await writeFile(rootHintsFile, dns.rootHints);
    const rdapBootstrapFile = join(dir, "rdap-dns.json");
    const bootstrap = renderLabBootstrap(
      Object.fromEntries(internetTlds(scenario.internet).map((tld) => [tld, rdap.baseUrl])),
    );
    await writeFile(rdapBootstrapFile, `${JSON.stringify(bootstrap, null, 2)}\n`);

    return {
      dns,
      rdap,
      aws,
      rootHintsFile,
      rdapBootstrapFile,
      env: {
        ...aws.endpointEnv,
        AWS_CONFIG_FILE: awsFiles.configFile,
        AWS_SHARED_CREDENTIALS_FILE: awsFiles.credentialsFile,
        AWS_EC2_METADATA_DISABLED: "true",
        AWS_REGION: "us-east-1",
      },
      cliArgs: [
        "--root-hints",
        rootHintsFile,
        "--rdap-bootstrap",
        rdapBootstrapFile,
        "--dns-port",
        String(dns.port),
      ],
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
