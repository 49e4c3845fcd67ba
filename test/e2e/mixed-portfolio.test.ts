// A mixed portfolio end to end: one `domain-drift check` of the built CLI over one policy whose
// domains are spread across Route 53 (+ Route 53 Domains), Cloudflare, Google Cloud DNS and
// GoDaddy, with every provider's emulator and the DNS tree under NSD (or the in-process lab where
// NSD cannot run) up at once, over loopback only. Each domain's verdict must be what its emulated
// accounts and the wire say; each provider is asked once about what it holds and about nothing
// it does not; no credential is printed.
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type CloudflareEmulator,
  type CloudflareZoneSpec,
  startCloudflareEmulator,
} from "../../src/lab/cloudflare-emulator.js";
import { type GoDaddyEmulator, startGoDaddyEmulator } from "../../src/lab/godaddy-emulator.js";
import {
  type GoogleCloudDnsEmulator,
  startGoogleCloudDnsEmulator,
} from "../../src/lab/google-cloud-dns-emulator.js";
import type { SimulatedDomain } from "../../src/lab/internet.js";
import type { LabRdapDomain } from "../../src/lab/rdap-server.js";
import type { ScenarioDns } from "../../src/lab/scenario.js";
import { AMAZON, CLOUDFLARE, GODADDY, LOCKED, route53Set } from "../support/lab-names.js";
import { type LabWorld, runInWorld } from "../support/lab-world.js";
import {
  CLI_TEST_TIMEOUT_MS,
  DNS_LABEL,
  parseReport,
  startProviderWorld,
  verdicts,
} from "./harness.js";

const ROUTE53 = route53Set(7);
const GOOGLE = [1, 2, 3, 4].map((i) => `ns-cloud-a${i}.googledomains.com`);
const PROJECT = "lab-project-mixed";

type Provider = "route53" | "cloudflare" | "google-cloud-dns" | "godaddy";

interface MixedDomain {
  readonly name: string;
  readonly registrar: "route53" | "godaddy";
  readonly dnsHost: "route53" | "cloudflare" | "google-cloud-dns";
  /** Every domain here is delegated: the registry's and the registrar's name servers. */
  readonly dns: Omit<SimulatedDomain, "name"> & { readonly delegation: readonly string[] };
  /** In our GoDaddy account (registrar godaddy); undefined: another customer's. */
  readonly godaddy?: { readonly renewAuto?: boolean };
  /** The zones of this name at the DNS host, in our account or project. */
  readonly zones: readonly Pick<CloudflareZoneSpec, "status">[];
  readonly expected: { status: "compliant" | "drift"; rules: readonly string[] };
}

const PORTFOLIO: readonly MixedDomain[] = [
  {
    name: "r53-ok.com",
    registrar: "route53",
    dnsHost: "route53",
    dns: { delegation: ROUTE53 },
    zones: [{}],
    expected: { status: "compliant", rules: [] },
  },
  {
    name: "gd-cf-ok.com",
    registrar: "godaddy",
    dnsHost: "cloudflare",
    dns: { delegation: CLOUDFLARE },
    godaddy: {},
    zones: [{}],
    expected: { status: "compliant", rules: [] },
  },
  {
    name: "gd-gcp-ok.com",
    registrar: "godaddy",
    dnsHost: "google-cloud-dns",
    dns: { delegation: GOOGLE },
    godaddy: {},
    zones: [{}],
    expected: { status: "compliant", rules: [] },
  },
  {
    name: "gd-norenew.com",
    registrar: "godaddy",
    dnsHost: "cloudflare",
    dns: { delegation: CLOUDFLARE },
    godaddy: { renewAuto: false },
    zones: [{}],
    expected: { status: "drift", rules: ["auto-renew-disabled"] },
  },
  {
    name: "cf-pending.com",
    registrar: "godaddy",
    dnsHost: "cloudflare",
    dns: { delegation: CLOUDFLARE },
    godaddy: {},
    zones: [{ status: "pending" }],
    expected: { status: "drift", rules: ["dns-zone-not-active"] },
  },
  {
    // Deleted from our project while the registry still delegates to Google's shared servers,
    // which now refuse it: anyone who creates the zone in their own project can answer for it.
    name: "gcp-gone.com",
    registrar: "godaddy",
    dnsHost: "google-cloud-dns",
    dns: { delegation: GOOGLE, servedBy: [] },
    godaddy: {},
    zones: [],
    expected: { status: "drift", rules: ["dangling-delegation", "hosted-zone-missing"] },
  },
  {
    // The registry says GoDaddy, but the domain is in another GoDaddy customer's account.
    name: "gd-elsewhere.com",
    registrar: "godaddy",
    dnsHost: "cloudflare",
    dns: { delegation: CLOUDFLARE },
    zones: [{}],
    expected: { status: "drift", rules: ["registrar-account-missing"] },
  },
];

const NAMES = PORTFOLIO.map((d) => d.name);
/** In our accounts, in no policy (--inventory). */
const FORGOTTEN_ZONE = "cf-forgotten.com";
const FORGOTTEN_DOMAIN = "gd-forgotten.com";

function rdapOf(domain: MixedDomain): LabRdapDomain {
  return {
    registrar: domain.registrar === "route53" ? AMAZON : GODADDY,
    statuses: LOCKED,
    nameservers: domain.dns.delegation,
    events: { registration: "2019-01-01T00:00:00Z", expiration: "2030-01-01T00:00:00Z" },
  };
}

/** The names a provider may be asked about: those it registers or hosts. */
function ownedBy(provider: Provider): Set<string> {
  return new Set(
    PORTFOLIO.filter((d) => d.registrar === provider || d.dnsHost === provider).map((d) => d.name),
  );
}

function policy(cloudflareAccount: string): string {
  return `version: 1
accounts:
  aws-main: { profile: default }
  cf-main: { provider: cloudflare, accountId: ${cloudflareAccount} }
  gcp-main: { provider: google-cloud-dns, project: ${PROJECT} }
  gd-main: { provider: godaddy }
defaults:
  account: [aws-main, cf-main, gcp-main, gd-main]
  transferLock: required
  autoRenew: required
domains:
${PORTFOLIO.map((d) => `  ${d.name}: { registrar: ${d.registrar}, dnsHost: ${d.dnsHost} }`).join("\n")}
`;
}

describe(`a mixed portfolio end to end (${DNS_LABEL})`, () => {
  let world: LabWorld<ScenarioDns>;
  let cloudflare: CloudflareEmulator;
  let google: GoogleCloudDnsEmulator;
  let godaddy: GoDaddyEmulator;
  let env: Record<string, string>;
  let secrets: string[];

  beforeAll(async () => {
    const route53 = PORTFOLIO.filter((d) => d.dnsHost === "route53");
    const spec = {
      internet: { domains: PORTFOLIO.map((d) => ({ name: d.name, ...d.dns })) },
      rdap: Object.fromEntries(PORTFOLIO.map((d) => [d.name, rdapOf(d)])),
      accounts: [
        {
          profile: "default",
          hostedZones: route53.map((d) => ({ name: d.name, nameServers: ROUTE53 })),
          domains: route53.map((d) => ({ name: d.name, nameservers: ROUTE53 })),
        },
      ],
    };
    [world, cloudflare, google, godaddy] = await Promise.all([
      startProviderWorld(spec, "domain-drift-mixed-"),
      startCloudflareEmulator(),
      startGoogleCloudDnsEmulator(),
      startGoDaddyEmulator(),
    ]);

    const cfAccount = cloudflare.addAccount();
    const project = google.addProject(PROJECT);
    const gdAccount = godaddy.addAccount();
    for (const d of PORTFOLIO) {
      for (const zone of d.zones) {
        if (d.dnsHost === "cloudflare")
          cfAccount.addZone({ name: d.name, nameServers: CLOUDFLARE, ...zone });
        if (d.dnsHost === "google-cloud-dns")
          project.addZone({ dnsName: d.name, nameServers: GOOGLE });
      }
      if (d.registrar === "godaddy" && d.godaddy)
        gdAccount.addDomain({
          domain: d.name,
          renewAuto: d.godaddy.renewAuto ?? true,
          locked: true,
          expires: "2030-01-01T00:00:00Z",
          nameServers: d.dns.delegation,
        });
    }
    cfAccount.addZone({ name: FORGOTTEN_ZONE, nameServers: CLOUDFLARE });
    gdAccount.addDomain({ domain: FORGOTTEN_DOMAIN });
    godaddy.addAccount().addDomain({ domain: "gd-elsewhere.com" });

    // Registrar: Read too: --inventory lists the account's registrations (none here).
    const cfToken = cfAccount.addToken(["Zone: Read", "Registrar: Read"]);
    const identity = google.addIdentity();
    project.grantReader(identity);
    const { key, secret } = gdAccount.addKey();
    const awsCredentials = await readFile(world.env.AWS_SHARED_CREDENTIALS_FILE ?? "", "utf8");
    const awsSecret = /aws_secret_access_key\s*=\s*(\S+)/.exec(awsCredentials)?.[1];
    if (awsSecret === undefined) throw new Error("the scenario wrote no AWS secret key");
    secrets = [cfToken, identity.subjectToken, key, secret, awsSecret];
    env = {
      ...world.env,
      CLOUDFLARE_BASE_URL: cloudflare.baseUrl,
      CLOUDFLARE_API_TOKEN: cfToken,
      CLOUDSDK_API_ENDPOINT_OVERRIDES_DNS: google.baseUrl,
      GOOGLE_APPLICATION_CREDENTIALS: await identity.writeCredentials(world.dir),
      GODADDY_BASE_URL: godaddy.baseUrl,
      GODADDY_API_KEY: key,
      GODADDY_API_SECRET: secret,
    };
    await writeFile(join(world.dir, "policy.yaml"), policy(cfAccount.id));
  }, 240_000);

  afterAll(async () => {
    await Promise.all([world?.close(), cloudflare?.close(), google?.close(), godaddy?.close()]);
  });

  it(
    "one run: every verdict as the accounts and the wire say, each provider asked only about its own",
    async () => {
      world.scenario.aws.resetCounters();
      for (const emulator of [cloudflare, google, godaddy]) emulator.resetCounters();
      const run = await runInWorld({ ...world, env }, [
        "check",
        "policy.yaml",
        "--inventory",
        ...world.scenario.cliArgs,
        "--format",
        "json",
        "--cache-dir",
        join(world.dir, "cache"),
      ]);
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

      // --inventory: every account listed whole; what it holds beyond the policy, under it.
      expect(report.accounts.flatMap((a) => Object.values(a.sources ?? {}))).toEqual(
        Array(6).fill({ status: "ok" }),
      );
      expect(
        Object.fromEntries(
          report.accounts.map((a) => [
            `${a.provider}:${a.account}`,
            a.findings.map((f) => [f.rule, f.observed]),
          ]),
        ),
      ).toEqual({
        "route53:aws-main": [],
        "cloudflare:cf-main": [["unmanaged-hosted-zone", expect.stringContaining(FORGOTTEN_ZONE)]],
        "google-cloud-dns:gcp-main": [],
        "godaddy:gd-main": [["unmanaged-domain", expect.stringContaining(FORGOTTEN_DOMAIN)]],
      });

      // Each provider's API was asked: one listing per role for the whole account or project,
      // and Route 53 Domains' detail of the one domain registered there.
      expect(cloudflare.calls()).toEqual({ "zones.list": 1, "registrations.list": 1 });
      expect(google.calls()).toEqual({ "sts.token": 1, "managedZones.list": 1 });
      expect(godaddy.calls()).toEqual({ "domains.list": 1 });
      expect(world.scenario.aws.calls()).toEqual({
        ListDomains: 1,
        GetDomainDetail: 1,
        ListHostedZones: 1,
        GetHostedZone: 1,
      });

      // ...and about nothing it neither registers nor hosts.
      const askedOf = {
        route53: world.scenario.aws.requestLog.map((r) => r.domainName ?? ""),
        cloudflare: cloudflare.requestLog.map((r) => r.query),
        "google-cloud-dns": google.requestLog.map((r) => r.path),
        godaddy: godaddy.requestLog.map((r) => r.query),
      } satisfies Record<Provider, string[]>;
      for (const [provider, asked] of Object.entries(askedOf)) {
        const foreign = NAMES.filter((name) => !ownedBy(provider as Provider).has(name));
        for (const name of foreign)
          expect(
            asked.filter((what) => what.includes(name)),
            `${provider} asked about ${name}`,
          ).toEqual([]);
      }

      // Which API answered for each domain, in the report's own words.
      const sourcesOf = (name: string) => report.domains.find((d) => d.domain === name)?.sources;
      expect(sourcesOf("r53-ok.com")).toMatchObject({
        route53Domains: { status: "ok" },
        route53: { status: "ok" },
      });
      expect(sourcesOf("gd-cf-ok.com")).toMatchObject({
        route53: { status: "skipped", reason: "Cloudflare DNS answered instead" },
      });

      for (const secret of secrets) expect(run.stdout + run.stderr).not.toContain(secret);
    },
    CLI_TEST_TIMEOUT_MS,
  );
});
