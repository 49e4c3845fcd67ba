// Loads reference data: the copy `update-data` refreshed in `<cacheDir>/data/` when it is present,
// valid and newer than the embedded one; otherwise the embedded copy, which always exists.
import { join } from "node:path";
import { readBoundedFile } from "../files/read-bounded.js";
import type { RdapBootstrap } from "../observe/rdap/bootstrap.js";
import {
  RDAP_BOOTSTRAP_FILE,
  type ReferenceFile,
  type ReferenceParse,
  ROOT_HINTS_FILE,
  ROUTE53_RANGES_FILE,
  type Route53Ranges,
} from "./reference-files.js";

export type ReferenceOrigin = "embedded" | "cache";

export interface ReferenceDataOptions {
  readonly cacheDir: string;
}

interface Provenance {
  readonly origin: ReferenceOrigin;
  readonly version: string;
  /** Why a cached copy that exists was not used (unreadable, invalid); undefined otherwise. */
  readonly warning: string | undefined;
}

const MAX_CACHED_BYTES = 32 * 1024 * 1024;

/** Where `update-data` keeps a reference file. */
export function cachedReferencePath(cacheDir: string, file: ReferenceFile<unknown>): string {
  return join(cacheDir, "data", file.fileName);
}

/** The embedded copy, validated like any other (a broken package is a bug, not user input). */
export function embeddedReference<T>(
  file: ReferenceFile<T>,
): Extract<ReferenceParse<T>, { ok: true }> {
  const parsed = file.embedded();
  if (!parsed.ok) throw new Error(`the embedded ${file.fileName} is invalid: ${parsed.message}`);
  return parsed;
}

type Chosen<T> = { readonly value: T } & Provenance;

async function readCached<T>(
  file: ReferenceFile<T>,
  path: string,
): Promise<ReferenceParse<T> | undefined> {
  const read = await readBoundedFile(path, MAX_CACHED_BYTES);
  if (read.ok) return file.read(read.bytes.toString("utf8"), path);
  return read.refusal === "not-found"
    ? undefined
    : { ok: false, message: `${path}: ${read.message}` };
}

/** The cached copy when present, valid and newer than the embedded one; else the embedded. */
export async function loadReference<T>(
  file: ReferenceFile<T>,
  cacheDir: string,
): Promise<Chosen<T>> {
  const embedded = embeddedReference(file);
  const cached = await readCached(file, cachedReferencePath(cacheDir, file));
  if (cached?.ok && cached.order > embedded.order) {
    return { value: cached.value, origin: "cache", version: cached.version, warning: undefined };
  }
  const warning =
    cached && !cached.ok
      ? `ignoring the cached copy: ${cached.message}; run \`domain-drift update-data\``
      : undefined;
  return { value: embedded.value, origin: "embedded", version: embedded.version, warning };
}

export async function loadRdapBootstrap(
  options: ReferenceDataOptions,
): Promise<{ readonly bootstrap: RdapBootstrap } & Provenance> {
  const { value, ...provenance } = await loadReference(RDAP_BOOTSTRAP_FILE, options.cacheDir);
  return { bootstrap: value, ...provenance };
}

/** named.root text, for the DNS walker's `parseRootHints`. */
export async function loadRootHintsText(
  options: ReferenceDataOptions,
): Promise<{ readonly text: string } & Provenance> {
  const { value, ...provenance } = await loadReference(ROOT_HINTS_FILE, options.cacheDir);
  return { text: value, ...provenance };
}

export async function loadRoute53Ranges(
  options: ReferenceDataOptions,
): Promise<{ readonly ranges: Route53Ranges } & Provenance> {
  const { value, ...provenance } = await loadReference(ROUTE53_RANGES_FILE, options.cacheDir);
  return { ranges: value, ...provenance };
}
