import { buildCatalog } from "../../src/catalog/catalog.js";
import type { ProviderCatalog } from "../../src/catalog/types.js";
import { deriveFacts } from "../../src/judge/rules/facts.js";
import type { DomainRule, RuleVerdict } from "../../src/judge/rules/types.js";
import type { DomainObservations } from "../../src/observe/observations.js";
import type { DomainIntent } from "../../src/policy/types.js";
import { NOW } from "./observations.js";

export const catalog = buildCatalog([]);

/** Runs a real rule on real derived facts, as the pipeline does (with the policies' providers, if any). */
export function evaluate(
  rule: DomainRule,
  domainIntent: DomainIntent,
  observed: DomainObservations,
  now: Date = NOW,
  providers: ProviderCatalog = catalog,
): RuleVerdict {
  const facts = deriveFacts(domainIntent, observed, providers);
  return rule.evaluate({
    intent: domainIntent,
    observations: observed,
    catalog: providers,
    facts,
    now,
  });
}

export function findingsOf(verdict: RuleVerdict) {
  if (verdict.kind !== "fail") throw new Error(`expected fail, got ${verdict.kind}`);
  return verdict.findings;
}
