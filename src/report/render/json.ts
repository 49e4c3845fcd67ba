import type { Report } from "../model.js";

/** The JSON report: the model itself, as `src/schemas/report-v1.schema.json` describes it. */
export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
