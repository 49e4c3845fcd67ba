// The account rules of `--inventory`: what an AWS account holds that no policy declares.
import { describe, expect, it } from "vitest";
import { unmanagedDomain } from "../../../src/judge/rules/account/unmanaged-domain.js";
import { unmanagedHostedZone } from "../../../src/judge/rules/account/unmanaged-hosted-zone.js";
import type { InventoriedProvider } from "../../../src/judge/rules/types.js";
import type { AccountInventory } from "../../../src/observe/providers/types.js";
import { findingsOf } from "../../support/rules.js";

const route53: InventoriedProvider = {
  id: "route53",
  registrarService: "Route 53 Domains",
  dnsHostService: "Route 53",
};
const cloudflare: InventoriedProvider = {
  id: "cloudflare",
  registrarService: "Cloudflare Registrar",
  dnsHostService: "Cloudflare DNS",
};

const denied = {
  kind: "unavailable",
  account: "prod",
  reason: "AccessDenied",
  deniedAction: undefined,
} as const;

function inventory(overrides: Partial<AccountInventory> = {}): AccountInventory {
  return {
    account: "prod",
    registeredDomains: {
      kind: "ok",
      account: "prod",
      items: ["example.com", "forgotten.net"].map((name) => ({
        name,
        autoRenew: true,
        transferLock: true,
        expiry: "2027-06-01T00:00:00Z",
      })),
    },
    publicHostedZones: {
      kind: "ok",
      account: "prod",
      items: [
        { id: "Z111", name: "example.com", recordCount: 4 },
        { id: "Z999", name: "stray.org", recordCount: 2 },
      ],
    },
    ...overrides,
  };
}

describe("unmanaged-domain", () => {
  it("reports each registered domain no policy declares, one finding apiece", () => {
    const verdict = unmanagedDomain.evaluate({
      provider: route53,
      inventory: inventory(),
      declared: new Set(["example.com"]),
    });
    const [finding, ...others] = findingsOf(verdict);
    expect(others).toEqual([]);
    expect(finding).toMatchObject({
      message: "forgotten.net is registered in the AWS account prod but declared in no policy.",
      expected: "declared in a policy",
      observed: "forgotten.net",
      key: "forgotten.net",
    });
    expect(finding.remediation).toContain("Add forgotten.net to a policy file");
  });
});

describe("unmanaged-hosted-zone", () => {
  it("reports each public zone no policy declares, keyed by its id", () => {
    const verdict = unmanagedHostedZone.evaluate({
      provider: route53,
      inventory: inventory(),
      declared: new Set(["example.com"]),
    });
    const [finding, ...others] = findingsOf(verdict);
    expect(others).toEqual([]);
    expect(finding).toMatchObject({
      message:
        "The public hosted zone stray.org (Z999) in the AWS account prod is declared in no policy.",
      expected: "declared in a policy",
      observed: "stray.org (Z999)",
      key: "Z999",
    });
    expect(finding.remediation).toContain("aws route53 delete-hosted-zone --id Z999");
  });
});

describe("unmanaged-domain and unmanaged-hosted-zone: nothing unmanaged, and a listing that failed", () => {
  it.each([
    {
      rule: unmanagedDomain,
      what: "domain",
      listing: "registeredDomains",
      names: ["example.com", "forgotten.net"],
      reason: "Route 53 Domains: AccessDenied",
    },
    {
      rule: unmanagedHostedZone,
      what: "zone",
      listing: "publicHostedZones",
      names: ["example.com", "stray.org"],
      reason: "Route 53: AccessDenied",
    },
  ] as const)(
    "$rule.id passes when every $what is declared, and is not checked when the $listing could not be listed",
    ({ rule, listing, names, reason }) => {
      const all = new Set<string>(names);
      expect(rule.evaluate({ provider: route53, inventory: inventory(), declared: all })).toEqual({
        kind: "pass",
      });
      expect(
        rule.evaluate({
          provider: route53,
          inventory: inventory({ [listing]: denied }),
          declared: all,
        }),
      ).toEqual({ kind: "not-checked", reason });
    },
  );
});

describe("account rules at a provider other than Route 53", () => {
  it("name the provider's service and give no AWS command", () => {
    const declared = new Set(["example.com"]);
    const [domain] = findingsOf(
      unmanagedDomain.evaluate({ provider: cloudflare, inventory: inventory(), declared }),
    );
    expect(domain).toEqual({
      message:
        "forgotten.net is registered in the Cloudflare Registrar account prod but declared in no policy.",
      expected: "declared in a policy",
      observed: "forgotten.net",
      remediation: "Add forgotten.net to a policy file.",
      key: "forgotten.net",
    });
    const [zone] = findingsOf(
      unmanagedHostedZone.evaluate({ provider: cloudflare, inventory: inventory(), declared }),
    );
    expect(zone).toEqual({
      message:
        "The public zone stray.org (Z999) in the Cloudflare DNS account prod is declared in no policy.",
      expected: "declared in a policy",
      observed: "stray.org (Z999)",
      remediation:
        "Add stray.org to a policy file, or delete the zone Z999 at Cloudflare DNS if it is unused.",
      key: "Z999",
    });
    expect(
      unmanagedHostedZone.evaluate({
        provider: cloudflare,
        inventory: inventory({ publicHostedZones: denied }),
        declared,
      }),
    ).toEqual({ kind: "not-checked", reason: "Cloudflare DNS: AccessDenied" });
  });
});
