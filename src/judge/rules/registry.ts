// Every rule, in report order. Adding a rule: write its module, add its id to ./ids.ts and to the
// policy schema's waiver `rule` list, its row to the README's rule table, and the rule here (tests
// keep all four in step).
import { unmanagedDomain } from "./account/unmanaged-domain.js";
import { unmanagedHostedZone } from "./account/unmanaged-hosted-zone.js";
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
