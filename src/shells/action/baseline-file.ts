// The previous scan's JSON report. Nightly workflows download it from the last run, and the very
// first run has none: a missing file means "no baseline", while an unreadable or foreign one is
// an error (comparing against garbage would mark every finding new, or hide resolved ones).
// It is read from the workspace only, as the policies are: a path (or a symbolic link committed
// in the repository) that leads elsewhere on the runner is refused, not read.
import path from "node:path";
import { confinement } from "../../files/contained.js";
import type { Report } from "../../report/model/model.js";
import { readSavedReport } from "../../report/saved-report.js";

export type BaselineResult =
  | { readonly kind: "found"; readonly report: Report }
  | { readonly kind: "missing" }
  | { readonly kind: "invalid"; readonly message: string };

/** Reads the `baseline` input, `given` relative to the workspace. */
export async function readBaselineFile(given: string, workspace: string): Promise<BaselineResult> {
  const file = path.resolve(workspace, given);
  const where = await confinement(file, workspace);
  if (where !== "inside") {
    const how = where === "outside-through-link" ? " through a symbolic link" : "";
    return {
      kind: "invalid",
      message: `baseline ${given} leads outside the workspace${how}: not read. Keep the previous report inside the workspace, such as baseline/domain-drift.json restored by actions/cache.`,
    };
  }
  const read = await readSavedReport(file, given);
  if (read.ok) return { kind: "found", report: read.report };
  return read.missing ? { kind: "missing" } : { kind: "invalid", message: read.message };
}
