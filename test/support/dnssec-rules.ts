// Builders for the DNSSEC rules' tests: a validated chain as one server address serves it, a
// signed delegation whose servers serve given chains, and what several parent servers publish
// (`--all-parents`). These build data, not behaviour: the rules under test are the real ones.
import type {
  DelegationObservation,
  DnssecChain,
  DnssecKeyLink,
  DnssecProbe,
  DnssecRrsetLink,
  DnssecRrsetName,
  DnssecSignatureLink,
  DsRecord,
  ServerRef,
} from "../../src/observe/dns/types.js";
import { delegated, NOW, nameserver } from "./observations.js";

/** The parent's DS record, for the key every default chain serves (tag 4242, ECDSA P-256). */
export const DS: DsRecord = { keyTag: 4242, algorithm: 13, digestType: 2, digest: "ab".repeat(32) };

/** A DS record for an old key no default chain serves. */
export const OLD_DS: DsRecord = {
  keyTag: 1111,
  algorithm: 13,
  digestType: 2,
  digest: "cd".repeat(32),
};

/** The delegated servers' names, one a probe given to `signed` (two by default). */
export const serverName = (index: number): string => `ns${index + 1}.host.example`;
export const SERVERS = [serverName(0), serverName(1)];
/** How findings name the first two servers `signed` builds, at their one address. */
export const NS1 = "ns1.host.example (198.51.100.241)";
export const NS2 = "ns2.host.example (198.51.100.82)";

/** A chain that validates from DS 4242, with `overrides`. */
export function chain(overrides: Partial<DnssecChain> = {}): DnssecProbe {
  return {
    kind: "validated",
    verdict: "secure",
    reasons: [],
    ds: [{ keyTag: 4242, algorithm: 13, digestType: 2, status: "matched" }],
    keys: [
      {
        keyTag: 4242,
        algorithm: 13,
        flags: 257,
        secureEntryPoint: true,
        revoked: false,
        dsMatched: true,
        status: "usable",
      },
    ],
    rrsets: [],
    earliestExpiration: { rrset: "DNSKEY", at: "2027-01-30T00:00:00.000Z" },
    warnings: [],
    validatedAt: NOW.toISOString(),
    ...overrides,
  };
}

/** A key-signing key a chain serves (ECDSA P-256 by default), matched by no DS. */
export const key = (keyTag: number, algorithm = 13): DnssecKeyLink => ({
  keyTag,
  algorithm,
  flags: 257,
  secureEntryPoint: true,
  revoked: false,
  dsMatched: false,
  status: "usable",
});

/** A chain a validating resolver rejects, for `reasons`. */
export const bogus = (
  reasons: readonly string[],
  overrides: Partial<DnssecChain> = {},
): DnssecProbe => chain({ verdict: "bogus", reasons, earliestExpiration: null, ...overrides });

/** An RRSIG by `keyTag` (ECDSA P-256) as the validator judged it: `result`, expiring at `expiration`. */
export const rrsig = (result: string, expiration: string, keyTag = 4242): DnssecSignatureLink => ({
  keyTag,
  algorithm: 13,
  result,
  expiration,
});

/** An apex RRset none of whose `signatures` holds. */
export const badlySigned = (
  rrset: DnssecRrsetName,
  ...signatures: DnssecSignatureLink[]
): DnssecRrsetLink => ({ rrset, status: "bogus", signedBy: [], signatures });

/** A server that did not answer the DNSKEY query. */
export const TIMEOUT: DnssecProbe = { kind: "no-answer", answer: { kind: "timeout" } };

/**
 * A delegation signed with DS 4242 whose servers (ns1.host.example, ns2..., one per probe) serve
 * the given chains; an undefined probe is a server that was not asked for its keys.
 */
export function signed(...probes: readonly (DnssecProbe | undefined)[]): DelegationObservation {
  const names = probes.map((_, i) => serverName(i));
  const base = delegated(
    names,
    names.map((name) => nameserver(name, { kind: "authoritative", ns: names })),
  );
  if (base.kind !== "delegated") throw new Error("fixture");
  return {
    ...base,
    dnssec: "asked",
    parent: { ...base.parent, ds: [DS] },
    nameservers: base.nameservers.map((server, i) => ({
      ...server,
      probes: server.probes.map((probe) => {
        const dnssec = probes[i];
        return dnssec === undefined ? probe : { ...probe, dnssec };
      }),
    })),
  };
}

/** The com servers asked with `--all-parents`: a.nic.com answered the walk, the others after. */
export const PARENT_SERVERS: readonly ServerRef[] = [
  { name: "a.nic.com", address: "192.0.2.1" },
  { name: "b.nic.com", address: "192.0.2.2" },
  { name: "c.nic.com", address: "192.0.2.3" },
];

/**
 * `delegation` as the parent servers answered it with `--all-parents`: the respondent a.nic.com
 * with `respondent` (the DS the chain was validated against), the next ones with `others`.
 */
export function parentsPublishing(
  delegation: DelegationObservation,
  respondent: readonly DsRecord[],
  ...others: readonly (readonly DsRecord[])[]
): DelegationObservation {
  if (delegation.kind !== "delegated") throw new Error("fixture");
  const ns = delegation.parent.ns;
  const [first, ...rest] = PARENT_SERVERS as [ServerRef, ...ServerRef[]];
  const answer = (ds: readonly DsRecord[]) => ({ kind: "delegation" as const, ns, ds });
  return {
    ...delegation,
    parent: {
      ...delegation.parent,
      ds: respondent,
      respondent: first,
      servers: PARENT_SERVERS.slice(0, others.length + 1),
      answers: [
        { server: first, answer: answer(respondent) },
        ...others.map((ds, i) => ({ server: rest[i] as ServerRef, answer: answer(ds) })),
      ],
    },
  };
}
