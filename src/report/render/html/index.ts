// `--format html`: one self-contained page of a report, and the history page of several.
import type { Report } from "../../model/model.js";
import { pageData } from "./data.js";
import { checkHistory, type HistoryInput, historyPageData } from "./history.js";
import { htmlPage } from "./page.js";

export type { HistoryInput } from "./history.js";

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
  return checked.ok ? { ok: true, html: htmlPage(historyPageData(checked.scans)) } : checked;
}
