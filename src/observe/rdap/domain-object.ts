// Reads an RFC 9083 domain object. The JSON is untrusted: every member is checked for its shape,
// odd members are ignored rather than trusted, and every array walked is bounded.
import { toALabel } from "../../names/normalize.js";
import type { RdapEvents, RdapRegistrar } from "./types.js";

export interface RdapDomainData {
  readonly registrar: RdapRegistrar;
  /** Lower-case, de-duplicated, sorted. */
  readonly statuses: readonly string[];
  readonly events: RdapEvents;
  /** Lower-case A-labels without the trailing dot, de-duplicated, sorted. */
  readonly nameservers: readonly string[];
  readonly delegationSigned: boolean | undefined;
  /** The registrar's RDAP URL for this domain (`links[]` rel "related", type rdap+json). */
  readonly relatedUrl: string | undefined;
}

export type RdapDomainParse =
  | { readonly ok: true; readonly data: RdapDomainData }
  | { readonly ok: false; readonly message: string };

const MAX_ITEMS = 256;
const MAX_ENTITY_DEPTH = 3;

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function records(value: unknown): Json[] {
  return Array.isArray(value) ? value.slice(0, MAX_ITEMS).filter(isRecord) : [];
}

function strings(value: unknown): string[] {
  return Array.isArray(value)
    ? value.slice(0, MAX_ITEMS).filter((v): v is string => typeof v === "string")
    : [];
}

/** The registrar entity: top-level first, then nested ones (some servers nest it). */
function findRegistrarEntity(entities: unknown, depth = 0): Json | undefined {
  const list = records(entities);
  const direct = list.find((e) => strings(e.roles).some((r) => r.toLowerCase() === "registrar"));
  if (direct || depth >= MAX_ENTITY_DEPTH) return direct;
  for (const entity of list) {
    const nested = findRegistrarEntity(entity.entities, depth + 1);
    if (nested) return nested;
  }
  return undefined;
}

function ianaId(entity: Json): number | undefined {
  for (const id of records(entity.publicIds)) {
    if (typeof id.type !== "string" || id.type.toLowerCase() !== "iana registrar id") continue;
    const raw = typeof id.identifier === "number" ? String(id.identifier) : id.identifier;
    if (typeof raw === "string" && /^\d{1,9}$/.test(raw.trim())) return Number(raw.trim());
  }
  return undefined;
}

/** A jCard property's text value (RFC 7095): a string, or structured parts joined. */
function vcardText(entity: Json, property: string): string | undefined {
  const card = entity.vcardArray;
  if (!Array.isArray(card) || card[0] !== "vcard" || !Array.isArray(card[1])) return undefined;
  for (const prop of (card[1] as unknown[]).slice(0, MAX_ITEMS)) {
    if (!Array.isArray(prop) || typeof prop[0] !== "string") continue;
    if (prop[0].toLowerCase() !== property) continue;
    const value = prop[3];
    const text =
      typeof value === "string"
        ? value
        : strings(value)
            .filter((part) => part !== "")
            .join(" ");
    const trimmed = text.trim();
    if (trimmed !== "") return trimmed;
  }
  return undefined;
}

function registrarOf(json: Json): RdapRegistrar {
  const entity = findRegistrarEntity(json.entities);
  if (!entity) return { ianaId: undefined, name: undefined };
  return { ianaId: ianaId(entity), name: vcardText(entity, "fn") ?? vcardText(entity, "org") };
}

function eventsOf(json: Json): RdapEvents {
  const dates = new Map<string, string>();
  for (const event of records(json.events)) {
    const { eventAction: action, eventDate: date } = event;
    if (typeof action !== "string" || typeof date !== "string") continue;
    if (Number.isNaN(Date.parse(date))) continue;
    const key = action.toLowerCase();
    if (!dates.has(key)) dates.set(key, date);
  }
  return {
    registration: dates.get("registration"),
    expiration: dates.get("expiration"),
    lastChanged: dates.get("last changed"),
  };
}

function nameserversOf(json: Json): string[] {
  const names = new Set<string>();
  for (const ns of records(json.nameservers)) {
    const raw = typeof ns.ldhName === "string" ? ns.ldhName : ns.unicodeName;
    const name = typeof raw === "string" ? toALabel(raw) : undefined;
    if (name !== undefined) names.add(name);
  }
  return [...names].sort();
}

function delegationSignedOf(json: Json): boolean | undefined {
  const secure = json.secureDNS;
  if (!isRecord(secure)) return undefined;
  if (typeof secure.delegationSigned === "boolean") return secure.delegationSigned;
  // Some servers list DS or key data but omit the flag; data present means signed.
  return records(secure.dsData).length > 0 || records(secure.keyData).length > 0 ? true : undefined;
}

function relatedUrlOf(json: Json, answeredUrl: string): string | undefined {
  for (const link of records(json.links)) {
    if (typeof link.rel !== "string" || link.rel.toLowerCase() !== "related") continue;
    if (typeof link.type !== "string" || link.type.toLowerCase() !== "application/rdap+json") {
      continue;
    }
    if (typeof link.href !== "string" || !URL.canParse(link.href, answeredUrl)) continue;
    const href = new URL(link.href, answeredUrl).href;
    if (href !== answeredUrl) return href;
  }
  return undefined;
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
  return {
    ok: true,
    data: {
      registrar: registrarOf(json),
      statuses: [...new Set(strings(json.status).map((s) => s.trim().toLowerCase()))]
        .filter((s) => s !== "")
        .sort(),
      events: eventsOf(json),
      nameservers: nameserversOf(json),
      delegationSigned: delegationSignedOf(json),
      relatedUrl: relatedUrlOf(json, answeredUrl),
    },
  };
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
  return {
    registrar: {
      ianaId: registry.registrar.ianaId ?? registrar.registrar.ianaId,
      name: registry.registrar.name ?? registrar.registrar.name,
    },
    statuses: registry.statuses.length > 0 ? registry.statuses : registrar.statuses,
    events: {
      registration: registry.events.registration ?? registrar.events.registration,
      expiration: registry.events.expiration ?? registrar.events.expiration,
      lastChanged: registry.events.lastChanged ?? registrar.events.lastChanged,
    },
    nameservers: registry.nameservers.length > 0 ? registry.nameservers : registrar.nameservers,
    delegationSigned: registry.delegationSigned ?? registrar.delegationSigned,
    relatedUrl: undefined,
  };
}
