// Reads a WHOIS answer with a format from ./formats.ts. The text is untrusted and free-form: it is
// split into `Key: value` lines and sections (a heading line, then the lines under it up to a
// blank line), and only the paths the format names are read. Lists are bounded.
import { toALabel } from "../../names/normalize.js";
import type { WhoisFormat } from "./formats.js";
import type { WhoisEvents } from "./types.js";

export interface WhoisData {
  /** The domain names the answer says it is about (`Domain:`, `Domain Name:`), as A-labels. */
  readonly about: readonly string[];
  readonly registrar: string | undefined;
  readonly statuses: readonly string[] | undefined;
  readonly events: WhoisEvents;
  readonly nameservers: readonly string[];
  readonly truncated: readonly ("status" | "nameservers")[];
}

const MAX_LINES = 5_000;
const MAX_ITEMS = 256;

interface Section {
  readonly lines: string[];
  readonly fields: Map<string, string[]>;
}

interface Layout {
  readonly fields: Map<string, string[]>;
  readonly sections: Map<string, Section>;
}

const KEY_VALUE = /^([^:[\]]{1,60}?):\s*(.*)$/;
// A section heading without a colon, as .it writes `Registrar` and `Nameservers`.
const HEADING = /^[A-Za-z][A-Za-z -]{0,39}$/;
// JPRS: `[Domain Name]  EXAMPLE.JP`, or `a. [Domain Name]  EXAMPLE.JP` for JP domains.
const BRACKETED = /^(?:[a-z]\.\s*)?\[([^\]]{1,60})\]\s*(.*)$/;

function add(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

function layoutOf(text: string): Layout {
  const fields = new Map<string, string[]>();
  const sections = new Map<string, Section>();
  let section: Section | undefined;
  for (const raw of text.split(/\r?\n/).slice(0, MAX_LINES)) {
    const line = raw.replace(/\s+$/, "");
    const trimmed = line.trim();
    if (trimmed === "") {
      section = undefined;
      continue;
    }
    if (/^(%|#|>>>)/.test(trimmed)) continue;
    const pair = KEY_VALUE.exec(trimmed) ?? BRACKETED.exec(trimmed);
    const value = pair?.[2] ? pair[2] : undefined;
    if (section !== undefined) {
      // Everything up to the blank line is the section's; its `Key: value` lines are also read
      // as plain fields, since some layouts put a heading above plain fields (JPRS).
      section.lines.push(trimmed);
      if (value !== undefined) {
        add(section.fields, norm(pair?.[1]), value);
        add(fields, norm(pair?.[1]), value);
      }
      continue;
    }
    if (value !== undefined) {
      add(fields, norm(pair?.[1]), value);
      continue;
    }
    // A heading (`Registrar:` or `Nameservers`): the lines up to the next blank line are its own.
    // A longer line without a colon is prose (terms of use), not a heading.
    if (pair === null && !HEADING.test(trimmed)) continue;
    const heading = norm(pair !== null ? pair[1] : trimmed);
    section = sections.get(heading) ?? { lines: [], fields: new Map() };
    sections.set(heading, section);
  }
  return { fields, sections };
}

function norm(key: string | undefined): string {
  return (key ?? "").trim().toLowerCase().replace(/\s+/g, " ");
}

/** Every value at the format's paths, in order. */
function valuesAt(layout: Layout, paths: readonly string[]): string[] {
  return paths.flatMap((path) => {
    const [first, second] = path.split(">").map(norm);
    if (second === undefined) return layout.fields.get(first ?? "") ?? [];
    const section = layout.sections.get(first ?? "");
    if (section === undefined) return [];
    return second === "*" ? section.lines : (section.fields.get(second) ?? []);
  });
}

const DATE =
  /(\d{4})[-/.](\d{2})[-/.](\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?)\s*(Z|[+-]\d{2}:?\d{2})?)?/i;

/** A date in a WHOIS value as ISO 8601: a date alone, or a time in its zone (UTC when none). */
export function whoisDate(value: string): string | undefined {
  const match = DATE.exec(value);
  if (match === null) return undefined;
  const [, year, month, day, time, zone] = match;
  const date = `${year}-${month}-${day}`;
  // JPRS writes Japan's time as `(JST)`; any other time without a zone is taken as UTC.
  const offset = zone?.toUpperCase() ?? (/\(JST\)/.test(value) ? "+09:00" : "Z");
  const iso = time === undefined ? date : `${date}T${time}${offset}`;
  return Number.isNaN(Date.parse(iso)) ? undefined : iso;
}

function firstDate(layout: Layout, paths: readonly string[]): string | undefined {
  for (const value of valuesAt(layout, paths)) {
    const date = whoisDate(value);
    if (date !== undefined) return date;
  }
  return undefined;
}

/** Bounded, with whether the bound cut the list. */
function bounded(values: string[]): { values: string[]; cut: boolean } {
  return { values: values.slice(0, MAX_ITEMS), cut: values.length > MAX_ITEMS };
}

/** `clientTransferProhibited https://icann.org/epp#...` → `clienttransferprohibited`. */
function statusWord(value: string): string {
  return value
    .replace(/\s*(https?:\/\/\S*|\(.*\))\s*$/i, "")
    .trim()
    .toLowerCase()
    .replace(/\s+/g, " ");
}

export function readWhoisText(text: string, format: WhoisFormat): WhoisData {
  const layout = layoutOf(text);
  const truncated: ("status" | "nameservers")[] = [];
  const status = bounded(valuesAt(layout, format.status));
  if (status.cut) truncated.push("status");
  const servers = bounded(valuesAt(layout, format.nameservers));
  if (servers.cut) truncated.push("nameservers");
  const names = new Set<string>();
  for (const value of servers.values) {
    // `ns1.example.de 192.0.2.1`: the host is the first word, and has at least two labels.
    const name = toALabel(value.split(/\s+/)[0] ?? "");
    if (name?.includes(".")) names.add(name);
  }
  const statuses = [...new Set(status.values.map(statusWord))].filter((s) => s !== "").sort();
  const about = valuesAt(layout, ["Domain", "Domain Name", "Domain name > *"])
    .map((value) => toALabel(value.split(/\s+/)[0] ?? ""))
    .filter((name) => name !== undefined);
  return {
    about: [...new Set(about)],
    // nic.at writes `Example GmbH ( https://nic.at/registrar/123 )`.
    registrar: valuesAt(layout, format.registrar)
      .map((v) => v.replace(/\s*\(\s*https?:\/\/[^)]*\)\s*$/, "").trim())
      .find((v) => v !== ""),
    statuses: format.status.length === 0 || statuses.length === 0 ? undefined : statuses,
    events: {
      registration: firstDate(layout, format.registration),
      expiration: firstDate(layout, format.expiration),
      lastChanged: firstDate(layout, format.lastChanged),
    },
    nameservers: [...names].sort(),
    truncated,
  };
}
