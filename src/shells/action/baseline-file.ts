// The previous scan's JSON report. Nightly workflows download it from the last run, and the very
// first run has none: a missing file means "no baseline", while an unreadable or foreign one is
// an error (comparing against garbage would mark every finding new, or hide resolved ones).
import { open } from "node:fs/promises";
import type { Report } from "../../report/model/model.js";
import { checkReport } from "../../report/model/report-schema.js";

const MAX_BASELINE_BYTES = 256 * 1024 * 1024;

export type BaselineResult =
  | { readonly kind: "found"; readonly report: Report }
  | { readonly kind: "missing" }
  | { readonly kind: "invalid"; readonly message: string };

export async function readBaselineFile(file: string): Promise<BaselineResult> {
  let text: string;
  try {
    const handle = await open(file, "r");
    try {
      if ((await handle.stat()).size > MAX_BASELINE_BYTES) {
        return { kind: "invalid", message: `${file}: the baseline is larger than 256 MiB` };
      }
      text = await handle.readFile("utf8");
    } finally {
      await handle.close();
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { kind: "missing" };
    return {
      kind: "invalid",
      message: `${file}: cannot read the baseline: ${(error as Error).message}`,
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return {
      kind: "invalid",
      message: `${file}: the baseline is not JSON: ${(error as Error).message}`,
    };
  }
  const checked = checkReport(value, file);
  return checked.ok
    ? { kind: "found", report: checked.report }
    : { kind: "invalid", message: checked.message };
}
