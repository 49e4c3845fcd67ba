// Every rule, in report order. Adding a rule: write its module, add its id to src/report/model/rule-ids.ts and to the
// policy schema's waiver `rule` list, its row to the README's rule table, and the rule here (tests
// keep all four in step).
import { unmanagedDomain } from "./account/unmanaged-domain.js";
import { unmanagedHostedZone } from "./account/unmanaged-hosted-zone.js";
import { dnssecBogus } from "./dnssec/dnssec-bogus.js";
import { dnssecPolicy } from "./dnssec/dnssec-policy.js";
import { dnssecRegistrarMismatch } from "./dnssec/dnssec-registrar-mismatch.js";
import { dnssecSignatureExpiring } from "./dnssec/dnssec-signature-expiring.js";
import { dnssecSigningInconsistent } from "./dnssec/dnssec-signing-inconsistent.js";
import { autoRenewDisabled } from "./domain/auto-renew-disabled.js";
import { danglingDelegation } from "./domain/dangling-delegation.js";
import { dnsHostMismatch } from "./domain/dns-host-mismatch.js";
import { dnsZoneNotActive } from "./domain/dns-zone-not-active.js";
import { domainNotRegistered } from "./domain/domain-not-registered.js";
import { expirySoon } from "./domain/expiry-soon.js";
import { hostedZoneDuplicate } from "./domain/hosted-zone-duplicate.js";
import { hostedZoneMissing } from "./domain/hosted-zone-missing.js";
import { insufficientNameservers } from "./domain/insufficient-nameservers.js";
import { lameDelegation } from "./domain/lame-delegation.js";
import { nameserversMismatch } from "./domain/nameservers-mismatch.js";
import { parentChildNsMismatch } from "./domain/parent-child-ns-mismatch.js";
import { parentNsInconsistent } from "./domain/parent-ns-inconsistent.js";
import { registrarAccountMissing } from "./domain/registrar-account-missing.js";
import { registrarMismatch } from "./domain/registrar-mismatch.js";
import { registrarNameserversMismatch } from "./domain/registrar-nameservers-mismatch.js";
import { transferLockDisabled } from "./domain/transfer-lock-disabled.js";
import { migrationDelegationSplit } from "./migration/migration-delegation-split.js";
import { migrationDnssecBreak } from "./migration/migration-dnssec-break.js";
import { migrationOperationFailed } from "./migration/migration-operation-failed.js";
import { migrationRecordsDiffer } from "./migration/migration-records-differ.js";
import { migrationRecordsMissing } from "./migration/migration-records-missing.js";
import type { AccountRule, DomainRule, RuleDescriptor } from "./types.js";
import { waiverExpired } from "./waiver-expired.js";

export const DOMAIN_RULES: readonly DomainRule[] = [
  domainNotRegistered,
  danglingDelegation,
  registrarMismatch,
  registrarAccountMissing,
  dnsHostMismatch,
  nameserversMismatch,
  registrarNameserversMismatch,
  hostedZoneMissing,
  hostedZoneDuplicate,
  dnsZoneNotActive,
  lameDelegation,
  parentChildNsMismatch,
  parentNsInconsistent,
  insufficientNameservers,
  dnssecBogus,
  dnssecRegistrarMismatch,
  dnssecSigningInconsistent,
  dnssecSignatureExpiring,
  dnssecPolicy,
  migrationDelegationSplit,
  migrationOperationFailed,
  migrationRecordsMissing,
  migrationRecordsDiffer,
  migrationDnssecBreak,
  expirySoon,
  autoRenewDisabled,
  transferLockDisabled,
];

export const ACCOUNT_RULES: readonly AccountRule[] = [unmanagedDomain, unmanagedHostedZone];

export const ALL_RULES: readonly RuleDescriptor[] = [
  ...DOMAIN_RULES,
  ...ACCOUNT_RULES,
  waiverExpired,
];
