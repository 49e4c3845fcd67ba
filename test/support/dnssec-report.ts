// The sample report with a DNSSEC chain on one domain: the parent's DS 4242 leads to the key
// served at ns1 (which signs DNSKEY and NS), while ns2 serves other keys (the DNS host changed):
// the input of the HTML report's DNSSEC drawing tests.
import type { DomainReport, Report } from "../../src/report/model/model.js";
import { sampleReport } from "./sample-report.js";

export const DNSSEC_DOMAIN = "example.com";

type Validated = Extract<
  NonNullable<DomainReport["observed"]["dnssec"]>["servers"][number]["chain"],
  { kind: "validated" }
>;

const key = (keyTag: number, sep: boolean, dsMatched: boolean) => ({
  keyTag,
  algorithm: 13,
  flags: sep ? 257 : 256,
  secureEntryPoint: sep,
  revoked: false,
  dsMatched,
  status: "usable",
});

const SECURE: Validated = {
  kind: "validated",
  verdict: "secure",
  reasons: [],
  ds: [{ keyTag: 4242, algorithm: 13, digestType: 2, status: "matched" }],
  keys: [key(4242, true, true), key(1001, false, false)],
  rrsets: [
    { rrset: "DNSKEY", status: "anchored", signedBy: [4242], signatures: [] },
    { rrset: "NS", status: "valid", signedBy: [1001], signatures: [] },
  ],
  earliestExpiration: { rrset: "NS", at: "2027-01-01T00:00:00.000Z" },
  warnings: [],
};

const MOVED: Validated = {
  kind: "validated",
  verdict: "bogus",
  reasons: ["ds-matches-no-key", "dnskey-not-signed-by-ds-key"],
  ds: [{ keyTag: 4242, algorithm: 13, digestType: 2, status: "no-matching-key" }],
  keys: [key(5151, true, false)],
  rrsets: [
    { rrset: "DNSKEY", status: "self-signed", signedBy: [5151], signatures: [] },
    { rrset: "NS", status: "valid", signedBy: [5151], signatures: [] },
  ],
  earliestExpiration: null,
  warnings: [],
};

/** The sample report, its `example.com` carrying the chain above and a dnssec-bogus finding. */
export function dnssecReport(): Report {
  const report = sampleReport();
  const domains = report.domains.map((domain): DomainReport => {
    if (domain.domain !== DNSSEC_DOMAIN) return domain;
    const [ns1, ns2] = domain.observed.nameservers.parent ?? [];
    return {
      ...domain,
      status: "drift",
      observed: {
        ...domain.observed,
        dnssec: {
          ds: [{ keyTag: 4242, algorithm: 13, digestType: 2, digest: "ab".repeat(32) }],
          servers: [
            { nameserver: ns1 ?? "ns1", address: "192.0.2.1", chain: SECURE },
            { nameserver: ns2 ?? "ns2", address: "192.0.2.2", chain: MOVED },
          ],
        },
      },
      findings: [
        ...domain.findings,
        {
          rule: "dnssec-bogus",
          severity: "critical",
          message: `1 of 2 server addresses of ${DNSSEC_DOMAIN} break the DNSSEC chain <b>from</b> the parent's DS.`,
          expected: "every server signs with a key matching DS 4242",
          observed: ["ns2 serves keys 5151, none matching DS 4242"],
          remediation: "Fix the keys.",
          location: domain.policy,
          fingerprint: "dnssec-bogus-sample",
          suppressed: undefined,
          baseline: undefined,
        },
      ],
    };
  });
  return { ...report, domains };
}
