// The IANA RDAP bootstrap for domains (RFC 9224): which RDAP servers answer for which TLDs.
import { readBoundedFile } from "../../files/read-bounded.js";
import { toALabel } from "../../names/normalize.js";

export interface RdapBootstrap {
  /** Where the bootstrap came from (a file path, a URL, or "embedded"), for messages. */
  readonly source: string;
  /** The file's `publication` timestamp, when it has a valid one. */
  readonly publication: string | undefined;
  /** Entry (a lower-case A-label such as `com`, `co.uk` or `xn--p1ai`) → base URLs in file order. */
  readonly services: ReadonlyMap<string, readonly string[]>;
}

export type RdapBootstrapResult =
  | { readonly ok: true; readonly bootstrap: RdapBootstrap }
  | { readonly ok: false; readonly message: string };

// The real file has ~600 services; these bounds only stop absurd input.
const MAX_SERVICES = 10_000;
const MAX_ENTRIES = 50_000;
const MAX_URLS_PER_SERVICE = 16;
const MAX_FILE_BYTES = 16 * 1024 * 1024;

const fail = (source: string, message: string): RdapBootstrapResult => ({
  ok: false,
  message: `${source}: ${message}`,
});

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Validates a parsed dns.json document. Untrusted input: every shape is checked. */
export function parseRdapBootstrap(json: unknown, source: string): RdapBootstrapResult {
  if (!isRecord(json)) return fail(source, "not a JSON object");
  const { services, publication } = json;
  if (!Array.isArray(services)) return fail(source, `"services" is not an array`);
  if (services.length > MAX_SERVICES) return fail(source, `more than ${MAX_SERVICES} services`);
  let validPublication: string | undefined;
  if (publication !== undefined) {
    if (typeof publication !== "string" || Number.isNaN(Date.parse(publication))) {
      return fail(source, `"publication" is not a date`);
    }
    validPublication = publication;
  }

  const map = new Map<string, readonly string[]>();
  for (const [i, service] of services.entries()) {
    const where = `services[${i}]`;
    if (!Array.isArray(service) || service.length < 2) {
      return fail(source, `${where} is not an [entries, urls] pair`);
    }
    const [entries, urls] = service as unknown[];
    if (!Array.isArray(entries) || !Array.isArray(urls)) {
      return fail(source, `${where} is not an [entries, urls] pair`);
    }
    if (urls.length > MAX_URLS_PER_SERVICE) {
      return fail(source, `${where} has more than ${MAX_URLS_PER_SERVICE} URLs`);
    }
    const bases: string[] = [];
    for (const [j, url] of urls.entries()) {
      const parsed = typeof url === "string" && URL.canParse(url) ? new URL(url) : undefined;
      if (!parsed) return fail(source, `${where}[1][${j}] is not a URL`);
      // Other schemes are not errors in the format, but we can never use them.
      if (parsed.protocol === "https:" || parsed.protocol === "http:") bases.push(url);
    }
    for (const [j, entry] of entries.entries()) {
      const label = typeof entry === "string" ? toALabel(entry) : undefined;
      if (label === undefined) return fail(source, `${where}[0][${j}] is not a DNS name`);
      // RFC 9224 does not allow an entry twice; when a file does, the first keeps it.
      if (!map.has(label)) map.set(label, bases);
      if (map.size > MAX_ENTRIES) return fail(source, `more than ${MAX_ENTRIES} entries`);
    }
  }
  return { ok: true, bootstrap: { source, publication: validPublication, services: map } };
}

/** Reads and validates a bootstrap file (for `--rdap-bootstrap FILE`). Never throws. */
export async function loadRdapBootstrapFile(path: string): Promise<RdapBootstrapResult> {
  const read = await readBoundedFile(path, MAX_FILE_BYTES);
  if (!read.ok) return fail(path, read.message);
  let json: unknown;
  try {
    json = JSON.parse(read.bytes.toString("utf8"));
  } catch (error) {
    return fail(path, `invalid JSON (${(error as Error).message})`);
  }
  return parseRdapBootstrap(json, path);
}

export type RdapServiceMatch =
  | { readonly kind: "found"; readonly entry: string; readonly baseUrl: string }
  | { readonly kind: "none"; readonly reason: string };

/**
 * Finds the RDAP base URL for a domain (an A-label): the longest bootstrap entry that is a proper
 * label-wise suffix of the domain wins. The first https URL is used; an http URL only from a
 * bootstrap the user supplied, when the service offers no https one.
 */
export function findRdapService(
  bootstrap: RdapBootstrap,
  domain: string,
  userSupplied: boolean,
): RdapServiceMatch {
  const labels = domain.split(".");
  for (let i = 1; i < labels.length; i++) {
    const entry = labels.slice(i).join(".");
    const urls = bootstrap.services.get(entry);
    if (urls === undefined) continue;
    const https = urls.find((url) => url.startsWith("https:"));
    const chosen =
      https ?? (userSupplied ? urls.find((url) => url.startsWith("http:")) : undefined);
    if (chosen === undefined) {
      return {
        kind: "none",
        reason:
          urls.length === 0
            ? `the RDAP service for .${entry} in ${bootstrap.source} lists no usable URL`
            : `the RDAP service for .${entry} offers only http (${urls.join(", ")}); plain http is used only from a bootstrap file you supply`,
      };
    }
    return { kind: "found", entry, baseUrl: chosen.endsWith("/") ? chosen : `${chosen}/` };
  }
  const tld = labels.at(-1) ?? domain;
  const where = userSupplied ? bootstrap.source : "the IANA bootstrap";
  return { kind: "none", reason: `no RDAP service for .${tld} in ${where}` };
}
