// The three reference files the package embeds and `update-data` refreshes: how each is named,
// where it comes from, how it is validated, and how its versions are ordered.
import { isIPv4, isIPv6 } from "node:net";
import { classifyAddress } from "../net/address-policy.js";
import { parseRootHints } from "../observe/dns/root-hints.js";
import { parseRdapBootstrap, type RdapBootstrap } from "../observe/rdap/bootstrap.js";
import embeddedRoute53 from "./aws-route53-ip-ranges.json" with { type: "json" };
import embeddedBootstrap from "./iana-rdap-dns.json" with { type: "json" };
import { EMBEDDED_NAMED_ROOT } from "./named-root.js";

export type ReferenceParse<T> =
  | {
      readonly ok: true;
      readonly value: T;
      /** As people read it: a timestamp, a root zone serial. */
      readonly version: string;
      /** Orders versions: larger is newer. */
      readonly order: number;
      /** What to store in the cache (the Route 53 file is reduced to the Route 53 entries). */
      readonly text: string;
    }
  | { readonly ok: false; readonly message: string };

export interface ReferenceFile<T> {
  /** The file's name in `<cacheDir>/data/` (and in `src/data/`). */
  readonly fileName: string;
  readonly upstreamUrl: string;
  /** The upstream file's own name, looked up under a mirror's base URL. */
  readonly upstreamName: string;
  /** Validates a downloaded or cached copy; `source` names it in messages. */
  read(text: string, source: string): ReferenceParse<T>;
  /** The copy compiled into the package. */
  embedded(): ReferenceParse<T>;
}

function parseJsonText<T>(
  text: string,
  source: string,
  next: (json: unknown) => ReferenceParse<T>,
) {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false as const, message: `${source}: invalid JSON (${(error as Error).message})` };
  }
  return next(json);
}

// --- IANA RDAP bootstrap ---------------------------------------------------------------------

function bootstrapFrom(json: unknown, source: string, text: string): ReferenceParse<RdapBootstrap> {
  const parsed = parseRdapBootstrap(json, source);
  if (!parsed.ok) return parsed;
  const { publication, services } = parsed.bootstrap;
  if (publication === undefined) return { ok: false, message: `${source}: no "publication" date` };
  if (services.size === 0) return { ok: false, message: `${source}: no services` };
  return {
    ok: true,
    value: parsed.bootstrap,
    version: publication,
    order: Date.parse(publication),
    text,
  };
}

/**
 * A downloaded or cached copy keeps only its https URLs: unlike a bootstrap file the user names, it
 * may have been planted, and IANA's own file still lists plain http for a few ccTLDs (so refusing
 * such a copy would refuse every real one).
 */
function httpsOnly(parsed: ReferenceParse<RdapBootstrap>): ReferenceParse<RdapBootstrap> {
  if (!parsed.ok) return parsed;
  const services = new Map<string, readonly string[]>();
  const https = (url: string) => url.startsWith("https:");
  for (const [entry, urls] of parsed.value.services) services.set(entry, urls.filter(https));
  return { ...parsed, value: { ...parsed.value, services } };
}

export const RDAP_BOOTSTRAP_FILE: ReferenceFile<RdapBootstrap> = {
  fileName: "iana-rdap-dns.json",
  upstreamUrl: "https://data.iana.org/rdap/dns.json",
  upstreamName: "dns.json",
  read: (text, source) =>
    parseJsonText(text, source, (json) => httpsOnly(bootstrapFrom(json, source, text))),
  embedded: () => bootstrapFrom(embeddedBootstrap, "embedded", JSON.stringify(embeddedBootstrap)),
};

// --- Root hints (named.root) -----------------------------------------------------------------

const ROOT_ZONE_VERSION = /related version of root zone:\s*(\d{1,10})\b/i;

function rootHintsFrom(text: string, source: string): ReferenceParse<string> {
  const parsed = parseRootHints(text, source);
  if (!parsed.ok) return { ok: false, message: `${source}:${parsed.line}: ${parsed.message}` };
  // These root servers are trusted by the walker without the non-public address rule; a named.root
  // with lab addresses is given with --root-hints, never through the cache (which may be planted).
  for (const { name, address } of parsed.servers) {
    const kind = classifyAddress(address);
    if (kind.kind === "non-public") {
      return {
        ok: false,
        message: `${source}: root server ${name} is at ${address}, a ${kind.category} address; the root servers are public`,
      };
    }
  }
  const version = ROOT_ZONE_VERSION.exec(text)?.[1];
  if (version === undefined) {
    return { ok: false, message: `${source}: no "related version of root zone" line` };
  }
  return { ok: true, value: text, version, order: Number(version), text };
}

export const ROOT_HINTS_FILE: ReferenceFile<string> = {
  fileName: "named.root",
  upstreamUrl: "https://www.internic.net/domain/named.root",
  upstreamName: "named.root",
  read: rootHintsFrom,
  embedded: () => rootHintsFrom(EMBEDDED_NAMED_ROOT, "embedded"),
};

// --- Route 53 address ranges -----------------------------------------------------------------

export interface Route53Ranges {
  /** AWS's `syncToken`: the publication time in Unix seconds. */
  readonly syncToken: string;
  /** AWS's `createDate`, `YYYY-MM-DD-hh-mm-ss`. */
  readonly createDate: string;
  readonly ipv4Prefixes: readonly string[];
  readonly ipv6Prefixes: readonly string[];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function isCidr(value: unknown, family: 4 | 6): value is string {
  if (typeof value !== "string") return false;
  const [address = "", length, extra] = value.split("/");
  const bits = Number(length);
  const max = family === 4 ? 32 : 128;
  const addressOk = family === 4 ? isIPv4(address) : isIPv6(address);
  return extra === undefined && addressOk && /^\d{1,3}$/.test(length ?? "") && bits <= max;
}

/** The Route 53 entries (`service == "ROUTE53"`) of one prefix list, as SOURCES.md describes. */
function route53Entries(list: unknown, key: "ip_prefix" | "ipv6_prefix", family: 4 | 6) {
  if (!Array.isArray(list)) return undefined;
  const kept: Record<string, string>[] = [];
  for (const entry of list) {
    if (!isRecord(entry) || entry.service !== "ROUTE53") continue;
    const prefix = entry[key];
    if (!isCidr(prefix, family)) return undefined;
    const text = (field: string) => (typeof entry[field] === "string" ? entry[field] : "");
    kept.push({
      [key]: prefix,
      region: text("region"),
      service: "ROUTE53",
      network_border_group: text("network_border_group"),
    });
  }
  return kept;
}

function route53From(json: unknown, source: string): ReferenceParse<Route53Ranges> {
  if (!isRecord(json)) return { ok: false, message: `${source}: not a JSON object` };
  const { syncToken, createDate } = json;
  if (typeof syncToken !== "string" || !/^\d{1,15}$/.test(syncToken)) {
    return { ok: false, message: `${source}: "syncToken" is not a number string` };
  }
  if (typeof createDate !== "string" || !/^\d{4}(-\d{2}){5}$/.test(createDate)) {
    return { ok: false, message: `${source}: "createDate" is not YYYY-MM-DD-hh-mm-ss` };
  }
  const prefixes = route53Entries(json.prefixes, "ip_prefix", 4);
  const ipv6Prefixes = route53Entries(json.ipv6_prefixes, "ipv6_prefix", 6);
  if (!prefixes || !ipv6Prefixes) {
    return {
      ok: false,
      message: `${source}: "prefixes" or "ipv6_prefixes" is not a list of address ranges`,
    };
  }
  if (prefixes.length === 0) return { ok: false, message: `${source}: no ROUTE53 address ranges` };
  const reduced = { syncToken, createDate, prefixes, ipv6_prefixes: ipv6Prefixes };
  return {
    ok: true,
    value: {
      syncToken,
      createDate,
      ipv4Prefixes: prefixes.map((p) => p.ip_prefix ?? ""),
      ipv6Prefixes: ipv6Prefixes.map((p) => p.ipv6_prefix ?? ""),
    },
    version: createDate,
    order: Number(syncToken),
    text: `${JSON.stringify(reduced, null, 2)}\n`,
  };
}

export const ROUTE53_RANGES_FILE: ReferenceFile<Route53Ranges> = {
  fileName: "aws-route53-ip-ranges.json",
  upstreamUrl: "https://ip-ranges.amazonaws.com/ip-ranges.json",
  upstreamName: "ip-ranges.json",
  read: (text, source) => parseJsonText(text, source, (json) => route53From(json, source)),
  embedded: () => route53From(embeddedRoute53, "embedded"),
};

export const REFERENCE_FILES: readonly ReferenceFile<unknown>[] = [
  RDAP_BOOTSTRAP_FILE,
  ROOT_HINTS_FILE,
  ROUTE53_RANGES_FILE,
];
