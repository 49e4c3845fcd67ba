// What the DNSSEC rules share: the parent's DS RRset and, per delegated server address, the chain
// it serves, sorted into holds / breaks / could not be judged. Pure; derived from the walker's
// observation (each probe's `dnssec`, validated by src/observe/dns/dnssec/).

import { describeServerAnswer } from "../../observe/dns/describe.js";
import type {
  DelegationObservation,
  DnssecChain,
  DsRecord,
  ServerRef,
} from "../../observe/dns/types.js";
import type { DomainIntent } from "../../policy/types.js";
import type { DomainFacts } from "./facts.js";
import { notApplicable, notChecked, type RuleVerdict } from "./types.js";

type Delegated = Extract<DelegationObservation, { kind: "delegated" }>;

/** One delegated server address whose chain was validated. */
export interface JudgedServer {
  readonly nameserver: string;
  readonly address: string;
  readonly chain: DnssecChain;
}

/** One delegated server address whose chain could not be judged, and why. */
export interface UnjudgedServer {
  readonly nameserver: string;
  readonly address: string | undefined;
  readonly reason: string;
}

export interface DnssecServers {
  /** Chains that validate from the parent's DS (`secure`). */
  readonly secure: readonly JudgedServer[];
  /** Chains a validating resolver rejects. */
  readonly bogus: readonly JudgedServer[];
  /** Chains the parent does not vouch for (`insecure`: no DS this validator can follow). */
  readonly insecure: readonly JudgedServer[];
  /** Addresses whose chain was not examined, or only in part. */
  readonly unjudged: readonly UnjudgedServer[];
}

const LIMIT_REACHED = "limit-reached";

/** A bogus verdict reached after a work bound left records unexamined says nothing for sure. */
function pastBound(chain: DnssecChain): string | undefined {
  const limits = chain.warnings.filter((warning) => warning.startsWith(LIMIT_REACHED));
  if (limits.length === 0) return undefined;
  return `the server sent more than is examined (${limits.map((w) => w.slice(LIMIT_REACHED.length + 1)).join("; ")})`;
}

/** Every delegated server address, sorted by what its DNSSEC chain shows. */
export function dnssecServers(delegation: Delegated): DnssecServers {
  const secure: JudgedServer[] = [];
  const bogus: JudgedServer[] = [];
  const insecure: JudgedServer[] = [];
  const unjudged: UnjudgedServer[] = [];
  for (const server of delegation.nameservers) {
    if (server.probes.length === 0) {
      unjudged.push({ nameserver: server.name, address: undefined, reason: "no address" });
    }
    for (const probe of server.probes) {
      const where = { nameserver: server.name, address: probe.address };
      const found = probe.dnssec;
      if (found === undefined) {
        const reason =
          probe.answer.kind === "authoritative"
            ? "not asked for DNSKEY"
            : `no authoritative NS answer (${describeServerAnswer(probe.answer)})`;
        unjudged.push({ ...where, reason });
        continue;
      }
      if (found.kind === "no-answer") {
        unjudged.push({ ...where, reason: `DNSKEY query: ${describeServerAnswer(found.answer)}` });
        continue;
      }
      if (found.kind === "unreadable") {
        unjudged.push({ ...where, reason: `unreadable reply: ${found.detail}` });
        continue;
      }
      const chain: DnssecChain = found;
      const judged = { ...where, chain };
      if (chain.verdict === "secure") secure.push(judged);
      else if (chain.verdict === "insecure") insecure.push(judged);
      else if (chain.verdict === "bogus") {
        const bound = pastBound(chain);
        if (bound === undefined) bogus.push(judged);
        else unjudged.push({ ...where, reason: bound });
      } else unjudged.push({ ...where, reason: `indeterminate: ${chain.reasons.join(", ")}` });
    }
  }
  return { secure, bogus, insecure, unjudged };
}

export const where = (server: { nameserver: string; address: string | undefined }): string =>
  server.address === undefined ? server.nameserver : `${server.nameserver} (${server.address})`;

export function describeUnjudged(servers: readonly UnjudgedServer[]): string {
  return servers.map((server) => `${where(server)}: ${server.reason}`).join("; ");
}

/** Fields of a DS record from any source; a source may leave one out. */
export interface DsFields {
  readonly keyTag: number | undefined;
  readonly algorithm: number | undefined;
  readonly digestType: number | undefined;
  readonly digest: string | undefined;
}

/** `4242/13/SHA-256`: how findings name a DS record. */
export function describeDs(ds: Omit<DsFields, "digest">): string {
  const digest =
    ds.digestType === undefined
      ? "?"
      : (DIGEST_NAMES[ds.digestType] ?? `digest type ${ds.digestType}`);
  return `${ds.keyTag ?? "?"}/${ds.algorithm ?? "?"}/${digest}`;
}

const DIGEST_NAMES: Readonly<Record<number, string>> = { 1: "SHA-1", 2: "SHA-256", 4: "SHA-384" };

/** A DS record's identity for comparing lists from different sources. */
export function dsKey(ds: DsFields): string {
  return `${ds.keyTag} ${ds.algorithm} ${ds.digestType} ${(ds.digest ?? "").toLowerCase()}`;
}

/** The key tags of the keys one server serves. */
export const servedTags = (chain: DnssecChain): number[] => chain.keys.map((key) => key.keyTag);

/** The intended hosted zone's id for a command line, or a placeholder when it is not known. */
export const zoneIdOf = (facts: DomainFacts): string =>
  facts.intendedZone.kind === "zone" ? facts.intendedZone.zone.id : "<hosted-zone-id>";

/**
 * Whether DNSSEC is in play for a domain: its policy requires or forbids it, or the parent
 * publishes DS records. Only then is the DNS host's signing worth an API call, and only then does
 * an API that cannot show DNSSEC leave a check not checked rather than not applicable.
 */
export function dnssecInPlay(intent: DomainIntent, delegation: DelegationObservation): boolean {
  if (intent.dnssec.mode !== "optional") return true;
  return delegation.kind === "delegated" && delegation.parent.ds.length > 0;
}

export const DNSSEC_NOT_IN_PLAY =
  "the parent publishes no DS record and the policy does not ask about DNSSEC";

/**
 * A DNSSEC check the consulted API cannot answer (`lacking` says why): not checked where DNSSEC
 * is in play (or the delegation, which would tell, could not be read), not applicable elsewhere.
 */
export function withoutCapability(
  lacking: string,
  intent: DomainIntent,
  delegation: DelegationObservation,
): RuleVerdict {
  if (dnssecInPlay(intent, delegation)) return notChecked(lacking);
  if (delegation.kind === "failed") return notChecked(`delegation: ${delegation.reason}`);
  return notApplicable(`${lacking}; ${DNSSEC_NOT_IN_PLAY}`);
}

/** One parent server's DS RRset, as it handed it out with its referral. */
export interface ParentDs {
  readonly server: ServerRef;
  readonly ds: readonly DsRecord[];
}

const dsSetKey = (ds: readonly DsRecord[]): string => ds.map(dsKey).sort().join("|");

/**
 * With `--all-parents`, each parent server's DS RRset when they do not all publish the same one;
 * empty when they agree or only one was asked. Parent servers that gave no delegation are
 * parent-ns-inconsistent's.
 */
export function parentDsDisagreement(delegation: Delegated): ParentDs[] {
  const views = delegation.parent.answers.flatMap(({ server, answer }) =>
    answer.kind === "delegation" ? [{ server, ds: answer.ds }] : [],
  );
  return new Set(views.map((view) => dsSetKey(view.ds))).size > 1 ? views : [];
}

/** Whether two DS RRsets hold the same records. */
export const sameDs = (a: readonly DsRecord[], b: readonly DsRecord[]): boolean =>
  dsSetKey(a) === dsSetKey(b);
