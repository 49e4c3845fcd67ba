import { registryRecord, unpublishedReason } from "../facts.js";
import { enableAtRegistrar } from "../remediation.js";
import {
  type DomainRule,
  fail,
  notApplicable,
  notChecked,
  pass,
  type RuleVerdict,
} from "../types.js";

/**
 * The statuses that lock a domain against transfer: RFC 8056 maps EPP clientTransferProhibited /
 * serverTransferProhibited to "client transfer prohibited" / "server transfer prohibited", and RDAP
 * also registers plain "transfer prohibited". Compared without spaces and case, so EPP spellings
 * (`clientTransferProhibited`) that registries write in WHOIS and RDAP count too. JPRS (.jp) calls
 * its lock on changing the designated agent (the registrar) `AgentChangeLocked`.
 */
const TRANSFER_PROHIBITED = new Set([
  "clienttransferprohibited",
  "servertransferprohibited",
  "transferprohibited",
  "agentchangelocked",
]);

export function isTransferProhibited(status: string): boolean {
  return TRANSFER_PROHIBITED.has(status.toLowerCase().replace(/[^a-z]/g, ""));
}

export const transferLockDisabled: DomainRule = {
  id: "transfer-lock-disabled",
  severity: "medium",
  title: "The domain is not locked against transfer",
  doc: "With `transferLock: required`, reads the transfer lock from the registrar account whose API is asked (Route 53 Domains, Cloudflare Registrar), else looks for a transfer-prohibited status (client, server or plain) in the registry's RDAP or WHOIS record. An unlocked domain can be transferred away with its auth code alone. A record without status codes, or with more than the 256 read, cannot show the lock: not checked; a registry that never publishes status codes (the capability table says which): not applicable. Lock it at the registrar (some ccTLDs do not support a lock: waive the rule for those).",
  evaluate({ intent, observations }) {
    if (intent.hygiene.transferLock !== "required")
      return notApplicable("the policy does not require a transfer lock");
    const { registration, rdap, registrarApi } = observations;
    const name = intent.registrableDomain;
    const unpublished = unpublishedReason(intent, observations, "statuses");
    const failing = (source: string): RuleVerdict =>
      fail({
        message: `${name} is not locked against transfer (according to ${source}).`,
        expected: "locked",
        observed: "unlocked",
        remediation:
          registration.kind === "registered"
            ? enableAtRegistrar(registrarApi.provider, "transfer-lock", name)
            : `Enable the transfer lock for ${name} at its registrar.`,
      });
    if (registration.kind === "registered" && registration.detail.transferLock !== undefined) {
      return registration.detail.transferLock ? pass : failing(registrarApi.service);
    }
    if (rdap.kind === "not-registered") return notApplicable("the domain is not registered");
    // A registry without transfer-lock statuses may still write others (DENIC's `active`).
    if (unpublished !== undefined) return notApplicable(unpublished);
    if (rdap.kind === "registered") {
      const record = registryRecord(observations);
      if (rdap.truncated.includes("status")) {
        return notChecked(
          `${record} lists more status codes than the 256 read; a lock may be among the rest`,
        );
      }
      if (rdap.statuses === undefined) {
        return notChecked(`${record} has no status codes, so it cannot show a transfer lock`);
      }
      return rdap.statuses.some(isTransferProhibited)
        ? pass
        : failing(`${record.replace(/ record$/, "")} status codes`);
    }
    const reasons = [rdap, registration]
      .filter((o) => o.kind === "unavailable" || o.kind === "skipped")
      .map((o) => ("reason" in o ? o.reason : ""));
    return notChecked(`no transfer-lock data: ${reasons.join("; ") || "no source reported it"}`);
  },
};
