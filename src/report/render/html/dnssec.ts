// The DNSSEC chain of one domain as the HTML report draws it, from the report's observed.dnssec
// (the walker's validation, per server address): which DS leads to which served key, which key
// signs which apex RRset, and what broke. Nothing here validates anew; the rules' findings are
// only listed.
import { describeDs } from "../../../judge/rules/dnssec-facts.js";
import type { DomainReport } from "../../model/model.js";
import type { DnssecBox, DnssecServerDrawing, DnssecView } from "./page-data.js";

type ServerView = NonNullable<DomainReport["observed"]["dnssec"]>["servers"][number];
type Validated = Extract<ServerView["chain"], { kind: "validated" }>;

/** What a DS, key or RRset status means when it is not a sound one. */
const SOUND = new Set(["matched", "usable", "anchored", "valid", "not-observed"]);

const box = (label: string, status: string): DnssecBox => ({
  label,
  status,
  problem: SOUND.has(status) ? undefined : status,
});

function drawValidated(server: string, chain: Validated): DnssecServerDrawing {
  const ds = chain.ds.map((d) => box(`DS ${d.keyTag}`, d.status));
  const keys = chain.keys.map((key) =>
    box(`DNSKEY ${key.keyTag}${key.secureEntryPoint ? " (SEP)" : ""}`, key.status),
  );
  const rrsets = chain.rrsets.map((rrset) => box(rrset.rrset, rrset.status));
  const links: DnssecServerDrawing["links"][number][] = [];
  chain.ds.forEach((d, fromIndex) => {
    if (d.status !== "matched") return;
    chain.keys.forEach((key, toIndex) => {
      if (key.dsMatched && key.keyTag === d.keyTag && key.algorithm === d.algorithm) {
        links.push({ from: "ds", fromIndex, toIndex });
      }
    });
  });
  chain.keys.forEach((key, fromIndex) => {
    chain.rrsets.forEach((rrset, toIndex) => {
      if (rrset.signedBy.includes(key.keyTag)) links.push({ from: "key", fromIndex, toIndex });
    });
  });
  const broken = chain.verdict === "bogus" || chain.verdict === "indeterminate";
  return {
    server,
    verdict: chain.verdict,
    problem: broken ? chain.reasons.join(", ") || chain.verdict : undefined,
    ds,
    keys,
    rrsets,
    links,
  };
}

/** The domain's DNSSEC chain (strings already made safe to display), or undefined without one. */
export function dnssecOf(domain: DomainReport): DnssecView | undefined {
  const observed = domain.observed.dnssec;
  if (observed === undefined) return undefined;
  const servers = observed.servers.map((view): DnssecServerDrawing => {
    const server = `${view.nameserver} (${view.address})`;
    if (view.chain.kind === "validated") return drawValidated(server, view.chain);
    return {
      server,
      verdict: view.chain.kind,
      problem: view.chain.detail,
      ds: [],
      keys: [],
      rrsets: [],
      links: [],
    };
  });
  const findings = domain.findings
    .filter((f) => f.suppressed === undefined && f.rule.startsWith("dnssec-"))
    .map((f) => `${f.rule}: ${f.message}`);
  return {
    ds: observed.ds.map(describeDs),
    servers,
    findings,
  };
}
