import type { RuleDescriptor } from "./types.js";

// Judged by the pipeline when it applies waivers, not per domain: an expired waiver is itself a
// finding, at the waiver's place in the policy.
export const waiverExpired: RuleDescriptor = {
  id: "waiver-expired",
  severity: "low",
  title: "A waiver has expired",
  doc: "A waiver suppresses one rule for one domain until its `expires` date. After that date it suppresses nothing and is reported, so exceptions do not outlive their reason. Fix the finding it covered, or renew the waiver with a new date and reason.",
};
