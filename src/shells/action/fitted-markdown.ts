// The Markdown report cut to a size limit: job summaries take at most 1 MiB per step, issue bodies
// 65,536 characters. Problems come first in the table, so compliant rows are the first to go.
import type { Report } from "../../report/model/model.js";
import { renderMarkdown } from "../../report/render/markdown.js";

const ROW_STEPS = [200, 100, 50, 20, 5, 0];

/** The report with the most table rows whose UTF-8 size is at most `maxBytes`. */
export function fittedMarkdown(report: Report, maxBytes: number): string {
  const includeCompliant = report.domains.length <= (ROW_STEPS[0] as number);
  let text = "";
  for (const maxRows of ROW_STEPS) {
    text = renderMarkdown(report, { maxRows, includeCompliant });
    if (Buffer.byteLength(text) <= maxBytes) return text;
  }
  return text;
}
