// What a failed file-system call means, in words a user can act on: the messages of both the
// bounded reader and the report writer, instead of `EISDIR: illegal operation on a directory`.

/** The `code` of a Node.js file-system error (`ENOENT`, `ENOSPC`, ...), if it has one. */
export function errorCode(error: unknown): string | undefined {
  return typeof error === "object" && error !== null && "code" in error
    ? String((error as { code: unknown }).code)
    : undefined;
}

const MEANINGS: Readonly<Record<string, string>> = {
  ENOENT: "no such file or directory",
  ENOTDIR: "a part of this path is a file, not a directory",
  EISDIR: "it is a directory",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EROFS: "the file system is read-only",
  ELOOP: "too many levels of symbolic links",
  ENAMETOOLONG: "the name is too long",
  ENOSPC: "no space left on device",
  EDQUOT: "disk quota exceeded",
  EFBIG: "the file is too large for the file system or the file-size limit",
  EIO: "input/output error",
  EMFILE: "too many open files",
  ENFILE: "too many open files",
  EXDEV: "the temporary file and the target are on different file systems",
};

/** A short phrase for `error`: its meaning when known, else its code, else its message. */
export function describeFsError(error: unknown): string {
  const code = errorCode(error);
  if (code !== undefined) return MEANINGS[code] ?? code;
  return error instanceof Error ? error.message : String(error);
}
