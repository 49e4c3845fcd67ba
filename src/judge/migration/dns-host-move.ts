// The phase of a DNS-host move, judged from this run's observations: where each parent server
// delegates, whether the target serves the zone and would serve it the same (record parity, DNSSEC),
// the name-server update at the registrar, and how long the old host must keep serving.

import type { ProviderCatalog } from "../../catalog/types.js";
import type { NameServerObservation } from "../../observe/dns/types.js";
import type { DomainObservations } from "../../observe/observations.js";
import type { ProviderMove } from "../../policy/types.js";
import type { MigrationCheck, MigrationMove, MigrationPhase } from "../../report/model/model.js";
import { type DomainFacts, describeSet, sameSet } from "../rules/facts.js";
import { parityCoverage } from "../rules/migration/parity.js";
import {
  type DelegationSides,
  delegationSides,
  latestOperation,
  operationFailed,
  operationPending,
} from "../rules/migration-facts.js";
import { listedOrNone, unaskedServers, wasNotAsked } from "../rules/nameserver-health.js";
import { allPass, check, describeOperation, reportOperation } from "./checks.js";

export const UPDATE_NAMESERVER = "UPDATE_NAMESERVER";

export interface DnsHostMoveResult {
  readonly move: MigrationMove;
  readonly targetNameservers: readonly string[] | undefined;
  readonly delegationTtl: number | undefined;
  readonly keepOldHostUntil: string | undefined;
}

function targetZoneCheck(facts: DomainFacts, targetNameservers: readonly string[] | undefined) {
  const zone = facts.intendedZone;
  switch (zone.kind) {
    case "zone":
      return check("target-zone", "pass", `zone ${zone.zone.id} exists (${zone.how})`);
    case "none":
      return check("target-zone", "fail", "the target DNS host has no zone of this name yet");
    case "pinned-missing":
      return check("target-zone", "fail", `the pinned zone ${zone.pinned} does not exist`);
    case "ambiguous":
      return check(
        "target-zone",
        "fail",
        `several zones share the name (${zone.zones.map((z) => z.id).join(", ")}): pin one with hostedZoneId`,
      );
    case "unknown":
      return check("target-zone", "not-checked", zone.reason);
    case "no-api":
      return targetNameservers === undefined
        ? check(
            "target-zone",
            "not-checked",
            "the target DNS host's API is not asked: name the target's `nameservers` in the policy",
          )
        : check("target-zone", "pass", "the policy names the target's name servers");
  }
}

/**
 * The target server addresses that were asked and did not answer authoritatively. One that was
 * never asked (beyond the walk's caps, past its query budget or deadline, no route from this
 * host) is not among them: it said nothing, and `unaskedServers` names it.
 */
function notServing(servers: readonly NameServerObservation[]): string[] {
  const lame: string[] = [];
  for (const server of servers) {
    if (server.addresses.kind === "not-probed") continue;
    if (server.probes.length === 0) lame.push(`${server.name} (no address)`);
    for (const probe of server.probes) {
      if (probe.answer.kind !== "authoritative" && !wasNotAsked(probe.answer))
        lame.push(`${server.name} ${probe.address} (${probe.answer.kind})`);
    }
  }
  return lame;
}

function targetServersCheck(observations: DomainObservations): MigrationCheck {
  const target = observations.migration?.targetServers;
  if (target === undefined || target.kind === "skipped")
    return check("target-servers", "not-checked", target?.reason ?? "not asked");
  const lame = notServing(target.servers);
  if (lame.length > 0) {
    return check("target-servers", "fail", `not serving the zone: ${lame.join(", ")}`);
  }
  const { unexamined, ipv6Skipped } = unaskedServers(target.servers);
  const notAsked = listedOrNone(unexamined);
  if (notAsked !== undefined) {
    return check("target-servers", "not-checked", `not every target server was asked: ${notAsked}`);
  }
  const skipped = listedOrNone(ipv6Skipped);
  const note = skipped === undefined ? "" : `; IPv6 addresses not probed: ${skipped}`;
  return check(
    "target-servers",
    "pass",
    `every target server answers authoritatively: ${target.nameservers.join(", ")}${note}`,
  );
}

function parityCheck(observations: DomainObservations): MigrationCheck {
  const parity = observations.migration?.parity;
  if (parity === undefined || parity.kind === "skipped")
    return check("record-parity", "not-checked", parity?.reason ?? "not asked");
  if (parity.kind === "not-compared") return check("record-parity", "not-checked", parity.reason);
  const count = (kind: string) => parity.differences.filter((d) => d.kind === kind).length;
  const missing = count("missing");
  const differs = count("differs");
  const notAsked = count("not-asked");
  // RRsets not compared by design (a delegation below the zone, ...) are named in the pass, as the
  // record rules do: they would keep the move from ever being ready.
  const uncompared = count("unanswered") + notAsked;
  const ttl = count("ttl-differs");
  const compared = `${parity.rrsetsCompared} RRsets of ${parity.namesCompared} names compared`;
  if (missing + differs > 0)
    return check(
      "record-parity",
      "fail",
      `${compared}: ${missing} missing at the target, ${differs} different`,
    );
  if (uncompared > 0) {
    // The limit that kept questions from being sent is named: raising it is the remedy.
    const limits = [
      ...new Set(parity.differences.flatMap((d) => (d.kind === "not-asked" ? [d.reason] : []))),
    ];
    const why = notAsked > 0 ? ` (${notAsked} not asked: ${listedOrNone(limits)})` : "";
    return check(
      "record-parity",
      "not-checked",
      `${compared}: ${uncompared} could not be compared${why}`,
    );
  }
  const coverage = parityCoverage(parity);
  if (coverage.unsettled !== undefined) {
    return check("record-parity", "not-checked", `${compared}: ${coverage.unsettled}`);
  }
  const notes = [...(ttl > 0 ? [`${ttl} with another TTL only`] : []), ...coverage.notes];
  return check("record-parity", "pass", [`${compared}: identical`, ...notes].join("; "));
}

function dnssecCheck(observations: DomainObservations): MigrationCheck {
  const { delegation } = observations;
  if (delegation.kind !== "delegated")
    return check("dnssec", "not-checked", "the parent's DS records are not known");
  if (delegation.parent.ds.length === 0)
    return check("dnssec", "pass", "the parent publishes no DS record: nothing to break");
  const target = observations.migration?.targetServers;
  if (target === undefined || target.kind === "skipped")
    return check("dnssec", "not-checked", target?.reason ?? "not asked");
  const broken: string[] = [];
  for (const server of target.servers) {
    for (const probe of server.probes) {
      const chain = probe.dnssec;
      if (chain === undefined) continue; // not authoritative: target-servers says so
      if (chain.kind !== "validated") broken.push(`${server.name} ${probe.address} (no keys)`);
      else if (chain.verdict !== "secure")
        broken.push(
          `${server.name} ${probe.address} (${chain.reasons.join(", ") || chain.verdict})`,
        );
    }
  }
  const tags = delegation.parent.ds.map((ds) => ds.keyTag).join(", ");
  // A target server that was not asked has keys nobody looked at: no pass on its behalf.
  const notAsked = listedOrNone(unaskedServers(target.servers).unexamined);
  if (broken.length === 0 && notAsked !== undefined) {
    return check("dnssec", "not-checked", `not every target server was asked: ${notAsked}`);
  }
  return broken.length === 0
    ? check(
        "dnssec",
        "pass",
        `the parent's DS (key tag ${tags}) matches a key at every target server`,
      )
    : check(
        "dnssec",
        "fail",
        `the parent's DS (key tag ${tags}) would not validate at the target: ${broken.join(", ")}`,
      );
}

function delegationCheck(
  sides: DelegationSides,
  move: ProviderMove,
  wanted: "old" | "target",
): MigrationCheck {
  if (sides.kind === "unknown") return check("delegation", "not-checked", sides.reason);
  const on = (side: string) => sides.parents.filter((p) => p.side === side).length;
  const total = sides.parents.length;
  const counts = `${on("target")} of ${total} parent servers delegate to ${move.to}, ${on("old")} to ${move.from}`;
  const others = total - on("target") - on("old");
  const detail = others > 0 ? `${counts}, ${others} elsewhere or not at all` : counts;
  return check("delegation", sides.side === wanted ? "pass" : "fail", detail);
}

/** When the old host may stop serving: the last completed name-server update plus the delegation's TTL. */
function oldHostTtlCheck(
  observations: DomainObservations,
  nsTtl: number | undefined,
  now: Date,
): { check: MigrationCheck; until: string | undefined } {
  const latest = latestOperation(observations, UPDATE_NAMESERVER);
  if (nsTtl === undefined)
    return {
      check: check("old-host-ttl", "not-checked", "the delegation's NS TTL was not seen"),
      until: undefined,
    };
  const done =
    latest.kind === "known" && latest.value?.status === "SUCCESSFUL" ? latest.value : undefined;
  const at = done?.lastUpdatedAt ?? done?.submittedAt;
  if (at === undefined) {
    const why =
      latest.kind === "unknown"
        ? latest.reason
        : "the registrar's API shows no completed name-server update";
    return {
      check: check(
        "old-host-ttl",
        "not-checked",
        `when the switch happened is unknown (${why}): keep the old host for ${nsTtl} s after it`,
      ),
      until: undefined,
    };
  }
  const until = new Date(Date.parse(at) + nsTtl * 1000).toISOString();
  return now.toISOString() >= until
    ? {
        check: check(
          "old-host-ttl",
          "pass",
          `the delegation's TTL (${nsTtl} s) passed at ${until}`,
        ),
        until,
      }
    : {
        check: check(
          "old-host-ttl",
          "fail",
          `resolvers may still use the old delegation until ${until} (switched ${at}, NS TTL ${nsTtl} s)`,
        ),
        until,
      };
}

function targetApexCheck(facts: DomainFacts): MigrationCheck {
  const parent = facts.parentNs;
  if (parent === undefined) return check("target-apex-ns", "not-checked", "not delegated");
  if (facts.childNsSets.length === 0)
    return check("target-apex-ns", "fail", "no target server answered with the zone's NS set");
  const differing = facts.childNsSets.filter((set) => !sameSet(set, parent));
  return differing.length === 0
    ? check(
        "target-apex-ns",
        "pass",
        `the target's apex NS equal the delegation: ${describeSet(parent)}`,
      )
    : check(
        "target-apex-ns",
        "fail",
        `the target's apex NS ${differing.map(describeSet).join(" / ")} differ from the delegation ${describeSet(parent)}`,
      );
}

export function judgeDnsHostMove(
  move: ProviderMove,
  observations: DomainObservations,
  catalog: ProviderCatalog,
  declared: DomainFacts,
  judged: DomainFacts,
  now: Date,
): DnsHostMoveResult {
  const sides = delegationSides(catalog, move, observations);
  const nsTtl = sides.kind === "known" ? sides.nsTtl : undefined;
  const target = observations.migration?.targetServers;
  const targetNameservers =
    target?.kind === "probed"
      ? target.nameservers
      : declared.intendedNameservers.kind === "known"
        ? declared.intendedNameservers.value?.nameservers
        : undefined;
  const latest = latestOperation(observations, UPDATE_NAMESERVER);
  const operation = latest.kind === "known" ? latest.value : undefined;
  const base = { role: "dnsHost" as const, from: move.from, to: move.to };
  const result = (
    phase: MigrationPhase,
    checks: MigrationCheck[],
    until?: string,
  ): DnsHostMoveResult => ({
    move: {
      ...base,
      phase,
      checks,
      ...(operation ? { operation: reportOperation(operation) } : {}),
    },
    targetNameservers,
    delegationTtl: nsTtl,
    keepOldHostUntil: until,
  });

  if (sides.kind === "known" && sides.side === "target") {
    const ttl = oldHostTtlCheck(observations, nsTtl, now);
    const checks = [delegationCheck(sides, move, "target"), targetApexCheck(judged), ttl.check];
    return result(allPass(checks) ? "complete" : "switched", checks, ttl.until);
  }

  const operationCheck =
    latest.kind === "unknown"
      ? check(
          "registrar-operation",
          // A registrar without the API (or the capability) cannot show it: the parent servers do.
          observations.migration?.operations.kind === "unavailable"
            ? "not-checked"
            : "not-applicable",
          latest.reason,
        )
      : operation === undefined
        ? check(
            "registrar-operation",
            "not-applicable",
            "no name-server update in the last 90 days",
          )
        : check(
            "registrar-operation",
            operationPending(operation) || operationFailed(operation) ? "fail" : "pass",
            describeOperation(operation),
          );
  const checks = [
    delegationCheck(sides, move, "old"),
    targetZoneCheck(declared, targetNameservers),
    targetServersCheck(observations),
    parityCheck(observations),
    dnssecCheck(observations),
    operationCheck,
  ];
  // The switch has begun: the parent servers disagree, or the registrar is (or failed at) updating.
  const registered = observations.registration;
  const accountOnTarget =
    targetNameservers !== undefined &&
    registered.kind === "registered" &&
    registered.detail.nameservers !== undefined &&
    sameSet(registered.detail.nameservers, targetNameservers);
  const begun =
    (sides.kind === "known" && sides.side === "split") ||
    (operation !== undefined && (operationPending(operation) || operationFailed(operation))) ||
    (sides.kind === "known" && sides.side === "old" && accountOnTarget);
  if (begun) {
    if (accountOnTarget)
      checks.push(
        check(
          "registrar-nameservers",
          "fail",
          `the registrar account lists the target's name servers; the registry does not delegate to them everywhere yet`,
        ),
      );
    return result("switching", checks);
  }
  const ready = allPass(checks.slice(1)) && sides.kind === "known" && sides.side === "old";
  return result(ready ? "ready" : "preparing", checks);
}
