// The address gate's default where a session's settings are made: closed unless the user
// configured a lab (custom root hints, which the walker then trusts) or passed the explicit flag.
// The Action and the library build their settings here; the CLI's own options are in
// test/shells/cli/observer-options.test.ts.
import { describe, expect, it } from "vitest";
import { checkSettings, concurrencySettings, walkerOptions } from "../../src/check/settings.js";
import type { ServerRef } from "../../src/observe/dns/types.js";

const ROOT: readonly ServerRef[] = [{ name: "a.root-servers.net", address: "198.41.0.4" }];

describe("the address gate in check settings", () => {
  it("is closed by default: the walker may not query non-public addresses", () => {
    const settings = checkSettings({ cacheDir: "/cache" });
    expect(settings.allowPrivateAddresses).toBe(false);
    expect(walkerOptions(settings, ROOT).allowNonPublic).toBe(false);
  });

  it("opens for custom root hints (a lab) and for the explicit flag, and for nothing else", () => {
    const lab = checkSettings({ cacheDir: "/cache", rootHintsFile: "/lab/named.root" });
    expect(walkerOptions(lab, ROOT).allowNonPublic).toBe(true);
    const flag = checkSettings({ cacheDir: "/cache", allowPrivateAddresses: true });
    expect(walkerOptions(flag, ROOT).allowNonPublic).toBe(true);
    // A user's RDAP bootstrap makes an RDAP lab only: DNS stays behind the gate.
    const rdapLab = checkSettings({ cacheDir: "/cache", rdapBootstrapFile: "/lab/dns.json" });
    expect(walkerOptions(rdapLab, ROOT).allowNonPublic).toBe(false);
  });
});

describe("check settings", () => {
  it("default to what a shell leaves unset: the internet's DNS, IPv6 where this host has a route, AWS on", () => {
    expect(checkSettings({ cacheDir: "/cache" })).toEqual({
      cacheDir: "/cache",
      cacheMaxAgeHours: 24,
      refresh: false,
      rootHintsFile: undefined,
      rdapBootstrapFile: undefined,
      registryTableFile: undefined,
      allowPrivateAddresses: false,
      dnsPort: 53,
      timeoutMs: 1500,
      ipv6: "auto",
      allParents: false,
      soa: false,
      dnsQueriesInFlight: 64,
      domainsObservedAtOnce: 64,
      aws: true,
      awsRequestsPerSecond: undefined,
    });
  });

  it("set both concurrencies from one number", () => {
    expect(concurrencySettings(8)).toEqual({ dnsQueriesInFlight: 8, domainsObservedAtOnce: 8 });
  });
});
