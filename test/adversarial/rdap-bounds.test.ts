// Issue 10, RDAP bounds: a bound the observer reaches must leave the checks that depend on it
// not checked, with the reason: never a pass or a fail built on cut-off data, and never a wait
// that grows with the portfolio. A hostile (or overloaded) registry on loopback, the real RDAP
// observer, the real pipeline and rules; time is a virtual clock, so nothing here waits for real.
import { afterEach, describe, expect, it } from "vitest";
import { buildCatalog } from "../../src/catalog/catalog.js";
import {
  type LabRdapServer,
  renderLabBootstrap,
  startLabRdapServer,
} from "../../src/lab/rdap-server.js";
import {
  createRdapObserver,
  parseRdapBootstrap,
  type RdapClock,
  type RdapObserver,
} from "../../src/observe/rdap/index.js";
import { exitCodeOf } from "../../src/report/model/summary.js";
import { checkWith, delegated, intent } from "../support/observations.js";

const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((o) => o.close()));
});

async function registry(): Promise<{
  lab: LabRdapServer;
  observer: (clock?: RdapClock) => RdapObserver;
}> {
  const lab = await startLabRdapServer();
  opened.push(lab);
  const parsed = parseRdapBootstrap(renderLabBootstrap({ com: lab.baseUrl }), "lab");
  if (!parsed.ok) throw new Error(parsed.message);
  return {
    lab,
    observer(clock) {
      const created = createRdapObserver({
        bootstrap: parsed.bootstrap,
        userSupplied: true,
        ...(clock ? { clock } : {}),
      });
      opened.push(created);
      return created;
    },
  };
}

function check(names: readonly string[], rdap: RdapObserver) {
  return checkWith(
    {
      files: ["policies/p.yaml"],
      domains: names.map((name) =>
        intent({
          name,
          unicode: name,
          registrar: "godaddy",
          dnsHost: "route53",
          architecture: "dns-host-only",
          hygiene: { expiryMinDays: 30, transferLock: "required", autoRenew: "ignore" },
        }),
      ),
      accounts: new Map(),
      waivers: [],
      catalog: buildCatalog([]),
    },
    {
      delegation: { walk: async (name) => delegated(undefined, undefined, name) },
      rdap: { kind: "enabled", source: rdap },
      providers: new Map([
        ["route53", { kind: "skipped", reason: "AWS checks are off (--no-aws)" }],
      ]),
    },
  );
}

describe("adversarial RDAP bounds (issue 10)", () => {
  it("10: Retry-After 60 from a registry costs at most one wait per host, and the rest is reported as not checked", async () => {
    const { lab, observer } = await registry();
    lab.addFault("*", { kind: "rate-limit", retryAfter: "60" });
    const names = ["a.com", "b.com", "c.com", "d.com", "e.com", "f.com"];
    // A virtual clock: every wait returns at once and advances time by what was asked.
    let now = 0;
    const waits: number[] = [];
    const clock = {
      now: () => now,
      sleep: async (ms: number) => {
        waits.push(ms);
        now = Math.max(now, ms);
        return true;
      },
    };
    const report = await check(names, observer(clock));

    // The host may keep the run waiting once, 60 s, whatever the number of domains.
    expect(waits.reduce((sum, ms) => Math.max(sum, ms), 0)).toBeLessThanOrEqual(60_000);
    expect(now).toBeLessThanOrEqual(60_000);
    for (const domain of report.domains) {
      const lock = domain.checks.find((c) => c.name === "transfer-lock-disabled");
      expect(lock?.status, domain.domain).toBe("not-checked");
      expect(lock?.reason).toMatch(
        /answered HTTP 429 \(Retry-After 60 s\); .* has kept this run waiting as long as we wait for one host \(60 s, and 0\.1 s more per answer it gave: 60 s after 0 answers\); its remaining domains are not checked/,
      );
      expect(domain.status).toBe("unknown");
    }
    // Said once for all, with what to do.
    expect(report.diagnoses).toEqual([
      expect.objectContaining({
        sources: ["rdap"],
        domains: names.length,
        fix: expect.stringMatching(/throttling/),
      }),
    ]);
    expect(exitCodeOf(report)).toBe(3);
  }, 30_000);

  it("10: 300 RDAP statuses with the lock past the 256th give not-checked, never a false transfer-lock-disabled", async () => {
    const { lab, observer } = await registry();
    const statuses = [
      ...Array.from({ length: 299 }, (_, i) => `x-status-${i}`),
      "client transfer prohibited",
    ];
    lab.setRawDomain("locked.com", {
      objectClassName: "domain",
      ldhName: "locked.com",
      status: statuses,
      entities: [
        {
          objectClassName: "entity",
          roles: ["registrar"],
          publicIds: [{ type: "IANA Registrar ID", identifier: "146" }],
          vcardArray: ["vcard", [["fn", {}, "text", "GoDaddy.com, LLC"]]],
        },
      ],
      events: [{ eventAction: "expiration", eventDate: "2027-06-01T00:00:00Z" }],
    });
    const report = await check(["locked.com"], observer());
    const [domain] = report.domains;
    expect(domain?.findings.map((f) => f.rule)).not.toContain("transfer-lock-disabled");
    expect(domain?.checks.find((c) => c.name === "transfer-lock-disabled")).toEqual({
      name: "transfer-lock-disabled",
      status: "not-checked",
      reason:
        "the registry's RDAP record lists more status codes than the 256 read; a lock may be among the rest",
    });
    expect(domain?.status).toBe("unknown");
    expect(exitCodeOf(report)).toBe(3);
  });
});
