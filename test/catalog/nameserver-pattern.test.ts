import { describe, expect, it } from "vitest";
import { BUILTIN_PROVIDERS } from "../../src/catalog/builtin-providers.js";
import {
  compileNameserverPatterns,
  nameserverPatternProblem,
} from "../../src/catalog/nameserver-pattern.js";

describe("nameserverPatternProblem", () => {
  it("accepts every built-in pattern", () => {
    for (const provider of BUILTIN_PROVIDERS) {
      for (const pattern of provider.dnsHost?.nameservers ?? []) {
        expect(nameserverPatternProblem(pattern), pattern).toBeUndefined();
      }
    }
  });

  it.each([
    ["", "empty"],
    ["ns1.example.com.", "trailing dot"],
    [".example.com", "empty label"],
    ["ns1..example.com", "empty label"],
    ["**.example.com", "`**`"],
    ["ns[1-4.example.com", "not balanced"],
    ["ns{1,2.example.com", "not balanced"],
    ["ns1.example.com/x", "only letters"],
    ["!ns1.example.com", "only letters"],
  ])("rejects %j (%s)", (pattern, expected) => {
    expect(nameserverPatternProblem(pattern)).toContain(expected);
  });
});

describe("compileNameserverPatterns", () => {
  const matches = compileNameserverPatterns([
    "ns-*.awsdns-*.{com,net,org,co.uk}",
    "ns[1-2]?.example.com",
  ]);

  it("supports *, [..], ? and {..} with labels kept apart", () => {
    expect(matches("ns-1.awsdns-00.co.uk")).toBe(true);
    expect(matches("NS-1.AWSDNS-00.COM.")).toBe(true);
    expect(matches("ns1a.example.com")).toBe(true);
    expect(matches("ns3a.example.com")).toBe(false);
    expect(matches("ns-1.awsdns-00.co.uk.example")).toBe(false);
    expect(matches("ns-1.a.awsdns-00.com")).toBe(false);
  });

  it("never matches names with separators picomatch would read", () => {
    expect(matches("ns-1/awsdns-00.com")).toBe(false);
    expect(matches("ns-1\\.awsdns-00.com")).toBe(false);
    expect(matches("")).toBe(false);
  });

  it("matches nothing without patterns", () => {
    expect(compileNameserverPatterns([])("ns1.example.com")).toBe(false);
  });
});
