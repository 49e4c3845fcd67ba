// The phase of a registrar transfer, judged from this run's observations: the registry's registrar
// of record (RDAP, WHOIS), the transfer lock that must be off before, the transfer operation at
// the receiving registrar's API, and after it: the domain in the receiving account with its name
// servers kept.

import type { DomainObservations } from "../../observe/observations.js";
import type { ProviderMove } from "../../policy/types.js";
import type { MigrationCheck, MigrationMove, MigrationPhase } from "../../report/model/model.js";
import { isTransferProhibited } from "../rules/domain/transfer-lock-disabled.js";
import type { DomainFacts } from "../rules/facts.js";
import { latestOperation, operationFailed, operationPending } from "../rules/migration-facts.js";
import { allPass, check, describeOperation, reportOperation } from "./checks.js";

export const TRANSFER_IN_DOMAIN = "TRANSFER_IN_DOMAIN";

function transferLockCheck(move: ProviderMove, observations: DomainObservations): MigrationCheck {
  const { rdap } = observations;
  if (rdap.kind !== "registered")
    return check("transfer-lock", "not-checked", "the registry's record is not available");
  if (rdap.statuses === undefined)
    return check("transfer-lock", "not-checked", "the registry's record has no status codes");
  const locks = rdap.statuses.filter(isTransferProhibited);
  return locks.length === 0
    ? check("transfer-lock", "pass", "the domain is not locked against transfer")
    : check(
        "transfer-lock",
        "fail",
        `locked against transfer (${locks.join(", ")}): unlock it at ${move.from}`,
      );
}

function nameserversKeptCheck(facts: DomainFacts, accepted: readonly string[]): MigrationCheck {
  const host = facts.dnsHost;
  if (facts.parentNs === undefined || host === undefined)
    return check("nameservers-kept", "not-checked", "the delegation is not known");
  return host.kind === "provider" && accepted.includes(host.id)
    ? check("nameservers-kept", "pass", `the registry still delegates to ${host.id}`)
    : check(
        "nameservers-kept",
        "fail",
        `the registry delegates to ${facts.parentNs.join(", ")}, not to ${accepted.join(" or ")}`,
      );
}

export function judgeRegistrarMove(
  move: ProviderMove,
  observations: DomainObservations,
  facts: DomainFacts,
  acceptedDnsHosts: readonly string[],
): MigrationMove {
  const latest = latestOperation(observations, TRANSFER_IN_DOMAIN);
  const operation = latest.kind === "known" ? latest.value : undefined;
  const base = {
    role: "registrar" as const,
    from: move.from,
    to: move.to,
    ...(operation ? { operation: reportOperation(operation) } : {}),
  };
  const moved = (phase: MigrationPhase, checks: MigrationCheck[]): MigrationMove => ({
    ...base,
    phase,
    checks,
  });
  const registrar = facts.registrar;
  if (registrar.kind === "unknown")
    return moved("preparing", [check("registry-registrar", "not-checked", registrar.reason)]);
  const ids = registrar.value.ids;
  const name = registrar.value.name ?? ids.join(", ");
  if (ids.includes(move.to)) {
    const { registration } = observations;
    const inAccount =
      observations.registrarApi.provider !== move.to
        ? check("in-account", "not-applicable", `${move.to}'s API is not asked`)
        : registration.kind === "registered"
          ? check(
              "in-account",
              "pass",
              `in the ${observations.registrarApi.service} account ${registration.account}`,
            )
          : registration.kind === "not-in-account"
            ? check(
                "in-account",
                "fail",
                `not yet in the ${observations.registrarApi.service} account ${registration.account}`,
              )
            : check("in-account", "not-checked", registration.reason);
    const checks = [
      check("registry-registrar", "pass", `the registry names ${name}`),
      inAccount,
      nameserversKeptCheck(facts, acceptedDnsHosts),
    ];
    return moved(allPass(checks) ? "complete" : "switched", checks);
  }
  const operationCheck =
    latest.kind === "unknown"
      ? check(
          "transfer-operation",
          observations.migration?.operations.kind === "unavailable"
            ? "not-checked"
            : "not-applicable",
          latest.reason,
        )
      : operation === undefined
        ? check("transfer-operation", "not-applicable", "no transfer in the last 90 days")
        : check(
            "transfer-operation",
            operationPending(operation) || operationFailed(operation) ? "fail" : "pass",
            describeOperation(operation),
          );
  const atOld = ids.includes(move.from);
  const checks = [
    check(
      "registry-registrar",
      "fail",
      atOld
        ? `the registry still names ${name} (${move.from})`
        : `the registry names ${name}, neither ${move.from} nor ${move.to}`,
    ),
    transferLockCheck(move, observations),
    check(
      "auth-code",
      "not-applicable",
      `the transfer's auth code is not observable: get it from ${move.from} and give it to ${move.to}`,
    ),
    operationCheck,
  ];
  if (operation !== undefined && (operationPending(operation) || operationFailed(operation)))
    return moved("switching", checks);
  // Ready: at the old registrar, unlocked; the registry naming the target is the next phase.
  return moved(atOld && allPass(checks.slice(1)) ? "ready" : "preparing", checks);
}
