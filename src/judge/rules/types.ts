// What a rule is: a pure function from one domain's intent and observations to a verdict.
// Adding a rule means one module exporting a `DomainRule`, registered as `./registry.ts` says.

import type { ProviderCatalog } from "../../catalog/types.js";
import type { DomainObservations } from "../../observe/observations.js";
import type { AccountInventory } from "../../observe/providers/route53/types.js";
import type { DomainIntent } from "../../policy/types.js";
import type { FindingValue, Severity } from "../../report/model/model.js";
import type { RuleId } from "../../report/model/rule-ids.js";
import type { DomainFacts } from "./facts.js";

export interface RuleContext {
  readonly intent: DomainIntent;
  readonly observations: DomainObservations;
  readonly catalog: ProviderCatalog;
  /** Conclusions several rules share (observed DNS host, intended name servers, ...), derived once. */
  readonly facts: DomainFacts;
  readonly now: Date;
}

/** A finding before the pipeline adds its location, fingerprint, waiver and baseline state. */
export interface FindingDraft {
  readonly message: string;
  readonly expected: FindingValue;
  readonly observed: FindingValue;
  readonly remediation: string;
  /** Overrides the rule's default severity (e.g. an already expired domain is critical). */
  readonly severity?: Severity;
  /** Tells apart several findings of one rule on one domain; part of the fingerprint. */
  readonly key?: string;
}

export type RuleVerdict =
  /** `note` says what the pass left out by design (IPv6 addresses while IPv6 is off). */
  | { readonly kind: "pass"; readonly note?: string }
  | { readonly kind: "fail"; readonly findings: readonly [FindingDraft, ...FindingDraft[]] }
  /** The rule does not concern this domain's intended setup. Does not affect the status. */
  | { readonly kind: "not-applicable"; readonly reason: string }
  /** The rule concerns this domain but its evidence is missing: the domain cannot be compliant. */
  | { readonly kind: "not-checked"; readonly reason: string };

/** What every rule declares: reports, SARIF and the docs list rules from these. */
export interface RuleDescriptor {
  readonly id: RuleId;
  readonly severity: Severity;
  /** One line, for rule lists, SARIF `shortDescription` and Markdown. */
  readonly title: string;
  /** One paragraph: what it detects, why it matters, how to fix it. */
  readonly doc: string;
}

/** Judges one policy domain. */
export interface DomainRule extends RuleDescriptor {
  evaluate(context: RuleContext): RuleVerdict;
}

/** Whose account an inventory lists: the provider's id, and the services that play its roles. */
export interface InventoriedProvider {
  readonly id: string;
  /** `Route 53 Domains`, `Cloudflare Registrar`; undefined where the provider is no registrar. */
  readonly registrarService: string | undefined;
  /** `Route 53`, `Google Cloud DNS`; undefined where the provider hosts no DNS. */
  readonly dnsHostService: string | undefined;
}

export interface AccountRuleContext {
  readonly provider: InventoriedProvider;
  readonly inventory: AccountInventory;
  /** A-labels of every domain the policies declare. */
  readonly declared: ReadonlySet<string>;
}

/** Judges a provider account as a whole (`--inventory`). */
export interface AccountRule extends RuleDescriptor {
  evaluate(context: AccountRuleContext): RuleVerdict;
}

export const pass: RuleVerdict = { kind: "pass" };

/** A pass that says what it did not examine, when there is something to say. */
export function passNoting(note: string | undefined): RuleVerdict {
  return note === undefined ? pass : { kind: "pass", note };
}

export function fail(first: FindingDraft, ...rest: FindingDraft[]): RuleVerdict {
  return { kind: "fail", findings: [first, ...rest] };
}

export function notApplicable(reason: string): RuleVerdict {
  return { kind: "not-applicable", reason };
}

export function notChecked(reason: string): RuleVerdict {
  return { kind: "not-checked", reason };
}
