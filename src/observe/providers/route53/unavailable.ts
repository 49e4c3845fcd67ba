// Turns whatever an AWS call threw into an `AwsUnavailable` value: a reason a person can act on
// and, for a refusal, the IAM action that was denied. Reasons never carry secrets: AWS error
// messages can echo signed headers (session tokens) or key ids, so they are redacted first.

import { CredentialsFailure } from "./credentials.js";
import { type AwsOperation, IAM_ACTIONS } from "./iam-actions.js";
import { MalformedAwsResponse } from "./response-shape.js";
import type { AwsUnavailable } from "./types.js";

const ACCESS_DENIED = new Set(["AccessDenied", "AccessDeniedException"]);
const EXPIRED = new Set([
  "ExpiredToken",
  "ExpiredTokenException",
  "RequestExpired",
  "TokenRefreshRequired",
]);
const REJECTED_CREDENTIALS = new Set([
  "InvalidClientTokenId",
  "UnrecognizedClientException",
  "InvalidSignatureException",
  "SignatureDoesNotMatch",
  "IncompleteSignature",
  "IncompleteSignatureException",
  "MissingAuthenticationToken",
  "MissingAuthenticationTokenException",
]);
const THROTTLED = new Set([
  "Throttling",
  "ThrottlingException",
  "TooManyRequestsException",
  "RequestLimitExceeded",
  "PriorRequestNotComplete",
]);
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "ETIMEOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EPIPE",
]);

const MAX_MESSAGE_LENGTH = 240;

export const OBSERVER_CLOSED = "the AWS observer was closed";

const SECRET_PATTERNS: readonly RegExp[] = [
  // Signature and credential fields of a SigV4 Authorization header or presigned query.
  /(Signature|Credential|X-Amz-Security-Token|x-amz-security-token)([=:]\s*)[^\s,&'"]+/g,
  // Access key ids: AKIA (long-term) and ASIA (temporary).
  /\b(?:AKIA|ASIA)[A-Z0-9]{12,}\b/g,
  // Secret keys (40 chars), session tokens (hundreds), signatures (64 hex): long opaque runs.
  /[A-Za-z0-9+/=]{40,}/g,
];

/** Removes anything that looks like a key id, secret, session token or signature. */
export function redactSecrets(text: string): string {
  let out = text;
  for (const pattern of SECRET_PATTERNS) {
    out = out.replace(pattern, (_match, field: unknown, separator: unknown) =>
      typeof field === "string" && typeof separator === "string"
        ? `${field}${separator}[redacted]`
        : "[redacted]",
    );
  }
  const oneLine = out.replace(/\s+/g, " ").trim();
  return oneLine.length > MAX_MESSAGE_LENGTH ? `${oneLine.slice(0, MAX_MESSAGE_LENGTH)}…` : oneLine;
}

interface ErrorFacts {
  readonly name: string;
  readonly message: string;
  readonly code: string | undefined;
  readonly httpStatus: number | undefined;
  readonly attempts: number | undefined;
}

function factsOf(error: unknown): ErrorFacts {
  if (typeof error !== "object" || error === null) {
    return {
      name: "Error",
      message: String(error),
      code: undefined,
      httpStatus: undefined,
      attempts: undefined,
    };
  }
  const e = error as {
    name?: unknown;
    message?: unknown;
    code?: unknown;
    $metadata?: { httpStatusCode?: unknown; attempts?: unknown };
  };
  const text = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
  const num = (v: unknown): number | undefined => (typeof v === "number" ? v : undefined);
  return {
    name: text(e.name) ?? "Error",
    message: text(e.message) ?? "",
    code: text(e.code),
    httpStatus: num(e.$metadata?.httpStatusCode),
    attempts: num(e.$metadata?.attempts),
  };
}

const detail = (facts: ErrorFacts): string => {
  const message = redactSecrets(facts.message);
  return message === "" ? "" : `: ${message}`;
};

/** Describes a failed call of `operation` for `account` as an unavailable observation. */
export function unavailableFromError(
  account: string,
  operation: AwsOperation,
  error: unknown,
): AwsUnavailable {
  if (error instanceof CredentialsFailure) return credentialsUnavailable(account, error);
  if (error instanceof MalformedAwsResponse) {
    return unavailable(
      account,
      `${error.operation} for AWS account "${account}" answered without its documented shape (${error.problem}): the answer is not used`,
    );
  }
  const facts = factsOf(error);
  // The only abort signal in play is the observer's own, raised by close().
  if (facts.name === "AbortError") return unavailable(account, OBSERVER_CLOSED);
  const action = IAM_ACTIONS[operation];
  const result = (reason: string, deniedAction?: string): AwsUnavailable => ({
    kind: "unavailable",
    account,
    reason,
    deniedAction,
  });
  if (ACCESS_DENIED.has(facts.name)) {
    return result(
      `access denied: the credentials of AWS account "${account}" may not call ${action} (${facts.name})${detail(facts)}`,
      action,
    );
  }
  if (EXPIRED.has(facts.name)) {
    return result(
      `the AWS credentials of account "${account}" have expired (${facts.name}); refresh them (for SSO: aws sso login) and run again`,
    );
  }
  if (REJECTED_CREDENTIALS.has(facts.name)) {
    return result(
      `AWS rejected the credentials of account "${account}" when calling ${operation} (${facts.name})${detail(facts)}`,
    );
  }
  if (THROTTLED.has(facts.name)) {
    const tries = facts.attempts === undefined ? "" : ` after ${facts.attempts} attempts`;
    return result(`AWS throttled ${operation} for account "${account}"${tries} (${facts.name})`);
  }
  const network = facts.code !== undefined && NETWORK_CODES.has(facts.code);
  if (network || facts.name === "TimeoutError") {
    return result(
      `could not reach the AWS API for ${operation} (account "${account}"): ${facts.code ?? facts.name}${detail(facts)}`,
    );
  }
  const status = facts.httpStatus === undefined ? "" : ` (HTTP ${facts.httpStatus})`;
  return result(
    `${operation} failed for AWS account "${account}": ${facts.name}${status}${detail(facts)}`,
  );
}

function credentialsUnavailable(account: string, failure: CredentialsFailure): AwsUnavailable {
  const facts = factsOf(failure.cause);
  if (failure.duringAssumeRole) {
    // The role's own refusal or the STS call's failure; the base credentials were fine.
    const inner = unavailableFromError(account, "AssumeRole", failure.cause);
    return {
      ...inner,
      reason: `could not assume the role for account "${account}" (${failure.source}): ${inner.reason}`,
    };
  }
  const expired = EXPIRED.has(facts.name) || /expired/i.test(facts.message);
  const what = expired ? "have expired" : "could not be loaded";
  return {
    kind: "unavailable",
    account,
    reason: `AWS credentials for account "${account}" ${what} from ${failure.source} (${facts.name})${detail(facts)}`,
    deniedAction: undefined,
  };
}

/** An unavailable value for a failure that is not an exception (bad data, unknown account). */
export function unavailable(account: string, reason: string): AwsUnavailable {
  return { kind: "unavailable", account, reason, deniedAction: undefined };
}
