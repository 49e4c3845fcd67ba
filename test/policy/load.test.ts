import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/policy/diagnostics.js";
import { parsePolicySources } from "../../src/policy/load.js";
import type { PolicyLoadResult, PolicySet, PolicySource } from "../../src/policy/types.js";

const encoder = new TextEncoder();
const source = (path: string, text: string): PolicySource => ({
  path,
  bytes: encoder.encode(text),
});

function valid(result: PolicyLoadResult): PolicySet {
  if (!result.ok)
    throw new Error(
      `expected valid policies, got:\n${JSON.stringify(result.diagnostics, null, 2)}`,
    );
  return result.policySet;
}

function errors(result: PolicyLoadResult): Diagnostic[] {
  expect(result.ok).toBe(false);
  return result.diagnostics.filter((diagnostic) => diagnostic.severity === "error");
}

const NOW = new Date("2027-03-31T12:00:00Z");

describe("parsePolicySources", () => {
  it("builds one normalised intent per domain, with the file's defaults applied", () => {
    const policySet = valid(
      parsePolicySources(
        [
          source(
            "policies/a.yaml",
            `version: 1
defaults:
  registrar: route53
  dnsHost: route53
  account: prod
  expiry: { minDays: 30 }
  transferLock: required
domains:
  Example.COM:
    hostedZoneId: /hostedzone/Z0123456789ABCDEFGHIJ
    owner: web-team
  shop.example.net:
    dnsHost: hover
    autoRenew: required
    expiry: { minDays: 90 }
    nameservers: [NS2.hover.com, ns1.hover.com, ns2.hover.com]
  bücher.example:
accounts:
  prod: { profile: prod-profile }
`,
          ),
          source(
            "policies/b.yaml",
            `version: 1
domains:
  legacy-brand.org: { registrar: hover, dnsHost: route53 }
  external.example: { registrar: cloudflare, dnsHost: cloudflare }
`,
          ),
        ],
        { now: NOW },
      ),
    );
    expect(policySet.files).toEqual(["policies/a.yaml", "policies/b.yaml"]);
    expect(policySet.domains.map((domain) => [domain.name, domain.architecture])).toEqual([
      ["example.com", "traditional"],
      ["shop.example.net", "registrar-only"],
      ["xn--bcher-kva.example", "traditional"],
      ["legacy-brand.org", "dns-host-only"],
      ["external.example", "external"],
    ]);
    const [example, shop, buecher, legacy] = policySet.domains;
    expect(example).toEqual({
      name: "example.com",
      unicode: "example.com",
      registrableDomain: "example.com",
      position: { file: "policies/a.yaml", line: 9, column: 3 },
      registrar: "route53",
      dnsHost: "route53",
      architecture: "traditional",
      nameservers: undefined,
      hostedZoneId: "Z0123456789ABCDEFGHIJ",
      accounts: { route53: "prod" },
      hygiene: { expiryMinDays: 30, transferLock: "required", autoRenew: "ignore" },
      dnssec: { mode: "optional", signatureMinDays: 7 },
      owner: "web-team",
    });
    expect(shop?.nameservers).toEqual(["ns1.hover.com", "ns2.hover.com"]);
    expect(shop?.hygiene).toEqual({
      expiryMinDays: 90,
      transferLock: "required",
      autoRenew: "required",
    });
    expect(buecher?.unicode).toBe("bücher.example");
    // Defaults reach only their own file.
    expect(legacy?.hygiene).toEqual({
      expiryMinDays: undefined,
      transferLock: "ignore",
      autoRenew: "ignore",
    });
    expect(legacy?.accounts).toEqual({});
    expect(policySet.accounts.get("prod")).toEqual({
      id: "prod",
      provider: "route53",
      settings: { profile: "prod-profile" },
      position: { file: "policies/a.yaml", line: 19, column: 3 },
    });
  });

  it("does not let defaults cross files", () => {
    const result = parsePolicySources([
      source("a.yaml", "version: 1\ndefaults: { registrar: route53, dnsHost: route53 }\n"),
      source("b.yaml", "version: 1\ndomains:\n  example.com: {}\n"),
    ]);
    expect(errors(result)).toEqual([
      {
        file: "b.yaml",
        line: 3,
        column: 3,
        severity: "error",
        code: "missing-provider",
        message:
          "domain `example.com` has no `registrar` and no `dnsHost`: set `registrar` and `dnsHost` on the domain or in this file's `defaults:`",
      },
    ]);
  });

  it("shares providers, accounts and waivers across files", () => {
    const policySet = valid(
      parsePolicySources(
        [
          source(
            "a.yaml",
            `version: 1
providers:
  acme-dns: { dnsHost: { nameservers: ["*.ns.acme.example"], sharedHosting: true } }
  route53: { dnsHost: { nameservers: ["ns1.brand.example"] } }
accounts:
  audit: { roleArn: "arn:aws:iam::123456789012:role/reader", externalId: "xyz" }
`,
          ),
          source(
            "b.yaml",
            `version: 1
domains:
  example.com: { registrar: route53, dnsHost: acme-dns, account: audit, nameservers: [a.ns.acme.example] }
  brand.example: { registrar: route53, dnsHost: route53, nameservers: [ns1.brand.example] }
waivers:
  - { domain: EXAMPLE.com, rule: dns-host-mismatch, reason: migration, expires: 2027-03-31 }
`,
          ),
        ],
        { now: NOW },
      ),
    );
    expect(policySet.catalog.get("acme-dns")?.dnsHost).toEqual({
      nameservers: ["*.ns.acme.example"],
      sharedHosting: true,
    });
    expect(policySet.catalog.get("route53")?.origin).toBe("extended");
    expect(policySet.domains[0]?.accounts).toEqual({ route53: "audit" });
    expect(policySet.accounts.get("audit")?.settings.externalId).toBe("xyz");
    expect(policySet.waivers).toEqual([
      {
        domain: "example.com",
        rule: "dns-host-mismatch",
        reason: "migration",
        expires: "2027-03-31",
        position: { file: "b.yaml", line: 6, column: 5 },
      },
    ]);
  });

  it("reads accounts of several providers, one per provider for a domain", () => {
    const policySet = valid(
      parsePolicySources(
        [
          source(
            "policies/mixed.yaml",
            `version: 1
accounts:
  prod: { profile: prod }
  cf-main: { provider: cloudflare, accountId: 023e105f4ecef8ad9ca31a8372d0c353, tokenEnv: CF_TOKEN }
defaults:
  account: [prod, cf-main]
domains:
  mixed.example: { registrar: route53, dnsHost: cloudflare }
  aws-only.example: { registrar: route53, dnsHost: route53, account: prod }
`,
          ),
        ],
        { now: NOW },
      ),
    );
    expect(policySet.domains.map((d) => [d.name, d.accounts])).toEqual([
      ["mixed.example", { route53: "prod", cloudflare: "cf-main" }],
      ["aws-only.example", { route53: "prod" }],
    ]);
    expect(policySet.accounts.get("cf-main")).toMatchObject({
      provider: "cloudflare",
      settings: { accountId: "023e105f4ecef8ad9ca31a8372d0c353", tokenEnv: "CF_TOKEN" },
    });
  });

  it("reads Google Cloud DNS and Azure DNS accounts, and refuses a malformed project or subscription", () => {
    const policy = (accounts: string) =>
      parsePolicySources(
        [
          source(
            "policies/clouds.yaml",
            `version: 1
accounts:
${accounts}
domains:
  gcp.example: { registrar: hover, dnsHost: google-cloud-dns, account: gcp }
  az.example: { registrar: hover, dnsHost: azure-dns, account: az }
`,
          ),
        ],
        { now: NOW },
      );
    const policySet = valid(
      policy(`  gcp: { provider: google-cloud-dns, project: acme-dns-prod, credentialsEnv: GCP_CREDENTIALS }
  az: { provider: azure-dns, subscriptionId: 00000000-0000-0000-0000-00000000abcd, resourceGroup: dns-prod, credential: workload-identity }`),
    );
    expect(policySet.domains.map((d) => [d.name, d.accounts])).toEqual([
      ["gcp.example", { "google-cloud-dns": "gcp" }],
      ["az.example", { "azure-dns": "az" }],
    ]);
    expect(policySet.accounts.get("az")).toMatchObject({
      provider: "azure-dns",
      settings: {
        subscriptionId: "00000000-0000-0000-0000-00000000abcd",
        resourceGroup: "dns-prod",
        credential: "workload-identity",
      },
    });
    const broken = policy(`  gcp: { provider: google-cloud-dns, project: Not_A_Project }
  az: { provider: azure-dns, subscriptionId: prod, clientSecret: hunter2, credential: managed-identity }`);
    expect(broken.ok).toBe(false);
    const messages = broken.diagnostics.map((d) => `${d.line}: ${d.message}`).join("\n");
    expect(messages).toContain("a Google Cloud project id");
    expect(messages).toContain("an Azure subscription id");
    expect(messages).toContain("clientSecret");
    // The managed-identity endpoint is no choice (docs/providers.md says why).
    expect(messages).toMatch(/credential.*(client-secret|allowed)/);
  });

  it("warns about an expired waiver from the injected date on, and keeps it valid", () => {
    const files = [
      source(
        "w.yaml",
        `version: 1
domains:
  example.com: { registrar: route53, dnsHost: route53 }
waivers:
  - { domain: example.com, rule: expiry-soon, reason: renewal pending, expires: 2027-03-31 }
`,
      ),
    ];
    const onTheDay = parsePolicySources(files, { now: new Date("2027-03-31T23:59:59Z") });
    expect(onTheDay).toMatchObject({ ok: true, diagnostics: [] });
    const dayAfter = parsePolicySources(files, { now: new Date("2027-04-01T00:00:00Z") });
    expect(dayAfter.ok).toBe(true);
    expect(dayAfter.diagnostics).toEqual([
      {
        file: "w.yaml",
        line: 5,
        column: 81,
        severity: "warning",
        code: "waiver-expired",
        message:
          "waiver #1 (`expiry-soon` on `example.com`) expired on 2027-03-31: renew or remove it",
      },
    ]);
  });

  it("treats a Unicode name and its A-label as one domain", () => {
    const result = parsePolicySources([
      source(
        "idn.yaml",
        "version: 1\ndefaults: { registrar: route53, dnsHost: route53 }\ndomains:\n  xn--bcher-kva.example: {}\n  BÜCHER.example: {}\n",
      ),
    ]);
    expect(
      errors(result).map((diagnostic) => [diagnostic.code, diagnostic.line, diagnostic.message]),
    ).toEqual([
      [
        "duplicate-domain",
        5,
        "domain `BÜCHER.example` (`xn--bcher-kva.example`, `bücher.example`) is already declared at idn.yaml:4:3",
      ],
    ]);
  });

  it("stops at the first stage with errors, so a broken file cannot cause echoes elsewhere", () => {
    const result = parsePolicySources([
      source(
        "a.yaml",
        "version: 1\ndomains:\n  example.com: {registrar: route53, dnsHost: route53, dnshost: x}\n",
      ),
      // On its own this waiver would be an error: its domain is declared only in the broken file.
      source(
        "b.yaml",
        "version: 1\nwaivers:\n  - { domain: example.com, rule: expiry-soon, reason: r, expires: 2099-01-01 }\n",
      ),
    ]);
    expect(errors(result).map((diagnostic) => `${diagnostic.file}:${diagnostic.code}`)).toEqual([
      "a.yaml:unknown-key",
    ]);
  });

  it("orders diagnostics by file, then line and column", () => {
    const result = parsePolicySources([
      source(
        "z.yaml",
        "version: 1\ndomains:\n  b.example: {registrar: nope, dnsHost: nope}\n  a..example: {}\n",
      ),
      source("a.yaml", "version: 1\ndomains:\n  c.example: {registrar: route53}\n"),
    ]);
    expect(result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column}:${d.code}`)).toEqual([
      "z.yaml:3:26:unknown-provider",
      "z.yaml:3:41:unknown-provider",
      "z.yaml:4:3:invalid-domain-name",
      "a.yaml:3:3:missing-provider",
    ]);
  });

  it("reports an unknown default provider once, not once per domain", () => {
    const domains = Array.from({ length: 50 }, (_, index) => `  d${index}.example: {}`).join("\n");
    const result = parsePolicySources([
      source(
        "a.yaml",
        `version: 1\ndefaults: { registrar: rout53, dnsHost: route53 }\ndomains:\n${domains}\n`,
      ),
    ]);
    expect(errors(result).map((diagnostic) => diagnostic.message)).toEqual([
      "unknown provider `rout53` for `defaults.registrar` (did you mean `route53`?)",
    ]);
  });

  it("keeps `__proto__` an ordinary (invalid) key", () => {
    const result = parsePolicySources([
      source("p.yaml", "version: 1\n__proto__: { polluted: true }\ndomains:\n  __proto__: {}\n"),
    ]);
    expect(errors(result).map((diagnostic) => diagnostic.code)).toEqual(["unknown-key"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("rejects collection keys without printing the yaml library's warning", () => {
    const warnings: unknown[] = [];
    const listener = (warning: unknown) => warnings.push(warning);
    process.on("warning", listener);
    try {
      const result = parsePolicySources([
        source("k.yaml", "version: 1\ndomains:\n  ? [a.example, b.example]\n  : {}\n"),
      ]);
      expect(errors(result)).toEqual([
        {
          file: "k.yaml",
          line: 3,
          column: 5,
          severity: "error",
          code: "unsupported-yaml",
          message: "a mapping key must be a plain name, not a collection",
        },
      ]);
    } finally {
      process.off("warning", listener);
    }
    expect(warnings).toEqual([]);
  });

  it("never throws, and places every diagnostic inside the file, whatever the bytes", () => {
    // A deterministic generator: the same inputs on every run.
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const alphabet = [
      "version: 1\n",
      "domains:\n",
      "  ",
      "- ",
      ": ",
      "{",
      "}",
      "[",
      "]",
      "&a ",
      "*a",
      '"',
      "'",
      "#",
      "\t",
      "\n",
      "example.com",
      "registrar",
      "route53",
      "\u00e9",
      "!!str ",
      "? ",
      "---\n",
      "|\n",
      "1",
    ];
    for (let round = 0; round < 300; round++) {
      const pieces = Array.from(
        { length: 1 + Math.floor(random() * 30) },
        () => alphabet[Math.floor(random() * alphabet.length)],
      );
      const bytes =
        round % 10 === 0
          ? Uint8Array.from({ length: 64 }, () => Math.floor(random() * 256))
          : encoder.encode(pieces.join(""));
      const text = new TextDecoder().decode(bytes);
      const lines = text.split("\n").length;
      const result = parsePolicySources([{ path: "fuzz.yaml", bytes }]);
      for (const diagnostic of result.diagnostics) {
        expect(diagnostic.file).toBe("fuzz.yaml");
        expect(diagnostic.line ?? 1).toBeGreaterThanOrEqual(1);
        expect(diagnostic.line ?? 1).toBeLessThanOrEqual(lines + 1);
        expect(diagnostic.message.length).toBeGreaterThan(0);
        expect(diagnostic.message).not.toMatch(/must NOT|must match|\bat .*:\d+:\d+\)/);
      }
    }
  });
});
