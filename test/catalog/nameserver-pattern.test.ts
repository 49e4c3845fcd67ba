import { describe, expect, it } from "vitest";
import { BUILTIN_PROVIDERS } from "../../src/catalog/builtin-providers.js";
import {
  compileNameserverPatterns,
  nameserverPatternProblem,
  wildcardRegistrableDomain,
} from "../../src/catalog/nameserver-pattern.js";
import { HOSTILE_PATTERNS } from "./hostile-patterns.js";

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

describe("hostile patterns and names", () => {
  // Patterns come from pull requests and names from the network: matching must stay linear.
  // picomatch's regular expressions took minutes on each of these; how long ours take is measured
  // by the benchmark (bench/hostile-inputs.ts), which fails above 100 ms.
  it.each(HOSTILE_PATTERNS)("%s against a long name is accepted and answers", (pattern, name) => {
    expect(nameserverPatternProblem(pattern)).toBeUndefined();
    expect(compileNameserverPatterns([pattern])(name)).toBe(false);
  });

  it("refuses braces that expand beyond the limit", () => {
    expect(nameserverPatternProblem("{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}.example.com")).toContain(
      "more than 64 alternatives",
    );
    expect(nameserverPatternProblem("ns{1,2}.{a,b}.example.{com,net}")).toBeUndefined();
  });

  it("keeps nested braces, empty alternatives and sets", () => {
    const matches = compileNameserverPatterns(["a{b,c{d,e}}f.x", "{ns,}1.[a-c0-2]*.q"]);
    expect(["abf.x", "acdf.x", "acef.x", "ns1.a9.q", "1.2.q"].every(matches)).toBe(true);
    expect(["acf.x", "ns1.d.q", "ns1.a9.q.r"].some(matches)).toBe(false);
  });
});

describe("wildcardRegistrableDomain", () => {
  // Policies may not widen a provider to servers anyone can register (a pull request could make
  // `route53` claim an attacker's name servers).
  it.each([
    ["*.ns.acme.example"],
    ["ns*.example.com"],
    ["ns[1-4].example.com"],
    ["ns1.example.{com,net,co.uk}"],
    ["NS?.Example.COM"],
    ["ns.*.city.kawasaki.jp"], // the exception rule !city.kawasaki.jp
    ["*.example.blogspot.com"], // a private suffix: example.blogspot.com is below blogspot.com
    ["*.ns.acme.eu.org"],
    ["com"],
  ])("accepts %s: one literal registrable domain", (pattern) => {
    expect(nameserverPatternProblem(pattern)).toBeUndefined();
    expect(wildcardRegistrableDomain(pattern)).toBeUndefined();
  });

  it.each([
    ["*.*", "*.*", "*.*"],
    ["*.com", "*.com", "*.com"],
    ["ns1.*-dns.com", "ns1.*-dns.com", "*-dns.com"],
    ["*", "*", "*"],
    ["ns1.example.c?m", "ns1.example.c?m", "example.c?m"],
    ["ns1.example.[a-c]om", "ns1.example.[a-c]om", "example.[a-c]om"],
    // Private suffixes: anyone can register below them too.
    ["*.duckdns.org", "*.duckdns.org", "*.duckdns.org"],
    ["ns1.*.eu.org", "ns1.*.eu.org", "*.eu.org"],
    ["*.*.uk.com", "*.*.uk.com", "*.uk.com"],
    ["ns.*.co.uk", "ns.*.co.uk", "*.co.uk"],
    ["ns.example.*.uk", "ns.example.*.uk", "*.uk"],
    ["ns1.example.*", "ns1.example.*", "example.*"],
    ["ns1.foo.*.ck", "ns1.foo.*.ck", "foo.*.ck"], // *.ck: every second-level label is a suffix
    ["ns1.acme.example.{com,*}", "ns1.acme.example.*", "example.*"],
    ["ns.{acme.example,*.net}", "ns.*.net", "*.net"],
    ["ns1.ex[.a]mple.com", "ns1.ex[.a]mple.com", "ex[.a]mple.com"],
  ])("rejects %s", (pattern, alternative, registrableDomain) => {
    expect(nameserverPatternProblem(pattern)).toBeUndefined();
    expect(wildcardRegistrableDomain(pattern)).toEqual({ alternative, registrableDomain });
  });

  it("would reject some built-in patterns, which is why only policies' patterns are checked", () => {
    expect(wildcardRegistrableDomain("ns-*.awsdns-*.{com,net,org,co.uk}")).toEqual({
      alternative: "ns-*.awsdns-*.com",
      registrableDomain: "awsdns-*.com",
    });
  });
});
