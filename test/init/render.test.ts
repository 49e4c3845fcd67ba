// The generated policy text: valid for the real loader, remarks as comments on their entries,
// outside text unable to escape its comment, undecided entries an edit away from declared.
import { describe, expect, it } from "vitest";
import { renderAccountPolicy } from "../../src/init/render.js";
import type { AccountDraft, DeclaredDomain, UndecidedDomain } from "../../src/init/types.js";
import { parsePolicySources } from "../../src/policy/load.js";
import type { Finding } from "../../src/report/model/model.js";

const SCHEMA = "../src/schemas/policy-v1.schema.json";

function finding(rule: string, message: string): Finding {
  return {
    rule,
    severity: "medium",
    message,
    expected: 1,
    observed: 2,
    remediation: "fix it",
    location: undefined,
    fingerprint: "0".repeat(32),
    suppressed: undefined,
    baseline: undefined,
  };
}

function declared(name: string, overrides: Partial<DeclaredDomain> = {}): DeclaredDomain {
  return {
    kind: "declared",
    name,
    unicode: name,
    registrar: "route53",
    dnsHost: "route53",
    hostedZoneId: undefined,
    transferLock: undefined,
    autoRenew: undefined,
    notes: [],
    findings: [],
    notChecked: [],
    ...overrides,
  };
}

function undecided(name: string, overrides: Partial<UndecidedDomain> = {}): UndecidedDomain {
  return {
    kind: "undecided",
    name,
    unicode: name,
    registrar: undefined,
    dnsHost: "route53",
    notes: ["not declared: its registrar is unknown (RDAP: HTTP 503)"],
    ...overrides,
  };
}

// Text that reached the draft from RDAP servers and error messages: line breaks of every kind.
const HOSTILE = "evil\nversion: 2\rdomains: {}\u2028accounts: {}\u0085x";

const DRAFT: AccountDraft = {
  account: { id: "prod", profile: "prod" },
  defaults: {
    registrar: "route53",
    dnsHost: "route53",
    expiryMinDays: 30,
    transferLock: "required",
    autoRenew: undefined,
  },
  defaultsNotes: ["auto-renew is not required: no domain of this file has it today"],
  domains: [
    declared("a.com", {
      hostedZoneId: "Z0AAAAAAAAAAA",
      findings: [finding("hosted-zone-duplicate", "2 public hosted zones are named a.com")],
    }),
    undecided("b.com"),
    declared("c.com", {
      registrar: "odd-registrar",
      dnsHost: "evil-dns",
      transferLock: "ignore",
      notes: [HOSTILE],
      notChecked: [{ name: "expiry-soon", status: "not-checked", reason: HOSTILE }],
    }),
    declared("xn--bcher-kva.de", { unicode: "bücher.de" }),
    undecided("z.com", { registrar: "hover", dnsHost: undefined }),
  ],
  providers: [
    {
      id: "evil-dns",
      name: `Evil "DNS" #1: ${HOSTILE}`,
      dnsHost: { nameservers: ["ns1.evil.example", "ns2.evil.example"] },
    },
    {
      id: "odd-registrar",
      name: "Odd Registrar, LLC",
      registrar: { ianaIds: [9999], names: ["Odd Registrar, LLC", HOSTILE] },
    },
  ],
  notes: [`Route 53 hosted zones could not be listed: ${HOSTILE}`],
};

function load(text: string) {
  return parsePolicySources([
    { path: "policies/aws-prod.yaml", bytes: new TextEncoder().encode(text) },
  ]);
}

describe("renderAccountPolicy", () => {
  const text = renderAccountPolicy(DRAFT, SCHEMA);

  it("starts with the schema reference editors read", () => {
    expect(text.split("\n")[0]).toBe(`# yaml-language-server: $schema=${SCHEMA}`);
  });

  it("writes a policy the real loader accepts, meaning what the draft says", () => {
    const loaded = load(text);
    expect(loaded.diagnostics).toEqual([]);
    if (!loaded.ok) throw new Error("invalid");
    const { policySet } = loaded;
    expect(policySet.domains.map((d) => [d.name, d.registrar, d.dnsHost, d.hostedZoneId])).toEqual([
      ["a.com", "route53", "route53", "Z0AAAAAAAAAAA"],
      ["c.com", "odd-registrar", "evil-dns", undefined],
      ["xn--bcher-kva.de", "route53", "route53", undefined],
    ]);
    expect(policySet.domains.map((d) => [d.accounts.route53, d.hygiene])).toEqual([
      ["prod", { expiryMinDays: 30, transferLock: "required", autoRenew: "ignore" }],
      ["prod", { expiryMinDays: 30, transferLock: "ignore", autoRenew: "ignore" }],
      ["prod", { expiryMinDays: 30, transferLock: "required", autoRenew: "ignore" }],
    ]);
    expect(policySet.accounts.get("prod")?.settings.profile).toBe("prod");
    // Names with line breaks are data, quoted and escaped, and read back unchanged.
    expect(policySet.catalog.get("odd-registrar")?.registrar?.names).toEqual([
      "Odd Registrar, LLC",
      HOSTILE,
    ]);
    expect(policySet.catalog.get("evil-dns")?.name).toBe(`Evil "DNS" #1: ${HOSTILE}`);
  });

  it("keeps outside text inside its comments, whatever line breaks it carries", () => {
    const lines = text.split("\n");
    // Only the generator's own keys start a line outside comments.
    const data = lines.filter((line) => line.trim() !== "" && !line.trimStart().startsWith("#"));
    expect(data.filter((line) => /^\S/.test(line)).map((line) => line.split(":")[0])).toEqual([
      "version",
      "defaults",
      "domains",
      "accounts",
      "providers",
    ]);
    const comments = lines.filter((line) => line.trimStart().startsWith("#"));
    expect(comments.filter((line) => line.includes("evil version: 2 domains: {}"))).toHaveLength(3);
    for (const line of comments) expect(line).not.toMatch(/[\r\u2028\u0085]/);
  });

  it("puts each remark above its entry, with ! for inconsistencies and ? for the unobserved", () => {
    expect(text).toContain(
      "  # ! hosted-zone-duplicate (medium): 2 public hosted zones are named a.com\n  a.com:\n    hostedZoneId: Z0AAAAAAAAAAA\n",
    );
    expect(text).toMatch(
      / {2}# \? not checked: expiry-soon: evil version: 2 domains: \{\} accounts: \{\} x\n {2}c\.com:\n/,
    );
    expect(text).toContain(
      "# auto-renew is not required: no domain of this file has it today\ndefaults:\n",
    );
    expect(text).toContain("  bücher.de: {}\n");
  });

  it("writes undecided names out commented, so declaring one is an edit away", () => {
    expect(text).toContain(
      [
        "  # ? not declared: its registrar is unknown (RDAP: HTTP 503). Decide, then uncomment:",
        "  # b.com:",
        "  #   registrar: <registrar id>",
        "  #   dnsHost: route53",
        "  # evil version: 2",
      ].join("\n"),
    );
    const decided = text
      .replace(
        "  # b.com:\n  #   registrar: <registrar id>\n  #   dnsHost: route53\n",
        "  b.com:\n    registrar: hover\n    dnsHost: route53\n",
      )
      .replace(
        "  # z.com:\n  #   registrar: hover\n  #   dnsHost: <DNS host id>\n",
        "  z.com:\n    registrar: hover\n    dnsHost: hover\n",
      );
    const loaded = load(decided);
    expect(loaded.ok).toBe(true);
    if (loaded.ok) expect(loaded.policySet.domains.map((d) => d.name)).toContain("b.com");
    if (loaded.ok) expect(loaded.policySet.domains.map((d) => d.name)).toContain("z.com");
  });

  it("is the same text for the same draft", () => {
    expect(renderAccountPolicy(structuredClone(DRAFT), SCHEMA)).toBe(text);
  });

  it("writes a valid file for an account with nothing to declare", () => {
    const empty: AccountDraft = {
      account: { id: "default", profile: undefined },
      defaults: {
        registrar: undefined,
        dnsHost: undefined,
        expiryMinDays: undefined,
        transferLock: undefined,
        autoRenew: undefined,
      },
      defaultsNotes: [],
      domains: [undecided("only.com")],
      providers: [],
      notes: ["Route 53 Domains could not be listed: AccessDenied"],
    };
    const rendered = renderAccountPolicy(empty, SCHEMA);
    expect(rendered).toContain("#   dnsHost: route53\ndomains: {}\n");
    expect(rendered).not.toContain("accounts:");
    expect(rendered).toContain("# ? Route 53 Domains could not be listed: AccessDenied");
    const loaded = load(rendered);
    expect(loaded.ok && loaded.policySet.domains).toEqual([]);
  });
});
