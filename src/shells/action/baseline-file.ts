// The previous scan's JSON report. Nightly workflows download it from the last run, and the very
// first run has none: a missing file means "no baseline", while an unreadable or foreign one is
// an error (comparing against garbage would mark every finding new, or hide resolved ones).
import type { Report } from "../../report/model/model.js";
import { readSavedReport } from "../../report/saved-report.js";

export type BaselineResult =
  | { readonly kind: "found"; readonly report: Report }
  | { readonly kind: "missing" }
  | { readonly kind: "invalid"; readonly message: string };

export async function readBaselineFile(file: string): Promise<BaselineResult> {
  const read = await readSavedReport(file, file);
  if (read.ok) return { kind: "found", report: read.report };
  return read.missing ? { kind: "missing" } : { kind: "invalid", message: read.message };
}
