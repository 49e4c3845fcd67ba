// Which names of a zone record parity asks about, and which types per name. Without a zone transfer
// (hosts rarely allow one, and never to us) a zone's names cannot be listed from the DNS, so they
// are gathered from what is known or conventional; a name found nowhere here is not compared
// (docs/migrations.md, "Record parity"). Pure: no I/O.

import { nameSyntaxError, normalizeName } from "../../names/normalize.js";
import { isAtOrBelow } from "../../names/tree.js";
import { isQueryType, type QueryType } from "../dns/wire.js";
import type { RecordParityRequest } from "./types.js";

/** The apex: what mail, web and certificates depend on. SOA and NS differ by nature (see below). */
export const APEX_TYPES: readonly QueryType[] = ["MX", "TXT", "CAA", "A", "AAAA", "HTTPS"];
/** A name that may be anything: a CNAME shows through any of these (the CNAME rule). */
export const HOST_TYPES: readonly QueryType[] = ["A", "AAAA", "MX", "TXT"];
/** A name where an address is expected (MX and CNAME targets, well-known host names). */
export const ADDRESS_TYPES: readonly QueryType[] = ["A", "AAAA"];

/**
 * Conventional names, asked when room is left after every known name: the mail and telephony
 * services whose loss a migration notices late. Kept short on purpose: each costs a query per type
 * and side, and a guess that does not exist on the old host compares as equal.
 */
export const COMMON_NAMES: ReadonlyArray<{
  readonly label: string;
  readonly types: readonly QueryType[];
}> = [
  { label: "mail", types: ADDRESS_TYPES },
  { label: "autodiscover", types: ADDRESS_TYPES },
  { label: "_autodiscover._tcp", types: ["SRV"] },
  { label: "_sip._tls", types: ["SRV"] },
  { label: "_sipfederationtls._tcp", types: ["SRV"] },
  { label: "_submission._tcp", types: ["SRV"] },
  { label: "_imaps._tcp", types: ["SRV"] },
  { label: "_mta-sts", types: ["TXT"] },
  { label: "_smtp._tls", types: ["TXT"] },
];

/** One name to compare and the types asked for it. */
export interface PlannedName {
  readonly name: string;
  readonly types: readonly QueryType[];
}

/** A name or a listed record that cannot be compared, and why. */
export interface Unaskable {
  readonly name: string;
  readonly type: string;
  readonly reason: string;
}

/** Names gathered in order of importance; merging the types of a name given twice. */
export class NamePlan {
  readonly #zone: string;
  readonly #names = new Map<string, Set<QueryType>>();
  readonly unaskable: Unaskable[] = [];

  constructor(zone: string) {
    this.#zone = zone;
  }

  /** Adds `name` (any case, trailing dot optional) with `types`; false when it is not askable. */
  add(rawName: string, types: readonly QueryType[], typeLabel = types.join("/")): boolean {
    const name = normalizeName(rawName);
    const problem = !isAtOrBelow(name, this.#zone)
      ? `not inside the zone ${this.#zone}`
      : nameSyntaxError(name);
    if (problem !== undefined) {
      if (!this.unaskable.some((u) => u.name === name && u.type === typeLabel)) {
        this.unaskable.push({ name, type: typeLabel, reason: `cannot be asked: ${problem}` });
      }
      return false;
    }
    const known = this.#names.get(name);
    if (known === undefined) this.#names.set(name, new Set(types));
    else for (const type of types) known.add(type);
    return true;
  }

  has(name: string): boolean {
    return this.#names.has(normalizeName(name));
  }

  names(): PlannedName[] {
    return [...this.#names].map(([name, types]) => ({ name, types: [...types] }));
  }
}

/**
 * Why a record the target zone lists is not asked about, or undefined when it is. The apex SOA and
 * NS are each host's own (its servers, its serial): they differ by nature, and whether the target's
 * apex NS match the delegation is judged by the delegation checks, not here. NS below the apex is
 * a delegation, answered with a non-authoritative referral; DS belongs to the parent side.
 */
function listedRecordSkip(zone: string, name: string, type: string): string | undefined {
  if (name === zone && (type === "SOA" || type === "NS")) return "";
  if (type === "NS" || type === "DS") {
    return "a delegation below the zone: its records are the child zone's, not compared here";
  }
  if (!isQueryType(type)) return `type ${type} is not compared`;
  return undefined;
}

/**
 * The first names: the apex, the policy's names and DKIM selectors, `_dmarc`, `www` and the names
 * the target zone lists. Records the target lists that cannot be asked are `unaskable`.
 */
export function knownNames(request: RecordParityRequest): NamePlan {
  const zone = normalizeName(request.zone);
  const plan = new NamePlan(zone);
  plan.add(zone, APEX_TYPES);
  for (const name of request.names) plan.add(name, HOST_TYPES);
  plan.add(`_dmarc.${zone}`, ["TXT"]);
  for (const selector of request.dkimSelectors) {
    plan.add(`${normalizeName(selector)}._domainkey.${zone}`, ["TXT"]);
  }
  plan.add(`www.${zone}`, HOST_TYPES);
  for (const record of request.targetZoneRecords ?? []) {
    const name = normalizeName(record.name);
    const type = record.type.toUpperCase();
    const skip = listedRecordSkip(zone, name, type);
    if (skip === "") continue;
    if (skip !== undefined) plan.unaskable.push({ name, type, reason: skip });
    else plan.add(name, [type as QueryType], type);
  }
  return plan;
}

/** The common service names under `zone`, in the order of COMMON_NAMES. */
export function commonNames(zone: string): PlannedName[] {
  return COMMON_NAMES.map(({ label, types }) => ({ name: `${label}.${zone}`, types }));
}
