// Applies the rules to one domain and decides its status. Pure: the same intent, observations,
// waivers and clock always give the same report.
import type { ProviderCatalog } from "../catalog/types.js";
import type { DomainObservations } from "../observe/observations.js";
import { architectureOf, ROUTE53 } from "../policy/architecture.js";
import type { DomainIntent } from "../policy/types.js";
import type {
  CheckResult,
  DomainReport,
  DomainStatus,
  Finding,
  ObservedSetup,
  SourceName,
  SourceStatus,
} from "../report/model/model.js";
import { draftToFinding, locationOf } from "./findings.js";
import { judgeMigration } from "./migration/phase.js";
import { nameserverAnswers } from "./nameserver-answers.js";
import { observedDnssec } from "./observed-dnssec.js";
import { type DomainFacts, deriveFacts } from "./rules/facts.js";
import { judgedView } from "./rules/migration-facts.js";
import { DOMAIN_RULES } from "./rules/registry.js";
import { SharedValues, sharedNames } from "./shared-values.js";
import { applyWaivers, type WaiverBook } from "./waivers.js";

const checkResults = new SharedValues<CheckResult>();
const sourceStatuses = new SharedValues<SourceStatus>();

const keyOf = (reason: string | undefined): string => (reason === undefined ? "-" : `+${reason}`);

function checkResult(name: string, status: CheckResult["status"], reason?: string): CheckResult {
  return checkResults.get(`${name} ${status} ${keyOf(reason)}`, () => ({
    name,
    status,
    reason,
  }));
}

function observedSetup(observations: DomainObservations, facts: DomainFacts): ObservedSetup {
  const { delegation, registration, hostedZones, rdap } = observations;
  const registrar = facts.registrar.kind === "known" ? facts.registrar.value : undefined;
  const host = facts.dnsHost;
  const dnsHost = host === undefined ? undefined : host.kind === "provider" ? host.id : host.kind;
  const architecture =
    registrar && registrar.ids.length > 0 && host?.kind === "provider"
      ? architectureOf(registrar.ids.includes(ROUTE53) ? ROUTE53 : "other", host.id)
      : undefined;
  const zone = facts.intendedZone.kind === "zone" ? facts.intendedZone.zone : undefined;
  const registered = registration.kind === "registered" ? registration.detail : undefined;
  return {
    registrar,
    dnsHost,
    architecture,
    // Parsed from this domain's packets (the AWS lists are the observer's, kept anyway).
    nameservers: {
      parent: facts.parentNs && sharedNames(facts.parentNs),
      child: facts.childNsSets[0] && sharedNames(facts.childNsSets[0]),
      registrarAccount: registered?.nameservers,
      hostedZone: zone?.delegationSet,
    },
    hostedZones:
      hostedZones.kind === "found"
        ? hostedZones.zones.map((z) => ({ id: z.id, account: hostedZones.account }))
        : [],
    expiry: registered?.expiry ?? (rdap.kind === "registered" ? rdap.events.expiration : undefined),
    delegation:
      delegation.kind === "failed"
        ? "unknown"
        : delegation.kind === "delegated"
          ? "delegated"
          : "not-delegated",
    nameserverAnswers: nameserverAnswers(delegation),
    dnssec: observedDnssec(observations),
  };
}

function sourceStatus(observation: {
  kind: string;
  reason?: string;
  observedAt?: string;
}): SourceStatus {
  const status =
    observation.kind === "skipped"
      ? "skipped"
      : observation.kind === "unavailable" || observation.kind === "failed"
        ? "unavailable"
        : "ok";
  const reason = status === "ok" ? undefined : observation.reason;
  const { observedAt } = observation;
  if (observedAt !== undefined) return { status, reason, observedAt };
  return sourceStatuses.get(`${status} ${keyOf(reason)}`, () => ({ status, reason }));
}

/**
 * The report's Route 53 sources: the role's observation when Route 53 answered for it; skipped,
 * naming the API that did, when another provider's did (its failures are in the checks' reasons).
 */
function route53Source(
  api: { readonly provider: string; readonly service: string },
  observation: { kind: string; reason?: string },
): SourceStatus {
  if (api.provider === ROUTE53) return sourceStatus(observation);
  return sourceStatus({ kind: "skipped", reason: `${api.service} answered instead` });
}

function statusOf(findings: readonly Finding[], checks: readonly CheckResult[]): DomainStatus {
  if (findings.some((f) => f.suppressed === undefined && f.severity !== "info")) return "drift";
  return checks.some((c) => c.status === "not-checked") ? "unknown" : "compliant";
}

export function judgeDomain(
  intent: DomainIntent,
  observations: DomainObservations,
  catalog: ProviderCatalog,
  waivers: WaiverBook,
  now: Date,
): DomainReport {
  const declared = deriveFacts(intent, observations, catalog);
  // A migrating domain is judged on the side it is on (rules/migration-facts.ts).
  const view = judgedView(
    intent,
    observations,
    catalog,
    declared.registrar.kind === "known" ? declared.registrar.value.ids : undefined,
  );
  const facts =
    view.intent === intent && view.observations === observations
      ? declared
      : deriveFacts(view.intent, view.observations, catalog);
  const context = { intent: view.intent, observations: view.observations, catalog, facts, now };
  const location = locationOf(intent.position);
  const checks: CheckResult[] = [];
  const raw: Finding[] = [];
  for (const rule of DOMAIN_RULES) {
    const verdict = rule.evaluate(context);
    switch (verdict.kind) {
      case "pass":
        checks.push(checkResult(rule.id, "pass", verdict.note));
        break;
      case "fail":
        checks.push(checkResult(rule.id, "fail"));
        for (const draft of verdict.findings)
          raw.push(draftToFinding(rule, intent.name, draft, location));
        break;
      case "not-applicable":
      case "not-checked":
        checks.push(checkResult(rule.id, verdict.kind, verdict.reason));
        break;
    }
  }
  const findings = applyWaivers(intent.name, raw, waivers, now);
  const sources: Record<SourceName, SourceStatus> = {
    delegation: sourceStatus(observations.delegation),
    rdap: sourceStatus(observations.rdap),
    route53Domains: route53Source(observations.registrarApi, observations.registration),
    route53: route53Source(observations.dnsHostApi, observations.hostedZones),
  };
  const migration = judgeMigration({
    intent,
    observations,
    catalog,
    declared,
    judged: facts,
    now,
  });
  return {
    domain: intent.name,
    unicode: intent.unicode,
    policy: location,
    intended: {
      registrar: intent.registrar,
      dnsHost: intent.dnsHost,
      architecture: intent.architecture,
      nameservers: intent.nameservers,
      hostedZoneId: intent.hostedZoneId,
      account: intent.accounts[ROUTE53],
    },
    observed: observedSetup(observations, facts),
    status: statusOf(findings, checks),
    findings,
    checks,
    sources,
    ...(migration === undefined ? {} : { migration }),
  };
}
