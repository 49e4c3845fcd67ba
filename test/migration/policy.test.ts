import { describe, expect, it } from "vitest";
import { parsePolicySources } from "../../src/policy/load.js";
import type { PolicyLoadResult } from "../../src/policy/types.js";

const NOW = new Date("2027-03-31T12:00:00Z");
const load = (text: string): PolicyLoadResult =>
  parsePolicySources([{ path: "p.yaml", bytes: new TextEncoder().encode(text) }], { now: NOW });

/** A name of labels of these lengths (`aaa.bb`), for the bound of 253 characters. */
const labels = (...lengths: number[]): string =>
  lengths.map((length, index) => String.fromCharCode(97 + index).repeat(length)).join(".");

function problems(result: PolicyLoadResult): string[] {
  expect(result.ok).toBe(false);
  return result.diagnostics
    .filter((d) => d.severity === "error")
    .map((d) => `${d.line}:${d.column} ${d.code}: ${d.message}`);
}

describe("migration policy", () => {
  it("a DNS-host and a registrar move load with their records, names made absolute", () => {
    const result = load(`version: 1
domains:
  example.com:
    registrar: route53
    dnsHost: route53
    migration:
      dnsHost: { from: hover, to: route53 }
      registrar: { from: hover, to: route53 }
      hostedZoneId: /hostedzone/Z0MOVE
      records:
        names: ["@", www, _sip._tcp, shop.example.com]
        dkimSelectors: [Google]
        maxNames: 50
  plain.example: { registrar: hover, dnsHost: hover }
`);
    if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
    const [moving, plain] = result.policySet.domains;
    expect(moving?.hostedZoneId).toBe("Z0MOVE");
    expect(moving?.migration).toMatchObject({
      dnsHost: { from: "hover", to: "route53" },
      registrar: { from: "hover", to: "route53" },
      records: {
        names: ["_sip._tcp.example.com", "example.com", "shop.example.com", "www.example.com"],
        dkimSelectors: ["google"],
        maxNames: 50,
      },
      position: { line: 6, column: 5 },
    });
    expect(plain?.migration).toBeUndefined();
  });

  it("the default bound of record parity is 200 names", () => {
    const result = load(`version: 1
domains:
  example.com: { registrar: hover, dnsHost: route53, migration: { dnsHost: { from: hover, to: route53 } } }
`);
    expect(result.ok && result.policySet.domains[0]?.migration?.records.maxNames).toBe(200);
  });

  it("refuses unknown providers, a move to itself, a target that is not the domain's own and stray records, at file:line", () => {
    expect(
      problems(
        load(`version: 1
defaults: { registrar: hover, dnsHost: hover }
domains:
  a.example:
    migration: { dnsHost: { from: hoverr, to: hover } }
  b.example:
    migration: { dnsHost: { from: hover, to: hover } }
  c.example:
    migration: { dnsHost: { from: hover, to: route53 } }
  d.example:
    dnsHost: route53
    migration: { registrar: { from: hover, to: route53 }, records: { names: [www] } }
  e.example:
    dnsHost: route53
    migration: { dnsHost: { from: hover, to: route53 }, records: { names: [mail.other.org.] } }
  shop.f.example:
    migration: { registrar: { from: route53, to: hover } }
`),
      ),
    ).toEqual([
      "5:35 unknown-provider: unknown provider `hoverr` for `migration.dnsHost.from` in domain `a.example` (did you mean `hover`?)",
      "7:46 migration-same-provider: `migration.dnsHost` of domain `b.example` moves from `hover` to itself: name the DNS host it moves to, or remove `migration.dnsHost`",
      "9:46 migration-inconsistent: domain `c.example` has `dnsHost: hover` but migrates its DNS host to `route53`: `dnsHost` states where the domain ends up, so set `dnsHost: route53` on the domain",
      "12:48 migration-inconsistent: domain `d.example` has `registrar: hover` but migrates its registrar to `route53`: `registrar` states where the domain ends up, so set `registrar: route53` on the domain",
      "12:59 migration-inconsistent: `migration.records` of domain `d.example` has no effect without `migration.dnsHost`: records are compared only when the DNS host changes",
      "15:76 migration-name-outside-zone: `mail.other.org.` in `migration.records.names` in domain `e.example` is not inside `e.example`: only the zone's own names move with it",
      "17:18 migration-inconsistent: domain `shop.f.example` is a subdomain of `f.example`: only registered domains move between registrars",
    ]);
  });

  it("refuses a pinned zone for a move away from Route 53, and two different pins", () => {
    expect(
      problems(
        load(`version: 1
domains:
  a.example:
    registrar: hover
    dnsHost: cloudflare
    migration: { dnsHost: { from: route53, to: cloudflare }, hostedZoneId: Z1 }
  b.example:
    registrar: hover
    dnsHost: route53
    hostedZoneId: Z2
    migration: { dnsHost: { from: hover, to: route53 }, hostedZoneId: Z3 }
`),
      ),
    ).toEqual([
      "6:62 hosted-zone-id-without-route53: `migration.hostedZoneId` pins a Route 53 hosted zone, but domain `a.example` moves its DNS to `cloudflare`",
      "11:71 migration-inconsistent: `migration.hostedZoneId` Z3 differs from the domain's `hostedZoneId` Z2: pin one zone, in one place",
    ]);
  });

  it("a subdomain moves its DNS host, a registrar move pins the zone it keeps, and a move without records adds no names", () => {
    const result = load(`version: 1
domains:
  shop.example.com:
    registrar: route53
    dnsHost: route53
    migration: { dnsHost: { from: hover, to: route53 } }
  example.org:
    registrar: route53
    dnsHost: route53
    migration: { registrar: { from: hover, to: route53 }, hostedZoneId: /hostedzone/Z0KEEP }
`);
    if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
    const [shop, org] = result.policySet.domains;
    expect(shop?.migration).toEqual({
      position: { file: "p.yaml", line: 6, column: 5 },
      dnsHost: { from: "hover", to: "route53" },
      registrar: undefined,
      records: { names: [], dkimSelectors: [], maxNames: 200 },
    });
    expect(org?.hostedZoneId).toBe("Z0KEEP");
    expect(org?.migration?.registrar).toEqual({ from: "hover", to: "route53" });
  });

  it("record names: the apex however written is the zone; a name may reach 253 characters below it, not more", () => {
    // 241 (242) characters relative, 253 (254) absolute.
    const relative = (last: number) => labels(63, 63, 63, last);
    const policy = (names: string) =>
      load(`version: 1
domains:
  example.com:
    registrar: hover
    dnsHost: route53
    migration:
      dnsHost: { from: hover, to: route53 }
      records:
        names: [${names}]
`);
    const result = policy(`"@", example.com., EXAMPLE.com, ${relative(49)}`);
    if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
    const names = result.policySet.domains[0]?.migration?.records.names;
    expect(names).toEqual([`${relative(49)}.example.com`, "example.com"]);
    expect(names?.[0]).toHaveLength(253);

    expect(problems(policy(`www, ${relative(50)}, "a..b"`))).toEqual([
      `9:22 invalid-domain-name: \`${relative(50)}\` in \`migration.records.names\` in domain \`example.com\` is longer than 253 characters below \`example.com\``,
      "9:266 invalid-domain-name: invalid name `a..b` in `migration.records.names` in domain `example.com`: it has an empty label (`..`)",
    ]);
  });

  it("each mistake in a migration block is reported alone: a refused block's zone is not compared with the domain's", () => {
    // Every domain pins Z2 and its migration Z3: were the refused blocks compared, each would
    // also get "differs from the domain's `hostedZoneId`".
    const long = labels(63, 63, 63, 53);
    const pinned = (migration: string) =>
      `hostedZoneId: Z2\n    migration: { ${migration}, hostedZoneId: Z3 }`;
    expect(
      problems(
        load(`version: 1
defaults: { registrar: hover, dnsHost: route53 }
domains:
  a.example:
    ${pinned("dnsHost: { from: hoverr, to: route53 }")}
  b.example:
    ${pinned("dnsHost: { from: route53, to: route53 }")}
  c.example:
    ${pinned("registrar: { from: godaddy, to: route53 }")}
  shop.d.example:
    registrar: route53
    ${pinned("registrar: { from: hover, to: route53 }")}
  e.example:
    registrar: route53
    ${pinned("registrar: { from: hover, to: route53 }, records: { names: [www] }")}
  f.example:
    dnsHost: cloudflare
    ${pinned("dnsHost: { from: route53, to: cloudflare }")}
  g.example:
    ${pinned("dnsHost: { from: hover, to: route53 }, records: { names: [a..b] }")}
  h.example:
    ${pinned("dnsHost: { from: hover, to: route53 }, records: { names: [mail.other.org.] }")}
  i.example:
    ${pinned(`dnsHost: { from: hover, to: route53 }, records: { names: [${long}] }`)}
`),
      ),
    ).toEqual([
      "6:35 unknown-provider: unknown provider `hoverr` for `migration.dnsHost.from` in domain `a.example` (did you mean `hover`?)",
      "9:48 migration-same-provider: `migration.dnsHost` of domain `b.example` moves from `route53` to itself: name the DNS host it moves to, or remove `migration.dnsHost`",
      "12:50 migration-inconsistent: domain `c.example` has `registrar: hover` but migrates its registrar to `route53`: `registrar` states where the domain ends up, so set `registrar: route53` on the domain",
      "16:18 migration-inconsistent: domain `shop.d.example` is a subdomain of `d.example`: only registered domains move between registrars",
      "20:59 migration-inconsistent: `migration.records` of domain `e.example` has no effect without `migration.dnsHost`: records are compared only when the DNS host changes",
      "23:5 hosted-zone-id-without-route53: `hostedZoneId` pins a Route 53 hosted zone, but domain `f.example` is hosted by `cloudflare`: remove it or set `dnsHost: route53`",
      "24:62 hosted-zone-id-without-route53: `migration.hostedZoneId` pins a Route 53 hosted zone, but domain `f.example` moves its DNS to `cloudflare`",
      "27:76 invalid-domain-name: invalid name `a..b` in `migration.records.names` in domain `g.example`: it has an empty label (`..`)",
      "30:76 migration-name-outside-zone: `mail.other.org.` in `migration.records.names` in domain `h.example` is not inside `h.example`: only the zone's own names move with it",
      `33:76 invalid-domain-name: \`${long}\` in \`migration.records.names\` in domain \`i.example\` is longer than 253 characters below \`i.example\``,
    ]);
  });

  it("the schema refuses a migration without a move, unknown keys and a bad bound", () => {
    const codes = problems(
      load(`version: 1
domains:
  a.example:
    registrar: hover
    dnsHost: route53
    migration: { records: { maxNames: 0 }, when: now }
`),
    );
    expect(codes).toEqual([
      "6:5 missing-key: `migration` in domain `a.example` needs `dnsHost` or `registrar`",
      "6:39 invalid-value: `migration.records.maxNames` in domain `a.example` must be between 1 and 1000 (got `0`)",
      "6:44 unknown-key: unknown key `when` in `migration` of domain `a.example`",
    ]);
  });
});
