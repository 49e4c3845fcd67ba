import { describe, expect, it } from "vitest";
import { buildCatalog } from "../../../src/catalog/catalog.js";
import { domainNotRegistered } from "../../../src/judge/rules/domain/domain-not-registered.js";
import { expirySoon } from "../../../src/judge/rules/domain/expiry-soon.js";
import { registrarMismatch } from "../../../src/judge/rules/domain/registrar-mismatch.js";
import { registrarNameserversMismatch } from "../../../src/judge/rules/domain/registrar-nameservers-mismatch.js";
import type { RegistryProfile } from "../../../src/observe/observations.js";
import { godaddyDescriptor } from "../../../src/observe/providers/godaddy/descriptor.js";
import {
  delegated,
  failedWalk,
  intent,
  observations,
  R53_NEW_SET,
  R53_SET,
  rdapRegistered,
  undelegated,
} from "../../support/observations.js";
import { evaluate, findingsOf } from "../../support/rules.js";

/** Route 53 Domains refused to list the account's domains. */
const route53DomainsDenied = () =>
  observations({
    registration: {
      kind: "unavailable",
      account: "default",
      reason: "AccessDenied",
      deniedAction: "route53domains:ListDomains",
    },
  });

describe("registrar-mismatch", () => {
  it("passes when the RDAP registrar is the intended one (Amazon 468 or Gandi 81 mean route53)", () => {
    expect(evaluate(registrarMismatch, intent(), observations()).kind).toBe("pass");
    const gandi = observations({
      rdap: rdapRegistered({ registrar: { ianaId: 81, name: "Gandi SAS" } }),
    });
    expect(evaluate(registrarMismatch, intent(), gandi).kind).toBe("pass");
  });

  it("fails for a domain transferred to another registrar", () => {
    const moved = observations({
      rdap: rdapRegistered({ registrar: { ianaId: 146, name: "GoDaddy.com, LLC" } }),
      registration: { kind: "not-in-account", account: "default" },
    });
    const [finding] = findingsOf(evaluate(registrarMismatch, intent(), moved));
    expect(finding.expected).toBe("route53");
    expect(finding.observed).toBe("godaddy");
    expect(finding.message).toContain("GoDaddy.com, LLC");
  });

  it("identifies a ccTLD registrar by name alone", () => {
    const byName = observations({
      rdap: rdapRegistered({ registrar: { ianaId: undefined, name: "Tucows Domains Inc." } }),
    });
    expect(evaluate(registrarMismatch, intent({ registrar: "hover" }), byName).kind).toBe("pass");
  });

  it("reports a Route 53 registration held by another AWS account", () => {
    const elsewhere = observations({ registration: { kind: "not-in-account", account: "prod" } });
    const [finding] = findingsOf(
      evaluate(registrarMismatch, intent({ accounts: { route53: "prod" } }), elsewhere),
    );
    expect(finding.message).toContain("not in the AWS account prod");
  });

  it("falls back to the Route 53 Domains account when RDAP is unavailable", () => {
    const noRdap = observations({
      rdap: { kind: "unavailable", domain: "example.com", reason: "timeout", url: undefined },
    });
    expect(evaluate(registrarMismatch, intent(), noRdap).kind).toBe("pass");
    expect(
      findingsOf(evaluate(registrarMismatch, intent({ registrar: "hover" }), noRdap))[0].observed,
    ).toBe("route53");
  });

  it("is not checked when no source can tell, and says why", () => {
    const blind = observations({
      rdap: { kind: "unavailable", domain: "example.com", reason: "HTTP 503", url: undefined },
      registration: { kind: "skipped", reason: "--no-aws" },
    });
    const verdict = evaluate(registrarMismatch, intent(), blind);
    expect(verdict).toEqual({
      kind: "not-checked",
      reason: "registry: HTTP 503; Route 53 Domains: --no-aws",
    });
  });
});

describe("domain-not-registered", () => {
  it("fails on an RDAP 404", () => {
    const gone = observations({
      rdap: {
        kind: "not-registered",
        domain: "example.com",
        url: "https://rdap.example/domain/example.com",
      },
    });
    expect(findingsOf(evaluate(domainNotRegistered, intent(), gone))[0].message).toContain(
      "has no record of it",
    );
    expect(domainNotRegistered.severity).toBe("critical");
  });

  it("fails on NXDOMAIN at the parent when RDAP cannot be asked", () => {
    const nx = observations({
      rdap: {
        kind: "unavailable",
        domain: "example.com",
        reason: "no RDAP service",
        url: undefined,
      },
      delegation: undelegated(),
    });
    expect(findingsOf(evaluate(domainNotRegistered, intent(), nx))[0].message).toContain(
      "com servers answer NXDOMAIN",
    );
  });

  it("passes when RDAP has the domain, and is not checked when nothing can tell", () => {
    expect(evaluate(domainNotRegistered, intent(), observations()).kind).toBe("pass");
    const blind = observations({
      rdap: { kind: "unavailable", domain: "example.com", reason: "timeout", url: undefined },
      delegation: failedWalk(),
    });
    expect(evaluate(domainNotRegistered, intent(), blind).kind).toBe("not-checked");
  });
});

describe("registrar-nameservers-mismatch", () => {
  it("fails with the exact update command when the account and the registry disagree", () => {
    const stuck = observations({ delegation: delegated(R53_NEW_SET) });
    const [finding] = findingsOf(evaluate(registrarNameserversMismatch, intent(), stuck));
    expect(finding.expected).toEqual([...R53_SET].sort());
    expect(finding.observed).toEqual([...R53_NEW_SET].sort());
    expect(finding.remediation).toContain(
      "aws route53domains update-domain-nameservers --region us-east-1 --domain-name example.com --nameservers Name=",
    );
  });

  it("does not apply to domains outside the account, and subdomains", () => {
    const outside = observations({ registration: { kind: "not-in-account", account: "default" } });
    expect(evaluate(registrarNameserversMismatch, intent(), outside).kind).toBe("not-applicable");
    expect(
      evaluate(
        registrarNameserversMismatch,
        intent({ name: "shop.example.com", unicode: "shop.example.com" }),
        observations(),
      ).kind,
    ).toBe("not-applicable");
  });

  it("is not checked for a Route 53 registrar when Route 53 Domains is unavailable", () => {
    const denied = route53DomainsDenied();
    expect(evaluate(registrarNameserversMismatch, intent(), denied)).toEqual({
      kind: "not-checked",
      reason: "Route 53 Domains: AccessDenied",
    });
    expect(
      evaluate(registrarNameserversMismatch, intent({ registrar: "hover" }), denied).kind,
    ).toBe("not-applicable");
  });
});

describe("registry data cut at the bound", () => {
  const other = intent({ registrar: "godaddy", architecture: "external" });
  const noAws = { kind: "skipped", reason: "AWS checks are off (--no-aws)" } as const;

  it("does not take a sponsor for the registrar when the entity list was cut", () => {
    const cut = observations({
      rdap: rdapRegistered({
        registrar: { ianaId: undefined, name: "Reseller", role: "sponsor" },
        truncated: ["entities"],
      }),
      registration: noAws,
    });
    expect(evaluate(registrarMismatch, other, cut)).toEqual({
      kind: "not-checked",
      reason:
        "the registry's RDAP record lists more entities than the 256 read, and no registrar among them",
    });
  });

  it("does not call a missing expiration unpublished when the event list was cut", () => {
    const cut = observations({
      rdap: rdapRegistered({
        events: { registration: undefined, expiration: undefined, lastChanged: undefined },
        truncated: ["events"],
      }),
      registration: noAws,
    });
    const withExpiry = intent({
      hygiene: { expiryMinDays: 30, transferLock: "ignore", autoRenew: "ignore" },
    });
    expect(evaluate(expirySoon, withExpiry, cut)).toEqual({
      kind: "not-checked",
      reason:
        "the registry's RDAP record lists more events than the 256 read, and no expiration among them",
    });
  });
});

describe("registrar-mismatch: what it names and when it cannot tell", () => {
  const noAws = { kind: "skipped", reason: "AWS checks are off (--no-aws)" } as const;

  it("does not apply to a domain the registry has no record of", () => {
    const gone = observations({
      rdap: { kind: "not-registered", domain: "example.com", url: "https://rdap.example/d" },
    });
    expect(evaluate(registrarMismatch, intent(), gone)).toEqual({
      kind: "not-applicable",
      reason: "the domain is not registered (see domain-not-registered)",
    });
  });

  it("fails a Route 53 domain missing from the account when the registry cannot say who holds it", () => {
    const o = observations({
      rdap: { kind: "unavailable", domain: "example.com", reason: "HTTP 503", url: undefined },
      registration: { kind: "not-in-account", account: "prod" },
    });
    const [finding] = findingsOf(evaluate(registrarMismatch, intent(), o));
    expect(finding).toMatchObject({
      expected: "route53 (account prod)",
      observed: "not in the account",
      key: "account",
    });
    expect(finding.message).toContain("not in the AWS account prod");
    expect(finding.message).toContain("(registry: HTTP 503)");
  });

  it("does not apply where the registry never publishes the registrar", () => {
    const denic: RegistryProfile = {
      id: "denic",
      name: "DENIC",
      tld: "de",
      unpublished: { registrar: "DENIC publishes no registrar to the public" },
    };
    const o = observations({
      registry: denic,
      rdap: rdapRegistered({
        domain: "example.de",
        registrar: { ianaId: undefined, name: undefined },
      }),
      registration: { kind: "not-in-account", account: "default" },
    });
    expect(evaluate(registrarMismatch, intent({ registrar: "hover" }), o)).toEqual({
      kind: "not-applicable",
      reason: "DENIC (.de): DENIC publishes no registrar to the public",
    });
  });

  it("names a registrar known only by its IANA id, and says how to follow a transfer or undo it", () => {
    const o = observations({
      rdap: rdapRegistered({ registrar: { ianaId: 146, name: undefined } }),
      registration: noAws,
    });
    const [finding] = findingsOf(evaluate(registrarMismatch, intent(), o));
    expect(finding.message).toBe("example.com is registered with IANA 146, not Amazon Route 53.");
    expect(finding.observed).toBe("godaddy");
    expect(finding.remediation).toBe(
      "If the transfer was intended, set `registrar: godaddy` in the policy; otherwise transfer example.com back to Amazon Route 53.",
    );
  });

  it("gives the registry's own words for a registrar no provider matches, saying when it is only a sponsor", () => {
    const o = observations({
      rdap: rdapRegistered({
        registrar: { ianaId: undefined, name: "Tiny Reseller SARL", role: "sponsor" },
      }),
      registration: noAws,
    });
    const [finding] = findingsOf(evaluate(registrarMismatch, intent(), o));
    const named = "Tiny Reseller SARL (the registry's sponsor entity: it lists no registrar)";
    expect(finding.message).toBe(`example.com is registered with ${named}, not Amazon Route 53.`);
    expect(finding.observed).toBe(named);
    expect(finding.remediation).toContain("set `registrar: <provider id>`");
  });

  it("says which accounts differ for a Route 53 registration held elsewhere", () => {
    const elsewhere = observations({ registration: { kind: "not-in-account", account: "prod" } });
    const [finding] = findingsOf(evaluate(registrarMismatch, intent(), elsewhere));
    expect(finding).toMatchObject({
      expected: "route53 (account prod)",
      observed: "route53 (another account)",
      key: "account",
    });
    expect(finding.remediation).toContain("transfer the domain into prod");
  });
});

describe("domain-not-registered: evidence and its absence", () => {
  const rdapDown = {
    kind: "unavailable",
    domain: "example.com",
    reason: "HTTP 503",
    url: undefined,
  } as const;

  it("names the registry that has no record, and says what to do", () => {
    const gone = observations({
      rdap: { kind: "not-registered", domain: "example.com", url: "https://rdap.example/d/x" },
    });
    const [finding] = findingsOf(evaluate(domainNotRegistered, intent(), gone));
    expect(finding).toMatchObject({
      message:
        "example.com is not registered: the registry (https://rdap.example/d/x) has no record of it.",
      expected: "registered",
      observed: "not registered",
    });
    expect(finding.remediation).toContain("Register example.com now");
  });

  it("passes a delegated domain when RDAP cannot be asked", () => {
    expect(evaluate(domainNotRegistered, intent(), observations({ rdap: rdapDown }))).toEqual({
      kind: "pass",
    });
  });

  it("is not checked when the parent has the name but no delegation and RDAP cannot be asked", () => {
    const o = observations({ rdap: rdapDown, delegation: undelegated("no-delegation") });
    expect(evaluate(domainNotRegistered, intent(), o)).toEqual({
      kind: "not-checked",
      reason: "registry: HTTP 503; the delegation walk did not reach the parent zone",
    });
  });
});

describe("registrar-nameservers-mismatch: what it compares and what it asks to set", () => {
  const OTHER = ["ns1.hover.com", "ns2.hover.com"];
  const withAccountSet = (nameservers: readonly string[] | undefined) => {
    const base = observations().registration;
    if (base.kind !== "registered") throw new Error("unreachable");
    return { ...base, detail: { ...base.detail, nameservers } };
  };

  it("asks to set the hosted zone's servers, not the account's stale list, when the zone is known", () => {
    const o = observations({
      registration: withAccountSet(R53_NEW_SET),
      delegation: delegated(OTHER),
    });
    const [finding] = findingsOf(evaluate(registrarNameserversMismatch, intent(), o));
    expect(finding.message).toBe(
      `The Route 53 Domains account default lists ${R53_NEW_SET.join(", ")} for example.com, but the registry delegates to ${OTHER.join(", ")}.`,
    );
    expect(finding.remediation).toContain(
      `--nameservers ${[...R53_SET]
        .sort()
        .map((n) => `Name=${n}`)
        .join(" ")}`,
    );
    const noZone = observations({
      registration: withAccountSet(R53_NEW_SET),
      delegation: delegated(OTHER),
      hostedZones: { kind: "none", account: "default" },
    });
    expect(
      findingsOf(evaluate(registrarNameserversMismatch, intent(), noZone))[0].remediation,
    ).toContain(`--nameservers ${R53_NEW_SET.map((n) => `Name=${n}`).join(" ")}`);
  });

  it("fails a registration whose domain the registry does not delegate at all", () => {
    const o = observations({
      delegation: undelegated("no-delegation"),
    });
    const [finding] = findingsOf(evaluate(registrarNameserversMismatch, intent(), o));
    expect(finding.observed).toEqual([]);
    expect(finding.message).toContain("the registry delegates to (none)");
  });

  it("is not checked when the account lists no servers or the walk failed", () => {
    expect(
      evaluate(
        registrarNameserversMismatch,
        intent(),
        observations({ registration: withAccountSet(undefined) }),
      ),
    ).toEqual({
      kind: "not-checked",
      reason: "Route 53 Domains listed no name servers for example.com",
    });
    const failed = observations({
      delegation: failedWalk(),
    });
    expect(evaluate(registrarNameserversMismatch, intent(), failed)).toEqual({
      kind: "not-checked",
      reason: "delegation: all com servers timed out",
    });
  });

  it("does not apply outside the account, naming it", () => {
    const outside = observations({ registration: { kind: "not-in-account", account: "prod" } });
    expect(evaluate(registrarNameserversMismatch, intent(), outside)).toEqual({
      kind: "not-applicable",
      reason: "not registered in the Route 53 Domains account prod",
    });
  });
});

describe("registrar-nameservers-mismatch: the reasons it gives, and where to look for a stuck change", () => {
  const atGoDaddy = { provider: "godaddy", ...godaddyDescriptor.registrar };
  const stuckAt = (registrarApi = observations().registrarApi) =>
    observations({ registrarApi, delegation: delegated(R53_NEW_SET) });

  it("names the registered domain a subdomain belongs to", () => {
    expect(
      evaluate(
        registrarNameserversMismatch,
        intent({ name: "shop.example.com", unicode: "shop.example.com" }),
        observations(),
      ),
    ).toEqual({
      kind: "not-applicable",
      reason:
        "shop.example.com is a subdomain of example.com; registrars delegate registered domains only",
    });
  });

  it("does not apply to a domain another registrar's API could not read, naming that API", () => {
    const denied = route53DomainsDenied();
    expect(evaluate(registrarNameserversMismatch, intent({ registrar: "hover" }), denied)).toEqual({
      kind: "not-applicable",
      reason: "the domain is not meant to be registered with Route 53 Domains",
    });
  });

  it("points at Route 53 Domains' pending operations, or at the other registrar's pending change", () => {
    const sorted = [...R53_SET].sort();
    const [atRoute53] = findingsOf(evaluate(registrarNameserversMismatch, intent(), stuckAt()));
    expect(atRoute53.remediation).toBe(
      `Check pending operations (aws route53domains list-operations --region us-east-1), then set the name servers again: aws route53domains update-domain-nameservers --region us-east-1 --domain-name example.com --nameservers ${sorted.map((n) => `Name=${n}`).join(" ")}`,
    );
    const [elsewhere] = findingsOf(
      evaluate(
        registrarNameserversMismatch,
        intent({ registrar: "godaddy", architecture: "external" }),
        stuckAt(atGoDaddy),
      ),
    );
    expect(elsewhere.remediation).toMatch(
      /^Check for a pending name-server change at GoDaddy Domains, then set the name servers again: /,
    );
  });
});

describe("registrar-mismatch and domain-not-registered: how the registrar is named, and what is evidence", () => {
  it("names a registrar known only by a handle a provider declares", () => {
    const catalog = buildCatalog([
      { id: "gransy", name: "Gransy", registrar: { handles: { cz: ["REG-GRANSY"] } } },
    ]);
    const o = observations({
      registry: { id: "cznic", name: "CZ.NIC", tld: "cz", unpublished: {} },
      rdap: rdapRegistered({
        domain: "example.cz",
        registrar: { ianaId: undefined, name: undefined, handle: "REG-GRANSY", role: "registrar" },
      }),
      registration: { kind: "skipped", reason: "AWS checks are off (--no-aws)" },
    });
    const hover = intent({
      name: "example.cz",
      unicode: "example.cz",
      registrar: "hover",
      architecture: "external",
    });
    const [finding] = findingsOf(evaluate(registrarMismatch, hover, o, undefined, catalog));
    expect(finding.message).toBe("example.cz is registered with handle REG-GRANSY, not Hover.");
    expect(finding.observed).toBe("gransy");
  });

  it("names every provider an IANA id means", () => {
    const catalog = buildCatalog([{ id: "gandi", name: "Gandi", registrar: { ianaIds: [81] } }]);
    const o = observations({
      rdap: rdapRegistered({ registrar: { ianaId: 81, name: "Gandi SAS" } }),
      registration: { kind: "skipped", reason: "AWS checks are off (--no-aws)" },
    });
    const [finding] = findingsOf(
      evaluate(registrarMismatch, intent({ registrar: "hover" }), o, undefined, catalog),
    );
    expect(finding.observed).toBe("route53, gandi");
  });

  it("tells where to look for a Route 53 domain missing from the account when the registry cannot say", () => {
    const o = observations({
      rdap: { kind: "unavailable", domain: "example.com", reason: "HTTP 429", url: undefined },
      registration: { kind: "not-in-account", account: "prod" },
    });
    expect(findingsOf(evaluate(registrarMismatch, intent(), o))[0].remediation).toBe(
      "Find where example.com is registered: set `account:` to the AWS account that holds it, or fix `registrar:` in the policy.",
    );
  });

  it("domain-not-registered takes the registry's record over a parent that has no delegation or answers NXDOMAIN", () => {
    for (const reason of ["nxdomain", "no-delegation"] as const) {
      const o = observations({ delegation: undelegated(reason) });
      expect(evaluate(domainNotRegistered, intent(), o), reason).toEqual({ kind: "pass" });
    }
  });
});
