// The DNSSEC core's result for one server, reduced to the observation the rules, the report and
// `trace` read (`DnssecChain` in types.ts): which DS matched which key tag, which key signs which
// apex RRset, and how each signature fared. The core's richer result stays inside the observer.

import type {
  DelegationValidation,
  DelegationWarning,
  DnskeyStep,
  RrsetStep,
  SignatureOutcome,
} from "./dnssec/index.js";
import type {
  DnssecChain,
  DnssecKeyLink,
  DnssecRrsetLink,
  DnssecRrsetName,
  DnssecSignatureLink,
} from "./types.js";

function signatureLink(outcome: SignatureOutcome): DnssecSignatureLink {
  if (outcome.result === "malformed") {
    return { keyTag: undefined, algorithm: undefined, result: "malformed", expiration: undefined };
  }
  return {
    keyTag: outcome.keyTag,
    algorithm: outcome.algorithm,
    result: outcome.result,
    expiration: "expiration" in outcome ? outcome.expiration : undefined,
  };
}

function rrsetLink(rrset: DnssecRrsetName, step: DnskeyStep | RrsetStep): DnssecRrsetLink {
  return {
    rrset,
    status: step.status,
    signedBy: "signedBy" in step ? step.signedBy : [],
    signatures: "signatures" in step ? step.signatures.map(signatureLink) : [],
  };
}

function warningText(warning: DelegationWarning): string {
  switch (warning.code) {
    case "sha1-ds":
    case "ds-key-without-sep-flag":
    case "unmatched-ds":
      return `${warning.code} ${warning.keyTag}`;
    case "deprecated-algorithm":
      return `${warning.code} ${warning.keyTag}/${warning.algorithm}`;
    case "foreign-records":
      return `${warning.code} ${warning.rrset} ${warning.count}`;
    case "limit-reached":
      return `${warning.code} ${warning.what} ${warning.limit}`;
  }
}

function keyLink(key: DelegationValidation["keys"][number]): DnssecKeyLink {
  if (key.status === "malformed") {
    return {
      keyTag: key.keyTag,
      algorithm: undefined,
      flags: undefined,
      secureEntryPoint: false,
      revoked: false,
      dsMatched: false,
      status: "malformed",
    };
  }
  return {
    keyTag: key.keyTag,
    algorithm: key.algorithm,
    flags: key.flags,
    secureEntryPoint: key.secureEntryPoint,
    revoked: key.revoked,
    dsMatched: key.dsMatched,
    status: key.status,
  };
}

/** The observation of one server's validated chain. */
export function chainOf(result: DelegationValidation, validatedAt: Date): DnssecChain {
  const verdict = result.verdict;
  const reasons =
    verdict.status === "bogus"
      ? verdict.reasons
      : verdict.status === "insecure"
        ? [verdict.reason]
        : verdict.status === "indeterminate"
          ? [verdict.detail]
          : [];
  const ds = "records" in result.ds ? result.ds.records : [];
  return {
    verdict: verdict.status,
    reasons,
    ds: ds.map(({ keyTag, algorithm, digestType, status }) => ({
      keyTag,
      algorithm,
      digestType,
      status,
    })),
    keys: result.keys.map(keyLink),
    rrsets: [
      rrsetLink("DNSKEY", result.dnskey),
      rrsetLink("SOA", result.soa),
      rrsetLink("NS", result.ns),
    ],
    earliestExpiration: result.earliestExpiration,
    warnings: result.warnings.map(warningText),
    validatedAt: validatedAt.toISOString(),
  };
}
