// The shape of one policy file's data once it has passed the JSON Schema
// (src/schemas/policy-v1.schema.json). Only the semantic checks read these.
import type { Requirement } from "./types.js";

export interface PolicySettings {
  readonly registrar?: string;
  readonly dnsHost?: string;
  readonly account?: string;
  readonly expiry?: { readonly minDays: number };
  readonly transferLock?: Requirement;
  readonly autoRenew?: Requirement;
}

export interface PolicyDomainEntry extends PolicySettings {
  readonly hostedZoneId?: string;
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

export interface PolicyAccountEntry {
  readonly profile?: string;
  readonly roleArn?: string;
  readonly externalId?: string;
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
