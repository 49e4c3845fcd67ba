// The output formats `check --format` accepts, by name.
import type { Report } from "../model/model.js";
import type { Format } from "./formats.js";
import { renderGithub } from "./github.js";
import { renderHtml } from "./html/index.js";
import { renderJson, renderJsonChunks } from "./json.js";
import { renderMarkdown } from "./markdown.js";
import { renderOpenMetrics } from "./openmetrics.js";
import { renderSarif } from "./sarif.js";
import { renderText } from "./text.js";

export { FORMATS, type Format, isFormat } from "./formats.js";

export function render(report: Report, format: Format, options: { color: boolean }): string {
  switch (format) {
    case "text":
      return renderText(report, options);
    case "json":
      return renderJson(report);
    case "markdown":
      return renderMarkdown(report);
    case "sarif":
      return renderSarif(report);
    case "github":
      return renderGithub(report);
    case "html":
      return renderHtml(report);
    case "openmetrics":
      return renderOpenMetrics(report);
  }
}

/**
 * The same text as `render`, in pieces to write one after another: the JSON report of a large scan
 * comes domain by domain; the other formats come whole.
 */
export function renderChunks(
  report: Report,
  format: Format,
  options: { color: boolean },
): Iterable<string> {
  return format === "json" ? renderJsonChunks(report) : [render(report, format, options)];
}
