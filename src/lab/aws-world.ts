// The state behind the AWS emulators: accounts with their hosted zones and registered domains,
// access keys (long-term and assumed-role), roles, injected faults, call counters and a request
// log. The wire protocols (route53-emulator.ts, route53-domains-emulator.ts, sts-emulator.ts)
// read and change this state; aws-emulator.ts serves them over HTTP.

import type { IncomingHttpHeaders } from "node:http";

export type EmulatedOperation =
  | "ListHostedZones"
  | "GetHostedZone"
  | "ListResourceRecordSets"
  | "GetDNSSEC"
  | "ListDomains"
  | "GetDomainDetail"
  | "ListOperations"
  | "GetOperationDetail"
  | "AssumeRole";

export interface RecordSetSpec {
  /** Absolute name without the trailing dot, e.g. `www.example.com`. */
  readonly name: string;
  readonly type: string;
  readonly ttl?: number;
  /** Values as Route 53 shows them (`ns-1.awsdns-01.org.`, `192.0.2.1`, `"text"`). */
  readonly values: readonly string[];
}

export interface EmulatedRecordSet {
  readonly name: string;
  readonly type: string;
  readonly ttl: number;
  readonly values: readonly string[];
}

export interface HostedZoneSpec {
  /**
   * The zone name; Unicode and odd characters are stored as given and escaped on the wire, and
   * `\.` is a dot inside a label.
   */
  readonly name: string;
  readonly private?: boolean;
  /** Defaults to a fresh id. */
  readonly id?: string;
  /** Defaults to four fresh `ns-N.awsdns-SS.*` servers, one per Route 53 TLD. */
  readonly nameServers?: readonly string[];
  /** The apex NS record set; defaults to the delegation set. `[]` leaves the apex without NS. */
  readonly apexNameServers?: readonly string[];
  readonly records?: readonly RecordSetSpec[];
  /** What GetDNSSEC answers; defaults to a zone that does not sign. */
  readonly dnssec?: HostedZoneDnssecSpec;
}

/** A key-signing key of a hosted zone as GetDNSSEC lists it. */
export interface KeySigningKeySpec {
  readonly name: string;
  /** `ACTIVE`, `INACTIVE`, `ACTION_NEEDED`, ... */
  readonly status: string;
  readonly statusMessage?: string;
  readonly keyTag: number;
  /** DNSSEC algorithm number; Route 53 signs with 13 (ECDSAP256SHA256). */
  readonly algorithm?: number;
  /** The DS digest (SHA-256, hex) Route 53 shows for the key. */
  readonly digest: string;
  /** Base64 public key; defaults to a placeholder. */
  readonly publicKey?: string;
}

export interface HostedZoneDnssecSpec {
  /** `SIGNING`, `NOT_SIGNING`, `DELETING`, `ACTION_NEEDED`, `INTERNAL_FAILURE`. */
  readonly serveSignature: string;
  readonly statusMessage?: string;
  readonly keySigningKeys?: readonly KeySigningKeySpec[];
}

export interface EmulatedHostedZone {
  readonly id: string;
  readonly name: string;
  readonly private: boolean;
  readonly callerReference: string;
  readonly delegationSet: readonly string[];
  readonly records: EmulatedRecordSet[];
  dnssec: HostedZoneDnssecSpec;
}

export interface DomainNameServer {
  readonly name: string;
  readonly glueIps?: readonly string[];
}

export interface RegisteredDomainSpec {
  readonly name: string;
  readonly nameservers?: readonly (string | DomainNameServer)[];
  readonly autoRenew?: boolean;
  readonly transferLock?: boolean;
  /** Defaults to one year after the emulator started. */
  readonly expiry?: Date;
  readonly statusList?: readonly string[];
  /** Defaults to Amazon Registrar, Inc. */
  readonly registrarName?: string;
  /** The DS records the registrar sent to the registry (GetDomainDetail `DnssecKeys`). */
  readonly dnssecKeys?: readonly RegistrarDnssecKeySpec[];
}

/** The documented values of an operation's `Status` (Route 53 Domains `OperationSummary`). */
export type OperationStatus = "SUBMITTED" | "IN_PROGRESS" | "ERROR" | "SUCCESSFUL" | "FAILED";

/** A registrar operation of the account (ListOperations, GetOperationDetail). */
export interface RegistrarOperationSpec {
  /** Defaults to a fresh id. */
  readonly id?: string;
  readonly domain: string;
  /** `UPDATE_NAMESERVER`, `TRANSFER_IN_DOMAIN`, ... */
  readonly type: string;
  readonly status: OperationStatus;
  readonly submitted: Date;
  /** Defaults to `submitted`. */
  readonly lastUpdated?: Date;
  readonly message?: string;
  /** `PENDING_ACCEPTANCE`, `PENDING_CUSTOMER_ACTION`, `PENDING_AUTHORIZATION`, ... */
  readonly statusFlag?: string;
}

export interface EmulatedRegistrarOperation {
  readonly id: string;
  readonly domain: string;
  readonly type: string;
  readonly status: OperationStatus;
  readonly submitted: Date;
  readonly lastUpdated: Date;
  readonly message: string | undefined;
  readonly statusFlag: string | undefined;
}

/** One entry of GetDomainDetail's `DnssecKeys`. */
export interface RegistrarDnssecKeySpec {
  readonly keyTag: number;
  readonly algorithm: number;
  readonly digestType: number;
  /** Hex. */
  readonly digest: string;
  /** 257 for a key-signing key. */
  readonly flags?: number;
  readonly id?: string;
}

export interface EmulatedDomain {
  readonly name: string;
  readonly nameservers: readonly DomainNameServer[];
  readonly autoRenew: boolean;
  readonly transferLock: boolean;
  readonly expiry: Date;
  readonly created: Date;
  readonly statusList: readonly string[];
  readonly registrarName: string;
  dnssecKeys: readonly RegistrarDnssecKeySpec[];
}

export interface AccessKey {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** Set for temporary (assumed-role) credentials; requests must carry it. */
  readonly sessionToken?: string;
}

interface KeyRecord {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string | undefined;
  readonly accountId: string;
  /** The principal that signs with this key, for AccessDenied messages. */
  readonly principalArn: string;
  expired: boolean;
}

export interface RoleSpec {
  /** The account the role belongs to: its temporary keys see this account's state. */
  readonly accountId: string;
  readonly name: string;
  /** When set, AssumeRole must present exactly this ExternalId. */
  readonly externalId?: string;
  /** Accounts allowed to assume the role; defaults to every account. */
  readonly trustedAccountIds?: readonly string[];
}

export interface EmulatedRole {
  readonly arn: string;
  readonly accountId: string;
  readonly name: string;
  readonly externalId: string | undefined;
  readonly trustedAccountIds: readonly string[] | undefined;
}

export interface LoggedRequest {
  /** `Date.now()` when the request arrived. */
  readonly at: number;
  readonly operation: EmulatedOperation | "unknown";
  readonly accessKeyId: string | undefined;
  readonly accountId: string | undefined;
  /** The domain a Route 53 Domains call names (`DomainName`), so tests can count calls per domain. */
  readonly domainName: string | undefined;
  status: number;
  /** The AWS error code returned, if any. */
  errorCode: string | undefined;
}

/** A request as the protocol handlers see it. */
export interface EmulatorRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface EmulatorResponse {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

/** Situations every protocol answers with its own error code and status. */
export type CommonError =
  | "missing-authentication"
  | "unknown-key"
  | "expired-token"
  | "throttled"
  | "access-denied"
  | "signature-mismatch"
  | "unknown-operation"
  | "invalid-input";

export interface ProtocolContext {
  readonly world: AwsWorld;
  readonly account: EmulatedAccount;
  /** The principal that signed the request, as AWS names it in AccessDenied messages. */
  readonly principalArn: string;
}

/** One AWS wire protocol, as a pure function of the world state. */
export interface EmulatedProtocol {
  /** IAM service prefix for AccessDenied messages, e.g. `route53domains`. */
  readonly iamPrefix: string;
  /** Whether the request is for this protocol at all. */
  claims(request: EmulatorRequest): boolean;
  /** The operation requested, or "unknown". */
  operation(request: EmulatorRequest): EmulatedOperation | "unknown";
  error(kind: CommonError, message: string): EmulatorResponse;
  handle(
    operation: EmulatedOperation,
    request: EmulatorRequest,
    context: ProtocolContext,
  ): EmulatorResponse;
}

/** Escapes text for XML element content and attribute values. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

// Deterministic pseudo-random numbers (mulberry32) so ids and name servers repeat run to run.
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

function randomString(next: () => number, alphabet: string, length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(next() * alphabet.length)];
  return out;
}

// Route 53 spreads a zone's four servers over four TLDs, each TLD with its own number range.
const NAME_SERVER_TLDS: ReadonlyArray<readonly [string, number]> = [
  ["com", 0],
  ["net", 512],
  ["org", 1024],
  ["co.uk", 1536],
];

const stripDot = (name: string): string => name.replace(/\.$/, "");

export class EmulatedAccount {
  readonly hostedZones = new Map<string, EmulatedHostedZone>();
  readonly domains = new Map<string, EmulatedDomain>();
  /** Registrar operations, in the order they were added. */
  readonly operations: EmulatedRegistrarOperation[] = [];

  constructor(
    readonly accountId: string,
    private readonly world: AwsWorld,
  ) {}

  /** A long-term access key (`AKIA…`) for this account. */
  createAccessKey(userName = "domain-drift"): AccessKey {
    return this.world.issueKey(
      this.accountId,
      `arn:aws:iam::${this.accountId}:user/${userName}`,
      false,
    );
  }

  addHostedZone(spec: HostedZoneSpec): EmulatedHostedZone {
    const name = stripDot(spec.name).toLowerCase();
    const id = spec.id ?? this.world.nextZoneId();
    this.world.claimZoneId(id);
    const delegationSet = spec.private
      ? []
      : [...(spec.nameServers ?? this.world.nextDelegationSet())];
    const apex = spec.apexNameServers ?? delegationSet;
    const records: EmulatedRecordSet[] = [
      {
        name,
        type: "SOA",
        ttl: 900,
        values: [
          `${delegationSet[0] ?? "ns-0.awsdns-00.com"}. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400`,
        ],
      },
    ];
    if (apex.length > 0) {
      records.push({ name, type: "NS", ttl: 172800, values: apex.map((ns) => `${stripDot(ns)}.`) });
    }
    for (const r of spec.records ?? []) {
      records.push({
        name: stripDot(r.name).toLowerCase(),
        type: r.type,
        ttl: r.ttl ?? 300,
        values: [...r.values],
      });
    }
    const zone: EmulatedHostedZone = {
      id,
      name,
      private: spec.private ?? false,
      callerReference: `domain-drift-lab-${id}`,
      delegationSet,
      records,
      dnssec: spec.dnssec ?? { serveSignature: "NOT_SIGNING" },
    };
    this.hostedZones.set(id, zone);
    return zone;
  }

  deleteHostedZone(id: string): void {
    this.hostedZones.delete(id);
  }

  registerDomain(spec: RegisteredDomainSpec): EmulatedDomain {
    const name = stripDot(spec.name).toLowerCase();
    const domain: EmulatedDomain = {
      name,
      nameservers: (spec.nameservers ?? []).map((ns) =>
        typeof ns === "string" ? { name: ns } : ns,
      ),
      autoRenew: spec.autoRenew ?? true,
      transferLock: spec.transferLock ?? true,
      expiry: spec.expiry ?? new Date(this.world.startedAt + 365 * 86_400_000),
      created: new Date(this.world.startedAt - 3 * 365 * 86_400_000),
      statusList: [
        ...(spec.statusList ?? (spec.transferLock === false ? [] : ["clientTransferProhibited"])),
      ],
      registrarName: spec.registrarName ?? "Amazon Registrar, Inc.",
      dnssecKeys: spec.dnssecKeys ?? [],
    };
    this.domains.set(name, domain);
    return domain;
  }

  /** A registrar operation on a domain (it need not be registered here: transfers in are not yet). */
  addOperation(spec: RegistrarOperationSpec): EmulatedRegistrarOperation {
    const operation: EmulatedRegistrarOperation = {
      id: spec.id ?? `op-${this.accountId}-${this.operations.length + 1}`,
      domain: stripDot(spec.domain).toLowerCase(),
      type: spec.type,
      status: spec.status,
      submitted: spec.submitted,
      lastUpdated: spec.lastUpdated ?? spec.submitted,
      message: spec.message,
      statusFlag: spec.statusFlag,
    };
    this.operations.push(operation);
    return operation;
  }

  /** The domain leaves the account (transferred out or expired). */
  removeDomain(name: string): void {
    this.domains.delete(stripDot(name).toLowerCase());
  }
}

export interface Faults {
  /** The next `times` calls of `operation` (any account) answer Throttling. */
  throttle(operation: EmulatedOperation, times: number): void;
  /** Calls of `operation` are refused with AccessDenied naming the IAM action; one account or all. */
  deny(operation: EmulatedOperation, accountId?: string): void;
  allow(operation: EmulatedOperation): void;
  /** The next `times` calls of `operation` fail SignatureDoesNotMatch, echoing the signed headers as AWS does. */
  rejectSignature(operation: EmulatedOperation, times: number): void;
  /** Caps the page size of a listing so that a few items span several pages; undefined restores it. */
  pageSize(
    operation: "ListHostedZones" | "ListDomains" | "ListResourceRecordSets" | "ListOperations",
    size: number | undefined,
  ): void;
  /**
   * Calls of `operation` (any account, once authenticated) answer `response` instead of the real
   * answer, however hostile (an HTML page with status 200); `undefined` restores the real one.
   */
  answerWith(operation: EmulatedOperation, response: EmulatorResponse | undefined): void;
  /** Delay before every response. */
  latency(ms: number): void;
  /** Removes every fault. */
  clear(): void;
}

export class AwsWorld {
  readonly startedAt = Date.now();
  readonly accounts = new Map<string, EmulatedAccount>();
  readonly roles = new Map<string, EmulatedRole>();
  readonly log: LoggedRequest[] = [];
  readonly calls = new Map<EmulatedOperation, number>();

  readonly throttled = new Map<EmulatedOperation, number>();
  readonly denied = new Map<EmulatedOperation, Set<string> | "all">();
  readonly badSignatures = new Map<EmulatedOperation, number>();
  readonly pageSizes = new Map<EmulatedOperation, number>();
  readonly forcedAnswers = new Map<EmulatedOperation, EmulatorResponse>();
  latencyMs = 0;

  readonly #keys = new Map<string, KeyRecord>();
  readonly #zoneIds = new Set<string>();
  #zoneSequence = 0;
  #accountSequence = 0;
  readonly #next = random(20_130_401);

  addAccount(accountId?: string): EmulatedAccount {
    const id = accountId ?? String(100_000_000_000 + ++this.#accountSequence);
    if (!/^\d{12}$/.test(id)) throw new Error(`an AWS account id has 12 digits: ${id}`);
    if (this.accounts.has(id)) throw new Error(`account ${id} exists already`);
    const account = new EmulatedAccount(id, this);
    this.accounts.set(id, account);
    return account;
  }

  addRole(spec: RoleSpec): EmulatedRole {
    if (!this.accounts.has(spec.accountId)) throw new Error(`no account ${spec.accountId}`);
    const role: EmulatedRole = {
      arn: `arn:aws:iam::${spec.accountId}:role/${spec.name}`,
      accountId: spec.accountId,
      name: spec.name,
      externalId: spec.externalId,
      trustedAccountIds: spec.trustedAccountIds,
    };
    this.roles.set(role.arn, role);
    return role;
  }

  issueKey(accountId: string, principalArn: string, temporary: boolean): AccessKey {
    const record: KeyRecord = {
      accessKeyId: `${temporary ? "ASIA" : "AKIA"}${randomString(this.#next, ALPHANUMERIC, 16)}`,
      secretAccessKey: randomString(this.#next, BASE64, 40),
      sessionToken: temporary ? randomString(this.#next, BASE64, 360) : undefined,
      accountId,
      principalArn,
      expired: false,
    };
    this.#keys.set(record.accessKeyId, record);
    const { accessKeyId, secretAccessKey, sessionToken } = record;
    return sessionToken === undefined
      ? { accessKeyId, secretAccessKey }
      : { accessKeyId, secretAccessKey, sessionToken };
  }

  key(accessKeyId: string): Readonly<KeyRecord> | undefined {
    return this.#keys.get(accessKeyId);
  }

  /** Requests signed with this key now fail with the protocol's expired-token error. */
  expireKey(accessKeyId: string): void {
    const record = this.#keys.get(accessKeyId);
    if (record === undefined) throw new Error(`no access key ${accessKeyId}`);
    record.expired = true;
  }

  nextZoneId(): string {
    const sequence = ++this.#zoneSequence;
    return `Z${randomString(this.#next, ALPHANUMERIC, 12)}${sequence.toString(36).toUpperCase().padStart(8, "0")}`;
  }

  claimZoneId(id: string): void {
    if (!/^[A-Z0-9]{1,32}$/.test(id)) throw new Error(`not a hosted zone id: ${id}`);
    if (this.#zoneIds.has(id))
      throw new Error(`hosted zone id ${id} is in use; Route 53 never reuses one`);
    this.#zoneIds.add(id);
  }

  nextDelegationSet(): string[] {
    const shard = String(Math.floor(this.#next() * 64)).padStart(2, "0");
    return NAME_SERVER_TLDS.map(
      ([tld, base]) => `ns-${base + Math.floor(this.#next() * 512)}.awsdns-${shard}.${tld}`,
    );
  }

  readonly faults: Faults = {
    throttle: (operation, times) => this.throttled.set(operation, times),
    deny: (operation, accountId) => {
      if (accountId === undefined) {
        this.denied.set(operation, "all");
        return;
      }
      const current = this.denied.get(operation);
      if (current === "all") return;
      this.denied.set(operation, new Set([...(current ?? []), accountId]));
    },
    allow: (operation) => this.denied.delete(operation),
    rejectSignature: (operation, times) => this.badSignatures.set(operation, times),
    pageSize: (operation, size) => {
      if (size === undefined) this.pageSizes.delete(operation);
      else this.pageSizes.set(operation, Math.max(1, Math.floor(size)));
    },
    answerWith: (operation, response) => {
      if (response === undefined) this.forcedAnswers.delete(operation);
      else this.forcedAnswers.set(operation, response);
    },
    latency: (ms) => {
      this.latencyMs = Math.max(0, ms);
    },
    clear: () => {
      this.throttled.clear();
      this.denied.clear();
      this.badSignatures.clear();
      this.pageSizes.clear();
      this.forcedAnswers.clear();
      this.latencyMs = 0;
    },
  };

  /** Page size for a listing: what the caller asked for, within the protocol's cap and any override. */
  pageSize(
    operation: EmulatedOperation,
    requested: number | undefined,
    fallback: number,
    cap: number,
  ): number {
    const asked =
      requested !== undefined && Number.isFinite(requested) && requested > 0 ? requested : fallback;
    return Math.min(asked, cap, this.pageSizes.get(operation) ?? Number.POSITIVE_INFINITY);
  }

  isDenied(operation: EmulatedOperation, accountId: string): boolean {
    const denied = this.denied.get(operation);
    return denied === "all" || (denied?.has(accountId) ?? false);
  }

  /** Uses up one injected occurrence of a counted fault; true when it applies to this call. */
  consume(faults: Map<EmulatedOperation, number>, operation: EmulatedOperation): boolean {
    const left = faults.get(operation) ?? 0;
    if (left <= 0) return false;
    faults.set(operation, left - 1);
    return true;
  }
}

/**
 * A name as Route 53 prints it: absolute, and every byte outside `a-z0-9-_` of a label as a
 * three-digit octal escape (`*` is `\052`, UTF-8 `ü` is `\303\274`). A dot inside a label is
 * written `\.` (as in zone files) and comes out as `\056`.
 */
export function route53Escape(name: string): string {
  if (name === "" || name === ".") return ".";
  const labels = stripDot(name)
    .split(/(?<!\\)\./)
    .map((label) => label.replaceAll("\\.", "."));
  const encoder = new TextEncoder();
  const escaped = labels.map((label) => {
    let out = "";
    for (const byte of encoder.encode(label)) {
      const ch = String.fromCharCode(byte);
      out += /[a-z0-9_-]/.test(ch) ? ch : `\\${byte.toString(8).padStart(3, "0")}`;
    }
    return out;
  });
  return `${escaped.join(".")}.`;
}
