import { describe, expect, it } from "vitest";
import { domainNotRegistered } from "../../../src/judge/rules/domain/domain-not-registered.js";
import { expirySoon } from "../../../src/judge/rules/domain/expiry-soon.js";
import { registrarMismatch } from "../../../src/judge/rules/domain/registrar-mismatch.js";
import { registrarNameserversMismatch } from "../../../src/judge/rules/domain/registrar-nameservers-mismatch.js";
import {
  delegated,
  intent,
  observations,
  R53_NEW_SET,
  R53_SET,
  rdapRegistered,
} from "../../support/observations.js";
import { evaluate, findingsOf } from "../../support/rules.js";

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
      delegation: {
        kind: "not-delegated",
        domain: "example.com",
        parentZone: "com",
        respondent: { name: "a.gtld-servers.net", address: "192.5.6.30" },
        reason: "nxdomain",
        path: [],
        stats: { queries: 1, durationMs: 3 },
      },
    });
    expect(findingsOf(evaluate(domainNotRegistered, intent(), nx))[0].message).toContain(
      "com servers answer NXDOMAIN",
    );
  });

  it("passes when RDAP has the domain, and is not checked when nothing can tell", () => {
    expect(evaluate(domainNotRegistered, intent(), observations()).kind).toBe("pass");
    const blind = observations({
      rdap: { kind: "unavailable", domain: "example.com", reason: "timeout", url: undefined },
      delegation: {
        kind: "failed",
        domain: "example.com",
        zone: "com",
        reason: "all com servers timed out",
        path: [],
        stats: { queries: 3, durationMs: 4500 },
      },
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
    const denied = observations({
      registration: {
        kind: "unavailable",
        account: "default",
        reason: "AccessDenied",
        deniedAction: "route53domains:ListDomains",
      },
    });
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
