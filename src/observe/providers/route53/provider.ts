// Route 53 and Route 53 Domains behind the provider contract: the AWS observer (./observer.ts),
// with its accounts read from the policy's entries.
import type { ProviderAccount, ProviderObserver, ProviderOpenOptions } from "../types.js";
import { route53Descriptor } from "./descriptor.js";
import { type AwsObserver, createAwsObserver } from "./observer.js";
import type { AwsAccountSettings } from "./types.js";

/** An `accounts:` entry of provider route53: `profile`, `roleArn`, `externalId`, each optional. */
export function awsAccountSettings(account: ProviderAccount): AwsAccountSettings {
  const { profile, roleArn, externalId } = account.settings;
  return { id: account.id, profile, roleArn, externalId };
}

export function openRoute53(options: ProviderOpenOptions): ProviderObserver {
  return route53Provider(
    createAwsObserver({
      accounts: new Map(
        options.accounts.map((account) => [account.id, awsAccountSettings(account)]),
      ),
      cacheDir: options.cacheDir,
      ...(options.requestsPerSecond === undefined
        ? {}
        : { requestsPerSecond: options.requestsPerSecond }),
    }),
  );
}

/** An AWS observer in the provider contract's roles. */
export function route53Provider(aws: AwsObserver): ProviderObserver {
  return {
    id: route53Descriptor.id,
    registrar: {
      registration: (domain, account, earlier) => aws.registration(domain, account, earlier),
      listDomains: (account) => aws.listDomains(account),
      operations: (domain, types, account) => aws.operations(domain, types, account),
    },
    dnsHost: {
      zones: (domain, account) => aws.hostedZones(domain, account),
      listZones: (account) => aws.listZones(account),
      apexNameservers: (zone, account) => aws.apexNameservers(zone.id, zone.name, account),
      zoneDnssec: (zone, account) => aws.hostedZoneDnssec(zone.id, account),
      zoneRecords: (zone, account, maxRecordSets) =>
        aws.recordSets(zone.id, account, maxRecordSets),
    },
    stats: () => aws.stats(),
    close: () => aws.close(),
  };
}
