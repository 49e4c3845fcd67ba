import type { DsRecord } from "../../../observe/dns/types.js";
import type { KeySigningKey, ZoneDnssecObservation } from "../../../observe/providers/types.js";
import { ROUTE53 } from "../../../policy/architecture.js";
import type { DomainIntent } from "../../../policy/types.js";
import { dsKey, zoneIdOf } from "../dnssec-facts.js";
import {
  type DomainRule,
  type FindingDraft,
  fail,
  notApplicable,
  notChecked,
  pass,
} from "../types.js";
import { signingRemediation } from "./signing-remediation.js";

const dsOfKey = (key: KeySigningKey) =>
  dsKey({
    keyTag: key.keyTag,
    algorithm: key.algorithm,
    digestType: key.digestType,
    digest: key.digest,
  });

/** How to put an active key's DS at the parent, at whichever registrar holds the domain. */
function addDs(intent: DomainIntent, registrable: boolean, key: KeySigningKey): string {
  const ds = `${key.keyTag} ${key.algorithm} ${key.digestType} ${key.digest}`;
  // A delegated subdomain's DS records live in its parent's zone, not at a registrar.
  if (!registrable) return `Add the DS record ${intent.name}. DS ${ds} to the parent zone.`;
  if (intent.registrar !== ROUTE53)
    return `At the registrar, add the DS record ${ds} for ${intent.registrableDomain}.`;
  return `aws route53domains associate-delegation-signer-to-domain --region us-east-1 --domain-name ${intent.registrableDomain} --signing-attributes Algorithm=${key.algorithm},Flags=${key.flag ?? 257},PublicKey=${key.publicKey ?? "<public-key>"}`;
}

/**
 * Where the fixes go: the hosted zone, whether the DS is the registrar's (else a parent zone's),
 * and the DNS host's API that was consulted (`Route 53`, `Cloudflare DNS`), as findings name it.
 */
interface Place {
  readonly zoneId: string;
  readonly registrable: boolean;
  /** The DNS host's provider id, whose commands the remediations give. */
  readonly provider: string;
  readonly service: string;
}

function findings(
  intent: DomainIntent,
  place: Place,
  host: Extract<ZoneDnssecObservation, { kind: "ok" }>,
  ds: readonly DsRecord[],
): FindingDraft[] {
  const { zoneId, service } = place;
  const { serveSignature, signing, keySigningKeys: keys } = host;
  const remedy = signingRemediation(place.provider, service);
  const parent = new Set(ds.map(dsKey));
  const drafts: FindingDraft[] = [];
  const active = keys.filter((key) => key.active);
  if (signing && active.length > 0 && ds.length === 0) {
    const key = active[0] as KeySigningKey;
    drafts.push({
      key: "no-ds",
      message: `${service} signs ${intent.unicode} (key-signing key ${key.name}, tag ${key.keyTag}, ${key.status}) but the parent publishes no DS record: DNSSEC is not in effect.`,
      expected: `DS ${key.keyTag} ${key.algorithm} ${key.digestType} at the parent`,
      observed: "no DS record",
      remediation: addDs(intent, place.registrable, key),
    });
  }
  for (const key of keys) {
    if (key.active || !parent.has(dsOfKey(key))) continue;
    drafts.push({
      key: `ksk-${key.name}`,
      message: `The parent's DS for ${intent.unicode} points at ${service} key-signing key ${key.name} (tag ${key.keyTag}), which is ${key.status}${key.statusMessage ? ` (${key.statusMessage})` : ""}: when ${service} stops signing with it, validation fails.`,
      expected: `key-signing key ${key.name} active`,
      observed: key.status,
      remediation: remedy.inactiveKey(zoneId, key),
    });
  }
  if (!signing && ds.length > 0) {
    drafts.push({
      key: "not-signing",
      message: `The parent publishes DS records for ${intent.unicode}, but ${service} says the zone's signing is ${serveSignature}: once its signatures lapse, validation fails.`,
      expected: "signing",
      observed: serveSignature,
      remediation: remedy.startSigning(zoneId),
    });
  }
  return drafts;
}

export const dnssecSigningInconsistent: DomainRule = {
  id: "dnssec-signing-inconsistent",
  severity: "high",
  title: "The DNS host's DNSSEC signing disagrees with the parent's DS records",
  doc: "Reads the intended hosted zone's signing from its DNS host's API (Route 53 GetDNSSEC, Cloudflare's zone DNSSEC, Cloud DNS dnssecConfig and DNS keys, Azure DNS dnssecConfigs; a DNS-host API that does not show it leaves the rule not checked; asked only when the parent publishes DS records or the policy requires or forbids DNSSEC) and compares it with the parent's DS RRset: the host signs with an active key-signing key but the parent has no DS (DNSSEC silently not in effect); a DS points at a key-signing key that is not active (Route 53 ACTION_NEEDED when its KMS key is disabled or its permissions are gone, INACTIVE, DELETING; Cloudflare pending-disabled; a Cloud DNS key no longer active), so the chain breaks when the host stops signing with it; or the parent has DS while the zone is not signing. The findings name the host and give its own repair. Activate the key, or make the DS match an active key.",
  evaluate({ intent, observations, facts }) {
    const { hostedZoneDnssec, delegation, dnsHostApi } = observations;
    if (hostedZoneDnssec.kind === "skipped") return notApplicable(hostedZoneDnssec.reason);
    if (hostedZoneDnssec.kind === "unavailable") {
      const call = dnsHostApi.provider === ROUTE53 ? "Route 53 GetDNSSEC" : dnsHostApi.service;
      return dnsHostApi.capabilities.zoneDnssec
        ? notChecked(`${call}: ${hostedZoneDnssec.reason}`)
        : notChecked(hostedZoneDnssec.reason);
    }
    if (delegation.kind === "failed") return notChecked(`delegation: ${delegation.reason}`);
    if (delegation.kind === "not-delegated") return notApplicable("the domain is not delegated");
    const place = {
      zoneId: zoneIdOf(facts),
      registrable: facts.isRegistrable,
      provider: dnsHostApi.provider,
      service: dnsHostApi.service,
    };
    const drafts = findings(intent, place, hostedZoneDnssec, delegation.parent.ds);
    const [first, ...rest] = drafts;
    return first === undefined ? pass : fail(first, ...rest);
  },
};
