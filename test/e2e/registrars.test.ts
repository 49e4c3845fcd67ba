// GoDaddy and Namecheap end to end: the built CLI checks a portfolio registered at each, asking the
// lab's wire-level emulator of the registrar's API through undici (GODADDY_BASE_URL,
// NAMECHEAP_BASE_URL) and the DNS tree under NSD (or the in-process lab where NSD cannot run), over
// loopback only. One compliant domain, and each rule a registrar's API lets fire broken in exactly
// one way; then the credentials missing, refused and rate-limited; the calls a scan makes, cold and
// warm; and the secrets never in any output format.
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type GoDaddyEmulator, startGoDaddyEmulator } from "../../src/lab/godaddy-emulator.js";
import type { SimulatedDomain } from "../../src/lab/internet.js";
import {
  type NamecheapEmulator,
  startNamecheapEmulator,
} from "../../src/lab/namecheap-emulator.js";
import type { LabRdapDomain } from "../../src/lab/rdap-server.js";
import type { ScenarioDns } from "../../src/lab/scenario.js";
import { FORMATS } from "../../src/report/render/formats.js";
import { GODADDY as GODADDY_REGISTRAR, LOCKED } from "../support/lab-names.js";
import { type LabWorld, runInWorld } from "../support/lab-world.js";
import {
  CLI_TEST_TIMEOUT_MS,
  DNS_LABEL,
  parseReport,
  startProviderWorld,
  verdicts,
} from "./harness.js";

/** One domain of the portfolio, as the registrar's account holds it (undefined: another customer). */
interface PortfolioDomain {
  readonly label: string;
  readonly dns: Omit<SimulatedDomain, "name">;
  readonly statuses?: readonly string[];
  readonly expiresInDays?: number;
  readonly held:
    | {
        readonly autoRenew?: boolean;
        readonly locked?: boolean;
        readonly nameServers?: readonly string[];
      }
    | undefined;
  readonly expected: { status: "compliant" | "drift"; rules: readonly string[] };
}

/** A registrar under test: its emulator, an account holding the portfolio, and its credentials. */
interface RegistrarLab {
  readonly env: Readonly<Record<string, string>>;
  /** Environment values that must never be printed. */
  readonly secrets: readonly string[];
  /** Credentials the API refuses. */
  readonly refusedEnv: Readonly<Record<string, string>>;
  readonly missingVariable: RegExp;
  readonly refusedReason: RegExp;
  rateLimitListing(): void;
  readonly rateLimitedReason: RegExp;
  /** API calls the emulator received, by operation. */
  calls(): Record<string, number>;
  readonly expectedCalls: Record<string, number>;
  resetCounters(): void;
  close(): Promise<void>;
}

interface RegistrarCase {
  readonly id: "godaddy" | "namecheap";
  readonly prefix: string;
  readonly registrar: { ianaId: number; name: string };
  readonly nameservers: readonly string[];
  /** Set up the emulator: `portfolio` with their full names. */
  start(
    portfolio: readonly (PortfolioDomain & { name: string })[],
    expiry: (days: number | undefined) => Date,
  ): Promise<RegistrarLab>;
}

const OTHER_SERVERS = ["ns1.hover.com", "ns2.hover.com"];

function portfolio(nameservers: readonly string[]): PortfolioDomain[] {
  const served = { delegation: nameservers };
  return [
    { label: "ok", dns: served, held: {}, expected: { status: "compliant", rules: [] } },
    {
      label: "norenew",
      dns: served,
      held: { autoRenew: false },
      expected: { status: "drift", rules: ["auto-renew-disabled"] },
    },
    {
      label: "unlocked",
      dns: served,
      statuses: [],
      held: { locked: false },
      expected: { status: "drift", rules: ["transfer-lock-disabled"] },
    },
    {
      label: "expiring",
      dns: served,
      expiresInDays: 10,
      held: {},
      expected: { status: "drift", rules: ["expiry-soon"] },
    },
    {
      // The account lists other servers than the registry delegates to: a stuck update.
      label: "nsdiff",
      dns: served,
      held: { nameServers: OTHER_SERVERS },
      expected: { status: "drift", rules: ["registrar-nameservers-mismatch"] },
    },
    {
      label: "elsewhere",
      dns: served,
      held: undefined,
      expected: { status: "drift", rules: ["registrar-account-missing"] },
    },
  ];
}

const usDate = (date: Date) =>
  `${String(date.getUTCMonth() + 1).padStart(2, "0")}/${String(date.getUTCDate()).padStart(2, "0")}/${date.getUTCFullYear()}`;

const GODADDY: RegistrarCase = {
  id: "godaddy",
  prefix: "gd",
  registrar: GODADDY_REGISTRAR,
  nameservers: ["ns11.domaincontrol.com", "ns12.domaincontrol.com"],
  async start(domains, expiry) {
    const emulator: GoDaddyEmulator = await startGoDaddyEmulator();
    const account = emulator.addAccount();
    for (const d of domains) {
      if (d.held === undefined) continue;
      account.addDomain({
        domain: d.name,
        renewAuto: d.held.autoRenew ?? true,
        locked: d.held.locked ?? true,
        expires: expiry(d.expiresInDays).toISOString(),
        nameServers: d.held.nameServers ?? GODADDY.nameservers,
      });
    }
    emulator.addAccount().addDomain({ domain: "gd-elsewhere.com" });
    account.addDomain({ domain: "gd-forgotten.com" });
    const { key, secret } = account.addKey();
    return {
      env: { GODADDY_BASE_URL: emulator.baseUrl, GODADDY_API_KEY: key, GODADDY_API_SECRET: secret },
      secrets: [key, secret],
      refusedEnv: {
        GODADDY_BASE_URL: emulator.baseUrl,
        GODADDY_API_KEY: "revoked-key-000000000000",
        GODADDY_API_SECRET: "revoked-secret-0000000000",
      },
      missingVariable: /GODADDY_API_KEY is not set/,
      refusedReason: /GoDaddy refused the API key for domains\.list: 401 \(UNABLE_TO_AUTHENTICATE/,
      rateLimitListing: () => emulator.faults.rateLimit("domains.list", 3, 1),
      rateLimitedReason: /GoDaddy rate-limited domains\.list \(429, still after 2 retries/,
      calls: () => ({ ...emulator.calls() }),
      // The listing carries every domain's name servers: one call for the whole account.
      expectedCalls: { "domains.list": 1 },
      resetCounters: () => emulator.resetCounters(),
      close: () => emulator.close(),
    };
  },
};

const NAMECHEAP: RegistrarCase = {
  id: "namecheap",
  prefix: "nc",
  registrar: { ianaId: 1068, name: "NameCheap, Inc." },
  nameservers: ["dns1.registrar-servers.com", "dns2.registrar-servers.com"],
  async start(domains, expiry) {
    const emulator: NamecheapEmulator = await startNamecheapEmulator();
    const user = emulator.addUser("ncteam");
    for (const d of domains) {
      if (d.held === undefined) continue;
      user.addDomain({
        domain: d.name,
        autoRenew: d.held.autoRenew ?? true,
        locked: d.held.locked ?? true,
        expires: usDate(expiry(d.expiresInDays)),
        nameServers: d.held.nameServers ?? NAMECHEAP.nameservers,
        // getInfo lists no name servers for this one: dns.getList is asked for them.
        nameServersOnlyInDns: d.label === "ok",
      });
    }
    emulator.addUser("stranger").addDomain({ domain: "nc-elsewhere.com" });
    user.addDomain({ domain: "nc-forgotten.com" });
    const { apiUser, apiKey } = user.credentials();
    const base = { NAMECHEAP_BASE_URL: emulator.baseUrl, NAMECHEAP_CLIENT_IP: "127.0.0.1" };
    return {
      env: { ...base, NAMECHEAP_API_USER: apiUser, NAMECHEAP_API_KEY: apiKey },
      secrets: [apiKey],
      refusedEnv: {
        ...base,
        NAMECHEAP_API_USER: apiUser,
        NAMECHEAP_API_KEY: "0000revoked00000000000000000000",
      },
      missingVariable: /NAMECHEAP_API_USER is not set/,
      refusedReason: /Namecheap refused the API user or key for domains\.getList \(1011102/,
      rateLimitListing: () => emulator.faults.rateLimit("namecheap.domains.getList", 1),
      rateLimitedReason: /Namecheap rate-limited domains\.getList \(500000: Too many requests\)/,
      calls: () => ({ ...emulator.calls() }),
      // One listing page; one getInfo per domain the account holds; dns.getList where getInfo
      // lists no name servers.
      expectedCalls: {
        "namecheap.domains.getList": 1,
        "namecheap.domains.getInfo": 5,
        "namecheap.domains.dns.getList": 1,
      },
      resetCounters: () => emulator.resetCounters(),
      close: () => emulator.close(),
    };
  },
};

describe.each([GODADDY, NAMECHEAP])(`$id end to end (${DNS_LABEL})`, (registrar) => {
  const domains = portfolio(registrar.nameservers).map((d) => ({
    ...d,
    name: `${registrar.prefix}-${d.label}.com`,
  }));
  const names = domains.map((d) => d.name);
  const now = Date.now();
  const expiry = (days: number | undefined) => new Date(now + (days ?? 365 * 3) * 24 * 3600 * 1000);
  let world: LabWorld<ScenarioDns>;
  let lab: RegistrarLab;

  const rdapOf = (d: (typeof domains)[number]): LabRdapDomain => ({
    registrar: registrar.registrar,
    statuses: d.statuses ?? LOCKED,
    nameservers: d.dns.delegation ?? [],
    events: {
      registration: "2019-01-01T00:00:00Z",
      expiration: expiry(d.expiresInDays).toISOString(),
    },
  });

  beforeAll(async () => {
    const spec = {
      internet: {
        domains: domains.map((d) => ({ name: d.name, ...d.dns })),
        extraNameservers: OTHER_SERVERS,
      },
      rdap: Object.fromEntries(domains.map((d) => [d.name, rdapOf(d)])),
      accounts: [{ profile: "default" }],
    };
    const prefix = `domain-drift-${registrar.id}-`;
    const [started, running] = await Promise.all([
      startProviderWorld(spec, prefix),
      registrar.start(domains, expiry),
    ]);
    world = started;
    lab = running;
    await writeFile(
      join(world.dir, "policy.yaml"),
      `version: 1
accounts:
  main: { provider: ${registrar.id} }
defaults:
  registrar: ${registrar.id}
  dnsHost: ${registrar.id}
  account: main
  transferLock: required
  autoRenew: required
  expiry: { minDays: 30 }
domains:
${names.map((name) => `  ${name}: {}`).join("\n")}
`,
    );
  }, 240_000);

  afterAll(async () => {
    await Promise.all([world?.close(), lab?.close()]);
  });

  const check = (env: Readonly<Record<string, string>>, extra: readonly string[] = []) =>
    runInWorld({ ...world, env: { ...world.env, ...env } }, [
      "check",
      "policy.yaml",
      ...world.scenario.cliArgs,
      "--cache-dir",
      join(world.dir, "cache"),
      ...extra,
    ]);

  it(
    "each domain is as the emulated account and the wire say, in the same calls cold or warm",
    async () => {
      lab.resetCounters();
      const run = await check(lab.env, ["--format", "json"]);
      expect(run.exitCode, run.stderr).toBe(1);
      const report = parseReport(run.stdout);
      expect(verdicts(report)).toEqual(
        Object.fromEntries(
          domains.map((d) => [
            d.name,
            { ...d.expected, rules: [...d.expected.rules], suppressed: [] },
          ]),
        ),
      );
      expect(lab.calls()).toEqual(lab.expectedCalls);
      // Warm: the registrar's answers are not cached between runs (auto-renew and locks change).
      lab.resetCounters();
      const again = await check(lab.env, ["--format", "json"]);
      expect(again.exitCode).toBe(1);
      expect(lab.calls()).toEqual(lab.expectedCalls);
    },
    CLI_TEST_TIMEOUT_MS,
  );

  it(
    "--inventory: a domain of the account that no policy declares is unmanaged-domain",
    async () => {
      const ok = `${registrar.prefix}-ok.com`;
      const run = await check(lab.env, ["--format", "json", "--inventory", "--only", ok]);
      // unmanaged-domain is low: under the default --fail-on, the run passes.
      expect(run.exitCode, run.stderr).toBe(0);
      const report = parseReport(run.stdout);
      const account = report.accounts.find((a) => a.provider === registrar.id);
      expect(account?.account).toBe("main");
      expect(account?.sources).toEqual({ registrar: { status: "ok" } });
      expect(account?.findings.map((f) => [f.rule, f.observed])).toEqual([
        ["unmanaged-domain", `${registrar.prefix}-forgotten.com`],
      ]);
    },
    CLI_TEST_TIMEOUT_MS,
  );

  it(
    "the credentials are in no output format, even where the API's answers are quoted",
    async () => {
      const args = FORMATS.flatMap((format, i) =>
        i === 0 ? ["--format", format] : ["--format", format, "--output", `out.${format}`],
      );
      const refused = Object.values(lab.refusedEnv).filter((value) => value.includes("revoked"));
      for (const env of [lab.env, lab.refusedEnv]) {
        const run = await check(env, args);
        expect([1, 3]).toContain(run.exitCode);
        const written = await Promise.all(
          FORMATS.slice(1).map((format) => readFile(join(world.dir, `out.${format}`), "utf8")),
        );
        for (const text of [run.stdout, run.stderr, ...written]) {
          for (const secret of [...lab.secrets, ...refused]) expect(text).not.toContain(secret);
        }
      }
    },
    CLI_TEST_TIMEOUT_MS,
  );

  it.each([
    ["missing", () => ({}), () => lab.missingVariable],
    ["refused", () => lab.refusedEnv, () => lab.refusedReason],
    [
      "rate limited",
      () => {
        lab.rateLimitListing();
        return lab.env;
      },
      () => lab.rateLimitedReason,
    ],
  ])(
    "credentials %s: every check that needs the API is not checked, with the reason (exit 3)",
    async (_, env, reason) => {
      const run = await check(env(), ["--format", "json", "--only", `${registrar.prefix}-ok.com`]);
      expect(run.exitCode, run.stderr).toBe(3);
      const ok = parseReport(run.stdout).domains.find(
        (d) => d.domain === `${registrar.prefix}-ok.com`,
      );
      expect(ok?.status).toBe("unknown");
      const notChecked = ok?.checks.filter((c) => c.status === "not-checked") ?? [];
      expect(notChecked.map((c) => c.name).sort()).toEqual([
        "auto-renew-disabled",
        "registrar-account-missing",
        "registrar-nameservers-mismatch",
      ]);
      for (const c of notChecked) expect(c.reason).toMatch(reason());
    },
    CLI_TEST_TIMEOUT_MS,
  );
});
