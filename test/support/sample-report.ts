// A deterministic report covering every status, a waiver, an expired waiver, a baseline and an
// account finding — the input of the renderers' golden tests.
import { findingFingerprint } from "../../src/judge/findings.js";
import { judgeDomain } from "../../src/judge/judge.js";
import { waiverBook } from "../../src/judge/waivers.js";
import type { AccountReport, Report } from "../../src/report/model/model.js";
import { summarise } from "../../src/report/model/summary.js";
import {
  delegated,
  intent,
  NOW,
  nameserver,
  observations,
  R53_NEW_SET,
  R53_SET,
  rdapRegistered,
  zone,
} from "./observations.js";
import { catalog } from "./rules.js";

const HOVER = ["ns1.hover.com", "ns2.hover.com"];

export function sampleReport(): Report {
  const book = waiverBook([
    {
      domain: "waived.example",
      rule: "transfer-lock-disabled",
      reason: "registry has no lock | see *OPS-7*",
      expires: "2027-01-31",
      position: { file: "policies/brands.yaml", line: 30, column: 5 },
    },
    {
      domain: "legacy.example",
      rule: "lame-delegation",
      reason: "old waiver",
      expires: "2026-10-01",
      position: { file: "policies/brands.yaml", line: 35, column: 5 },
    },
  ]);
  const domains = [
    judgeDomain(
      intent({ position: { file: "policies/brands.yaml", line: 5, column: 3 } }),
      observations(),
      catalog,
      book,
      NOW,
    ),
    judgeDomain(
      intent({
        name: "recreated.example",
        unicode: "recreated.example",
        position: { file: "policies/brands.yaml", line: 8, column: 3 },
      }),
      observations({
        delegation: delegated(
          R53_SET,
          R53_SET.map((n) => nameserver(n, { kind: "refused" })),
          "recreated.example",
        ),
        hostedZones: {
          kind: "found",
          account: "default",
          zones: [zone("Z0NEW", R53_NEW_SET, "recreated.example")],
        },
      }),
      catalog,
      book,
      NOW,
    ),
    judgeDomain(
      intent({
        name: "xn--bcher-kva.example",
        unicode: "bücher.example",
        registrar: "hover",
        dnsHost: "hover",
        architecture: "external",
        position: { file: "policies/brands.yaml", line: 12, column: 3 },
      }),
      observations({
        delegation: delegated(
          HOVER,
          HOVER.map((n) => nameserver(n, { kind: "authoritative", ns: HOVER })),
          "xn--bcher-kva.example",
        ),
        rdap: {
          kind: "unavailable",
          domain: "xn--bcher-kva.example",
          reason: "no RDAP service for .example in the IANA bootstrap",
          url: undefined,
        },
        registration: { kind: "not-in-account", account: "default" },
        hostedZones: { kind: "none", account: "default" },
      }),
      catalog,
      book,
      NOW,
    ),
    judgeDomain(
      intent({
        name: "waived.example",
        unicode: "waived.example",
        registrar: "godaddy",
        dnsHost: "hover",
        architecture: "external",
        hygiene: { expiryMinDays: 30, transferLock: "required", autoRenew: "ignore" },
        position: { file: "policies/brands.yaml", line: 15, column: 3 },
      }),
      observations({
        delegation: delegated(
          HOVER,
          HOVER.map((n) => nameserver(n, { kind: "authoritative", ns: HOVER })),
          "waived.example",
        ),
        rdap: rdapRegistered({
          domain: "waived.example",
          registrar: { ianaId: 146, name: "GoDaddy.com, LLC" },
          statuses: ["active"],
        }),
        registration: { kind: "not-in-account", account: "default" },
        hostedZones: { kind: "none", account: "default" },
      }),
      catalog,
      book,
      NOW,
    ),
    judgeDomain(
      intent({
        name: "legacy.example",
        unicode: "legacy.example",
        registrar: "godaddy",
        dnsHost: "route53",
        architecture: "dns-host-only",
        position: { file: "policies/legacy.yaml", line: 4, column: 3 },
      }),
      observations({
        delegation: delegated(
          R53_SET,
          [nameserver(R53_SET[0] as string), nameserver(R53_SET[1] as string, { kind: "timeout" })],
          "legacy.example",
        ),
        rdap: rdapRegistered({
          domain: "legacy.example",
          registrar: { ianaId: 69, name: "Tucows Domains Inc. <script>@admins" },
        }),
        registration: { kind: "not-in-account", account: "default" },
        hostedZones: {
          kind: "unavailable",
          account: "default",
          reason: "AccessDenied: not authorized to perform route53:ListHostedZones",
          deniedAction: "route53:ListHostedZones",
        },
      }),
      catalog,
      book,
      NOW,
    ),
  ].sort((a, b) => (a.domain < b.domain ? -1 : 1));
  const accounts: AccountReport[] = [
    {
      account: "default",
      findings: [
        {
          rule: "unmanaged-domain",
          severity: "low",
          message:
            "forgotten.example is registered in the AWS account default but declared in no policy.",
          expected: "declared in a policy",
          observed: "forgotten.example",
          remediation:
            "Add forgotten.example to a policy file (domain-drift init --from-aws writes one for everything in the account).",
          location: { file: "policies/brands.yaml", line: 1, column: 1 },
          fingerprint: findingFingerprint(
            "unmanaged-domain",
            "account:default",
            "forgotten.example",
          ),
          suppressed: undefined,
          baseline: undefined,
        },
      ],
      sources: {
        route53Domains: { status: "ok", reason: undefined },
        route53: { status: "ok", reason: undefined },
      },
    },
  ];
  return {
    schemaVersion: "1.0",
    tool: { name: "domain-drift", version: "0.1.0" },
    startedAt: "2026-11-26T12:00:00.000Z",
    finishedAt: "2026-11-26T12:00:03.500Z",
    failOn: "high",
    shard: undefined,
    summary: summarise(domains, accounts),
    diagnoses: [],
    domains,
    accounts,
    baseline: undefined,
    stats: {
      durationMs: 3500,
      dnsQueries: 42,
      rdapRequests: 5,
      awsCalls: { ListHostedZones: 1, GetHostedZone: 1 },
    },
  };
}
