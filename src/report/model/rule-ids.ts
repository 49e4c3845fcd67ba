// Rule ids are a public contract (the README's rules table): stable once released, used by waivers,
// reports, SARIF and dashboards. New rules may be added; these keep their meaning.
export const RULE_IDS = [
  "registrar-mismatch",
  "domain-not-registered",
  "registrar-nameservers-mismatch",
  "expiry-soon",
  "auto-renew-disabled",
  "transfer-lock-disabled",
  "dns-host-mismatch",
  "nameservers-mismatch",
  "hosted-zone-missing",
  "hosted-zone-duplicate",
  "dangling-delegation",
  "lame-delegation",
  "parent-child-ns-mismatch",
  "insufficient-nameservers",
  "unmanaged-domain",
  "unmanaged-hosted-zone",
  // Added after the original sixteen:
  "parent-ns-inconsistent",
  "waiver-expired",
  "registrar-account-missing",
  "dns-zone-not-active",
  "dnssec-bogus",
  "dnssec-registrar-mismatch",
  "dnssec-signing-inconsistent",
  "dnssec-signature-expiring",
  "dnssec-policy",
] as const;

export type RuleId = (typeof RULE_IDS)[number];
