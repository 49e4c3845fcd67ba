import { delegationSides } from "../migration-facts.js";
import { type DomainRule, fail, notApplicable, notChecked, pass } from "../types.js";

export const migrationDnssecBreak: DomainRule = {
  id: "migration-dnssec-break",
  severity: "high",
  title: "The parent's DS would not validate at the migration's target",
  doc: "For a domain whose policy declares a DNS-host migration, while some parent server still delegates to the old host, and the parent publishes DS records: asks each of the target's servers directly for the zone's DNSKEY and validates it against today's DS. A DS that matches no key the target serves (or a target that serves no keys) makes the zone bogus for every validating resolver at the switch. Either sign the zone at the target and add its DS at the registrar before switching (keeping the old DS until the old keys are gone), or remove the DS and wait for its TTL to pass before switching.",
  evaluate({ intent, catalog, observations }) {
    const move = intent.migration?.dnsHost;
    if (move === undefined) return notApplicable("the policy declares no DNS-host migration");
    const { delegation } = observations;
    if (delegation.kind === "failed") return notChecked(`delegation: ${delegation.reason}`);
    if (delegation.kind === "not-delegated") return notApplicable("the domain is not delegated");
    const sides = delegationSides(catalog, move, observations);
    if (sides.kind === "known" && sides.side === "target")
      return notApplicable(`every parent server delegates to ${move.to} (see dnssec-bogus)`);
    if (delegation.parent.ds.length === 0) return pass;
    const target = observations.migration?.targetServers;
    if (target === undefined || target.kind === "skipped")
      return notChecked(target?.reason ?? "the target's servers were not asked");
    const broken = target.servers.flatMap((server) =>
      server.probes.flatMap((probe) => {
        const chain = probe.dnssec;
        if (chain === undefined) return [];
        if (chain.kind !== "validated") return [`${server.name} ${probe.address}: no keys`];
        return chain.verdict === "secure"
          ? []
          : [`${server.name} ${probe.address}: ${chain.reasons.join(", ") || chain.verdict}`];
      }),
    );
    const asked = target.servers.some((s) => s.probes.some((p) => p.dnssec !== undefined));
    if (!asked)
      return notChecked("no target server answered for the zone, so its keys are unknown");
    const [first, ...rest] = broken;
    if (first === undefined) return pass;
    const tags = delegation.parent.ds.map((ds) => ds.keyTag).join(", ");
    return fail({
      message: `The parent's DS for ${intent.unicode} (key tag ${tags}) matches no key ${move.to} serves: at the switch the zone would be bogus.`,
      expected: `a DNSKEY at ${move.to} matching a DS of the parent`,
      observed: [first, ...rest],
      remediation: `Before switching: sign the zone at ${move.to} and add its DS at the registrar${move.to === "route53" ? ` (aws route53 enable-hosted-zone-dnssec --hosted-zone-id <id>; aws route53 get-dnssec --hosted-zone-id <id> for the DS; aws route53domains associate-delegation-signer-to-domain --region us-east-1 --domain-name ${intent.registrableDomain} --signing-attributes Algorithm=13,Flags=257,PublicKey=<key>)` : ""}, or remove the DS at the registrar and wait for its TTL to pass.`,
    });
  },
};
