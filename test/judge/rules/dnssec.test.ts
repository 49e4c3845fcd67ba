// The DNSSEC rules on observations that are hard to make a real server produce: a server that
// does not answer the DNSKEY query, a chain judged past a work bound, AWS answers that could not be
// had. What was not examined is not checked, with the reason; never a pass, never bogus.
import { describe, expect, it } from "vitest";
import { dnssecBogus } from "../../../src/judge/rules/dnssec/dnssec-bogus.js";
import { dnssecPolicy } from "../../../src/judge/rules/dnssec/dnssec-policy.js";
import { dnssecRegistrarMismatch } from "../../../src/judge/rules/dnssec/dnssec-registrar-mismatch.js";
import { dnssecSignatureExpiring } from "../../../src/judge/rules/dnssec/dnssec-signature-expiring.js";
import { dnssecSigningInconsistent } from "../../../src/judge/rules/dnssec/dnssec-signing-inconsistent.js";
import type { DelegationObservation, DsRecord } from "../../../src/observe/dns/types.js";
import type { RegistrarDnssecKey } from "../../../src/observe/providers/types.js";
import {
  bogus,
  chain,
  DS,
  OLD_DS,
  parentsPublishing,
  signed,
  TIMEOUT,
} from "../../support/dnssec-rules.js";
import {
  atCloudflare as cloudflareDomain,
  delegated,
  intent,
  observations,
} from "../../support/observations.js";
import { evaluate, findingsOf } from "../../support/rules.js";

const BOGUS = bogus(["ds-matches-no-key"]);

describe("dnssec-bogus", () => {
  it("a server whose DNSKEY query timed out: not checked, naming it (never a pass)", () => {
    const verdict = evaluate(
      dnssecBogus,
      intent(),
      observations({ delegation: signed(chain(), TIMEOUT) }),
    );
    expect(verdict).toEqual({
      kind: "not-checked",
      reason: expect.stringMatching(/ns2\.host\.example \([\d.]+\): DNSKEY query: timeout/),
    });
  });

  it("a bogus server is reported even when another could not be asked", () => {
    const verdict = evaluate(
      dnssecBogus,
      intent(),
      observations({ delegation: signed(BOGUS, TIMEOUT) }),
    );
    expect(verdict.kind).toBe("fail");
  });

  it("a chain that looks bogus only past a work bound is not checked, with the bound", () => {
    const bounded = chain({
      verdict: "bogus",
      reasons: ["dnskey-not-signed-by-ds-key"],
      warnings: ["limit-reached RRSIGs examined per RRset 16"],
    });
    const verdict = evaluate(
      dnssecBogus,
      intent(),
      observations({ delegation: signed(chain(), bounded) }),
    );
    expect(verdict).toEqual({
      kind: "not-checked",
      reason: expect.stringContaining(
        "the server sent more than is examined (RRSIGs examined per RRset 16)",
      ),
    });
  });

  it("a server that answered the NS query but was not asked for keys is not checked", () => {
    const verdict = evaluate(
      dnssecBogus,
      intent(),
      observations({ delegation: signed(chain(), undefined) }),
    );
    expect(verdict).toMatchObject({
      kind: "not-checked",
      reason: expect.stringContaining("not asked for DNSKEY"),
    });
  });

  it("without DS the chain is not judged here", () => {
    expect(evaluate(dnssecBogus, intent(), observations()).kind).toBe("not-applicable");
  });
});

describe("dnssec-bogus with --all-parents: parent servers that publish different DS", () => {
  /** The signed delegation, as two parent servers answered it: a.nic with DS, b.nic with `other`. */
  const parents = (other: readonly DsRecord[], respondent: readonly DsRecord[] = [DS]) =>
    observations({ delegation: parentsPublishing(signed(chain(), chain()), respondent, other) });

  it("a parent whose DS matches no served key: fails, naming each parent server and its key tags", () => {
    const verdict = evaluate(dnssecBogus, intent(), parents([OLD_DS]));
    const [finding] = findingsOf(verdict);
    expect(findingsOf(verdict)).toHaveLength(1);
    expect(finding?.message).toContain(
      "a.nic.com (192.0.2.1): DS 4242; b.nic.com (192.0.2.2): DS 1111",
    );
    expect(finding?.message).toContain(
      "The DS records from b.nic.com (192.0.2.2) match no key the servers serve (4242)",
    );
  });

  it("the same even when the respondent publishes none: the keys are judged against the other's DS", () => {
    const verdict = evaluate(dnssecBogus, intent(), parents([OLD_DS], []));
    expect(verdict.kind).toBe("fail");
  });

  it("a parent without DS, or with a DS the chain rests on: a pass that says so", () => {
    for (const other of [[], [DS, OLD_DS]]) {
      const verdict = evaluate(dnssecBogus, intent(), parents(other));
      expect(verdict).toMatchObject({
        kind: "pass",
        note: expect.stringContaining("the com servers publish different DS records"),
      });
    }
  });

  it("a parent's DS for a served key this walk did not validate: not checked, never a pass", () => {
    const unfollowed = { ...DS, digest: "ef".repeat(32) };
    expect(evaluate(dnssecBogus, intent(), parents([unfollowed]))).toMatchObject({
      kind: "not-checked",
      reason: expect.stringContaining("validated against a.nic.com's only"),
    });
  });
});

describe("dnssec-signature-expiring", () => {
  it("compares the earliest expiration with the policy's days", () => {
    const soon = signed(
      chain({ earliestExpiration: { rrset: "NS", at: "2026-11-28T12:00:00.000Z" } }),
      chain(),
    );
    const fails = evaluate(dnssecSignatureExpiring, intent(), observations({ delegation: soon }));
    expect(fails.kind).toBe("fail");
    const relaxed = intent({ dnssec: { mode: "optional", signatureMinDays: 1 } });
    expect(
      evaluate(dnssecSignatureExpiring, relaxed, observations({ delegation: soon })).kind,
    ).toBe("pass");
  });
});

describe("dnssec-policy", () => {
  const required = intent({ dnssec: { mode: "required", signatureMinDays: 7 } });

  it("required: a chain not examined everywhere is not checked, not a pass", () => {
    const verdict = evaluate(
      dnssecPolicy,
      required,
      observations({ delegation: signed(chain(), TIMEOUT) }),
    );
    expect(verdict.kind).toBe("not-checked");
  });

  it("required without DS fails; forbidden without DS passes", () => {
    expect(evaluate(dnssecPolicy, required, observations()).kind).toBe("fail");
    const forbidden = intent({ dnssec: { mode: "forbidden", signatureMinDays: 7 } });
    expect(evaluate(dnssecPolicy, forbidden, observations()).kind).toBe("pass");
  });
});

describe("the AWS-side DNSSEC rules", () => {
  const unavailable = {
    kind: "unavailable" as const,
    account: "default",
    reason: "AccessDenied",
    deniedAction: "route53:GetDNSSEC",
  };

  it("GetDNSSEC that could not be had: dnssec-signing-inconsistent not checked", () => {
    const verdict = evaluate(
      dnssecSigningInconsistent,
      intent(),
      observations({ delegation: signed(chain(), chain()), hostedZoneDnssec: unavailable }),
    );
    expect(verdict).toEqual({ kind: "not-checked", reason: "Route 53 GetDNSSEC: AccessDenied" });
  });

  it("more DnssecKeys than are read: dnssec-registrar-mismatch not checked", () => {
    const base = observations({ delegation: signed(chain(), chain()) });
    if (base.registration.kind !== "registered") throw new Error("fixture");
    const registration = {
      ...base.registration,
      detail: {
        ...base.registration.detail,
        dnssecKeys: [{ ...DS, flags: 257, id: "1" }],
        dnssecKeysUnread: 40,
      },
    };
    const verdict = evaluate(dnssecRegistrarMismatch, intent(), { ...base, registration });
    expect(verdict).toMatchObject({
      kind: "not-checked",
      reason: expect.stringContaining("40 more DNSSEC keys"),
    });
  });

  it("the registrar lists exactly the parent's DS: pass; one more: fail", () => {
    const base = observations({ delegation: signed(chain(), chain()) });
    const registered = base.registration;
    if (registered.kind !== "registered") throw new Error("fixture");
    const withKeys = (keys: readonly RegistrarDnssecKey[]) => ({
      ...base,
      registration: { ...registered, detail: { ...registered.detail, dnssecKeys: keys } },
    });
    const same = [{ ...DS, flags: 257, id: "1" }];
    expect(evaluate(dnssecRegistrarMismatch, intent(), withKeys(same)).kind).toBe("pass");
    const more = [...same, { ...DS, keyTag: 1, flags: 257, id: "2" }];
    expect(evaluate(dnssecRegistrarMismatch, intent(), withKeys(more)).kind).toBe("fail");
  });
});

describe("a provider whose API does not show DNSSEC (Cloudflare)", () => {
  const { intent: atCloudflare, apis } = cloudflareDomain();
  function atCloudflareRegistrar(delegation: DelegationObservation) {
    const base = observations({ ...apis, delegation });
    if (base.registration.kind !== "registered") throw new Error("fixture");
    const detail = { ...base.registration.detail, dnssecKeys: undefined };
    return { ...base, registration: { ...base.registration, account: "cf-main", detail } };
  }

  it("dnssec-registrar-mismatch: not checked where the parent publishes DS, else not applicable", () => {
    const signedAtParent = evaluate(
      dnssecRegistrarMismatch,
      atCloudflare,
      atCloudflareRegistrar(signed(chain(), chain())),
    );
    expect(signedAtParent).toEqual({
      kind: "not-checked",
      reason:
        "Cloudflare Registrar does not show through its API the DNSSEC keys it sent to the registry",
    });
    const unsigned = evaluate(
      dnssecRegistrarMismatch,
      atCloudflare,
      atCloudflareRegistrar(delegated()),
    );
    expect(unsigned.kind).toBe("not-applicable");
    const required = intent({ ...atCloudflare, dnssec: { mode: "required", signatureMinDays: 7 } });
    expect(
      evaluate(dnssecRegistrarMismatch, required, atCloudflareRegistrar(delegated())).kind,
    ).toBe("not-checked");
  });

  it("dnssec-signing-inconsistent: the zone's signing that the API cannot show is not checked, with why", () => {
    const reason = "Cloudflare DNS does not show a zone's DNSSEC signing through its API";
    // A DNS host whose API cannot show the zone's signing (every adapter's today can).
    const blind = {
      ...apis.dnsHostApi,
      capabilities: { ...apis.dnsHostApi.capabilities, zoneDnssec: false },
    };
    const verdict = evaluate(
      dnssecSigningInconsistent,
      atCloudflare,
      observations({
        ...apis,
        dnsHostApi: blind,
        delegation: signed(chain(), chain()),
        hostedZoneDnssec: {
          kind: "unavailable",
          account: "cf-main",
          reason,
          deniedAction: undefined,
        },
      }),
    );
    expect(verdict).toEqual({ kind: "not-checked", reason });
  });
  it("dnssec-signing-inconsistent names the DNS host's API that was consulted, not Route 53", () => {
    const { intent: atCloudflare, apis } = cloudflareDomain();
    const reading = apis.dnsHostApi;
    const verdict = evaluate(
      dnssecSigningInconsistent,
      atCloudflare,
      observations({
        ...apis,
        dnsHostApi: reading,
        delegation: signed(chain(), chain()),
        hostedZoneDnssec: {
          kind: "ok",
          account: "cf-main",
          zoneId: "cf-zone",
          serveSignature: "NOT_SIGNING",
          signing: false,
          statusMessage: undefined,
          keySigningKeys: [],
        },
      }),
    );
    const [finding] = findingsOf(verdict);
    expect(finding?.message).toContain("but Cloudflare DNS says the zone's signing is NOT_SIGNING");
    // The repair is Cloudflare's, not an AWS command.
    expect(finding?.remediation).toMatch(/PATCH \/zones\/\S+\/dnssec/);
    expect(finding?.remediation).not.toContain("aws route53");
    expect(finding?.message).not.toContain("Route 53");
  });
});
