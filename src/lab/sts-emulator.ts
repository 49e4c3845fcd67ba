// STS AssumeRole over the AWS query protocol, so `roleArn` accounts work end to end: the
// temporary key it issues belongs to the role's account, and requests signed with it see that
// account's state.

import { randomUUID } from "node:crypto";
import {
  type CommonError,
  type EmulatedOperation,
  type EmulatedProtocol,
  type EmulatorResponse,
  escapeXml,
} from "./aws-world.js";

const XMLNS = "https://sts.amazonaws.com/doc/2011-06-15/";
const DEFAULT_DURATION_SECONDS = 3600;

const ERRORS: Readonly<Record<CommonError, readonly [string, number]>> = {
  "missing-authentication": ["MissingAuthenticationToken", 403],
  "unknown-key": ["InvalidClientTokenId", 403],
  "expired-token": ["ExpiredToken", 400],
  throttled: ["Throttling", 400],
  "access-denied": ["AccessDenied", 403],
  "signature-mismatch": ["SignatureDoesNotMatch", 403],
  "unknown-operation": ["InvalidAction", 400],
  "invalid-input": ["ValidationError", 400],
};

function xml(status: number, body: string): EmulatorResponse {
  return { status, contentType: "text/xml", body };
}

function errorDocument(code: string, message: string, status: number): EmulatorResponse {
  return xml(
    status,
    `<ErrorResponse xmlns="${XMLNS}"><Error><Type>Sender</Type><Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
  );
}

const el = (name: string, value: string): string => `<${name}>${escapeXml(value)}</${name}>`;

export const stsProtocol: EmulatedProtocol = {
  iamPrefix: "sts",

  claims: (request) =>
    request.method === "POST" && new URLSearchParams(request.body).get("Action") !== null,

  operation(request): EmulatedOperation | "unknown" {
    return new URLSearchParams(request.body).get("Action") === "AssumeRole"
      ? "AssumeRole"
      : "unknown";
  },

  error(kind, message) {
    const [code, status] = ERRORS[kind];
    return errorDocument(code, message, status);
  },

  handle(operation, request, { world, account, principalArn }) {
    if (operation !== "AssumeRole") {
      return errorDocument("InvalidAction", `${operation} is not an STS operation`, 400);
    }
    const form = new URLSearchParams(request.body);
    const roleArn = form.get("RoleArn") ?? "";
    const sessionName = form.get("RoleSessionName") ?? "";
    if (!/^[\w+=,.@-]{2,64}$/.test(sessionName)) {
      return errorDocument("ValidationError", "RoleSessionName is not valid", 400);
    }
    const role = world.roles.get(roleArn);
    const denied = (why: string): EmulatorResponse =>
      errorDocument(
        "AccessDenied",
        `User: ${principalArn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}${why}`,
        403,
      );
    if (role === undefined) return denied("");
    if (
      role.trustedAccountIds !== undefined &&
      !role.trustedAccountIds.includes(account.accountId)
    ) {
      return denied(" (not trusted)");
    }
    if (role.externalId !== undefined && form.get("ExternalId") !== role.externalId) {
      return denied(" (external id)");
    }
    const duration =
      Number.parseInt(form.get("DurationSeconds") ?? "", 10) || DEFAULT_DURATION_SECONDS;
    const principal = `arn:aws:sts::${role.accountId}:assumed-role/${role.name}/${sessionName}`;
    const issued = world.issueKey(role.accountId, principal, true);
    const expiration = new Date(Date.now() + duration * 1000).toISOString();
    return xml(
      200,
      `<AssumeRoleResponse xmlns="${XMLNS}"><AssumeRoleResult><Credentials>${el("AccessKeyId", issued.accessKeyId)}${el("SecretAccessKey", issued.secretAccessKey)}${el("SessionToken", issued.sessionToken ?? "")}${el("Expiration", expiration)}</Credentials><AssumedRoleUser>${el("AssumedRoleId", `AROA${role.accountId}:${sessionName}`)}${el("Arn", principal)}</AssumedRoleUser></AssumeRoleResult><ResponseMetadata>${el("RequestId", randomUUID())}</ResponseMetadata></AssumeRoleResponse>`,
    );
  },
};
