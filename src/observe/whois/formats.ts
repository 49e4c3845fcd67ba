// The WHOIS output formats of the registries in the capability table, as data: where each writes
// the registrar, the dates, the status words and the name servers, and how it says "no such
// domain". One reader (./read-text.ts) serves them all; a format is a list of field paths.
//
// A path is `Key` (a `Key: value` line, or `[Key] value` in JPRS's layout), `Section > Key` (a
// `Key: value` line indented under a `Section:` heading) or `Section > *` (every line under it).
import type { WhoisFormatId } from "./types.js";

export interface WhoisFormat {
  readonly registrar: readonly string[];
  readonly registration: readonly string[];
  readonly expiration: readonly string[];
  readonly lastChanged: readonly string[];
  readonly status: readonly string[];
  readonly nameservers: readonly string[];
  /** An answer matching one of these says the domain is not registered. */
  readonly notFound: readonly RegExp[];
}

const NONE: readonly string[] = [];

export const WHOIS_FORMATS: Readonly<Record<WhoisFormatId, WhoisFormat>> = {
  // The gTLD layout (ICANN Registry Agreement, Specification 4) that many ccTLD registries
  // running gTLD back ends also use (.io, .co, .me, .us).
  icann: {
    registrar: ["Registrar"],
    registration: ["Creation Date"],
    expiration: ["Registry Expiry Date", "Registrar Registration Expiration Date"],
    lastChanged: ["Updated Date"],
    status: ["Domain Status"],
    nameservers: ["Name Server"],
    notFound: [/^No match for/im, /^NOT FOUND/im, /^Domain not found/im, /^No Data Found/im],
  },
  // DENIC's public WHOIS: name servers, a connect/failed status and the last change only.
  denic: {
    registrar: NONE,
    registration: NONE,
    expiration: NONE,
    lastChanged: ["Changed"],
    status: NONE,
    nameservers: ["Nserver"],
    notFound: [/^Status:\s*free/im],
  },
  eurid: {
    registrar: ["Registrar > Name"],
    registration: NONE,
    expiration: NONE,
    lastChanged: NONE,
    status: NONE,
    nameservers: ["Name servers > *"],
    notFound: [/^Status:\s*AVAILABLE/im],
  },
  switch: {
    registrar: ["Registrar > *"],
    registration: ["First registration date > *"],
    expiration: NONE,
    lastChanged: NONE,
    status: NONE,
    nameservers: ["Name servers > *"],
    notFound: [/We do not have an entry in our database matching your query/i],
  },
  // Internetstiftelsen (.se, .nu).
  iis: {
    registrar: ["registrar"],
    registration: ["created"],
    expiration: ["expires"],
    lastChanged: ["modified"],
    status: ["status"],
    nameservers: ["nserver"],
    notFound: [/^domain ".*" not found/im],
  },
  "nic-it": {
    registrar: ["Registrar > Organization"],
    registration: ["Created"],
    expiration: ["Expire Date"],
    lastChanged: ["Last Update"],
    status: ["Status"],
    nameservers: ["Nameservers > *"],
    notFound: [/^Status:\s*AVAILABLE/im],
  },
  "dns-belgium": {
    registrar: ["Registrar > Name"],
    registration: NONE,
    expiration: NONE,
    lastChanged: NONE,
    status: ["Flags > *"],
    nameservers: ["Nameservers > *"],
    notFound: [/^Status:\s*AVAILABLE/im],
  },
  "nic-at": {
    registrar: ["registrar"],
    registration: NONE,
    expiration: NONE,
    lastChanged: ["changed"],
    status: NONE,
    nameservers: ["nserver"],
    notFound: [/^% nothing found/im],
  },
  // Punktum dk: direct registrations are common, and the public WHOIS names no registrar.
  punktum: {
    registrar: NONE,
    registration: ["Registered"],
    expiration: ["Expires"],
    lastChanged: NONE,
    status: ["Status"],
    nameservers: ["Nameservers > Hostname"],
    notFound: [/^No entries found/im],
  },
  // JPRS (.jp) in English (`/e`): `[Key] value` lines; the expiry date is in `[State]`.
  jprs: {
    registrar: NONE,
    registration: ["Registered Date", "Created on"],
    expiration: ["State", "Expires on"],
    lastChanged: ["Last Update", "Last Updated"],
    status: ["Lock Status"],
    nameservers: ["Name Server"],
    notFound: [/^No match!!/im],
  },
};
