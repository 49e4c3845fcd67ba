// Which domains a run checks. A scan checks all; a pull request checks the domains its policy
// changes touch, and all of them whenever the base cannot be compared (never fewer than needed).
import { parsePolicySources } from "../../policy/load.js";
import type { PolicySet } from "../../policy/types.js";
import { readBasePolicySources } from "./base-policies.js";
import type { PullRequestEvent } from "./event.js";
import { diffPolicySets, type PolicyChanges } from "./policy-changes.js";

export type CheckScope =
  | { readonly kind: "all"; readonly reason: string }
  | { readonly kind: "changed"; readonly baseCommit: string; readonly changes: PolicyChanges };

export const SCAN_SCOPE: CheckScope = { kind: "all", reason: "a scan checks every domain" };

export interface PullRequestScopeRequest {
  readonly workspace: string;
  readonly event: PullRequestEvent | undefined;
  /** The policy paths the head was loaded from, relative to the workspace. */
  readonly paths: readonly string[];
  readonly head: PolicySet;
  readonly now: Date;
}

export async function pullRequestScope(request: PullRequestScopeRequest): Promise<CheckScope> {
  const baseCommit = request.event?.baseSha;
  if (baseCommit === undefined) {
    return {
      kind: "all",
      reason: "the pull request's base commit is unknown (the event has no pull_request.base.sha)",
    };
  }
  const base = await readBasePolicySources({
    workspace: request.workspace,
    commit: baseCommit,
    paths: request.paths,
  });
  if (!base.ok)
    return { kind: "all", reason: `the base policies could not be read: ${base.reason}` };
  const parsed = parsePolicySources(base.sources, { now: request.now });
  if (!parsed.ok) {
    return {
      kind: "all",
      reason: `the policies at the base commit ${baseCommit.slice(0, 12)} do not validate`,
    };
  }
  return { kind: "changed", baseCommit, changes: diffPolicySets(parsed.policySet, request.head) };
}

/** The policy set narrowed to the scope's domains (accounts, waivers and catalog stay whole). */
export function scopedPolicySet(policySet: PolicySet, scope: CheckScope): PolicySet {
  if (scope.kind === "all") return policySet;
  return {
    ...policySet,
    domains: policySet.domains.filter((domain) => scope.changes.changed.has(domain.name)),
  };
}
