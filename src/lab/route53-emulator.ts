// The Route 53 REST-XML API (2013-04-01) for the operations domain-drift calls:
// ListHostedZones, GetHostedZone, ListResourceRecordSets and GetDNSSEC, with Route 53's pagination, record
// ordering, name escaping and error documents.

import { randomUUID } from "node:crypto";
import {
  type CommonError,
  type EmulatedHostedZone,
  type EmulatedOperation,
  type EmulatedProtocol,
  type EmulatedRecordSet,
  type EmulatorResponse,
  escapeXml,
  type HostedZoneDnssecSpec,
  type KeySigningKeySpec,
  route53Escape,
} from "./aws-world.js";

const XMLNS = "https://route53.amazonaws.com/doc/2013-04-01/";
const PREFIX = "/2013-04-01/hostedzone";
const ZONE_PAGE = { fallback: 100, cap: 100 };
const RECORD_PAGE = { fallback: 300, cap: 300 };

const ERRORS: Readonly<Record<CommonError, readonly [string, number]>> = {
  "missing-authentication": ["MissingAuthenticationToken", 403],
  "unknown-key": ["InvalidClientTokenId", 403],
  "expired-token": ["ExpiredToken", 403],
  throttled: ["Throttling", 400],
  "access-denied": ["AccessDenied", 403],
  "signature-mismatch": ["SignatureDoesNotMatch", 403],
  "unknown-operation": ["InvalidAction", 400],
  "invalid-input": ["InvalidInput", 400],
};

function xml(status: number, body: string): EmulatorResponse {
  return {
    status,
    contentType: "text/xml",
    body: `<?xml version="1.0" encoding="UTF-8"?>\n${body}`,
  };
}

function errorDocument(code: string, message: string, status: number): EmulatorResponse {
  return xml(
    status,
    `<ErrorResponse xmlns="${XMLNS}"><Error><Type>Sender</Type><Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
  );
}

const el = (name: string, value: string | number | boolean): string =>
  `<${name}>${escapeXml(String(value))}</${name}>`;

function zoneXml(zone: EmulatedHostedZone): string {
  return `<HostedZone>${el("Id", `/hostedzone/${zone.id}`)}${el("Name", route53Escape(zone.name))}${el("CallerReference", zone.callerReference)}<Config>${el("PrivateZone", zone.private)}</Config>${el("ResourceRecordSetCount", zone.records.length)}</HostedZone>`;
}

function recordSetXml(set: EmulatedRecordSet): string {
  const values = set.values
    .map((v) => `<ResourceRecord>${el("Value", v)}</ResourceRecord>`)
    .join("");
  return `<ResourceRecordSet>${el("Name", route53Escape(set.name))}${el("Type", set.type)}${el("TTL", set.ttl)}<ResourceRecords>${values}</ResourceRecords></ResourceRecordSet>`;
}

// 64 octets, the size of an ECDSA P-256 public key; not a real one.
const PLACEHOLDER_KEY = Buffer.alloc(64, 0x5a).toString("base64");

function keySigningKeyXml(key: KeySigningKeySpec): string {
  const algorithm = key.algorithm ?? 13;
  const message = key.statusMessage === undefined ? "" : el("StatusMessage", key.statusMessage);
  // The API model names no member element for this list, so each key is a `<member>`.
  return `<member>${el("Name", key.name)}${el("KmsArn", `arn:aws:kms:us-east-1:111122223333:key/${key.name}`)}${el("Flag", 257)}${el("SigningAlgorithmMnemonic", algorithm === 13 ? "ECDSAP256SHA256" : `ALG${algorithm}`)}${el("SigningAlgorithmType", algorithm)}${el("DigestAlgorithmMnemonic", "SHA-256")}${el("DigestAlgorithmType", 2)}${el("KeyTag", key.keyTag)}${el("DigestValue", key.digest.toUpperCase())}${el("PublicKey", key.publicKey ?? PLACEHOLDER_KEY)}${el("DSRecord", `${key.keyTag} ${algorithm} 2 ${key.digest.toUpperCase()}`)}${el("Status", key.status)}${message}</member>`;
}

function dnssecXml(dnssec: HostedZoneDnssecSpec): string {
  const message =
    dnssec.statusMessage === undefined ? "" : el("StatusMessage", dnssec.statusMessage);
  const keys = (dnssec.keySigningKeys ?? []).map(keySigningKeyXml).join("");
  return `<GetDNSSECResponse xmlns="${XMLNS}"><Status>${el("ServeSignature", dnssec.serveSignature)}${message}</Status><KeySigningKeys>${keys}</KeySigningKeys></GetDNSSECResponse>`;
}

/** Route 53's record order: by name with the labels reversed (`com.example.www.`), then by type. */
function orderKey(name: string): string {
  return escapedOrderKey(route53Escape(name));
}

function escapedOrderKey(name: string): string {
  const escaped = name.replace(/\.$/, "");
  return escaped === "" ? "." : `${escaped.split(".").reverse().join(".")}.`;
}

/**
 * The order key of a StartRecordName: clients pass back the NextRecordName Route 53 gave them,
 * already escaped (`\052.example.com.`), or a name as people write it.
 */
const startOrderKey = (name: string): string =>
  /\\[0-7]{3}/.test(name) ? escapedOrderKey(name.toLowerCase()) : orderKey(name);

function compareRecords(
  a: { key: string; type: string },
  b: { key: string; type: string },
): number {
  if (a.key !== b.key) return a.key < b.key ? -1 : 1;
  return a.type < b.type ? -1 : a.type > b.type ? 1 : 0;
}

function parseMaxItems(query: URLSearchParams): number | undefined {
  const raw = query.get("maxitems");
  return raw === null ? undefined : Number.parseInt(raw, 10);
}

function zoneIdFromPath(path: string): string {
  return decodeURIComponent(path.slice(PREFIX.length + 1).split("/")[0] ?? "");
}

export const route53Protocol: EmulatedProtocol = {
  iamPrefix: "route53",

  claims: (request) => request.path.startsWith("/2013-04-01/"),

  operation(request): EmulatedOperation | "unknown" {
    if (request.method !== "GET") return "unknown";
    if (request.path === PREFIX || request.path === `${PREFIX}/`) return "ListHostedZones";
    if (/^\/2013-04-01\/hostedzone\/[^/]+\/?$/.test(request.path)) return "GetHostedZone";
    if (/^\/2013-04-01\/hostedzone\/[^/]+\/rrset\/?$/.test(request.path))
      return "ListResourceRecordSets";
    if (/^\/2013-04-01\/hostedzone\/[^/]+\/dnssec\/?$/.test(request.path)) return "GetDNSSEC";
    return "unknown";
  },

  error(kind, message) {
    const [code, status] = ERRORS[kind];
    return errorDocument(code, message, status);
  },

  handle(operation, request, { world, account }) {
    switch (operation) {
      case "ListHostedZones": {
        const zones = [...account.hostedZones.values()];
        const marker = request.query.get("marker");
        let start = 0;
        if (marker !== null) {
          start = zones.findIndex((z) => z.id === marker);
          if (start < 0) return errorDocument("InvalidInput", `Invalid marker: ${marker}`, 400);
        }
        const size = world.pageSize(
          operation,
          parseMaxItems(request.query),
          ZONE_PAGE.fallback,
          ZONE_PAGE.cap,
        );
        const page = zones.slice(start, start + size);
        const next = zones[start + size];
        return xml(
          200,
          `<ListHostedZonesResponse xmlns="${XMLNS}"><HostedZones>${page.map(zoneXml).join("")}</HostedZones>${marker === null ? "" : el("Marker", marker)}${el("IsTruncated", next !== undefined)}${next === undefined ? "" : el("NextMarker", next.id)}${el("MaxItems", size)}</ListHostedZonesResponse>`,
        );
      }
      case "GetHostedZone": {
        const id = zoneIdFromPath(request.path);
        const zone = account.hostedZones.get(id);
        if (zone === undefined) {
          return errorDocument("NoSuchHostedZone", `No hosted zone found with ID: ${id}`, 404);
        }
        const tail = zone.private
          ? `<VPCs><VPC>${el("VPCRegion", "us-east-1")}${el("VPCId", `vpc-${zone.id.slice(-8).toLowerCase()}`)}</VPC></VPCs>`
          : `<DelegationSet><NameServers>${zone.delegationSet.map((ns) => el("NameServer", ns)).join("")}</NameServers></DelegationSet>`;
        return xml(
          200,
          `<GetHostedZoneResponse xmlns="${XMLNS}">${zoneXml(zone)}${tail}</GetHostedZoneResponse>`,
        );
      }
      case "ListResourceRecordSets": {
        const id = zoneIdFromPath(request.path);
        const zone = account.hostedZones.get(id);
        if (zone === undefined) {
          return errorDocument("NoSuchHostedZone", `No hosted zone found with ID: ${id}`, 404);
        }
        const startName = request.query.get("name");
        const startType = request.query.get("type");
        if (startType !== null && startName === null) {
          return errorDocument("InvalidInput", "The input is not valid: type requires name", 400);
        }
        const sorted = zone.records
          .map((set) => ({ set, key: orderKey(set.name), type: set.type }))
          .sort(compareRecords);
        const from =
          startName === null
            ? 0
            : sorted.findIndex(
                (r) =>
                  compareRecords(r, { key: startOrderKey(startName), type: startType ?? "" }) >= 0,
              );
        const rest = from < 0 ? [] : sorted.slice(from);
        const size = world.pageSize(
          operation,
          parseMaxItems(request.query),
          RECORD_PAGE.fallback,
          RECORD_PAGE.cap,
        );
        const page = rest.slice(0, size);
        const next = rest[size];
        const nextXml =
          next === undefined
            ? ""
            : `${el("NextRecordName", route53Escape(next.set.name))}${el("NextRecordType", next.set.type)}`;
        return xml(
          200,
          `<ListResourceRecordSetsResponse xmlns="${XMLNS}"><ResourceRecordSets>${page.map((r) => recordSetXml(r.set)).join("")}</ResourceRecordSets>${el("IsTruncated", next !== undefined)}${nextXml}${el("MaxItems", size)}</ListResourceRecordSetsResponse>`,
        );
      }
      case "GetDNSSEC": {
        const id = zoneIdFromPath(request.path);
        const zone = account.hostedZones.get(id);
        if (zone === undefined) {
          return errorDocument("NoSuchHostedZone", `No hosted zone found with ID: ${id}`, 404);
        }
        return xml(200, dnssecXml(zone.dnssec));
      }
      default:
        return errorDocument("InvalidAction", `${operation} is not a Route 53 operation`, 400);
    }
  },
};
