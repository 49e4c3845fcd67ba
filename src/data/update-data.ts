// Refreshes the cached reference files from their publishers (or a mirror). All or nothing: every
// file is downloaded and validated before any is written, and each is written atomically, so a
// failure leaves the existing copies untouched.
import { describeFsError } from "../files/fs-errors.js";
import { type StagedFile, stageFile } from "../files/write-safely.js";
import { createGuardedHttpClient } from "../observe/rdap/guarded-http.js";
import { TOOL_NAME, TOOL_VERSION } from "../version.js";
import {
  cachedReferencePath,
  embeddedReference,
  loadReference,
  type ReferenceOrigin,
} from "./reference-data.js";
import { REFERENCE_FILES, type ReferenceFile } from "./reference-files.js";

export interface UpdateReferenceDataOptions {
  readonly cacheDir: string;
  /**
   * A mirror (an air-gapped network's copy) serving `dns.json`, `named.root` and `ip-ranges.json`
   * under this URL. Given by the user, so plain http and non-public addresses are allowed for it.
   */
  readonly sourceBase?: string;
  /** Per download; default 30000. */
  readonly timeoutMs?: number;
}

export interface ReferenceFileUpdate {
  readonly fileName: string;
  readonly url: string;
  /** What was in use before: the cached copy, or the embedded one. */
  readonly previous: { readonly version: string; readonly origin: ReferenceOrigin };
  readonly version: string;
  /** False when the download is not newer than the embedded copy, which therefore stays in use. */
  readonly inUse: boolean;
}

export type UpdateReferenceDataResult =
  | { readonly ok: true; readonly files: readonly ReferenceFileUpdate[] }
  | { readonly ok: false; readonly failures: readonly string[] };

// The full AWS ip-ranges.json is a few MiB and growing; the others are far smaller.
const MAX_DOWNLOAD_BYTES = 64 * 1024 * 1024;

function sourceUrl(file: ReferenceFile<unknown>, sourceBase: string | undefined): string {
  if (sourceBase === undefined) return file.upstreamUrl;
  const base = sourceBase.endsWith("/") ? sourceBase : `${sourceBase}/`;
  return new URL(file.upstreamName, base).href;
}

interface Downloaded {
  readonly file: ReferenceFile<unknown>;
  readonly url: string;
  readonly text: string;
  readonly version: string;
  readonly order: number;
}

export async function updateReferenceData(
  options: UpdateReferenceDataOptions,
): Promise<UpdateReferenceDataResult> {
  const mirror = options.sourceBase !== undefined;
  const http = createGuardedHttpClient({
    allowHttp: mirror,
    allowNonPublic: mirror,
    timeoutMs: options.timeoutMs ?? 30_000,
    maxBodyBytes: MAX_DOWNLOAD_BYTES,
    maxRedirects: 3,
    perHostConcurrency: 2,
    headers: { accept: "*/*", "user-agent": `${TOOL_NAME}/${TOOL_VERSION}` },
  });
  const closing = new AbortController();
  let outcomes: (Downloaded | string)[];
  try {
    outcomes = await Promise.all(
      REFERENCE_FILES.map(async (file): Promise<Downloaded | string> => {
        const url = sourceUrl(file, options.sourceBase);
        const answer = await http.get(url, closing.signal);
        if (answer.kind === "failed") return `${file.fileName}: ${answer.reason}`;
        if (answer.status !== 200) {
          return `${file.fileName}: ${answer.url} answered HTTP ${answer.status}`;
        }
        const parsed = file.read(answer.body.toString("utf8"), answer.url);
        if (!parsed.ok) return `${file.fileName}: ${parsed.message}`;
        return {
          file,
          url: answer.url,
          text: parsed.text,
          version: parsed.version,
          order: parsed.order,
        };
      }),
    );
  } finally {
    closing.abort();
    await http.close();
  }
  const failures = outcomes.filter((o): o is string => typeof o === "string");
  if (failures.length > 0) return { ok: false, failures };
  const downloads = outcomes as Downloaded[];

  // What was in use before, read before anything is replaced.
  const updates = await Promise.all(
    downloads.map(async (d): Promise<ReferenceFileUpdate> => {
      const before = await loadReference(d.file, options.cacheDir);
      return {
        fileName: d.file.fileName,
        url: d.url,
        previous: { version: before.version, origin: before.origin },
        version: d.version,
        inUse: d.order > embeddedReference(d.file).order,
      };
    }),
  );
  const written = await writeAllAtomically(
    downloads.map((d) => ({ path: cachedReferencePath(options.cacheDir, d.file), text: d.text })),
  );
  return written.ok ? { ok: true, files: updates } : { ok: false, failures: [written.message] };
}

/** Writes every file beside its target first, then moves them all into place. */
async function writeAllAtomically(
  files: readonly { path: string; text: string }[],
): Promise<{ ok: true } | { ok: false; message: string }> {
  const staged: StagedFile[] = [];
  const fail = async (path: string, message: string) => {
    await Promise.all(staged.map((file) => file.discard()));
    return { ok: false as const, message: `cannot write the cache: ${path}: ${message}` };
  };
  for (const { path, text } of files) {
    const staging = await stageFile(path);
    if (!staging.ok) return fail(path, staging.message);
    staged.push(staging.file);
    try {
      await staging.file.write(text);
    } catch (error) {
      return fail(path, describeFsError(error));
    }
  }
  for (const [index, file] of staged.entries()) {
    const committed = await file.commit();
    if (!committed.ok) return fail(files[index]?.path ?? "", committed.message);
  }
  return { ok: true };
}
