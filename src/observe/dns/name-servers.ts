// The delegated name servers: their addresses (glue, or resolved) and one NS query per address
// (plus SOA with `soa`), classified.

import { classifyServerAnswer, soaSerial } from "./classify.js";
import {
  describeHost,
  type IterativeResolver,
  type LookupContext,
  okAddresses,
  outcomeAnswer,
} from "./iterative.js";
import type { NameServerAddresses, NameServerObservation, ServerProbe } from "./types.js";

/** A delegation with more name servers than this has the rest reported as not probed. */
const MAX_NAME_SERVERS = 20;
/** Addresses probed per name server. */
const MAX_ADDRESSES = 8;

export interface ProbeSettings {
  readonly ipv6: boolean;
  readonly soa: boolean;
}

/** Observes every delegated name server of `domain`, all at once. */
export function observeNameServers(
  resolver: IterativeResolver,
  settings: ProbeSettings,
  domain: string,
  ns: readonly string[],
  glue: ReadonlyMap<string, readonly string[]>,
  ctx: LookupContext,
): Promise<NameServerObservation[]> {
  return Promise.all(
    ns.map((name, index) =>
      index < MAX_NAME_SERVERS
        ? observeNameServer(resolver, settings, domain, name, glue.get(name) ?? [], ctx)
        : notProbed(name),
    ),
  );
}

function notProbed(name: string): NameServerObservation {
  return {
    name,
    addresses: {
      kind: "failed",
      reason: `not probed: the delegation lists more than ${MAX_NAME_SERVERS} name servers`,
    },
    probes: [],
  };
}

async function observeNameServer(
  resolver: IterativeResolver,
  settings: ProbeSettings,
  domain: string,
  name: string,
  glue: readonly string[],
  ctx: LookupContext,
): Promise<NameServerObservation> {
  const addresses = await nameServerAddresses(resolver, settings, name, glue, ctx);
  if (addresses.kind !== "ok") return { name, addresses, probes: [] };
  const probes = await Promise.all(
    addresses.addresses
      .slice(0, MAX_ADDRESSES)
      .map((address) => probe(resolver, settings, domain, address, ctx)),
  );
  return { name, addresses, probes };
}

async function nameServerAddresses(
  resolver: IterativeResolver,
  settings: ProbeSettings,
  name: string,
  glue: readonly string[],
  ctx: LookupContext,
): Promise<NameServerAddresses> {
  const usableGlue = settings.ipv6 ? glue : glue.filter((address) => !address.includes(":"));
  if (usableGlue.length > 0) return { kind: "ok", source: "glue", addresses: usableGlue };
  const [v4, v6] = await Promise.all([
    resolver.resolveHost(name, "A", ctx),
    settings.ipv6 ? resolver.resolveHost(name, "AAAA", ctx) : undefined,
  ]);
  const found = [...okAddresses(v4), ...(v6 === undefined ? [] : okAddresses(v6))];
  if (found.length > 0) return { kind: "ok", source: "resolved", addresses: found };
  // NXDOMAIN, an alias or a failure says more than "no addresses"; IPv4 speaks first.
  for (const result of v6 === undefined ? [v4] : [v4, v6]) {
    if (result.kind === "nxdomain") return { kind: "nxdomain", zone: result.zone };
    if (result.kind === "alias" || result.kind === "failed") {
      return { kind: "failed", reason: describeHost(result) };
    }
  }
  return { kind: "no-addresses" };
}

async function probe(
  resolver: IterativeResolver,
  settings: ProbeSettings,
  domain: string,
  address: string,
  ctx: LookupContext,
): Promise<ServerProbe> {
  const outcome = await resolver.query(address, { name: domain, type: "NS" }, ctx);
  if (outcome.kind === "blocked" || outcome.kind === "past-deadline") {
    return { address, answer: outcomeAnswer(outcome), transport: "udp" };
  }
  if (outcome.kind !== "response") {
    const base = { address, answer: outcomeAnswer(outcome), transport: outcome.transport };
    return outcome.kind === "malformed" ? { ...base, rttMs: outcome.rttMs } : base;
  }
  const answer = classifyServerAnswer(outcome.message, domain);
  const result: ServerProbe = {
    address,
    answer,
    rttMs: outcome.rttMs,
    transport: outcome.transport,
  };
  if (!settings.soa || answer.kind !== "authoritative") return result;
  const soa = await resolver.query(address, { name: domain, type: "SOA" }, ctx);
  const serial = soa.kind === "response" ? soaSerial(soa.message, domain) : undefined;
  return serial === undefined ? result : { ...result, answer: { ...answer, soaSerial: serial } };
}
