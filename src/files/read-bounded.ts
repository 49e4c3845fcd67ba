// The one way domain-drift reads a file the user (or a pull request) chose: policies, root hints,
// an RDAP bootstrap, saved reports, cached reference data. `stat` cannot bound a read: /proc files
// report size 0 and stream without end, a FIFO blocks until someone writes, a device never ends.
// So only regular files are read, the open never waits (O_NONBLOCK), and the limit is enforced on
// the bytes actually read, not on the size the file claims.
import { constants, type Stats } from "node:fs";
import { type FileHandle, open } from "node:fs/promises";
import { describeFsError, errorCode } from "./fs-errors.js";

export type ReadRefusal = "not-found" | "not-a-file" | "too-large" | "unreadable";

export type BoundedRead =
  | { readonly ok: true; readonly bytes: Buffer; readonly stats: Stats }
  | {
      readonly ok: false;
      readonly refusal: ReadRefusal;
      /** For `too-large`: the size the file claims, when that alone exceeds the limit. */
      readonly size?: number;
      /** A phrase to put after the file's name and a colon: "a FIFO (named pipe), not a regular file". */
      readonly message: string;
    };

const MIB = 1024 * 1024;
const CHUNK_BYTES = 64 * 1024;

/** `16 MiB`, or `1000 bytes` for a limit that is not a whole number of MiB. */
export function formatByteLimit(bytes: number): string {
  return bytes % MIB === 0 ? `${bytes / MIB} MiB` : `${bytes} bytes`;
}

/** What a file that is not a regular file is, for messages. */
export function fileKind(stats: Stats): string {
  if (stats.isDirectory()) return "a directory";
  if (stats.isFIFO()) return "a FIFO (named pipe)";
  if (stats.isCharacterDevice()) return "a character device";
  if (stats.isBlockDevice()) return "a block device";
  if (stats.isSocket()) return "a socket";
  if (stats.isSymbolicLink()) return "a symbolic link";
  return "a regular file";
}

function refuse(refusal: ReadRefusal, message: string, size?: number): BoundedRead {
  return size === undefined
    ? { ok: false, refusal, message }
    : { ok: false, refusal, message, size };
}

/** The whole file, or undefined once it proves larger than `maxBytes` (less than a chunk more). */
async function readAtMost(handle: FileHandle, maxBytes: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    // Whole chunks: some /proc files refuse reads of sizes they do not expect (pagemap: 8 bytes).
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
    if (bytesRead === 0) return Buffer.concat(chunks, total);
    chunks.push(buffer.subarray(0, bytesRead));
    total += bytesRead;
    if (total > maxBytes) return undefined;
  }
}

/**
 * The bytes of the regular file at `path` (symbolic links followed, unless `followLinks` is
 * false: then a link at `path` is unreadable), if it holds at most `maxBytes`. Never throws: a
 * missing, unreadable, special or oversized file is a refusal with a message.
 */
export async function readBoundedFile(
  path: string,
  maxBytes: number,
  options: { readonly followLinks?: boolean } = {},
): Promise<BoundedRead> {
  // Where the platform has it (Windows has no O_NOFOLLOW).
  const noFollow = options.followLinks === false ? (constants.O_NOFOLLOW ?? 0) : 0;
  let handle: FileHandle;
  try {
    handle = await open(
      path,
      constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY | noFollow,
    );
  } catch (error) {
    return refuse(
      errorCode(error) === "ENOENT" ? "not-found" : "unreadable",
      describeFsError(error),
    );
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) {
      return refuse("not-a-file", `${fileKind(stats)}, not a regular file`);
    }
    if (stats.size > maxBytes) {
      return refuse(
        "too-large",
        `${stats.size} bytes, larger than ${formatByteLimit(maxBytes)}`,
        stats.size,
      );
    }
    // The size may be a lie (/proc) or stale (the file grows): the bytes read decide.
    const bytes = await readAtMost(handle, maxBytes);
    if (bytes === undefined) return refuse("too-large", `larger than ${formatByteLimit(maxBytes)}`);
    return { ok: true, bytes, stats };
  } catch (error) {
    return refuse("unreadable", describeFsError(error));
  } finally {
    await handle.close().catch(() => undefined);
  }
}
