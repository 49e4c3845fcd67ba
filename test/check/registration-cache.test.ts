// The RDAP registration cache across runs of the real CLI against a lab world (DNS, RDAP and the
// Route 53 emulators on loopback): what a warm cache spares the registry, each reason to ask it
// again (counted at the lab RDAP server), cache files it must not trust, and changes in the world
// that the next run reports despite a warm cache.
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
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
import {
  AMAZON,
  CLOUDFLARE,
  HOVER,
  LOCKED,
  OTHER_CLOUDFLARE,
  TUCOWS,
} from "../support/lab-names.js";

const DAY_MS = 86_400_000;
const CLOUDFLARE_REGISTRAR = { ianaId: 1910, name: "Cloudflare, Inc." };

const inDays = (days: number) => ({
  registration: "2015-03-01T00:00:00Z",
  expiration: new Date(Date.now() + days * DAY_MS).toISOString(),
});

const POLICY = `version: 1
defaults:
  expiry: { minDays: 30 }
domains:
  steady.com: { registrar: cloudflare, dnsHost: cloudflare }
  expiring.com: { registrar: cloudflare, dnsHost: cloudflare }
  drifting.com: { registrar: hover, dnsHost: cloudflare }
  moving.com: { registrar: cloudflare, dnsHost: cloudflare }
  r53.com: { registrar: route53, dnsHost: cloudflare }
`;

/** The registry's record: locked, expiring in `days`. */
const record = (
  registrar: NonNullable<LabRdapDomain["registrar"]>,
  nameservers: readonly string[],
  days = 200,
): LabRdapDomain => ({ registrar, statuses: LOCKED, nameservers, events: inDays(days) });

/** The world before anything changes; `moving` lets a second world move moving.com's servers. */
function scenario(movingServers: readonly string[] = CLOUDFLARE): Scenario {
  const cloudflare = (nameservers: readonly string[], days = 200) =>
    record(CLOUDFLARE_REGISTRAR, nameservers, days);
  return {
    internet: {
      domains: [
        { name: "steady.com", delegation: CLOUDFLARE },
        { name: "expiring.com", delegation: CLOUDFLARE },
        { name: "drifting.com", delegation: CLOUDFLARE },
        { name: "moving.com", delegation: movingServers },
        { name: "r53.com", delegation: CLOUDFLARE },
      ],
      // Both worlds run every server, so the delegation alone moves.
      extraNameservers: [...CLOUDFLARE, ...OTHER_CLOUDFLARE],
    },
    rdap: {
      "steady.com": cloudflare(CLOUDFLARE),
      // Passes (33 days ≥ minDays 30) but is within minDays + 7 days.
      "expiring.com": cloudflare(CLOUDFLARE, 33),
      "drifting.com": cloudflare(CLOUDFLARE),
      "moving.com": cloudflare(movingServers),
      "r53.com": {
        registrar: AMAZON,
        statuses: LOCKED,
        nameservers: CLOUDFLARE,
        events: inDays(200),
      },
    },
    accounts: [{ profile: "default", domains: [{ name: "r53.com", nameservers: CLOUDFLARE }] }],
  };
}

const { world: startWorld, scan } = cacheRuns({
  prefix: "domain-drift-registration-cache-",
  policy: POLICY,
  counter: {
    reset: (lab) => lab.scenario.rdap.resetCounters(),
    read: (lab) => {
      const byPath = lab.scenario.rdap.counters().byPath;
      return (domain) =>
        [...byPath].reduce(
          (n, [path, count]) => (path.endsWith(`/domain/${domain}`) ? n + count : n),
          0,
        );
    },
  },
});
const world = (spec: Scenario = scenario()) => startWorld(spec);

const cached = (report: Report, domain: string) => cachedAt(report, domain, "rdap");

beforeAll(buildLib, 300_000);

describe("RDAP registrations cached across runs", { timeout: 120_000 }, () => {
  it("a warm cache answers for a compliant domain; drift, a near expiry, --refresh and age 0 ask again", async () => {
    const lab = await world();
    const cacheDir = join(lab.dir, "cache");
    const cold = await scan(lab, cacheDir);
    for (const domain of ["steady.com", "expiring.com", "drifting.com", "moving.com", "r53.com"]) {
      expect(cold.asked(domain), domain).toBe(1);
      expect(cached(cold.report, domain)).toBeUndefined();
    }
    expect(verdict(cold.report, "drifting.com")).toEqual({
      status: "drift",
      rules: ["registrar-mismatch"],
    });

    const warm = await scan(lab, cacheDir);
    // From the cache, with its time in the report and a line in the text.
    expect(warm.asked("steady.com")).toBe(0);
    expect(warm.asked("r53.com")).toBe(0);
    expect(Date.parse(cached(warm.report, "steady.com") ?? "")).toBeLessThanOrEqual(Date.now());
    expect(warm.text).toMatch(
      /RDAP registrations of 3 domains came from the cache of earlier runs/,
    );
    // Asked again: expiry within minDays + 7 days; the previous verdict was drift.
    expect(warm.asked("expiring.com")).toBe(1);
    expect(warm.asked("drifting.com")).toBe(1);
    expect(cached(warm.report, "drifting.com")).toBeUndefined();
    expect(warm.report.summary).toEqual(cold.report.summary);

    await expectRefreshAndAgeZeroAsk((extra) => scan(lab, cacheDir, extra), "steady.com", "rdap");
  });

  it("the next run reports a registrar transfer or a delegation change despite a warm cache", async () => {
    const before = await world();
    const cacheDir = join(before.dir, "cache");
    const cold = await scan(before, cacheDir);
    expect(verdict(cold.report, "moving.com").status).toBe("compliant");
    expect(verdict(cold.report, "r53.com").status).toBe("compliant");

    // r53.com is transferred out of Route 53 to Hover's registrar, keeping its name servers.
    before.scenario.aws.account(ACCOUNT_ID)?.removeDomain("r53.com");
    before.scenario.rdap.setDomain("r53.com", record(TUCOWS, CLOUDFLARE));
    const transferred = await scan(before, cacheDir);
    expect(transferred.asked("r53.com")).toBe(1);
    expect(verdict(transferred.report, "r53.com").rules).toContain("registrar-mismatch");

    // moving.com moves to two other Cloudflare servers: still compliant, but the cached name
    // servers are no longer the delegation's, so the registry is asked again.
    const after = await world(scenario(OTHER_CLOUDFLARE));
    const moved = await scan(after, cacheDir);
    expect(moved.asked("moving.com")).toBe(1);
    expect(moved.asked("steady.com")).toBe(0);
    expect(verdict(moved.report, "moving.com").status).toBe("compliant");

    // And to Hover: the DNS host's drift is seen live, the registrar's from a fresh answer.
    const hover = await world(scenario(HOVER));
    hover.scenario.rdap.setDomain("moving.com", record(TUCOWS, HOVER));
    const rehosted = await scan(hover, cacheDir);
    const rules = verdict(rehosted.report, "moving.com").rules;
    expect(rules).toContain("dns-host-mismatch");
    expect(rules).toContain("registrar-mismatch");
  });

  it("ignores a tampered, symlinked or foreign cache file and asks the registry", async () => {
    const lab = await world();
    const cacheDir = join(lab.dir, "cache");
    const file = join(cacheDir, "rdap", "registrations.json");
    await scan(lab, cacheDir);
    expect((await scan(lab, cacheDir)).asked("steady.com")).toBe(0);
    const genuine = await readFile(file, "utf8");

    // Tampered: steady.com's registrar rewritten, seal kept.
    const document = JSON.parse(genuine);
    document.domains["steady.com"].registrar = { ianaId: 69, name: "Tucows Domains Inc." };
    await writeFile(file, JSON.stringify(document));
    const tampered = await scan(lab, cacheDir);
    expect(tampered.asked("steady.com")).toBe(1);
    expect(verdict(tampered.report, "steady.com").status).toBe("compliant");

    // Symlinked, then writable by others: neither is trusted.
    await expectCopiesDistrusted(() => scan(lab, cacheDir), file, genuine, "steady.com", lab.dir);
  });
});
