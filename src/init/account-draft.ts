// Turns one account's proposals into its policy file: defaults that hold today, per-domain
// exceptions where they do not, and — by running the real rules on each entry as written — what
// `check` will report for it. Pure: the same observations always give the same draft.
import type { ProviderCatalog } from "../catalog/types.js";
import { judgeDomain } from "../judge/judge.js";
import { waiverBook } from "../judge/waivers.js";
import type { DomainObservations } from "../observe/observations.js";
import { architectureOf } from "../policy/architecture.js";
import { OPTIONAL_DNSSEC } from "../policy/dnssec-setting.js";
import type { DomainIntent, Hygiene, Requirement } from "../policy/types.js";
import type { CheckResult, DomainReport } from "../report/model/model.js";
import { accountsOf } from "./init-account.js";
import type { Placement } from "./placement.js";
import type { DomainProposal } from "./propose.js";
import type {
  AccountDraft,
  DeclaredDomain,
  DomainDraft,
  FileDefaults,
  InitAccount,
  UndecidedDomain,
} from "./types.js";

/** The expiry margin init proposes: a month to notice and renew. */
export const PROPOSED_EXPIRY_MIN_DAYS = 30;

const NO_WAIVERS = waiverBook([]);

export interface ObservedName {
  readonly placement: Placement;
  readonly observations: DomainObservations;
  readonly proposal: DomainProposal;
}

export interface AccountDraftInput {
  readonly account: InitAccount;
  /** The file the draft becomes, for the positions of the intents the rules are run on. */
  readonly file: string;
  readonly names: readonly ObservedName[];
  readonly providers: AccountDraft["providers"];
  /** File-level notes (see `AccountDraft.notes`). */
  readonly notes: readonly string[];
  /** The built-in catalog with every provider the drafts define. */
  readonly catalog: ProviderCatalog;
  readonly now: Date;
}

export interface AccountDraftResult {
  readonly draft: AccountDraft;
  /** Some fact about one of the account's domains could not be observed. */
  readonly incomplete: boolean;
}

interface Candidate {
  readonly observed: ObservedName;
  readonly registrar: string;
  readonly dnsHost: string;
  /** The rules' verdicts with every hygiene requirement switched on. */
  readonly trial: DomainReport;
}

type HygieneRule = "expiry-soon" | "transfer-lock-disabled" | "auto-renew-disabled";

const STRICT: Hygiene = {
  expiryMinDays: PROPOSED_EXPIRY_MIN_DAYS,
  transferLock: "required",
  autoRenew: "required",
};

function intentFor(
  input: AccountDraftInput,
  placement: Placement,
  registrar: string,
  dnsHost: string,
  hostedZoneId: string | undefined,
  hygiene: Hygiene,
): DomainIntent {
  return {
    name: placement.name,
    unicode: placement.unicode,
    registrableDomain: placement.registrableDomain,
    position: { file: input.file, line: 1, column: 1 },
    registrar,
    dnsHost,
    architecture: architectureOf(registrar, dnsHost),
    nameservers: undefined,
    hostedZoneId,
    accounts: accountsOf(input.account),
    hygiene,
    dnssec: OPTIONAL_DNSSEC,
  };
}

function verdict(report: DomainReport, rule: HygieneRule): CheckResult["status"] | undefined {
  return report.checks.find((check) => check.name === rule)?.status;
}

/** The most common value; ties go to the first in sort order, so the file is stable. */
function mostCommon(values: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best: string | undefined;
  for (const [value, count] of [...counts].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (best === undefined || count > (counts.get(best) ?? 0)) best = value;
  }
  return best;
}

const HYGIENE_WORDS: Readonly<Record<HygieneRule, string>> = {
  "expiry-soon": `an expiry margin of ${PROPOSED_EXPIRY_MIN_DAYS} days`,
  "transfer-lock-disabled": "a transfer lock",
  "auto-renew-disabled": "auto-renew",
};

/** A requirement goes into the defaults when at least one domain meets it today. */
function requirementHolds(
  candidates: readonly Candidate[],
  rule: HygieneRule,
  notes: string[],
): boolean {
  const verdicts = candidates.map((c) => verdict(c.trial, rule));
  if (verdicts.includes("pass")) return true;
  if (verdicts.includes("fail")) {
    notes.push(`${HYGIENE_WORDS[rule]} is not required: no domain of this file has it today`);
  } else if (verdicts.includes("not-checked")) {
    notes.push(`${HYGIENE_WORDS[rule]} is not required: it could not be observed for any domain`);
  }
  return false;
}

function fileDefaults(candidates: readonly Candidate[], notes: string[]): FileDefaults {
  const required = (rule: HygieneRule): Requirement | undefined =>
    requirementHolds(candidates, rule, notes) ? "required" : undefined;
  return {
    registrar: mostCommon(candidates.map((c) => c.registrar)),
    dnsHost: mostCommon(candidates.map((c) => c.dnsHost)),
    expiryMinDays: requirementHolds(candidates, "expiry-soon", notes)
      ? PROPOSED_EXPIRY_MIN_DAYS
      : undefined,
    transferLock: required("transfer-lock-disabled"),
    autoRenew: required("auto-renew-disabled"),
  };
}

/**
 * A required lock or auto-renew that a domain lacks today is waived for that domain, with the
 * reason beside it: the file describes today, and says what to fix. (An expiry that is too close
 * is not waived: that one is urgent, and check reports it.)
 */
function exception(
  candidate: Candidate,
  rule: "transfer-lock-disabled" | "auto-renew-disabled",
  defaultValue: Requirement | undefined,
  notes: string[],
): Requirement | undefined {
  if (defaultValue !== "required" || verdict(candidate.trial, rule) !== "fail") return undefined;
  const finding = candidate.trial.findings.find((f) => f.rule === rule);
  notes.push(
    `${HYGIENE_WORDS[rule]} is not required here: ${finding?.message ?? "it is off today."} Fix it, then remove this exception.`,
  );
  return "ignore";
}

/**
 * The sources that could not be asked, unless `explained` already gives the reason. (The
 * delegation's own failure is explained where the DNS host is decided, in propose.ts.)
 */
function unobservedNotes(observations: DomainObservations, explained = ""): string[] {
  const sources = [
    ["RDAP", observations.rdap],
    [observations.registrarApi.service, observations.registration],
    [observations.dnsHostApi.service, observations.hostedZones],
  ] as const;
  return sources.flatMap(([name, observation]) =>
    observation.kind === "unavailable" && !explained.includes(observation.reason)
      ? [`? ${name} could not be asked: ${observation.reason}`]
      : [],
  );
}

function declare(
  input: AccountDraftInput,
  candidate: Candidate,
  defaults: FileDefaults,
): DeclaredDomain {
  const { placement, observations, proposal } = candidate.observed;
  const notes = [...placement.notes, ...proposal.notes, ...unobservedNotes(observations)];
  const transferLock = exception(candidate, "transfer-lock-disabled", defaults.transferLock, notes);
  const autoRenew = exception(candidate, "auto-renew-disabled", defaults.autoRenew, notes);
  const hygiene: Hygiene = {
    expiryMinDays: defaults.expiryMinDays,
    transferLock: transferLock ?? defaults.transferLock ?? "ignore",
    autoRenew: autoRenew ?? defaults.autoRenew ?? "ignore",
  };
  const intent = intentFor(
    input,
    placement,
    candidate.registrar,
    candidate.dnsHost,
    proposal.hostedZoneId,
    hygiene,
  );
  const report = judgeDomain(intent, observations, input.catalog, NO_WAIVERS, input.now);
  return {
    kind: "declared",
    name: placement.name,
    unicode: placement.unicode,
    registrar: candidate.registrar,
    dnsHost: candidate.dnsHost,
    hostedZoneId: proposal.hostedZoneId,
    transferLock,
    autoRenew,
    notes,
    findings: report.findings,
    notChecked: report.checks.filter((check) => check.status === "not-checked"),
  };
}

function undecided(observed: ObservedName): UndecidedDomain {
  const { placement, observations, proposal } = observed;
  const unknown = [
    proposal.registrar.kind === "unknown"
      ? `its registrar is unknown (${proposal.registrar.reason})`
      : undefined,
    proposal.dnsHost.kind === "unknown"
      ? `its DNS host is unknown (${proposal.dnsHost.reason})`
      : undefined,
  ].filter((reason) => reason !== undefined);
  const why = `not declared: ${unknown.join("; ")}`;
  return {
    kind: "undecided",
    name: placement.name,
    unicode: placement.unicode,
    registrar: proposal.registrar.kind === "provider" ? proposal.registrar.id : undefined,
    dnsHost: proposal.dnsHost.kind === "provider" ? proposal.dnsHost.id : undefined,
    notes: [why, ...placement.notes, ...proposal.notes, ...unobservedNotes(observations, why)],
  };
}

function unobserved(observations: DomainObservations): boolean {
  return [
    observations.delegation,
    observations.rdap,
    observations.registration,
    observations.hostedZones,
  ].some((o) => o.kind === "unavailable" || o.kind === "failed");
}

export function draftAccount(input: AccountDraftInput): AccountDraftResult {
  const candidates: Candidate[] = [];
  const drafts = new Map<string, DomainDraft>();
  for (const observed of input.names) {
    const { registrar, dnsHost, hostedZoneId } = observed.proposal;
    if (registrar.kind !== "provider" || dnsHost.kind !== "provider") {
      drafts.set(observed.placement.name, undecided(observed));
      continue;
    }
    const trial = judgeDomain(
      intentFor(input, observed.placement, registrar.id, dnsHost.id, hostedZoneId, STRICT),
      observed.observations,
      input.catalog,
      NO_WAIVERS,
      input.now,
    );
    candidates.push({ observed, registrar: registrar.id, dnsHost: dnsHost.id, trial });
  }
  const defaultsNotes: string[] = [];
  const defaults = fileDefaults(candidates, defaultsNotes);
  for (const candidate of candidates) {
    drafts.set(candidate.observed.placement.name, declare(input, candidate, defaults));
  }
  const domains = input.names.flatMap((n) => drafts.get(n.placement.name) ?? []);
  const incomplete =
    input.names.some((n) => unobserved(n.observations)) ||
    domains.some((d) => d.kind === "undecided" || d.notChecked.length > 0);
  return {
    draft: {
      account: input.account,
      defaults,
      defaultsNotes,
      domains,
      providers: input.providers,
      notes: input.notes,
    },
    incomplete,
  };
}
