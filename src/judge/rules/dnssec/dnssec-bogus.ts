import type { DnssecChain } from "../../../observe/dns/types.js";
import { ROUTE53 } from "../../../policy/architecture.js";
import type { DomainIntent } from "../../../policy/types.js";
import {
  describeUnjudged,
  dnssecServers,
  type JudgedServer,
  servedTags,
  where,
} from "../dnssec-facts.js";
import { type DomainRule, fail, notApplicable, notChecked, passNoting } from "../types.js";

const tags = (values: readonly number[]): string =>
  values.length === 0 ? "none" : values.join(", ");

/** What a resolver meets at this server, in a finding's words. */
function breakage(server: JudgedServer, dsTags: readonly number[]): string {
  const chain = server.chain;
  const parts: string[] = [];
  if (chain.reasons.includes("dnskey-missing")) parts.push("serves the zone unsigned (no DNSKEY)");
  if (chain.reasons.includes("ds-matches-no-key")) {
    parts.push(`serves keys ${tags(servedTags(chain))}, none matching DS ${tags(dsTags)}`);
  }
  const expired = chain.rrsets.flatMap((rrset) =>
    rrset.signatures
      .filter((s) => s.result === "expired")
      .map((s) => `${rrset.rrset} by ${s.keyTag} expired ${s.expiration}`),
  );
  if (expired.length > 0) parts.push(`expired signatures: ${expired.join(", ")}`);
  const keyless = chain.reasons.some((r) => r === "dnskey-missing" || r === "ds-matches-no-key");
  // Without a served key the DS matches, nothing is signed by one: that reason adds nothing.
  const other = chain.reasons.filter(
    (r) =>
      r !== "dnskey-missing" &&
      r !== "ds-matches-no-key" &&
      !(keyless && r === "dnskey-not-signed-by-ds-key"),
  );
  if (expired.length === 0 && other.length > 0) parts.push(other.join(", "));
  return `${where(server)} ${parts.join("; ")}`;
}

/** The likeliest story behind the breakage, for the message. */
function likelyCause(chains: readonly DnssecChain[]): string {
  const reasons = new Set(chains.flatMap((chain) => chain.reasons));
  if (reasons.has("dnskey-missing") || reasons.has("ds-matches-no-key")) {
    return "the DNS host changed or the zone was re-created while the parent kept the DS record for the old keys";
  }
  const expired = chains.some((chain) =>
    chain.rrsets.some((rrset) => rrset.signatures.some((s) => s.result === "expired")),
  );
  if (expired) return "the zone is no longer re-signed";
  return "the zone's signatures do not verify with its keys";
}

function remediation(
  intent: DomainIntent,
  parentZone: string,
  registrable: boolean,
  dsTags: readonly number[],
): string {
  const name = intent.unicode;
  // A delegated subdomain's DS records live in its parent's zone, not at a registrar.
  const holder = registrable ? "the registrar" : `the parent zone ${parentZone}`;
  const fix = `Either make every server of ${name} serve the keys the DS records point at (tags ${tags(dsTags)}), signed and current, or replace the DS records at ${holder} with ones for the keys now served, or remove them to turn DNSSEC off (resolvers cache the DS for its TTL).`;
  if (!registrable || intent.registrar !== ROUTE53) return fix;
  return `${fix} At Route 53 Domains: aws route53domains get-domain-detail --region us-east-1 --domain-name ${intent.name} --query DnssecKeys lists the DS records with their ids; aws route53domains disassociate-delegation-signer-from-domain --region us-east-1 --domain-name ${intent.name} --id <id> removes one; aws route53domains associate-delegation-signer-to-domain --region us-east-1 --domain-name ${intent.name} --signing-attributes Algorithm=<alg>,Flags=257,PublicKey=<key> adds the key now served.`;
}

export const dnssecBogus: DomainRule = {
  id: "dnssec-bogus",
  severity: "critical",
  title: "The DNSSEC chain from the parent's DS is broken: validating resolvers fail",
  doc: "Validates, at every delegated server address, the chain from the parent's DS records (RFC 4033-4035, RFC 6840): a DS digest must match a served DNSKEY, that key must sign the DNSKEY RRset, and a served key must sign the apex NS (and, with `--soa`, SOA) RRset, each signature inside its validity window. When any server breaks the chain (serves the zone unsigned, serves other keys, or serves expired or invalid signatures), every validating resolver (8.8.8.8, 1.1.1.1, most ISPs) that picks it answers SERVFAIL for the whole domain. The usual cause is a DNS host change or a re-created zone while the registry kept the DS for the old keys. A server whose DNSKEY answer could not be had or read, or was past the work bounds, leaves the check not checked, naming it. A SHA-1 DS is accepted and named in the pass. Fix the keys, or replace or remove the DS at the registrar.",
  evaluate({ intent, observations, facts }) {
    const { delegation } = observations;
    if (delegation.kind === "failed") return notChecked(`delegation: ${delegation.reason}`);
    if (delegation.kind === "not-delegated") return notApplicable("the domain is not delegated");
    const ds = delegation.parent.ds;
    if (ds.length === 0) return notApplicable("the parent publishes no DS record");
    if (delegation.dnssec === "not-asked") {
      return notChecked("the delegated servers were not asked for their keys");
    }
    const servers = dnssecServers(delegation);
    const dsTags = [...new Set(ds.map((record) => record.keyTag))];
    if (servers.bogus.length > 0) {
      const broken = servers.bogus.map((server) => breakage(server, dsTags));
      const total = servers.secure.length + servers.bogus.length + servers.insecure.length;
      return fail({
        message: `${servers.bogus.length} of ${total + servers.unjudged.length} server addresses of ${intent.unicode} break the DNSSEC chain from the parent's DS (key tags ${tags(dsTags)}): ${broken.join("; ")}. Likely cause: ${likelyCause(servers.bogus.map((s) => s.chain))}.`,
        expected: `every server signs with a key matching DS ${tags(dsTags)}`,
        observed: broken,
        remediation: remediation(intent, delegation.parent.zone, facts.isRegistrable, dsTags),
      });
    }
    if (servers.unjudged.length > 0) {
      return notChecked(
        `not every server's chain was examined: ${describeUnjudged(servers.unjudged)}`,
      );
    }
    if (servers.secure.length === 0) {
      return notChecked(
        "no server's chain could be followed from the parent's DS (unsupported algorithms or digest types)",
      );
    }
    const sha1 = servers.secure.some((s) => s.chain.warnings.some((w) => w.startsWith("sha1-ds")));
    return passNoting(
      sha1
        ? "the chain rests on a SHA-1 DS digest, which RFC 8624 deprecates: add a SHA-256 DS"
        : undefined,
    );
  },
};
