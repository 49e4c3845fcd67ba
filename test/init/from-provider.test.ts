// `init --from <provider>` for the providers other than AWS, through the built CLI against the lab's
// API emulators (Cloudflare through its SDK, GoDaddy and Namecheap through undici) and the lab's
// DNS and RDAP, over loopback: each writes one policy file for the account, exactly as the golden
// file says (`UPDATE_GOLDEN=1 npx vitest run test/init/from-provider.test.ts`, then review the
// diff), which validates and which `check` judges exactly as its remarks say. Bad usage is refused
// before any API is asked.
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAzureDnsEmulator } from "../../src/lab/azure-dns-emulator.js";
import { startCloudflareEmulator } from "../../src/lab/cloudflare-emulator.js";
import { startGoDaddyEmulator } from "../../src/lab/godaddy-emulator.js";
import { startGoogleCloudDnsEmulator } from "../../src/lab/google-cloud-dns-emulator.js";
import { startNamecheapEmulator } from "../../src/lab/namecheap-emulator.js";
import type { Report } from "../../src/report/model/model.js";
import { buildLib } from "../support/build.js";
import { CLOUDFLARE, FAR, HOVER, LOCKED, TUCOWS } from "../support/lab-names.js";
import { LAB_CA_FILE, labTls } from "../support/lab-tls.js";
import { type LabWorld, runInWorld, startLabWorld } from "../support/lab-world.js";
import { repoPath } from "../support/repo.js";

const GOLDEN = repoPath("fixtures", "init", "golden");
const GODADDY_NS = ["ns11.domaincontrol.com", "ns12.domaincontrol.com"];
const NAMECHEAP_NS = ["dns1.registrar-servers.com", "dns2.registrar-servers.com"];
const CF_ACCOUNT_ID = "0000000000000000000000000acc0001";
const GOOGLE_NS = [1, 2, 3, 4].map((i) => `ns-cloud-b${i}.googledomains.com`);
const GCP_PROJECT = "lab-init-project";
const AZURE_NS = [
  "ns1-03.azure-dns.com",
  "ns2-03.azure-dns.net",
  "ns3-03.azure-dns.org",
  "ns4-03.azure-dns.info",
];
/** Fixed, so that the golden file names it. */
const AZURE_SUBSCRIPTION = "00000000-0000-0000-0000-0000000a1001";

const registrar = (ianaId: number, name: string) => ({
  registrar: { ianaId, name },
  statuses: LOCKED,
  events: FAR,
});

let lab: LabWorld;
const env: Record<string, string> = {};
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  const [, world, cloudflare, godaddy, namecheap, google, azure] = await Promise.all([
    buildLib(),
    startLabWorld(
      {
        internet: {
          domains: [
            { name: "cfi-both.com", delegation: CLOUDFLARE },
            { name: "cfi-zone.net", delegation: CLOUDFLARE },
            { name: "cfi-pending.org", delegation: HOVER },
            { name: "gdi-one.com", delegation: GODADDY_NS },
            { name: "gdi-lax.com", delegation: GODADDY_NS },
            { name: "gdi-stuck.com", delegation: GODADDY_NS },
            { name: "nci-one.com", delegation: NAMECHEAP_NS },
            { name: "nci-hover.net", delegation: HOVER },
            { name: "gci-one.com", delegation: GOOGLE_NS },
            { name: "azi-one.com", delegation: AZURE_NS },
          ],
        },
        rdap: {
          "cfi-both.com": registrar(1910, "Cloudflare, Inc."),
          "cfi-zone.net": { registrar: TUCOWS, statuses: LOCKED, events: FAR },
          "cfi-pending.org": { registrar: TUCOWS, statuses: LOCKED, events: FAR },
          "gdi-one.com": registrar(146, "GoDaddy.com, LLC"),
          "gdi-lax.com": registrar(146, "GoDaddy.com, LLC"),
          "gdi-stuck.com": registrar(146, "GoDaddy.com, LLC"),
          "nci-one.com": registrar(1068, "NameCheap, Inc."),
          "nci-hover.net": registrar(1068, "NameCheap, Inc."),
          "gci-one.com": { registrar: TUCOWS, statuses: LOCKED, events: FAR },
          "azi-one.com": { registrar: TUCOWS, statuses: LOCKED, events: FAR },
        },
        accounts: [{ profile: "default" }],
      },
      "dd-init-providers-",
    ),
    startCloudflareEmulator(),
    startGoDaddyEmulator(),
    startNamecheapEmulator(),
    startGoogleCloudDnsEmulator(),
    labTls().then(startAzureDnsEmulator),
  ]);
  lab = world;
  closers.push(
    () => world.close(),
    cloudflare.close,
    godaddy.close,
    namecheap.close,
    google.close,
    azure.close,
  );

  const cf = cloudflare.addAccount();
  cf.addZone({ name: "cfi-both.com", nameServers: CLOUDFLARE });
  cf.addRegistration({ domain: "cfi-both.com" });
  cf.addZone({ name: "cfi-zone.net", nameServers: CLOUDFLARE });
  // Added to Cloudflare, but the registry still delegates to Hover: not active yet.
  cf.addZone({ name: "cfi-pending.org", nameServers: CLOUDFLARE, status: "pending" });
  const gd = godaddy.addAccount();
  gd.addDomain({ domain: "gdi-one.com", nameServers: GODADDY_NS });
  gd.addDomain({ domain: "gdi-lax.com", nameServers: GODADDY_NS, renewAuto: false });
  // The account lists Hover's servers; the registry still delegates to GoDaddy's: an update stuck.
  gd.addDomain({ domain: "gdi-stuck.com", nameServers: HOVER });
  const gdKey = gd.addKey();
  const nc = namecheap.addUser("ncinit");
  nc.addDomain({ domain: "nci-one.com", nameServers: NAMECHEAP_NS });
  nc.addDomain({ domain: "nci-hover.net", nameServers: HOVER, locked: false });
  const project = google.addProject(GCP_PROJECT);
  project.addZone({ dnsName: "gci-one.com", nameServers: GOOGLE_NS });
  const gcpIdentity = google.addIdentity();
  project.grantReader(gcpIdentity);
  const subscription = azure.addSubscription(AZURE_SUBSCRIPTION);
  subscription.addZone({ name: "azi-one.com", nameServers: AZURE_NS });
  const principal = azure.addServicePrincipal();
  subscription.grantReader(principal);
  Object.assign(env, {
    CLOUDSDK_API_ENDPOINT_OVERRIDES_DNS: google.baseUrl,
    GOOGLE_APPLICATION_CREDENTIALS: await gcpIdentity.writeCredentials(world.dir),
    NODE_EXTRA_CA_CERTS: LAB_CA_FILE,
    AZURE_AUTHORITY_HOST: azure.origin,
    AZURE_RESOURCE_MANAGER_ENDPOINT: azure.origin,
    AZURE_TENANT_ID: principal.tenantId,
    AZURE_CLIENT_ID: principal.clientId,
    AZURE_CLIENT_SECRET: principal.clientSecret,
    CLOUDFLARE_BASE_URL: cloudflare.baseUrl,
    CF_INIT_TOKEN: cf.addToken(),
    GODADDY_BASE_URL: godaddy.baseUrl,
    GODADDY_API_KEY: gdKey.key,
    GODADDY_API_SECRET: gdKey.secret,
    NAMECHEAP_BASE_URL: namecheap.baseUrl,
    NAMECHEAP_API_KEY: nc.credentials().apiKey,
    NAMECHEAP_CLIENT_IP: "127.0.0.1",
  });
  // The lab account's id is the emulator's: the golden files name a fixed one.
  expect(cf.id).toBe(CF_ACCOUNT_ID);
}, 240_000);

afterAll(async () => {
  await Promise.all(closers.map((close) => close()));
});

const cli = (args: readonly string[]) =>
  runInWorld({ ...lab, env: { ...lab.env, ...env } }, [
    ...args,
    ...lab.scenario.cliArgs,
    "--cache-dir",
    join(lab.dir, "cache"),
  ]);

describe.each([
  {
    provider: "cloudflare",
    args: [
      "--account",
      "cf-main",
      "--set",
      `accountId=${CF_ACCOUNT_ID}`,
      "--set",
      "tokenEnv=CF_INIT_TOKEN",
    ],
    file: "cloudflare-cf-main.yaml",
    // cfi-pending.org's zone waits at Cloudflare while the registry delegates to Hover: Hover it is.
    summary: ["wrote policies/cloudflare-cf-main.yaml: 3 domains declared"],
  },
  {
    provider: "godaddy",
    args: [],
    file: "godaddy-godaddy.yaml",
    summary: [
      "wrote policies/godaddy-godaddy.yaml: 3 domains declared",
      "  ! gdi-stuck.com: registrar-nameservers-mismatch",
      "Inconsistencies found today are remarks marked ! in the files: review them.",
    ],
  },
  {
    provider: "namecheap",
    args: ["--account", "nc", "--set", "apiUser=ncinit"],
    file: "namecheap-nc.yaml",
    summary: ["wrote policies/namecheap-nc.yaml: 2 domains declared"],
  },
  {
    provider: "google-cloud-dns",
    args: ["--account", "gcp", "--set", `project=${GCP_PROJECT}`],
    file: "google-cloud-dns-gcp.yaml",
    summary: ["wrote policies/google-cloud-dns-gcp.yaml: 1 domain declared"],
  },
  {
    provider: "azure-dns",
    args: ["--account", "az", "--set", `subscriptionId=${AZURE_SUBSCRIPTION}`],
    file: "azure-dns-az.yaml",
    summary: ["wrote policies/azure-dns-az.yaml: 1 domain declared"],
  },
])("init --from $provider", ({ provider, args, file, summary }) => {
  it("writes the account as it is, which check judges exactly as its remarks say", async () => {
    const run = await cli(["init", "--from", provider, "--out", `policies-${provider}`, ...args]);
    expect(run.stderr).toBe("");
    expect(run.exitCode).toBe(0);
    const text = await readFile(join(lab.dir, `policies-${provider}`, file), "utf8");
    const golden = join(GOLDEN, file);
    if (process.env.UPDATE_GOLDEN) await writeFile(golden, text);
    expect(text).toBe(await readFile(golden, "utf8"));
    expect(run.stdout.split("\n").filter((line) => line !== "")).toEqual(
      summary.map((line) => line.replace("policies/", `policies-${provider}/`)),
    );

    const checked = await cli(["check", `policies-${provider}`, "--format", "json"]);
    const report = JSON.parse(checked.stdout) as Report;
    const remarked = summary.flatMap((line) => /^ {2}! ([^:]+): (.+)$/.exec(line) ?? []);
    expect(checked.exitCode, checked.stderr).toBe(remarked.length > 0 ? 1 : 0);
    for (const domain of report.domains) {
      const line = summary.find((l) => l.startsWith(`  ! ${domain.domain}:`));
      expect(domain.findings.map((f) => f.rule).join(", "), domain.domain).toBe(
        line === undefined ? "" : line.slice(`  ! ${domain.domain}: `.length),
      );
    }
    // The credentials are never written.
    for (const secret of [
      env.CF_INIT_TOKEN,
      env.GODADDY_API_SECRET,
      env.NAMECHEAP_API_KEY,
      env.AZURE_CLIENT_SECRET,
    ]) {
      expect(text + run.stdout).not.toContain(secret);
    }
  }, 120_000);
});

describe("init --from: bad usage is refused with exit 2 before any API is asked", () => {
  it.each([
    [
      ["--from", "hover"],
      /--from "hover": init reads route53, cloudflare, google-cloud-dns, azure-dns, godaddy, namecheap/,
    ],
    [["--from", "cloudflare", "--profile", "x"], /--profile is for AWS; cloudflare takes --set/],
    [["--from", "route53", "--set", "a=b"], /give --profile, not --account or --set/],
    [["--from-aws", "--from", "godaddy"], /give --from-aws or --from, not both/],
    [["--from", "godaddy", "--set", "keyEnv"], /--set "keyEnv": give a key of the account entry/],
    [
      ["--from", "cloudflare", "--set", "accountId=not-hex"],
      /accountId.*32 lower-case hexadecimal/,
    ],
    [["--from", "namecheap", "--set", "color=blue"], /color/],
  ])(
    "init %j",
    async (args, message) => {
      const run = await cli(["init", ...args, "--out", "refused"]);
      expect(run.exitCode, run.stderr).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stdout).toBe("");
    },
    60_000,
  );
});
