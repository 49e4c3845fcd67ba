// A JSON report saved by an earlier run, read back: a shard for `merge`, a baseline for `check
// --baseline` and the Action's scans. Bounded like every file domain-drift reads, then checked
// against the report schema (comparing against garbage would mark every finding new).
import { readBoundedFile } from "../files/read-bounded.js";
import type { Report } from "./model/model.js";
import { checkReport } from "./model/report-schema.js";

/** A scan of 100,000 domains writes some 150 MB of JSON. */
const MAX_REPORT_BYTES = 256 * 1024 * 1024;

export type SavedReport =
  | { readonly ok: true; readonly report: Report }
  | { readonly ok: false; readonly missing: boolean; readonly message: string };

/** Reads the report at `file`; messages name it `source` (as the user wrote it). */
export async function readSavedReport(file: string, source: string): Promise<SavedReport> {
  const read = await readBoundedFile(file, MAX_REPORT_BYTES);
  if (!read.ok) {
    return {
      ok: false,
      missing: read.refusal === "not-found",
      message: `${source}: cannot read a JSON report: ${read.message}`,
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(read.bytes.toString("utf8"));
  } catch (error) {
    return {
      ok: false,
      missing: false,
      message: `${source}: cannot read a JSON report: ${(error as Error).message}`,
    };
  }
  const checked = checkReport(value, source);
  return checked.ok ? checked : { ok: false, missing: false, message: checked.message };
}
