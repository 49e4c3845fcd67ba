import type { DnsHostIdentification } from "../../../catalog/types.js";
import { describeSet } from "../facts.js";
import { providerName, setNameservers } from "../remediation.js";
import {
  type DomainRule,
  fail,
  notApplicable,
  notChecked,
  pass,
  type RuleContext,
} from "../types.js";

function describeHost(context: RuleContext, host: DnsHostIdentification): string {
  switch (host.kind) {
    case "provider":
      return providerName(context.catalog, host.id);
    case "mixed":
      return host.parts
        .map(
          (part) =>
            `${part.id ? providerName(context.catalog, part.id) : "unknown servers"} (${part.nameservers.join(", ")})`,
        )
        .join(" and ");
    case "unknown":
      return "servers of no known provider";
  }
}

function remediation(context: RuleContext): string {
  const { intent, facts, catalog } = context;
  const wanted =
    facts.intendedNameservers.kind === "known" ? facts.intendedNameservers.value : undefined;
  return wanted
    ? setNameservers(intent, catalog, wanted.nameservers)
    : `Point ${intent.unicode} at the name servers ${providerName(catalog, intent.dnsHost)} assigned to its zone (at ${providerName(catalog, intent.registrar)}), or correct \`dnsHost\` in the policy.`;
}

export const dnsHostMismatch: DomainRule = {
  id: "dns-host-mismatch",
  severity: "high",
  title: "The delegation points at another DNS host than intended",
  doc: "Identifies the DNS host from the NS set the parent zone delegates to (name-server patterns of the provider catalog; Route 53 white-label servers by their addresses) and compares it with the policy's `dnsHost`. A set split between two hosts is a half-finished migration; a domain that is not delegated at all has no DNS. Point the delegation at the intended host, or correct the policy.",
  evaluate(context) {
    const { intent, facts, observations } = context;
    const { delegation } = observations;
    if (delegation.kind === "failed") return notChecked(`delegation: ${delegation.reason}`);
    const intended = providerName(context.catalog, intent.dnsHost);
    if (delegation.kind === "not-delegated") {
      if (observations.rdap.kind === "not-registered")
        return notApplicable("the domain is not registered (see domain-not-registered)");
      return fail({
        message: `${intent.unicode} is not delegated: the ${delegation.parentZone} servers ${delegation.reason === "nxdomain" ? "answer NXDOMAIN" : "have no NS records for it"}, so it has no DNS at ${intended}.`,
        expected: intent.dnsHost,
        observed: "not delegated",
        remediation: remediation(context),
      });
    }
    const host = facts.dnsHost;
    if (host?.kind === "provider" && host.id === intent.dnsHost) return pass;
    const observed = host ? describeHost(context, host) : "unknown";
    const split = host?.kind === "mixed" ? " (a half-finished migration?)" : "";
    return fail({
      message: `${intent.unicode} is delegated to ${observed}${split}, not ${intended}.`,
      expected: intent.dnsHost,
      observed: host?.kind === "provider" ? host.id : describeSet(delegation.parent.ns),
      remediation: remediation(context),
    });
  },
};
