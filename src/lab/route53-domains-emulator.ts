// The Route 53 Domains API (AWS JSON 1.1, target prefix Route53Domains_v20140515) for
// ListDomains, GetDomainDetail, ListOperations and GetOperationDetail, with opaque page markers and
// `__type` errors.

import type {
  CommonError,
  EmulatedDomain,
  EmulatedOperation,
  EmulatedProtocol,
  EmulatedRegistrarOperation,
  EmulatorResponse,
} from "./aws-world.js";

const TARGET_PREFIX = "Route53Domains_v20140515.";
const CONTENT_TYPE = "application/x-amz-json-1.1";
const PAGE = { fallback: 20, cap: 100 };

const ERRORS: Readonly<Record<CommonError, readonly [string, number]>> = {
  "missing-authentication": ["MissingAuthenticationTokenException", 403],
  "unknown-key": ["UnrecognizedClientException", 400],
  "expired-token": ["ExpiredTokenException", 400],
  throttled: ["ThrottlingException", 400],
  "access-denied": ["AccessDeniedException", 400],
  "signature-mismatch": ["InvalidSignatureException", 400],
  "unknown-operation": ["UnknownOperationException", 400],
  "invalid-input": ["InvalidInput", 400],
};

function json(status: number, value: unknown): EmulatorResponse {
  return { status, contentType: CONTENT_TYPE, body: JSON.stringify(value) };
}

function errorDocument(code: string, message: string, status: number): EmulatorResponse {
  return json(status, { __type: code, message });
}

// JSON 1.1 timestamps are epoch seconds.
const epochSeconds = (date: Date): number => Math.floor(date.getTime() / 1000);

function readBody(body: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = body === "" ? {} : JSON.parse(body);
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

// Markers are opaque to clients; this one encodes the first domain of the next page.
const encodeMarker = (name: string): string => Buffer.from(`next:${name}`).toString("base64");
function decodeMarker(marker: string): string | undefined {
  const text = Buffer.from(marker, "base64").toString("utf8");
  return text.startsWith("next:") ? text.slice(5) : undefined;
}

function contact(domain: EmulatedDomain): Record<string, unknown> {
  return {
    ContactType: "COMPANY",
    OrganizationName: "Domain Drift Lab",
    Email: `hostmaster@${domain.name}`,
    CountryCode: "US",
  };
}

const OPERATIONS: ReadonlySet<string> = new Set([
  "ListDomains",
  "GetDomainDetail",
  "ListOperations",
  "GetOperationDetail",
]);

/** An operation as OperationSummary and GetOperationDetail show it (the same members). */
function operationJson(operation: EmulatedRegistrarOperation): Record<string, unknown> {
  return {
    OperationId: operation.id,
    Status: operation.status,
    Type: operation.type,
    SubmittedDate: epochSeconds(operation.submitted),
    DomainName: operation.domain,
    LastUpdatedDate: epochSeconds(operation.lastUpdated),
    ...(operation.message === undefined ? {} : { Message: operation.message }),
    ...(operation.statusFlag === undefined ? {} : { StatusFlag: operation.statusFlag }),
  };
}

const stringList = (value: unknown): readonly string[] | undefined =>
  Array.isArray(value) && value.every((item) => typeof item === "string") ? value : undefined;

export const route53DomainsProtocol: EmulatedProtocol = {
  iamPrefix: "route53domains",

  claims: (request) => String(request.headers["x-amz-target"] ?? "").startsWith(TARGET_PREFIX),

  operation(request): EmulatedOperation | "unknown" {
    const target = String(request.headers["x-amz-target"] ?? "").slice(TARGET_PREFIX.length);
    if (request.method !== "POST") return "unknown";
    return OPERATIONS.has(target) ? (target as EmulatedOperation) : "unknown";
  },

  error(kind, message) {
    const [code, status] = ERRORS[kind];
    return errorDocument(code, message, status);
  },

  handle(operation, request, { world, account }) {
    const input = readBody(request.body);
    if (input === undefined)
      return errorDocument("SerializationException", "Malformed JSON body", 400);
    switch (operation) {
      case "ListDomains": {
        const domains = [...account.domains.values()].sort((a, b) =>
          a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
        );
        let start = 0;
        if (typeof input.Marker === "string") {
          const first = decodeMarker(input.Marker);
          start = first === undefined ? -1 : domains.findIndex((d) => d.name >= first);
          if (start < 0) return errorDocument("InvalidInput", "The marker is not valid", 400);
        }
        const requested = typeof input.MaxItems === "number" ? input.MaxItems : undefined;
        const size = world.pageSize(operation, requested, PAGE.fallback, PAGE.cap);
        const page = domains.slice(start, start + size);
        const next = domains[start + size];
        return json(200, {
          Domains: page.map((d) => ({
            DomainName: d.name,
            AutoRenew: d.autoRenew,
            TransferLock: d.transferLock,
            Expiry: epochSeconds(d.expiry),
          })),
          ...(next === undefined ? {} : { NextPageMarker: encodeMarker(next.name) }),
        });
      }
      case "GetDomainDetail": {
        const name = typeof input.DomainName === "string" ? input.DomainName.toLowerCase() : "";
        const domain = account.domains.get(name.replace(/\.$/, ""));
        if (domain === undefined) {
          return errorDocument(
            "InvalidInput",
            `Domain ${name} not found in account ${account.accountId}`,
            400,
          );
        }
        return json(200, {
          DomainName: domain.name,
          Nameservers: domain.nameservers.map((ns) => ({
            Name: ns.name,
            GlueIps: [...(ns.glueIps ?? [])],
          })),
          AutoRenew: domain.autoRenew,
          AdminContact: contact(domain),
          RegistrantContact: contact(domain),
          TechContact: contact(domain),
          AdminPrivacy: true,
          RegistrantPrivacy: true,
          TechPrivacy: true,
          RegistrarName: domain.registrarName,
          WhoIsServer: "whois.registrar.amazon",
          RegistrarUrl: "https://registrar.amazon.com",
          AbuseContactEmail: "abuse@registrar.amazon",
          CreationDate: epochSeconds(domain.created),
          UpdatedDate: epochSeconds(domain.created),
          ExpirationDate: epochSeconds(domain.expiry),
          DnsSec: domain.dnssecKeys.length > 0 ? "ENABLED" : "DISABLED",
          StatusList: [...domain.statusList],
          DnssecKeys: domain.dnssecKeys.map((key) => ({
            Algorithm: key.algorithm,
            Flags: key.flags ?? 257,
            KeyTag: key.keyTag,
            DigestType: key.digestType,
            Digest: key.digest.toUpperCase(),
            Id: key.id ?? `key-${key.keyTag}`,
          })),
        });
      }
      case "ListOperations": {
        // Newest first, as SortBy SubmittedDate / SortOrder DESC asks; filters as documented.
        const types = stringList(input.Type);
        const statuses = stringList(input.Status);
        const since = typeof input.SubmittedSince === "number" ? input.SubmittedSince : undefined;
        const operations = account.operations
          .filter((op) => types === undefined || types.includes(op.type))
          .filter((op) => statuses === undefined || statuses.includes(op.status))
          .filter((op) => since === undefined || epochSeconds(op.submitted) >= since)
          .sort((a, b) => b.submitted.getTime() - a.submitted.getTime() || (a.id < b.id ? -1 : 1));
        let start = 0;
        if (typeof input.Marker === "string") {
          const first = decodeMarker(input.Marker);
          start = first === undefined ? -1 : operations.findIndex((op) => op.id === first);
          if (start < 0) return errorDocument("InvalidInput", "The marker is not valid", 400);
        }
        const requested = typeof input.MaxItems === "number" ? input.MaxItems : undefined;
        const size = world.pageSize(operation, requested, PAGE.fallback, PAGE.cap);
        const next = operations[start + size];
        return json(200, {
          Operations: operations.slice(start, start + size).map(operationJson),
          ...(next === undefined ? {} : { NextPageMarker: encodeMarker(next.id) }),
        });
      }
      case "GetOperationDetail": {
        const id = typeof input.OperationId === "string" ? input.OperationId : "";
        const found = account.operations.find((op) => op.id === id);
        if (found === undefined) {
          return errorDocument("InvalidInput", `Operation ${id} not found`, 400);
        }
        return json(200, operationJson(found));
      }
      default:
        return errorDocument(
          "UnknownOperationException",
          `${operation} is not a Route 53 Domains operation`,
          400,
        );
    }
  },
};
