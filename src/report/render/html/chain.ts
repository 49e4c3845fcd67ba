// The chain of one domain as the HTML report draws it: registrar → registry → name servers → DNS
// host. Which box or link is broken comes from the findings (the verdicts) and, for one server's
// link, from what that server answered; nothing here decides anew whether the domain drifts.
import type { DomainReport, Finding, ObservedRegistrar } from "../../model/model.js";
import type { ChainLink, ChainNode, ChainServer, ChainView } from "./page-data.js";

type Place = "registrar" | "registrar-link" | "registry" | "host";

/** Where each rule's finding shows in the chain, with the short label drawn there. */
const PLACES: ReadonlyMap<string, { readonly place: Place; readonly label: string }> = new Map(
  Object.entries({
    "registrar-mismatch": { place: "registrar", label: "not the intended registrar" },
    "domain-not-registered": { place: "registrar", label: "not registered" },
    "registrar-account-missing": { place: "registrar", label: "not in the registrar account" },
    "expiry-soon": { place: "registrar", label: "expires soon" },
    "auto-renew-disabled": { place: "registrar", label: "auto-renew off" },
    "transfer-lock-disabled": { place: "registrar", label: "transfer lock off" },
    "registrar-nameservers-mismatch": {
      place: "registrar-link",
      label: "registrar account lists other name servers",
    },
    "insufficient-nameservers": { place: "registry", label: "too few name servers" },
    "parent-ns-inconsistent": { place: "registry", label: "registry servers disagree" },
    "parent-child-ns-mismatch": { place: "registry", label: "zone's own NS set differs" },
    "dns-host-mismatch": { place: "host", label: "not the intended DNS host" },
    "nameservers-mismatch": { place: "host", label: "delegated elsewhere" },
    "hosted-zone-missing": { place: "host", label: "hosted zone missing" },
    "hosted-zone-duplicate": { place: "host", label: "several hosted zones" },
    "dns-zone-not-active": { place: "host", label: "zone not active" },
  } as const),
);

function labelsAt(findings: readonly Finding[], place: Place): string[] {
  const labels = findings
    .filter((f) => f.suppressed === undefined && PLACES.get(f.rule)?.place === place)
    .map((f) => PLACES.get(f.rule)?.label ?? f.rule);
  return [...new Set(labels)];
}

/** Where the registrar of record was read: the registry (RDAP, or WHOIS without it) or AWS. */
const REGISTRAR_SOURCES: Readonly<Record<ObservedRegistrar["source"], string>> = {
  rdap: "RDAP",
  whois: "WHOIS",
  route53Domains: "Route 53 Domains",
};

function registrarNode(domain: DomainReport): ChainNode {
  const { registrar, expiry } = domain.observed;
  const lines: string[] = [];
  if (registrar === undefined) lines.push("registrar unknown");
  else {
    const name = registrar.name ?? (registrar.ids.join("/") || "unnamed registrar");
    lines.push(registrar.ianaId === undefined ? name : `${name} (IANA ${registrar.ianaId})`);
    lines.push(`from ${REGISTRAR_SOURCES[registrar.source]}`);
  }
  lines.push(`intended: ${domain.intended.registrar}`);
  if (expiry !== undefined) lines.push(`expires ${expiry.slice(0, 10)}`);
  return { title: "Registrar", lines, problems: labelsAt(domain.findings, "registrar") };
}

function registryNode(domain: DomainReport): ChainNode {
  const { delegation, nameservers } = domain.observed;
  const problems = labelsAt(domain.findings, "registry");
  if (delegation === "not-delegated") {
    return {
      title: "Registry delegation",
      lines: ["no delegation"],
      problems: ["not delegated", ...problems],
    };
  }
  if (delegation === "unknown" || nameservers.parent === undefined) {
    const reason = domain.sources.delegation.reason;
    return {
      title: "Registry delegation",
      lines: ["could not be read", ...(reason === undefined ? [] : [reason])],
      problems,
    };
  }
  return { title: "Registry delegation", lines: [...nameservers.parent], problems };
}

/** The set the delegation should equal: the policy's, else the hosted zone's delegation set. */
function intendedSet(domain: DomainReport): { names: readonly string[]; what: string } | undefined {
  if (domain.intended.nameservers !== undefined) {
    return { names: domain.intended.nameservers, what: "the policy's name servers" };
  }
  const zone = domain.observed.nameservers.hostedZone;
  return zone === undefined ? undefined : { names: zone, what: "the zone's delegation set" };
}

function hostNode(domain: DomainReport): ChainNode {
  const { observed, intended } = domain;
  const lines = [
    observed.delegation === "not-delegated" ? "not delegated" : (observed.dnsHost ?? "unknown"),
  ];
  lines.push(`intended: ${intended.dnsHost}`);
  for (const zone of observed.hostedZones)
    lines.push(`hosted zone ${zone.id} (account ${zone.account})`);
  const set = observed.nameservers.hostedZone;
  if (set !== undefined) lines.push("delegation set:", ...set);
  const problems = labelsAt(domain.findings, "host");
  const expected = intendedSet(domain);
  const parent = observed.nameservers.parent;
  if (expected !== undefined && parent !== undefined) {
    const missing = expected.names.filter((name) => !parent.includes(name));
    if (missing.length > 0) {
      problems.push(`${missing.length} of ${expected.names.length} servers not in the delegation`);
    }
  }
  return { title: "DNS host", lines, problems };
}

function servers(domain: DomainReport): ChainServer[] {
  const expected = intendedSet(domain);
  const belongs = (name: string): ChainLink => ({
    problem:
      expected === undefined || expected.names.includes(name)
        ? undefined
        : `not in ${expected.what}`,
  });
  const answers = domain.observed.nameserverAnswers;
  if (answers === undefined) {
    // A report written before answers were recorded: the servers, without what they said.
    return (domain.observed.nameservers.parent ?? []).map((name) => ({
      name,
      answers: ["answers not recorded"],
      served: { problem: undefined },
      belongs: belongs(name),
    }));
  }
  const byName = new Map<string, { answers: string[]; problems: Set<string> }>();
  for (const answer of answers) {
    const entry = byName.get(answer.nameserver) ?? { answers: [], problems: new Set<string>() };
    const said = answer.detail ?? "authoritative";
    entry.answers.push(answer.address === undefined ? said : `${answer.address}: ${said}`);
    if (answer.detail !== undefined) entry.problems.add(answer.detail);
    byName.set(answer.nameserver, entry);
  }
  return [...byName].map(([name, entry]) => ({
    name,
    answers: entry.answers,
    served: { problem: entry.problems.size === 0 ? undefined : [...entry.problems].join(" / ") },
    belongs: belongs(name),
  }));
}

/** The chain of a domain whose strings have already been made safe to display. */
export function chainOf(domain: DomainReport): ChainView {
  const [registrarLink] = labelsAt(domain.findings, "registrar-link");
  return {
    registrar: registrarNode(domain),
    registrarNameservers: domain.observed.nameservers.registrarAccount,
    registrarToRegistry: { problem: registrarLink },
    registry: registryNode(domain),
    servers: servers(domain),
    host: hostNode(domain),
  };
}
