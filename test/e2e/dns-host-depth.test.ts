// The DNS hosts' depth end to end: the built CLI checks domains hosted at Cloudflare, Google Cloud
// DNS and Azure DNS, asking each provider's emulator through its official SDK and the DNS tree
// under NSD (or the in-process lab where NSD cannot run), over loopback only. For each host, each
// capability beyond the zone listing fires the rule it feeds, in exactly one way: the zone's
// DNSSEC (`zoneDnssec`: signed at the host, no DS at the parent → dnssec-signing-inconsistent),
// its apex NS set when no delegated server answers (`apexNameservers` →
// parent-child-ns-mismatch), and its record sets for a migration to the host (`zoneRecords`: a
// name only the target zone lists, with other data at the old host → migration-records-differ);
// and the calls a scan makes at each host, cold and warm.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type AzureDnsEmulator,
  type AzureZoneSpec,
  type EmulatedServicePrincipal,
  startAzureDnsEmulator,
} from "../../src/lab/azure-dns-emulator.js";
import {
  type CloudflareEmulator,
  type CloudflareZoneSpec,
  startCloudflareEmulator,
} from "../../src/lab/cloudflare-emulator.js";
import { a } from "../../src/lab/dns-records.js";
import type { LabWorldBuilder } from "../../src/lab/dns-world.js";
import {
  type GoogleCloudDnsEmulator,
  type GoogleZoneSpec,
  startGoogleCloudDnsEmulator,
} from "../../src/lab/google-cloud-dns-emulator.js";
import type { SimulatedDomain } from "../../src/lab/internet.js";
import type { ScenarioDns } from "../../src/lab/scenario.js";
import { CLOUDFLARE, HOVER, LOCKED, TUCOWS } from "../support/lab-names.js";
import { LAB_CA_FILE, labTls } from "../support/lab-tls.js";
import { type LabWorld, runInWorld } from "../support/lab-world.js";
import { withServerRecords } from "../support/world-edits.js";
import {
  CLI_TEST_TIMEOUT_MS,
  DNS_LABEL,
  parseReport,
  startProviderWorld,
  verdicts,
} from "./harness.js";

const GOOGLE = [1, 2, 3, 4].map((i) => `ns-cloud-a${i}.googledomains.com`);
const AZURE = [
  "ns1-01.azure-dns.com",
  "ns2-01.azure-dns.net",
  "ns3-01.azure-dns.org",
  "ns4-01.azure-dns.info",
];
const PROJECT = "lab-project-depth";

type Host = "cloudflare" | "google-cloud-dns" | "azure-dns";
const HOSTS: Readonly<Record<Host, { prefix: string; servers: readonly string[] }>> = {
  cloudflare: { prefix: "cf", servers: CLOUDFLARE },
  "google-cloud-dns": { prefix: "gcp", servers: GOOGLE },
  "azure-dns": { prefix: "az", servers: AZURE },
};
const ACCOUNTS: Readonly<Record<Host, string>> = {
  cloudflare: "cf-main",
  "google-cloud-dns": "gcp-main",
  "azure-dns": "az-main",
};

/** A name no default list of parity names holds: only the target zone's listing shows it. */
const LISTED_ONLY = "billing-7";
const OLD_ADDRESS = "192.0.2.1";
const NEW_ADDRESS = "192.0.2.2";

/** What each host's zone of a domain holds, in the emulator's terms. */
interface ZoneDepth {
  /** The host signs the zone with one active key-signing key. */
  readonly signed?: boolean;
  /** The apex NS set, edited away from the assigned set. */
  readonly apexNs?: readonly string[];
  /** The zone lists LISTED_ONLY with NEW_ADDRESS. */
  readonly listsMore?: boolean;
}

interface DepthDomain {
  readonly name: string;
  readonly host: Host;
  readonly dns: Omit<SimulatedDomain, "name">;
  readonly zone: ZoneDepth;
  /** The domain's policy entry beyond its host and account. */
  readonly policy: string;
  readonly expected: { status: "compliant" | "drift"; rules: readonly string[] };
}

function portfolio(host: Host): DepthDomain[] {
  const { prefix, servers } = HOSTS[host];
  const forbidden = "dnssec: forbidden";
  return [
    {
      // DNSSEC in play (the policy forbids it): the host is asked, and does not sign.
      name: `${prefix}-plain.com`,
      host,
      dns: { delegation: servers },
      zone: {},
      policy: forbidden,
      expected: { status: "compliant", rules: [] },
    },
    {
      // The host signs, the parent publishes no DS: DNSSEC is silently not in effect.
      name: `${prefix}-signed.com`,
      host,
      dns: { delegation: servers },
      zone: { signed: true },
      policy: forbidden,
      expected: { status: "drift", rules: ["dnssec-signing-inconsistent"] },
    },
    {
      // No delegated server answers for the zone; the host's API shows its apex NS set, which
      // lists two of the delegated servers only (Cloudflare: its pair and, with multi-provider
      // DNS, an apex NS record of another host).
      name: `${prefix}-apex.com`,
      host,
      dns: { delegation: servers, servedBy: [] },
      zone: {
        apexNs: host === "cloudflare" ? [...servers, HOVER[0] as string] : servers.slice(0, 2),
      },
      policy: "",
      expected: { status: "drift", rules: ["dangling-delegation", "parent-child-ns-mismatch"] },
    },
    {
      // Moving from Hover: the target zone lists a name the old host answers differently.
      name: `${prefix}-move.com`,
      host,
      dns: { delegation: HOVER, servedBy: [...HOVER, ...servers] },
      zone: { listsMore: true },
      policy: `migration: { dnsHost: { from: hover, to: ${host} } }`,
      expected: { status: "drift", rules: ["migration-records-differ"] },
    },
  ];
}

const PORTFOLIO = (Object.keys(HOSTS) as Host[]).flatMap(portfolio);
const MOVES = PORTFOLIO.filter((d) => d.zone.listsMore);

/** The old host and the target's servers answer LISTED_ONLY of each moving domain differently. */
function withDisagreeingHosts(build: LabWorldBuilder): LabWorldBuilder {
  return MOVES.reduce(
    (edited, domain) =>
      withServerRecords(
        withServerRecords(edited, HOVER, domain.name, [
          a(`${LISTED_ONLY}.${domain.name}`, OLD_ADDRESS, 300),
        ]),
        HOSTS[domain.host].servers,
        domain.name,
        [a(`${LISTED_ONLY}.${domain.name}`, NEW_ADDRESS, 300)],
      ),
    build,
  );
}

const listed = (domain: DepthDomain) =>
  domain.zone.listsMore ? [{ name: `${LISTED_ONLY}.${domain.name}`, address: NEW_ADDRESS }] : [];

function cloudflareZone(domain: DepthDomain): CloudflareZoneSpec {
  const extra = (domain.zone.apexNs ?? []).filter((ns) => !CLOUDFLARE.includes(ns));
  return {
    name: domain.name,
    nameServers: CLOUDFLARE,
    ...(domain.zone.signed ? { dnssec: { status: "active", keyTag: 2371 } } : {}),
    multiProvider: extra.length > 0,
    records: [
      ...extra.map((content) => ({ name: domain.name, type: "NS", content })),
      ...listed(domain).map(({ name, address }) => ({ name, type: "A", content: address })),
    ],
  };
}

function googleZone(domain: DepthDomain): GoogleZoneSpec {
  return {
    dnsName: domain.name,
    nameServers: GOOGLE.map((ns) => `${ns}.`),
    ...(domain.zone.signed ? { dnssecState: "on", dnsKeys: [{ keyTag: 4242 }] } : {}),
    ...(domain.zone.apexNs ? { apexNameServers: domain.zone.apexNs.map((ns) => `${ns}.`) } : {}),
    records: listed(domain).map(({ name, address }) => ({ name, type: "A", rrdatas: [address] })),
  };
}

function azureZone(domain: DepthDomain): AzureZoneSpec {
  return {
    name: domain.name,
    nameServers: AZURE.map((ns) => `${ns}.`),
    ...(domain.zone.signed
      ? { dnssec: { provisioningState: "Succeeded", keys: [{ keyTag: 4711 }] } }
      : {}),
    ...(domain.zone.apexNs ? { apexNameServers: domain.zone.apexNs.map((ns) => `${ns}.`) } : {}),
    records: listed(domain).map(({ name, address }) => ({ name, type: "A", values: [address] })),
  };
}

function policy(cloudflareAccount: string, subscriptionId: string): string {
  return `version: 1
accounts:
  cf-main: { provider: cloudflare, accountId: ${cloudflareAccount} }
  gcp-main: { provider: google-cloud-dns, project: ${PROJECT} }
  az-main: { provider: azure-dns, subscriptionId: ${subscriptionId} }
defaults:
  registrar: hover
domains:
${PORTFOLIO.map(
  (d) =>
    `  ${d.name}: { dnsHost: ${d.host}, account: ${ACCOUNTS[d.host]}${d.policy ? `, ${d.policy}` : ""} }`,
).join("\n")}
`;
}

const credentialsOf = (principal: EmulatedServicePrincipal) => ({
  AZURE_TENANT_ID: principal.tenantId,
  AZURE_CLIENT_ID: principal.clientId,
  AZURE_CLIENT_SECRET: principal.clientSecret,
});

describe(`the DNS hosts' zone DNSSEC, apex NS and record sets end to end (${DNS_LABEL})`, () => {
  let world: LabWorld<ScenarioDns>;
  let cloudflare: CloudflareEmulator;
  let google: GoogleCloudDnsEmulator;
  let azure: AzureDnsEmulator;
  let env: Record<string, string>;
  let secrets: string[];

  beforeAll(async () => {
    const spec = {
      internet: { domains: PORTFOLIO.map((d) => ({ name: d.name, ...d.dns })) },
      rdap: Object.fromEntries(
        PORTFOLIO.map((d) => [
          d.name,
          {
            registrar: TUCOWS,
            statuses: LOCKED,
            nameservers: d.dns.delegation ?? [],
            events: { registration: "2019-01-01T00:00:00Z", expiration: "2030-01-01T00:00:00Z" },
          },
        ]),
      ),
      accounts: [{ profile: "default" }],
    };
    [world, cloudflare, google, azure] = await Promise.all([
      startProviderWorld(spec, "domain-drift-depth-", withDisagreeingHosts),
      startCloudflareEmulator(),
      startGoogleCloudDnsEmulator(),
      labTls().then(startAzureDnsEmulator),
    ]);
    const cfAccount = cloudflare.addAccount();
    const project = google.addProject(PROJECT);
    const subscription = azure.addSubscription();
    for (const domain of PORTFOLIO) {
      if (domain.host === "cloudflare") cfAccount.addZone(cloudflareZone(domain));
      if (domain.host === "google-cloud-dns") project.addZone(googleZone(domain));
      if (domain.host === "azure-dns") subscription.addZone(azureZone(domain));
    }
    const token = cfAccount.addToken(["Zone: Read", "DNS: Read"]);
    const identity = google.addIdentity();
    project.grantReader(identity);
    const principal = azure.addServicePrincipal();
    subscription.grantReader(principal);
    env = {
      ...world.env,
      CLOUDFLARE_BASE_URL: cloudflare.baseUrl,
      CLOUDFLARE_API_TOKEN: token,
      CLOUDSDK_API_ENDPOINT_OVERRIDES_DNS: google.baseUrl,
      GOOGLE_APPLICATION_CREDENTIALS: await identity.writeCredentials(world.dir),
      NODE_EXTRA_CA_CERTS: LAB_CA_FILE,
      AZURE_AUTHORITY_HOST: azure.origin,
      AZURE_RESOURCE_MANAGER_ENDPOINT: azure.origin,
      ...credentialsOf(principal),
    };
    secrets = [token, identity.subjectToken, principal.clientSecret];
    await writeFile(join(world.dir, "policy.yaml"), policy(cfAccount.id, subscription.id));
  }, 240_000);

  afterAll(async () => {
    await Promise.all([world?.close(), cloudflare?.close(), google?.close(), azure?.close()]);
  });

  const check = () =>
    runInWorld({ ...world, env }, [
      "check",
      "policy.yaml",
      ...world.scenario.cliArgs,
      "--format",
      "json",
      "--cache-dir",
      join(world.dir, "cache"),
    ]);

  const resetCounters = () => {
    for (const emulator of [cloudflare, google, azure]) emulator.resetCounters();
  };
  const calls = () => ({
    cloudflare: cloudflare.calls(),
    google: google.calls(),
    azure: azure.calls(),
  });
  /** Per host: the listing once, the signing of the two zones where DNSSEC is in play (Google: the
   * keys of the one that signs), the apex NS of the zone no server answers for (Cloudflare: its DNS
   * settings too, as the zone holds apex NS records), the record sets of the zone moved to. */
  const EXPECTED_CALLS = {
    cloudflare: {
      "zones.list": 1,
      "dnssec.get": 2,
      "dns_records.list": 2,
      "dns_settings.get": 1,
    },
    google: {
      "sts.token": 1,
      "managedZones.list": 1,
      "dnsKeys.list": 1,
      "resourceRecordSets.list": 2,
    },
    azure: {
      "openid-configuration": 1,
      token: 1,
      "dnsZones.list": 1,
      "dnssecConfigs.get": 2,
      "recordSets.get": 1,
      "recordSets.listByDnsZone": 1,
    },
  };

  it(
    "each capability fires its rule at each host, naming the host; the calls are the budget, cold and warm",
    async () => {
      resetCounters();
      const run = await check();
      expect(run.exitCode, run.stderr).toBe(1);
      const report = parseReport(run.stdout);
      expect(verdicts(report)).toEqual(
        Object.fromEntries(
          PORTFOLIO.map((d) => [
            d.name,
            { ...d.expected, rules: [...d.expected.rules], suppressed: [] },
          ]),
        ),
      );
      expect(calls()).toEqual(EXPECTED_CALLS);
      // The signing finding names the host consulted, and gives the host's own repair.
      const signing = (name: string) =>
        report.domains
          .find((d) => d.domain === name)
          ?.findings.find((f) => f.rule === "dnssec-signing-inconsistent");
      expect(signing("cf-signed.com")?.message).toContain("Cloudflare DNS signs cf-signed.com");
      expect(signing("gcp-signed.com")?.message).toContain("Google Cloud DNS signs gcp-signed.com");
      expect(signing("az-signed.com")?.message).toContain("Azure DNS signs az-signed.com");
      // Hover is the registrar: the DS to add there is the host's key's.
      expect(signing("cf-signed.com")?.remediation).toContain("add the DS record 2371 13 2");
      expect(signing("gcp-signed.com")?.remediation).toContain("add the DS record 4242 13 2");
      expect(signing("az-signed.com")?.remediation).toContain("add the DS record 4711 13 2");
      // The report shows what the host said, in its own words, under its own name.
      expect(
        report.domains.find((d) => d.domain === "gcp-signed.com")?.observed.dnssec,
      ).toMatchObject({
        dnsHost: {
          provider: "google-cloud-dns",
          service: "Google Cloud DNS",
          serveSignature: "on",
          signing: true,
          keySigningKeys: [{ name: "0", status: "active", active: true, keyTag: 4242 }],
        },
      });
      // The apex NS set the API showed is the child side the finding names.
      const apex = report.domains
        .find((d) => d.domain === "gcp-apex.com")
        ?.findings.find((f) => f.rule === "parent-child-ns-mismatch");
      expect(apex?.observed).toEqual(GOOGLE.slice(0, 2));
      // The name only the target zone listed was compared, and differs.
      const moved = report.domains
        .find((d) => d.domain === "az-move.com")
        ?.findings.find((f) => f.rule === "migration-records-differ");
      expect(moved?.message).toContain(`${LISTED_ONLY}.az-move.com`);
      for (const secret of secrets) expect(run.stdout + run.stderr).not.toContain(secret);

      // Warm: none of these hosts' answers is cached between runs (zones are edited any time).
      resetCounters();
      const again = await check();
      expect(again.exitCode).toBe(1);
      expect(calls()).toEqual(EXPECTED_CALLS);
    },
    CLI_TEST_TIMEOUT_MS,
  );
});
