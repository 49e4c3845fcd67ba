// Reads an RFC 9083 domain object. The JSON is untrusted: every member is checked for its shape,
// odd members are ignored rather than trusted, and every array walked is bounded. Registries write
// the same facts in several ways (roles, ID types, status spellings, dates without a zone); each
// way is read here, so the rules see one shape.
import { toALabel } from "../../names/normalize.js";
import type {
  RdapBoundedList,
  RdapDsData,
  RdapEvents,
  RdapKeyData,
  RdapRegistrar,
  RdapRegistrarRole,
} from "./types.js";

export interface RdapDomainData {
  readonly registrar: RdapRegistrar;
  /** Lower-case, de-duplicated, sorted; undefined when the answer has no `status` member. */
  readonly statuses: readonly string[] | undefined;
  readonly events: RdapEvents;
  /** Lower-case A-labels without the trailing dot, de-duplicated, sorted. */
  readonly nameservers: readonly string[];
  readonly delegationSigned: boolean | undefined;
  readonly dsData: readonly RdapDsData[];
  readonly keyData: readonly RdapKeyData[];
  /** The registrar's RDAP URL for this domain (`links[]` rel "related", type rdap+json). */
  readonly relatedUrl: string | undefined;
  /** The registrar entity's own RDAP URL (its `self` link), to ask for a name the answer lacks. */
  readonly registrarEntityUrl: string | undefined;
  readonly truncated: readonly RdapBoundedList[];
}

export type RdapDomainParse =
  | { readonly ok: true; readonly data: RdapDomainData }
  | { readonly ok: false; readonly message: string };

/** Items read of any array; a list cut here is reported in `truncated`. */
export const MAX_ITEMS = 256;
const MAX_ENTITY_DEPTH = 3;
const RDAP_JSON = "application/rdap+json";

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Reads arrays to the bound and remembers which of the bounded lists were longer. */
class BoundedReader {
  readonly truncated = new Set<RdapBoundedList>();

  items(value: unknown, list?: RdapBoundedList): unknown[] {
    if (!Array.isArray(value)) return [];
    if (value.length > MAX_ITEMS && list !== undefined) this.truncated.add(list);
    return value.slice(0, MAX_ITEMS);
  }

  records(value: unknown, list?: RdapBoundedList): Json[] {
    return this.items(value, list).filter(isRecord);
  }

  strings(value: unknown, list?: RdapBoundedList): string[] {
    return this.items(value, list).filter((v): v is string => typeof v === "string");
  }
}

const ROLE_PRECEDENCE: readonly RdapRegistrarRole[] = ["registrar", "sponsor"];

function rolesOf(read: BoundedReader, entity: Json): string[] {
  return read.strings(entity.roles).map((role) => role.trim().toLowerCase());
}

/** Every entity with its nesting depth: top-level first, then nested (some servers nest them). */
function allEntities(read: BoundedReader, entities: unknown, depth = 0): Json[] {
  const list = read.records(entities, depth === 0 ? "entities" : undefined);
  if (depth >= MAX_ENTITY_DEPTH) return list;
  return [...list, ...list.flatMap((entity) => allEntities(read, entity.entities, depth + 1))];
}

/** The registrar entity: the first with role `registrar`, else the first with role `sponsor`. */
function findRegistrarEntity(
  read: BoundedReader,
  entities: unknown,
): { entity: Json; role: RdapRegistrarRole } | undefined {
  const all = allEntities(read, entities);
  for (const role of ROLE_PRECEDENCE) {
    const entity = all.find((e) => rolesOf(read, e).includes(role));
    if (entity) return { entity, role };
  }
  return undefined;
}

/**
 * ICANN requires the IANA id at gTLDs; ccTLD registries (two-letter TLDs) and IDN TLDs, whose kind
 * the name does not tell, may publish their own registrar numbers under the same type, so an id
 * there could name any IANA registrar. There the registrar is identified by name or handle.
 */
export function trustsIanaIds(domain: string): boolean {
  const tld = domain.slice(domain.lastIndexOf(".") + 1);
  return !/^[a-z]{2}$/.test(tld) && !tld.startsWith("xn--");
}

function ianaId(read: BoundedReader, entity: Json): number | undefined {
  for (const id of read.records(entity.publicIds)) {
    if (typeof id.type !== "string" || id.type.trim().toLowerCase() !== "iana registrar id") {
      continue;
    }
    const raw = typeof id.identifier === "number" ? String(id.identifier) : id.identifier;
    if (typeof raw === "string" && /^\d{1,9}$/.test(raw.trim())) return Number(raw.trim());
  }
  return undefined;
}

/** The entity's handle, else the identifier of its first public id (Norid: "Norid registrar ID"). */
function handleOf(read: BoundedReader, entity: Json): string | undefined {
  const candidates = [entity.handle, ...read.records(entity.publicIds).map((id) => id.identifier)];
  for (const candidate of candidates) {
    const text = typeof candidate === "number" ? String(candidate) : candidate;
    if (typeof text === "string" && /^[\x21-\x7e]{1,64}$/.test(text.trim())) return text.trim();
  }
  return undefined;
}

/** A jCard property's text value (RFC 7095): a string, or structured parts joined. */
function vcardText(read: BoundedReader, entity: Json, property: string): string | undefined {
  const card = entity.vcardArray;
  if (!Array.isArray(card) || card[0] !== "vcard" || !Array.isArray(card[1])) return undefined;
  for (const prop of read.items(card[1])) {
    if (!Array.isArray(prop) || typeof prop[0] !== "string") continue;
    if (prop[0].toLowerCase() !== property) continue;
    const value = prop[3];
    const text =
      typeof value === "string"
        ? value
        : read
            .strings(value)
            .filter((part) => part !== "")
            .join(" ");
    const trimmed = text.trim();
    if (trimmed !== "") return trimmed;
  }
  return undefined;
}

/** The display name of an entity: its vCard `fn`, else `org`. */
export function entityName(entity: unknown): string | undefined {
  if (!isRecord(entity)) return undefined;
  const read = new BoundedReader();
  return vcardText(read, entity, "fn") ?? vcardText(read, entity, "org");
}

/** An RDAP link of `rel` from a `links` member, resolved against the answer's URL. */
function linkOf(
  read: BoundedReader,
  links: unknown,
  rel: string,
  base: string,
): string | undefined {
  for (const link of read.records(links)) {
    if (typeof link.rel !== "string" || link.rel.toLowerCase() !== rel) continue;
    // A link without a type is taken for RDAP only as `self`, which RFC 9083 §4.2 says is the object.
    const type = typeof link.type === "string" ? link.type.toLowerCase() : undefined;
    if (type !== RDAP_JSON && !(rel === "self" && type === undefined)) continue;
    if (typeof link.href !== "string" || !URL.canParse(link.href, base)) continue;
    return new URL(link.href, base).href;
  }
  return undefined;
}

function registrarOf(
  read: BoundedReader,
  json: Json,
  domain: string,
  answeredUrl: string,
): { registrar: RdapRegistrar; entityUrl: string | undefined } {
  const found = findRegistrarEntity(read, json.entities);
  if (!found) {
    return {
      registrar: { ianaId: undefined, name: undefined, handle: undefined, role: undefined },
      entityUrl: undefined,
    };
  }
  const { entity, role } = found;
  return {
    registrar: {
      ianaId: trustsIanaIds(domain) ? ianaId(read, entity) : undefined,
      name: vcardText(read, entity, "fn") ?? vcardText(read, entity, "org"),
      handle: handleOf(read, entity),
      role,
    },
    entityUrl: linkOf(read, entity.links, "self", answeredUrl),
  };
}

/**
 * A status as RDAP registers it (RFC 8056): EPP spellings such as `clientTransferProhibited` are
 * converted, case and spacing normalised. `transfer prohibited` keeps its own meaning.
 */
export function normalizeStatus(raw: string): string {
  return raw
    .trim()
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .replace(/[\s_]+/g, " ");
}

const ZONELESS_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$/;

/**
 * An event date as an unambiguous ISO 8601 string, or undefined when it is not a date. RFC 9083
 * §4.5 dates are RFC 3339, always in a zone; some servers leave the zone out, and `Date.parse`
 * would then read local time, so such a time is taken as UTC.
 */
export function normalizeEventDate(raw: string): string | undefined {
  const trimmed = raw.trim();
  const zoneless = ZONELESS_TIME.exec(trimmed);
  const date = zoneless ? `${zoneless[1]}T${zoneless[2]}Z` : trimmed;
  return Number.isNaN(Date.parse(date)) ? undefined : date;
}

function eventsOf(read: BoundedReader, json: Json): RdapEvents {
  const dates = new Map<string, string>();
  for (const event of read.records(json.events, "events")) {
    const { eventAction: action, eventDate: raw } = event;
    if (typeof action !== "string" || typeof raw !== "string") continue;
    const date = normalizeEventDate(raw);
    const key = action.trim().toLowerCase();
    if (date !== undefined && !dates.has(key)) dates.set(key, date);
  }
  return {
    registration: dates.get("registration"),
    // The registry's date first; a registrar's RDAP (ICANN profile) calls its own `registrar expiration`.
    expiration: dates.get("expiration") ?? dates.get("registrar expiration"),
    lastChanged: dates.get("last changed"),
  };
}

function statusesOf(read: BoundedReader, json: Json): string[] | undefined {
  if (json.status === undefined || json.status === null) return undefined;
  const statuses = read.strings(json.status, "status").map(normalizeStatus);
  return [...new Set(statuses)].filter((s) => s !== "").sort();
}

function nameserversOf(read: BoundedReader, json: Json): string[] {
  const names = new Set<string>();
  for (const ns of read.records(json.nameservers, "nameservers")) {
    const raw = typeof ns.ldhName === "string" ? ns.ldhName : ns.unicodeName;
    const name = typeof raw === "string" ? toALabel(raw) : undefined;
    if (name !== undefined) names.add(name);
  }
  return [...names].sort();
}

function delegationSignedOf(read: BoundedReader, json: Json): boolean | undefined {
  const secure = json.secureDNS;
  if (!isRecord(secure)) return undefined;
  if (typeof secure.delegationSigned === "boolean") return secure.delegationSigned;
  // Some servers list DS or key data but omit the flag; data present means signed.
  return read.records(secure.dsData).length > 0 || read.records(secure.keyData).length > 0
    ? true
    : undefined;
}

const isUint = (value: unknown, max: number): value is number =>
  typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= max;

/** `secureDNS.dsData`, entries of the wrong shape left out. */
function dsDataOf(read: BoundedReader, json: Json): RdapDsData[] {
  const secure = json.secureDNS;
  if (!isRecord(secure)) return [];
  return read.records(secure.dsData).flatMap((ds) => {
    const { keyTag, algorithm, digestType, digest } = ds;
    if (!isUint(keyTag, 0xffff) || !isUint(algorithm, 0xff) || !isUint(digestType, 0xff)) return [];
    if (typeof digest !== "string" || !/^[0-9a-f]+$/i.test(digest)) return [];
    return [{ keyTag, algorithm, digestType, digest: digest.toLowerCase() }];
  });
}

/** `secureDNS.keyData`, entries of the wrong shape left out. */
function keyDataOf(read: BoundedReader, json: Json): RdapKeyData[] {
  const secure = json.secureDNS;
  if (!isRecord(secure)) return [];
  return read.records(secure.keyData).flatMap((key) => {
    const { flags, protocol, algorithm, publicKey } = key;
    if (!isUint(flags, 0xffff) || !isUint(protocol, 0xff) || !isUint(algorithm, 0xff)) return [];
    return typeof publicKey === "string" ? [{ flags, protocol, algorithm, publicKey }] : [];
  });
}

function relatedUrlOf(read: BoundedReader, json: Json, answeredUrl: string): string | undefined {
  const href = linkOf(read, json.links, "related", answeredUrl);
  return href !== answeredUrl ? href : undefined;
}

/** Parses the domain object `json` that `answeredUrl` returned for `domain` (an A-label). */
export function parseRdapDomain(
  json: unknown,
  domain: string,
  answeredUrl: string,
): RdapDomainParse {
  if (!isRecord(json)) return { ok: false, message: "the answer is not a JSON object" };
  const className = json.objectClassName;
  if (
    className !== undefined &&
    (typeof className !== "string" || className.toLowerCase() !== "domain")
  ) {
    return {
      ok: false,
      message: `the answer is not a domain object (objectClassName ${JSON.stringify(className)})`,
    };
  }
  if (typeof json.ldhName === "string") {
    const answered = toALabel(json.ldhName);
    if (answered !== domain) {
      return {
        ok: false,
        message: `the answer is about another domain (${JSON.stringify(json.ldhName)})`,
      };
    }
  }
  const read = new BoundedReader();
  const { registrar, entityUrl } = registrarOf(read, json, domain, answeredUrl);
  const data = {
    registrar,
    statuses: statusesOf(read, json),
    events: eventsOf(read, json),
    nameservers: nameserversOf(read, json),
    delegationSigned: delegationSignedOf(read, json),
    dsData: dsDataOf(read, json),
    keyData: keyDataOf(read, json),
    relatedUrl: relatedUrlOf(read, json, answeredUrl),
    registrarEntityUrl: entityUrl,
  };
  return { ok: true, data: { ...data, truncated: [...read.truncated].sort() } };
}

/** A thin registry's answer lacks the registrar or the expiration; the registrar's RDAP has them. */
export function lacksRegistrarData(data: RdapDomainData): boolean {
  const { ianaId: id, name } = data.registrar;
  return (id === undefined && name === undefined) || data.events.expiration === undefined;
}

/**
 * Merges a registrar's answer into the registry's: the registry's status codes and name servers
 * win (it holds the delegation); the registrar's data fills what the registry lacks.
 */
export function mergeRegistrarAnswer(
  registry: RdapDomainData,
  registrar: RdapDomainData,
): RdapDomainData {
  const own = registry.registrar;
  const theirs = registrar.registrar;
  const registryStatuses = registry.statuses !== undefined && registry.statuses.length > 0;
  return {
    registrar: {
      ianaId: own.ianaId ?? theirs.ianaId,
      name: own.name ?? theirs.name,
      handle: own.handle ?? theirs.handle,
      role: own.role ?? theirs.role,
    },
    statuses: registryStatuses ? registry.statuses : (registrar.statuses ?? registry.statuses),
    events: {
      registration: registry.events.registration ?? registrar.events.registration,
      expiration: registry.events.expiration ?? registrar.events.expiration,
      lastChanged: registry.events.lastChanged ?? registrar.events.lastChanged,
    },
    nameservers: registry.nameservers.length > 0 ? registry.nameservers : registrar.nameservers,
    delegationSigned: registry.delegationSigned ?? registrar.delegationSigned,
    dsData: registry.dsData.length > 0 ? registry.dsData : registrar.dsData,
    keyData: registry.keyData.length > 0 ? registry.keyData : registrar.keyData,
    relatedUrl: undefined,
    registrarEntityUrl: registry.registrarEntityUrl ?? registrar.registrarEntityUrl,
    truncated: [...new Set([...registry.truncated, ...registrar.truncated])].sort(),
  };
}
