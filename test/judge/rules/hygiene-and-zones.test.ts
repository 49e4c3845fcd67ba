import { describe, expect, it } from "vitest";
import { autoRenewDisabled } from "../../../src/judge/rules/domain/auto-renew-disabled.js";
import { expirySoon } from "../../../src/judge/rules/domain/expiry-soon.js";
import { hostedZoneDuplicate } from "../../../src/judge/rules/domain/hosted-zone-duplicate.js";
import { hostedZoneMissing } from "../../../src/judge/rules/domain/hosted-zone-missing.js";
import { transferLockDisabled } from "../../../src/judge/rules/domain/transfer-lock-disabled.js";
import type { DomainObservations, RegistryProfile } from "../../../src/observe/observations.js";
import { cloudflareDescriptor } from "../../../src/observe/providers/cloudflare/descriptor.js";
import {
  atCloudflare,
  intent,
  observations,
  R53_NEW_SET,
  rdapRegistered,
  zone,
} from "../../support/observations.js";
import { evaluate, findingsOf } from "../../support/rules.js";

/** The capability table's Norid: no expiry date, no status codes. */
const NORID: RegistryProfile = {
  id: "norid",
  name: "Norid",
  tld: "no",
  unpublished: {
    expiry: "Norid publishes no expiry date: a .no domain runs until its registrar cancels it",
    statuses: "Norid publishes no status codes, and .no has no registrar transfer lock",
  },
};

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

  // NOW is 2026-11-26T12:00:00Z.
  it("passes with exactly minDays left and fails a second sooner, naming the date and the minimum", () => {
    const thirty = hygiene({ expiryMinDays: 30 });
    expect(
      evaluate(expirySoon, thirty, registeredWith({ expiry: "2026-12-26T12:00:00Z" })),
    ).toEqual({ kind: "pass" });
    const [finding] = findingsOf(
      evaluate(expirySoon, thirty, registeredWith({ expiry: "2026-12-26T11:59:59Z" })),
    );
    expect(finding.message).toContain("example.com expires in 29 day(s) (2026-12-26T11:59:59Z)");
    expect(finding.message).toContain("at least 30");
    expect(finding.expected).toBe(">= 30 days");
    expect(finding.observed).toBe("29 days (2026-12-26T11:59:59Z)");
    expect(finding.severity).toBeUndefined();
  });

  it("calls a domain with 0 days left expiring, not expired: the rule's own severity, no override", () => {
    const [finding] = findingsOf(
      evaluate(
        expirySoon,
        hygiene({ expiryMinDays: 30 }),
        registeredWith({ expiry: "2026-11-26T13:00:00Z" }),
      ),
    );
    expect(finding.message).toContain("expires in 0 day(s)");
    expect(finding.message).not.toContain("expired");
    expect(finding.severity).toBeUndefined();
  });

  it("says how many days ago an expired domain expired, critical, with Route 53's renew command for its expiry year", () => {
    const [finding] = findingsOf(
      evaluate(
        expirySoon,
        hygiene({ expiryMinDays: 30 }),
        registeredWith({ expiry: "2026-11-01T00:00:00Z" }),
      ),
    );
    expect(finding.message).toBe("example.com expired 26 day(s) ago (2026-11-01T00:00:00Z).");
    expect(finding.severity).toBe("critical");
    expect(finding.remediation).toContain(
      "aws route53domains renew-domain --region us-east-1 --domain-name example.com --duration-in-years 1 --current-expiry-year 2026",
    );
  });

  it("gives no Route 53 command for a registration at another registrar's API", () => {
    const atCloudflare = observations({
      registrarApi: { provider: "cloudflare", ...cloudflareDescriptor.registrar },
      registration: registeredWith({ expiry: "2026-12-06T00:00:00Z" }).registration,
    });
    const [finding] = findingsOf(
      evaluate(expirySoon, hygiene({ expiryMinDays: 30 }), atCloudflare),
    );
    expect(finding.remediation).toContain("Renew example.com now at its registrar");
    expect(finding.remediation).not.toContain("aws route53domains");
  });

  it("does not apply to a domain the registry has no record of, and says so", () => {
    const gone = observations({
      registration: { kind: "not-in-account", account: "default" },
      rdap: { kind: "not-registered", domain: "example.com", url: "https://rdap.example/d" },
    });
    expect(evaluate(expirySoon, hygiene({ expiryMinDays: 30 }), gone)).toEqual({
      kind: "not-applicable",
      reason: "the domain is not registered",
    });
  });

  it("does not apply where the registry never publishes an expiry date and no registrar API stands in", () => {
    const o = observations({
      registry: NORID,
      registration: { kind: "not-in-account", account: "default" },
      rdap: rdapRegistered({
        domain: "example.no",
        events: { registration: undefined, expiration: undefined, lastChanged: undefined },
      }),
    });
    expect(evaluate(expirySoon, hygiene({ expiryMinDays: 30 }), o)).toEqual({
      kind: "not-applicable",
      reason: `Norid (.no): ${NORID.unpublished.expiry}`,
    });
  });

  it("is not checked, not excused, where the registry publishes no date but the intended registrar's API could not answer", () => {
    const o = observations({
      registry: NORID,
      registration: {
        kind: "unavailable",
        account: "default",
        reason: "ThrottlingException",
        deniedAction: undefined,
      },
      rdap: rdapRegistered({
        domain: "example.no",
        events: { registration: undefined, expiration: undefined, lastChanged: undefined },
      }),
    });
    expect(evaluate(expirySoon, hygiene({ expiryMinDays: 30 }), o)).toEqual({
      kind: "not-checked",
      reason: "no expiry date: neither Route 53 Domains nor RDAP gave one",
    });
  });

  it("is not checked for an unreadable date, quoting it", () => {
    expect(
      evaluate(expirySoon, hygiene({ expiryMinDays: 30 }), registeredWith({ expiry: "soon" })),
    ).toEqual({ kind: "not-checked", reason: 'unreadable expiry date "soon"' });
  });

  it("names the sources that gave no date, or why the registrar is unknown", () => {
    const noDates = observations({
      registration: registeredWith({ expiry: undefined }).registration,
      rdap: rdapRegistered({
        events: { registration: undefined, expiration: undefined, lastChanged: undefined },
      }),
    });
    expect(evaluate(expirySoon, hygiene({ expiryMinDays: 30 }), noDates)).toEqual({
      kind: "not-checked",
      reason: "no expiry date: neither Route 53 Domains nor RDAP gave one",
    });
    const blind = observations({
      registration: { kind: "skipped", reason: "--no-aws" },
      rdap: { kind: "unavailable", domain: "example.com", reason: "HTTP 429", url: undefined },
    });
    expect(evaluate(expirySoon, hygiene({ expiryMinDays: 30 }), blind)).toEqual({
      kind: "not-checked",
      reason: "no expiry date: registry: HTTP 429; Route 53 Domains: --no-aws",
    });
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

describe("auto-renew-disabled: what could not be read", () => {
  const required = hygiene({ autoRenew: "required" });

  it("fails naming the domain, expecting true and observing false", () => {
    const [finding] = findingsOf(
      evaluate(autoRenewDisabled, required, registeredWith({ autoRenew: false })),
    );
    expect(finding).toMatchObject({
      message: "Auto-renew is off for example.com.",
      expected: true,
      observed: false,
    });
  });

  it("is not checked, never passed, when the registration does not report the flag", () => {
    expect(evaluate(autoRenewDisabled, required, registeredWith({ autoRenew: undefined }))).toEqual(
      { kind: "not-checked", reason: "Route 53 Domains did not report AutoRenew" },
    );
  });

  it("is not checked when the intended registrar's account does not hold the domain, or could not be read", () => {
    const elsewhere = observations({ registration: { kind: "not-in-account", account: "prod" } });
    expect(evaluate(autoRenewDisabled, required, elsewhere)).toEqual({
      kind: "not-checked",
      reason: "example.com is not in the Route 53 Domains account prod",
    });
    const denied = observations({
      registration: {
        kind: "unavailable",
        account: "default",
        reason: "ExpiredToken",
        deniedAction: undefined,
      },
    });
    expect(evaluate(autoRenewDisabled, required, denied)).toEqual({
      kind: "not-checked",
      reason: "Route 53 Domains: ExpiredToken",
    });
  });

  it("does not apply where the consulted API cannot read auto-renew, naming the registrar", () => {
    const route53 = observations().registrarApi;
    const blindApi = observations({
      registrarApi: {
        ...route53,
        capabilities: { ...route53.capabilities, autoRenew: false },
      },
      registration: { kind: "not-in-account", account: "default" },
    });
    expect(evaluate(autoRenewDisabled, required, blindApi)).toEqual({
      kind: "not-applicable",
      reason:
        "auto-renew is not observable at route53 (no API adapter or account; registries do not publish it)",
    });
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

describe("transfer-lock-disabled: where the lock is read", () => {
  const required = hygiene({ transferLock: "required" });
  const fromRdap = (rdap: DomainObservations["rdap"]) =>
    observations({ registration: { kind: "not-in-account", account: "default" }, rdap });

  it("passes on Route 53 Domains' lock even when the registry shows none", () => {
    const o = observations({ rdap: rdapRegistered({ statuses: ["active"] }) });
    expect(evaluate(transferLockDisabled, required, o)).toEqual({ kind: "pass" });
  });

  it("fails on Route 53 Domains' answer with its name and the enabling command", () => {
    const [finding] = findingsOf(
      evaluate(transferLockDisabled, required, registeredWith({ transferLock: false })),
    );
    expect(finding.message).toBe(
      "example.com is not locked against transfer (according to Route 53 Domains).",
    );
    expect(finding.remediation).toBe(
      "aws route53domains enable-domain-transfer-lock --region us-east-1 --domain-name example.com",
    );
  });

  it("reads the lock from the registry when the registrar account gave none, in any spelling", () => {
    for (const status of [
      "clientTransferProhibited",
      "server transfer prohibited",
      "transfer prohibited",
      "AgentChangeLocked",
    ]) {
      const o = observations({
        registration: registeredWith({ transferLock: undefined }).registration,
        rdap: rdapRegistered({ statuses: ["active", status] }),
      });
      expect(evaluate(transferLockDisabled, required, o).kind, status).toBe("pass");
    }
  });

  it("fails on the registry's status codes with the registrar's instruction, naming the record", () => {
    const [finding] = findingsOf(
      evaluate(transferLockDisabled, required, fromRdap(rdapRegistered({ statuses: ["active"] }))),
    );
    expect(finding.message).toBe(
      "example.com is not locked against transfer (according to the registry's RDAP status codes).",
    );
    expect(finding.remediation).toBe("Enable the transfer lock for example.com at its registrar.");
  });

  it("is not checked when the record has no status codes, or more than were read", () => {
    expect(
      evaluate(transferLockDisabled, required, fromRdap(rdapRegistered({ statuses: undefined }))),
    ).toEqual({
      kind: "not-checked",
      reason: "the registry's RDAP record has no status codes, so it cannot show a transfer lock",
    });
    expect(
      evaluate(
        transferLockDisabled,
        required,
        fromRdap(rdapRegistered({ statuses: ["active"], truncated: ["status"] })),
      ),
    ).toEqual({
      kind: "not-checked",
      reason:
        "the registry's RDAP record lists more status codes than the 256 read; a lock may be among the rest",
    });
  });

  it("does not apply to an unregistered domain, nor where the registry publishes no status codes", () => {
    expect(
      evaluate(
        transferLockDisabled,
        required,
        fromRdap({ kind: "not-registered", domain: "example.com", url: "https://rdap.example/d" }),
      ),
    ).toEqual({ kind: "not-applicable", reason: "the domain is not registered" });
    const norid = observations({
      registry: NORID,
      registration: { kind: "not-in-account", account: "default" },
      rdap: rdapRegistered({ domain: "example.no", statuses: ["active"] }),
    });
    expect(evaluate(transferLockDisabled, required, norid)).toEqual({
      kind: "not-applicable",
      reason: `Norid (.no): ${NORID.unpublished.statuses}`,
    });
  });

  it("is not checked with the reason the registry was not asked (a registry that publishes nothing)", () => {
    const o = fromRdap({
      kind: "skipped",
      reason: "NIC.XX (.xx): the registry publishes no registration data",
    });
    expect(evaluate(transferLockDisabled, required, o)).toEqual({
      kind: "not-checked",
      reason: "no transfer-lock data: NIC.XX (.xx): the registry publishes no registration data",
    });
  });

  it("is not checked with the one reason there is when only the registry was asked", () => {
    const o = fromRdap({
      kind: "unavailable",
      domain: "example.com",
      reason: "HTTP 503",
      url: undefined,
    });
    expect(evaluate(transferLockDisabled, required, o)).toEqual({
      kind: "not-checked",
      reason: "no transfer-lock data: HTTP 503",
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

describe("hosted zones: messages, accounts and what could not be listed", () => {
  const denied = observations({
    hostedZones: {
      kind: "unavailable",
      account: "default",
      reason: "AccessDenied",
      deniedAction: "route53:ListHostedZones",
    },
  });
  const none = observations({ hostedZones: { kind: "none", account: "prod" } });

  it("hosted-zone-missing: names the account, and gives the command to create the zone", () => {
    const [inProd] = findingsOf(
      evaluate(hostedZoneMissing, intent({ accounts: { route53: "prod" } }), none),
    );
    expect(inProd.message).toBe(
      "There is no public Route 53 hosted zone for example.com in account prod.",
    );
    expect(inProd.remediation).toContain("aws route53 create-hosted-zone --name example.com");
    expect(findingsOf(evaluate(hostedZoneMissing, intent(), none))[0].message).toBe(
      "There is no public Route 53 hosted zone for example.com.",
    );
  });

  it("hosted-zone-missing: a pinned zone that is gone, with no zone of that name left", () => {
    const [finding] = findingsOf(
      evaluate(hostedZoneMissing, intent({ hostedZoneId: "ZOLD" }), none),
    );
    expect(finding).toMatchObject({
      message: "The pinned hosted zone ZOLD for example.com does not exist.",
      expected: "ZOLD",
      observed: "none",
    });
    expect(finding.remediation).toContain("Create the zone");
    const other = observations({
      hostedZones: { kind: "found", account: "default", zones: [zone("ZNEW", R53_NEW_SET)] },
    });
    const [moved] = findingsOf(
      evaluate(hostedZoneMissing, intent({ hostedZoneId: "ZOLD" }), other),
    );
    expect(moved.message).toContain("(zones of that name: ZNEW)");
    expect(moved.observed).toEqual(["ZNEW"]);
  });

  it("hosted-zone-missing: is not checked when the zones could not be listed; several zones are not missing", () => {
    expect(evaluate(hostedZoneMissing, intent(), denied)).toEqual({
      kind: "not-checked",
      reason: "Route 53: AccessDenied",
    });
    const two = observations({
      hostedZones: { kind: "found", account: "default", zones: [zone("ZA"), zone("ZB")] },
    });
    expect(evaluate(hostedZoneMissing, intent(), two)).toEqual({ kind: "pass" });
  });

  it("hosted-zone-duplicate: counts and names the zones, with the account and the delete command", () => {
    const dup = observations({
      hostedZones: { kind: "found", account: "default", zones: [zone("ZA"), zone("ZB")] },
    });
    const [finding] = findingsOf(evaluate(hostedZoneDuplicate, intent(), dup));
    expect(finding.message).toBe(
      "2 public hosted zones are named example.com in account default: ZA, ZB.",
    );
    expect(finding.expected).toBe(1);
    expect(finding.remediation).toContain("aws route53 delete-hosted-zone");
    expect(evaluate(hostedZoneDuplicate, intent(), none)).toEqual({ kind: "pass" });
  });

  it("hosted-zone-duplicate: not checked when the intended host's zones could not be listed, not applicable for another host", () => {
    expect(evaluate(hostedZoneDuplicate, intent(), denied)).toEqual({
      kind: "not-checked",
      reason: "Route 53: AccessDenied",
    });
    expect(evaluate(hostedZoneDuplicate, intent({ dnsHost: "hover" }), denied)).toEqual({
      kind: "not-applicable",
      reason: "the DNS host hover is not asked through an API",
    });
  });
});

describe("hosted zones: whole findings, at Route 53 and at Cloudflare", () => {
  const cloudflare = atCloudflare();
  const zonesAtCloudflare = (hostedZones: DomainObservations["hostedZones"]) =>
    observations({ ...cloudflare.apis, hostedZones });

  it("hosted-zone-missing: a missing Cloudflare zone names the Cloudflare account, and where to add the zone", () => {
    const none = zonesAtCloudflare({ kind: "none", account: "cf-main" });
    expect(findingsOf(evaluate(hostedZoneMissing, cloudflare.intent, none))).toEqual([
      {
        message: "There is no Cloudflare DNS zone for example.com in account cf-main.",
        expected: "a public hosted zone",
        observed: "none",
        remediation:
          "Add example.com as a zone at Cloudflare DNS (account cf-main), then delegate to the name servers it assigns.",
      },
    ]);
  });

  it("hosted-zone-missing: a missing pin names every zone of that name, and suggests the first", () => {
    const two = observations({
      hostedZones: { kind: "found", account: "default", zones: [zone("ZA"), zone("ZB")] },
    });
    expect(findingsOf(evaluate(hostedZoneMissing, intent({ hostedZoneId: "ZOLD" }), two))).toEqual([
      {
        message:
          "The pinned hosted zone ZOLD for example.com does not exist (zones of that name: ZA, ZB).",
        expected: "ZOLD",
        observed: ["ZA", "ZB"],
        remediation: "If the zone was re-created on purpose, pin the new one: hostedZoneId: ZA.",
      },
    ]);
  });

  it("hosted-zone-duplicate: at Cloudflare, says to delete the others there, with no AWS command", () => {
    const dup = zonesAtCloudflare({
      kind: "found",
      account: "cf-main",
      zones: [zone("cf1"), zone("cf2")],
    });
    expect(findingsOf(evaluate(hostedZoneDuplicate, cloudflare.intent, dup))).toEqual([
      {
        message: "2 public hosted zones are named example.com in account cf-main: cf1, cf2.",
        expected: 1,
        observed: ["cf1", "cf2"],
        remediation:
          "Keep the zone the delegation points at, pin it (hostedZoneId), and delete the others at Cloudflare DNS.",
      },
    ]);
  });
});

describe("transfer-lock-disabled: its whole finding", () => {
  it("expects the domain locked and observes it unlocked, with the registrar's command", () => {
    const required = hygiene({ transferLock: "required" });
    expect(
      findingsOf(evaluate(transferLockDisabled, required, registeredWith({ transferLock: false }))),
    ).toEqual([
      {
        message: "example.com is not locked against transfer (according to Route 53 Domains).",
        expected: "locked",
        observed: "unlocked",
        remediation:
          "aws route53domains enable-domain-transfer-lock --region us-east-1 --domain-name example.com",
      },
    ]);
  });
});

describe("hygiene rules: what the policy does not ask for", () => {
  it("expiry-soon and auto-renew-disabled do not apply when the policy does not ask, and say so", () => {
    expect(evaluate(expirySoon, intent(), observations())).toEqual({
      kind: "not-applicable",
      reason: "the policy sets no expiry.minDays",
    });
    expect(evaluate(autoRenewDisabled, intent(), observations())).toEqual({
      kind: "not-applicable",
      reason: "the policy does not require auto-renew",
    });
  });
});
