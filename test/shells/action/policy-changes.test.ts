// Which domains a pull request changes, from two parsed policy sets: intents, and what a domain's
// check depends on (its providers, its account, its waivers), never where entries are written.
import { describe, expect, it } from "vitest";
import { parsePolicySources } from "../../../src/policy/load.js";
import type { PolicySet } from "../../../src/policy/types.js";
import { diffPolicySets } from "../../../src/shells/action/policy-changes.js";

const NOW = new Date("2026-06-01T00:00:00Z");

function policySet(...files: string[]): PolicySet {
  const sources = files.map((text, i) => ({
    path: `policies/${i}.yaml`,
    bytes: new TextEncoder().encode(text),
  }));
  const parsed = parsePolicySources(sources, { now: NOW });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.diagnostics));
  return parsed.policySet;
}

const BASE = `version: 1
accounts:
  prod: { profile: prod }
  legacy: { profile: legacy }
providers:
  acme-dns:
    dnsHost: { nameservers: ["ns1.acme-dns.net"] }
defaults: { registrar: route53, dnsHost: route53 }
domains:
  plain.com: {}
  prod.com: { account: prod }
  legacy.com: { account: legacy }
  acme.com: { registrar: hover, dnsHost: acme-dns }
  hovered.com: { registrar: hover, dnsHost: hover }
  owned.com: { owner: team-a }
  gone.com: {}
waivers:
  - { domain: plain.com, rule: transfer-lock-disabled, reason: registry has no lock, expires: "2026-12-31" }
`;

describe("diffPolicySets", () => {
  it("finds nothing when the same policies are split, reordered and commented differently", () => {
    const split = policySet(
      `version: 1
providers:
  acme-dns:
    dnsHost: { nameservers: ["ns1.acme-dns.net"] }
accounts:
  legacy: { profile: legacy }
  prod: { profile: prod }
domains:
  # moved first
  gone.com: { registrar: route53, dnsHost: route53 }
  owned.com: { registrar: route53, dnsHost: route53, owner: team-a }
`,
      `version: 1
defaults:
  registrar: route53
  dnsHost: route53
domains:
  hovered.com: { registrar: hover, dnsHost: hover }
  acme.com: { registrar: hover, dnsHost: acme-dns }
  legacy.com: { account: legacy }
  prod.com: { account: prod }
  plain.com: {}
waivers:
  - domain: plain.com
    rule: transfer-lock-disabled
    reason: registry has no lock
    expires: "2026-12-31"
`,
    );
    expect(diffPolicySets(policySet(BASE), split)).toEqual({ changed: new Map(), removed: [] });
  });

  it("names each changed domain with every reason, and the removed ones", () => {
    const head = policySet(
      BASE.replace('["ns1.acme-dns.net"]', '["ns1.acme-dns.net", "ns2.acme-dns.net"]')
        .replace(
          "prod: { profile: prod }",
          'prod: { profile: prod, roleArn: "arn:aws:iam::123456789012:role/drift" }',
        )
        .replace(
          "owned.com: { owner: team-a }",
          "owned.com: { owner: team-b, transferLock: required }",
        )
        .replace("  gone.com: {}\n", "  new.com: {}\n")
        .replace("reason: registry has no lock", "reason: registry has no lock (ticket 7)"),
    );
    const changes = diffPolicySets(policySet(BASE), head);
    expect(Object.fromEntries(changes.changed)).toEqual({
      "plain.com": [{ kind: "waivers" }],
      "prod.com": [{ kind: "account", account: "prod" }],
      "acme.com": [{ kind: "provider", provider: "acme-dns" }],
      "owned.com": [{ kind: "intent", fields: ["hygiene", "owner"] }],
      "new.com": [{ kind: "added" }],
    });
    expect(changes.removed).toEqual(["gone.com"]);
  });

  it("sees a domain's provider change when a policy extends a built-in provider", () => {
    const head = policySet(
      `${BASE}`.replace(
        "providers:\n",
        'providers:\n  hover:\n    dnsHost: { nameservers: ["ns3.hover.com"] }\n',
      ),
    );
    expect(Object.fromEntries(diffPolicySets(policySet(BASE), head).changed)).toEqual({
      "hovered.com": [{ kind: "provider", provider: "hover" }],
      "acme.com": [{ kind: "provider", provider: "hover" }],
    });
  });
});
