// The DNSSEC chain at one delegation point, as one server of the zone serves it (RFC 4035 §5.2
// and §5.3): parent DS → a served DNSKEY → an RRSIG over the DNSKEY RRset by that key → RRSIGs
// over the apex SOA and NS RRsets by keys of the set. Pure: the caller brings the records (the
// parent's DS RRset, and one server's DNSKEY, SOA and NS answers) and the time; the result says
// what held at each step, and never throws. One valid path is enough (RFC 6840 §5.11): a DS or
// an RRSIG of another algorithm that fails beside it is reported, not held against the chain.
//
// Why not a library: the npm DNSSEC validators (@relaycorp/dnssec, the ENS dnsprovejs) validate a
// whole chain from the root to one answer and report a single secure/bogus/insecure status; a
// rule needs the per-step evidence (which DS matched which key tag, which signature expired when,
// which algorithm is unsupported) at one delegation point, for each server in turn. They also
// decode messages with their own DNS libraries, so the octets they verify come from their decoder,
// not from the bytes the walker received. The cryptography here is node:crypto's; this code only
// arranges the octets (see canonical.ts).

import { type DsMatching, isUsableDs, matchDs } from "./ds.js";
import { readServedKey, type ServedKey } from "./key-set.js";
import {
  MAX_DIGESTS,
  MAX_DNSKEY_RECORDS,
  MAX_DS_RECORDS,
  MAX_SIGNATURES_PER_RRSET,
  MAX_VERIFICATIONS,
  WorkBudget,
} from "./limits.js";
import { nameFromText, nameToText } from "./name.js";
import type { DsInput } from "./rdata.js";
import { RrType, type SignedRrset } from "./records.js";
import type {
  BogusReason,
  DelegationInput,
  DelegationValidation,
  DelegationVerdict,
  DelegationWarning,
  DnskeyStep,
  DsStep,
  KeyFields,
  KeyReport,
  RrsetName,
  RrsetStep,
  SignedFields,
} from "./result.js";
import { selectRrset } from "./rrset.js";
import { checkRrsig, type RrsigContext, type SignatureCheck } from "./verify.js";

function keyReport(key: ServedKey, dsMatched: boolean): KeyReport {
  const usability = key.usability;
  if (usability.status === "malformed") {
    return { status: "malformed", keyTag: key.keyTag, dsMatched: false, detail: usability.detail };
  }
  const { algorithm, flags, zoneKey, secureEntryPoint, revoked } = usability.dnskey;
  const fields: KeyFields = {
    keyTag: key.keyTag,
    dsMatched,
    algorithm,
    flags,
    zoneKey,
    secureEntryPoint,
    revoked,
  };
  switch (usability.status) {
    case "usable":
      return {
        ...fields,
        status: "usable",
        bits: usability.bits,
        deprecatedAlgorithm: usability.algorithm.deprecated,
      };
    case "unsupported-algorithm":
      return { ...fields, status: "unsupported-algorithm" };
    case "unusable":
      return { ...fields, status: "unusable", detail: usability.detail };
  }
}

function dsStep(ds: readonly DsInput[], matching: DsMatching): DsStep {
  const records = matching.outcomes;
  if (ds.length === 0) return { status: "absent" };
  if (!records.some(isUsableDs)) return { status: "unsupported", records };
  const keyTags = records.flatMap((record) => (record.status === "matched" ? [record.keyTag] : []));
  return keyTags.length > 0
    ? { status: "matched", keyTags, records }
    : { status: "no-match", records };
}

interface RrsetChecks {
  readonly present: boolean;
  readonly checks: readonly SignatureCheck[];
}

function checkRrset(
  rrset: RrsetName,
  given: SignedRrset,
  context: RrsigContext,
  warnings: DelegationWarning[],
): RrsetChecks {
  const selection = selectRrset(given, context.zone, RrType[rrset]);
  if (selection.foreign > 0)
    warnings.push({ code: "foreign-records", rrset, count: selection.foreign });
  if (selection.signatures.length > MAX_SIGNATURES_PER_RRSET) {
    warnings.push({
      code: "limit-reached",
      what: `RRSIGs over ${rrset}`,
      limit: MAX_SIGNATURES_PER_RRSET,
    });
  }
  const signatures = selection.signatures.slice(0, MAX_SIGNATURES_PER_RRSET);
  return {
    present: selection.records.length > 0,
    checks: signatures.map((signature) => checkRrsig(signature, selection.records, context)),
  };
}

/** The signatures that hold among `checks`, counting only those by `trusted` keys if given. */
function holding(
  checks: readonly SignatureCheck[],
  trusted?: ReadonlySet<ServedKey>,
): SignedFields | undefined {
  const signedBy: number[] = [];
  let validUntil = "";
  for (const { outcome, signer } of checks) {
    if (outcome.result !== "valid" || signer === undefined) continue;
    if (trusted !== undefined && !trusted.has(signer)) continue;
    if (!signedBy.includes(outcome.keyTag)) signedBy.push(outcome.keyTag);
    // ISO 8601 UTC strings of one format order as the times do.
    if (outcome.expiration > validUntil) validUntil = outcome.expiration;
  }
  if (signedBy.length === 0) return undefined;
  return { signedBy, validUntil, signatures: checks.map((check) => check.outcome) };
}

function unsignedOrInvalid(checks: readonly SignatureCheck[]) {
  return {
    status: "bogus" as const,
    reason: checks.length === 0 ? ("unsigned" as const) : ("no-valid-signature" as const),
    signatures: checks.map((check) => check.outcome),
  };
}

function dnskeyStep(result: RrsetChecks, anchors: ReadonlySet<ServedKey>): DnskeyStep {
  if (!result.present) return { status: "missing" };
  const anchored = holding(result.checks, anchors);
  if (anchored !== undefined) return { status: "anchored", ...anchored };
  const selfSigned = holding(result.checks);
  if (selfSigned !== undefined) return { status: "self-signed", ...selfSigned };
  return unsignedOrInvalid(result.checks);
}

function rrsetStep(result: RrsetChecks): RrsetStep {
  if (!result.present) return { status: "missing" };
  const valid = holding(result.checks);
  return valid === undefined ? unsignedOrInvalid(result.checks) : { status: "valid", ...valid };
}

function verdictOf(
  ds: DsStep,
  dnskey: DnskeyStep,
  soa: RrsetStep,
  ns: RrsetStep,
): DelegationVerdict {
  if (ds.status === "absent") return { status: "insecure", reason: "no-ds" };
  if (ds.status === "unsupported") return { status: "insecure", reason: "no-supported-ds" };
  const reasons: BogusReason[] = [];
  if (ds.status === "no-match") reasons.push("ds-matches-no-key");
  if (dnskey.status === "missing") reasons.push("dnskey-missing");
  else if (dnskey.status !== "anchored") reasons.push("dnskey-not-signed-by-ds-key");
  if (soa.status === "missing") reasons.push("soa-missing");
  else if (soa.status === "bogus") reasons.push("soa-not-validly-signed");
  if (ns.status === "missing") reasons.push("ns-missing");
  else if (ns.status !== "valid") reasons.push("ns-not-validly-signed");
  return reasons.length === 0 ? { status: "secure" } : { status: "bogus", reasons };
}

function earliestExpiration(steps: ReadonlyArray<readonly [RrsetName, DnskeyStep | RrsetStep]>) {
  let earliest: { rrset: RrsetName; at: string } | null = null;
  for (const [rrset, step] of steps) {
    if (!("validUntil" in step)) continue;
    if (earliest === null || step.validUntil < earliest.at)
      earliest = { rrset, at: step.validUntil };
  }
  return earliest;
}

function dsWarnings(ds: DsStep, keys: readonly KeyReport[]): DelegationWarning[] {
  const warnings: DelegationWarning[] = [];
  if (ds.status === "matched") {
    for (const record of ds.records) {
      if (record.status === "matched" && record.digestType === 1)
        warnings.push({ code: "sha1-ds", keyTag: record.keyTag });
      if (record.status === "matched" && !record.keyHasSepFlag) {
        warnings.push({ code: "ds-key-without-sep-flag", keyTag: record.keyTag });
      }
      if (["no-matching-key", "digest-mismatch", "malformed"].includes(record.status)) {
        const { keyTag, algorithm, digestType } = record;
        warnings.push({ code: "unmatched-ds", keyTag, algorithm, digestType });
      }
    }
  }
  for (const key of keys) {
    if (key.status === "usable" && key.deprecatedAlgorithm) {
      warnings.push({ code: "deprecated-algorithm", keyTag: key.keyTag, algorithm: key.algorithm });
    }
  }
  return warnings;
}

function indeterminate(zone: string, detail: string): DelegationValidation {
  const missing = { status: "missing" } as const;
  return {
    zone,
    verdict: { status: "indeterminate", detail },
    ds: { status: "absent" },
    keys: [],
    dnskey: missing,
    soa: missing,
    ns: missing,
    earliestExpiration: null,
    warnings: [],
  };
}

/** Dates this far from 1970 still leave room for RRSIG times 2^31 seconds either side. */
const MAX_NOW_MS = 8.6e15;

/** Validates the delegation of `input.zone` as one server serves it. Never throws. */
export function validateDelegation(input: DelegationInput): DelegationValidation {
  const zoneName = nameFromText(input.zone);
  if (!zoneName.ok) return indeterminate(input.zone, `zone name: ${zoneName.detail}`);
  const nowMs = input.now.getTime();
  if (!Number.isFinite(nowMs) || Math.abs(nowMs) > MAX_NOW_MS) {
    return indeterminate(input.zone, "now is not a usable time");
  }
  const zone = zoneName.name;
  const warnings: DelegationWarning[] = [];
  const budget = new WorkBudget();

  if (input.ds.length > MAX_DS_RECORDS) {
    warnings.push({ code: "limit-reached", what: "DS records", limit: MAX_DS_RECORDS });
  }
  const ds = input.ds.slice(0, MAX_DS_RECORDS);
  const dnskeyRecords = selectRrset(input.dnskey, zone, RrType.DNSKEY).records;
  if (dnskeyRecords.length > MAX_DNSKEY_RECORDS) {
    warnings.push({ code: "limit-reached", what: "DNSKEY records", limit: MAX_DNSKEY_RECORDS });
  }
  const keys = dnskeyRecords.slice(0, MAX_DNSKEY_RECORDS).map(readServedKey);
  const matching = matchDs(zone, ds, keys, budget);
  const context: RrsigContext = { zone, keys, now: input.now, budget };

  const dnskeyChecks = checkRrset("DNSKEY", input.dnskey, context, warnings);
  const soaChecks =
    input.soa === undefined ? undefined : checkRrset("SOA", input.soa, context, warnings);
  const nsChecks = checkRrset("NS", input.ns, context, warnings);
  if (matching.outcomes.some((outcome) => outcome.status === "not-examined")) {
    warnings.push({ code: "limit-reached", what: "DS digests computed", limit: MAX_DIGESTS });
  }
  const checks = [...dnskeyChecks.checks, ...(soaChecks?.checks ?? []), ...nsChecks.checks];
  if (checks.some((check) => check.outcome.result === "not-examined")) {
    warnings.push({
      code: "limit-reached",
      what: "signature verifications",
      limit: MAX_VERIFICATIONS,
    });
  }

  const dsResult = dsStep(ds, matching);
  const keyReports = keys.map((key) => keyReport(key, matching.anchors.has(key)));
  const dnskey = dnskeyStep(dnskeyChecks, matching.anchors);
  const soa: RrsetStep =
    soaChecks === undefined ? { status: "not-observed" } : rrsetStep(soaChecks);
  const ns = rrsetStep(nsChecks);
  return {
    zone: nameToText(zone).toLowerCase(),
    verdict: verdictOf(dsResult, dnskey, soa, ns),
    ds: dsResult,
    keys: keyReports,
    dnskey,
    soa,
    ns,
    earliestExpiration: earliestExpiration([
      ["DNSKEY", dnskey],
      ["SOA", soa],
      ["NS", ns],
    ]),
    warnings: [...dsWarnings(dsResult, keyReports), ...warnings],
  };
}
