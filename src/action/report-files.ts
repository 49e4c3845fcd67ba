// Writes the report files for `actions/upload-artifact` and `github/codeql-action/upload-sarif`.
import { constants } from "node:fs";
import { lstat, mkdir, open } from "node:fs/promises";
import { isAbsolute, join, relative, sep } from "node:path";
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

/**
 * The first part of `directory` inside the checkout that is a symbolic link. The checkout is the
 * pull request's: a link committed there would send the reports anywhere the runner may write.
 */
async function linkInCheckout(directory: string, workspace: string): Promise<string | undefined> {
  const inside = relative(workspace, directory);
  if (inside === "" || inside.startsWith("..") || isAbsolute(inside)) return undefined;
  let current = workspace;
  for (const part of inside.split(sep)) {
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
        await handle.writeFile(RENDERERS[format](report));
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
