// The migration rules and the facts they share (rules/migration-facts.ts), on observations built
// here: which side each parent server delegates to, the registrar operation a move waits on, the
// target's keys against today's DS, record parity, and the side the other rules judge a domain on.
// The lab run (test/migration/lab.test.ts) shows the same end to end over real servers.
import { describe, expect, it } from "vitest";
import { migrationDelegationSplit } from "../../../src/judge/rules/migration/migration-delegation-split.js";
import { migrationDnssecBreak } from "../../../src/judge/rules/migration/migration-dnssec-break.js";
import { migrationOperationFailed } from "../../../src/judge/rules/migration/migration-operation-failed.js";
import { migrationRecordsDiffer } from "../../../src/judge/rules/migration/migration-records-differ.js";
import { migrationRecordsMissing } from "../../../src/judge/rules/migration/migration-records-missing.js";
import {
  delegationSides,
  judgedView,
  latestOperation,
  moveOf,
  operationFailed,
  operationPending,
  sideOf,
} from "../../../src/judge/rules/migration-facts.js";
import type {
  DelegationObservation,
  DnssecProbe,
  ParentAnswer,
  ServerRef,
} from "../../../src/observe/dns/types.js";
import type {
  DomainObservations,
  MigrationObservations,
} from "../../../src/observe/observations.js";
import type { RegistrarOperation } from "../../../src/observe/providers/types.js";
import type { RRsetParity } from "../../../src/observe/record-parity/types.js";
import type { DomainIntent, MigrationIntent } from "../../../src/policy/types.js";
import {
  delegated,
  intent,
  nameserver,
  observations,
  parityCompared,
  R53_SET,
  zone,
} from "../../support/observations.js";
import { catalog, evaluate, findingsOf } from "../../support/rules.js";

const HOVER = ["ns1.hover.com", "ns2.hover.com"];
const GODADDY = ["ns01.domaincontrol.com", "ns02.domaincontrol.com"];
const HOVER_TO_ROUTE53 = { from: "hover", to: "route53" } as const;

/** A domain whose policy declares a migration (by default its DNS host, Hover → Route 53). */
function migrating(overrides: Partial<MigrationIntent> = {}, domain: Partial<DomainIntent> = {}) {
  return intent({
    ...domain,
    migration: {
      position: { file: "policies/example.yaml", line: 9, column: 5 },
      dnsHost: HOVER_TO_ROUTE53,
      registrar: undefined,
      records: { names: [], dkimSelectors: [], maxNames: 200 },
      ...overrides,
    },
  });
}

const PARENTS: readonly ServerRef[] = ["a", "b", "c", "d"].map((letter, i) => ({
  name: `${letter}.gtld-servers.net`,
  address: `192.0.2.${i + 1}`,
}));

const to = (ns: readonly string[]): ParentAnswer => ({ kind: "delegation", ns, ds: [] });

/** The .com servers answering one apiece; the respondent's NS set is `respondentNs`. */
function parents(
  answers: readonly ParentAnswer[],
  respondentNs: readonly string[] = HOVER,
): DelegationObservation {
  const base = delegated(respondentNs);
  if (base.kind !== "delegated") throw new Error("fixture");
  const servers = PARENTS.slice(0, answers.length);
  return {
    ...base,
    parent: {
      ...base.parent,
      servers,
      respondent: PARENTS[0] as ServerRef,
      nsTtl: 172800,
      answers: answers.map((answer, i) => ({ server: PARENTS[i] as ServerRef, answer })),
      inconsistent: new Set(answers.map((a) => JSON.stringify(a))).size > 1,
    },
  };
}

/** A walk that could not reach the domain's delegation. */
function walkFailed(reason: string): DelegationObservation {
  return {
    kind: "failed",
    domain: "example.com",
    zone: "com",
    reason,
    path: [],
    stats: { queries: 3, durationMs: 1 },
  };
}

/** The .com servers answer that they do not delegate the domain. */
function notDelegated(): DelegationObservation {
  return {
    kind: "not-delegated",
    domain: "example.com",
    parentZone: "com",
    respondent: PARENTS[0] as ServerRef,
    reason: "nxdomain",
    path: [],
    stats: { queries: 1, durationMs: 1 },
  };
}

const NOTHING_ASKED: MigrationObservations = {
  targetServers: { kind: "skipped", reason: "no target servers known" },
  operations: { kind: "skipped", reason: "Hover's API shows no operations" },
  parity: { kind: "skipped", reason: "parity off" },
};

/** Observations of a migrating domain: the migration's own parts over NOTHING_ASKED. */
function seen(
  delegation: DelegationObservation,
  migration: Partial<MigrationObservations> = {},
  overrides: Partial<DomainObservations> = {},
): DomainObservations {
  return observations({ delegation, migration: { ...NOTHING_ASKED, ...migration }, ...overrides });
}

const onOldHost = () => parents([to(HOVER), to(HOVER)]);
const onTarget = () => parents([to(R53_SET), to(R53_SET)], R53_SET);

describe("migration facts: which side a delegation points at", () => {
  it("sorts an NS set by the move's hosts: old, target, a third host, both at once", () => {
    expect(sideOf(catalog, HOVER_TO_ROUTE53, HOVER)).toBe("old");
    expect(sideOf(catalog, HOVER_TO_ROUTE53, R53_SET)).toBe("target");
    expect(sideOf(catalog, HOVER_TO_ROUTE53, GODADDY)).toBe("other");
    expect(sideOf(catalog, HOVER_TO_ROUTE53, ["ns1.unknown.example"])).toBe("other");
    expect(sideOf(catalog, HOVER_TO_ROUTE53, [...HOVER, ...R53_SET.slice(0, 2)])).toBe("split");
    // Mixed, but with a third host instead of the target: not a split of this move.
    expect(sideOf(catalog, HOVER_TO_ROUTE53, [...HOVER, ...GODADDY])).toBe("other");
    expect(sideOf(catalog, HOVER_TO_ROUTE53, [...R53_SET, ...GODADDY])).toBe("other");
  });

  it("records each parent server's answer, its side, and the delegation's TTL", () => {
    const failed: ParentAnswer = { kind: "failed", answer: { kind: "timeout" } };
    const sides = delegationSides(
      catalog,
      HOVER_TO_ROUTE53,
      seen(parents([to(HOVER), to(R53_SET), failed])),
    );
    expect(sides).toEqual({
      kind: "known",
      parents: [
        { server: PARENTS[0], ns: HOVER, side: "old" },
        { server: PARENTS[1], ns: R53_SET, side: "target" },
        { server: PARENTS[2], ns: undefined, side: "no-answer" },
      ],
      side: "split",
      nsTtl: 172800,
    });
  });

  it.each([
    ["every server on the old host", [to(HOVER), to(HOVER)], "old"],
    ["every server on the target", [to(R53_SET), to(R53_SET)], "target"],
    ["old and target", [to(HOVER), to(R53_SET)], "split"],
    ["one set naming both hosts", [to([...HOVER, ...R53_SET])], "split"],
    [
      "one set naming both hosts, the others on the old host",
      [to([...HOVER, "ns-0.awsdns-00.com"]), to(HOVER)],
      "split",
    ],
    ["old and a third host", [to(HOVER), to(GODADDY)], "other"],
    ["target and a third host", [to(R53_SET), to(GODADDY)], "other"],
    ["a third host only", [to(GODADDY)], "other"],
  ] as const)("%s: %s", (_, answers, side) => {
    const sides = delegationSides(catalog, HOVER_TO_ROUTE53, seen(parents(answers)));
    expect(sides.kind === "known" && sides.side).toBe(side);
  });

  it("takes the respondent's NS set when no parent server's answer was a delegation", () => {
    const silent: ParentAnswer[] = [{ kind: "no-delegation" }, { kind: "nxdomain" }];
    const side = (ns: readonly string[]) => {
      const sides = delegationSides(catalog, HOVER_TO_ROUTE53, seen(parents(silent, ns)));
      return sides.kind === "known" ? sides.side : sides.reason;
    };
    expect(side(R53_SET)).toBe("target");
    expect(side(HOVER)).toBe("old");
    expect(side([...HOVER, ...R53_SET])).toBe("split");
  });

  it("is unknown, with why, when the delegation could not be walked or is absent", () => {
    const failed = seen(walkFailed("SERVFAIL from com"));
    expect(delegationSides(catalog, HOVER_TO_ROUTE53, failed)).toEqual({
      kind: "unknown",
      reason: "delegation: SERVFAIL from com",
    });
    const absent = seen(notDelegated());
    expect(delegationSides(catalog, HOVER_TO_ROUTE53, absent)).toEqual({
      kind: "unknown",
      reason: "the com servers do not delegate it",
    });
  });
});

function operation(overrides: Partial<RegistrarOperation> = {}): RegistrarOperation {
  return {
    id: "op-1",
    type: "UPDATE_NAMESERVER",
    status: "SUCCESSFUL",
    submittedAt: "2026-11-20T10:00:00Z",
    lastUpdatedAt: "2026-11-20T10:05:00Z",
    message: undefined,
    statusFlag: undefined,
    ...overrides,
  };
}

function operations(...ops: RegistrarOperation[]): MigrationObservations["operations"] {
  return { kind: "ok", account: "default", operations: ops, since: "2026-10-27T12:00:00Z" };
}

describe("migration facts: the registrar operation a move waits on", () => {
  it("tells operations under way and failed ones from the rest", () => {
    const of = (status: string) => operation({ status });
    expect(["SUBMITTED", "IN_PROGRESS"].map((s) => operationPending(of(s)))).toEqual([true, true]);
    expect(["ERROR", "FAILED"].map((s) => operationFailed(of(s)))).toEqual([true, true]);
    for (const status of ["SUCCESSFUL", "ERROR", "FAILED", ""]) {
      expect(operationPending(of(status))).toBe(false);
    }
    for (const status of ["SUCCESSFUL", "SUBMITTED", "IN_PROGRESS", ""]) {
      expect(operationFailed(of(status))).toBe(false);
    }
  });

  it("is the newest operation of the type asked, whatever the order listed", () => {
    const older = operation({
      id: "op-old",
      status: "FAILED",
      submittedAt: "2026-11-01T00:00:00Z",
    });
    const newer = operation({ id: "op-new", submittedAt: "2026-11-20T00:00:00Z" });
    const transfer = operation({
      id: "op-t",
      type: "TRANSFER_IN_DOMAIN",
      submittedAt: "2026-11-25T00:00:00Z",
    });
    const undated = operation({ id: "op-undated", submittedAt: undefined });
    for (const listed of [
      [older, newer, transfer, undated],
      [undated, transfer, newer, older],
      [newer, undated, older, transfer],
    ]) {
      const observed = seen(onOldHost(), { operations: operations(...listed) });
      expect(latestOperation(observed, "UPDATE_NAMESERVER")).toEqual({
        kind: "known",
        value: newer,
      });
      expect(latestOperation(observed, "TRANSFER_IN_DOMAIN")).toEqual({
        kind: "known",
        value: transfer,
      });
    }
    const none = seen(onOldHost(), { operations: operations(transfer) });
    expect(latestOperation(none, "UPDATE_NAMESERVER")).toEqual({ kind: "known", value: undefined });
    const onlyUndated = seen(onOldHost(), { operations: operations(undated) });
    expect(latestOperation(onlyUndated, "UPDATE_NAMESERVER")).toEqual({
      kind: "known",
      value: undated,
    });
  });

  it("is unknown, with why, when the operations were not asked or could not be read", () => {
    expect(latestOperation(observations(), "UPDATE_NAMESERVER")).toEqual({
      kind: "unknown",
      reason: "operations were not asked",
    });
    expect(latestOperation(seen(onOldHost()), "UPDATE_NAMESERVER")).toEqual({
      kind: "unknown",
      reason: "Hover's API shows no operations",
    });
    const denied = seen(onOldHost(), {
      operations: {
        kind: "unavailable",
        account: "default",
        reason: "AccessDenied",
        deniedAction: undefined,
      },
    });
    expect(latestOperation(denied, "UPDATE_NAMESERVER")).toEqual({
      kind: "unknown",
      reason: "AccessDenied",
    });
  });

  it("names a migration's move of each role", () => {
    const registrarMove = { from: "hover", to: "route53" };
    const migration = migrating({ registrar: registrarMove }).migration;
    expect(moveOf(migration, "dnsHost")).toBe(HOVER_TO_ROUTE53);
    expect(moveOf(migration, "registrar")).toBe(registrarMove);
    expect(moveOf(undefined, "dnsHost")).toBeUndefined();
  });
});

describe("migration facts: the side the other rules judge a migrating domain on", () => {
  it("is the declared intent, untouched, without a migration", () => {
    const declared = intent({
      hygiene: { expiryMinDays: 30, transferLock: "required", autoRenew: "ignore" },
    });
    const observed = seen(onOldHost());
    const view = judgedView(declared, observed, catalog, ["hover"]);
    expect(view.intent).toBe(declared);
    expect(view.observations).toBe(observed);
  });

  it("on the old DNS host: the old host with any of its sets, and no word from the target zone's API", () => {
    const declared = migrating({}, { nameservers: R53_SET });
    const observed = seen(
      onOldHost(),
      {},
      { apexNameservers: { kind: "ok", account: "default", zoneId: "Z1", ns: R53_SET } },
    );
    const view = judgedView(declared, observed, catalog, ["route53"]);
    expect(view.intent).toEqual({ ...declared, dnsHost: "hover", nameservers: undefined });
    const why =
      "the delegation still points at the old DNS host: the target zone is judged by the migration";
    expect(view.observations).toEqual({
      ...observed,
      hostedZoneDnssec: { kind: "skipped", reason: why },
      apexNameservers: { kind: "skipped", reason: why },
    });
  });

  it.each([
    ["on the target", onTarget],
    // The respondent's set decides: here on the target, though another parent server is not.
    ["answered from the target", () => parents([to(R53_SET), to(HOVER)], R53_SET)],
    [
      "answered with a set naming both hosts",
      () => parents([to([...HOVER, ...R53_SET])], [...HOVER, ...R53_SET]),
    ],
    ["on a third host", () => parents([to(GODADDY)], GODADDY)],
  ])("%s: the declared intent, the target, so a third host stays drift", (_, delegation) => {
    const declared = migrating({}, { nameservers: R53_SET });
    const observed = seen(delegation());
    const view = judgedView(declared, observed, catalog, ["route53"]);
    expect(view.intent).toBe(declared);
    expect(view.observations).toBe(observed);
  });

  it("judges a domain still at the old registrar there, with the transfer lock left to the migration", () => {
    const hygiene = { expiryMinDays: 30, transferLock: "required", autoRenew: "required" } as const;
    const declared = migrating(
      { dnsHost: undefined, registrar: { from: "hover", to: "route53" } },
      { hygiene },
    );
    const observed = seen(onOldHost());
    const view = judgedView(declared, observed, catalog, ["hover"]);
    expect(view.intent).toEqual({
      ...declared,
      registrar: "hover",
      hygiene: { expiryMinDays: 30, transferLock: "ignore", autoRenew: "required" },
    });
    expect(view.observations).toBe(observed);
    // Already at the target, at both (the identification is ambiguous), or unknown: as declared.
    for (const ids of [["route53"], ["hover", "route53"], ["godaddy"], undefined]) {
      expect(judgedView(declared, observed, catalog, ids).intent).toBe(declared);
    }
  });

  it("moves both roles to the old side when a domain has moved neither", () => {
    const declared = migrating(
      { registrar: { from: "hover", to: "route53" } },
      { nameservers: R53_SET },
    );
    const view = judgedView(declared, seen(onOldHost()), catalog, ["hover"]);
    expect(view.intent).toMatchObject({
      dnsHost: "hover",
      registrar: "hover",
      nameservers: undefined,
      hygiene: { transferLock: "ignore" },
    });
  });

  it("leaves a DNS-host move alone when the delegation is not walked", () => {
    const declared = migrating();
    for (const delegation of [walkFailed("timeout"), notDelegated()]) {
      expect(judgedView(declared, seen(delegation), catalog, ["route53"]).intent).toBe(declared);
    }
  });
});

describe("migration-delegation-split", () => {
  it("does not apply without a DNS-host migration", () => {
    expect(evaluate(migrationDelegationSplit, intent(), observations())).toEqual({
      kind: "not-applicable",
      reason: "the policy declares no DNS-host migration",
    });
    const registrarOnly = migrating({
      dnsHost: undefined,
      registrar: { from: "hover", to: "route53" },
    });
    expect(evaluate(migrationDelegationSplit, registrarOnly, seen(onOldHost())).kind).toBe(
      "not-applicable",
    );
  });

  it("is not checked when the delegation is unknown", () => {
    const failed = seen(walkFailed("SERVFAIL from com"));
    expect(evaluate(migrationDelegationSplit, migrating(), failed)).toEqual({
      kind: "not-checked",
      reason: "delegation: SERVFAIL from com",
    });
  });

  it("passes on either side, and on a third host (that is the other rules' drift)", () => {
    for (const delegation of [onOldHost(), onTarget(), parents([to(GODADDY)], GODADDY)]) {
      expect(evaluate(migrationDelegationSplit, migrating(), seen(delegation))).toEqual({
        kind: "pass",
      });
    }
  });

  it("counts the parent servers on the target", () => {
    const delegation = parents([to(R53_SET), to(R53_SET), to(R53_SET), to(HOVER)]);
    const [finding] = findingsOf(evaluate(migrationDelegationSplit, migrating(), seen(delegation)));
    expect(finding.message).toMatch(/^3 of 4 parent servers delegate example\.com to route53;/);
  });

  it("fails when some parent servers delegate to the target and others do not, naming each", () => {
    const delegation = parents([
      to(HOVER),
      to(R53_SET),
      to(R53_SET),
      { kind: "failed", answer: { kind: "timeout" } },
    ]);
    const [finding, ...others] = findingsOf(
      evaluate(migrationDelegationSplit, migrating(), seen(delegation)),
    );
    expect(others).toEqual([]);
    expect(finding).toEqual({
      message:
        "2 of 4 parent servers delegate example.com to route53; the others do not: the delegation is split between hover and route53.",
      expected: "every parent server delegating to route53 (or all still to hover)",
      observed: [
        "a.gtld-servers.net (192.0.2.1): ns1.hover.com, ns2.hover.com [old]",
        `b.gtld-servers.net (192.0.2.2): ${R53_SET.join(", ")} [target]`,
        `c.gtld-servers.net (192.0.2.3): ${R53_SET.join(", ")} [target]`,
        "d.gtld-servers.net (192.0.2.4): no-answer [no-answer]",
      ],
      remediation:
        "Check the registrar's name-server update (aws route53domains list-operations --region us-east-1 --type UPDATE_NAMESERVER); keep both hosts serving identical data until every parent server delegates to route53; if it persists for more than a day, submit the name servers again or contact the registrar.",
    });
  });
});

describe("migration-operation-failed", () => {
  it("does not apply without a migration, or where the registrar's API shows no operations", () => {
    expect(evaluate(migrationOperationFailed, intent(), observations())).toEqual({
      kind: "not-applicable",
      reason: "the policy declares no migration",
    });
    expect(evaluate(migrationOperationFailed, migrating(), seen(onOldHost()))).toEqual({
      kind: "not-applicable",
      reason: "Hover's API shows no operations",
    });
    expect(evaluate(migrationOperationFailed, migrating(), observations())).toEqual({
      kind: "not-applicable",
      reason: "operations were not asked",
    });
  });

  it("is not checked when the operations could not be read", () => {
    const denied = seen(onOldHost(), {
      operations: {
        kind: "unavailable",
        account: "default",
        reason: "AccessDenied: ListOperations",
        deniedAction: undefined,
      },
    });
    expect(evaluate(migrationOperationFailed, migrating(), denied)).toEqual({
      kind: "not-checked",
      reason: "AccessDenied: ListOperations",
    });
  });

  it("passes while the newest operation succeeded or is under way, though an older one failed", () => {
    const failedBefore = operation({
      id: "op-0",
      status: "FAILED",
      submittedAt: "2026-11-01T00:00:00Z",
    });
    for (const status of ["SUCCESSFUL", "SUBMITTED", "IN_PROGRESS"]) {
      const observed = seen(onOldHost(), {
        operations: operations(failedBefore, operation({ status })),
      });
      expect(evaluate(migrationOperationFailed, migrating(), observed)).toEqual({ kind: "pass" });
    }
  });

  it("reads only the operation of the roles that move", () => {
    const failedTransfer = operation({ type: "TRANSFER_IN_DOMAIN", status: "FAILED" });
    const observed = seen(onOldHost(), { operations: operations(failedTransfer) });
    expect(evaluate(migrationOperationFailed, migrating(), observed)).toEqual({ kind: "pass" });
    const failedUpdate = operation({ status: "ERROR" });
    const registrarOnly = migrating({
      dnsHost: undefined,
      registrar: { from: "hover", to: "route53" },
    });
    const updating = seen(onOldHost(), { operations: operations(failedUpdate) });
    expect(evaluate(migrationOperationFailed, registrarOnly, updating)).toEqual({ kind: "pass" });
  });

  it("fails on a failed name-server update with the registrar's words and the command to submit the set again", () => {
    const failed = operation({
      id: "op-42",
      status: "ERROR",
      statusFlag: "PENDING_CUSTOMER_ACTION",
      message: "The registry rejected the name servers",
    });
    const observed = seen(onOldHost(), { operations: operations(failed) });
    const [finding, ...others] = findingsOf(
      evaluate(migrationOperationFailed, migrating({}, { nameservers: R53_SET }), observed),
    );
    expect(others).toEqual([]);
    expect(finding).toEqual({
      message:
        "The UPDATE_NAMESERVER operation op-42 for example.com is ERROR (PENDING_CUSTOMER_ACTION): The registry rejected the name servers.",
      expected: "SUCCESSFUL",
      observed: "ERROR",
      remediation: `See aws route53domains get-operation-detail --region us-east-1 --operation-id op-42. Fix the cause the registrar gives, then submit the name servers again: aws route53domains update-domain-nameservers --region us-east-1 --domain-name example.com --nameservers ${R53_SET.map((n) => `Name=${n}`).join(" ")}`,
      key: "UPDATE_NAMESERVER",
    });
  });

  it("names the target zone's delegation set when the policy lists no servers, else leaves them to fill in", () => {
    const failed = operations(operation({ status: "FAILED" }));
    const remediation = (declared: DomainIntent, overrides: Partial<DomainObservations>) =>
      findingsOf(
        evaluate(
          migrationOperationFailed,
          declared,
          seen(onOldHost(), { operations: failed }, overrides),
        ),
      )[0].remediation;
    const sole = {
      hostedZones: { kind: "found", account: "default", zones: [zone("Z1", R53_SET)] },
    } as const;
    expect(remediation(migrating(), sole)).toContain(
      `--nameservers ${[...R53_SET]
        .sort()
        .map((n) => `Name=${n}`)
        .join(" ")}`,
    );
    expect(remediation(migrating(), { hostedZones: { kind: "none", account: "default" } })).toBe(
      "See aws route53domains get-operation-detail --region us-east-1 --operation-id op-1. Fix the cause the registrar gives, then submit the name servers again: aws route53domains update-domain-nameservers --region us-east-1 --domain-name ...",
    );
    // A target other than Route 53: its zone's servers are not Route 53's to look up.
    const toGoDaddy = migrating(
      { dnsHost: { from: "hover", to: "godaddy" } },
      { dnsHost: "godaddy" },
    );
    expect(remediation(toGoDaddy, sole)).toMatch(/--domain-name \.\.\.$/);
  });

  it("fails on a failed transfer in, saying what a transfer needs from the old registrar", () => {
    const failed = operation({ id: "op-7", type: "TRANSFER_IN_DOMAIN", status: "FAILED" });
    const declared = migrating({ dnsHost: undefined, registrar: { from: "hover", to: "route53" } });
    const [finding] = findingsOf(
      evaluate(
        migrationOperationFailed,
        declared,
        seen(onOldHost(), { operations: operations(failed) }),
      ),
    );
    expect(finding).toEqual({
      message: "The TRANSFER_IN_DOMAIN operation op-7 for example.com is FAILED.",
      expected: "SUCCESSFUL",
      observed: "FAILED",
      remediation:
        "See aws route53domains get-operation-detail --region us-east-1 --operation-id op-7. Fix the cause the registrar gives (an unlocked domain and a valid auth code from hover are needed), then transfer again: aws route53domains transfer-domain --region us-east-1 --domain-name example.com --auth-code <auth code> --duration-in-years 1 --admin-contact file://contact.json --registrant-contact file://contact.json --tech-contact file://contact.json",
      key: "TRANSFER_IN_DOMAIN",
    });
  });

  it("reports both moves' failures, one finding apiece", () => {
    const declared = migrating({ registrar: { from: "hover", to: "route53" } });
    const observed = seen(onOldHost(), {
      operations: operations(
        operation({ id: "op-n", status: "FAILED" }),
        operation({ id: "op-t", type: "TRANSFER_IN_DOMAIN", status: "ERROR" }),
      ),
    });
    const findings = findingsOf(evaluate(migrationOperationFailed, declared, observed));
    expect(findings.map((f) => [f.key, f.observed])).toEqual([
      ["UPDATE_NAMESERVER", "FAILED"],
      ["TRANSFER_IN_DOMAIN", "ERROR"],
    ]);
  });
});

const DS = { keyTag: 4242, algorithm: 13, digestType: 2, digest: "ab".repeat(32) };

function validated(verdict: "secure" | "bogus", reasons: readonly string[] = []): DnssecProbe {
  return {
    kind: "validated",
    verdict,
    reasons,
    ds: [],
    keys: [],
    rrsets: [],
    earliestExpiration: null,
    warnings: [],
    validatedAt: "2026-11-26T12:00:00Z",
  };
}

/** The target's servers, the first address of each serving `probes[i]` (undefined: not asked). */
function targetServers(
  ...probes: (DnssecProbe | undefined)[]
): MigrationObservations["targetServers"] {
  const names = R53_SET.slice(0, probes.length);
  return {
    kind: "probed",
    nameservers: names,
    servers: names.map((name, i) => {
      const server = nameserver(name);
      const dnssec = probes[i];
      return {
        ...server,
        probes: server.probes.map((probe) => (dnssec === undefined ? probe : { ...probe, dnssec })),
      };
    }),
  };
}

/** Signed at the parent (DS 4242 and 7), some servers still on the old host. */
function signedOnOldHost(): DelegationObservation {
  const base = parents([to(HOVER), to(R53_SET)]);
  if (base.kind !== "delegated") throw new Error("fixture");
  return { ...base, parent: { ...base.parent, ds: [DS, { ...DS, keyTag: 7 }] } };
}

const addressOf = (servers: MigrationObservations["targetServers"], i: number) =>
  servers.kind === "probed" ? servers.servers[i]?.probes[0]?.address : undefined;

describe("migration-dnssec-break", () => {
  it("does not apply without a DNS-host migration, to an undelegated domain, or once every parent server delegates to the target", () => {
    expect(evaluate(migrationDnssecBreak, intent(), observations())).toEqual({
      kind: "not-applicable",
      reason: "the policy declares no DNS-host migration",
    });
    const absent = seen(notDelegated());
    expect(evaluate(migrationDnssecBreak, migrating(), absent)).toEqual({
      kind: "not-applicable",
      reason: "the domain is not delegated",
    });
    expect(evaluate(migrationDnssecBreak, migrating(), seen(onTarget()))).toEqual({
      kind: "not-applicable",
      reason: "every parent server delegates to route53 (see dnssec-bogus)",
    });
  });

  it("is not checked when the delegation could not be walked", () => {
    const failed = seen(walkFailed("SERVFAIL from com"));
    expect(evaluate(migrationDnssecBreak, migrating(), failed)).toEqual({
      kind: "not-checked",
      reason: "delegation: SERVFAIL from com",
    });
  });

  it("passes without a DS at the parent: nothing to break", () => {
    expect(evaluate(migrationDnssecBreak, migrating(), seen(onOldHost()))).toEqual({
      kind: "pass",
    });
  });

  it("is not checked, with the reason, when the target's servers were not asked or none answered", () => {
    const declared = migrating();
    expect(evaluate(migrationDnssecBreak, declared, seen(signedOnOldHost()))).toEqual({
      kind: "not-checked",
      reason: "no target servers known",
    });
    expect(
      evaluate(migrationDnssecBreak, declared, observations({ delegation: signedOnOldHost() })),
    ).toEqual({
      kind: "not-checked",
      reason: "the target's servers were not asked",
    });
    const silent = seen(signedOnOldHost(), { targetServers: targetServers(undefined, undefined) });
    expect(evaluate(migrationDnssecBreak, declared, silent)).toEqual({
      kind: "not-checked",
      reason: "no target server answered for the zone, so its keys are unknown",
    });
  });

  it("passes when every target server that answered serves a key matching the DS", () => {
    const observed = seen(signedOnOldHost(), {
      targetServers: targetServers(validated("secure"), undefined),
    });
    expect(evaluate(migrationDnssecBreak, migrating(), observed)).toEqual({ kind: "pass" });
  });

  it("judges a target server by the addresses that answered, though another of its addresses did not", () => {
    const asked = targetServers(validated("secure"));
    if (asked.kind !== "probed") throw new Error("fixture");
    const [server] = asked.servers;
    if (server === undefined) throw new Error("fixture");
    const [probe] = server.probes;
    if (probe === undefined) throw new Error("fixture");
    const silent = {
      address: "198.51.100.250",
      answer: { kind: "timeout" },
      transport: "udp",
    } as const;
    const twoAddresses = { ...asked, servers: [{ ...server, probes: [probe, silent] }] };
    const observed = seen(signedOnOldHost(), { targetServers: twoAddresses });
    expect(evaluate(migrationDnssecBreak, migrating(), observed)).toEqual({ kind: "pass" });
  });

  it("fails for each target server whose keys the DS does not reach, with the key tags and how to sign first", () => {
    const servers = targetServers(
      validated("secure"),
      validated("bogus", ["ds-matches-no-key", "no-rrsig"]),
      validated("bogus"),
      { kind: "no-answer", answer: { kind: "refused" } },
    );
    const observed = seen(signedOnOldHost(), { targetServers: servers });
    const [finding, ...others] = findingsOf(evaluate(migrationDnssecBreak, migrating(), observed));
    expect(others).toEqual([]);
    expect(finding).toEqual({
      message:
        "The parent's DS for example.com (key tag 4242, 7) matches no key route53 serves: at the switch the zone would be bogus.",
      expected: "a DNSKEY at route53 matching a DS of the parent",
      observed: [
        `${R53_SET[1]} ${addressOf(servers, 1)}: ds-matches-no-key, no-rrsig`,
        `${R53_SET[2]} ${addressOf(servers, 2)}: bogus`,
        `${R53_SET[3]} ${addressOf(servers, 3)}: no keys`,
      ],
      remediation:
        "Before switching: sign the zone at route53 and add its DS at the registrar (aws route53 enable-hosted-zone-dnssec --hosted-zone-id <id>; aws route53 get-dnssec --hosted-zone-id <id> for the DS; aws route53domains associate-delegation-signer-to-domain --region us-east-1 --domain-name example.com --signing-attributes Algorithm=13,Flags=257,PublicKey=<key>), or remove the DS at the registrar and wait for its TTL to pass.",
    });
  });

  it("gives no Route 53 commands for another target", () => {
    const declared = migrating({ dnsHost: { from: "route53", to: "hover" } }, { dnsHost: "hover" });
    const base = parents([to(R53_SET), to(HOVER)]);
    if (base.kind !== "delegated") throw new Error("fixture");
    const delegation = { ...base, parent: { ...base.parent, ds: [DS] } };
    const observed = seen(delegation, {
      targetServers: targetServers(validated("bogus", ["ds-matches-no-key"])),
    });
    const [finding] = findingsOf(evaluate(migrationDnssecBreak, declared, observed));
    expect(finding.remediation).toBe(
      "Before switching: sign the zone at hover and add its DS at the registrar, or remove the DS at the registrar and wait for its TTL to pass.",
    );
    expect(finding.message).toContain("(key tag 4242)");
  });
});

const MX = { ttl: 3600, data: ["10 mx.example.net"] };
const WWW = { ttl: 300, data: ["192.0.2.80", "192.0.2.81"] };

const compared = (...differences: RRsetParity[]) =>
  parityCompared({ namesCompared: 3, rrsetsCompared: 9 }, ...differences);

/** An RRset the target was never asked about: record parity's time limit had passed. */
const NOT_ASKED = {
  kind: "not-asked",
  name: "x.example.com",
  type: "A",
  reason:
    "target host: ns-1.awsdns-01.org (198.51.100.2): not asked: record parity's time limit of 60000 ms has passed",
} as const;
const BUDGET_SPENT =
  "old host: ns1.hover.com (198.51.100.1): not asked: the query budget of 2804 is spent";
/** An RRset the target's servers were asked about and did not answer usably. */
const UNANSWERED = {
  kind: "unanswered",
  name: "x.example.com",
  type: "A",
  reason:
    "target host: ns-1.awsdns-01.org (198.51.100.2): timed out (UDP); ns-2.awsdns-02.net (198.51.100.3): answered SERVFAIL",
} as const;
const REFUSED_OLD = "old host: ns1.hover.com (198.51.100.1): answered REFUSED";

const SOLE_ZONE = {
  hostedZones: { kind: "found", account: "default", zones: [zone("Z1")] },
} as const;

describe("record parity: when migration-records-missing and migration-records-differ judge", () => {
  const rules = [migrationRecordsMissing, migrationRecordsDiffer];

  it.each(rules)(
    "$id does not apply without a DNS-host move, or once the switch is done",
    (rule) => {
      const registrarOnly = migrating({
        dnsHost: undefined,
        registrar: { from: "hover", to: "route53" },
      });
      expect(evaluate(rule, registrarOnly, seen(onOldHost()))).toEqual({
        kind: "not-applicable",
        reason: "the policy declares no DNS-host migration",
      });
      const parity = compared({ kind: "missing", name: "example.com", type: "MX", old: MX });
      expect(evaluate(rule, migrating(), seen(onTarget(), { parity }))).toEqual({
        kind: "not-applicable",
        reason: "every parent server delegates to route53: the switch is done",
      });
    },
  );

  it.each(rules)(
    "$id is not checked when parity was not asked or could not be compared",
    (rule) => {
      expect(evaluate(rule, migrating(), seen(onOldHost()))).toEqual({
        kind: "not-checked",
        reason: "parity off",
      });
      expect(evaluate(rule, migrating(), observations({ delegation: onOldHost() }))).toEqual({
        kind: "not-checked",
        reason: "record parity was not asked",
      });
      const notCompared = seen(onOldHost(), {
        parity: { kind: "not-compared", reason: "no target zone" },
      });
      expect(evaluate(rule, migrating(), notCompared)).toEqual({
        kind: "not-checked",
        reason: "no target zone",
      });
    },
  );

  it.each(rules)(
    "$id judges while the delegation is split or unknown, and passes on identical data",
    (rule) => {
      const failed = walkFailed("timeout");
      for (const delegation of [parents([to(HOVER), to(R53_SET)]), failed]) {
        expect(evaluate(rule, migrating(), seen(delegation, { parity: compared() }))).toEqual({
          kind: "pass",
        });
      }
      // What record parity leaves out by design (a delegation below the zone) is no gap: the pass
      // names it.
      const byDesign = {
        kind: "not-compared",
        name: "sub.example.com",
        type: "NS",
        reason: "a delegation below the zone: its records are the child zone's, not compared here",
      } as const;
      expect(
        evaluate(rule, migrating(), seen(onOldHost(), { parity: compared(byDesign) })),
      ).toEqual({
        kind: "pass",
        note: `not compared by design: sub.example.com NS (${byDesign.reason})`,
      });
    },
  );

  // These rules once passed over such RRsets: a timeout or REFUSED at the target read as "nothing
  // missing". Whether the target serves them is unknown, so the rules cannot pass.
  it.each(rules)(
    "$id is not checked on RRsets a side was asked about and did not answer usably, naming them and what the servers did",
    (rule) => {
      const parity = compared(
        { kind: "ttl-differs", name: "www.example.com", type: "A", oldTtl: 300, targetTtl: 60 },
        { ...UNANSWERED, name: "mail.example.com", type: "A" },
        { ...UNANSWERED, name: "example.com", type: "MX", reason: REFUSED_OLD },
        { ...UNANSWERED, name: "_dmarc.example.com", type: "TXT" },
      );
      expect(evaluate(rule, migrating(), seen(onOldHost(), { parity }))).toEqual({
        kind: "not-checked",
        reason: `record parity has no answer to compare for 3 RRsets: mail.example.com A, _dmarc.example.com TXT (${UNANSWERED.reason}); example.com MX (${REFUSED_OLD})`,
      });
      // One piece of code for both: RRsets never asked and RRsets not answered, each with why.
      const both = compared(
        { ...NOT_ASKED, name: "example.com", type: "TXT" },
        { ...UNANSWERED, name: "example.com", type: "CAA" },
      );
      expect(evaluate(rule, migrating(), seen(onOldHost(), { parity: both }))).toEqual({
        kind: "not-checked",
        reason: `record parity has no answer to compare for 2 RRsets: example.com TXT (${NOT_ASKED.reason}); example.com CAA (${UNANSWERED.reason})`,
      });
    },
  );

  it("lists at most five RRsets per reason and five reasons, then how many more", () => {
    const many = ["a", "b", "c", "d", "e", "f", "g"].map(
      (label): RRsetParity => ({ ...UNANSWERED, name: `${label}.example.com` }),
    );
    const reasons = [1, 2, 3, 4, 5, 6].map(
      (n): RRsetParity => ({ ...UNANSWERED, name: "example.com", reason: `reason ${n}` }),
    );
    const parity = compared(...many, ...reasons);
    expect(evaluate(migrationRecordsMissing, migrating(), seen(onOldHost(), { parity }))).toEqual({
      kind: "not-checked",
      reason: `record parity has no answer to compare for 13 RRsets: a.example.com A, b.example.com A, c.example.com A, d.example.com A, e.example.com A, and 2 more (${UNANSWERED.reason}); example.com A (reason 1); example.com A (reason 2); example.com A (reason 3); example.com A (reason 4); and 2 more`,
    });
  });

  it.each(rules)(
    "$id is not checked on RRsets record parity never asked about, naming them and the limit",
    (rule) => {
      const parity = compared(
        { kind: "ttl-differs", name: "www.example.com", type: "A", oldTtl: 300, targetTtl: 60 },
        { ...NOT_ASKED, name: "mail.example.com", type: "A" },
        { ...NOT_ASKED, name: "example.com", type: "TXT", reason: BUDGET_SPENT },
        { ...NOT_ASKED, name: "_dmarc.example.com", type: "TXT" },
        { kind: "not-compared", name: "sub.example.com", type: "NS", reason: "a delegation" },
      );
      expect(evaluate(rule, migrating(), seen(onOldHost(), { parity }))).toEqual({
        kind: "not-checked",
        reason: `record parity has no answer to compare for 3 RRsets: mail.example.com A, _dmarc.example.com TXT (${NOT_ASKED.reason}); example.com TXT (${BUDGET_SPENT})`,
      });
      const one = compared({ ...NOT_ASKED, name: "example.com", type: "MX" });
      expect(evaluate(rule, migrating(), seen(onOldHost(), { parity: one }))).toEqual({
        kind: "not-checked",
        reason: `record parity has no answer to compare for 1 RRset: example.com MX (${NOT_ASKED.reason})`,
      });
    },
  );

  it("names in the pass the names past the policy's bound, which were not compared", () => {
    const names = ["a", "b", "c", "d", "e", "f", "g"].map((label) => `${label}.example.com`);
    const parity = {
      ...compared({
        kind: "ttl-differs",
        name: "www.example.com",
        type: "A",
        oldTtl: 300,
        targetTtl: 60,
      }),
      leftOut: { names, reason: "more than 3 names found: the bound on names compared per domain" },
    };
    const leftOut =
      "not compared (more than 3 names found: the bound on names compared per domain): a.example.com; b.example.com; c.example.com; d.example.com; e.example.com; and 2 more";
    expect(evaluate(migrationRecordsMissing, migrating(), seen(onOldHost(), { parity }))).toEqual({
      kind: "pass",
      note: leftOut,
    });
    expect(evaluate(migrationRecordsDiffer, migrating(), seen(onOldHost(), { parity }))).toEqual({
      kind: "pass",
      note: `TTL only (not drift): www.example.com A 300 s at the old host, 60 s at the target; ${leftOut}`,
    });
    const leftOutOnly = { ...parity, differences: [] };
    expect(
      evaluate(migrationRecordsDiffer, migrating(), seen(onOldHost(), { parity: leftOutOnly })),
    ).toEqual({ kind: "pass", note: leftOut });
  });

  // A side whose servers serve two versions of the zone was compared as one of them serves it:
  // another may lack what the first serves, so finding nothing wrong is no pass.
  it.each(rules)(
    "$id is not checked when a side's servers serve different versions of the zone, naming the serials",
    (rule) => {
      const second = { name: "ns-2.awsdns-02.net", address: "198.51.100.3" };
      const parity = {
        ...compared(),
        disagreements: [
          {
            side: "target" as const,
            servers: [
              { server: { name: R53_SET[0] as string, address: "198.51.100.2" }, serial: 7 },
              { server: second, serial: 6 },
            ],
          },
        ],
      };
      expect(evaluate(rule, migrating(), seen(onOldHost(), { parity }))).toEqual({
        kind: "not-checked",
        reason: `the target host's servers serve different versions of the zone (SOA serial 7 at ${R53_SET[0]} (198.51.100.2), 6 at ns-2.awsdns-02.net (198.51.100.3)): its RRsets were asked of ${R53_SET[0]} (198.51.100.2) first, and another server may serve other data`,
      });
      // RRsets no server answered say so first: they are the gap the user can see in the report.
      const unanswered = { ...parity, differences: [UNANSWERED] };
      expect(evaluate(rule, migrating(), seen(onOldHost(), { parity: unanswered }))).toEqual({
        kind: "not-checked",
        reason: `record parity has no answer to compare for 1 RRset: ${UNANSWERED.name} ${UNANSWERED.type} (${UNANSWERED.reason})`,
      });
    },
  );

  it.each(rules)(
    "$id names in its pass the servers that did not answer for the zone and those the walk did not ask",
    (rule) => {
      const parity = {
        ...compared(),
        disagreements: [
          {
            side: "old" as const,
            servers: [
              { server: { name: "ns1.hover.com", address: "198.51.100.1" }, serial: 3 },
              {
                server: { name: "ns2.hover.com", address: "198.51.100.4" },
                serial: undefined,
                reason: "timed out (UDP)",
              },
            ],
          },
        ],
        serversNotAsked: [
          { side: "target" as const, servers: ["ns-3.awsdns-03.com: not probed: IPv6 is off"] },
        ],
      };
      expect(evaluate(rule, migrating(), seen(onOldHost(), { parity }))).toEqual({
        kind: "pass",
        note: "the old host's servers not answering for the zone: ns2.hover.com (198.51.100.4): timed out (UDP); the target host's servers the delegation walk did not ask: ns-3.awsdns-03.com: not probed: IPv6 is off",
      });
    },
  );

  it("a failure on the RRsets that were answered stands, whatever was not asked or answered", () => {
    const parity = compared(
      { ...NOT_ASKED, name: "mail.example.com", type: "A" },
      { ...UNANSWERED, name: "mail.example.com", type: "MX" },
      { kind: "missing", name: "example.com", type: "MX", old: MX },
      { kind: "differs", name: "www.example.com", type: "A", old: WWW, target: MX },
    );
    for (const rule of [migrationRecordsMissing, migrationRecordsDiffer]) {
      const [finding, ...others] = findingsOf(
        evaluate(rule, migrating(), seen(onOldHost(), { parity }, SOLE_ZONE)),
      );
      expect(others).toEqual([]);
      expect(finding.message).not.toContain("mail.example.com");
    }
  });
});

describe("migration-records-missing", () => {
  it("fails for the RRsets the target lacks, with the Route 53 change that copies them", () => {
    const parity = compared(
      { kind: "missing", name: "example.com", type: "MX", old: MX },
      {
        kind: "differs",
        name: "api.example.com",
        type: "A",
        old: WWW,
        target: { ttl: 300, data: ["192.0.2.9"] },
      },
      { kind: "missing", name: "www.example.com", type: "A", old: WWW },
    );
    const [finding, ...others] = findingsOf(
      evaluate(migrationRecordsMissing, migrating(), seen(onOldHost(), { parity }, SOLE_ZONE)),
    );
    expect(others).toEqual([]);
    const batch = {
      Changes: [
        {
          Action: "UPSERT",
          ResourceRecordSet: {
            Name: "example.com.",
            Type: "MX",
            TTL: 3600,
            ResourceRecords: [{ Value: "10 mx.example.net" }],
          },
        },
        {
          Action: "UPSERT",
          ResourceRecordSet: {
            Name: "www.example.com.",
            Type: "A",
            TTL: 300,
            ResourceRecords: [{ Value: "192.0.2.80" }, { Value: "192.0.2.81" }],
          },
        },
      ],
    };
    expect(finding).toEqual({
      message:
        "2 RRsets of example.com served by hover are missing at route53: example.com MX, www.example.com A.",
      expected: ["example.com MX", "www.example.com A"],
      observed: "missing at the target",
      remediation: `aws route53 change-resource-record-sets --hosted-zone-id Z1 --change-batch '${JSON.stringify(batch)}'`,
    });
  });

  it("says one RRset is missing, quotes a value with an apostrophe for the shell, and finds the zone id it can", () => {
    const txt = { ttl: 300, data: ['"it\'s verified"'] };
    const parity = compared({ kind: "missing", name: "example.com", type: "TXT", old: txt });
    const remediation = (declared: DomainIntent, overrides: Partial<DomainObservations>) => {
      const [finding] = findingsOf(
        evaluate(migrationRecordsMissing, declared, seen(onOldHost(), { parity }, overrides)),
      );
      expect(finding.message).toBe(
        "1 RRset of example.com served by hover is missing at route53: example.com TXT.",
      );
      return finding.remediation;
    };
    const sole = remediation(migrating(), SOLE_ZONE);
    expect(sole).toContain("--hosted-zone-id Z1 ");
    expect(sole).toContain(`"Value":"\\"it'\\''s verified\\""`);
    const two = {
      hostedZones: { kind: "found", account: "default", zones: [zone("Z1"), zone("Z2")] },
    } as const;
    expect(remediation(migrating({}, { hostedZoneId: "Z2" }), two)).toContain(
      "--hosted-zone-id Z2 ",
    );
    expect(remediation(migrating(), two)).toContain("--hosted-zone-id <hosted-zone-id> ");
    expect(
      remediation(migrating(), { hostedZones: { kind: "none", account: "default" } }),
    ).toContain("--hosted-zone-id <hosted-zone-id> ");
    expect(
      remediation(migrating(), {
        hostedZones: {
          kind: "unavailable",
          account: "default",
          reason: "denied",
          deniedAction: undefined,
        },
      }),
    ).toContain("--hosted-zone-id <hosted-zone-id> ");
  });

  it("gives the target's change while the domain is judged on the old host (its DNS host then the old one)", () => {
    const parity = compared({ kind: "missing", name: "example.com", type: "MX", old: MX });
    const judgedOnOldHost = migrating({}, { dnsHost: "hover", hostedZoneId: "Z1" });
    const [finding] = findingsOf(
      evaluate(migrationRecordsMissing, judgedOnOldHost, seen(onOldHost(), { parity })),
    );
    expect(finding.remediation).toMatch(
      /^aws route53 change-resource-record-sets --hosted-zone-id Z1 /,
    );
  });

  it("lists the zone-file lines to add at a target other than Route 53", () => {
    const declared = migrating({ dnsHost: { from: "route53", to: "hover" } }, { dnsHost: "hover" });
    const parity = compared(
      { kind: "missing", name: "example.com", type: "MX", old: MX },
      { kind: "missing", name: "www.example.com", type: "A", old: WWW },
    );
    const observed = seen(parents([to(R53_SET)], R53_SET), { parity });
    const [finding] = findingsOf(evaluate(migrationRecordsMissing, declared, observed));
    expect(finding.remediation).toBe(
      "Add to the zone at Hover: example.com. 3600 IN MX 10 mx.example.net; www.example.com. 300 IN A 192.0.2.80; www.example.com. 300 IN A 192.0.2.81",
    );
  });
});

describe("migration-records-differ", () => {
  it("fails for the RRsets both serve differently, old against target, with the change back to the old data", () => {
    const parity = compared(
      {
        kind: "differs",
        name: "www.example.com",
        type: "A",
        old: WWW,
        target: { ttl: 60, data: ["192.0.2.9"] },
      },
      { kind: "missing", name: "example.com", type: "MX", old: MX },
      {
        kind: "differs",
        name: "example.com",
        type: "MX",
        old: MX,
        target: { ttl: 3600, data: ["10 mx.other.net", "20 mx2.other.net"] },
      },
    );
    const [finding, ...others] = findingsOf(
      evaluate(migrationRecordsDiffer, migrating(), seen(onOldHost(), { parity }, SOLE_ZONE)),
    );
    expect(others).toEqual([]);
    expect(finding?.message).toBe(
      "2 RRsets of example.com differ between hover and route53: www.example.com A: 192.0.2.80 | 192.0.2.81 at hover, 192.0.2.9 at route53; example.com MX: 10 mx.example.net at hover, 10 mx.other.net | 20 mx2.other.net at route53.",
    );
    expect(finding?.expected).toEqual([
      "www.example.com A 192.0.2.80 | 192.0.2.81",
      "example.com MX 10 mx.example.net",
    ]);
    expect(finding?.observed).toEqual([
      "www.example.com A 192.0.2.9",
      "example.com MX 10 mx.other.net | 20 mx2.other.net",
    ]);
    expect(finding?.remediation).toMatch(
      /^If the old host's data is right: aws route53 change-resource-record-sets --hosted-zone-id Z1 --change-batch '\{"Changes":\[\{"Action":"UPSERT","ResourceRecordSet":\{"Name":"www\.example\.com\.","Type":"A","TTL":300,/,
    );
  });

  it("says one RRset differs in the singular", () => {
    const parity = compared({
      kind: "differs",
      name: "www.example.com",
      type: "A",
      old: WWW,
      target: WWW,
    });
    const [finding] = findingsOf(
      evaluate(migrationRecordsDiffer, migrating(), seen(onOldHost(), { parity })),
    );
    expect(finding.message).toMatch(/^1 RRset of example\.com differ between/);
  });

  it("passes on a TTL-only difference, noting it, and without a note when there is none", () => {
    const parity = compared(
      { kind: "ttl-differs", name: "www.example.com", type: "A", oldTtl: 300, targetTtl: 60 },
      { kind: "missing", name: "example.com", type: "MX", old: MX },
      { kind: "ttl-differs", name: "example.com", type: "MX", oldTtl: 3600, targetTtl: 300 },
    );
    expect(evaluate(migrationRecordsDiffer, migrating(), seen(onOldHost(), { parity }))).toEqual({
      kind: "pass",
      note: "TTL only (not drift): www.example.com A 300 s at the old host, 60 s at the target, example.com MX 3600 s at the old host, 300 s at the target",
    });
    const missingOnly = compared({ kind: "missing", name: "example.com", type: "MX", old: MX });
    expect(
      evaluate(migrationRecordsDiffer, migrating(), seen(onOldHost(), { parity: missingOnly })),
    ).toEqual({
      kind: "pass",
    });
  });
});
