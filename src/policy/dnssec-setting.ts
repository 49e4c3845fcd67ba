// The `dnssec` setting of a domain: its own, else its file's `defaults`, field by field, so that
// `defaults: { dnssec: { mode: optional, signatureMinDays: 10 } }` and a domain's `dnssec:
// required` give `required` with 10 days. See docs/policy-language.md.
import type { PolicyDnssec } from "./policy-document.js";
import type { DnssecIntent } from "./types.js";

/** Seven days: signers re-sign well before that (BIND's default re-signs a quarter before expiry). */
export const DEFAULT_SIGNATURE_MIN_DAYS = 7;

const fields = (setting: PolicyDnssec | undefined) =>
  typeof setting === "string" ? { mode: setting } : (setting ?? {});

export function dnssecIntent(
  own: PolicyDnssec | undefined,
  defaults: PolicyDnssec | undefined,
): DnssecIntent {
  const domain: { mode?: DnssecIntent["mode"]; signatureMinDays?: number } = fields(own);
  const inherited: { mode?: DnssecIntent["mode"]; signatureMinDays?: number } = fields(defaults);
  return {
    mode: domain.mode ?? inherited.mode ?? "optional",
    signatureMinDays:
      domain.signatureMinDays ?? inherited.signatureMinDays ?? DEFAULT_SIGNATURE_MIN_DAYS,
  };
}

/** A domain whose policy says nothing of DNSSEC. */
export const OPTIONAL_DNSSEC: DnssecIntent = {
  mode: "optional",
  signatureMinDays: DEFAULT_SIGNATURE_MIN_DAYS,
};
