// The one way domain-drift writes a file: reports (`--output`, the Action's report files), the
// policies `init` drafts, refreshed reference data and the delegation-set cache. The bytes go to a
// new temporary file beside the target, which is renamed over it only once complete, so:
// - a symbolic link at the target is never followed (nor is its dangling target created): the
//   target is refused, as are directories, FIFOs and devices (a FIFO would block, a device would
//   swallow the report or, renamed over, be replaced);
// - a write that fails (a full disk) leaves the previous file whole and no partial file behind.
import { randomBytes } from "node:crypto";
import { constants, type Stats } from "node:fs";
import { type FileHandle, link, lstat, mkdir, open, rename, rm } from "node:fs/promises";
import path from "node:path";
import { describeFsError, errorCode } from "./fs-errors.js";
import { fileKind } from "./read-bounded.js";

export type WriteOutcome = { readonly ok: true } | { readonly ok: false; readonly message: string };

async function lstatOrUndefined(file: string): Promise<Stats | undefined> {
  try {
    return await lstat(file);
  } catch (error) {
    if (errorCode(error) === "ENOENT") return undefined;
    throw error;
  }
}

/** Why a file cannot be written at `target`, or undefined when it can (it may not exist yet). */
export async function writeTargetProblem(target: string): Promise<string | undefined> {
  if (target === "") return "the path is empty";
  try {
    // A missing target is fine (mkdir creates its parents); a file on the way fails with ENOTDIR.
    const stats = await lstatOrUndefined(target);
    if (stats === undefined) return undefined;
    if (stats.isSymbolicLink()) {
      return "a symbolic link: it is not followed (name the file it points to, or remove the link)";
    }
    if (stats.isDirectory()) return "a directory: name a file in it";
    if (!stats.isFile()) return `${fileKind(stats)}, not a regular file`;
    return undefined;
  } catch (error) {
    return describeFsError(error);
  }
}

/** A temporary file beside `target`, created exclusively (never through a link at its name). */
async function createTemporary(
  target: string,
  mode: number,
): Promise<{ temp: string; handle: FileHandle }> {
  const temp = path.join(
    path.dirname(target),
    `.${path.basename(target)}.${process.pid}-${randomBytes(6).toString("hex")}.tmp`,
  );
  const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL;
  return { temp, handle: await open(temp, flags, mode) };
}

/** A file written beside its target and moved into place by `commit`. */
export interface StagedFile {
  write(text: string): Promise<void>;
  /** Replaces the target (or, without `overwrite`, creates it and fails if it exists). */
  commit(options?: { readonly overwrite?: boolean }): Promise<WriteOutcome>;
  /** Removes the temporary file; the target is untouched. */
  discard(): Promise<void>;
}

export type Staging =
  | { readonly ok: true; readonly file: StagedFile }
  | { readonly ok: false; readonly message: string };

/**
 * Starts writing `target`, creating its parent directories; a refused target is a message. `mode`
 * is the new file's (before the umask): 0o666 unless a secret needs 0o600.
 */
export async function stageFile(target: string, mode = 0o666): Promise<Staging> {
  const problem = await writeTargetProblem(target);
  if (problem !== undefined) return { ok: false, message: problem };
  let created: { temp: string; handle: FileHandle };
  try {
    await mkdir(path.dirname(target), { recursive: true });
    created = await createTemporary(target, mode);
  } catch (error) {
    return { ok: false, message: describeFsError(error) };
  }
  return { ok: true, file: stagedFile(target, created.temp, created.handle) };
}

function stagedFile(target: string, temp: string, handle: FileHandle): StagedFile {
  let open = true;
  const close = async () => {
    if (open) {
      open = false;
      await handle.close();
    }
  };
  const discard = async () => {
    await close().catch(() => undefined);
    await rm(temp, { force: true });
  };
  return {
    write: async (text) => {
      // writeFile goes on from where the last write ended, and writes all of `text`.
      await handle.writeFile(text);
    },
    commit: async ({ overwrite = true } = {}) => {
      try {
        // On the disk before it replaces anything: a full disk shows here, not as a truncated file.
        await handle.datasync();
        await close();
        // Checked again: the target may have become a link or a directory since the run began.
        const problem = await writeTargetProblem(target);
        if (problem !== undefined) {
          await discard();
          return { ok: false, message: problem };
        }
        if (overwrite) {
          await rename(temp, target);
        } else {
          // link() fails if the target exists: creation without a window for a race.
          await link(temp, target);
          await rm(temp, { force: true });
        }
        return { ok: true };
      } catch (error) {
        await discard();
        if (errorCode(error) === "EEXIST") return { ok: false, message: "it exists already" };
        return { ok: false, message: describeFsError(error) };
      }
    },
    discard,
  };
}

/**
 * Writes `chunks` (consumed as they come, so a large report is never one string) to `target`, safely
 * as described above. Never throws: a refused target or a failed write is a message.
 */
export async function writeFileSafely(
  target: string,
  chunks: Iterable<string>,
  options: { readonly overwrite?: boolean; readonly mode?: number } = {},
): Promise<WriteOutcome> {
  const staging = await stageFile(target, options.mode);
  if (!staging.ok) return staging;
  try {
    for (const chunk of chunks) await staging.file.write(chunk);
  } catch (error) {
    await staging.file.discard();
    return { ok: false, message: describeFsError(error) };
  }
  return staging.file.commit(options);
}
