// Writes the report files for `actions/upload-artifact` (the HTML page among them) and
// `github/codeql-action/upload-sarif`.
import { lstat } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { isPathInside } from "../../files/contained.js";
import { describeFsError } from "../../files/fs-errors.js";
import { writeFileSafely } from "../../files/write-safely.js";
import type { Report } from "../../report/model/model.js";
import { inBatches } from "../../report/render/batches.js";
import { renderChunks } from "../../report/render/index.js";
import type { ReportFileFormat } from "./inputs.js";

const FILE_NAMES: Readonly<Record<ReportFileFormat, string>> = {
  json: "domain-drift.json",
  sarif: "domain-drift.sarif",
  markdown: "domain-drift.md",
  html: "domain-drift.html",
};

export type ReportFiles = Partial<Record<ReportFileFormat, string>>;

export type WriteResult =
  | { readonly ok: true; readonly files: ReportFiles }
  | { readonly ok: false; readonly message: string };

/**
 * The first part of `directory` inside the checkout that is a symbolic link. The checkout is the
 * pull request's: a link committed there would send the reports anywhere the runner may write.
 */
async function linkInCheckout(directory: string, workspace: string): Promise<string | undefined> {
  if (!isPathInside(directory, workspace)) return undefined;
  let current = workspace;
  for (const part of relative(workspace, directory)
    .split(sep)
    .filter((p) => p !== "")) {
    current = join(current, part);
    const info = await lstat(current).catch(() => undefined);
    if (info === undefined) return undefined; // mkdir creates the rest
    if (info.isSymbolicLink()) return current;
  }
  return undefined;
}

/** Writes each format to `directory` (created if needed); the paths written, by format. */
export async function writeReportFiles(
  report: Report,
  formats: readonly ReportFileFormat[],
  directory: string,
  workspace: string,
): Promise<WriteResult> {
  const files: ReportFiles = {};
  let link: string | undefined;
  try {
    link = await linkInCheckout(directory, workspace);
  } catch (error) {
    return {
      ok: false,
      message: `cannot write the reports to ${directory}: ${describeFsError(error)}`,
    };
  }
  if (link !== undefined) {
    return {
      ok: false,
      message: `cannot write the reports to ${directory}: ${link} is a symbolic link`,
    };
  }
  for (const format of formats) {
    const file = join(directory, FILE_NAMES[format]);
    // As it is rendered, in batches: a scan's JSON report is never one string in memory.
    const written = await writeFileSafely(
      file,
      inBatches(renderChunks(report, format, { color: false })),
    );
    if (!written.ok) return { ok: false, message: `cannot write ${file}: ${written.message}` };
    files[format] = file;
  }
  return { ok: true, files };
}
