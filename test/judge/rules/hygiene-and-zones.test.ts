import { describe, expect, it } from "vitest";
import { autoRenewDisabled } from "../../../src/judge/rules/domain/auto-renew-disabled.js";
import { expirySoon } from "../../../src/judge/rules/domain/expiry-soon.js";
import { hostedZoneDuplicate } from "../../../src/judge/rules/domain/hosted-zone-duplicate.js";
import { hostedZoneMissing } from "../../../src/judge/rules/domain/hosted-zone-missing.js";
import { transferLockDisabled } from "../../../src/judge/rules/domain/transfer-lock-disabled.js";
import {
  intent,
  observations,
  R53_NEW_SET,
  rdapRegistered,
  zone,
} from "../../support/observations.js";
import { evaluate, findingsOf } from "../../support/rules.js";

const hygiene = (h: Partial<ReturnType<typeof intent>["hygiene"]>) =>
  intent({
    hygiene: { expiryMinDays: undefined, transferLock: "ignore", autoRenew: "ignore", ...h },
  });

function registeredWith(
  detail: Partial<{
    autoRenew: boolean | undefined;
    transferLock: boolean | undefined;
    expiry: string | undefined;
  }>,
) {
  const base = observations().registration;
  if (base.kind !== "registered") throw new Error("unreachable");
  return observations({ registration: { ...base, detail: { ...base.detail, ...detail } } });
}

describe("expiry-soon", () => {
  it("does not apply without expiry.minDays", () => {
    expect(evaluate(expirySoon, intent(), observations()).kind).toBe("not-applicable");
  });

  it("counts days from the Route 53 Domains expiry and escalates an expired domain", () => {
    const soon = registeredWith({ expiry: "2026-12-06T00:00:00Z" }); // 9 days after NOW
    const [finding] = findingsOf(evaluate(expirySoon, hygiene({ expiryMinDays: 30 }), soon));
    expect(finding.message).toContain("expires in 9 day(s)");
    expect(finding.remediation).toContain("aws route53domains renew-domain");
    const expired = registeredWith({ expiry: "2026-11-01T00:00:00Z" });
    expect(
      findingsOf(evaluate(expirySoon, hygiene({ expiryMinDays: 30 }), expired))[0].severity,
    ).toBe("critical");
    expect(evaluate(expirySoon, hygiene({ expiryMinDays: 5 }), soon).kind).toBe("pass");
  });

  it("falls back to the RDAP expiration event for third-party registrars", () => {
    const o = observations({
      registration: { kind: "not-in-account", account: "default" },
      rdap: rdapRegistered({
        events: {
          registration: undefined,
          lastChanged: undefined,
          expiration: "2026-12-20T00:00:00Z",
        },
      }),
    });
    expect(
      findingsOf(evaluate(expirySoon, hygiene({ expiryMinDays: 60 }), o))[0].remediation,
    ).toContain("at its registrar");
  });

  it("is not checked when no source gives a date", () => {
    const o = observations({
      registration: { kind: "skipped", reason: "--no-aws" },
      rdap: { kind: "unavailable", domain: "example.com", reason: "HTTP 429", url: undefined },
    });
    expect(evaluate(expirySoon, hygiene({ expiryMinDays: 30 }), o).kind).toBe("not-checked");
  });
});

describe("auto-renew-disabled", () => {
  it("reads Route 53 Domains and gives the enabling command", () => {
    const [finding] = findingsOf(
      evaluate(
        autoRenewDisabled,
        hygiene({ autoRenew: "required" }),
        registeredWith({ autoRenew: false }),
      ),
    );
    expect(finding.remediation).toBe(
      "aws route53domains enable-domain-auto-renew --region us-east-1 --domain-name example.com",
    );
    expect(
      evaluate(autoRenewDisabled, hygiene({ autoRenew: "required" }), observations()).kind,
    ).toBe("pass");
  });

  it("does not apply to registrars without an API adapter, but is not checked for an unreachable Route 53", () => {
    const elsewhere = observations({
      registration: { kind: "not-in-account", account: "default" },
    });
    expect(
      evaluate(
        autoRenewDisabled,
        { ...hygiene({ autoRenew: "required" }), registrar: "hover" },
        elsewhere,
      ).kind,
    ).toBe("not-applicable");
    const denied = observations({
      registration: {
        kind: "unavailable",
        account: "default",
        reason: "ExpiredToken",
        deniedAction: undefined,
      },
    });
    expect(evaluate(autoRenewDisabled, hygiene({ autoRenew: "required" }), denied).kind).toBe(
      "not-checked",
    );
  });
});

describe("transfer-lock-disabled", () => {
  it("prefers Route 53 Domains, else the RDAP status", () => {
    expect(
      evaluate(
        transferLockDisabled,
        hygiene({ transferLock: "required" }),
        registeredWith({ transferLock: false }),
      ).kind,
    ).toBe("fail");
    const rdapOnly = observations({
      registration: { kind: "not-in-account", account: "default" },
      rdap: rdapRegistered({ statuses: ["active"] }),
    });
    const [finding] = findingsOf(
      evaluate(transferLockDisabled, hygiene({ transferLock: "required" }), rdapOnly),
    );
    expect(finding.message).toContain("RDAP status");
    const locked = observations({
      registration: { kind: "not-in-account", account: "default" },
      rdap: rdapRegistered({ statuses: ["server transfer prohibited"] }),
    });
    expect(evaluate(transferLockDisabled, hygiene({ transferLock: "required" }), locked).kind).toBe(
      "pass",
    );
  });

  it("counts only a transfer prohibition as a lock, not the other prohibitions", () => {
    const otherLocks = observations({
      registration: { kind: "not-in-account", account: "default" },
      rdap: rdapRegistered({
        statuses: ["client delete prohibited", "client update prohibited", "renew prohibited"],
      }),
    });
    expect(
      evaluate(transferLockDisabled, hygiene({ transferLock: "required" }), otherLocks).kind,
    ).toBe("fail");
  });

  it("is not checked (never not-applicable), with both reasons, when neither Route 53 Domains nor RDAP could be read", () => {
    const blind = observations({
      registration: {
        kind: "unavailable",
        account: "default",
        reason: "ThrottlingException",
        deniedAction: undefined,
      },
      rdap: { kind: "unavailable", domain: "example.com", reason: "HTTP 503", url: undefined },
    });
    expect(evaluate(transferLockDisabled, hygiene({ transferLock: "required" }), blind)).toEqual({
      kind: "not-checked",
      reason: "no transfer-lock data: HTTP 503; ThrottlingException",
    });
  });
});

describe("hosted zones", () => {
  it("hosted-zone-missing: none, a missing pin (suggesting the re-created zone), or not Route 53", () => {
    const none = observations({ hostedZones: { kind: "none", account: "default" } });
    expect(findingsOf(evaluate(hostedZoneMissing, intent(), none))[0].observed).toBe("none");
    const recreated = observations({
      hostedZones: { kind: "found", account: "default", zones: [zone("ZNEW", R53_NEW_SET)] },
    });
    const [pin] = findingsOf(
      evaluate(hostedZoneMissing, intent({ hostedZoneId: "ZOLD" }), recreated),
    );
    expect(pin.remediation).toContain("hostedZoneId: ZNEW");
    expect(evaluate(hostedZoneMissing, intent({ dnsHost: "hover" }), none).kind).toBe(
      "not-applicable",
    );
  });

  it("hosted-zone-duplicate: lists every zone of the name", () => {
    const dup = observations({
      hostedZones: { kind: "found", account: "default", zones: [zone("ZA"), zone("ZB")] },
    });
    expect(findingsOf(evaluate(hostedZoneDuplicate, intent(), dup))[0].observed).toEqual([
      "ZA",
      "ZB",
    ]);
    expect(evaluate(hostedZoneDuplicate, intent(), observations()).kind).toBe("pass");
  });
});
