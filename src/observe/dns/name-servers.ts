// The delegated name servers: their addresses (glue, or resolved) and one NS query per address
// (plus SOA with `soa`, and DNSKEY when the walk looks at DNSSEC), classified.

import { classifyServerAnswer, soaSerial } from "./classify.js";
import { type DnssecCheck, probeDnssec } from "./dnssec-probe.js";
import {
  cutShortBy,
  describeHost,
  type HostAddresses,
  type IterativeResolver,
  isV6,
  type LookupContext,
  okAddresses,
  outcomeAnswer,
} from "./iterative.js";
import type {
  IncompleteLookup,
  Ipv6Mode,
  NameServerAddresses,
  NameServerObservation,
  NotProbedReason,
  ServerProbe,
} from "./types.js";

/** A delegation with more name servers than this has the rest reported as not probed. */
const MAX_NAME_SERVERS = 20;
/** Addresses probed per name server; the rest are reported as not probed. */
const MAX_ADDRESSES = 8;

export interface ProbeSettings {
  readonly ipv6: Ipv6Mode;
  readonly soa: boolean;
  /** Set when each address is also asked for the zone's DNSKEY RRset and its chain validated. */
  readonly dnssec: DnssecCheck | undefined;
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
        : {
            name,
            addresses: {
              kind: "not-probed",
              reason: { kind: "nameserver-cap", limit: MAX_NAME_SERVERS },
            },
            probes: [],
          },
    ),
  );
}

const notProbed = (address: string, reason: NotProbedReason): ServerProbe => ({
  address,
  answer: { kind: "not-probed", reason },
  transport: "udp",
});

const IPV6_DISABLED: NotProbedReason = { kind: "ipv6-off", cause: "disabled" };
const IPV6_NO_ROUTE: NotProbedReason = { kind: "ipv6-off", cause: "no-route" };

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
  // Every known address appears: those not asked say why, so that no check mistakes them for
  // addresses that do not exist.
  let asked = 0;
  const probes = await Promise.all(
    addresses.addresses.map((address) => {
      if (settings.ipv6 === "off" && isV6(address)) return notProbed(address, IPV6_DISABLED);
      asked += 1;
      if (asked > MAX_ADDRESSES) {
        return notProbed(address, { kind: "address-cap", limit: MAX_ADDRESSES });
      }
      return probe(resolver, settings, domain, address, ctx);
    }),
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
  const ipv6 = settings.ipv6 !== "off";
  if (glue.some((address) => ipv6 || !isV6(address))) {
    return { kind: "ok", source: "glue", addresses: glue };
  }
  const [v4, v6] = await Promise.all([
    resolver.resolveHost(name, "A", ctx),
    ipv6 ? resolver.resolveHost(name, "AAAA", ctx) : undefined,
  ]);
  const found = [...okAddresses(v4), ...(v6 === undefined ? [] : okAddresses(v6))];
  // IPv6 glue kept while IPv6 is off: reported as not probed, not dropped.
  if (found.length > 0) {
    const resolved = { kind: "ok", source: "resolved", addresses: [...found, ...glue] } as const;
    // One family found, the other's lookup cut short by the walk's limits or failed (SERVFAIL,
    // no server answered): its addresses are unknown, which the checks must name rather than
    // pass on the addresses found.
    const incomplete = familyIncomplete(v4, "A", ctx) ?? familyIncomplete(v6, "AAAA", ctx);
    return incomplete === undefined ? resolved : { ...resolved, incomplete };
  }
  if (glue.length > 0) return { kind: "ok", source: "glue", addresses: glue };
  // NXDOMAIN, an alias or a failure says more than "no addresses"; IPv4 speaks first.
  for (const result of v6 === undefined ? [v4] : [v4, v6]) {
    if (result.kind === "nxdomain") return { kind: "nxdomain", zone: result.zone };
    // A lookup the walk's budget or deadline cut short found nothing out: the server is not
    // examined, not lame.
    const cutShort = cutShortBy(result, ctx);
    if (cutShort !== undefined) return { kind: "not-probed", reason: cutShort };
    if (result.kind === "alias" || result.kind === "failed") {
      return { kind: "failed", reason: describeHost(result) };
    }
  }
  return { kind: "no-addresses" };
}

/** A family's lookup that did not finish, and why; undefined when it found out (or was not asked). */
function familyIncomplete(
  result: HostAddresses | undefined,
  type: "A" | "AAAA",
  ctx: LookupContext,
): IncompleteLookup | undefined {
  if (result?.kind !== "failed") return undefined;
  const limit = cutShortBy(result, ctx);
  return {
    type,
    why:
      limit === undefined
        ? { kind: "failed", reason: result.reason }
        : { kind: "cut-short", reason: limit },
  };
}

async function probe(
  resolver: IterativeResolver,
  settings: ProbeSettings,
  domain: string,
  address: string,
  ctx: LookupContext,
): Promise<ServerProbe> {
  const outcome = await resolver.query(address, { name: domain, type: "NS" }, ctx);
  // With IPv6 on `auto`, an IPv6 address this host cannot route to is out of reach by setting.
  if (outcome.kind === "unroutable" && settings.ipv6 === "auto" && isV6(address)) {
    return notProbed(address, IPV6_NO_ROUTE);
  }
  if (
    outcome.kind === "blocked" ||
    outcome.kind === "past-deadline" ||
    outcome.kind === "over-budget"
  ) {
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
  // A server that does not serve the zone is not asked for its keys: its `answer` says why.
  if (answer.kind !== "authoritative") return result;
  const soa = settings.soa
    ? await resolver.query(address, { name: domain, type: "SOA" }, ctx)
    : undefined;
  const soaReply = soa?.kind === "response" ? soa : undefined;
  const serial = soaReply === undefined ? undefined : soaSerial(soaReply.message, domain);
  const withSerial =
    serial === undefined ? result : { ...result, answer: { ...answer, soaSerial: serial } };
  if (settings.dnssec === undefined) return withSerial;
  const replies = { ns: outcome.bytes, soa: soaReply?.bytes };
  const dnssec = await probeDnssec(resolver, domain, address, replies, settings.dnssec, ctx);
  return { ...withSerial, dnssec };
}
