// The registrar API details cache across runs (Route 53 Domains GetDomainDetail) of the real CLI
// against a lab world (DNS, RDAP and the AWS emulator on loopback, through the real SDK): what a
// warm cache spares the API, each reason to ask it again (counted at the emulator, per domain),
// cache files it must not trust, and changes in the account that the next run reports despite a
// warm cache: auto-renew switched off, the transfer lock lifted, a transfer out.
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { RegisteredDomainSpec } from "../../src/lab/aws-world.js";
import type { LabRdapDomain } from "../../src/lab/rdap-server.js";
import type { Scenario } from "../../src/lab/scenario.js";
import type { Report } from "../../src/report/model/model.js";
import { buildLib } from "../support/build.js";
import {
  ACCOUNT_ID,
  cachedAt,
  cacheRuns,
  expectCopiesDistrusted,
  expectRefreshAndAgeZeroAsk,
  verdict,
} from "../support/cache-runs.js";
import { AMAZON, CLOUDFLARE, LOCKED, OTHER_CLOUDFLARE, TUCOWS } from "../support/lab-names.js";
import type { LabWorld } from "../support/lab-world.js";

const DAY_MS = 86_400_000;
const DOMAINS = ["steady.com", "renew.com", "lock.com", "leaving.com", "expiring.com", "off.com"];
const DETAILS_FILE = ["registrars", "details.json"];

const POLICY = `version: 1
defaults:
  expiry: { minDays: 30 }
  autoRenew: required
  transferLock: required
domains:
${DOMAINS.map((d) => `  ${d}: { registrar: route53, dnsHost: cloudflare }`).join("\n")}
  moving.com: { registrar: route53, dnsHost: cloudflare }
`;

const inDays = (days: number) => new Date(Date.now() + days * DAY_MS);
/** One date for every world, so that only what a test changes differs between them. */
const FAR_EXPIRY = inDays(200);

/** The registry's record: Amazon's, locked, far from expiry. */
const record = (nameservers: readonly string[]): LabRdapDomain => ({
  registrar: AMAZON,
  statuses: LOCKED,
  nameservers,
  events: { registration: "2015-03-01T00:00:00Z", expiration: FAR_EXPIRY.toISOString() },
});

/** A Route 53 Domains registration, delegated to `nameservers`, expiring in 200 days. */
const registration = (
  name: string,
  extra: Partial<RegisteredDomainSpec> = {},
): RegisteredDomainSpec => ({ name, nameservers: CLOUDFLARE, expiry: FAR_EXPIRY, ...extra });

/** Every domain registered in the account; moving.com delegated to `movingServers`. */
function scenario(movingServers: readonly string[] = CLOUDFLARE): Scenario {
  return {
    internet: {
      domains: [
        ...DOMAINS.map((name) => ({ name, delegation: CLOUDFLARE })),
        { name: "moving.com", delegation: movingServers },
      ],
      // Both worlds run every server, so the delegation alone moves.
      extraNameservers: [...CLOUDFLARE, ...OTHER_CLOUDFLARE],
    },
    rdap: {
      ...Object.fromEntries(DOMAINS.map((d) => [d, record(CLOUDFLARE)])),
      "moving.com": record(movingServers),
    },
    accounts: [
      {
        profile: "default",
        domains: [
          ...DOMAINS.filter((d) => d !== "expiring.com" && d !== "off.com").map((d) =>
            registration(d),
          ),
          // Passes (33 days ≥ minDays 30) but is within minDays + 7 days.
          registration("expiring.com", { expiry: inDays(33) }),
          // Drift in every run: auto-renew is off.
          registration("off.com", { autoRenew: false }),
          registration("moving.com", { nameservers: movingServers }),
        ],
      },
    ],
  };
}

const { world: startWorld, scan } = cacheRuns({
  prefix: "domain-drift-detail-cache-",
  policy: POLICY,
  counter: {
    reset: (lab) => lab.scenario.aws.resetCounters(),
    read: (lab) => {
      const log = [...lab.scenario.aws.requestLog];
      return (domain) =>
        log.filter((r) => r.operation === "GetDomainDetail" && r.domainName === domain).length;
    },
  },
});
const world = (spec: Scenario = scenario()) => startWorld(spec);

const cached = (report: Report, domain: string) => cachedAt(report, domain, "route53Domains");
const account = (lab: LabWorld) => {
  const found = lab.scenario.aws.account(ACCOUNT_ID);
  if (found === undefined) throw new Error("the scenario's account is missing");
  return found;
};

beforeAll(buildLib, 300_000);

describe("Route 53 Domains details cached across runs", { timeout: 120_000 }, () => {
  it("a warm cache answers for a compliant domain; drift, a near expiry, --refresh and age 0 ask again", async () => {
    const lab = await world();
    const cacheDir = join(lab.dir, "cache");
    const cold = await scan(lab, cacheDir);
    for (const domain of [...DOMAINS, "moving.com"]) {
      expect(cold.asked(domain), domain).toBe(1);
      expect(cached(cold.report, domain)).toBeUndefined();
    }
    expect(verdict(cold.report, "off.com")).toEqual({
      status: "drift",
      rules: ["auto-renew-disabled"],
    });
    expect(verdict(cold.report, "expiring.com").status).toBe("compliant");

    const warm = await scan(lab, cacheDir);
    expect(warm.asked("steady.com")).toBe(0);
    expect(warm.asked("moving.com")).toBe(0);
    expect(Date.parse(cached(warm.report, "steady.com") ?? "")).toBeLessThanOrEqual(Date.now());
    expect(warm.text).toMatch(/Route 53 Domains details of 5 domains, the oldest 0 h old/);
    // Asked again: the previous verdict was drift; expiry within minDays + 7 days.
    expect(warm.asked("off.com")).toBe(1);
    expect(warm.asked("expiring.com")).toBe(1);
    expect(cached(warm.report, "off.com")).toBeUndefined();
    expect(warm.report.summary).toEqual(cold.report.summary);

    await expectRefreshAndAgeZeroAsk(
      (extra) => scan(lab, cacheDir, extra),
      "steady.com",
      "route53Domains",
    );
  });

  it("the next run reports auto-renew switched off, a lifted lock and a transfer out despite a warm cache", async () => {
    const lab = await world();
    const cacheDir = join(lab.dir, "cache");
    await scan(lab, cacheDir);
    const warm = await scan(lab, cacheDir);
    for (const domain of ["steady.com", "renew.com", "lock.com", "leaving.com"]) {
      expect(warm.asked(domain), domain).toBe(0);
      expect(verdict(warm.report, domain).status, domain).toBe("compliant");
    }

    // Changed in the account: ListDomains (read on every run) shows each of them.
    account(lab).registerDomain(registration("renew.com", { autoRenew: false }));
    account(lab).registerDomain(registration("lock.com", { transferLock: false }));
    account(lab).removeDomain("leaving.com");
    lab.scenario.rdap.setDomain("leaving.com", { ...record(CLOUDFLARE), registrar: TUCOWS });
    const changed = await scan(lab, cacheDir);
    expect(changed.asked("renew.com")).toBe(1);
    expect(verdict(changed.report, "renew.com").rules).toEqual(["auto-renew-disabled"]);
    expect(changed.asked("lock.com")).toBe(1);
    expect(verdict(changed.report, "lock.com").rules).toEqual(["transfer-lock-disabled"]);
    // Gone from the listing: no detail call at all, and the registrar's drift reported.
    expect(changed.asked("leaving.com")).toBe(0);
    expect(verdict(changed.report, "leaving.com").rules).toContain("registrar-mismatch");
    expect(changed.asked("steady.com")).toBe(0);
  });

  it("asks again when the delegation moved, and before a cached detail's domain fails", async () => {
    const before = await world();
    const cacheDir = join(before.dir, "cache");
    await scan(before, cacheDir);

    // moving.com moves to two other Cloudflare servers, at the registrar and so at the registry.
    const after = await world(scenario(OTHER_CLOUDFLARE));
    const moved = await scan(after, cacheDir);
    expect(moved.asked("moving.com")).toBe(1);
    expect(moved.asked("steady.com")).toBe(0);
    expect(verdict(moved.report, "moving.com").status).toBe("compliant");

    // A policy that now makes steady.com fail: judged again on a fresh detail, never on the cache.
    await writeFile(
      join(after.dir, "policy.yaml"),
      POLICY.replace(
        "steady.com: { registrar: route53, dnsHost: cloudflare }",
        "steady.com: { registrar: route53, dnsHost: route53 }",
      ),
    );
    const failing = await scan(after, cacheDir);
    expect(failing.asked("steady.com")).toBe(1);
    expect(cached(failing.report, "steady.com")).toBeUndefined();
    expect(verdict(failing.report, "steady.com").rules).toContain("dns-host-mismatch");
  });

  it("ignores a tampered, symlinked or foreign cache file and asks the API", async () => {
    const lab = await world();
    const cacheDir = join(lab.dir, "cache");
    const file = join(cacheDir, ...DETAILS_FILE);
    await scan(lab, cacheDir);
    expect((await scan(lab, cacheDir)).asked("steady.com")).toBe(0);
    const genuine = await readFile(file, "utf8");

    // Tampered: steady.com's name servers rewritten, seal kept.
    const document = JSON.parse(genuine);
    const key = `route53/default/steady.com`;
    expect(document.domains[key]).toBeDefined();
    document.domains[key].detail.nameservers = ["ns1.attacker.example"];
    await writeFile(file, JSON.stringify(document));
    const tampered = await scan(lab, cacheDir);
    expect(tampered.asked("steady.com")).toBe(1);
    expect(verdict(tampered.report, "steady.com").status).toBe("compliant");

    // Symlinked, then writable by others: neither is trusted.
    await expectCopiesDistrusted(() => scan(lab, cacheDir), file, genuine, "steady.com", lab.dir);
  });
});
