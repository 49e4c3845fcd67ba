// How answers read in failure reasons and in `trace`: one wording everywhere.

import type { HostAddresses } from "./iterative.js";
import type { ServerAnswer } from "./types.js";

const NOT_AUTHORITATIVE = {
  "no-aa": "no AA bit",
  "upward-referral": "upward referral",
  "sideways-referral": "sideways referral",
} as const;

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
      return answer.detail === undefined ? "timeout" : `timeout: ${answer.detail}`;
    case "unreachable":
      return `unreachable: ${answer.detail}`;
    case "malformed":
      return `malformed reply: ${answer.detail}`;
    case "blocked":
      return `blocked: ${answer.reason}`;
  }
}

export function displayZone(zone: string): string {
  return zone === "." ? "the root" : zone;
}

export function describeHost(result: HostAddresses): string {
  switch (result.kind) {
    case "ok":
      return result.addresses.length === 0 ? "no addresses" : result.addresses.join(", ");
    case "nodata":
      return "no address records";
    case "nxdomain":
      return `NXDOMAIN from ${displayZone(result.zone)}`;
    case "alias":
      return `is an alias (CNAME to ${result.target}); name servers must not be aliases`;
    case "failed":
      return result.reason;
  }
}
