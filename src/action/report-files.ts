// Writes the report files for `actions/upload-artifact` and `github/codeql-action/upload-sarif`.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Report } from "../report/model.js";
import { renderJson } from "../report/render/json.js";
import { renderMarkdown } from "../report/render/markdown.js";
import { renderSarif } from "../report/render/sarif.js";
import type { ReportFileFormat } from "./inputs.js";

const FILE_NAMES: Readonly<Record<ReportFileFormat, string>> = {
  json: "domain-drift.json",
  sarif: "domain-drift.sarif",
  markdown: "domain-drift.md",
};

const RENDERERS: Readonly<Record<ReportFileFormat, (report: Report) => string>> = {
  json: renderJson,
  sarif: renderSarif,
  markdown: (report) => renderMarkdown(report),
};

export type ReportFiles = Partial<Record<ReportFileFormat, string>>;

export type WriteResult =
  | { readonly ok: true; readonly files: ReportFiles }
  | { readonly ok: false; readonly message: string };

/** Writes each format to `directory` (created if needed); the paths written, by format. */
export async function writeReportFiles(
  report: Report,
  formats: readonly ReportFileFormat[],
  directory: string,
): Promise<WriteResult> {
  const files: ReportFiles = {};
  try {
    if (formats.length > 0) await mkdir(directory, { recursive: true });
    for (const format of formats) {
      const file = join(directory, FILE_NAMES[format]);
      await writeFile(file, RENDERERS[format](report));
      files[format] = file;
    }
  } catch (error) {
    return {
      ok: false,
      message: `cannot write the reports to ${directory}: ${(error as Error).message}`,
    };
  }
  return { ok: true, files };
}
