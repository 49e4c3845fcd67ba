import { daysUntil } from "../days.js";
import { registryRecord, unpublishedReason } from "../facts.js";
import { type DomainRule, fail, notApplicable, notChecked, pass } from "../types.js";

export const expirySoon: DomainRule = {
  id: "expiry-soon",
  severity: "high",
  title: "The registration expires sooner than the policy allows",
  doc: "Reads the expiry date from the registrar account whose API is asked (Route 53 Domains, Cloudflare Registrar), else from the registry's RDAP expiration event (or the registrar's `registrar expiration`) or WHOIS expiry date; not applicable where the registry never publishes one (the capability table says which), and compares the days left with the policy's `expiry.minDays`. An expired domain is critical: it can be lost to anyone. Renew the domain (and switch auto-renew on).",
  evaluate({ intent, facts, observations, now }) {
    const minDays = intent.hygiene.expiryMinDays;
    if (minDays === undefined) return notApplicable("the policy sets no expiry.minDays");
    const { registration, rdap } = observations;
    const expiry =
      (registration.kind === "registered" ? registration.detail.expiry : undefined) ??
      (rdap.kind === "registered" ? rdap.events.expiration : undefined);
    if (expiry === undefined) {
      if (rdap.kind === "not-registered") return notApplicable("the domain is not registered");
      if (
        rdap.kind === "registered" &&
        rdap.protocol === "rdap" &&
        rdap.truncated.includes("events")
      ) {
        return notChecked(
          `${registryRecord(observations)} lists more events than the 256 read, and no expiration among them`,
        );
      }
      const unpublished = unpublishedReason(intent, observations, "expiry");
      if (unpublished !== undefined) return notApplicable(unpublished);
      return notChecked(
        `no expiry date: ${facts.registrar.kind === "unknown" ? facts.registrar.reason : `neither ${observations.registrarApi.service} nor RDAP gave one`}`,
      );
    }
    const expiresAt = Date.parse(expiry);
    if (Number.isNaN(expiresAt))
      return notChecked(`unreadable expiry date ${JSON.stringify(expiry)}`);
    const daysLeft = daysUntil(expiresAt, now);
    if (daysLeft >= minDays) return pass;
    const name = intent.registrableDomain;
    return fail({
      message:
        daysLeft < 0
          ? `${name} expired ${-daysLeft} day(s) ago (${expiry}).`
          : `${name} expires in ${daysLeft} day(s) (${expiry}); the policy requires at least ${minDays}.`,
      expected: `>= ${minDays} days`,
      observed: `${daysLeft} days (${expiry})`,
      remediation: `Renew ${name} now${registration.kind === "registered" && observations.registrarApi.provider === "route53" ? ` (aws route53domains renew-domain --region us-east-1 --domain-name ${name} --duration-in-years 1 --current-expiry-year ${new Date(expiresAt).getUTCFullYear()})` : " at its registrar"}, and make sure auto-renew is on.`,
      ...(daysLeft < 0 ? { severity: "critical" as const } : {}),
    });
  },
};
