// The `dnssec:` setting: its two forms, defaults merged field by field, what the schema refuses,
// and the warning for signature days on a domain that must not sign.
import { describe, expect, it } from "vitest";
import { parsePolicySources } from "../../src/policy/load.js";
import type { PolicyLoadResult } from "../../src/policy/types.js";

const load = (text: string): PolicyLoadResult =>
  parsePolicySources([{ path: "p.yaml", bytes: new TextEncoder().encode(text) }]);

function dnssecOf(result: PolicyLoadResult) {
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return Object.fromEntries(result.policySet.domains.map((d) => [d.name, d.dnssec]));
}

describe("dnssec policy", () => {
  it("absent is optional with 7 days; a string sets the mode; an object sets both", () => {
    expect(
      dnssecOf(
        load(`version: 1
defaults: { registrar: route53, dnsHost: route53 }
domains:
  plain.example:
  signed.example: { dnssec: required }
  tuned.example: { dnssec: { mode: required, signatureMinDays: 3 } }
  unsigned.example: { dnssec: forbidden }
`),
      ),
    ).toEqual({
      "plain.example": { mode: "optional", signatureMinDays: 7 },
      "signed.example": { mode: "required", signatureMinDays: 7 },
      "tuned.example": { mode: "required", signatureMinDays: 3 },
      "unsigned.example": { mode: "forbidden", signatureMinDays: 7 },
    });
  });

  it("a domain's mode and days each replace the default's separately", () => {
    expect(
      dnssecOf(
        load(`version: 1
defaults:
  registrar: route53
  dnsHost: route53
  dnssec: { mode: required, signatureMinDays: 10 }
domains:
  a.example: { dnssec: optional }
  b.example: { dnssec: { mode: required, signatureMinDays: 2 } }
  c.example:
`),
      ),
    ).toEqual({
      "a.example": { mode: "optional", signatureMinDays: 10 },
      "b.example": { mode: "required", signatureMinDays: 2 },
      "c.example": { mode: "required", signatureMinDays: 10 },
    });
  });

  it("the schema refuses other modes, unknown keys and days out of range", () => {
    for (const value of [
      "on",
      "{ mode: required, days: 3 }",
      "{ mode: required, signatureMinDays: 0 }",
      "{ signatureMinDays: 3 }",
    ]) {
      const result = load(`version: 1
domains:
  x.example: { registrar: route53, dnsHost: route53, dnssec: ${value} }
`);
      expect(result.ok, value).toBe(false);
    }
  });

  it("signature days on a domain that forbids DNSSEC: a warning at the key, the policy still loads", () => {
    const result = load(`version: 1
domains:
  x.example:
    registrar: route53
    dnsHost: route53
    dnssec: { mode: forbidden, signatureMinDays: 3 }
`);
    expect(result.ok).toBe(true);
    expect(result.diagnostics).toEqual([
      {
        file: "p.yaml",
        line: 6,
        column: 32,
        severity: "warning",
        code: "dnssec-days-without-signing",
        message:
          "`dnssec.signatureMinDays` has no effect: domain `x.example` forbids DNSSEC, so there are no signatures to expire",
      },
    ]);
  });

  it("no warning for a forbidding domain that sets no days itself, though its defaults do, nor for days on a signing domain", () => {
    const result = load(`version: 1
defaults:
  registrar: route53
  dnsHost: route53
  dnssec: { mode: forbidden, signatureMinDays: 3 }
domains:
  inherits.example:
  restates.example: { dnssec: { mode: forbidden } }
  named.example: { dnssec: forbidden }
  signs.example: { dnssec: { mode: required, signatureMinDays: 5 } }
`);
    expect(result.diagnostics).toEqual([]);
    expect(dnssecOf(result)).toEqual({
      "inherits.example": { mode: "forbidden", signatureMinDays: 3 },
      "restates.example": { mode: "forbidden", signatureMinDays: 3 },
      "named.example": { mode: "forbidden", signatureMinDays: 3 },
      "signs.example": { mode: "required", signatureMinDays: 5 },
    });
  });
});
