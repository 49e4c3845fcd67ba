// The DNSSEC rules about keys and policy: what the policy asks (dnssec-policy), what the registrar
// holds against what the registry publishes (dnssec-registrar-mismatch), and what the DNS host signs
// with against the parent's DS (dnssec-signing-inconsistent), with each DNS host's own repair.
// Every finding is pinned whole: its message, expected, observed, remediation and key are what a
// user reads and acts on.
import { describe, expect, it } from "vitest";
import { dnssecPolicy } from "../../../src/judge/rules/dnssec/dnssec-policy.js";
import { dnssecRegistrarMismatch } from "../../../src/judge/rules/dnssec/dnssec-registrar-mismatch.js";
import { dnssecSigningInconsistent } from "../../../src/judge/rules/dnssec/dnssec-signing-inconsistent.js";
import type { DelegationObservation, DsRecord } from "../../../src/observe/dns/types.js";
import type { DomainObservations } from "../../../src/observe/observations.js";
import { azureDnsDescriptor } from "../../../src/observe/providers/azure/descriptor.js";
import { googleCloudDnsDescriptor } from "../../../src/observe/providers/gcp/descriptor.js";
import type { KeySigningKey, RegistrarDnssecKey } from "../../../src/observe/providers/types.js";
import type { DomainIntent } from "../../../src/policy/types.js";
import { chain, DS, OLD_DS, signed, TIMEOUT } from "../../support/dnssec-rules.js";
import {
  atCloudflare,
  delegated,
  failedWalk,
  intent,
  observations,
  undelegated,
  zone,
} from "../../support/observations.js";
import { evaluate, findingsOf } from "../../support/rules.js";

/** An old RSA/SHA-1 DS: its own algorithm and digest type in what findings name. */
const OLD: DsRecord = { keyTag: 1111, algorithm: 8, digestType: 1, digest: "cd".repeat(20) };

/** The default delegation (Route 53's servers) with the parent publishing `ds`. */
function parentPublishing(ds: readonly DsRecord[], base = delegated()): DelegationObservation {
  if (base.kind !== "delegated") throw new Error("fixture");
  return { ...base, parent: { ...base.parent, ds } };
}

/** A delegated subdomain, shop.example.com, whose DS records live in the example.com zone. */
const SUBDOMAIN: Partial<DomainIntent> = { name: "shop.example.com", unicode: "shop.example.com" };
function subdomainDelegation(ds: readonly DsRecord[]): DelegationObservation {
  const base = parentPublishing(ds, delegated(undefined, undefined, "shop.example.com"));
  if (base.kind !== "delegated") throw new Error("fixture");
  return { ...base, parent: { ...base.parent, zone: "example.com" } };
}

describe("dnssec-policy: what it leaves to others", () => {
  const required = intent({ dnssec: { mode: "required", signatureMinDays: 7 } });

  it("is not applicable where the policy leaves DNSSEC optional, even with DS published", () => {
    const verdict = evaluate(
      dnssecPolicy,
      intent(),
      observations({ delegation: parentPublishing([DS]) }),
    );
    expect(verdict).toEqual({
      kind: "not-applicable",
      reason: "the policy leaves DNSSEC optional",
    });
  });

  it("is not checked when the delegation could not be read, with the walk's reason", () => {
    const verdict = evaluate(dnssecPolicy, required, observations({ delegation: failedWalk() }));
    expect(verdict).toEqual({
      kind: "not-checked",
      reason: "delegation: all com servers timed out",
    });
  });

  it("is not applicable to a domain that is not delegated", () => {
    const verdict = evaluate(dnssecPolicy, required, observations({ delegation: undelegated() }));
    expect(verdict).toEqual({ kind: "not-applicable", reason: "the domain is not delegated" });
  });
});

describe("dnssec-policy: forbidden", () => {
  const forbidding = (overrides: Partial<DomainIntent> = {}) =>
    intent({ ...overrides, dnssec: { mode: "forbidden", signatureMinDays: 7 } });
  const published = [DS, OLD];
  const removeAtRoute53 =
    "aws route53domains disassociate-delegation-signer-from-domain --region us-east-1 --domain-name example.com --id <id> for each key listed by aws route53domains get-domain-detail --region us-east-1 --domain-name example.com --query DnssecKeys";

  it("fails naming every DS the parent publishes, with Route 53 Domains' command to remove them", () => {
    const verdict = evaluate(
      dnssecPolicy,
      forbidding(),
      observations({ delegation: parentPublishing(published) }),
    );
    expect(findingsOf(verdict)).toEqual([
      {
        message:
          "The policy forbids DNSSEC for example.com, but the parent publishes 2 DS record(s) (key tags 4242, 1111).",
        expected: "no DS record",
        observed: ["DS 4242 13 2", "DS 1111 8 1"],
        remediation: removeAtRoute53,
      },
    ]);
  });

  it("sends the removal to another registrar in words, and a subdomain's to its parent zone", () => {
    const elsewhere = evaluate(
      dnssecPolicy,
      forbidding({ registrar: "hover", architecture: "dns-host-only" }),
      observations({ delegation: parentPublishing(published) }),
    );
    expect(findingsOf(elsewhere)[0].remediation).toBe(
      "Remove the DS records of example.com at its registrar.",
    );
    const subdomain = evaluate(
      dnssecPolicy,
      forbidding(SUBDOMAIN),
      observations({ delegation: subdomainDelegation(published) }),
    );
    expect(findingsOf(subdomain)[0].remediation).toBe(
      "Remove the DS records of shop.example.com from the parent zone example.com.",
    );
  });

  it("passes when the parent publishes no DS", () => {
    expect(evaluate(dnssecPolicy, forbidding(), observations())).toEqual({ kind: "pass" });
  });
});

describe("dnssec-policy: required", () => {
  const requiring = (overrides: Partial<DomainIntent> = {}) =>
    intent({ ...overrides, dnssec: { mode: "required", signatureMinDays: 7 } });
  const servingChains = (first = chain(), second = chain()) =>
    observations({ delegation: signed(first, second) });
  const INSECURE = chain({ verdict: "insecure", reasons: ["no-supported-ds"] });
  const BOGUS = chain({ verdict: "bogus", reasons: ["ds-matches-no-key"] });

  it("fails an unsigned domain, with Route 53's signing commands for its hosted zone", () => {
    const verdict = evaluate(dnssecPolicy, requiring(), observations());
    expect(findingsOf(verdict)).toEqual([
      {
        message:
          "The policy requires DNSSEC for example.com, but the parent publishes no DS record: the domain is unsigned for every resolver.",
        expected: "a DS record and a chain that validates",
        observed: "no DS record",
        remediation:
          "Sign the zone at its DNS host and publish the key's DS record at the registrar. For Route 53 (the KMS key: ECC_NIST_P256, in us-east-1): aws route53 create-key-signing-key --hosted-zone-id Z111111111111 --name ksk1 --key-management-service-arn <kms-key-arn> --status ACTIVE --caller-reference domain-drift-$(date +%s), then aws route53 enable-hosted-zone-dnssec --hosted-zone-id Z111111111111, then publish the DS that aws route53 get-dnssec --hosted-zone-id Z111111111111 shows.",
      },
    ]);
  });

  it("gives no Route 53 commands for a zone hosted elsewhere", () => {
    const { intent: cloudflare, apis } = atCloudflare();
    const verdict = evaluate(
      dnssecPolicy,
      requiring(cloudflare),
      observations({ ...apis, hostedZones: { kind: "found", account: "cf-main", zones: [] } }),
    );
    expect(findingsOf(verdict)[0].remediation).toBe(
      "Sign the zone at its DNS host and publish the key's DS record at the registrar.",
    );
  });

  it("fails a chain broken at some server though others validate, pointing at dnssec-bogus", () => {
    const verdict = evaluate(dnssecPolicy, requiring(), servingChains(chain(), BOGUS));
    expect(findingsOf(verdict)).toEqual([
      {
        message:
          "The policy requires DNSSEC for example.com, but its chain does not validate (broken at some servers: see dnssec-bogus).",
        expected: "a chain that validates at every server",
        observed: "bogus",
        remediation:
          "Repair the chain as dnssec-bogus says, or publish a DS with a supported algorithm and digest type.",
      },
    ]);
  });

  it("fails a DS the validator cannot follow anywhere as insecure", () => {
    const verdict = evaluate(dnssecPolicy, requiring(), servingChains(INSECURE, INSECURE));
    expect(findingsOf(verdict)).toEqual([
      {
        message:
          "The policy requires DNSSEC for example.com, but its chain does not validate (no DS the validator can follow).",
        expected: "a chain that validates at every server",
        observed: "insecure",
        remediation:
          "Repair the chain as dnssec-bogus says, or publish a DS with a supported algorithm and digest type.",
      },
    ]);
  });

  it("is not checked, naming the server, when a chain was not examined everywhere", () => {
    for (const other of [chain(), INSECURE]) {
      const verdict = evaluate(dnssecPolicy, requiring(), servingChains(other, TIMEOUT));
      expect(verdict).toEqual({
        kind: "not-checked",
        reason: expect.stringMatching(
          /^not every server's chain was examined: ns2\.host\.example \([\d.]+\): DNSKEY query: timeout$/,
        ),
      });
    }
  });

  it("passes when the chain validates at every server", () => {
    expect(evaluate(dnssecPolicy, requiring(), servingChains())).toEqual({ kind: "pass" });
  });
});

describe("dnssec-registrar-mismatch", () => {
  const registrarKey = (ds: DsRecord, id: string): RegistrarDnssecKey => ({
    ...ds,
    flags: 257,
    id,
  });

  /** The Route 53 registration listing `keys` (undefined: none listed) and the parent's `ds`. */
  function holding(
    keys: readonly RegistrarDnssecKey[] | undefined,
    ds: readonly DsRecord[],
    overrides: Partial<DomainObservations> = {},
  ): DomainObservations {
    const base = observations({ delegation: parentPublishing(ds), ...overrides });
    if (base.registration.kind !== "registered") throw new Error("fixture");
    const detail = { ...base.registration.detail, dnssecKeys: keys };
    return { ...base, registration: { ...base.registration, detail } };
  }

  it("leaves a delegated subdomain alone: the registrar holds its registrable domain's keys", () => {
    const verdict = evaluate(
      dnssecRegistrarMismatch,
      intent(SUBDOMAIN),
      holding([], [DS], { delegation: subdomainDelegation([DS]) }),
    );
    expect(verdict).toEqual({
      kind: "not-applicable",
      reason:
        "a delegated subdomain: the registrar holds DS records for its registrable domain only",
    });
  });

  it("is not applicable to a domain the account does not hold", () => {
    const verdict = evaluate(
      dnssecRegistrarMismatch,
      intent(),
      observations({ registration: { kind: "not-in-account", account: "default" } }),
    );
    expect(verdict).toEqual({
      kind: "not-applicable",
      reason: "the domain is not registered in the Route 53 Domains account",
    });
  });

  it("is not checked when the intended registrar's API could not be read, else not applicable", () => {
    const registration = {
      kind: "unavailable" as const,
      account: "default",
      reason: "ThrottlingException",
      deniedAction: undefined,
    };
    expect(evaluate(dnssecRegistrarMismatch, intent(), observations({ registration }))).toEqual({
      kind: "not-checked",
      reason: "Route 53 Domains: ThrottlingException",
    });
    const elsewhere = intent({ registrar: "hover", architecture: "dns-host-only" });
    expect(evaluate(dnssecRegistrarMismatch, elsewhere, observations({ registration }))).toEqual({
      kind: "not-applicable",
      reason: "the domain is not meant to be registered with Route 53 Domains",
    });
  });

  it("is not checked when the registrar's answer lists no keys at all", () => {
    expect(evaluate(dnssecRegistrarMismatch, intent(), holding(undefined, [DS]))).toEqual({
      kind: "not-checked",
      reason: "Route 53 Domains listed no DNSSEC keys for example.com",
    });
  });

  it("is not checked without the delegation, and not applicable to an undelegated domain", () => {
    const keys = [registrarKey(DS, "1")];
    expect(
      evaluate(dnssecRegistrarMismatch, intent(), holding(keys, [], { delegation: failedWalk() })),
    ).toEqual({ kind: "not-checked", reason: "delegation: all com servers timed out" });
    expect(
      evaluate(dnssecRegistrarMismatch, intent(), holding(keys, [], { delegation: undelegated() })),
    ).toEqual({ kind: "not-applicable", reason: "the domain is not delegated" });
  });

  it("passes when both list the same keys, whatever the digest's case", () => {
    const upper = { ...DS, digest: DS.digest.toUpperCase() };
    const verdict = evaluate(
      dnssecRegistrarMismatch,
      intent(),
      holding([registrarKey(upper, "1"), registrarKey(OLD, "2")], [OLD, DS]),
    );
    expect(verdict).toEqual({ kind: "pass" });
  });

  it("names the keys on each side only, with Route 53 Domains' commands to align them", () => {
    const NEW: DsRecord = { ...DS, keyTag: 5151, digest: "ef".repeat(32) };
    const verdict = evaluate(
      dnssecRegistrarMismatch,
      intent(),
      holding([registrarKey(DS, "1"), registrarKey(NEW, "2")], [DS, OLD]),
    );
    expect(findingsOf(verdict)).toEqual([
      {
        message:
          "The DNSSEC keys Route 53 Domains holds for example.com differ from the DS records the registry publishes: only at the registrar: 5151/13/SHA-256; only at the registry: 1111/8/SHA-1.",
        expected: "4242/13/SHA-256, 1111/8/SHA-1",
        observed: "4242/13/SHA-256, 5151/13/SHA-256",
        remediation:
          "List the registrar's keys with aws route53domains get-domain-detail --region us-east-1 --domain-name example.com --query DnssecKeys; remove a stale one with aws route53domains disassociate-delegation-signer-from-domain --region us-east-1 --domain-name example.com --id <id>, add a missing one with aws route53domains associate-delegation-signer-to-domain --region us-east-1 --domain-name example.com --signing-attributes Algorithm=<alg>,Flags=257,PublicKey=<key>. If the registry's DS was set elsewhere, ask the registry (or the previous registrar) to remove it.",
      },
    ]);
  });

  it("says which side holds keys when the other holds none", () => {
    const onlyRegistrar = findingsOf(
      evaluate(dnssecRegistrarMismatch, intent(), holding([registrarKey(DS, "1")], [])),
    )[0];
    expect(onlyRegistrar).toMatchObject({
      message:
        "The DNSSEC keys Route 53 Domains holds for example.com differ from the DS records the registry publishes: only at the registrar: 4242/13/SHA-256.",
      expected: "(none)",
      observed: "4242/13/SHA-256",
    });
    const onlyRegistry = findingsOf(
      evaluate(dnssecRegistrarMismatch, intent(), holding([], [DS])),
    )[0];
    expect(onlyRegistry).toMatchObject({
      message:
        "The DNSSEC keys Route 53 Domains holds for example.com differ from the DS records the registry publishes: only at the registry: 4242/13/SHA-256.",
      expected: "4242/13/SHA-256",
      observed: "(none)",
    });
  });

  it("tells a registrar other than Route 53 what to align in words", () => {
    // A registrar API that shows the keys it sent (none but Route 53 Domains' does today).
    const { intent: cloudflare, apis } = atCloudflare();
    const registrarApi = {
      ...apis.registrarApi,
      capabilities: { ...apis.registrarApi.capabilities, dnssecKeys: true },
    };
    const verdict = evaluate(
      dnssecRegistrarMismatch,
      cloudflare,
      holding([], [DS], { ...apis, registrarApi }),
    );
    expect(findingsOf(verdict)[0].remediation).toBe(
      "Make the DNSSEC keys Cloudflare Registrar holds for example.com match the keys the DNS host signs with. If the registry's DS was set elsewhere, ask the registry (or the previous registrar) to remove it.",
    );
  });
});

/** A key-signing key whose DS is `DS` unless overridden; active as Route 53 says ACTIVE. */
function ksk(overrides: Partial<KeySigningKey> = {}): KeySigningKey {
  return {
    name: "ksk1",
    status: "ACTIVE",
    active: true,
    statusMessage: undefined,
    keyTag: DS.keyTag,
    algorithm: DS.algorithm,
    flag: 257,
    digestType: DS.digestType,
    digest: DS.digest,
    publicKey:
      "mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+GqJxpVXckHAeF+KkxLbxILfDLUT0rAK9iUzy1L53eKGQ==",
    ...overrides,
  };
}

/** A key Route 53 no longer signs with, the one OLD_DS names. */
const INACTIVE = ksk({
  name: "ksk-old",
  status: "INACTIVE",
  active: false,
  keyTag: OLD_DS.keyTag,
  digest: OLD_DS.digest,
});

/** The hosted zone's signing as the DNS host reports it. */
function hostSigning(
  signing: boolean,
  keySigningKeys: readonly KeySigningKey[],
  serveSignature = signing ? "SIGNING" : "NOT_SIGNING",
): DomainObservations["hostedZoneDnssec"] {
  return {
    kind: "ok",
    account: "default",
    zoneId: "Z111111111111",
    serveSignature,
    signing,
    statusMessage: undefined,
    keySigningKeys,
  };
}

describe("dnssec-signing-inconsistent: when it cannot judge", () => {
  it("is not applicable when the DNS host was not asked (DNSSEC not in play)", () => {
    expect(evaluate(dnssecSigningInconsistent, intent(), observations())).toEqual({
      kind: "not-applicable",
      reason: "the parent publishes no DS record",
    });
  });

  it("names the DNS host's API that could not answer", () => {
    const { intent: cloudflare, apis } = atCloudflare();
    const verdict = evaluate(
      dnssecSigningInconsistent,
      cloudflare,
      observations({
        ...apis,
        delegation: parentPublishing([DS]),
        hostedZoneDnssec: {
          kind: "unavailable",
          account: "cf-main",
          reason: "HTTP 403",
          deniedAction: "Zone: Read",
        },
      }),
    );
    expect(verdict).toEqual({ kind: "not-checked", reason: "Cloudflare DNS: HTTP 403" });
  });

  it("is not checked without the delegation, and not applicable to an undelegated domain", () => {
    const hostedZoneDnssec = hostSigning(true, [ksk()]);
    expect(
      evaluate(
        dnssecSigningInconsistent,
        intent(),
        observations({ hostedZoneDnssec, delegation: failedWalk() }),
      ),
    ).toEqual({ kind: "not-checked", reason: "delegation: all com servers timed out" });
    expect(
      evaluate(
        dnssecSigningInconsistent,
        intent(),
        observations({ hostedZoneDnssec, delegation: undelegated() }),
      ),
    ).toEqual({ kind: "not-applicable", reason: "the domain is not delegated" });
  });
});

describe("dnssec-signing-inconsistent: signing against the parent's DS", () => {
  const judge = (
    hostedZoneDnssec: DomainObservations["hostedZoneDnssec"],
    ds: readonly DsRecord[],
    domain: Partial<DomainIntent> = {},
  ) =>
    evaluate(
      dnssecSigningInconsistent,
      intent(domain),
      observations({
        hostedZoneDnssec,
        delegation: domain.name === undefined ? parentPublishing(ds) : subdomainDelegation(ds),
      }),
    );

  it("passes a zone signed with the active key the parent's DS names", () => {
    expect(judge(hostSigning(true, [INACTIVE, ksk()]), [DS])).toEqual({ kind: "pass" });
  });

  it("passes where nothing is in effect: no DS, and no signing or no active key", () => {
    expect(judge(hostSigning(false, [ksk()]), [])).toEqual({ kind: "pass" });
    expect(judge(hostSigning(true, [INACTIVE]), [])).toEqual({ kind: "pass" });
  });

  it("fails a signed zone without DS, naming the active key and Route 53 Domains' command to publish it", () => {
    const verdict = judge(hostSigning(true, [INACTIVE, ksk()]), []);
    expect(findingsOf(verdict)).toEqual([
      {
        key: "no-ds",
        message:
          "Route 53 signs example.com (key-signing key ksk1, tag 4242, ACTIVE) but the parent publishes no DS record: DNSSEC is not in effect.",
        expected: "DS 4242 13 2 at the parent",
        observed: "no DS record",
        remediation:
          "aws route53domains associate-delegation-signer-to-domain --region us-east-1 --domain-name example.com --signing-attributes Algorithm=13,Flags=257,PublicKey=mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+GqJxpVXckHAeF+KkxLbxILfDLUT0rAK9iUzy1L53eKGQ==",
      },
    ]);
  });

  it("leaves placeholders for what the API did not give, and sends the DS elsewhere in words", () => {
    const bare = ksk({ flag: undefined, publicKey: undefined });
    expect(findingsOf(judge(hostSigning(true, [bare]), []))[0].remediation).toBe(
      "aws route53domains associate-delegation-signer-to-domain --region us-east-1 --domain-name example.com --signing-attributes Algorithm=13,Flags=257,PublicKey=<public-key>",
    );
    const ds = `4242 13 2 ${DS.digest}`;
    const atHover = { registrar: "hover", architecture: "dns-host-only" } as const;
    expect(findingsOf(judge(hostSigning(true, [ksk()]), [], atHover))[0].remediation).toBe(
      `At the registrar, add the DS record ${ds} for example.com.`,
    );
    expect(findingsOf(judge(hostSigning(true, [ksk()]), [], SUBDOMAIN))[0]).toMatchObject({
      message: expect.stringContaining("Route 53 signs shop.example.com"),
      remediation: `Add the DS record shop.example.com. DS ${ds} to the parent zone.`,
    });
  });

  it("fails a DS that points at a key Route 53 no longer signs with, with its state and repair", () => {
    const needed = ksk({
      status: "ACTION_NEEDED",
      active: false,
      statusMessage: "The KMS key is disabled.",
    });
    expect(findingsOf(judge(hostSigning(true, [needed]), [DS]))).toEqual([
      {
        key: "ksk-ksk1",
        message:
          "The parent's DS for example.com points at Route 53 key-signing key ksk1 (tag 4242), which is ACTION_NEEDED (The KMS key is disabled.): when Route 53 stops signing with it, validation fails.",
        expected: "key-signing key ksk1 active",
        observed: "ACTION_NEEDED",
        remediation:
          "Fix the KMS key behind ksk1 (it must be enabled, in us-east-1, ECC_NIST_P256, and allow dnssec-route53.amazonaws.com), then aws route53 activate-key-signing-key --hosted-zone-id Z111111111111 --name ksk1",
      },
    ]);
    expect(findingsOf(judge(hostSigning(true, [ksk(), INACTIVE]), [DS, OLD_DS]))).toEqual([
      {
        key: "ksk-ksk-old",
        message:
          "The parent's DS for example.com points at Route 53 key-signing key ksk-old (tag 1111), which is INACTIVE: when Route 53 stops signing with it, validation fails.",
        expected: "key-signing key ksk-old active",
        observed: "INACTIVE",
        remediation:
          "aws route53 activate-key-signing-key --hosted-zone-id Z111111111111 --name ksk-old, or replace the DS at the registrar with one for an active key.",
      },
    ]);
  });

  it("fails DS records for a zone that is not signing, with every inconsistency found", () => {
    expect(findingsOf(judge(hostSigning(false, [INACTIVE]), [OLD_DS]))).toEqual([
      expect.objectContaining({ key: "ksk-ksk-old" }),
      {
        key: "not-signing",
        message:
          "The parent publishes DS records for example.com, but Route 53 says the zone's signing is NOT_SIGNING: once its signatures lapse, validation fails.",
        expected: "signing",
        observed: "NOT_SIGNING",
        remediation:
          "aws route53 enable-hosted-zone-dnssec --hosted-zone-id Z111111111111, or remove the DS records at the registrar and wait for their TTL before disabling signing.",
      },
    ]);
  });
});

describe("dnssec-signing-inconsistent: each DNS host's own repair", () => {
  /** The domain hosted at `dnsHostApi`'s provider in zone `zoneId`, as its API reports the signing. */
  function hostedAt(
    dnsHostApi: DomainObservations["dnsHostApi"],
    zoneId: string,
    hostedZoneDnssec: DomainObservations["hostedZoneDnssec"],
  ) {
    const domain = intent({
      dnsHost: dnsHostApi.provider,
      architecture: "registrar-only",
      accounts: { [dnsHostApi.provider]: "main" },
    });
    return evaluate(
      dnssecSigningInconsistent,
      domain,
      observations({
        dnsHostApi,
        hostedZones: { kind: "found", account: "main", zones: [zone(zoneId)] },
        hostedZoneDnssec,
        delegation: parentPublishing([DS]),
      }),
    );
  }
  const remediations = (verdict: ReturnType<typeof evaluate>) =>
    findingsOf(verdict).map((finding) => finding.remediation);
  const NOT_SIGNING_THEN_KEY = (state: string, keyStatus: string) =>
    hostSigning(false, [ksk({ status: keyStatus, active: false })], state);

  it("Cloudflare: its API's DNSSEC switch", () => {
    const { apis } = atCloudflare();
    const verdict = hostedAt(
      apis.dnsHostApi,
      "cf-zone-1",
      NOT_SIGNING_THEN_KEY("pending-disabled", "pending-disabled"),
    );
    expect(remediations(verdict)).toEqual([
      `Cloudflare's DNSSEC for the zone is pending-disabled: enable it again (PATCH /zones/cf-zone-1/dnssec with {"status":"active"}), or remove the DS records at the registrar so that Cloudflare can finish disabling it.`,
      `Enable DNSSEC for the zone at Cloudflare (DNS › Settings, or PATCH /zones/cf-zone-1/dnssec with {"status":"active"}), or remove the DS records at the registrar and wait for their TTL before disabling signing.`,
    ]);
  });

  it("Google Cloud DNS: gcloud", () => {
    const verdict = hostedAt(
      { provider: googleCloudDnsDescriptor.id, ...googleCloudDnsDescriptor.dnsHost },
      "example-zone",
      NOT_SIGNING_THEN_KEY("off", "inactive"),
    );
    expect(remediations(verdict)).toEqual([
      `Replace the DS at the registrar with one for an active key-signing key (gcloud dns dns-keys list --zone example-zone --filter "type=keySigning AND isActive=true" --format "value(ds_record())").`,
      "gcloud dns managed-zones update example-zone --dnssec-state on, or remove the DS records at the registrar and wait for their TTL before disabling signing.",
    ]);
  });

  it("Azure DNS: the Azure CLI, with the resource group and zone read from the zone's resource id", () => {
    const azure = { provider: azureDnsDescriptor.id, ...azureDnsDescriptor.dnsHost };
    const verdict = hostedAt(
      azure,
      "/subscriptions/0000/resourceGroups/rg-dns/providers/Microsoft.Network/dnszones/example.com",
      NOT_SIGNING_THEN_KEY("Creating", "Creating"),
    );
    expect(remediations(verdict)).toEqual([
      "Wait for the zone's DNSSEC configuration to succeed, or replace the DS at the registrar with one of the signing keys az network dns dnssec-config show --resource-group rg-dns --zone-name example.com lists.",
      "az network dns dnssec-config create --resource-group rg-dns --zone-name example.com, or remove the DS records at the registrar and wait for their TTL before disabling signing.",
    ]);
    // An id that is not a DNS zone's (a record set's) gives placeholders, never a wrong zone.
    const recordSet = hostedAt(
      azure,
      "/subscriptions/0000/resourceGroups/rg-dns/providers/Microsoft.Network/dnszones/example.com/A/www",
      NOT_SIGNING_THEN_KEY("Creating", "Creating"),
    );
    expect(remediations(recordSet)[1]).toBe(
      "az network dns dnssec-config create --resource-group <resource-group> --zone-name <zone>, or remove the DS records at the registrar and wait for their TTL before disabling signing.",
    );
  });

  it("a DNS host the table does not know: plain words naming it", () => {
    const { apis } = atCloudflare();
    const other = { ...apis.dnsHostApi, provider: "example-dns", service: "Example DNS" };
    const verdict = hostedAt(other, "zone-9", NOT_SIGNING_THEN_KEY("off", "retired"));
    expect(remediations(verdict)).toEqual([
      "Make the DS at the registrar match a key-signing key Example DNS signs with.",
      "Enable DNSSEC signing for the zone at Example DNS, or remove the DS records at the registrar and wait for their TTL before disabling signing.",
    ]);
  });
});
