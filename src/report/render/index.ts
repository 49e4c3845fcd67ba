// The output formats `check --format` accepts, by name.
import type { Report } from "../model.js";
import { renderGithub } from "./github.js";
import { renderJson } from "./json.js";
import { renderMarkdown } from "./markdown.js";
import { renderSarif } from "./sarif.js";
import { renderText } from "./text.js";

export const FORMATS = ["text", "json", "markdown", "sarif", "github"] as const;
export type Format = (typeof FORMATS)[number];

export function isFormat(value: string): value is Format {
  return (FORMATS as readonly string[]).includes(value);
}

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
  }
}
