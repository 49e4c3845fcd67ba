// `--format html`: one self-contained page of a report, and the history page of several.
import type { Report } from "../../model/model.js";
import { pageData } from "./data.js";
import { checkHistory, type HistoryInput, type HistoryScan, historyPageData } from "./history.js";
import { htmlPage } from "./page.js";

export {
  checkHistory,
  type HistoryCheck,
  type HistoryInput,
  type HistoryScan,
  historyOf,
} from "./history.js";

/** The HTML report of one scan. */
export function renderHtml(report: Report): string {
  return htmlPage(pageData(report));
}

/**
 * The HTML report of several scans of the same portfolio (parsed JSON reports, in any order): the
 * newest scan, with trends and per-domain timelines. Refuses, with a message naming the file,
 * anything that is not a report of this schema version, and single shards.
 */
export function renderHistoryHtml(
  inputs: readonly HistoryInput[],
): { readonly ok: true; readonly html: string } | { readonly ok: false; readonly message: string } {
  const checked = checkHistory(inputs);
  return checked.ok ? { ok: true, html: renderHistoryScansHtml(checked.scans) } : checked;
}

/**
 * The history page of scans `checkHistory` accepted (oldest first), for a caller that also needs
 * the scans themselves, e.g. the newest report for other formats, without checking them twice.
 */
export function renderHistoryScansHtml(scans: readonly HistoryScan[]): string {
  return htmlPage(historyPageData(scans));
}
