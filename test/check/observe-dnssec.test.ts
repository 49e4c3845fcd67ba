// Which DNS-host API observeDomain asks about a zone's DNSSEC signing: Route 53 (GetDNSSEC) only
// where DNSSEC is in play, and any other DNS host whose adapter reads it (Cloudflare) the same way.
import { describe, expect, it } from "vitest";
import { observeDomain } from "../../src/check/observe-domain.js";
import type { DelegationObservation } from "../../src/observe/dns/types.js";
import type { Observers, ProviderSource } from "../../src/observe/observers.js";
import type { ZoneDnssecObservation } from "../../src/observe/providers/types.js";
import { delegated, intent, route53Answering, zone } from "../support/observations.js";

const DS = { keyTag: 4242, algorithm: 13, digestType: 2, digest: "ab".repeat(32) };

function withDs(ds: readonly (typeof DS)[]): DelegationObservation {
  const base = delegated();
  if (base.kind !== "delegated") throw new Error("fixture");
  return { ...base, parent: { ...base.parent, ds } };
}

const notSigning: ZoneDnssecObservation = {
  kind: "ok",
  account: "default",
  zoneId: "Z1",
  serveSignature: "NOT_SIGNING",
  signing: false,
  statusMessage: undefined,
  keySigningKeys: [],
};

function route53World(delegation: DelegationObservation, asked: string[]): Observers {
  return {
    delegation: { walk: async () => delegation },
    rdap: { kind: "skipped", reason: "not under test" },
    providers: route53Answering({
      registration: async () => ({ kind: "not-in-account", account: "default" }),
      zones: async () => ({ kind: "found", account: "default", zones: [zone("Z1")] }),
      apexNameservers: async () => {
        throw new Error("not expected: the live DNS shows the zone");
      },
      zoneDnssec: async (z) => {
        asked.push(z.id);
        return notSigning;
      },
    }),
  };
}

describe("the DNS host's zone signing", () => {
  it("Route 53: asked when the parent publishes DS, not when it publishes none", async () => {
    const asked: string[] = [];
    const signed = await observeDomain(intent(), route53World(withDs([DS]), asked));
    expect(signed.hostedZoneDnssec).toEqual(notSigning);
    expect(asked).toEqual(["Z1"]);
    const unsigned = await observeDomain(intent(), route53World(withDs([]), asked));
    expect(unsigned.hostedZoneDnssec.kind).toBe("skipped");
    expect(asked).toEqual(["Z1"]);
  });

  it("Route 53: asked for a policy that requires DNSSEC, even without DS", async () => {
    const asked: string[] = [];
    const required = intent({ dnssec: { mode: "required", signatureMinDays: 7 } });
    await observeDomain(required, route53World(withDs([]), asked));
    expect(asked).toEqual(["Z1"]);
  });

  it("Cloudflare: its zone DNSSEC asked only where DNSSEC is in play", async () => {
    const asked: string[] = [];
    const cloudflareSigning: ZoneDnssecObservation = {
      ...notSigning,
      account: "cf-main",
      zoneId: "023e105f4ecef8ad9ca31a8372d0c353",
      serveSignature: "disabled",
    };
    const cloudflare: ProviderSource = {
      id: "cloudflare",
      registrar: undefined,
      dnsHost: {
        zones: async () => ({
          kind: "found",
          account: "cf-main",
          zones: [zone("023e105f4ecef8ad9ca31a8372d0c353", ["ada.ns.cloudflare.com"])],
        }),
        listZones: async () => {
          throw new Error("not expected");
        },
        apexNameservers: async () => {
          throw new Error("not expected: the live DNS shows the zone");
        },
        zoneDnssec: async (z, account) => {
          asked.push(`${account} ${z.id}`);
          return cloudflareSigning;
        },
        zoneRecords: undefined,
      },
    };
    const observers = (delegation: DelegationObservation): Observers => ({
      delegation: { walk: async () => delegation },
      rdap: { kind: "skipped", reason: "not under test" },
      providers: new Map([
        ["cloudflare", { kind: "enabled", source: cloudflare }],
        ["route53", { kind: "skipped", reason: "AWS checks are off (--no-aws)" }],
      ]),
    });
    const atCloudflare = intent({
      dnsHost: "cloudflare",
      architecture: "external",
      accounts: { cloudflare: "cf-main" },
    });
    const signed = await observeDomain(atCloudflare, observers(withDs([DS])));
    expect(signed.dnsHostApi.provider).toBe("cloudflare");
    expect(signed.hostedZoneDnssec).toEqual(cloudflareSigning);
    expect(asked).toEqual(["cf-main 023e105f4ecef8ad9ca31a8372d0c353"]);
    const unsigned = await observeDomain(atCloudflare, observers(withDs([])));
    expect(unsigned.hostedZoneDnssec).toEqual({
      kind: "skipped",
      reason: "the parent publishes no DS record and the policy does not ask about DNSSEC",
    });
    expect(asked).toHaveLength(1);
  });
});
