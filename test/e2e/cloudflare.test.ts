// Cloudflare end to end: the built CLI checks a portfolio hosted and registered at Cloudflare,
// asking the lab's Cloudflare API emulator through the official SDK (CLOUDFLARE_BASE_URL) and the
// DNS tree under NSD (or the in-process lab where NSD cannot run), over loopback only. One
// compliant domain, and each rule Cloudflare's API lets fire broken in exactly one way; then the
// token missing, refused and rate-limited; and the calls a scan makes, cold and warm.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type CloudflareEmulator,
  type EmulatedCloudflareAccount,
  startCloudflareEmulator,
} from "../../src/lab/cloudflare-emulator.js";
import type { SimulatedDomain } from "../../src/lab/internet.js";
import type { LabRdapDomain } from "../../src/lab/rdap-server.js";
import type { ScenarioDns } from "../../src/lab/scenario.js";
import { CLOUDFLARE, LOCKED } from "../support/lab-names.js";
import { type LabWorld, runInWorld } from "../support/lab-world.js";
import {
  CLI_TEST_TIMEOUT_MS,
  DNS_LABEL,
  parseReport,
  startProviderWorld,
  verdicts,
} from "./harness.js";

const REGISTRAR = { ianaId: 1910, name: "Cloudflare, Inc." };
/** The pair a re-created zone was given; nothing delegates to it. */
const NEW_PAIR = ["cruz.ns.cloudflare.com", "dina.ns.cloudflare.com"];

interface CloudflareDomain {
  readonly name: string;
  readonly dns: Omit<SimulatedDomain, "name">;
  readonly statuses?: readonly string[];
  /** The zones of this name in our Cloudflare account. */
  readonly zones: readonly { nameServers: readonly string[]; status?: "active" | "pending" }[];
  /** Our Cloudflare Registrar registration; undefined: in another customer's account. */
  readonly registration: { autoRenew?: boolean; locked?: boolean } | undefined;
  readonly expected: { status: "compliant" | "drift"; rules: readonly string[] };
}

const served = { delegation: CLOUDFLARE };
const active = [{ nameServers: CLOUDFLARE }];

const PORTFOLIO: readonly CloudflareDomain[] = [
  {
    name: "cf-ok.com",
    dns: served,
    zones: active,
    registration: {},
    expected: { status: "compliant", rules: [] },
  },
  {
    // The zone was deleted and added again: Cloudflare gave it a new pair; the registry still
    // delegates to the old one, whose servers no longer have the zone.
    name: "cf-recreated.com",
    dns: { delegation: CLOUDFLARE, servedBy: [] },
    zones: [{ nameServers: NEW_PAIR }],
    registration: {},
    expected: {
      status: "drift",
      // Lame too, but dangling-delegation is the graver reading of the same servers. No server
      // answers, so the zone's apex NS set comes from the API: the new pair Cloudflare serves.
      rules: ["dangling-delegation", "nameservers-mismatch", "parent-child-ns-mismatch"],
    },
  },
  {
    name: "cf-missing.com",
    dns: served,
    zones: [],
    registration: {},
    expected: { status: "drift", rules: ["hosted-zone-missing"] },
  },
  {
    name: "cf-twice.com",
    dns: served,
    zones: [{ nameServers: CLOUDFLARE }, { nameServers: NEW_PAIR }],
    registration: {},
    expected: { status: "drift", rules: ["hosted-zone-duplicate"] },
  },
  {
    name: "cf-pending.com",
    dns: served,
    zones: [{ nameServers: CLOUDFLARE, status: "pending" }],
    registration: {},
    expected: { status: "drift", rules: ["dns-zone-not-active"] },
  },
  {
    name: "cf-norenew.com",
    dns: served,
    zones: active,
    registration: { autoRenew: false },
    expected: { status: "drift", rules: ["auto-renew-disabled"] },
  },
  {
    name: "cf-unlocked.com",
    dns: served,
    statuses: [],
    zones: active,
    registration: { locked: false },
    expected: { status: "drift", rules: ["transfer-lock-disabled"] },
  },
  {
    name: "cf-elsewhere.com",
    dns: served,
    zones: active,
    registration: undefined,
    expected: { status: "drift", rules: ["registrar-account-missing"] },
  },
];

const NAMES = PORTFOLIO.map((d) => d.name);

function rdapOf(domain: CloudflareDomain): LabRdapDomain {
  return {
    registrar: REGISTRAR,
    statuses: domain.statuses ?? LOCKED,
    nameservers: domain.dns.delegation ?? [],
    events: { registration: "2019-01-01T00:00:00Z", expiration: "2030-01-01T00:00:00Z" },
  };
}

function policy(accountId: string, extra = ""): string {
  return `version: 1
accounts:
  cf-main: { provider: cloudflare, accountId: ${accountId}${extra} }
defaults:
  registrar: cloudflare
  dnsHost: cloudflare
  account: cf-main
  transferLock: required
  autoRenew: required
domains:
${NAMES.map((name) => `  ${name}: {}`).join("\n")}
`;
}

describe(`Cloudflare end to end (${DNS_LABEL})`, () => {
  let world: LabWorld<ScenarioDns>;
  let cloudflare: CloudflareEmulator;
  let account: EmulatedCloudflareAccount;
  let token: string;

  beforeAll(async () => {
    const spec = {
      internet: { domains: PORTFOLIO.map((d) => ({ name: d.name, ...d.dns })) },
      rdap: Object.fromEntries(PORTFOLIO.map((d) => [d.name, rdapOf(d)])),
      accounts: [{ profile: "default" }],
    };
    const [started, emulator] = await Promise.all([
      startProviderWorld(spec, "domain-drift-cloudflare-"),
      startCloudflareEmulator(),
    ]);
    world = started;
    cloudflare = emulator;
    account = cloudflare.addAccount();
    for (const domain of PORTFOLIO) {
      for (const zone of domain.zones) account.addZone({ name: domain.name, ...zone });
      if (domain.registration)
        account.addRegistration({ domain: domain.name, ...domain.registration });
    }
    // Another customer holds cf-elsewhere.com at Cloudflare Registrar.
    cloudflare.addAccount().addRegistration({ domain: "cf-elsewhere.com" });
    token = account.addToken(["Zone: Read", "DNS: Read", "Registrar: Read"]);
    await writeFile(join(world.dir, "policy.yaml"), policy(account.id));
  }, 240_000);

  afterAll(async () => {
    await Promise.all([world?.close(), cloudflare?.close()]);
  });

  const check = (env: Record<string, string>, only: readonly string[] = []) =>
    runInWorld(
      { ...world, env: { ...world.env, CLOUDFLARE_BASE_URL: cloudflare.baseUrl, ...env } },
      [
        "check",
        "policy.yaml",
        ...(only.length > 0 ? ["--only", ...only] : []),
        ...world.scenario.cliArgs,
        "--format",
        "json",
        "--cache-dir",
        join(world.dir, "cache"),
      ],
    );

  it(
    "each domain is as the emulated account and the wire say, in two calls per scan, cold or warm",
    async () => {
      cloudflare.resetCounters();
      world.scenario.aws.resetCounters();
      const run = await check({ CLOUDFLARE_API_TOKEN: token });
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
      // The contract: one zones page and one registrations page for the whole account, and the
      // apex NS records of the one zone no delegated server answers for; Route 53 is not asked
      // about domains whose registrar and DNS host are Cloudflare.
      const contract = { "zones.list": 1, "registrations.list": 1, "dns_records.list": 1 };
      expect(cloudflare.calls()).toEqual(contract);
      expect(world.scenario.aws.requestLog).toEqual([]);
      expect(report.domains[0]?.sources).toMatchObject({
        route53Domains: { status: "skipped", reason: "Cloudflare Registrar answered instead" },
        route53: { status: "skipped", reason: "Cloudflare DNS answered instead" },
      });
      // Warm: Cloudflare keeps no cache between runs (zones change status), so the same two calls.
      cloudflare.resetCounters();
      const again = await check({ CLOUDFLARE_API_TOKEN: token });
      expect(again.exitCode).toBe(1);
      expect(cloudflare.calls()).toEqual(contract);
      // The token is a secret: never in what the run prints.
      expect(run.stdout + run.stderr).not.toContain(token);
    },
    CLI_TEST_TIMEOUT_MS,
  );

  it.each([
    ["missing", {}, /CLOUDFLARE_API_TOKEN is not set/],
    [
      "refused",
      { CLOUDFLARE_API_TOKEN: "revoked-token-0000000000000000" },
      /refused the API token.*401/,
    ],
  ])(
    "a %s token: every check that needs the API is not checked, with the reason (exit 3)",
    async (_, env, reason) => {
      const run = await check(env, ["cf-ok.com"]);
      expect(run.exitCode, run.stderr).toBe(3);
      const report = parseReport(run.stdout);
      const ok = report.domains.find((d) => d.domain === "cf-ok.com");
      expect(ok?.status).toBe("unknown");
      const notChecked = ok?.checks.filter((c) => c.status === "not-checked") ?? [];
      expect(notChecked.map((c) => c.name).sort()).toEqual(
        [
          "auto-renew-disabled",
          "dns-zone-not-active",
          "hosted-zone-duplicate",
          "hosted-zone-missing",
          "nameservers-mismatch",
          "registrar-account-missing",
        ].sort(),
      );
      for (const check of notChecked) expect(check.reason).toMatch(reason);
    },
    CLI_TEST_TIMEOUT_MS,
  );

  it(
    "rate limited past the SDK's retries: not checked, saying so (exit 3)",
    async () => {
      cloudflare.faults.rateLimit("zones.list", 3, "1");
      const run = await check({ CLOUDFLARE_API_TOKEN: token }, ["cf-ok.com"]);
      cloudflare.faults.clear();
      expect(run.exitCode, run.stderr).toBe(3);
      const report = parseReport(run.stdout);
      const missing = report.domains
        .find((d) => d.domain === "cf-ok.com")
        ?.checks.find((c) => c.name === "hosted-zone-missing");
      expect(missing).toMatchObject({ status: "not-checked" });
      expect(missing?.reason).toMatch(/rate-limited zones\.list \(429/);
    },
    CLI_TEST_TIMEOUT_MS,
  );
});
