import { ROUTE53 } from "../../../policy/architecture.js";
import { describeUnjudged, dnssecServers, zoneIdOf } from "../dnssec-facts.js";
import { type DomainRule, fail, notApplicable, notChecked, pass } from "../types.js";

export const dnssecPolicy: DomainRule = {
  id: "dnssec-policy",
  severity: "high",
  title: "DNSSEC is not as the policy says",
  doc: "With `dnssec: required`, the parent must publish a DS record and the chain must validate at every delegated server address (a broken chain is also dnssec-bogus); with `dnssec: forbidden`, the parent must publish no DS record. `optional` (the default) leaves it to the other DNSSEC rules. Sign the zone and publish its DS at the registrar, or remove the DS.",
  evaluate({ intent, observations, facts }) {
    const mode = intent.dnssec.mode;
    if (mode === "optional") return notApplicable("the policy leaves DNSSEC optional");
    const { delegation } = observations;
    if (delegation.kind === "failed") return notChecked(`delegation: ${delegation.reason}`);
    if (delegation.kind === "not-delegated") return notApplicable("the domain is not delegated");
    const ds = delegation.parent.ds;
    if (mode === "forbidden") {
      if (ds.length === 0) return pass;
      return fail({
        message: `The policy forbids DNSSEC for ${intent.unicode}, but the parent publishes ${ds.length} DS record(s) (key tags ${ds.map((d) => d.keyTag).join(", ")}).`,
        expected: "no DS record",
        observed: ds.map((d) => `DS ${d.keyTag} ${d.algorithm} ${d.digestType}`),
        remediation: !facts.isRegistrable
          ? `Remove the DS records of ${intent.unicode} from the parent zone ${delegation.parent.zone}.`
          : intent.registrar === ROUTE53
            ? `aws route53domains disassociate-delegation-signer-from-domain --region us-east-1 --domain-name ${intent.registrableDomain} --id <id> for each key listed by aws route53domains get-domain-detail --region us-east-1 --domain-name ${intent.registrableDomain} --query DnssecKeys`
            : `Remove the DS records of ${intent.unicode} at its registrar.`,
      });
    }
    if (ds.length === 0) {
      const signRoute53 =
        intent.dnsHost === ROUTE53
          ? ` For Route 53 (the KMS key: ECC_NIST_P256, in us-east-1): aws route53 create-key-signing-key --hosted-zone-id ${zoneIdOf(facts)} --name ksk1 --key-management-service-arn <kms-key-arn> --status ACTIVE --caller-reference domain-drift-$(date +%s), then aws route53 enable-hosted-zone-dnssec --hosted-zone-id ${zoneIdOf(facts)}, then publish the DS that aws route53 get-dnssec --hosted-zone-id ${zoneIdOf(facts)} shows.`
          : "";
      return fail({
        message: `The policy requires DNSSEC for ${intent.unicode}, but the parent publishes no DS record: the domain is unsigned for every resolver.`,
        expected: "a DS record and a chain that validates",
        observed: "no DS record",
        remediation: `Sign the zone at its DNS host and publish the key's DS record at the registrar.${signRoute53}`,
      });
    }
    const servers = dnssecServers(delegation);
    if (
      servers.bogus.length > 0 ||
      (servers.secure.length === 0 && servers.unjudged.length === 0)
    ) {
      return fail({
        message: `The policy requires DNSSEC for ${intent.unicode}, but its chain does not validate (${servers.bogus.length > 0 ? "broken at some servers: see dnssec-bogus" : "no DS the validator can follow"}).`,
        expected: "a chain that validates at every server",
        observed: servers.bogus.length > 0 ? "bogus" : "insecure",
        remediation:
          "Repair the chain as dnssec-bogus says, or publish a DS with a supported algorithm and digest type.",
      });
    }
    if (servers.unjudged.length > 0) {
      return notChecked(
        `not every server's chain was examined: ${describeUnjudged(servers.unjudged)}`,
      );
    }
    return pass;
  },
};
