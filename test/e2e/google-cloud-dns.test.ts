// Google Cloud DNS end to end: the built CLI checks a portfolio hosted in a Google Cloud project,
// asking the lab's Cloud DNS emulator through the official SDK (CLOUDSDK_API_ENDPOINT_OVERRIDES_DNS,
// Application Default Credentials exchanged at the emulated STS) and the DNS tree under NSD (or the
// in-process lab where NSD cannot run), over loopback only. One compliant domain, and each rule
// Cloud DNS's API lets fire broken in exactly one way; an undeclared zone with --inventory; then
// the credentials missing, refused and rate-limited; and the calls a scan makes, cold and warm.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type EmulatedGoogleProject,
  type GoogleCloudDnsEmulator,
  startGoogleCloudDnsEmulator,
} from "../../src/lab/google-cloud-dns-emulator.js";
import type { SimulatedDomain } from "../../src/lab/internet.js";
import type { LabRdapDomain } from "../../src/lab/rdap-server.js";
import type { ScenarioDns } from "../../src/lab/scenario.js";
import { FORMATS } from "../../src/report/render/formats.js";
import { HOVER, LOCKED, TUCOWS } from "../support/lab-names.js";
import { type LabWorld, runInWorld } from "../support/lab-world.js";
import {
  CLI_TEST_TIMEOUT_MS,
  DNS_LABEL,
  parseReport,
  startProviderWorld,
  verdicts,
} from "./harness.js";

const shard = (letter: string) =>
  [1, 2, 3, 4].map((i) => `ns-cloud-${letter}${i}.googledomains.com`);
/** The set the zones were given, and the one a re-created zone got: nothing delegates to it. */
const ASSIGNED = shard("a");
const NEW_SET = shard("c");
const PROJECT = "lab-project-main";

interface GoogleDomain {
  readonly name: string;
  readonly dns: Omit<SimulatedDomain, "name">;
  /** The zones of this name in our project. */
  readonly zones: readonly { nameServers: readonly string[]; visibility?: "private" }[];
  readonly expected: { status: "compliant" | "drift"; rules: readonly string[] };
}

const served = { delegation: ASSIGNED };

const PORTFOLIO: readonly GoogleDomain[] = [
  {
    name: "gcp-ok.com",
    dns: served,
    zones: [{ nameServers: ASSIGNED }],
    expected: { status: "compliant", rules: [] },
  },
  {
    // The zone was deleted and created again: Google gave it another shard; the registry still
    // delegates to the old one, whose servers no longer have the zone. No delegated server
    // answers, so the zone's apex NS set comes from the API: the new shard's.
    name: "gcp-recreated.com",
    dns: { delegation: ASSIGNED, servedBy: [] },
    zones: [{ nameServers: NEW_SET }],
    expected: {
      status: "drift",
      rules: ["dangling-delegation", "nameservers-mismatch", "parent-child-ns-mismatch"],
    },
  },
  {
    name: "gcp-missing.com",
    dns: served,
    zones: [],
    expected: { status: "drift", rules: ["hosted-zone-missing"] },
  },
  {
    // A private zone of the name is not on the internet: the public one is missing.
    name: "gcp-private.com",
    dns: served,
    zones: [{ nameServers: ASSIGNED, visibility: "private" }],
    expected: { status: "drift", rules: ["hosted-zone-missing"] },
  },
  {
    name: "gcp-twice.com",
    dns: served,
    zones: [{ nameServers: ASSIGNED }, { nameServers: NEW_SET }],
    expected: { status: "drift", rules: ["hosted-zone-duplicate"] },
  },
];

const NAMES = PORTFOLIO.map((d) => d.name);
const FORGOTTEN = "gcp-forgotten.com";

function rdapOf(domain: GoogleDomain): LabRdapDomain {
  return {
    registrar: TUCOWS,
    statuses: LOCKED,
    nameservers: domain.dns.delegation ?? [],
    events: { registration: "2019-01-01T00:00:00Z", expiration: "2030-01-01T00:00:00Z" },
  };
}

const POLICY = `version: 1
accounts:
  gcp-main: { provider: google-cloud-dns, project: ${PROJECT} }
defaults:
  registrar: hover
  dnsHost: google-cloud-dns
  account: gcp-main
domains:
${NAMES.map((name) => `  ${name}: {}`).join("\n")}
`;

describe(`Google Cloud DNS end to end (${DNS_LABEL})`, () => {
  let world: LabWorld<ScenarioDns>;
  let google: GoogleCloudDnsEmulator;
  let project: EmulatedGoogleProject;
  let credentials: string;
  let subjectToken: string;

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
      startProviderWorld(spec, "domain-drift-gcp-"),
      startGoogleCloudDnsEmulator(),
    ]);
    world = started;
    google = emulator;
    project = google.addProject(PROJECT);
    for (const domain of PORTFOLIO) {
      for (const zone of domain.zones) project.addZone({ dnsName: domain.name, ...zone });
    }
    project.addZone({ dnsName: FORGOTTEN, nameServers: NEW_SET });
    // Another project holds a zone of a declared name: not ours, so not seen.
    const elsewhere = google.addProject("lab-project-other");
    elsewhere.addZone({ dnsName: "gcp-missing.com" });
    const identity = google.addIdentity();
    project.grantReader(identity);
    subjectToken = identity.subjectToken;
    credentials = await identity.writeCredentials(world.dir);
    await writeFile(join(world.dir, "policy.yaml"), POLICY);
  }, 240_000);

  afterAll(async () => {
    await Promise.all([world?.close(), google?.close()]);
  });

  const check = (
    env: Record<string, string>,
    options: { only?: readonly string[]; format?: string; inventory?: boolean } = {},
  ) =>
    runInWorld(
      {
        ...world,
        env: { ...world.env, CLOUDSDK_API_ENDPOINT_OVERRIDES_DNS: google.baseUrl, ...env },
      },
      [
        "check",
        "policy.yaml",
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
    "each domain is as the emulated project and the wire say, in one listing per scan, cold or warm",
    async () => {
      google.resetCounters();
      const run = await check({ GOOGLE_APPLICATION_CREDENTIALS: credentials });
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
      // The contract: one token exchange and one zones page for the whole project, and the apex
      // NS set of the one zone no delegated server answers for; Route 53 is not asked about zones
      // Google hosts.
      const contract = { "sts.token": 1, "managedZones.list": 1, "resourceRecordSets.list": 1 };
      expect(google.calls()).toEqual(contract);
      expect(report.domains[0]?.sources).toMatchObject({
        route53: { status: "skipped", reason: "Google Cloud DNS answered instead" },
      });
      // Warm: nothing is cached between runs (zones come and go), so the same calls.
      google.resetCounters();
      const again = await check({ GOOGLE_APPLICATION_CREDENTIALS: credentials });
      expect(again.exitCode).toBe(1);
      expect(google.calls()).toEqual(contract);
      expect(run.stdout + run.stderr).not.toContain(subjectToken);
    },
    CLI_TEST_TIMEOUT_MS,
  );

  it(
    "--inventory: the project's undeclared public zone is unmanaged-hosted-zone",
    async () => {
      const run = await check(
        { GOOGLE_APPLICATION_CREDENTIALS: credentials },
        { only: ["gcp-ok.com"], inventory: true },
      );
      // A low finding, below the default --fail-on.
      expect(run.exitCode, run.stderr).toBe(0);
      const report = parseReport(run.stdout);
      const account = report.accounts.find((a) => a.account === "gcp-main");
      expect(account).toMatchObject({
        provider: "google-cloud-dns",
        sources: { dnsHost: { status: "ok" } },
      });
      expect(account?.findings.map((f) => [f.rule, f.observed])).toEqual([
        ["unmanaged-hosted-zone", expect.stringContaining(FORGOTTEN)],
      ]);
      // The AWS default account is inventoried as before, beside it.
      expect(report.accounts.map((a) => a.provider)).toEqual(["route53", "google-cloud-dns"]);
    },
    CLI_TEST_TIMEOUT_MS,
  );

  it.each([
    ["missing", async () => ({}), /GOOGLE_APPLICATION_CREDENTIALS is not set/],
    [
      "refused",
      async () => {
        const file = join(world.dir, "forged.token");
        await writeFile(file, "forged-subject-token-0123456789");
        const path = join(world.dir, "forged.json");
        await writeFile(
          path,
          JSON.stringify({
            type: "external_account",
            audience:
              "//iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/p/providers/x",
            subject_token_type: "urn:ietf:params:oauth:token-type:jwt",
            token_url: google.tokenUrl,
            credential_source: { file },
          }),
        );
        return { GOOGLE_APPLICATION_CREDENTIALS: path };
      },
      /token service refused the credentials.*invalid_grant/,
    ],
  ])(
    "%s credentials: every check that needs the API is not checked, with the reason (exit 3)",
    async (_, env, reason) => {
      const run = await check(await env(), { only: ["gcp-ok.com"] });
      expect(run.exitCode, run.stderr).toBe(3);
      const report = parseReport(run.stdout);
      const ok = report.domains.find((d) => d.domain === "gcp-ok.com");
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
    "rate limited past the SDK's retries: not checked, saying so (exit 3)",
    async () => {
      google.faults.rateLimit("managedZones.list", 3);
      const run = await check(
        { GOOGLE_APPLICATION_CREDENTIALS: credentials },
        { only: ["gcp-ok.com"] },
      );
      google.faults.clear();
      expect(run.exitCode, run.stderr).toBe(3);
      const missing = parseReport(run.stdout)
        .domains.find((d) => d.domain === "gcp-ok.com")
        ?.checks.find((c) => c.name === "hosted-zone-missing");
      expect(missing).toMatchObject({ status: "not-checked" });
      expect(missing?.reason).toMatch(/rate-limited managedZones\.list \(429/);
    },
    CLI_TEST_TIMEOUT_MS,
  );

  it(
    "a secret of the credentials file is in no output format, even when the file is refused",
    async () => {
      const secret = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC-lab-secret";
      const path = join(world.dir, "key.json");
      await writeFile(
        path,
        JSON.stringify({
          type: "service_account",
          project_id: PROJECT,
          private_key_id: "0123456789abcdef0123456789abcdef01234567",
          private_key: `-----BEGIN PRIVATE KEY-----\n${secret}\n-----END PRIVATE KEY-----\n`,
          client_email: "reader@lab-project-main.iam.gserviceaccount.com",
          client_id: "1234567890",
        }),
      );
      for (const format of FORMATS) {
        const run = await check(
          { GOOGLE_APPLICATION_CREDENTIALS: path },
          { only: ["gcp-ok.com"], format },
        );
        expect(run.exitCode, `${format}: ${run.stderr}`).toBe(3);
        expect(run.stdout + run.stderr, format).not.toContain(secret);
        expect(run.stdout + run.stderr, format).not.toContain("0123456789abcdef0123456789abcdef");
      }
    },
    CLI_TEST_TIMEOUT_MS * 2,
  );
});
