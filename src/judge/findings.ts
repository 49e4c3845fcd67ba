// Turns rule drafts into report findings: where the problem is, and a fingerprint that recognises
// the same problem across runs.
import { createHash } from "node:crypto";
import type { SourcePosition } from "../policy/types.js";
import type { Finding, PolicyLocation } from "../report/model/model.js";
import type { FindingDraft, RuleDescriptor } from "./rules/types.js";

export function locationOf(position: SourcePosition): PolicyLocation {
  return { file: position.file, line: position.line, column: position.column };
}

/**
 * Identifies one problem across runs: the rule, what it is about (a domain or an account) and the
 * rule's own key when it reports several problems there. Messages are left out on purpose: they
 * carry changing details (days left, addresses), and a baseline must still recognise the problem.
 */
export function findingFingerprint(rule: string, subject: string, key: string | undefined): string {
  return createHash("sha256")
    .update(`${rule}\u0000${subject}\u0000${key ?? ""}`)
    .digest("hex")
    .slice(0, 32);
}

export function draftToFinding(
  rule: RuleDescriptor,
  subject: string,
  draft: FindingDraft,
  location: PolicyLocation | undefined,
): Finding {
  return {
    rule: rule.id,
    severity: draft.severity ?? rule.severity,
    message: draft.message,
    expected: draft.expected,
    observed: draft.observed,
    remediation: draft.remediation,
    location,
    fingerprint: findingFingerprint(rule.id, subject, draft.key),
    suppressed: undefined,
    baseline: undefined,
  };
}
