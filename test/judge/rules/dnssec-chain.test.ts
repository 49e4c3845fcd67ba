// dnssec-bogus and dnssec-signature-expiring on built chains: what each verdict says to the user
// (reason, message, expected, observed, remediation) for each way a chain breaks or nears expiry,
// and when the rules cannot judge it. The chains a real validator produces from real signed zones
// are tested end to end in test/dnssec/; here the rules' own logic, in process.
import { describe, expect, it } from "vitest";
import { dnssecBogus } from "../../../src/judge/rules/dnssec/dnssec-bogus.js";
import { dnssecSignatureExpiring } from "../../../src/judge/rules/dnssec/dnssec-signature-expiring.js";
import type { DelegationObservation, DsRecord } from "../../../src/observe/dns/types.js";
import type { DomainIntent } from "../../../src/policy/types.js";
import {
  badlySigned,
  bogus,
  chain,
  DS,
  key,
  NS1,
  NS2,
  OLD_DS,
  parentsPublishing,
  rrsig,
  signed,
  TIMEOUT,
} from "../../support/dnssec-rules.js";
import { failedWalk, intent, observations, undelegated } from "../../support/observations.js";
import { evaluate, findingsOf } from "../../support/rules.js";

/** The chain of a zone re-created at another host: it serves keys 9999 and 8888, no DS matches. */
const OTHER_KEYS = bogus(["ds-matches-no-key", "dnskey-not-signed-by-ds-key"], {
  ds: [{ keyTag: 4242, algorithm: 13, digestType: 2, status: "no-matching-key" }],
  keys: [key(9999), key(8888)],
});

/** The chain of a zone served unsigned. */
const UNSIGNED = bogus(["dnskey-missing", "dnskey-not-signed-by-ds-key"], {
  ds: [{ keyTag: 4242, algorithm: 13, digestType: 2, status: "no-matching-key" }],
  keys: [],
});

/** A chain the parent's DS does not vouch for: no DS this validator can follow. */
const INSECURE = chain({
  verdict: "insecure",
  reasons: ["no-supported-ds"],
  ds: [{ keyTag: 4242, algorithm: 13, digestType: 2, status: "unsupported-digest-type" }],
  earliestExpiration: null,
});

const withDs = (delegation: DelegationObservation, ds: readonly DsRecord[]) => {
  if (delegation.kind !== "delegated") throw new Error("fixture");
  return { ...delegation, parent: { ...delegation.parent, ds } };
};

const bogusVerdict = (delegation: DelegationObservation, domain: DomainIntent = intent()) =>
  evaluate(dnssecBogus, domain, observations({ delegation }));

const LIKELY_REKEYED =
  "the DNS host changed or the zone was re-created while the parent kept the DS record for the old keys";

const fixFor = (name: string, tags: string, holder: string) =>
  `Either make every server of ${name} serve the keys the DS records point at (tags ${tags}), signed and current, or replace the DS records at ${holder} with ones for the keys now served, or remove them to turn DNSSEC off (resolvers cache the DS for its TTL).`;

describe("dnssec-bogus: what it cannot judge", () => {
  it("a walk that failed is not checked, with the walk's reason", () => {
    expect(bogusVerdict(failedWalk())).toEqual({
      kind: "not-checked",
      reason: "delegation: all com servers timed out",
    });
  });

  it("an undelegated domain, or one without DS at the parent, is not applicable", () => {
    expect(bogusVerdict(undelegated())).toEqual({
      kind: "not-applicable",
      reason: "the domain is not delegated",
    });
    expect(bogusVerdict(withDs(signed(chain(), chain()), []))).toEqual({
      kind: "not-applicable",
      reason: "the parent publishes no DS record",
    });
  });

  it("a signed delegation whose servers were not asked for keys is not checked (never a pass)", () => {
    const notAsked = { ...signed(chain(), chain()), dnssec: "not-asked" as const };
    expect(bogusVerdict(notAsked)).toEqual({
      kind: "not-checked",
      reason: "the delegated servers were not asked for their keys",
    });
  });

  it("no chain followable from the DS (unsupported digest type everywhere) is not checked", () => {
    expect(bogusVerdict(signed(INSECURE, INSECURE))).toEqual({
      kind: "not-checked",
      reason:
        "no server's chain could be followed from the parent's DS (unsupported algorithms or digest types)",
    });
  });
});

describe("dnssec-bogus: a broken chain fails, saying how each server breaks it", () => {
  it("a server serving other keys: the keys it serves, the DS tags, the likely cause and the Route 53 Domains repair", () => {
    const verdict = bogusVerdict(signed(chain(), OTHER_KEYS));
    expect(findingsOf(verdict)).toEqual([
      {
        message: `1 of 2 server addresses of example.com break the DNSSEC chain from the parent's DS (key tags 4242): ${NS2} serves keys 9999, 8888, none matching DS 4242. Likely cause: ${LIKELY_REKEYED}.`,
        expected: "every server signs with a key matching DS 4242",
        observed: [`${NS2} serves keys 9999, 8888, none matching DS 4242`],
        remediation: `${fixFor("example.com", "4242", "the registrar")} At Route 53 Domains: aws route53domains get-domain-detail --region us-east-1 --domain-name example.com --query DnssecKeys lists the DS records with their ids; aws route53domains disassociate-delegation-signer-from-domain --region us-east-1 --domain-name example.com --id <id> removes one; aws route53domains associate-delegation-signer-to-domain --region us-east-1 --domain-name example.com --signing-attributes Algorithm=<alg>,Flags=257,PublicKey=<key> adds the key now served.`,
      },
    ]);
  });

  it("servers serving the zone unsigned: each named, every DS tag once, the registrar's repair without AWS commands elsewhere", () => {
    const sha384 = { ...DS, digestType: 4, digest: "ef".repeat(48) };
    const second = { ...DS, keyTag: 4343, digest: "12".repeat(32) };
    const delegation = withDs(signed(UNSIGNED, UNSIGNED), [DS, sha384, second]);
    const elsewhere = intent({ registrar: "cloudflare", architecture: "dns-host-only" });
    expect(findingsOf(bogusVerdict(delegation, elsewhere))).toEqual([
      {
        message: `2 of 2 server addresses of example.com break the DNSSEC chain from the parent's DS (key tags 4242, 4343): ${NS1} serves the zone unsigned (no DNSKEY); ${NS2} serves the zone unsigned (no DNSKEY). Likely cause: ${LIKELY_REKEYED}.`,
        expected: "every server signs with a key matching DS 4242, 4343",
        observed: [
          `${NS1} serves the zone unsigned (no DNSKEY)`,
          `${NS2} serves the zone unsigned (no DNSKEY)`,
        ],
        remediation: fixFor("example.com", "4242, 4343", "the registrar"),
      },
    ]);
  });

  it("expired signatures: each one with its RRset, key and moment, and a signer that stopped as the cause", () => {
    const stale = rrsig("no-matching-key", "2027-01-01T00:00:00.000Z", 1111);
    const expired = bogus(["dnskey-not-signed-by-ds-key", "soa-not-validly-signed"], {
      rrsets: [
        badlySigned("DNSKEY", rrsig("expired", "2026-11-20T00:00:00.000Z"), stale),
        badlySigned("SOA", rrsig("expired", "2026-11-21T00:00:00.000Z"), stale),
        {
          rrset: "NS",
          status: "valid",
          signedBy: [4242],
          signatures: [rrsig("valid", "2026-12-20T00:00:00.000Z")],
        },
      ],
    });
    const badSignature = bogus(["ns-not-validly-signed"], {
      rrsets: [badlySigned("NS", rrsig("bad-signature", "2026-12-20T00:00:00.000Z"))],
    });
    const [finding] = findingsOf(bogusVerdict(signed(expired, badSignature)));
    const observed = [
      `${NS1} expired signatures: DNSKEY by 4242 expired 2026-11-20T00:00:00.000Z, SOA by 4242 expired 2026-11-21T00:00:00.000Z`,
      `${NS2} ns-not-validly-signed`,
    ];
    expect(finding?.observed).toEqual(observed);
    expect(finding?.message).toBe(
      `2 of 2 server addresses of example.com break the DNSSEC chain from the parent's DS (key tags 4242): ${observed.join("; ")}. Likely cause: the zone is no longer re-signed.`,
    );
  });

  it("signatures that do not verify: the validator's reasons, and keys that do not verify them as the cause", () => {
    // ns1's DS digest matches none of its keys' digests; ns2 signs its SOA and NS wrongly.
    const digestMismatch = bogus(["dnskey-not-signed-by-ds-key"], {
      ds: [{ keyTag: 4242, algorithm: 13, digestType: 2, status: "digest-mismatch" }],
    });
    const invalid = bogus(["soa-not-validly-signed", "ns-not-validly-signed"], {
      rrsets: [badlySigned("NS", rrsig("bad-signature", "2026-12-20T00:00:00.000Z"))],
    });
    const [finding] = findingsOf(bogusVerdict(signed(digestMismatch, invalid)));
    expect(finding?.observed).toEqual([
      `${NS1} dnskey-not-signed-by-ds-key`,
      `${NS2} soa-not-validly-signed, ns-not-validly-signed`,
    ]);
    expect(finding?.message).toMatch(
      /\. Likely cause: the zone's signatures do not verify with its keys\.$/,
    );
  });

  it("other keys served and wrongly signed NS: both told, without the unsigned DNSKEY the other keys imply", () => {
    const worse = bogus(
      ["ds-matches-no-key", "dnskey-not-signed-by-ds-key", "ns-not-validly-signed"],
      {
        keys: [key(9999)],
      },
    );
    const [finding] = findingsOf(bogusVerdict(signed(worse, chain())));
    expect(finding?.observed).toEqual([
      `${NS1} serves keys 9999, none matching DS 4242; ns-not-validly-signed`,
    ]);
  });

  it("counts every server address, those that could not be examined too", () => {
    const [finding] = findingsOf(bogusVerdict(signed(chain(), OTHER_KEYS, INSECURE, TIMEOUT)));
    expect(finding?.message).toMatch(/^1 of 4 server addresses of example\.com break/);
  });

  it("a delegated subdomain's DS is repaired in its parent zone, not at the registrar", () => {
    const subdomain = intent({ name: "shop.example.com", unicode: "shop.example.com" });
    const base = signed(OTHER_KEYS, OTHER_KEYS);
    if (base.kind !== "delegated") throw new Error("fixture");
    const delegation = { ...base, parent: { ...base.parent, zone: "example.com" } };
    const [finding] = findingsOf(bogusVerdict(delegation, subdomain));
    expect(finding?.remediation).toBe(
      fixFor("shop.example.com", "4242", "the parent zone example.com"),
    );
  });
});

describe("dnssec-bogus with --all-parents: parent servers that publish different DS", () => {
  const NEW_DS: DsRecord = { keyTag: 4343, algorithm: 13, digestType: 2, digest: "12".repeat(32) };
  const verdictWith = (delegation: DelegationObservation, ...parents: DsRecord[][]) => {
    const [respondent = [], ...others] = parents;
    return bogusVerdict(parentsPublishing(delegation, respondent, ...others));
  };

  it("one parent's DS matching no served key: a parent-ds finding naming each parent, its tags and the repair", () => {
    const verdict = verdictWith(signed(chain(), chain()), [DS], [OLD_DS]);
    const views = ["a.nic.com (192.0.2.1): DS 4242", "b.nic.com (192.0.2.2): DS 1111"];
    expect(findingsOf(verdict)).toEqual([
      {
        key: "parent-ds",
        message: `The com servers publish different DS records for example.com: ${views.join("; ")}. The DS records from b.nic.com (192.0.2.2) match no key the servers serve (4242): validating resolvers that ask it fail. Likely cause: a registry update still propagating, or a registry server serving an old copy of the zone.`,
        expected: "every com server publishes the same DS records, for keys the servers serve",
        observed: views,
        remediation:
          "Wait for the com servers to converge (usually minutes to hours); if b.nic.com (192.0.2.2) keeps publishing the old DS, contact the registrar. Until then keep the key those DS records point at served, if you still have it.",
      },
    ]);
  });

  it("two such parents with the zone served unsigned: both findings, the parents named together", () => {
    const verdict = verdictWith(signed(UNSIGNED, UNSIGNED), [DS], [OLD_DS], [OLD_DS]);
    const [servers, parents] = findingsOf(verdict);
    expect(servers?.message).toMatch(/^2 of 2 server addresses/);
    expect(parents?.message).toContain(
      "The DS records from b.nic.com (192.0.2.2), c.nic.com (192.0.2.3) match no key the servers serve (none): validating resolvers that ask them fail.",
    );
  });

  it("a respondent with the stale DS while another parent has the new one: only the broken chain, the new DS is no dead end", () => {
    const rekeyed = bogus(["ds-matches-no-key", "dnskey-not-signed-by-ds-key"], {
      ds: [{ keyTag: 1111, algorithm: 13, digestType: 2, status: "no-matching-key" }],
    });
    const verdict = verdictWith(signed(rekeyed, rekeyed), [OLD_DS], [DS]);
    const findings = findingsOf(verdict);
    expect(findings).toHaveLength(1);
    expect(findings[0]?.observed).toEqual([
      `${NS1} serves keys 4242, none matching DS 1111`,
      `${NS2} serves keys 4242, none matching DS 1111`,
    ]);
  });

  it("another parent's DS anchoring every server, or none: a pass naming each parent's DS", () => {
    expect(verdictWith(signed(chain(), chain()), [DS], [])).toEqual({
      kind: "pass",
      note: "the com servers publish different DS records (a.nic.com (192.0.2.1): DS 4242; b.nic.com (192.0.2.2): no DS): each leads to a served key, or to no DNSSEC",
    });
  });

  it("a DS that anchors only some servers' chains does not vouch for another parent's copy: not checked", () => {
    // Mid-rollover: ns1 serves the old key only, ns2 the new one only; b.nic.com has only the old DS,
    // so resolvers that ask it and then ns2 fail.
    const newOnly = chain({
      ds: [
        { keyTag: 4242, algorithm: 13, digestType: 2, status: "no-matching-key" },
        { keyTag: 4343, algorithm: 13, digestType: 2, status: "matched" },
      ],
      keys: [key(4343)],
    });
    const oldOnly = chain({
      ds: [
        { keyTag: 4242, algorithm: 13, digestType: 2, status: "matched" },
        { keyTag: 4343, algorithm: 13, digestType: 2, status: "no-matching-key" },
      ],
    });
    expect(verdictWith(signed(oldOnly, newOnly), [DS, NEW_DS], [DS])).toEqual({
      kind: "not-checked",
      reason:
        "the com servers publish different DS records (a.nic.com (192.0.2.1): DS 4242, 4343; b.nic.com (192.0.2.2): DS 4242); the chain was validated against a.nic.com's only",
    });
  });

  it("a DS that anchors every server vouches for another parent's copy, though the respondent's other DS leads nowhere", () => {
    const anchored = chain({
      ds: [
        { keyTag: 4242, algorithm: 13, digestType: 2, status: "matched" },
        { keyTag: 1111, algorithm: 13, digestType: 2, status: "no-matching-key" },
      ],
    });
    expect(verdictWith(signed(anchored, anchored), [DS, OLD_DS], [DS])).toMatchObject({
      kind: "pass",
    });
  });

  it.each([
    ["another key tag", { keyTag: 4343 }],
    ["another algorithm", { algorithm: 8 }],
    ["another digest type", { digestType: 4 }],
  ])(
    "a respondent's DS with %s that does not match at the servers does not vouch for another parent's copy",
    (_, differs) => {
      const wrong = { ...DS, ...differs, digest: "34".repeat(32) };
      const served = chain({
        ds: [
          { keyTag: 4242, algorithm: 13, digestType: 2, status: "matched" },
          {
            keyTag: wrong.keyTag,
            algorithm: wrong.algorithm,
            digestType: wrong.digestType,
            status: "digest-mismatch",
          },
        ],
        keys: [key(4242), key(wrong.keyTag, wrong.algorithm)],
      });
      const verdict = verdictWith(signed(served, served), [DS, wrong], [wrong]);
      expect(verdict).toMatchObject({
        kind: "not-checked",
        reason: expect.stringContaining("the chain was validated against a.nic.com's only"),
      });
    },
  );

  it("an insecure server leaves another parent's DS unverified, though the secure ones anchor it", () => {
    const verdict = verdictWith(signed(chain(), INSECURE), [DS], [DS, NEW_DS]);
    expect(verdict).toMatchObject({
      kind: "not-checked",
      reason: expect.stringContaining("the chain was validated against a.nic.com's only"),
    });
  });
});

describe("dnssec-bogus: what a pass says", () => {
  it("a chain that holds everywhere is a plain pass, whatever else the validator warned of", () => {
    const warned = chain({ warnings: ["unmatched-ds 1111"] });
    expect(bogusVerdict(signed(chain(), warned))).toEqual({ kind: "pass" });
  });

  it("a chain resting on a SHA-1 DS at any server: a pass that asks for a SHA-256 DS, with the parents' disagreement", () => {
    const sha1 = chain({ warnings: ["unmatched-ds 1111", "sha1-ds 4242"] });
    const sha1Note =
      "the chain rests on a SHA-1 DS digest, which RFC 8624 deprecates: add a SHA-256 DS";
    expect(bogusVerdict(signed(chain(), sha1))).toEqual({ kind: "pass", note: sha1Note });
    expect(bogusVerdict(parentsPublishing(signed(sha1, sha1), [DS], []))).toEqual({
      kind: "pass",
      note: `${sha1Note}; the com servers publish different DS records (a.nic.com (192.0.2.1): DS 4242; b.nic.com (192.0.2.2): no DS): each leads to a served key, or to no DNSSEC`,
    });
  });
});

describe("dnssec-signature-expiring", () => {
  const NOW_PLUS_7_DAYS = "2026-12-03T12:00:00.000Z";
  const expiring = (at: string, rrset: "DNSKEY" | "NS" | "SOA" = "NS") =>
    chain({ earliestExpiration: { rrset, at } });
  const expiringVerdict = (delegation: DelegationObservation, domain: DomainIntent = intent()) =>
    evaluate(dnssecSignatureExpiring, domain, observations({ delegation }));

  it("is not checked after a failed walk, not applicable when undelegated, unsigned or already broken", () => {
    expect(expiringVerdict(failedWalk())).toEqual({
      kind: "not-checked",
      reason: "delegation: all com servers timed out",
    });
    expect(expiringVerdict(undelegated())).toEqual({
      kind: "not-applicable",
      reason: "the domain is not delegated",
    });
    expect(expiringVerdict(withDs(signed(chain(), chain()), []))).toEqual({
      kind: "not-applicable",
      reason: "the parent publishes no DS record",
    });
    expect(expiringVerdict(signed(OTHER_KEYS, TIMEOUT))).toEqual({
      kind: "not-applicable",
      reason: "no server serves a valid chain whose signatures could expire",
    });
  });

  it("fails for each server whose earliest signature is closer than the policy's days, with the Route 53 command", () => {
    const verdict = expiringVerdict(
      signed(expiring("2026-11-28T12:00:00.000Z"), expiring("2026-11-29T00:00:00.000Z", "DNSKEY")),
    );
    const observed = [
      `${NS1}: NS signature expires 2026-11-28T12:00:00.000Z (in 2 day(s))`,
      `${NS2}: DNSKEY signature expires 2026-11-29T00:00:00.000Z (in 2 day(s))`,
    ];
    expect(findingsOf(verdict)).toEqual([
      {
        message: `Apex signatures of example.com expire within 7 day(s): ${observed.join("; ")}.`,
        expected: "signatures valid for at least 7 more day(s)",
        observed,
        remediation:
          "Make the signer of example.com re-sign the zone before the signatures expire (Route 53 signs by itself while its key-signing key is ACTIVE: aws route53 get-dnssec --hosted-zone-id Z111111111111).",
      },
    ]);
  });

  it("names no Route 53 command for a zone hosted elsewhere", () => {
    const elsewhere = intent({ dnsHost: "cloudflare", architecture: "registrar-only" });
    const [finding] = findingsOf(
      expiringVerdict(signed(expiring("2026-11-28T12:00:00.000Z"), chain()), elsewhere),
    );
    expect(finding?.remediation).toBe(
      "Make the signer of example.com re-sign the zone before the signatures expire.",
    );
  });

  it("exactly the policy's days left passes; a moment less fails", () => {
    expect(expiringVerdict(signed(expiring(NOW_PLUS_7_DAYS), chain()))).toEqual({ kind: "pass" });
    const [finding] = findingsOf(
      expiringVerdict(signed(expiring("2026-12-03T11:59:59.999Z"), chain())),
    );
    expect(finding?.observed).toEqual([
      `${NS1}: NS signature expires 2026-12-03T11:59:59.999Z (in 6 day(s))`,
    ]);
  });

  it("a valid chain without signatures to expire passes", () => {
    expect(expiringVerdict(signed(chain({ earliestExpiration: null }), chain()))).toEqual({
      kind: "pass",
    });
  });
});
