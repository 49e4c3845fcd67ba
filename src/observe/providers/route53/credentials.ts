// Which credentials reach which account. The SDK's own providers do the work; this module only
// picks one per account, shares it between that account's clients and marks its failures so a
// refused AssumeRole is not mistaken for a refused Route 53 call.

import {
  type FromTemporaryCredentialsOptions,
  fromIni,
  fromNodeProviderChain,
  fromTemporaryCredentials,
} from "@aws-sdk/credential-providers";
import { awsRequestHandler } from "./http-handler.js";
import type { AwsAccountSettings } from "./types.js";

export type CredentialProvider = ReturnType<typeof fromNodeProviderChain>;
type Credentials = Awaited<ReturnType<CredentialProvider>>;
export type StsClientPlugin = NonNullable<FromTemporaryCredentialsOptions["clientPlugins"]>[number];

/** The name AWS records for sessions this tool opens, visible in CloudTrail. */
const ROLE_SESSION_NAME = "domain-drift";

// Refresh temporary credentials this long before they expire, so no request is signed with
// credentials that lapse in flight.
const REFRESH_MARGIN_MS = 5 * 60 * 1000;

/** Raised by an account's credential provider; `cause` is the SDK's error. */
export class CredentialsFailure extends Error {
  override readonly name = "CredentialsFailure";
  constructor(
    /** Where the credentials were to come from, in words (no secrets). */
    readonly source: string,
    /** True when the failing step was STS AssumeRole for `roleArn`. */
    readonly duringAssumeRole: boolean,
    override readonly cause: unknown,
  ) {
    super(`could not obtain credentials from ${source}`);
  }
}

export interface AccountCredentials {
  readonly provider: CredentialProvider;
  readonly source: string;
  /** The profile whose settings (region, endpoints) the clients should read, if any. */
  readonly profile: string | undefined;
}

export interface CredentialOptions {
  readonly maxAttempts: number;
  /** Installed on the STS client used for AssumeRole (call counting). */
  readonly stsPlugins: readonly StsClientPlugin[];
}

/** Credentials for an account: default chain, a named profile, or a role assumed on top of either. */
export function accountCredentials(
  account: AwsAccountSettings | undefined,
  options: CredentialOptions,
): AccountCredentials {
  const profile = account?.profile;
  const base = profile === undefined ? fromNodeProviderChain() : fromIni({ profile });
  const baseSource =
    profile === undefined ? "the default credential chain" : `profile "${profile}"`;
  const roleArn = account?.roleArn;
  if (roleArn === undefined) {
    return { provider: shared(base, baseSource, false), source: baseSource, profile };
  }
  const assume = fromTemporaryCredentials({
    masterCredentials: marked(base, baseSource, false),
    params: {
      RoleArn: roleArn,
      RoleSessionName: ROLE_SESSION_NAME,
      ...(account?.externalId === undefined ? {} : { ExternalId: account.externalId }),
    },
    clientConfig: {
      region: "us-east-1",
      maxAttempts: options.maxAttempts,
      requestHandler: awsRequestHandler(),
    },
    clientPlugins: [...options.stsPlugins],
  });
  const source = `role ${roleArn} assumed with ${baseSource}`;
  return { provider: shared(assume, source, true), source, profile };
}

// Wraps failures so that the observer can tell a credentials problem from an API refusal. Base
// credentials failing inside AssumeRole arrive already marked and keep their own source.
function marked(
  provider: CredentialProvider,
  source: string,
  assumesRole: boolean,
): CredentialProvider {
  return async (properties) => {
    try {
      return await provider(properties);
    } catch (error) {
      if (error instanceof CredentialsFailure) throw error;
      throw new CredentialsFailure(source, assumesRole, error);
    }
  };
}

// One provider serves both clients of an account, so a role is assumed once, not once per client.
// Failures are not kept: the next call tries again (the account listings are memoised anyway).
function shared(
  provider: CredentialProvider,
  source: string,
  assumesRole: boolean,
): CredentialProvider {
  const wrapped = marked(provider, source, assumesRole);
  let current: Promise<Credentials> | undefined;
  let refreshAt = Number.POSITIVE_INFINITY;
  return (properties) => {
    if (current === undefined || Date.now() >= refreshAt) {
      refreshAt = Number.POSITIVE_INFINITY;
      const pending = wrapped(properties);
      current = pending;
      pending.then(
        (credentials) => {
          if (current === pending && credentials.expiration !== undefined) {
            refreshAt = credentials.expiration.getTime() - REFRESH_MARGIN_MS;
          }
        },
        () => {
          if (current === pending) current = undefined;
        },
      );
    }
    return current;
  };
}
