// Sorts the delegated servers' answers into the two problems they can show: a dangling delegation
// (someone else could take the zone) and a lame one (servers that do not serve it). Each server
// problem lands in exactly one of the two, so a dead Route 53 delegation is reported once, as the
// takeover risk it is, not again as lameness. What the walk did not ask (beyond its caps, no route
// from this host) is neither: it is a gap the checks must name, never a pass.
import type { ProviderCatalog } from "../../catalog/types.js";
import { registrableDomainIn } from "../../names/registrable-domain.js";
import {
  describeIncomplete,
  describeNotProbed,
  describeServerAnswer,
} from "../../observe/dns/describe.js";
import type {
  DelegationObservation,
  NameServerObservation,
  ServerAnswer,
} from "../../observe/dns/types.js";

export interface DanglingProblem {
  readonly kind: "lapsed-nameserver-domain" | "zone-absent-at-shared-host";
  /** The name-server domain that could be registered, or the provider whose servers lack the zone. */
  readonly subject: string;
  readonly nameservers: readonly string[];
  /** For a shared host: how its answering servers answered (`REFUSED`, `REFUSED/SERVFAIL`). */
  readonly answers: string | undefined;
}

export interface LameServer {
  readonly nameserver: string;
  readonly address: string | undefined;
  readonly detail: string;
}

export interface NameserverHealth {
  readonly dangling: readonly DanglingProblem[];
  readonly lame: readonly LameServer[];
  /** Server addresses that answered authoritatively with the zone's NS set. */
  readonly authoritative: number;
  /** Server addresses probed or that should have been. */
  readonly total: number;
  /**
   * What the checks of every server need and the walk did not ask, with why (a server or address
   * beyond the walk's caps, an address this host has no route to, a server with only IPv6
   * addresses while IPv6 is off, a server's IPv4 or IPv6 addresses whose lookup the walk's query
   * budget or deadline cut short, or that failed); undefined when every server was asked.
   */
  readonly unexamined: string | undefined;
  /** What was left out by design: IPv6 addresses while IPv6 is off or has no route here. */
  readonly ipv6Note: string | undefined;
}

const ZONE_ABSENT: ReadonlySet<ServerAnswer["kind"]> = new Set(["refused", "servfail", "nxdomain"]);
// Servers that said nothing: they neither prove nor disprove that the zone is there.
const SILENT: ReadonlySet<ServerAnswer["kind"]> = new Set([
  "timeout",
  "unreachable",
  "blocked",
  "unroutable",
  "not-probed",
]);
// Never asked, through nothing the server did: not lame, but not examined either.
const NOT_ASKED: ReadonlySet<ServerAnswer["kind"]> = new Set(["unroutable", "not-probed"]);

/** Whether an address was never asked, through nothing the server did (a cap, a limit, no route). */
export const wasNotAsked = (answer: ServerAnswer): boolean => NOT_ASKED.has(answer.kind);

const isIpv6Skip = (answer: ServerAnswer): boolean =>
  answer.kind === "not-probed" && answer.reason.kind === "ipv6-off";

/** At most a few items, then how many more: a hostile delegation may list hundreds. */
export function listed(items: readonly string[], separator = "; ", max = 5): string {
  const shown = items.slice(0, max).join(separator);
  return items.length > max ? `${shown}${separator}and ${items.length - max} more` : shown;
}

/** `server (address, address): answer`, per distinct answer among the probes `keep` selects. */
function grouped(ns: NameServerObservation, keep: (answer: ServerAnswer) => boolean): string[] {
  const byAnswer = new Map<string, string[]>();
  for (const probe of ns.probes) {
    if (!keep(probe.answer)) continue;
    const text = describeServerAnswer(probe.answer);
    byAnswer.set(text, [...(byAnswer.get(text) ?? []), probe.address]);
  }
  return [...byAnswer].map(([text, addresses]) => `${ns.name} (${addresses.join(", ")}): ${text}`);
}

/**
 * What the checks of `nameservers` must name as not asked (`unexamined`, each with why), and the
 * IPv6 addresses left out by design of servers that were asked at another address (`ipv6Skipped`).
 */
export function unaskedServers(nameservers: readonly NameServerObservation[]): {
  readonly unexamined: readonly string[];
  readonly ipv6Skipped: readonly string[];
} {
  const unexamined: string[] = [];
  const ipv6Skipped: string[] = [];
  for (const ns of nameservers) {
    if (ns.addresses.kind === "not-probed") {
      unexamined.push(`${ns.name}: not probed: ${describeNotProbed(ns.addresses.reason)}`);
      continue;
    }
    // Addresses of one family never learnt: not asked either, though nothing lists them.
    if (ns.addresses.kind === "ok" && ns.addresses.incomplete !== undefined) {
      unexamined.push(`${ns.name}: ${describeIncomplete(ns.addresses.incomplete)}`);
    }
    unexamined.push(...grouped(ns, (a) => NOT_ASKED.has(a.kind) && !isIpv6Skip(a)));
    const skipped = grouped(ns, isIpv6Skip);
    // A server none of whose addresses was asked is not examined at all.
    if (ns.probes.some((probe) => !NOT_ASKED.has(probe.answer.kind))) ipv6Skipped.push(...skipped);
    else unexamined.push(...skipped);
  }
  return { unexamined, ipv6Skipped };
}

/** At most a few of `items` on one line; undefined when there are none. */
export function listedOrNone(items: readonly string[]): string | undefined {
  return items.length > 0 ? listed(items) : undefined;
}

/** The gaps of the walk the checks must name, and the IPv6 addresses it left out by design. */
function gaps(delegation: Extract<DelegationObservation, { kind: "delegated" }>) {
  const { unexamined, ipv6Skipped } = unaskedServers(delegation.nameservers);
  const notes: string[] = [];
  if (delegation.ipv6 === "off") {
    notes.push("IPv6 is off: name servers' IPv6 addresses were not looked up");
  }
  if (ipv6Skipped.length > 0) notes.push(`IPv6 addresses not probed: ${listed(ipv6Skipped)}`);
  return {
    unexamined: listedOrNone(unexamined),
    ipv6Note: notes.length > 0 ? `${notes.join("; ")}.` : undefined,
  };
}

/** True when the NXDOMAIN came from a zone above the name's registrable domain: it is unregistered. */
function registrableDomainLapsed(nameserver: string, nxdomainZone: string): string | undefined {
  const registrable = registrableDomainIn(nameserver);
  if (!registrable) return undefined;
  const above = nxdomainZone === "." || registrable.endsWith(`.${nxdomainZone}`);
  return above && registrable !== nxdomainZone ? registrable : undefined;
}

function sharedHostOf(catalog: ProviderCatalog, nameserver: string): string | undefined {
  const match = catalog.identifyDnsHost([nameserver]);
  if (match.kind !== "provider") return undefined;
  return catalog.get(match.id)?.dnsHost?.sharedHosting ? match.id : undefined;
}

export function analyseNameservers(
  delegation: Extract<DelegationObservation, { kind: "delegated" }>,
  catalog: ProviderCatalog,
): NameserverHealth {
  const dangling: DanglingProblem[] = [];
  const lame: LameServer[] = [];
  const byLapsedDomain = new Map<string, string[]>();
  const byProvider = new Map<string, { names: string[]; answers: ServerAnswer[] }>();
  let authoritative = 0;
  let total = 0;

  for (const ns of delegation.nameservers) {
    if (ns.addresses.kind === "nxdomain") {
      const lapsed = registrableDomainLapsed(ns.name, ns.addresses.zone);
      if (lapsed) {
        byLapsedDomain.set(lapsed, [...(byLapsedDomain.get(lapsed) ?? []), ns.name]);
      } else {
        lame.push({
          nameserver: ns.name,
          address: undefined,
          detail: `the name does not exist (NXDOMAIN from ${ns.addresses.zone})`,
        });
      }
      total += 1;
      continue;
    }
    if (ns.addresses.kind === "not-probed") continue;
    if (ns.addresses.kind !== "ok") {
      const detail =
        ns.addresses.kind === "failed" ? ns.addresses.reason : "the name has no address";
      lame.push({
        nameserver: ns.name,
        address: undefined,
        detail: `cannot be resolved: ${detail}`,
      });
      total += 1;
      continue;
    }
    const provider = sharedHostOf(catalog, ns.name);
    if (provider) {
      const group = byProvider.get(provider) ?? { names: [], answers: [] };
      group.names.push(ns.name);
      group.answers.push(...ns.probes.map((probe) => probe.answer));
      byProvider.set(provider, group);
    }
    for (const probe of ns.probes) {
      if (NOT_ASKED.has(probe.answer.kind)) continue;
      total += 1;
      if (probe.answer.kind === "authoritative" && probe.answer.ns.length > 0) authoritative += 1;
    }
  }

  for (const [domain, names] of byLapsedDomain) {
    dangling.push({
      kind: "lapsed-nameserver-domain",
      subject: domain,
      nameservers: names,
      answers: undefined,
    });
  }
  const danglingProviders = new Set<string>();
  for (const [provider, group] of byProvider) {
    const answering = group.answers.filter((answer) => !SILENT.has(answer.kind));
    if (answering.length > 0 && answering.every((answer) => ZONE_ABSENT.has(answer.kind))) {
      danglingProviders.add(provider);
      dangling.push({
        kind: "zone-absent-at-shared-host",
        subject: provider,
        nameservers: group.names,
        answers: [...new Set(answering.map(describeServerAnswer))].join("/"),
      });
    }
  }

  for (const ns of delegation.nameservers) {
    if (ns.addresses.kind !== "ok") continue;
    const provider = sharedHostOf(catalog, ns.name);
    if (provider && danglingProviders.has(provider)) continue;
    for (const probe of ns.probes) {
      const answer = probe.answer;
      if (answer.kind === "authoritative" && answer.ns.length > 0) continue;
      if (NOT_ASKED.has(answer.kind)) continue;
      lame.push({
        nameserver: ns.name,
        address: probe.address,
        detail: describeServerAnswer(answer),
      });
    }
  }
  return { dangling, lame, authoritative, total, ...gaps(delegation) };
}
