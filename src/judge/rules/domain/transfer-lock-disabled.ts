import { type DomainRule, fail, notApplicable, notChecked, pass } from "../types.js";

// RFC 8056 maps EPP clientTransferProhibited / serverTransferProhibited to these RDAP values.
const TRANSFER_PROHIBITED = ["client transfer prohibited", "server transfer prohibited"];

export const transferLockDisabled: DomainRule = {
  id: "transfer-lock-disabled",
  severity: "medium",
  title: "The domain is not locked against transfer",
  doc: "With `transferLock: required`, reads TransferLock from the Route 53 Domains account, else looks for a transfer-prohibited status in the registry's RDAP record. An unlocked domain can be transferred away with its auth code alone. Lock it at the registrar (some ccTLDs do not support a lock: waive the rule for those).",
  evaluate({ intent, observations }) {
    if (intent.hygiene.transferLock !== "required")
      return notApplicable("the policy does not require a transfer lock");
    const { registration, rdap } = observations;
    const name = intent.registrableDomain;
    let locked: boolean | undefined;
    let source = "";
    if (registration.kind === "registered" && registration.detail.transferLock !== undefined) {
      locked = registration.detail.transferLock;
      source = "Route 53 Domains";
    } else if (rdap.kind === "registered") {
      locked = rdap.statuses.some((status) => TRANSFER_PROHIBITED.includes(status));
      source = "the registry (RDAP status)";
    }
    if (locked === undefined) {
      if (rdap.kind === "not-registered") return notApplicable("the domain is not registered");
      const reasons = [rdap, registration]
        .filter((o) => o.kind === "unavailable" || o.kind === "skipped")
        .map((o) => ("reason" in o ? o.reason : ""));
      return notChecked(`no transfer-lock data: ${reasons.join("; ") || "no source reported it"}`);
    }
    if (locked) return pass;
    return fail({
      message: `${name} is not locked against transfer (according to ${source}).`,
      expected: "locked",
      observed: "unlocked",
      remediation:
        registration.kind === "registered"
          ? `aws route53domains enable-domain-transfer-lock --region us-east-1 --domain-name ${name}`
          : `Enable the transfer lock for ${name} at its registrar.`,
    });
  },
};
