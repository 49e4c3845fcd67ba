// The shape of one policy file's data once it has passed the JSON Schema
// (src/schemas/policy-v1.schema.json). Only the semantic checks read these.
import type { DnssecMode, Requirement } from "./types.js";

/** `dnssec: required`, or `dnssec: { mode: required, signatureMinDays: 10 }`. */
export type PolicyDnssec =
  | DnssecMode
  | { readonly mode: DnssecMode; readonly signatureMinDays?: number };

export interface PolicySettings {
  readonly registrar?: string;
  readonly dnsHost?: string;
  /** One account id, or a list of them (one per provider). */
  readonly account?: string | readonly string[];
  readonly expiry?: { readonly minDays: number };
  readonly transferLock?: Requirement;
  readonly autoRenew?: Requirement;
  readonly dnssec?: PolicyDnssec;
}

/** A `migration.dnsHost` or `migration.registrar`: provider ids. */
export interface PolicyProviderMove {
  readonly from: string;
  readonly to: string;
}

export interface PolicyMigration {
  readonly dnsHost?: PolicyProviderMove;
  readonly registrar?: PolicyProviderMove;
  readonly hostedZoneId?: string;
  readonly records?: {
    readonly names?: readonly string[];
    readonly dkimSelectors?: readonly string[];
    readonly maxNames?: number;
  };
}

export interface PolicyDomainEntry extends PolicySettings {
  readonly hostedZoneId?: string;
  readonly migration?: PolicyMigration;
  readonly nameservers?: readonly string[];
  readonly owner?: string;
}

export interface PolicyProviderEntry {
  readonly name?: string;
  readonly dnsHost?: { readonly nameservers: readonly string[]; readonly sharedHosting?: boolean };
  readonly registrar?: {
    readonly ianaIds?: readonly number[];
    readonly names?: readonly string[];
    readonly handles?: Readonly<Record<string, readonly string[]>>;
  };
}

/** An `accounts:` entry: the provider (route53 when left out) and that provider's own keys. */
export interface PolicyAccountEntry {
  readonly provider?: string;
  readonly [key: string]: string | undefined;
}

export interface PolicyWaiverEntry {
  readonly domain: string;
  readonly rule: string;
  readonly reason: string;
  readonly expires: string;
}

export interface PolicyDocument {
  readonly version: 1;
  readonly defaults?: PolicySettings;
  readonly domains?: Readonly<Record<string, PolicyDomainEntry | null>>;
  readonly providers?: Readonly<Record<string, PolicyProviderEntry>>;
  readonly accounts?: Readonly<Record<string, PolicyAccountEntry>>;
  readonly waivers?: readonly PolicyWaiverEntry[];
}
