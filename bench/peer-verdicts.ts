// What each tool concluded about a domain, reduced to the three questions the peer comparison
// asks: is a delegated server lame, do the parent and child NS sets differ, is the domain
// delegated at all. Each reader keeps the tool's own tags as evidence.

import { isIP } from "node:net";
import type { Report } from "../src/report/model/model.js";

export interface Verdict {
  readonly lame: boolean;
  readonly mismatch: boolean;
  readonly notDelegated: boolean;
  /** The tool's own words for what it found: rule ids, Zonemaster tags, DNSViz codes. */
  readonly evidence: readonly string[];
}

export const NO_PROBLEM = { lame: false, mismatch: false, notDelegated: false } as const;

export function sameVerdict(a: Omit<Verdict, "evidence">, b: Omit<Verdict, "evidence">): boolean {
  return a.lame === b.lame && a.mismatch === b.mismatch && a.notDelegated === b.notDelegated;
}

export function domainDriftVerdict(report: Report, domain: string): Verdict {
  const entry = report.domains.find((d) => d.domain === domain);
  if (entry === undefined) throw new Error(`the report has no ${domain}`);
  const rules = entry.findings.map((f) => f.rule);
  return {
    lame: rules.includes("lame-delegation"),
    mismatch: rules.includes("parent-child-ns-mismatch"),
    notDelegated: entry.observed.delegation === "not-delegated",
    evidence: [...new Set(rules)],
  };
}

interface ZonemasterMessage {
  readonly tag: string;
  readonly testcase: string;
  readonly level: string;
  readonly args?: Record<string, unknown>;
}

// Zonemaster's tags (engine 4.x) for a server that answers but not authoritatively, or not at all.
const ZONEMASTER_LAME = new Set(["NS_FAILED", "IS_NOT_AUTHORITATIVE", "NO_RESPONSE"]);
// DELEGATION07: the names in the delegation and in the zone's own NS set differ.
const ZONEMASTER_MISMATCH = new Set([
  "EXTRA_NAME_PARENT",
  "EXTRA_NAME_CHILD",
  "TOTAL_NAME_MISMATCH",
]);

/**
 * `zonemaster-cli --json` output. A lame finding counts only when it names an address of a
 * delegated server: Zonemaster also asks servers that only the child lists.
 */
export function zonemasterVerdict(json: string, delegated: ReadonlySet<string>): Verdict {
  const messages = JSON.parse(json) as ZonemasterMessage[];
  const namesDelegated = (m: ZonemasterMessage) => {
    const ns = String(m.args?.ns ?? "");
    return [...delegated].some((address) => ns.endsWith(`/${address}`));
  };
  const notDelegated = messages.some((m) => m.tag === "NOT_ENOUGH_NS_DEL" && m.args?.count === 0);
  const lame = messages.filter((m) => ZONEMASTER_LAME.has(m.tag) && namesDelegated(m));
  const mismatch = notDelegated ? [] : messages.filter((m) => ZONEMASTER_MISMATCH.has(m.tag));
  return {
    lame: lame.length > 0,
    mismatch: mismatch.length > 0,
    notDelegated,
    evidence: [
      ...new Set([...lame, ...mismatch].map((m) => m.tag)),
      ...(notDelegated ? ["NOT_ENOUGH_NS_DEL count=0"] : []),
    ],
  };
}

// DNSViz codes for a server that answers wrongly or not at all.
const DNSVIZ_LAME = new Set([
  "INVALID_RCODE",
  "NOT_AUTHORITATIVE",
  "SERVER_INVALID_RESPONSE_UDP",
  "SERVER_INVALID_RESPONSE_TCP",
  "SERVER_UNRESPONSIVE_UDP",
  "SERVER_UNRESPONSIVE_TCP",
]);
const DNSVIZ_MISMATCH = new Set(["NS_NAME_NOT_IN_CHILD", "NS_NAME_NOT_IN_PARENT"]);

interface DnsvizFinding {
  readonly code: string;
  readonly servers: readonly string[];
}

function dnsvizFindings(node: unknown, into: DnsvizFinding[] = []): DnsvizFinding[] {
  if (Array.isArray(node)) {
    for (const item of node) dnsvizFindings(item, into);
  } else if (node !== null && typeof node === "object") {
    const record = node as Record<string, unknown>;
    if (typeof record.code === "string") {
      const servers = Array.isArray(record.servers) ? record.servers.map(String) : [];
      into.push({ code: record.code, servers });
    }
    for (const value of Object.values(record)) dnsvizFindings(value, into);
  }
  return into;
}

/** `dnsviz grok` output for one domain (the analysis of `dnsviz probe`). */
export function dnsvizVerdict(
  grok: string,
  domain: string,
  delegated: ReadonlySet<string>,
): Verdict {
  const analysis = JSON.parse(grok) as Record<string, unknown>;
  const own = analysis[`${domain}.`] as
    | { queries?: Record<string, Record<string, unknown>> }
    | undefined;
  const notDelegated = Object.values(own?.queries ?? {}).some((query) => "nxdomain" in query);
  const findings = dnsvizFindings(own ?? {});
  const lame = findings.filter(
    (f) => DNSVIZ_LAME.has(f.code) && f.servers.some((server) => delegated.has(server)),
  );
  const mismatch = findings.filter((f) => DNSVIZ_MISMATCH.has(f.code));
  return {
    lame: lame.length > 0,
    mismatch: mismatch.length > 0,
    notDelegated,
    evidence: [
      ...new Set([...lame, ...mismatch].map((f) => f.code)),
      ...(notDelegated ? ["NXDOMAIN"] : []),
    ],
  };
}

/** Every IP address a JSON document mentions, as keys or values. */
export function addressesIn(node: unknown, into = new Set<string>()): Set<string> {
  if (typeof node === "string") {
    if (isIP(node) !== 0) into.add(node);
  } else if (Array.isArray(node)) {
    for (const item of node) addressesIn(item, into);
  } else if (node !== null && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if (isIP(key) !== 0) into.add(key);
      addressesIn(value, into);
    }
  }
  return into;
}

/**
 * A `zonemaster-cli --save` file: one `name address {cache}` line per server asked, the cache
 * holding one entry per distinct query sent to it. Returns the servers and the query count.
 */
export function zonemasterSaved(saved: string): { servers: Set<string>; queries: number } {
  const servers = new Set<string>();
  let queries = 0;
  for (const line of saved.split("\n")) {
    const [, address, ...rest] = line.split(" ");
    if (address === undefined || isIP(address) === 0) continue;
    servers.add(address);
    queries += Object.keys(JSON.parse(rest.join(" ")) as object).length;
  }
  return { servers, queries };
}

export const isLoopback = (address: string): boolean =>
  address === "::1" || (isIP(address) === 4 && address.startsWith("127."));
