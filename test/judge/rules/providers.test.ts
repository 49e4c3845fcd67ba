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
