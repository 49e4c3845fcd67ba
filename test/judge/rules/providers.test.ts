// The rules that read a provider's API, judged on what Cloudflare's API shows: its zone status,
// its registrations (which list no name servers), and a domain the registry places at Cloudflare
// Registrar but outside our account. Route 53's verdicts are the other rule suites'.
import { describe, expect, it } from "vitest";
import { dnsZoneNotActive } from "../../../src/judge/rules/domain/dns-zone-not-active.js";
import { registrarAccountMissing } from "../../../src/judge/rules/domain/registrar-account-missing.js";
import { registrarNameserversMismatch } from "../../../src/judge/rules/domain/registrar-nameservers-mismatch.js";
import type { ZoneStatus } from "../../../src/observe/providers/types.js";
import {
  atCloudflare as cloudflareDomain,
  intent,
  observations,
  rdapRegistered,
  zone,
} from "../../support/observations.js";
import { evaluate, findingsOf } from "../../support/rules.js";

const CLOUDFLARE_PAIR = ["ada.ns.cloudflare.com", "bob.ns.cloudflare.com"];
const { intent: atCloudflare, apis } = cloudflareDomain();
const rdapAtCloudflare = rdapRegistered({
  registrar: { ianaId: 1910, name: "Cloudflare, Inc." },
  nameservers: CLOUDFLARE_PAIR,
});
const registered = {
  kind: "registered",
  account: "cf-main",
  detail: {
    name: "example.com",
    autoRenew: true,
    transferLock: true,
    expiry: "2030-01-01T00:00:00.000Z",
    nameservers: undefined,
    registrarName: "Cloudflare, Inc.",
    statusList: ["active"],
    dnssecKeys: undefined,
  },
} as const;

function withZone(status: ZoneStatus) {
  return observations({
    ...apis,
    rdap: rdapAtCloudflare,
    registration: registered,
    hostedZones: {
      kind: "found",
      account: "cf-main",
      zones: [{ ...zone("023e105f4ecef8ad9ca31a8372d0c353", CLOUDFLARE_PAIR), status }],
    },
  });
}

describe("dns-zone-not-active", () => {
  it("passes an active zone and fails a pending or moved one, naming its servers", () => {
    expect(evaluate(dnsZoneNotActive, atCloudflare, withZone("active")).kind).toBe("pass");
    for (const status of ["pending", "moved"] as const) {
      const [finding] = findingsOf(evaluate(dnsZoneNotActive, atCloudflare, withZone(status)));
      expect(finding.observed).toBe(status);
      expect(finding.remediation).toContain("ada.ns.cloudflare.com, bob.ns.cloudflare.com");
    }
  });

  it("does not apply to Route 53, whose zones serve from creation", () => {
    expect(evaluate(dnsZoneNotActive, intent(), observations())).toEqual({
      kind: "not-applicable",
      reason: "Route 53 serves a zone from the moment it exists",
    });
  });

  it("does not apply to a Cloudflare domain that names no Cloudflare account", () => {
    const unnamed = intent({
      registrar: "cloudflare",
      dnsHost: "cloudflare",
      architecture: "external",
    });
    expect(evaluate(dnsZoneNotActive, unnamed, observations()).kind).toBe("not-applicable");
  });
});

describe("registrar-account-missing", () => {
  it("fails when the registry says Cloudflare but our account does not hold the domain", () => {
    const elsewhere = observations({
      ...apis,
      rdap: rdapAtCloudflare,
      registration: { kind: "not-in-account", account: "cf-main" },
    });
    const [finding] = findingsOf(evaluate(registrarAccountMissing, atCloudflare, elsewhere));
    expect(finding.message).toContain("not in the Cloudflare Registrar account cf-main");
  });

  it("passes a domain in the account; leaves another registrar to registrar-mismatch", () => {
    expect(evaluate(registrarAccountMissing, atCloudflare, withZone("active")).kind).toBe("pass");
    const transferred = observations({
      ...apis,
      registration: { kind: "not-in-account", account: "cf-main" },
    });
    expect(evaluate(registrarAccountMissing, atCloudflare, transferred).kind).toBe(
      "not-applicable",
    );
  });

  it("is not checked when the registrar API could not be asked", () => {
    const refused = observations({
      ...apis,
      rdap: rdapAtCloudflare,
      registration: {
        kind: "unavailable",
        account: "cf-main",
        reason: "no Cloudflare API token: CLOUDFLARE_API_TOKEN is not set",
        deniedAction: undefined,
      },
    });
    expect(evaluate(registrarAccountMissing, atCloudflare, refused)).toEqual({
      kind: "not-checked",
      reason: "Cloudflare Registrar: no Cloudflare API token: CLOUDFLARE_API_TOKEN is not set",
    });
  });
});

describe("registrar-nameservers-mismatch", () => {
  it("does not apply where the registrar's API lists no name servers", () => {
    expect(evaluate(registrarNameserversMismatch, atCloudflare, withZone("active"))).toEqual({
      kind: "not-applicable",
      reason: "Cloudflare Registrar does not publish name servers",
    });
  });
});

describe("dns-zone-not-active: what each zone status means, and zones it cannot judge", () => {
  it("says what a pending, initializing or moved zone means for the domain", () => {
    const meanings = {
      pending: "has not seen the delegation to its name servers yet",
      initializing: "is being set up and is not served yet",
      moved: "saw the delegation move elsewhere and no longer serves the zone",
    } as const;
    for (const [status, meaning] of Object.entries(meanings)) {
      const [finding] = findingsOf(
        evaluate(dnsZoneNotActive, atCloudflare, withZone(status as ZoneStatus)),
      );
      expect(finding.message).toContain(
        `The Cloudflare DNS zone of example.com (023e105f4ecef8ad9ca31a8372d0c353) is ${status}: `,
      );
      expect(finding.message).toContain(meaning);
      expect(finding.expected).toBe("active");
    }
  });

  it("is not checked when the zones could not be listed, and leaves missing or duplicate zones to their rules", () => {
    const unlisted = observations({
      ...apis,
      hostedZones: {
        kind: "unavailable",
        account: "cf-main",
        reason: "HTTP 403",
        deniedAction: undefined,
      },
    });
    expect(evaluate(dnsZoneNotActive, atCloudflare, unlisted)).toEqual({
      kind: "not-checked",
      reason: "Cloudflare DNS: HTTP 403",
    });
    const none = observations({ ...apis, hostedZones: { kind: "none", account: "cf-main" } });
    expect(evaluate(dnsZoneNotActive, atCloudflare, none)).toEqual({
      kind: "not-applicable",
      reason: "there is no such zone (see hosted-zone-missing)",
    });
    const two = observations({
      ...apis,
      hostedZones: {
        kind: "found",
        account: "cf-main",
        zones: [zone("zone-a", CLOUDFLARE_PAIR), zone("zone-b", CLOUDFLARE_PAIR)],
      },
    });
    expect(evaluate(dnsZoneNotActive, atCloudflare, two)).toEqual({
      kind: "not-applicable",
      reason: "several zones share the name and none is pinned (see hosted-zone-duplicate)",
    });
  });
});

describe("registrar-account-missing: its finding and what it leaves to others", () => {
  const elsewhere = observations({
    ...apis,
    rdap: rdapAtCloudflare,
    registration: { kind: "not-in-account", account: "cf-main" },
  });

  it("calls it a possible takeover, with the account it looked in", () => {
    const [finding] = findingsOf(evaluate(registrarAccountMissing, atCloudflare, elsewhere));
    expect(finding).toMatchObject({
      expected: "cloudflare (account cf-main)",
      observed: "cloudflare (another account)",
    });
    expect(finding.message).toContain("registered with Cloudflare");
    expect(finding.remediation).toContain("contact Cloudflare at once");
  });

  it("does not apply to subdomains, to Route 53 (registrar-mismatch's), or to registrars not asked", () => {
    const shop = { ...atCloudflare, name: "shop.example.com", unicode: "shop.example.com" };
    expect(evaluate(registrarAccountMissing, shop, elsewhere)).toEqual({
      kind: "not-applicable",
      reason: "shop.example.com is a subdomain; registrars hold registered domains",
    });
    expect(evaluate(registrarAccountMissing, intent(), observations()).kind).toBe("not-applicable");
    expect(
      evaluate(registrarAccountMissing, intent({ registrar: "hover" }), observations()),
    ).toEqual({
      kind: "not-applicable",
      reason: "the registrar hover is not asked through an API",
    });
  });

  it("is not checked when the registry does not say who the registrar is", () => {
    const blind = observations({
      ...apis,
      rdap: { kind: "unavailable", domain: "example.com", reason: "HTTP 429", url: undefined },
      registration: { kind: "not-in-account", account: "cf-main" },
    });
    expect(evaluate(registrarAccountMissing, atCloudflare, blind)).toEqual({
      kind: "not-checked",
      reason: "registry: HTTP 429",
    });
  });
});

describe("dns-zone-not-active and registrar-account-missing: the reasons they give", () => {
  it("dns-zone-not-active does not apply to a DNS host whose API was not asked, naming it", () => {
    expect(evaluate(dnsZoneNotActive, intent({ dnsHost: "hover" }), observations())).toEqual({
      kind: "not-applicable",
      reason: "the DNS host hover is not asked through an API",
    });
  });

  it("registrar-account-missing leaves Route 53 to registrar-mismatch, and says so", () => {
    expect(evaluate(registrarAccountMissing, intent(), observations())).toEqual({
      kind: "not-applicable",
      reason: "registrar-mismatch reports a Route 53 registration in another account",
    });
  });

  it("registrar-account-missing is not checked when the registrar's API was not asked for the domain", () => {
    const skipped = observations({
      ...apis,
      rdap: rdapAtCloudflare,
      registration: { kind: "skipped", reason: "--no-registrar-api" },
    });
    expect(evaluate(registrarAccountMissing, atCloudflare, skipped)).toEqual({
      kind: "not-checked",
      reason: "Cloudflare Registrar: --no-registrar-api",
    });
  });

  it("registrar-account-missing leaves a domain the registry places at another registrar to registrar-mismatch", () => {
    const atAmazon = observations({
      ...apis,
      rdap: rdapRegistered(),
      registration: { kind: "not-in-account", account: "cf-main" },
    });
    expect(evaluate(registrarAccountMissing, atCloudflare, atAmazon)).toEqual({
      kind: "not-applicable",
      reason: "the registry names another registrar (see registrar-mismatch)",
    });
  });
});
