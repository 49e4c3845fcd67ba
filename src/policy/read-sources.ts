// Finding and reading policy files: the only part of policy loading that touches the disk.
// Directories are walked recursively for *.yaml / *.yml, in a stable order; symlinked directories
// are not followed (no loops), nor symlinked files leading out of the directory named (a pull request
// could link to ~/.aws/credentials); an explicitly named file is read whatever its extension.
import type { Dirent } from "node:fs";
import { readdir, realpath, stat } from "node:fs/promises";
import path from "node:path";
import { isPathInside } from "../files/contained.js";
import { describeFsError, errorCode } from "../files/fs-errors.js";
import { type BoundedRead, formatByteLimit, readBoundedFile } from "../files/read-bounded.js";
import type { Diagnostic, DiagnosticCode } from "./diagnostics.js";
import type { PolicySource } from "./types.js";

export interface PolicyReadLimits {
  /** Largest policy file, in bytes. */
  readonly maxFileBytes: number;
  /** Most policy files in one run. */
  readonly maxFiles: number;
}

const MIB = 1024 * 1024;

export const DEFAULT_READ_LIMITS: PolicyReadLimits = {
  maxFileBytes: 16 * MIB,
  maxFiles: 10_000,
};

const POLICY_EXTENSIONS = new Set([".yaml", ".yml"]);
const SKIPPED_DIRECTORIES = new Set([".git", "node_modules"]);

/** A directory every path must lie in, once symbolic links are resolved: the Action's workspace. */
export interface ConfiningDirectory {
  readonly path: string;
  /** What to call it in messages: "the workspace". */
  readonly name: string;
}

export interface ReadPolicySourcesOptions {
  /** Relative paths are resolved against this directory. */
  readonly cwd: string;
  readonly limits?: Partial<PolicyReadLimits>;
  /**
   * When set, a path whose real location is outside this directory is refused without being read
   * or walked (`path-outside-directory`): the paths come from someone else's files, such as a
   * pull request's checkout, where `policies` may be a symbolic link to `/`.
   */
  readonly within?: ConfiningDirectory;
}

export interface ReadPolicySourcesResult {
  readonly sources: PolicySource[];
  readonly diagnostics: Diagnostic[];
}

function pathDiagnostic(file: string, code: DiagnosticCode, message: string): Diagnostic {
  return { file, line: undefined, column: undefined, severity: "error", code, message };
}

function accessProblem(display: string, error: unknown): Diagnostic {
  const code = errorCode(error);
  const missing = code === "ENOENT" || code === "ENOTDIR";
  return pathDiagnostic(
    display,
    missing ? "path-not-found" : "path-unreadable",
    describeFsError(error),
  );
}

/** As the user wrote it, with `/` separators and `.` segments resolved. */
function displayPath(given: string): string {
  const normalized = path.posix.normalize(given.replaceAll("\\", "/"));
  return normalized === "./" ? "." : normalized;
}

/** `size` is undefined when the file claimed a smaller size than it turned out to hold. */
export function fileTooLarge(display: string, size: number | undefined, limit: number): Diagnostic {
  const actual = size === undefined ? `has more than ${limit} bytes` : `is ${size} bytes`;
  return pathDiagnostic(
    display,
    "file-too-large",
    `the file ${actual}: policy files are limited to ${formatByteLimit(limit)}`,
  );
}

/** Why a file could not be read, as a diagnostic. */
function readProblem(display: string, read: Extract<BoundedRead, { ok: false }>, limit: number) {
  switch (read.refusal) {
    case "too-large":
      return fileTooLarge(display, read.size, limit);
    case "not-found":
      return pathDiagnostic(display, "path-not-found", read.message);
    case "not-a-file":
      return pathDiagnostic(display, "not-a-policy-path", `${read.message}: not read`);
    case "unreadable":
      return pathDiagnostic(display, "path-unreadable", read.message);
  }
}

/** A directory argument being walked: its real path, and how the user wrote it. */
interface WalkedArgument {
  readonly root: string;
  readonly display: string;
}

class SourceReader {
  readonly sources: PolicySource[] = [];
  readonly diagnostics: Diagnostic[] = [];
  readonly #limits: PolicyReadLimits;
  readonly #seen = new Set<string>();
  #tooMany = false;

  readonly #within: ConfiningDirectory | undefined;

  constructor(limits: PolicyReadLimits, within: ConfiningDirectory | undefined) {
    this.#limits = limits;
    this.#within = within && { ...within, path: path.resolve(within.path) };
  }

  /**
   * Whether a named path resolves inside the confining directory (always, without one); reports it
   * when not. The files below a directory argument are judged against the argument's real path,
   * which this makes lie inside too.
   */
  async #isWithin(absolute: string, display: string): Promise<boolean> {
    if (this.#within === undefined) return true;
    const [target, directory] = await Promise.all([
      realpath(absolute),
      realpath(this.#within.path),
    ]);
    if (isPathInside(target, directory)) return true;
    const how = isPathInside(absolute, this.#within.path) ? " through a symbolic link" : "";
    this.diagnostics.push(
      pathDiagnostic(
        display,
        "path-outside-directory",
        `this path leads outside ${this.#within.name}${how}: not read`,
      ),
    );
    return false;
  }

  async readArgument(absolute: string, display: string): Promise<void> {
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      if (!(await this.#isWithin(absolute, display))) return;
      info = await stat(absolute);
    } catch (error) {
      this.diagnostics.push(accessProblem(display, error));
      return;
    }
    if (info.isFile()) {
      await this.#readFile(absolute, display);
    } else if (info.isDirectory()) {
      const before = this.sources.length + this.diagnostics.length;
      let root: string;
      try {
        root = await realpath(absolute);
      } catch (error) {
        this.diagnostics.push(accessProblem(display, error));
        return;
      }
      await this.#walk(absolute, display, { root, display });
      if (this.sources.length + this.diagnostics.length === before) {
        this.diagnostics.push(
          pathDiagnostic(
            display,
            "no-policy-files",
            "no policy files (*.yaml, *.yml) in this directory",
          ),
        );
      }
    } else {
      this.diagnostics.push(
        pathDiagnostic(
          display,
          "not-a-policy-path",
          "not a policy file or a directory of policy files",
        ),
      );
    }
  }

  async #walk(directory: string, display: string, argument: WalkedArgument): Promise<void> {
    let entries: Dirent[];
    try {
      entries = await readdir(directory, { withFileTypes: true });
    } catch (error) {
      this.diagnostics.push(accessProblem(display, error));
      return;
    }
    // Code-unit order, not locale order: the same on every machine.
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (this.#tooMany) return;
      const absolute = path.join(directory, entry.name);
      const shown = path.posix.join(display, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name)) await this.#walk(absolute, shown, argument);
      } else if (POLICY_EXTENSIONS.has(path.extname(entry.name).toLowerCase())) {
        if (entry.isSymbolicLink()) await this.#readLinkedFile(absolute, shown, argument);
        // A FIFO or a device named like a policy file is refused by the read, not skipped unseen.
        else await this.#readFile(absolute, shown);
      }
    }
  }

  /**
   * A symlink named like a policy file: read it if it leads to a file inside the directory argument,
   * never into a directory, never out of the tree (not even to report what is there).
   */
  async #readLinkedFile(
    absolute: string,
    display: string,
    argument: WalkedArgument,
  ): Promise<void> {
    try {
      const target = await realpath(absolute);
      if (!isPathInside(target, argument.root)) {
        this.diagnostics.push(
          pathDiagnostic(
            display,
            "symlink-outside-directory",
            `a symbolic link to a file outside \`${argument.display}\`: not read (name the file itself to read it)`,
          ),
        );
        return;
      }
      // A symlinked directory is never followed, whatever its name (no loops).
      if ((await stat(target)).isDirectory()) return;
    } catch (error) {
      this.diagnostics.push(accessProblem(display, error));
      return;
    }
    await this.#readFile(absolute, display);
  }

  async #readFile(absolute: string, display: string): Promise<void> {
    if (this.#seen.has(absolute)) return; // named twice, e.g. a directory and a file inside it
    if (this.sources.length >= this.#limits.maxFiles) {
      this.#tooMany = true;
      this.diagnostics.push(
        pathDiagnostic(
          display,
          "too-many-files",
          `more than ${this.#limits.maxFiles} policy files: stopped reading here`,
        ),
      );
      return;
    }
    this.#seen.add(absolute);
    const read = await readBoundedFile(absolute, this.#limits.maxFileBytes);
    if (!read.ok) {
      this.diagnostics.push(readProblem(display, read, this.#limits.maxFileBytes));
      return;
    }
    this.sources.push({
      path: display,
      bytes: new Uint8Array(read.bytes.buffer, read.bytes.byteOffset, read.bytes.length),
    });
  }

  get stopped(): boolean {
    return this.#tooMany;
  }
}

/**
 * Reads the policy files under `paths` (files or directories). Never throws: every path that cannot
 * be read becomes a diagnostic, and the files that could be read are still returned.
 */
export async function readPolicySources(
  paths: readonly string[],
  options: ReadPolicySourcesOptions,
): Promise<ReadPolicySourcesResult> {
  const reader = new SourceReader({ ...DEFAULT_READ_LIMITS, ...options.limits }, options.within);
  for (const given of paths) {
    if (reader.stopped) break;
    await reader.readArgument(path.resolve(options.cwd, given), displayPath(given));
  }
  return { sources: reader.sources, diagnostics: reader.diagnostics };
}
