import type { DnssecChain, DsRecord } from "../../../observe/dns/types.js";
import { ROUTE53 } from "../../../policy/architecture.js";
import type { DomainIntent } from "../../../policy/types.js";
import {
  type DnssecServers,
  describeUnjudged,
  dnssecServers,
  dsKey,
  type JudgedServer,
  type ParentDs,
  parentDsDisagreement,
  sameDs,
  servedTags,
  where,
} from "../dnssec-facts.js";
import {
  type DomainRule,
  type FindingDraft,
  fail,
  notApplicable,
  notChecked,
  passNoting,
} from "../types.js";

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

/** `a.nic.com (192.0.2.1): DS 1234, 5678`: what one parent server publishes. */
const describeParent = (view: ParentDs): string =>
  `${view.server.name} (${view.server.address}): ${view.ds.length === 0 ? "no DS" : `DS ${tags(view.ds.map((d) => d.keyTag))}`}`;

/** Parent servers whose DS RRset differs from the one the chain was validated against, sorted. */
interface OtherParents {
  /** DS records of which no examined server serves a key (same tag and algorithm). */
  readonly deadEnds: readonly ParentDs[];
  /** DS records this walk did not validate: they may or may not lead to a served key. */
  readonly unverified: readonly ParentDs[];
}

function otherParents(
  others: readonly ParentDs[],
  servers: DnssecServers,
  respondentDs: readonly DsRecord[],
): OtherParents {
  const judged = [...servers.secure, ...servers.bogus, ...servers.insecure];
  const served = new Set(
    judged.flatMap((s) => s.chain.keys.map((key) => `${key.keyTag}/${key.algorithm}`)),
  );
  // A respondent DS record that anchors the chain at every examined server validates wherever
  // it is published; the others were not followed by this walk.
  const anchoring = new Set(
    respondentDs
      .filter(
        (d) =>
          servers.bogus.length === 0 &&
          servers.insecure.length === 0 &&
          servers.secure.length > 0 &&
          servers.secure.every((s) =>
            s.chain.ds.some(
              (link) =>
                link.status === "matched" &&
                link.keyTag === d.keyTag &&
                link.algorithm === d.algorithm &&
                link.digestType === d.digestType,
            ),
          ),
      )
      .map(dsKey),
  );
  const deadEnds: ParentDs[] = [];
  const unverified: ParentDs[] = [];
  for (const view of others) {
    if (view.ds.length === 0) continue;
    if (!view.ds.some((d) => served.has(`${d.keyTag}/${d.algorithm}`))) deadEnds.push(view);
    else if (!view.ds.some((d) => anchoring.has(dsKey(d)))) unverified.push(view);
  }
  return { deadEnds, unverified };
}

function parentsDisagree(
  intent: DomainIntent,
  zone: string,
  views: readonly ParentDs[],
  deadEnds: readonly ParentDs[],
  servers: DnssecServers,
): FindingDraft {
  const judged = [...servers.secure, ...servers.bogus, ...servers.insecure];
  const served = [...new Set(judged.flatMap((s) => servedTags(s.chain)))];
  const dead = deadEnds.map((view) => `${view.server.name} (${view.server.address})`).join(", ");
  return {
    key: "parent-ds",
    message: `The ${zone} servers publish different DS records for ${intent.unicode}: ${views.map(describeParent).join("; ")}. The DS records from ${dead} match no key the servers serve (${tags(served)}): validating resolvers that ask ${deadEnds.length === 1 ? "it" : "them"} fail. Likely cause: a registry update still propagating, or a registry server serving an old copy of the zone.`,
    expected: `every ${zone} server publishes the same DS records, for keys the servers serve`,
    observed: views.map(describeParent),
    remediation: `Wait for the ${zone} servers to converge (usually minutes to hours); if ${dead} keeps publishing the old DS, contact the registrar. Until then keep the key those DS records point at served, if you still have it.`,
  };
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
  doc: "Validates, at every delegated server address, the chain from the parent's DS records (RFC 4033-4035, RFC 6840): a DS digest must match a served DNSKEY, that key must sign the DNSKEY RRset, and a served key must sign the apex NS (and, with `--soa`, SOA) RRset, each signature inside its validity window. When any server breaks the chain (serves the zone unsigned, serves other keys, or serves expired or invalid signatures), every validating resolver (8.8.8.8, 1.1.1.1, most ISPs) that picks it answers SERVFAIL for the whole domain. The usual cause is a DNS host change or a re-created zone while the registry kept the DS for the old keys. A server whose DNSKEY answer could not be had or read, or was past the work bounds, leaves the check not checked, naming it. A SHA-1 DS is accepted and named in the pass. With `--all-parents`, parent servers that publish different DS records are weighed too: one whose DS matches no served key fails the check, naming each parent server's key tags (resolvers that ask it fail); one whose DS this walk did not follow leaves it not checked. Fix the keys, or replace or remove the DS at the registrar.",
  evaluate({ intent, observations, facts }) {
    const { delegation } = observations;
    if (delegation.kind === "failed") return notChecked(`delegation: ${delegation.reason}`);
    if (delegation.kind === "not-delegated") return notApplicable("the domain is not delegated");
    const ds = delegation.parent.ds;
    // With --all-parents the parent servers may publish different DS RRsets; the chain was
    // validated against the respondent's.
    const views = parentDsDisagreement(delegation);
    const others = views.filter((view) => !sameDs(view.ds, ds));
    if (ds.length === 0 && others.every((view) => view.ds.length === 0)) {
      return notApplicable("the parent publishes no DS record");
    }
    if (delegation.dnssec === "not-asked") {
      return notChecked("the delegated servers were not asked for their keys");
    }
    const servers = dnssecServers(delegation);
    const dsTags = [...new Set(ds.map((record) => record.keyTag))];
    const { deadEnds, unverified } = otherParents(others, servers, ds);
    const findings: FindingDraft[] = [];
    if (ds.length > 0 && servers.bogus.length > 0) {
      const broken = servers.bogus.map((server) => breakage(server, dsTags));
      const total = servers.secure.length + servers.bogus.length + servers.insecure.length;
      findings.push({
        message: `${servers.bogus.length} of ${total + servers.unjudged.length} server addresses of ${intent.unicode} break the DNSSEC chain from the parent's DS (key tags ${tags(dsTags)}): ${broken.join("; ")}. Likely cause: ${likelyCause(servers.bogus.map((s) => s.chain))}.`,
        expected: `every server signs with a key matching DS ${tags(dsTags)}`,
        observed: broken,
        remediation: remediation(intent, delegation.parent.zone, facts.isRegistrable, dsTags),
      });
    }
    if (deadEnds.length > 0) {
      findings.push(parentsDisagree(intent, delegation.parent.zone, views, deadEnds, servers));
    }
    const [first, ...rest] = findings;
    if (first !== undefined) return fail(first, ...rest);
    if (servers.unjudged.length > 0) {
      return notChecked(
        `not every server's chain was examined: ${describeUnjudged(servers.unjudged)}`,
      );
    }
    if (unverified.length > 0) {
      return notChecked(
        `the ${delegation.parent.zone} servers publish different DS records (${views.map(describeParent).join("; ")}); the chain was validated against ${delegation.parent.respondent.name}'s only`,
      );
    }
    if (servers.secure.length === 0) {
      return notChecked(
        "no server's chain could be followed from the parent's DS (unsupported algorithms or digest types)",
      );
    }
    const sha1 = servers.secure.some((s) => s.chain.warnings.some((w) => w.startsWith("sha1-ds")));
    const notes = [
      sha1
        ? "the chain rests on a SHA-1 DS digest, which RFC 8624 deprecates: add a SHA-256 DS"
        : "",
      views.length > 0
        ? `the ${delegation.parent.zone} servers publish different DS records (${views.map(describeParent).join("; ")}): each leads to a served key, or to no DNSSEC`
        : "",
    ].filter((note) => note !== "");
    return passNoting(notes.length === 0 ? undefined : notes.join("; "));
  },
};
