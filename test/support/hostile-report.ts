// The sample report with hostile text in every free-text field: markup that would run a script or
// load an image if it were ever parsed as HTML, a closing </script>, and a right-to-left override.
// A page or exposition that shows it safely shows each string as text and runs nothing.
import type { Report } from "../../src/report/model/model.js";
import { sampleReport } from "./sample-report.js";

/** Sets `window.__pwned` if it ever runs; loads `x` if it ever becomes an element. */
export const HOSTILE =
  '<img src=x onerror="window.__pwned=1"></script><script>window.__pwned=2</script>' +
  "<svg onload=window.__pwned=3>\u202Egnp.exe&amp;\"'";

/** The same text as a page shows it: the bidi override made visible as U+FFFD. */
export const HOSTILE_SHOWN = HOSTILE.replace("\u202E", "\uFFFD");

/** Values the report model fixes (enums), which a hostile string would make a different report. */
const FIXED = new Set([
  "schemaVersion",
  "status",
  "severity",
  "failOn",
  "architecture",
  "delegation",
  "source",
  "baseline",
  "answer",
  // A diagnosis's sources: source names, as `source` is.
  "sources",
]);
/** Values the report schema constrains by format or pattern; kept valid with `schemaValid`. */
const FORMATTED = new Set(["startedAt", "finishedAt", "expires", "rule", "fingerprint", "name"]);
/** Objects whose keys are data (rule ids, AWS operations), not field names. */
const KEYED = new Set(["byRule", "awsCalls"]);

function poison(value: unknown, key: string, schemaValid: boolean): unknown {
  if (typeof value === "string") {
    if (FIXED.has(key) || (schemaValid && FORMATTED.has(key))) return value;
    return `${value}${HOSTILE}`;
  }
  if (Array.isArray(value)) return value.map((item) => poison(item, key, schemaValid));
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        KEYED.has(key) && !schemaValid ? `${k}${HOSTILE}` : k,
        poison(v, k, schemaValid),
      ]),
    );
  }
  return value;
}

/**
 * The sample report poisoned. With `schemaValid`, fields the schema constrains (dates, rule ids,
 * fingerprints, check names) stay valid, so the report can go through `checkReport` (history).
 */
export function hostileReport(options: { schemaValid?: boolean } = {}): Report {
  // The sample has no diagnosis; one here puts the overview's shared failures under test too.
  const report: Report = { ...sampleReport(), diagnoses: [HOSTILE_DIAGNOSIS] };
  return poison(report, "", options.schemaValid ?? false) as Report;
}

/** A failure the sample's domains could share, before poisoning. */
export const HOSTILE_DIAGNOSIS = {
  sources: ["route53Domains", "route53"],
  reason: "AccessDenied for <domain>",
  fix: "Grant the role route53domains:GetDomainDetail",
  domains: 2,
} as const;
