// Azure DNS end to end: the built CLI checks a portfolio hosted in an Azure subscription, asking
// the lab's HTTPS emulator of Azure Resource Manager and the identity platform through the official
// SDKs (AZURE_RESOURCE_MANAGER_ENDPOINT, AZURE_AUTHORITY_HOST, the lab's CA in NODE_EXTRA_CA_CERTS)
// and the DNS tree under NSD (or the in-process lab where NSD cannot run), over loopback only. One
// compliant domain, and each rule Azure's API lets fire broken in exactly one way; an undeclared
// zone with --inventory; then the credentials missing, refused and rate-limited; and the calls a
// scan makes, cold and warm.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type AzureDnsEmulator,
  type EmulatedAzureSubscription,
  type EmulatedServicePrincipal,
  startAzureDnsEmulator,
} from "../../src/lab/azure-dns-emulator.js";
import type { SimulatedDomain } from "../../src/lab/internet.js";
import type { LabRdapDomain } from "../../src/lab/rdap-server.js";
import type { ScenarioDns } from "../../src/lab/scenario.js";
import { FORMATS } from "../../src/report/render/formats.js";
import { HOVER, LOCKED, TUCOWS } from "../support/lab-names.js";
import { LAB_CA_FILE, labTls } from "../support/lab-tls.js";
import { type LabWorld, runInWorld } from "../support/lab-world.js";
import {
  CLI_TEST_TIMEOUT_MS,
  DNS_LABEL,
  parseReport,
  startProviderWorld,
  verdicts,
} from "./harness.js";

const azureSet = (n: string) => [
  `ns1-${n}.azure-dns.com`,
  `ns2-${n}.azure-dns.net`,
  `ns3-${n}.azure-dns.org`,
  `ns4-${n}.azure-dns.info`,
];
/** The set the zones were given, and the one a re-created zone got: nothing delegates to it. */
const ASSIGNED = azureSet("01");
const NEW_SET = azureSet("05");

interface AzureDomain {
  readonly name: string;
  readonly dns: Omit<SimulatedDomain, "name">;
  /** The zones of this name in our subscription. */
  readonly zones: readonly { nameServers: readonly string[]; zoneType?: "Private" }[];
  readonly expected: { status: "compliant" | "drift"; rules: readonly string[] };
}

const served = { delegation: ASSIGNED };

const PORTFOLIO: readonly AzureDomain[] = [
  {
    name: "az-ok.com",
    dns: served,
    zones: [{ nameServers: ASSIGNED }],
    expected: { status: "compliant", rules: [] },
  },
  {
    // The zone was deleted and created again: Azure gave it another set; the registry still
    // delegates to the old one, whose servers no longer have the zone. No delegated server
    // answers, so the zone's apex NS set comes from the API: the new set.
    name: "az-recreated.com",
    dns: { delegation: ASSIGNED, servedBy: [] },
    zones: [{ nameServers: NEW_SET }],
    expected: {
      status: "drift",
      rules: ["dangling-delegation", "nameservers-mismatch", "parent-child-ns-mismatch"],
    },
  },
  {
    name: "az-missing.com",
    dns: served,
    zones: [],
    expected: { status: "drift", rules: ["hosted-zone-missing"] },
  },
  {
    // A private zone of the name is not on the internet: the public one is missing.
    name: "az-private.com",
    dns: served,
    zones: [{ nameServers: ASSIGNED, zoneType: "Private" }],
    expected: { status: "drift", rules: ["hosted-zone-missing"] },
  },
  {
    name: "az-twice.com",
    dns: served,
    zones: [{ nameServers: ASSIGNED }, { nameServers: NEW_SET }],
    expected: { status: "drift", rules: ["hosted-zone-duplicate"] },
  },
];

const NAMES = PORTFOLIO.map((d) => d.name);
const FORGOTTEN = "az-forgotten.com";

function rdapOf(domain: AzureDomain): LabRdapDomain {
  return {
    registrar: TUCOWS,
    statuses: LOCKED,
    nameservers: domain.dns.delegation ?? [],
    events: { registration: "2019-01-01T00:00:00Z", expiration: "2030-01-01T00:00:00Z" },
  };
}

const policy = (subscriptionId: string) => `version: 1
accounts:
  az-main: { provider: azure-dns, subscriptionId: ${subscriptionId} }
defaults:
  registrar: hover
  dnsHost: azure-dns
  account: az-main
domains:
${NAMES.map((name) => `  ${name}: {}`).join("\n")}
`;

const credentialsOf = (principal: EmulatedServicePrincipal) => ({
  AZURE_TENANT_ID: principal.tenantId,
  AZURE_CLIENT_ID: principal.clientId,
  AZURE_CLIENT_SECRET: principal.clientSecret,
});

describe(`Azure DNS end to end (${DNS_LABEL})`, () => {
  let world: LabWorld<ScenarioDns>;
  let azure: AzureDnsEmulator;
  let subscription: EmulatedAzureSubscription;
  let principal: EmulatedServicePrincipal;
  let credentials: Record<string, string>;

  beforeAll(async () => {
    const spec = {
      internet: {
        domains: PORTFOLIO.map((d) => ({ name: d.name, ...d.dns })),
        extraNameservers: [...NEW_SET, ...HOVER],
      },
      rdap: Object.fromEntries(PORTFOLIO.map((d) => [d.name, rdapOf(d)])),
      accounts: [{ profile: "default" }],
    };
    const [started, emulator] = await Promise.all([
      startProviderWorld(spec, "domain-drift-azure-"),
      labTls().then(startAzureDnsEmulator),
    ]);
    world = started;
    azure = emulator;
    subscription = azure.addSubscription();
    for (const domain of PORTFOLIO) {
      for (const zone of domain.zones) subscription.addZone({ name: domain.name, ...zone });
    }
    subscription.addZone({ name: FORGOTTEN, nameServers: NEW_SET });
    // Another subscription holds a zone of a declared name: not ours, so not seen.
    azure.addSubscription().addZone({ name: "az-missing.com" });
    principal = azure.addServicePrincipal();
    subscription.grantReader(principal);
    credentials = credentialsOf(principal);
    await writeFile(join(world.dir, "policy.yaml"), policy(subscription.id));
  }, 240_000);

  afterAll(async () => {
    await Promise.all([world?.close(), azure?.close()]);
  });

  const check = (
    env: Record<string, string>,
    options: {
      only?: readonly string[];
      format?: string;
      inventory?: boolean;
      policy?: string;
    } = {},
  ) =>
    runInWorld(
      {
        ...world,
        env: {
          ...world.env,
          NODE_EXTRA_CA_CERTS: LAB_CA_FILE,
          AZURE_AUTHORITY_HOST: azure.origin,
          AZURE_RESOURCE_MANAGER_ENDPOINT: azure.origin,
          ...env,
        },
      },
      [
        "check",
        options.policy ?? "policy.yaml",
        ...(options.only ? ["--only", ...options.only] : []),
        ...(options.inventory ? ["--inventory"] : []),
        ...world.scenario.cliArgs,
        "--format",
        options.format ?? "json",
        "--cache-dir",
        join(world.dir, "cache"),
      ],
    );

  it(
    "each domain is as the emulated subscription and the wire say, in one listing per scan, cold or warm",
    async () => {
      azure.resetCounters();
      const run = await check(credentials);
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
      // The contract: the authority's metadata, one token and one zones page for the whole
      // subscription, and the apex NS set of the one zone no delegated server answers for;
      // Route 53 is not asked about zones Azure hosts.
      const contract = {
        "openid-configuration": 1,
        token: 1,
        "dnsZones.list": 1,
        "recordSets.get": 1,
      };
      expect(azure.calls()).toEqual(contract);
      expect(report.domains[0]?.sources).toMatchObject({
        route53: { status: "skipped", reason: "Azure DNS answered instead" },
      });
      // Warm: nothing is cached between runs (zones come and go), so the same calls.
      azure.resetCounters();
      const again = await check(credentials);
      expect(again.exitCode).toBe(1);
      expect(azure.calls()).toEqual(contract);
      expect(run.stdout + run.stderr).not.toContain(principal.clientSecret);
    },
    CLI_TEST_TIMEOUT_MS,
  );

  it(
    "--inventory: the subscription's undeclared public zone is unmanaged-hosted-zone",
    async () => {
      const run = await check(credentials, { only: ["az-ok.com"], inventory: true });
      // A low finding, below the default --fail-on.
      expect(run.exitCode, run.stderr).toBe(0);
      const report = parseReport(run.stdout);
      const account = report.accounts.find((a) => a.account === "az-main");
      expect(account).toMatchObject({
        provider: "azure-dns",
        sources: { dnsHost: { status: "ok" } },
      });
      expect(account?.findings.map((f) => [f.rule, f.observed])).toEqual([
        ["unmanaged-hosted-zone", expect.stringContaining(FORGOTTEN)],
      ]);
      // The AWS default account is inventoried as before, beside it.
      expect(report.accounts.map((a) => a.provider)).toEqual(["route53", "azure-dns"]);
    },
    CLI_TEST_TIMEOUT_MS,
  );

  it.each([
    ["missing", () => ({}), /AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET are not set/],
    [
      "refused",
      () => ({ ...credentials, AZURE_CLIENT_SECRET: "revoked~secret~0000000000000000" }),
      /identity platform refused the service principal.*AADSTS7000215/,
    ],
  ])(
    "%s credentials: every check that needs the API is not checked, with the reason (exit 3)",
    async (_, env, reason) => {
      const run = await check(env(), { only: ["az-ok.com"] });
      expect(run.exitCode, run.stderr).toBe(3);
      const report = parseReport(run.stdout);
      const ok = report.domains.find((d) => d.domain === "az-ok.com");
      expect(ok?.status).toBe("unknown");
      const notChecked = ok?.checks.filter((c) => c.status === "not-checked") ?? [];
      expect(notChecked.map((c) => c.name).sort()).toEqual(
        ["hosted-zone-duplicate", "hosted-zone-missing", "nameservers-mismatch"].sort(),
      );
      for (const c of notChecked) expect(c.reason).toMatch(reason);
    },
    CLI_TEST_TIMEOUT_MS,
  );

  it(
    "a workload identity (credential: workload-identity): its federated token is the credential; an untrusted one leaves the checks not checked (exit 3), in no output",
    async () => {
      const identity = azure.addWorkloadIdentity();
      subscription.grantReader(identity);
      const stranger = azure.addWorkloadIdentity();
      await writeFile(
        join(world.dir, "policy-wi.yaml"),
        policy(subscription.id).replace(
          `{ provider: azure-dns, subscriptionId: ${subscription.id} }`,
          `{ provider: azure-dns, subscriptionId: ${subscription.id}, credential: workload-identity }`,
        ),
      );
      const tokenFile = join(world.dir, "federated.jwt");
      const env = {
        AZURE_TENANT_ID: identity.tenantId,
        AZURE_CLIENT_ID: identity.clientId,
        AZURE_FEDERATED_TOKEN_FILE: tokenFile,
      };
      const only = { only: ["az-ok.com"], policy: "policy-wi.yaml" };
      await writeFile(tokenFile, identity.assertion);
      const run = await check(env, only);
      expect(run.exitCode, run.stderr).toBe(0);
      expect(parseReport(run.stdout).domains[0]?.status).toBe("compliant");

      await writeFile(tokenFile, stranger.assertion);
      const refused = await check(env, only);
      expect(refused.exitCode, refused.stderr).toBe(3);
      const missing = parseReport(refused.stdout).domains[0]?.checks.find(
        (c) => c.name === "hosted-zone-missing",
      );
      expect(missing).toMatchObject({ status: "not-checked" });
      expect(missing?.reason).toMatch(
        /identity platform refused the workload identity.*AADSTS70021/,
      );
      for (const answer of [run, refused]) {
        expect(answer.stdout + answer.stderr).not.toContain(identity.assertion);
        expect(answer.stdout + answer.stderr).not.toContain(stranger.assertion);
      }
    },
    CLI_TEST_TIMEOUT_MS,
  );

  it(
    "rate limited past the SDK's retries: not checked, saying so (exit 3)",
    async () => {
      azure.faults.rateLimit("dnsZones.list", 3, "1");
      const run = await check(credentials, { only: ["az-ok.com"] });
      azure.faults.clear();
      expect(run.exitCode, run.stderr).toBe(3);
      const missing = parseReport(run.stdout)
        .domains.find((d) => d.domain === "az-ok.com")
        ?.checks.find((c) => c.name === "hosted-zone-missing");
      expect(missing).toMatchObject({ status: "not-checked" });
      expect(missing?.reason).toMatch(/rate-limited dnsZones\.list \(429/);
    },
    CLI_TEST_TIMEOUT_MS,
  );

  it(
    "the client secret is in no output format, even when it is refused",
    async () => {
      const secret = "refused~lab~secret~0123456789abcdef";
      for (const format of FORMATS) {
        const run = await check(
          { ...credentials, AZURE_CLIENT_SECRET: secret },
          { only: ["az-ok.com"], format },
        );
        expect(run.exitCode, `${format}: ${run.stderr}`).toBe(3);
        expect(run.stdout + run.stderr, format).not.toContain(secret);
      }
    },
    CLI_TEST_TIMEOUT_MS * 2,
  );
});
