// What an HTML report embeds, read back without a browser: the page data in its `report-data`
// block (JSON with `<`, `>` and `&` escaped, which JSON.parse reads back as they were).
import type { PageData } from "../../src/report/render/html/page-data.js";

export function pageDataOf(html: string): PageData {
  const match = /<script type="application\/json" id="report-data">(.*?)<\/script>/s.exec(html);
  if (match?.[1] === undefined) throw new Error("no report-data block in the page");
  return JSON.parse(match[1]) as PageData;
}
