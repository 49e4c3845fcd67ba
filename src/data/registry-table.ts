// The registry capability table (registries.json): for each registry, which TLDs it runs, what it
// never publishes to the public, and, for registries without RDAP, its WHOIS service and format.
// The table is curated by hand (see SOURCES.md), not downloaded: no registry publishes these facts
// in a machine-readable form. A user-supplied copy (`--registries FILE`) is a lab, like custom root
// hints: it may point WHOIS at loopback servers.

import { isIP } from "node:net";
import { readBoundedFile } from "../files/read-bounded.js";
import { toALabel } from "../names/normalize.js";
import type { RegistryDatum, RegistryProfile } from "../observe/observations.js";
import { type RateLimitedWhoisServer, WHOIS_FORMATS } from "../observe/whois/index.js";
import type { WhoisFormatId } from "../observe/whois/types.js";
import embeddedTable from "./registries.json" with { type: "json" };

export interface RegistryEntry {
  readonly id: string;
  readonly name: string;
  readonly tlds: readonly string[];
  readonly whois: RateLimitedWhoisServer | undefined;
  readonly unpublished: Readonly<Partial<Record<RegistryDatum, string>>>;
  readonly source: string;
}

export interface RegistryTable {
  /** A file path, or "embedded". */
  readonly origin: string;
  readonly version: string;
  readonly entries: readonly RegistryEntry[];
  /** The registry of the longest TLD entry `domain` lies under. */
  profileOf(domain: string): RegistryProfile | undefined;
  /** The registry ids and TLDs a registrar handle may be scoped to in a policy. */
  readonly scopes: ReadonlySet<string>;
  /** The WHOIS servers, by TLD. */
  whoisServers(): ReadonlyMap<string, RateLimitedWhoisServer>;
}

export type RegistryTableResult =
  | { readonly ok: true; readonly table: RegistryTable }
  | { readonly ok: false; readonly message: string };

const DATA: readonly RegistryDatum[] = ["registrar", "expiry", "statuses", "nameservers"];
const MAX_FILE_BYTES = 1024 * 1024;
const ID = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
const HOST = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/;

type Json = Record<string, unknown>;
const isRecord = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function whoisOf(value: unknown, where: string, lab: boolean): RateLimitedWhoisServer | string {
  if (!isRecord(value)) return `${where}.whois is not an object`;
  const { host, port, query, format, queriesPerMinute } = value;
  const hostOk = typeof host === "string" && (HOST.test(host) || (lab && isIP(host) !== 0));
  if (!hostOk) return `${where}.whois.host is not a host name${lab ? " or an address" : ""}`;
  if (
    port !== undefined &&
    !(Number.isInteger(port) && (port as number) > 0 && (port as number) < 65536)
  ) {
    return `${where}.whois.port is not a port number`;
  }
  if (typeof query !== "string" || !query.includes("{domain}") || /[\r\n]/.test(query)) {
    return `${where}.whois.query must be one line containing {domain}`;
  }
  if (typeof format !== "string" || !Object.hasOwn(WHOIS_FORMATS, format)) {
    return `${where}.whois.format must be one of ${Object.keys(WHOIS_FORMATS).join(", ")}`;
  }
  if (!(typeof queriesPerMinute === "number" && queriesPerMinute > 0 && queriesPerMinute <= 6000)) {
    return `${where}.whois.queriesPerMinute must be a number from 1 to 6000`;
  }
  return {
    host,
    port: (port as number | undefined) ?? 43,
    query,
    format: format as WhoisFormatId,
    queriesPerMinute,
  };
}

function entryOf(value: unknown, where: string, lab: boolean): RegistryEntry | string {
  if (!isRecord(value)) return `${where} is not an object`;
  const { id, name, tlds, whois, unpublished, source } = value;
  if (typeof id !== "string" || !ID.test(id)) return `${where}.id is not a registry id`;
  if (typeof name !== "string" || name.trim() === "") return `${where}.name is missing`;
  if (!Array.isArray(tlds) || tlds.length === 0) return `${where}.tlds is not a list of TLDs`;
  const labels = tlds.map((tld) => (typeof tld === "string" ? toALabel(tld) : undefined));
  if (labels.some((tld, i) => tld === undefined || tld !== tlds[i])) {
    return `${where}.tlds holds something that is not a lower-case A-label`;
  }
  const server = whois === undefined ? undefined : whoisOf(whois, where, lab);
  if (typeof server === "string") return server;
  const notes: Partial<Record<RegistryDatum, string>> = {};
  if (unpublished !== undefined) {
    if (!isRecord(unpublished)) return `${where}.unpublished is not an object`;
    for (const [datum, note] of Object.entries(unpublished)) {
      if (!DATA.includes(datum as RegistryDatum) || typeof note !== "string" || note === "") {
        return `${where}.unpublished.${datum}: expected one of ${DATA.join(", ")} with a note`;
      }
      notes[datum as RegistryDatum] = note;
    }
  }
  return {
    id,
    name,
    tlds: labels as string[],
    whois: server,
    unpublished: notes,
    source: typeof source === "string" ? source : "",
  };
}

function tableOf(
  entries: readonly RegistryEntry[],
  origin: string,
  version: string,
): RegistryTable {
  const byTld = new Map<string, RegistryEntry>();
  for (const entry of entries) for (const tld of entry.tlds) byTld.set(tld, entry);
  return {
    origin,
    version,
    entries,
    scopes: new Set([...entries.map((e) => e.id), ...byTld.keys()]),
    profileOf(domain) {
      const labels = domain.split(".");
      for (let i = 0; i < labels.length; i++) {
        const tld = labels.slice(i).join(".");
        const entry = byTld.get(tld);
        if (entry) return { id: entry.id, name: entry.name, tld, unpublished: entry.unpublished };
      }
      return undefined;
    },
    whoisServers() {
      const servers = new Map<string, RateLimitedWhoisServer>();
      for (const [tld, entry] of byTld) if (entry.whois) servers.set(tld, entry.whois);
      return servers;
    },
  };
}

/**
 * Validates a parsed table. `lab`: the user supplied the file, so WHOIS hosts may be address
 * literals (and any address is allowed later, as for a user-supplied RDAP bootstrap).
 */
export function parseRegistryTable(
  json: unknown,
  origin: string,
  lab: boolean,
): RegistryTableResult {
  const fail = (message: string): RegistryTableResult => ({
    ok: false,
    message: `${origin}: ${message}`,
  });
  if (!isRecord(json) || !Array.isArray(json.registries)) return fail(`no "registries" list`);
  if (typeof json.version !== "string") return fail(`no "version"`);
  const entries: RegistryEntry[] = [];
  const seen = new Map<string, string>();
  for (const [i, value] of json.registries.entries()) {
    const entry = entryOf(value, `registries[${i}]`, lab);
    if (typeof entry === "string") return fail(entry);
    for (const tld of entry.tlds) {
      const other = seen.get(tld);
      if (other !== undefined) return fail(`.${tld} is listed for both ${other} and ${entry.id}`);
      seen.set(tld, entry.id);
    }
    entries.push(entry);
  }
  return { ok: true, table: tableOf(entries, origin, json.version) };
}

let embedded: RegistryTable | undefined;

/** The table shipped in the package (a broken copy is a bug, so it throws). */
export function embeddedRegistryTable(): RegistryTable {
  if (embedded === undefined) {
    const parsed = parseRegistryTable(embeddedTable, "embedded registries.json", false);
    if (!parsed.ok) throw new Error(parsed.message);
    embedded = parsed.table;
  }
  return embedded;
}

/** A table the user supplied (`--registries FILE`), for labs and for registries we lack. */
export async function loadRegistryTableFile(path: string): Promise<RegistryTableResult> {
  const read = await readBoundedFile(path, MAX_FILE_BYTES);
  if (!read.ok)
    return { ok: false, message: `${path}: cannot read the registry table: ${read.message}` };
  try {
    return parseRegistryTable(JSON.parse(read.bytes.toString("utf8")), path, true);
  } catch (error) {
    return {
      ok: false,
      message: `${path}: cannot read the registry table (${(error as Error).message})`,
    };
  }
}
