// Writes the report files for `actions/upload-artifact` and `github/codeql-action/upload-sarif`.
import { constants } from "node:fs";
import { lstat, mkdir, open } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { isPathInside } from "../../files/contained.js";
import type { Report } from "../../report/model/model.js";
import { inBatches } from "../../report/render/batches.js";
import { renderChunks } from "../../report/render/index.js";
import type { ReportFileFormat } from "./inputs.js";

const FILE_NAMES: Readonly<Record<ReportFileFormat, string>> = {
  json: "domain-drift.json",
  sarif: "domain-drift.sarif",
  markdown: "domain-drift.md",
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

// Never through a symbolic link at the file itself (O_NOFOLLOW; Windows has none to follow).
const WRITE_FLAGS =
  constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | (constants.O_NOFOLLOW ?? 0);

/** Writes each format to `directory` (created if needed); the paths written, by format. */
export async function writeReportFiles(
  report: Report,
  formats: readonly ReportFileFormat[],
  directory: string,
  workspace: string,
): Promise<WriteResult> {
  const files: ReportFiles = {};
  try {
    const link = await linkInCheckout(directory, workspace);
    if (link !== undefined) {
      return {
        ok: false,
        message: `cannot write the reports to ${directory}: ${link} is a symbolic link`,
      };
    }
    if (formats.length > 0) await mkdir(directory, { recursive: true });
    for (const format of formats) {
      const file = join(directory, FILE_NAMES[format]);
      const handle = await open(file, WRITE_FLAGS, 0o644);
      try {
        // As it is rendered, in batches: a scan's JSON report is never one string in memory.
        // Each writeFile goes on from where the last one ended.
        for (const batch of inBatches(renderChunks(report, format, { color: false }))) {
          await handle.writeFile(batch);
        }
      } finally {
        await handle.close();
      }
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
