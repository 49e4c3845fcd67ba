// The checks that need more than one value, or more than one file, to decide (src/policy/policy-set.ts):
// what a user sees for each mistake (file:line:column, severity, code, message), that a mistake is
// reported once and not echoed by what depends on it, and the intents of what is right.
import { describe, expect, it } from "vitest";
import { parsePolicySources } from "../../src/policy/load.js";
import type { PolicyLoadResult, PolicySet } from "../../src/policy/types.js";

const NOW = new Date("2027-03-31T12:00:00Z");
const encoder = new TextEncoder();

/** Loads files given as `{ path: text }`, in that order. */
function load(files: Readonly<Record<string, string>>): PolicyLoadResult {
  return parsePolicySources(
    Object.entries(files).map(([path, text]) => ({ path, bytes: encoder.encode(text) })),
    { now: NOW },
  );
}

/** What a user reads: `file:line:column severity code: message`. */
function shown(result: PolicyLoadResult): string[] {
  return result.diagnostics.map(
    (d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.code}: ${d.message}`,
  );
}

function valid(result: PolicyLoadResult): PolicySet {
  if (!result.ok) throw new Error(`expected valid policies, got:\n${shown(result).join("\n")}`);
  return result.policySet;
}

/** A mistake (or a warning) and what a user reads for it. */
interface ShownCase {
  readonly name: string;
  /** The files loaded, as `{ path: text }` in that order. */
  readonly files: Readonly<Record<string, string>>;
  /** Whether the policies load, where the case says. */
  readonly ok?: boolean;
  /** Every diagnostic shown, as the user reads it. */
  readonly shows: readonly string[];
}

/** One test per case, named by it: loading its files shows exactly its diagnostics. */
function itShows(cases: readonly ShownCase[]): void {
  it.each(cases)("$name", ({ files, ok, shows }) => {
    const result = load(files);
    if (ok !== undefined) expect(result.ok).toBe(ok);
    expect(shown(result)).toEqual(shows);
  });
}

describe("providers defined in policies", () => {
  itShows([
    {
      name: "refuses an id defined or extended twice, names the first place, and keeps the first definition",
      files: {
        "a.yaml": `version: 1
providers:
  acme-dns: { dnsHost: { nameservers: ["*.ns.acme.example"] } }
  route53: { dnsHost: { nameservers: ["ns1.brand.example"] } }
`,
        "b.yaml": `version: 1
providers:
  acme-dns: { dnsHost: { nameservers: ["*.dns.other.example"] } }
  route53: { dnsHost: { nameservers: ["ns2.brand.example"] } }
domains:
  example.com: { registrar: route53, dnsHost: acme-dns, nameservers: [a.ns.acme.example] }
  brand.example: { registrar: route53, dnsHost: route53, nameservers: [ns1.brand.example] }
`,
      },
      ok: false,
      // The domains are judged by the first definitions only: no error about their name servers.
      shows: [
        "b.yaml:3:3 error duplicate-provider: provider `acme-dns` is already defined at a.yaml:3:3",
        "b.yaml:4:3 error duplicate-provider: an extension of provider `route53` is already defined at a.yaml:4:3",
      ],
    },
    {
      name: "refuses an unusable name-server pattern at its place, and leaves the provider out without echoes",
      files: {
        "p.yaml": `version: 1
providers:
  acme-dns:
    dnsHost:
      nameservers:
        - "*.ns.acme.example"
        - "ns..acme.example"
domains:
  example.com: { registrar: route53, dnsHost: acme-dns, nameservers: [ns1.elsewhere.example] }
  pinned.example: { registrar: route53, dnsHost: acme-dns, hostedZoneId: Z1 }
`,
      },
      // What else the domains get wrong about `acme-dns` waits until it is a provider.
      shows: [
        "p.yaml:7:11 error invalid-nameserver-pattern: name-server pattern `ns..acme.example` of provider `acme-dns` is not usable: it has an empty label",
      ],
    },
    {
      name: "refuses a pattern whose registrable domain holds a wildcard, naming the alternative that does",
      files: {
        "p.yaml": `version: 1
providers:
  wide: { dnsHost: { nameservers: ["ns.acme.example", "NS1.*-DNS.com"] } }
  split: { dnsHost: { nameservers: ["ns.{acme.example,*.org}"] } }
domains:
  example.com: { registrar: route53, dnsHost: wide, nameservers: [ns1.other.example] }
`,
      },
      shows: [
        "p.yaml:3:55 error nameserver-pattern-too-broad: name-server pattern `NS1.*-DNS.com` of provider `wide` is too broad: its registrable domain, `*-dns.com` (the public suffix and the label before it), holds a wildcard, so it would match name servers anyone can register; write that part out, as in `*.ns.example.com`",
        "p.yaml:4:37 error nameserver-pattern-too-broad: name-server pattern `ns.{acme.example,*.org}` of provider `split` is too broad: the registrable domain of its alternative `ns.*.org`, `*.org` (the public suffix and the label before it), holds a wildcard, so it would match name servers anyone can register; write that part out, as in `*.ns.example.com`",
      ],
    },
    {
      name: "names the role a provider lacks when it is used for the other one",
      files: {
        "p.yaml": `version: 1
domains:
  a.example: { registrar: azure-dns, dnsHost: route53 }
  b.example: { registrar: route53, dnsHost: markmonitor, hostedZoneId: Z1 }
`,
      },
      shows: [
        "p.yaml:3:27 error wrong-provider-role: provider `azure-dns` is not a registrar (it is only a DNS host): `registrar` in domain `a.example` needs one",
        "p.yaml:4:45 error wrong-provider-role: provider `markmonitor` is not a DNS host (it is only a registrar): `dnsHost` in domain `b.example` needs one",
      ],
    },
    {
      name: "reports a misspelt provider once: nothing that depends on it is judged against it",
      files: {
        "p.yaml": `version: 1
domains:
  a.example: { registrar: route53, dnsHost: rout53, hostedZoneId: Z1, nameservers: [ns-1.awsdns-01.com] }
  b.example:
    registrar: hover
    dnsHost: hover
    migration: { dnsHost: { from: route53, to: hovr } }
  c.example:
    registrar: hover
    dnsHost: route53
    migration: { dnsHost: { from: hovr, to: hoover } }
`,
      },
      shows: [
        "p.yaml:3:45 error unknown-provider: unknown provider `rout53` for `dnsHost` in domain `a.example` (did you mean `route53`?)",
        "p.yaml:7:48 error unknown-provider: unknown provider `hovr` for `migration.dnsHost.to` in domain `b.example` (did you mean `hover`?)",
        "p.yaml:11:35 error unknown-provider: unknown provider `hovr` for `migration.dnsHost.from` in domain `c.example` (did you mean `hover`?)",
        "p.yaml:11:45 error unknown-provider: unknown provider `hoover` for `migration.dnsHost.to` in domain `c.example` (did you mean `hover`?)",
      ],
    },
  ]);

  it("accepts registrar handles scoped by TLD or registry id, and refuses any other scope", () => {
    const policySet = valid(
      load({
        "p.yaml": `version: 1
providers:
  gransy:
    registrar:
      names: ["Gransy s.r.o."]
      handles: { cz: [REG-GRANSY], norid: [reg42-NORID] }
domains:
  example.cz: { registrar: gransy, dnsHost: route53 }
`,
      }),
    );
    expect(policySet.domains.map((d) => [d.name, d.registrar])).toEqual([["example.cz", "gransy"]]);
    expect(policySet.catalog.get("gransy")?.registrar?.handles).toEqual({
      cz: ["REG-GRANSY"],
      norid: ["reg42-NORID"],
    });

    const misspelt = load({
      "p.yaml": `version: 1
providers:
  gransy:
    registrar:
      names: ["Gransy s.r.o."]
      handles: { cz: [REG-GRANSY], norwid: [reg42-NORID] }
domains:
  example.cz: { registrar: gransy, dnsHost: route53 }
`,
    });
    expect(shown(misspelt)).toEqual([
      "p.yaml:6:36 error unknown-handle-scope: handle scope `norwid` of provider `gransy` is neither a TLD nor a registry id of the registry capability table (did you mean `norid`?)",
    ]);
  });
});

describe("accounts", () => {
  const CLOUDFLARE = "accountId: 023e105f4ecef8ad9ca31a8372d0c353";

  itShows([
    {
      name: "refuses an account id declared twice, names the first place, and keeps the first declaration",
      files: {
        "a.yaml": `version: 1
accounts:
  prod: { profile: prod }
`,
        "b.yaml": `version: 1
accounts:
  prod: { provider: cloudflare, ${CLOUDFLARE}, tokenEnv: CF_PROD }
  cf: { provider: cloudflare, ${CLOUDFLARE}, tokenEnv: CF_TOKEN }
domains:
  example.com: { registrar: route53, dnsHost: cloudflare, account: [prod, cf] }
`,
      },
      // `prod` is the Route 53 account of a.yaml: the domain names one account per provider.
      shows: [
        "b.yaml:3:3 error duplicate-account: account `prod` is already defined at a.yaml:3:3",
      ],
    },
    {
      name: "refuses an unknown account where it is written, with a 'did you mean' among the declared ones",
      files: {
        "p.yaml": `version: 1
accounts:
  prod: { profile: prod }
defaults: { registrar: route53, dnsHost: route53, account: prd }
domains:
  a.example: { account: [prod, staging] }
  b.example: { account: Prod }
`,
      },
      shows: [
        "p.yaml:4:60 error unknown-account: unknown account `prd` for `defaults.account` (did you mean `prod`?)",
        "p.yaml:6:32 error unknown-account: unknown account `staging` for `account[1]` in domain `a.example`",
        "p.yaml:7:25 error unknown-account: unknown account `Prod` for `account` in domain `b.example` (did you mean `prod`?)",
      ],
    },
    {
      name: "says so when a domain names an account and no file declares any",
      files: {
        "p.yaml": `version: 1
domains:
  a.example: { registrar: route53, dnsHost: route53, account: prod }
`,
      },
      shows: [
        "p.yaml:3:63 error unknown-account: unknown account `prod` for `account` in domain `a.example`; no accounts are declared under `accounts:`",
      ],
    },
    {
      name: "refuses two accounts of one provider for a domain: it is checked in one account per provider",
      files: {
        "p.yaml": `version: 1
accounts:
  prod: { profile: prod }
  audit: { profile: audit }
  cf: { provider: cloudflare, ${CLOUDFLARE}, tokenEnv: CF_TOKEN }
domains:
  a.example: { registrar: route53, dnsHost: cloudflare, account: [prod, cf, audit] }
`,
      },
      shows: [
        "p.yaml:7:77 error account-provider-repeated: `account` in domain `a.example` names two route53 accounts, `prod` and `audit`: a domain is checked in one account per provider",
      ],
    },
  ]);
});

describe("domains", () => {
  itShows([
    {
      name: "refuses an invalid name with the reason, and a name declared twice with both places",
      files: {
        "a.yaml": `version: 1
defaults: { registrar: route53, dnsHost: route53 }
domains:
  a..example:
  example.com:
  Example.COM:
`,
        "b.yaml": `version: 1
defaults: { registrar: route53, dnsHost: route53 }
domains:
  example.com:
`,
      },
      shows: [
        "a.yaml:4:3 error invalid-domain-name: invalid domain name `a..example`: it has an empty label (`..`)",
        // Only the spellings the user did not write are shown.
        "a.yaml:6:3 error duplicate-domain: domain `Example.COM` (`example.com`) is already declared at a.yaml:5:3",
        "b.yaml:4:3 error duplicate-domain: domain `example.com` is already declared at a.yaml:5:3",
      ],
    },
    {
      name: "names the one provider a domain lacks, and judges nothing that needs it",
      files: {
        "p.yaml": `version: 1
domains:
  a.example: { registrar: route53, hostedZoneId: Z1, nameservers: [ns-1.awsdns-01.com] }
  b.example:
    dnsHost: route53
    migration: { registrar: { from: hover, to: route53 } }
`,
      },
      shows: [
        "p.yaml:3:3 error missing-provider: domain `a.example` has no `dnsHost`: set `dnsHost` on the domain or in this file's `defaults:`",
        "p.yaml:4:3 error missing-provider: domain `b.example` has no `registrar`: set `registrar` on the domain or in this file's `defaults:`",
      ],
    },
    {
      name: "warns about a name whose label mixes scripts, once per name, and still loads it",
      files: {
        "p.yaml": `version: 1
providers:
  acme-dns: { dnsHost: { nameservers: ["*.ns.acme.example"] } }
domains:
  pаypal.com: { registrar: route53, dnsHost: route53 }
  shop.example: { registrar: route53, dnsHost: acme-dns, nameservers: [nа.ns.acme.example] }
  ѕhop.pаypal.example: { registrar: route53, dnsHost: route53 }
`,
      },
      ok: true,
      shows: [
        "p.yaml:5:3 warning mixed-script-name: domain `pаypal.com` (`xn--pypal-4ve.com`) mixes Cyrillic and Latin letters in label `pаypal`: it can pass for another name",
        "p.yaml:6:72 warning mixed-script-name: name server `nа.ns.acme.example` (`xn--n-8sb.ns.acme.example`) mixes Cyrillic and Latin letters in label `nа`: it can pass for another name",
        "p.yaml:7:3 warning mixed-script-name: domain `ѕhop.pаypal.example` (`xn--hop-ehd.xn--pypal-4ve.example`) mixes Cyrillic and Latin letters in label `ѕhop`: it can pass for another name",
      ],
    },
  ]);
});

describe("a domain's name servers and hosted zone", () => {
  itShows([
    {
      name: "refuses a name server that is no host name, or not one of the DNS host's",
      files: {
        "p.yaml": `version: 1
domains:
  a.example: { registrar: hover, dnsHost: hover, nameservers: [ns1.hover.com, ns3.hover.com] }
  b.example: { registrar: hover, dnsHost: hover, nameservers: [ns1..hover.com] }
`,
      },
      shows: [
        "p.yaml:3:79 error nameserver-not-of-dns-host: name server `ns3.hover.com` of domain `a.example` is not one of `hover`'s name servers (`ns1.hover.com`, `ns2.hover.com`)",
        "p.yaml:4:64 error invalid-nameserver: name server `ns1..hover.com` of domain `b.example` is not a valid host name: it has an empty label (`..`)",
      ],
    },
    {
      name: "refuses a hosted zone pinned for a domain that Route 53 does not host",
      files: {
        "p.yaml": `version: 1
domains:
  a.example: { registrar: route53, dnsHost: hover, hostedZoneId: Z1 }
`,
      },
      shows: [
        "p.yaml:3:52 error hosted-zone-id-without-route53: `hostedZoneId` pins a Route 53 hosted zone, but domain `a.example` is hosted by `hover`: remove it or set `dnsHost: route53`",
      ],
    },
  ]);

  it("takes the same zone pinned on the domain and in its migration, written either way", () => {
    const policySet = valid(
      load({
        "p.yaml": `version: 1
domains:
  a.example:
    registrar: hover
    dnsHost: route53
    hostedZoneId: Z1
    migration: { dnsHost: { from: hover, to: route53 }, hostedZoneId: /hostedzone/Z1 }
`,
      }),
    );
    expect(policySet.domains[0]?.hostedZoneId).toBe("Z1");
  });
});

describe("waivers", () => {
  itShows([
    {
      name: "refuses a waiver for an invalid name or for a domain no policy declares, at its `domain`",
      files: {
        "p.yaml": `version: 1
domains:
  example.com: { registrar: route53, dnsHost: route53 }
waivers:
  - { domain: "a..example", rule: expiry-soon, reason: r, expires: 2099-01-01 }
  - { domain: exmaple.com, rule: expiry-soon, reason: r, expires: 2099-01-01 }
  - { domain: other.example, rule: expiry-soon, reason: r, expires: 2099-01-01 }
`,
      },
      shows: [
        "p.yaml:5:15 error invalid-domain-name: invalid domain name `a..example` in waiver #1: it has an empty label (`..`)",
        "p.yaml:6:15 error waiver-unknown-domain: waiver #2 is for `exmaple.com`, which no policy declares (did you mean `example.com`?)",
        "p.yaml:7:15 error waiver-unknown-domain: waiver #3 is for `other.example`, which no policy declares",
      ],
    },
  ]);
});
