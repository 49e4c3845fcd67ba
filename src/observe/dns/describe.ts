// How answers read in failure reasons, in `trace` and in findings: one wording everywhere. Pure and
// free of the walker's I/O, so the rules (which describe lame servers) may use it too.
import { absoluteName } from "../../names/tree.js";
import type {
  DnssecChain,
  DnssecKeyLink,
  DnssecRrsetLink,
  IncompleteLookup,
  NameServerAddresses,
  NotProbedReason,
  ServerAnswer,
  ServerRef,
} from "./types.js";

const NOT_AUTHORITATIVE = {
  "no-aa": "no AA bit",
  "upward-referral": "upward referral",
  "sideways-referral": "sideways referral",
} as const;

/** `ns1.example.net (192.0.2.1)`, or the address alone for a server known only by it. */
export function describeServer(ref: ServerRef): string {
  return ref.name === ref.address ? ref.address : `${ref.name} (${ref.address})`;
}

export function describeServerAnswer(answer: ServerAnswer): string {
  switch (answer.kind) {
    case "authoritative": {
      const ns = answer.ns.length === 0 ? "no NS records" : `NS ${answer.ns.join(" ")}`;
      const serial = answer.soaSerial === undefined ? "" : `, SOA serial ${answer.soaSerial}`;
      return `authoritative, ${ns}${serial}`;
    }
    case "refused":
      return "REFUSED";
    case "servfail":
      return "SERVFAIL";
    case "nxdomain":
      return "NXDOMAIN";
    case "rcode":
      return answer.rcode;
    case "not-authoritative":
      return `not authoritative (${NOT_AUTHORITATIVE[answer.detail]})`;
    case "timeout":
      return "timeout";
    case "unreachable":
      return `unreachable: ${answer.detail}`;
    case "malformed":
      return `malformed reply: ${answer.detail}`;
    case "blocked":
      return `blocked: ${answer.reason}`;
    case "unroutable":
      return `unroutable: ${answer.detail}`;
    case "not-probed":
      return `not probed: ${describeNotProbed(answer.reason)}`;
  }
}

export function describeNotProbed(reason: NotProbedReason): string {
  switch (reason.kind) {
    case "nameserver-cap":
      return `the delegation lists more than ${reason.limit} name servers, and a walk probes ${reason.limit}`;
    case "address-cap":
      return `the name server has more than ${reason.limit} addresses, and a walk probes ${reason.limit} per server`;
    case "ipv6-off":
      return reason.cause === "disabled" ? "IPv6 is off" : "this host has no IPv6 route";
    case "query-budget":
      return `the walk had sent the ${reason.limit} queries one walk may send (a hostile or broken zone?)`;
    case "walk-deadline":
      return `the walk had reached its ${reason.limitMs / 1000} s deadline (a hostile or unresponsive zone?)`;
  }
}

/**
 * `IPv6 addresses not looked up: the walk had reached its 10 s deadline (...)`, or
 * `IPv6 addresses unknown: their lookup failed: <why>`.
 */
export function describeIncomplete(incomplete: IncompleteLookup): string {
  const family = incomplete.type === "AAAA" ? "IPv6" : "IPv4";
  const { why } = incomplete;
  return why.kind === "cut-short"
    ? `${family} addresses not looked up: ${describeNotProbed(why.reason)}`
    : `${family} addresses unknown: their lookup failed: ${why.reason}`;
}

export function displayZone(zone: string): string {
  return zone === "." ? "the root" : zone;
}

// One server address's DNSSEC chain on one line, the same in `trace` and in the text report:
// DS key tags → DNSKEY key tags → which key signs which apex RRset.
type ChainView = Pick<DnssecChain, "verdict" | "reasons" | "ds" | "keys" | "rrsets" | "warnings">;

function keyText(key: DnssecKeyLink): string {
  const notes = [
    key.secureEntryPoint ? "SEP" : "",
    key.dsMatched ? "DS match" : "",
    key.revoked ? "revoked" : "",
    key.status === "usable" ? "" : key.status,
  ].filter((note) => note !== "");
  return notes.length === 0 ? `${key.keyTag}` : `${key.keyTag} (${notes.join(", ")})`;
}

function rrsetText(rrset: DnssecRrsetLink): string {
  if (rrset.status === "missing" || rrset.status === "not-observed") {
    return `${rrset.rrset} ${rrset.status}`;
  }
  const failed = rrset.signatures
    .filter((s) => s.result !== "valid")
    .map((s) => `${s.keyTag ?? "?"} ${s.result}`);
  const by = rrset.signedBy.length > 0 ? ` by ${rrset.signedBy.join(", ")}` : "";
  return `${rrset.rrset} ${rrset.status}${by}${failed.length > 0 ? ` [${failed.join(", ")}]` : ""}`;
}

export function describeDnssecChain(chain: ChainView): string {
  const verdict =
    chain.reasons.length > 0 ? `${chain.verdict} (${chain.reasons.join(", ")})` : chain.verdict;
  const ds =
    chain.ds.length === 0
      ? "no DS"
      : `DS ${chain.ds.map((d) => (d.status === "matched" ? `${d.keyTag}` : `${d.keyTag} (${d.status})`)).join(", ")}`;
  const keys =
    chain.keys.length === 0 ? "no DNSKEY" : `DNSKEY ${chain.keys.map(keyText).join(", ")}`;
  const warnings = chain.warnings.length > 0 ? `; warnings: ${chain.warnings.join(", ")}` : "";
  return `${verdict}: ${ds} → ${keys} → ${chain.rrsets.map(rrsetText).join("; ")}${warnings}`;
}

/** How a name server's addresses were found (`resolved 192.0.2.1`), or why none is known. */
export function describeAddresses(addresses: NameServerAddresses): string {
  switch (addresses.kind) {
    case "ok": {
      const found = `${addresses.source === "glue" ? "glue" : "resolved"} ${addresses.addresses.join(" ")}`;
      return addresses.incomplete === undefined
        ? found
        : `${found} (${describeIncomplete(addresses.incomplete)})`;
    }
    case "nxdomain":
      return `does not exist: NXDOMAIN from ${absoluteName(addresses.zone)}`;
    case "no-addresses":
      return "has no address records";
    case "failed":
      return `no addresses: ${addresses.reason}`;
    case "not-probed":
      return `not probed: ${describeNotProbed(addresses.reason)}`;
  }
}
