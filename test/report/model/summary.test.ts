import { beforeEach, describe, expect, it } from "vitest";
import { judgeDomain } from "../../../src/judge/judge.js";
import { waiverBook } from "../../../src/judge/waivers.js";
import { compareWithBaseline } from "../../../src/report/baseline.js";
import type {
  AccountReport,
  DomainReport,
  Report,
  Severity,
} from "../../../src/report/model/model.js";
import { exitCodeOf, summarise } from "../../../src/report/model/summary.js";
import {
  delegated,
  intent,
  NOW,
  nameserver,
  observations,
  R53_NEW_SET,
  R53_SET,
  zone,
} from "../../support/observations.js";
import { catalog } from "../../support/rules.js";

// Judged in each test, not when the file loads: mutation testing credits a test only with the
// code run inside it (docs/mutation-testing.md).
let compliant: DomainReport;
let recreated: DomainReport;
let unknown: DomainReport;
beforeEach(() => {
  compliant = judgeDomain(
    intent({ name: "a.example", unicode: "a.example" }),
    observations(),
    catalog,
    waiverBook([]),
    NOW,
  );
  recreated = judgeDomain(
    intent({ name: "b.example", unicode: "b.example" }),
    observations({
      hostedZones: { kind: "found", account: "default", zones: [zone("ZNEW", R53_NEW_SET)] },
    }),
    catalog,
    waiverBook([]),
    NOW,
  );
  unknown = judgeDomain(
    intent({ name: "c.example", unicode: "c.example" }),
    observations({
      hostedZones: { kind: "skipped", reason: "--no-aws" },
      registration: { kind: "skipped", reason: "--no-aws" },
    }),
    catalog,
    waiverBook([]),
    NOW,
  );
});

function report(
  domains: DomainReport[],
  failOn: Severity = "high",
  accounts: AccountReport[] = [],
): Report {
  return {
    schemaVersion: "1.0",
    tool: { name: "domain-drift", version: "0.0.0" },
    startedAt: NOW.toISOString(),
    finishedAt: NOW.toISOString(),
    failOn,
    shard: undefined,
    summary: summarise(domains, accounts),
    domains,
    accounts,
    baseline: undefined,
    stats: { durationMs: 1, dnsQueries: 0, rdapRequests: 0, awsCalls: {} },
  };
}

describe("summary and exit code", () => {
  it("counts statuses, severities and rules", () => {
    const s = summarise([compliant, recreated, unknown], []);
    expect([s.domains, s.compliant, s.drift, s.unknown]).toEqual([3, 1, 1, 1]);
    expect(s.byRule["nameservers-mismatch"]).toBe(1);
    expect(s.byRule["registrar-nameservers-mismatch"]).toBe(0);
    expect(s.bySeverity.high).toBe(1);
    expect(Object.keys(s.byRule)).toContain("lame-delegation");
    const twice = summarise([recreated, { ...recreated, domain: "b2.example" }], []);
    expect([twice.byRule["nameservers-mismatch"], twice.bySeverity.high]).toEqual([2, 2]);
  });

  it("follows the contract: 1 drift at the threshold, 3 when only unknown, 0 when clean", () => {
    expect(exitCodeOf(report([compliant, recreated, unknown]))).toBe(1);
    expect(exitCodeOf(report([compliant, recreated], "critical"))).toBe(0);
    expect(exitCodeOf(report([compliant, recreated, unknown], "critical"))).toBe(3);
    expect(exitCodeOf(report([compliant]))).toBe(0);
  });

  it("exits 3 when an AWS account could not be read, though every domain is compliant", () => {
    const account = (route53: AccountReport["sources"]["route53"]): AccountReport => ({
      account: "default",
      findings: [],
      sources: { route53Domains: { status: "ok", reason: undefined }, route53 },
    });
    const denied = account({ status: "unavailable", reason: "access denied" });
    expect(exitCodeOf(report([compliant], "high", [denied]))).toBe(3);
    expect(
      exitCodeOf(report([compliant], "high", [account({ status: "ok", reason: undefined })])),
    ).toBe(0);
  });

  it("leaves waived findings out of the exit code and the counts, and counts them apart", () => {
    const book = waiverBook([
      {
        domain: "b.example",
        rule: "nameservers-mismatch",
        reason: "moving next week",
        expires: "2099-12-31",
        position: { file: "policies/a.yaml", line: 9, column: 5 },
      },
    ]);
    const waived = judgeDomain(
      intent({ name: "b.example", unicode: "b.example" }),
      observations({
        hostedZones: { kind: "found", account: "default", zones: [zone("ZNEW", R53_NEW_SET)] },
      }),
      catalog,
      book,
      NOW,
    );
    expect(waived.findings.map((f) => [f.rule, f.severity, f.suppressed?.reason])).toEqual([
      ["nameservers-mismatch", "high", "moving next week"],
    ]);
    expect(exitCodeOf(report([compliant, waived], "info"))).toBe(0);
    const s = summarise([compliant, waived], []);
    expect([s.suppressed, s.bySeverity.high, s.byRule["nameservers-mismatch"]]).toEqual([1, 0, 0]);
  });
});

describe("baseline", () => {
  it("marks findings new or persisting and lists resolved ones", () => {
    const dangling = judgeDomain(
      intent({ name: "d.example", unicode: "d.example" }),
      observations({
        delegation: delegated(
          R53_SET,
          R53_SET.map((n) => nameserver(n, { kind: "refused" })),
        ),
      }),
      catalog,
      waiverBook([]),
      NOW,
    );
    const before = report([recreated, dangling]);
    const fixedRecreated = { ...recreated, findings: [], status: "compliant" as const };
    const after = compareWithBaseline(report([fixedRecreated, dangling, unknown]), before);
    const d = after.domains.find((x) => x.domain === "d.example");
    expect(d?.findings.map((f) => f.baseline)).toEqual(["persisting"]);
    expect(after.baseline?.resolved.map((r) => [r.domain, r.rule])).toEqual([
      ["b.example", "nameservers-mismatch"],
    ]);
    const u = after.domains.find((x) => x.domain === "c.example");
    expect(u?.findings).toEqual([]);
  });
});
