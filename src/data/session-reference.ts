// The reference data a session starts from: the user's file when one is given (a lab: root hints
// or an RDAP bootstrap of its own), else the copy `update-data` refreshed, else the embedded one.
// A file the user named must be usable; a broken refreshed copy only warns and falls back.
import { readBoundedFile } from "../files/read-bounded.js";
import { parseRootHints } from "../observe/dns/root-hints.js";
import type { ServerRef } from "../observe/dns/types.js";
import { loadRdapBootstrapFile, type RdapBootstrap } from "../observe/rdap/bootstrap.js";
import { loadRdapBootstrap, loadRootHintsText } from "./reference-data.js";
import {
  embeddedRegistryTable,
  loadRegistryTableFile,
  type RegistryTable,
} from "./registry-table.js";

/** named.root is some 3 KB; a lab's hints are smaller still. */
const MAX_ROOT_HINTS_BYTES = 1024 * 1024;

type Loaded<T> =
  | ({ readonly ok: true; readonly warning?: string } & T)
  | {
      readonly ok: false;
      readonly message: string;
    };

/** The root hints to start from: the user's file, else the refreshed or embedded copy. */
export async function loadRootHints(settings: {
  readonly rootHintsFile: string | undefined;
  readonly cacheDir: string;
}): Promise<Loaded<{ servers: ServerRef[] }>> {
  if (settings.rootHintsFile === undefined) {
    const hints = await loadRootHintsText({ cacheDir: settings.cacheDir });
    const source = `root hints (${hints.origin} copy)`;
    const parsed = parseRootHints(hints.text, source);
    if (!parsed.ok) return { ok: false, message: `${source}: ${parsed.message}` };
    return hints.warning === undefined
      ? parsed
      : { ...parsed, warning: `root hints: ${hints.warning}` };
  }
  const read = await readBoundedFile(settings.rootHintsFile, MAX_ROOT_HINTS_BYTES);
  if (!read.ok) {
    return {
      ok: false,
      message: `${settings.rootHintsFile}: error: cannot read root hints: ${read.message}`,
    };
  }
  const parsed = parseRootHints(read.bytes.toString("utf8"), settings.rootHintsFile);
  return parsed.ok
    ? parsed
    : { ok: false, message: `${settings.rootHintsFile}:${parsed.line}: error: ${parsed.message}` };
}

/** The RDAP bootstrap to use: the user's file, else the refreshed or embedded copy. */
export async function loadSessionRdapBootstrap(settings: {
  readonly rdapBootstrapFile: string | undefined;
  readonly cacheDir: string;
}): Promise<Loaded<{ bootstrap: RdapBootstrap }>> {
  if (settings.rdapBootstrapFile === undefined) {
    const loaded = await loadRdapBootstrap({ cacheDir: settings.cacheDir });
    return loaded.warning === undefined
      ? { ok: true, bootstrap: loaded.bootstrap }
      : { ok: true, bootstrap: loaded.bootstrap, warning: `RDAP bootstrap: ${loaded.warning}` };
  }
  const loaded = await loadRdapBootstrapFile(settings.rdapBootstrapFile);
  return loaded.ok
    ? loaded
    : { ok: false, message: `${settings.rdapBootstrapFile}: ${loaded.message}` };
}

/** The registry capability table: the user's file when given (a lab), else the shipped one. */
export async function loadSessionRegistryTable(settings: {
  readonly registryTableFile: string | undefined;
}): Promise<Loaded<{ table: RegistryTable }>> {
  if (settings.registryTableFile === undefined) return { ok: true, table: embeddedRegistryTable() };
  return loadRegistryTableFile(settings.registryTableFile);
}
