// A wire-level emulator of the Azure endpoints domain-drift reads, on one loopback HTTPS server
// (Azure's SDKs send bearer tokens over HTTPS only, and MSAL accepts only an https authority): the
// Microsoft identity platform's OpenID configuration and v2.0 token endpoint (client credentials),
// and Azure Resource Manager's `GET /subscriptions/{id}/providers/Microsoft.Network/dnszones`.
// Built from the published references: the token endpoint answers `{ token_type, expires_in,
// access_token }`, or 401 `{ error: "invalid_client", error_description: "AADSTS7000215: ..." }`;
// ARM lists `{ value: [...], nextLink }` (an absolute URL carrying `$skiptoken`), each zone
// `{ id, name, type, location, etag, properties: { nameServers, zoneType, numberOfRecordSets } }`;
// errors are `{ error: { code, message } }` (401 InvalidAuthenticationToken, 403
// AuthorizationFailed naming the action, 429 SubscriptionRequestsThrottled with Retry-After). The
// server's certificate is the lab's (fixtures/tls/, trusted through NODE_EXTRA_CA_CERTS). A zone's
// record sets (`.../dnszones/{zone}/recordsets`, paged like the zones, each `{ id, name, type,
// etag, properties: { fqdn, TTL, NSRecords, ARecords, ... } }`), one record set
// (`.../dnszones/{zone}/{type}/{name}`, `@` the apex) and its DNSSEC configuration
// (`.../dnszones/{zone}/dnssecConfigs/default`, api-version 2023-07-01-preview or later:
// `{ properties: { provisioningState, signingKeys: [{ keyTag, flags, protocol,
// securityAlgorithmType, publicKey, delegationSignerInfo: [{ digestAlgorithmType, digestValue,
// record }] }] } }`) are 404 `NotFound` when absent, and 404 `ResourceNotFound` for a zone that
// does not exist. The token endpoint also takes a workload identity's federated token as a client
// assertion (`client_assertion_type` jwt-bearer; an untrusted one is 401 `invalid_client` AADSTS70021),
// and `issueToken` hands out what `az account get-access-token` prints after a login. Used by the
// tests.

import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { ApiAnswer, ApiFaults, EmulatedApi, RoutedCall } from "./api-emulator-kit.js";
import {
  loggedApiCall,
  OperationFaults,
  readForm,
  startApiEmulatorServer,
} from "./api-emulator-kit.js";

export type AzureOperation =
  | "openid-configuration"
  | "token"
  | "dnsZones.list"
  | "recordSets.listByDnsZone"
  | "recordSets.get"
  | "dnssecConfigs.get";

/** A zone's DNSSEC configuration: its provisioning state and its signing keys' DS. */
export interface AzureDnssecSpec {
  readonly provisioningState: "Succeeded" | "Creating" | "Updating" | "Deleting" | "Failed";
  readonly keys: readonly { readonly keyTag: number; readonly digest?: string }[];
}

/** One record set of a zone: `name` the full owner name without the trailing dot. */
export interface AzureRecordSetSpec {
  readonly name: string;
  readonly type: string;
  readonly values: readonly string[];
}

export interface AzureZoneSpec {
  readonly name: string;
  readonly resourceGroup?: string;
  readonly zoneType?: "Public" | "Private";
  /** The four name servers Azure assigned; one set of ns1-…ns4-NN.azure-dns.* when left out. */
  readonly nameServers?: readonly string[];
  /** No DNSSEC configuration when left out. */
  readonly dnssec?: AzureDnssecSpec;
  /** Record sets beyond the apex SOA and NS (the assigned set, unless `apexNameServers`). */
  readonly records?: readonly AzureRecordSetSpec[];
  /** The apex NS record set, when it was edited away from the assigned set. */
  readonly apexNameServers?: readonly string[];
}

export interface EmulatedAzureSubscription {
  readonly id: string;
  addZone(spec: AzureZoneSpec): { readonly id: string; readonly nameServers: readonly string[] };
  /** Lets a service principal read the subscription's zones (Reader, DNS Zone Contributor, ...). */
  grantReader(principal: { readonly clientId: string }): void;
}

export interface EmulatedServicePrincipal {
  readonly tenantId: string;
  readonly clientId: string;
  /** A secret. */
  readonly clientSecret: string;
}

export interface EmulatedWorkloadIdentity {
  readonly tenantId: string;
  readonly clientId: string;
  /** The federated token (a JWT): a secret. */
  readonly assertion: string;
}

/** A rate limit answers 429 with `Retry-After: retryAfter` seconds ("1" unless given). */
export type AzureFaults = ApiFaults<AzureOperation, string>;

export interface AzureDnsEmulator extends EmulatedApi<AzureOperation, AzureFaults> {
  /** `https://127.0.0.1:<port>`: both AZURE_AUTHORITY_HOST and the ARM endpoint. */
  readonly origin: string;
  /** A subscription of a fresh id, or of `id` (a test whose output names it wants a fixed one). */
  addSubscription(id?: string): EmulatedAzureSubscription;
  addServicePrincipal(): EmulatedServicePrincipal;
  /**
   * A workload identity: an app registration whose federated credential trusts `assertion` (the
   * JWT a token file holds), exchanged at the token endpoint as a client assertion.
   */
  addWorkloadIdentity(): EmulatedWorkloadIdentity;
  /** An access token of `principal`, as `az account get-access-token` prints one after az login. */
  issueToken(principal: { readonly clientId: string }): string;
}

interface StoredZone {
  readonly id: string;
  readonly resourceGroup: string;
  readonly name: string;
  readonly zoneType: "Public" | "Private";
  readonly nameServers: readonly string[];
  readonly dnssec: AzureDnssecSpec | undefined;
  readonly records: readonly AzureRecordSetSpec[];
}

const OPENID = /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/;
const TOKEN = /^\/([^/]+)\/oauth2\/v2\.0\/token$/;
const ZONES =
  /^\/subscriptions\/([^/]+)(?:\/resourceGroups\/([^/]+))?\/providers\/microsoft\.network\/dnszones$/i;
const ZONE_CHILD =
  /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/microsoft\.network\/dnszones\/([^/]+)\/(.+)$/i;
const API_VERSION = "2018-05-01";
/** The first API version with DNSSEC configurations. */
const DNSSEC_API_VERSION = "2023-07-01-preview";
const MAX_TOP = 100;
const CLIENT_ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

/** A JWT-shaped federated token (as GitHub's OIDC provider or AKS writes one); never verified here. */
function federatedToken(clientId: string): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const now = Math.floor(Date.now() / 1000);
  return [
    part({ alg: "RS256", typ: "JWT" }),
    part({
      iss: "https://token.actions.githubusercontent.com",
      sub: `repo:lab/lab:ref:refs/heads/main:${clientId}`,
      aud: "api://AzureADTokenExchange",
      iat: now,
      exp: now + 3600,
    }),
    part(randomUUID()),
  ].join(".");
}

const armError = (status: number, code: string, message: string): ApiAnswer => ({
  status,
  body: { error: { code, message } },
});

const NOT_FOUND = armError(404, "NotFound", "The requested resource was not found.");

/** A record set's type-specific properties, as ARM 2018-05-01 names them. */
function recordProperties(set: AzureRecordSetSpec): Record<string, unknown> {
  switch (set.type) {
    case "NS":
      return { NSRecords: set.values.map((nsdname) => ({ nsdname })) };
    case "A":
      return { ARecords: set.values.map((ipv4Address) => ({ ipv4Address })) };
    case "AAAA":
      return { AAAARecords: set.values.map((ipv6Address) => ({ ipv6Address })) };
    case "MX":
      return {
        MXRecords: set.values.map((value) => {
          const [preference, exchange] = value.split(" ");
          return { preference: Number(preference), exchange };
        }),
      };
    case "TXT":
      return { TXTRecords: set.values.map((value) => ({ value: [value] })) };
    case "CNAME":
      return { CNAMERecord: { cname: set.values[0] } };
    case "SOA":
      return {
        SOARecord: {
          host: set.values[0],
          email: "azuredns-hostmaster.microsoft.com",
          serialNumber: 1,
          refreshTime: 3600,
          retryTime: 300,
          expireTime: 2419200,
          minimumTTL: 300,
        },
      };
    default:
      return {};
  }
}

function recordSetJson(zone: StoredZone, set: AzureRecordSetSpec): unknown {
  const relative = set.name === zone.name ? "@" : set.name.slice(0, -(zone.name.length + 1));
  return {
    id: `${zone.id}/${set.type}/${relative}`,
    name: relative,
    type: `Microsoft.Network/dnszones/${set.type}`,
    etag: randomUUID(),
    properties: {
      metadata: {},
      fqdn: `${set.name}.`,
      TTL: 3600,
      provisioningState: "Succeeded",
      targetResource: {},
      ...recordProperties(set),
    },
  };
}

function dnssecJson(zone: StoredZone, dnssec: AzureDnssecSpec): unknown {
  return {
    id: `${zone.id}/dnssecConfigs/default`,
    name: "default",
    type: "Microsoft.Network/dnszones/dnssecConfigs",
    etag: randomUUID(),
    properties: {
      provisioningState: dnssec.provisioningState,
      signingKeys: dnssec.keys.map(({ keyTag, digest = "0b".repeat(32) }) => ({
        delegationSignerInfo: [
          {
            digestAlgorithmType: 2,
            digestValue: digest.toUpperCase(),
            record: `${keyTag} 13 2 ${digest.toUpperCase()}`,
          },
        ],
        flags: 257,
        keyTag,
        protocol: 3,
        publicKey: Buffer.alloc(64, 0x5a).toString("base64"),
        securityAlgorithmType: 13,
      })),
    },
  };
}

/** Starts the emulator with the lab's TLS certificate and key (PEM). */
export async function startAzureDnsEmulator(tls: {
  readonly cert: string;
  readonly key: string;
}): Promise<AzureDnsEmulator> {
  let next = 1;
  const subscriptions = new Map<string, { zones: StoredZone[]; readers: Set<string> }>();
  const principals = new Map<string, EmulatedServicePrincipal>();
  const workloadIdentities = new Map<string, EmulatedWorkloadIdentity>();
  const accessTokens = new Map<string, string>();
  const faults = new OperationFaults<AzureOperation, string>("1");
  let origin = "";

  function openidConfiguration(tenant: string): ApiAnswer {
    const base = `${origin}/${tenant}`;
    return {
      status: 200,
      body: {
        token_endpoint: `${base}/oauth2/v2.0/token`,
        token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt"],
        jwks_uri: `${origin}/${tenant}/discovery/v2.0/keys`,
        response_types_supported: ["code", "id_token", "code id_token", "id_token token"],
        issuer: `${base}/v2.0`,
        authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
        end_session_endpoint: `${base}/oauth2/v2.0/logout`,
        tenant_region_scope: "EU",
      },
    };
  }

  function token(tenant: string, form: URLSearchParams): ApiAnswer {
    const limited = faults.takeRateLimit("token");
    if (limited !== undefined) {
      return {
        status: 429,
        body: {
          error: "temporarily_unavailable",
          error_description: "AADSTS50196: Too many requests.",
        },
        headers: { "retry-after": limited.retryAfter },
      };
    }
    const clientId = form.get("client_id") ?? "";
    if (form.get("client_assertion_type") !== null) {
      const identity = workloadIdentities.get(clientId);
      if (
        form.get("grant_type") !== "client_credentials" ||
        form.get("client_assertion_type") !== CLIENT_ASSERTION_TYPE ||
        identity === undefined ||
        identity.tenantId !== tenant ||
        identity.assertion !== form.get("client_assertion")
      ) {
        return {
          status: 401,
          body: {
            error: "invalid_client",
            error_description:
              "AADSTS70021: No matching federated identity record found for presented assertion.",
            error_codes: [70021],
            timestamp: "2026-01-01 00:00:00Z",
            trace_id: randomUUID(),
            correlation_id: randomUUID(),
          },
        };
      }
      return accessToken(identity.clientId);
    }
    const principal = principals.get(clientId);
    if (
      form.get("grant_type") !== "client_credentials" ||
      principal === undefined ||
      principal.tenantId !== tenant ||
      principal.clientSecret !== form.get("client_secret")
    ) {
      return {
        status: 401,
        body: {
          error: "invalid_client",
          error_description:
            "AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.",
          error_codes: [7000215],
          timestamp: "2026-01-01 00:00:00Z",
          trace_id: randomUUID(),
          correlation_id: randomUUID(),
        },
      };
    }
    return accessToken(principal.clientId);
  }

  function issue(clientId: string): string {
    const access = `lab-arm-token-${next++}-${clientId}`;
    accessTokens.set(access, clientId);
    return access;
  }

  function accessToken(clientId: string): ApiAnswer {
    return {
      status: 200,
      body: {
        token_type: "Bearer",
        expires_in: 3599,
        ext_expires_in: 3599,
        access_token: issue(clientId),
      },
    };
  }

  function dnsZones(
    req: IncomingMessage,
    subscriptionId: string,
    resourceGroup: string | undefined,
    url: URL,
  ): ApiAnswer {
    const subscription = authorized(req, "dnsZones.list", subscriptionId, url);
    if ("status" in subscription) return subscription;
    const canned = faults.takeAnswer("dnsZones.list");
    if (canned !== undefined) return canned;
    const asked = Number(url.searchParams.get("$top") ?? MAX_TOP);
    const size = Number.isInteger(asked) && asked > 0 ? Math.min(asked, MAX_TOP) : MAX_TOP;
    const start = Number(url.searchParams.get("$skiptoken") ?? "0");
    if (!Number.isInteger(start) || start < 0) {
      return armError(400, "InvalidSkipToken", "The skip token is not valid.");
    }
    const visible = subscription.zones.filter(
      (zone) =>
        resourceGroup === undefined ||
        zone.resourceGroup.toLowerCase() === resourceGroup.toLowerCase(),
    );
    const page = visible.slice(start, start + size);
    const more = start + size < visible.length;
    const nextLink = new URL(url.pathname, origin);
    nextLink.searchParams.set("api-version", url.searchParams.get("api-version") ?? API_VERSION);
    nextLink.searchParams.set("$top", String(size));
    nextLink.searchParams.set("$skiptoken", String(start + size));
    return {
      status: 200,
      body: {
        value: page.map((zone) => ({
          id: zone.id,
          name: zone.name,
          type: "Microsoft.Network/dnszones",
          etag: `00000002-0000-0000-${String(next).padStart(4, "0")}-000000000000`,
          location: "global",
          tags: {},
          properties: {
            maxNumberOfRecordSets: 10000,
            numberOfRecordSets: 2,
            nameServers: zone.nameServers,
            zoneType: zone.zoneType,
          },
        })),
        ...(more ? { nextLink: nextLink.href } : {}),
      },
    };
  }

  /** The principal's subscription, or the error answer (token, api-version, rate limit, role). */
  function authorized(
    req: IncomingMessage,
    operation: AzureOperation,
    subscriptionId: string,
    url: URL,
  ): { readonly zones: StoredZone[] } | ApiAnswer {
    const bearer = /^Bearer (\S+)$/.exec(req.headers.authorization ?? "")?.[1];
    const principal = bearer === undefined ? undefined : accessTokens.get(bearer);
    if (principal === undefined) {
      return armError(401, "InvalidAuthenticationToken", "The access token is invalid.");
    }
    if (url.searchParams.get("api-version") === null) {
      return armError(
        400,
        "MissingApiVersionParameter",
        "The api-version query parameter (?api-version=) is required for all requests.",
      );
    }
    const limited = faults.takeRateLimit(operation);
    if (limited !== undefined) {
      return {
        ...armError(
          429,
          "SubscriptionRequestsThrottled",
          `Number of read requests for subscription '${subscriptionId}' exceeded the limit of '12000' for time interval '01:00:00'. Please try again after '${limited.retryAfter}' seconds.`,
        ),
        headers: { "retry-after": limited.retryAfter },
      };
    }
    const subscription = subscriptions.get(subscriptionId);
    if (subscription === undefined || !subscription.readers.has(principal)) {
      return armError(
        403,
        "AuthorizationFailed",
        `The client '${principal}' with object id '${principal}' does not have authorization to perform action 'Microsoft.Network/dnsZones/read' over scope '/subscriptions/${subscriptionId}' or the scope is invalid.`,
      );
    }
    return subscription;
  }

  /** A zone's record sets, one record set, or its DNSSEC configuration. */
  function zoneChild(
    req: IncomingMessage,
    match: readonly string[],
    url: URL,
  ): RoutedCall<AzureOperation> {
    const [, subscriptionId = "", group = "", zoneName = "", rest = ""] = match.map((part) =>
      decodeURIComponent(part ?? ""),
    );
    const child = rest.split("/");
    const operation: AzureOperation | undefined =
      child.length === 1 && child[0]?.toLowerCase() === "recordsets"
        ? "recordSets.listByDnsZone"
        : child.length === 2 && child[0]?.toLowerCase() === "dnssecconfigs"
          ? "dnssecConfigs.get"
          : child.length === 2
            ? "recordSets.get"
            : undefined;
    if (operation === undefined) return { operation: "unknown", answer: NOT_FOUND };
    const subscription = authorized(req, operation, subscriptionId, url);
    if ("status" in subscription) return { operation, answer: subscription };
    const zone = subscription.zones.find(
      (z) =>
        z.name.toLowerCase() === zoneName.toLowerCase() &&
        z.resourceGroup.toLowerCase() === group.toLowerCase(),
    );
    const answer =
      zone === undefined
        ? armError(
            404,
            "ResourceNotFound",
            `The Resource 'Microsoft.Network/dnszones/${zoneName}' under resource group '${group}' was not found.`,
          )
        : (faults.takeAnswer(operation) ??
          zoneChildAnswer(operation, zone, { subscriptionId, group, child }, url));
    return { operation, answer };
  }

  function zoneChildAnswer(
    operation: AzureOperation,
    zone: StoredZone,
    path: { readonly subscriptionId: string; readonly group: string; readonly child: string[] },
    url: URL,
  ): ApiAnswer {
    if (operation === "dnssecConfigs.get") {
      if ((url.searchParams.get("api-version") ?? "") < DNSSEC_API_VERSION) {
        return armError(
          400,
          "NoRegisteredProviderFound",
          `No registered resource provider found for location 'global' and API version '${url.searchParams.get("api-version")}' for type 'dnszones/dnssecConfigs'.`,
        );
      }
      return zone.dnssec === undefined
        ? armError(
            404,
            "NotFound",
            `The DNSSEC configuration of zone '${zone.name}' does not exist.`,
          )
        : { status: 200, body: dnssecJson(zone, zone.dnssec) };
    }
    if (operation === "recordSets.get") {
      const [type = "", relative = ""] = path.child;
      const name = relative === "@" ? zone.name : `${relative}.${zone.name}`;
      const set = zone.records.find(
        (r) => r.type === type.toUpperCase() && r.name.toLowerCase() === name.toLowerCase(),
      );
      return set === undefined
        ? armError(
            404,
            "NotFound",
            `The resource record '${relative}' does not exist in resource group '${path.group}' of subscription '${path.subscriptionId}'.`,
          )
        : { status: 200, body: recordSetJson(zone, set) };
    }
    const asked = Number(url.searchParams.get("$top") ?? MAX_TOP);
    const size = Number.isInteger(asked) && asked > 0 ? Math.min(asked, MAX_TOP) : MAX_TOP;
    const start = Number(url.searchParams.get("$skiptoken") ?? "0");
    if (!Number.isInteger(start) || start < 0) {
      return armError(400, "InvalidSkipToken", "The skip token is not valid.");
    }
    const nextLink = new URL(url.pathname, origin);
    nextLink.searchParams.set("api-version", url.searchParams.get("api-version") ?? API_VERSION);
    nextLink.searchParams.set("$top", String(size));
    nextLink.searchParams.set("$skiptoken", String(start + size));
    return {
      status: 200,
      body: {
        value: zone.records.slice(start, start + size).map((set) => recordSetJson(zone, set)),
        ...(start + size < zone.records.length ? { nextLink: nextLink.href } : {}),
      },
    };
  }

  async function route(req: IncomingMessage, url: URL): Promise<RoutedCall<AzureOperation>> {
    const openid = OPENID.exec(url.pathname);
    const tokenPath = TOKEN.exec(url.pathname);
    const zones = ZONES.exec(url.pathname);
    if (req.method === "GET" && openid !== null) {
      return {
        operation: "openid-configuration",
        answer: openidConfiguration(openid[1] ?? ""),
      };
    }
    if (req.method === "POST" && tokenPath !== null) {
      return { operation: "token", answer: token(tokenPath[1] ?? "", await readForm(req)) };
    }
    if (req.method === "GET" && zones !== null) {
      const group = zones[2] === undefined ? undefined : decodeURIComponent(zones[2]);
      const subscriptionId = decodeURIComponent(zones[1] ?? "");
      return { operation: "dnsZones.list", answer: dnsZones(req, subscriptionId, group, url) };
    }
    const child = ZONE_CHILD.exec(url.pathname);
    if (req.method === "GET" && child !== null) return zoneChild(req, child, url);
    return { operation: "unknown", answer: NOT_FOUND };
  }

  const server = await startApiEmulatorServer({
    faults,
    tls,
    jsonType: "application/json; charset=utf-8",
    headers: () => ({ "x-ms-request-id": randomUUID() }),
    route,
    logEntry: loggedApiCall,
  });
  origin = server.origin;

  return {
    ...server.api,
    origin,
    addSubscription(id = randomUUID()) {
      const subscription = { zones: [] as StoredZone[], readers: new Set<string>() };
      subscriptions.set(id, subscription);
      return {
        id,
        addZone(spec) {
          const n = String(next++ % 100).padStart(2, "0");
          const nameServers = spec.nameServers ?? [
            `ns1-${n}.azure-dns.com.`,
            `ns2-${n}.azure-dns.net.`,
            `ns3-${n}.azure-dns.org.`,
            `ns4-${n}.azure-dns.info.`,
          ];
          const resourceGroup = spec.resourceGroup ?? "dns";
          const zone: StoredZone = {
            id: `/subscriptions/${id}/resourceGroups/${resourceGroup}/providers/Microsoft.Network/dnszones/${spec.name}`,
            resourceGroup,
            name: spec.name,
            zoneType: spec.zoneType ?? "Public",
            nameServers,
            dnssec: spec.dnssec,
            records: [
              { name: spec.name, type: "NS", values: spec.apexNameServers ?? nameServers },
              { name: spec.name, type: "SOA", values: [nameServers[0] ?? ""] },
              ...(spec.records ?? []),
            ],
          };
          subscription.zones.push(zone);
          return { id: zone.id, nameServers };
        },
        grantReader(principal) {
          subscription.readers.add(principal.clientId);
        },
      };
    },
    addWorkloadIdentity() {
      const clientId = randomUUID();
      const identity = { tenantId: randomUUID(), clientId, assertion: federatedToken(clientId) };
      workloadIdentities.set(clientId, identity);
      return identity;
    },
    issueToken: (principal) => issue(principal.clientId),
    addServicePrincipal() {
      const principal = {
        tenantId: randomUUID(),
        clientId: randomUUID(),
        clientSecret: `lab~secret~${next++}~${"q".repeat(28)}`,
      };
      principals.set(principal.clientId, principal);
      return principal;
    },
  };
}
