// DNSSEC end to end: zones really signed with ldns-signzone in the set-up, served by real NSD, the
// parent publishing DS records computed with ldns-key2ds; Route 53 (GetDNSSEC) and Route 53
// Domains (DnssecKeys) from the AWS emulator through the real SDK. Each domain is observed as the
// pipeline observes it (observeDomain) and judged by every rule (judgeDomain): each broken state
// yields exactly its DNSSEC rule, and a good chain none.

import { execFileSync } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCatalog } from "../../src/catalog/catalog.js";
import { runCheck } from "../../src/check/check.js";
import { observeDomain } from "../../src/check/observe-domain.js";
import { judgeDomain } from "../../src/judge/judge.js";
import { waiverBook } from "../../src/judge/waivers.js";
import { ds, ns, zone } from "../../src/lab/dns-records.js";
import type { LabWorldBuilder } from "../../src/lab/dns-world.js";
import { internetWorld, type SimulatedDomain } from "../../src/lab/internet.js";
import type { DsData, Zone, ZoneRecord } from "../../src/lab/zone.js";
import type { DelegationWalker } from "../../src/observe/dns/index.js";
import { formatTrace } from "../../src/observe/dns/trace-text.js";
import type { AwsObserver } from "../../src/observe/providers/route53/index.js";
import { route53Provider } from "../../src/observe/providers/route53/provider.js";
import { parsePolicySources } from "../../src/policy/load.js";
import type { DnssecMode, DomainIntent } from "../../src/policy/types.js";
import type { DomainReport } from "../../src/report/model/model.js";
import { renderJson } from "../../src/report/render/json.js";
import { renderText } from "../../src/report/render/text.js";
import reportSchema from "../../src/schemas/report-v1.schema.json" with { type: "json" };
import { toolsMissingReason } from "../dnssec/support/signing-tools.js";
import { useAwsLab, useEnvironmentCredentials } from "../observe/providers/route53/aws-lab.js";
import { delegated, labWalker } from "../support/lab-walker.js";
import { type NsdTree, nsdUnavailableReason, startNsdTree, zoneFileKey } from "../support/nsd.js";
import { intent } from "../support/observations.js";
import { missingTool } from "../support/tools.js";
import { withRecords, withSecondServer } from "../support/world-edits.js";
import {
  type SigningKey,
  type SigningWindow,
  ZoneSigner,
  zoneSigningUnavailableReason,
} from "../support/zone-signing.js";

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;
const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
addFormats(ajv, ["date", "date-time"]);
const validateReport = ajv.compile(reportSchema);

/**
 * The cases Zonemaster's DNSSEC module also judges: whether dnssec-bogus fails, and the Zonemaster
 * ERROR that must then be among its messages (it reports none for a good chain). The one recorded
 * difference is a SHA-1 DS: Zonemaster's default profile makes DS01_DS_ALGO_DEPRECATED an ERROR
 * (RFC 8624: MUST NOT publish), while validating resolvers still accept it, so domain-drift passes
 * with a note, as the issue asks (SHA-1 accepted with a warning).
 */
const ZONEMASTER_CASES: Readonly<Record<string, { bogus: boolean; errors: readonly string[] }>> = {
  "alg8.com": { bogus: false, errors: [] },
  "alg13.com": { bogus: false, errors: [] },
  "alg15.com": { bogus: false, errors: [] },
  "moved.com": { bogus: true, errors: ["DS02_NO_VALID_DNSKEY_FOR_ANY_DS"] },
  "unsigned.com": { bogus: true, errors: ["DS11_DS_BUT_UNSIGNED_ZONE"] },
  "expired.com": { bogus: true, errors: ["DS08_DNSKEY_RRSIG_EXPIRED"] },
  "stale.com": { bogus: true, errors: ["DS02_NO_VALID_DNSKEY_FOR_ANY_DS"] },
  "sha1.com": { bogus: false, errors: ["DS01_DS_ALGO_DEPRECATED"] },
};

const zonemasterMissing = missingTool(
  "interop: DNSSEC agreement with Zonemaster",
  toolsMissingReason(["zonemaster-cli"], "Debian: apt-get install zonemaster-cli"),
);

/**
 * Zonemaster's DNSSEC module on `domain` as an undelegated test (the servers and DS given, as
 * the walk saw them; the lab's root hints for anything else): the tags of its ERROR and CRITICAL
 * messages.
 */
function zonemasterErrors(
  domain: string,
  servers: readonly string[],
  ds: readonly DsData[],
  hints: string,
): string[] {
  const args = [
    "--json",
    "--raw",
    "--no-ipv6",
    "--level",
    "ERROR",
    "--test",
    "DNSSEC",
    "--hints",
    hints,
    ...servers.flatMap((server) => ["--ns", server]),
    ...ds.flatMap((d) => ["--ds", `${d.keyTag},${d.algorithm},${d.digestType},${d.digest}`]),
    domain,
  ];
  const output = execFileSync("zonemaster-cli", args, { encoding: "utf8", timeout: 120_000 });
  const messages = JSON.parse(output) as { level: string; tag: string }[];
  return messages.filter((m) => m.level === "ERROR" || m.level === "CRITICAL").map((m) => m.tag);
}

/**
 * The same cases as DNSViz judges them (`dnsviz probe` then `dnsviz grok`): the status of the
 * delegation (SECURE, BOGUS, INSECURE) and the error and warning codes that must be among its
 * findings (none at all where `codes` is empty). dnssec-bogus fails exactly where DNSViz calls the
 * delegation BOGUS or reports NO_SEP (no valid RRSIG by a key a DS points at, from some server).
 * The one recorded difference is a server serving old keys (stale.com): DNSViz's status sums up
 * every server and stays SECURE because a resolver that reaches a good server succeeds, while its
 * errors name the server without a secure entry point (NO_SEP, DNSKEY_MISSING_FROM_SERVERS);
 * domain-drift fails the chain, since resolvers that ask that server fail. A lone SHA-1 DS agrees:
 * SECURE with the warning DIGEST_ALGORITHM_PROHIBITED, a pass with a note here.
 */
const DNSVIZ_CASES: Readonly<
  Record<string, { bogus: boolean; status: string; codes: readonly string[] }>
> = {
  "alg8.com": { bogus: false, status: "SECURE", codes: [] },
  "alg13.com": { bogus: false, status: "SECURE", codes: [] },
  "alg15.com": { bogus: false, status: "SECURE", codes: [] },
  "moved.com": { bogus: true, status: "BOGUS", codes: ["NO_SEP"] },
  "unsigned.com": { bogus: true, status: "BOGUS", codes: ["NO_SEP"] },
  "expired.com": { bogus: true, status: "BOGUS", codes: ["NO_SEP", "EXPIRATION_IN_PAST"] },
  "stale.com": {
    bogus: true,
    status: "SECURE",
    codes: ["NO_SEP", "DNSKEY_MISSING_FROM_SERVERS"],
  },
  "sha1.com": { bogus: false, status: "SECURE", codes: ["DIGEST_ALGORITHM_PROHIBITED"] },
  "nods.com": { bogus: false, status: "INSECURE", codes: [] },
};

const dnsvizMissing = missingTool(
  "interop: DNSSEC agreement with DNSViz",
  toolsMissingReason(["dnsviz", "named"], "Debian: apt-get install dnsviz bind9"),
);

interface DnsvizDelegation {
  readonly servers: readonly string[];
  readonly ds: readonly DsData[];
}

/**
 * DNSViz's verdict on each domain, offline. `-N`/`-D` give the delegation and DS as the walk saw
 * them: dnsviz serves them from a `com` zone of its own through a private `named` on the IPv6 (or
 * IPv4) loopback, port 50053, so the lab's signed-with-placeholders `com` is not judged. `-a com`
 * stops the ancestry there, and `-x .:` points dnsviz's resolver at the lab's root instead of the
 * real root hints it would otherwise use to look names up. Its probe transport allows loopback
 * servers; grok needs `-P` to accept them. strace showed only loopback traffic (dnsviz merely
 * connects an unsent UDP socket to a real root address to learn its own source address).
 */
function dnsvizVerdicts(
  delegations: ReadonlyMap<string, DnsvizDelegation>,
  root: string,
): Map<string, { status: string; codes: Set<string> }> {
  const args = ["probe", "-A", "-a", "com", "-x", `.:a.root-servers.net=${root}`];
  for (const [domain, { servers, ds }] of delegations) {
    args.push("-N", `${domain}:${servers.join(",")}`);
    for (const d of ds) {
      args.push("-D", `${domain}:${d.keyTag} ${d.algorithm} ${d.digestType} ${d.digest}`);
    }
  }
  args.push(...delegations.keys());
  // stderr (its progress lines) is kept out of the test output; a failure still carries it.
  const quiet = { encoding: "utf8", stdio: "pipe" } as const;
  const probe = execFileSync("dnsviz", args, { ...quiet, timeout: 240_000 });
  const grok = execFileSync("dnsviz", ["grok", "-P"], { ...quiet, input: probe, timeout: 120_000 });
  const analysis = JSON.parse(grok) as Record<string, { delegation?: { status?: string } }>;
  const verdicts = new Map<string, { status: string; codes: Set<string> }>();
  for (const domain of delegations.keys()) {
    const name = analysis[`${domain}.`];
    verdicts.set(domain, {
      status: name?.delegation?.status ?? "none",
      codes: findingCodes(name),
    });
  }
  return verdicts;
}

/** Every error and warning code anywhere in grok's analysis of one name. */
function findingCodes(node: unknown, codes = new Set<string>()): Set<string> {
  if (Array.isArray(node)) {
    for (const item of node) findingCodes(item, codes);
  } else if (typeof node === "object" && node !== null) {
    for (const [key, value] of Object.entries(node)) {
      if ((key === "errors" || key === "warnings") && Array.isArray(value)) {
        for (const finding of value as { code?: unknown }[]) {
          if (typeof finding.code === "string") codes.add(finding.code);
        }
      } else {
        findingCodes(value, codes);
      }
    }
  }
  return codes;
}

const signedZonesMissing = missingTool(
  "interop: DNSSEC against NSD with signed zones",
  nsdUnavailableReason() ?? zoneSigningUnavailableReason(),
);

const DAY = 86_400;
const NOW_S = Math.floor(Date.now() / 1000);
const CURRENT: SigningWindow = { inception: NOW_S - DAY, expiration: NOW_S + 30 * DAY };
const EXPIRED: SigningWindow = { inception: NOW_S - 30 * DAY, expiration: NOW_S - DAY };
const EXPIRING: SigningWindow = { inception: NOW_S - DAY, expiration: NOW_S + 3 * DAY };

const TWO = ["ns1.provider.net", "ns2.provider.net"];
const FOUR = ["ns1.provider.net", "ns2.provider.net", "ns3.provider.net", "ns4.provider.net"];

/** A good chain for every algorithm ldns signs with that the issue names (RFC 8624 MUST/RECOMMENDED). */
const ALGORITHMS = [
  ["alg8.com", "RSASHA256"],
  ["alg10.com", "RSASHA512"],
  ["alg13.com", "ECDSAP256SHA256"],
  ["alg14.com", "ECDSAP384SHA384"],
  ["alg15.com", "ED25519"],
  ["alg16.com", "ED448"],
] as const;

interface Case {
  readonly domain: string;
  readonly delegation: readonly string[];
  /** DNSSEC rules expected to fail, sorted. */
  readonly expected: readonly string[];
  readonly dnssec?: DnssecMode;
}

const CASES: readonly Case[] = [
  ...ALGORITHMS.map(([domain]) => ({ domain, delegation: TWO, expected: [] })),
  // 4096-bit RSA keys: the DNSKEY answer is over the 1232-byte EDNS buffer, so it comes over TCP.
  { domain: "big.com", delegation: TWO, expected: [] },
  // The DNS host changed: the zone is signed with a new key, the parent keeps the old key's DS.
  { domain: "moved.com", delegation: TWO, expected: ["dnssec-bogus"] },
  // DS at the parent, zone served unsigned.
  { domain: "unsigned.com", delegation: TWO, expected: ["dnssec-bogus"] },
  { domain: "expired.com", delegation: TWO, expected: ["dnssec-bogus"] },
  // One of four servers still serves the zone signed with the old keys.
  { domain: "stale.com", delegation: FOUR, expected: ["dnssec-bogus"] },
  { domain: "expiring.com", delegation: TWO, expected: ["dnssec-signature-expiring"] },
  // Signed, but no DS at the parent: fine where DNSSEC is optional, a policy breach where required.
  { domain: "nods.com", delegation: TWO, expected: [] },
  { domain: "nods.com", delegation: TWO, expected: ["dnssec-policy"], dnssec: "required" },
  { domain: "alg13.com", delegation: TWO, expected: ["dnssec-policy"], dnssec: "forbidden" },
  { domain: "alg13.com", delegation: TWO, expected: [], dnssec: "required" },
  // Only a SHA-1 DS: accepted, named in the pass.
  { domain: "sha1.com", delegation: TWO, expected: [] },
  // Route 53 (GetDNSSEC) and Route 53 Domains (DnssecKeys), consistent and not.
  { domain: "r53-ok.com", delegation: TWO, expected: [] },
  // GetDNSSEC is asked without DS only when the policy speaks of DNSSEC: here it forbids it.
  {
    domain: "r53-no-ds.com",
    delegation: TWO,
    expected: ["dnssec-signing-inconsistent"],
    dnssec: "forbidden",
  },
  { domain: "r53-action-needed.com", delegation: TWO, expected: ["dnssec-signing-inconsistent"] },
  { domain: "r53-not-signing.com", delegation: TWO, expected: ["dnssec-signing-inconsistent"] },
  { domain: "r53-registrar.com", delegation: TWO, expected: ["dnssec-registrar-mismatch"] },
];

const DNSSEC_RULES = [
  "dnssec-bogus",
  "dnssec-registrar-mismatch",
  "dnssec-signing-inconsistent",
  "dnssec-signature-expiring",
  "dnssec-policy",
];

/** The zone as internetWorld builds it for out-of-bailiwick servers: SOA and apex NS. */
const plainZone = (domain: string, servers: readonly string[]): Zone =>
  zone(
    domain,
    servers.map((server) => ns(domain, server)),
  );

interface SignedWorld {
  readonly build: LabWorldBuilder;
  readonly zoneFiles: Map<string, string>;
  /** Route 53's view of the r53-* zones' keys, for the emulator. */
  readonly route53Keys: Map<string, { key: SigningKey; ds: DsData; publicKey: string }>;
  /** The key tag of stale.com's DS (the new keys). */
  readonly staleDsTag: number;
  /** split.com's DS at a.nic.com (the keys served) and at b.nic.com (old keys), by key tag. */
  readonly splitDsTags: { readonly current: number; readonly old: number };
}

function signedWorld(signer: ZoneSigner): SignedWorld {
  const zoneFiles = new Map<string, string>();
  const parentDs: ZoneRecord[] = [];
  const route53Keys = new Map<string, { key: SigningKey; ds: DsData; publicKey: string }>();
  const domains: SimulatedDomain[] = [];
  let staleDsTag = 0;

  /** Serves `domain` signed on `servers` (default: all of its delegation). */
  const serve = (
    domain: string,
    delegation: readonly string[],
    text: string,
    servers = delegation,
  ) => {
    for (const server of servers) zoneFiles.set(zoneFileKey(server, domain), text);
  };
  const keyPair = (domain: string, algorithm = "ECDSAP256SHA256") => ({
    ksk: signer.key(domain, algorithm, true),
    zsk: signer.key(domain, algorithm, false),
  });
  const signedWith = (domain: string, delegation: readonly string[], window = CURRENT) => {
    const keys = keyPair(domain);
    return { keys, text: signer.sign(plainZone(domain, delegation), [keys.ksk, keys.zsk], window) };
  };
  const publish = (domain: string, record: DsData) => parentDs.push(ds(domain, record));

  for (const [domain, algorithm] of ALGORITHMS) {
    const keys = keyPair(domain, algorithm);
    serve(domain, TWO, signer.sign(plainZone(domain, TWO), [keys.ksk, keys.zsk], CURRENT));
    publish(domain, signer.ds(keys.ksk, 2));
  }
  {
    const ksk = signer.key("big.com", "RSASHA256", true, 4096);
    const zsk = signer.key("big.com", "RSASHA256", false, 4096);
    serve("big.com", TWO, signer.sign(plainZone("big.com", TWO), [ksk, zsk], CURRENT));
    publish("big.com", signer.ds(ksk, 2));
  }
  {
    const old = keyPair("moved.com");
    const now = signedWith("moved.com", TWO);
    serve("moved.com", TWO, now.text);
    publish("moved.com", signer.ds(old.ksk, 2));
  }
  publish("unsigned.com", signer.ds(keyPair("unsigned.com").ksk, 2));
  for (const [domain, window] of [
    ["expired.com", EXPIRED],
    ["expiring.com", EXPIRING],
  ] as const) {
    const signed = signedWith(domain, TWO, window);
    serve(domain, TWO, signed.text);
    publish(domain, signer.ds(signed.keys.ksk, 2));
  }
  {
    const old = signedWith("stale.com", FOUR);
    const now = signedWith("stale.com", FOUR);
    serve("stale.com", FOUR, now.text, FOUR.slice(0, 3));
    serve("stale.com", FOUR, old.text, FOUR.slice(3));
    publish("stale.com", signer.ds(now.keys.ksk, 2));
    staleDsTag = now.keys.ksk.tag;
  }
  serve("nods.com", TWO, signedWith("nods.com", TWO).text);
  // Served with new keys; a.nic.com publishes their DS, b.nic.com still the old keys' DS.
  const split = signedWith("split.com", TWO);
  const splitOld = signer.ds(keyPair("split.com").ksk, 2);
  serve("split.com", TWO, split.text);
  publish("split.com", signer.ds(split.keys.ksk, 2));
  {
    const signed = signedWith("sha1.com", TWO);
    serve("sha1.com", TWO, signed.text);
    publish("sha1.com", signer.ds(signed.keys.ksk, 1));
  }
  for (const domain of [
    "r53-ok.com",
    "r53-no-ds.com",
    "r53-action-needed.com",
    "r53-not-signing.com",
    "r53-registrar.com",
  ]) {
    const signed = signedWith(domain, TWO);
    serve(domain, TWO, signed.text);
    const record = signer.ds(signed.keys.ksk, 2);
    route53Keys.set(domain, {
      key: signed.keys.ksk,
      ds: record,
      publicKey: signer.publicKey(signed.keys.ksk),
    });
    if (domain !== "r53-no-ds.com") publish(domain, record);
  }

  const names = [...new Set([...CASES.map((c) => c.domain), "split.com"])];
  for (const name of names) {
    const delegation = CASES.find((c) => c.domain === name)?.delegation ?? TWO;
    domains.push({ name, delegation });
  }
  const build = withSecondServer(
    withRecords(internetWorld({ domains }), "com", parentDs),
    "com",
    "b.nic.com",
    (records) => [
      ...records.filter((record) => !(record.type === "DS" && record.name === "split.com")),
      ds("split.com", splitOld),
    ],
  );
  return {
    build,
    zoneFiles,
    route53Keys,
    staleDsTag,
    splitDsTags: { current: split.keys.ksk.tag, old: splitOld.keyTag },
  };
}

describe.skipIf(signedZonesMissing)("interop: DNSSEC against NSD with signed zones", () => {
  const aws = useAwsLab();
  let signer: ZoneSigner;
  let tree: NsdTree;
  let walker: DelegationWalker;
  let observer: AwsObserver;
  let world: SignedWorld;

  beforeAll(async () => {
    signer = new ZoneSigner();
    world = signedWorld(signer);
    tree = await startNsdTree(world.build, { signedZones: ["com"], zoneFiles: world.zoneFiles });
    walker = labWalker(tree, { timeoutMs: 2000 });
  }, 120_000);

  afterAll(async () => {
    await walker?.close();
    await tree?.close();
    signer?.remove();
  });

  /** Route 53's account: a hosted zone per r53-* domain and its registration, in each state. */
  function route53Account(): void {
    const { account, key } = aws.account();
    useEnvironmentCredentials(key);
    const ksk = (domain: string, status = "ACTIVE") => {
      const found = world.route53Keys.get(domain);
      if (found === undefined) throw new Error(domain);
      return {
        name: `ksk-${domain}`,
        status,
        keyTag: found.key.tag,
        digest: found.ds.digest,
        publicKey: found.publicKey,
      };
    };
    const zoneOf = (name: string, serveSignature: string, status?: string) =>
      account.addHostedZone({
        name,
        nameServers: TWO,
        dnssec: { serveSignature, keySigningKeys: [ksk(name, status)] },
      });
    zoneOf("r53-ok.com", "SIGNING");
    zoneOf("r53-no-ds.com", "SIGNING");
    zoneOf("r53-action-needed.com", "SIGNING", "ACTION_NEEDED");
    zoneOf("r53-not-signing.com", "NOT_SIGNING", "INACTIVE");
    zoneOf("r53-registrar.com", "SIGNING");
    const registered = (name: string, keys: readonly DsData[]) =>
      account.registerDomain({ name, nameservers: TWO, dnssecKeys: keys });
    const dsOf = (domain: string) => world.route53Keys.get(domain)?.ds as DsData;
    registered("r53-ok.com", [dsOf("r53-ok.com")]);
    // The registrar still lists a key of another zone: it never reached the registry.
    registered("r53-registrar.com", [dsOf("r53-registrar.com"), dsOf("r53-ok.com")]);
    observer = aws.observer();
  }

  async function judge(
    domain: string,
    dnssec: DnssecMode = "optional",
    delegation: DelegationWalker = walker,
  ): Promise<DomainReport> {
    if (observer === undefined) route53Account();
    const domainIntent: DomainIntent = intent({
      name: domain,
      unicode: domain,
      dnssec: { mode: dnssec, signatureMinDays: 7 },
    });
    const observations = await observeDomain(domainIntent, {
      delegation,
      rdap: { kind: "skipped", reason: "not under test" },
      providers: new Map([["route53", { kind: "enabled", source: route53Provider(observer) }]]),
    });
    return judgeDomain(domainIntent, observations, buildCatalog([]), waiverBook([]), new Date());
  }

  const dnssecFailures = (report: DomainReport) =>
    report.checks
      .filter((c) => DNSSEC_RULES.includes(c.name) && c.status === "fail")
      .map((c) => c.name)
      .sort();

  it.each(CASES.map((c) => [`${c.domain}${c.dnssec ? ` (${c.dnssec})` : ""}`, c] as const))(
    "%s yields exactly its DNSSEC rule",
    async (_, c) => {
      const report = await judge(c.domain, c.dnssec);
      expect(dnssecFailures(report), JSON.stringify(report.findings, null, 2)).toEqual(c.expected);
      // Nothing the DNSSEC rules needed went unobserved: no not-checked among them.
      const unchecked = report.checks.filter(
        (check) => DNSSEC_RULES.includes(check.name) && check.status === "not-checked",
      );
      expect(unchecked).toEqual([]);
    },
    60_000,
  );

  it("a good chain for each algorithm validates at every server, key tags linked DS → DNSKEY → RRSIG", async () => {
    for (const [domain] of ALGORITHMS) {
      const observation = delegated(await walker.walk(domain));
      const [ds] = observation.parent.ds;
      for (const server of observation.nameservers) {
        for (const probe of server.probes) {
          expect(probe.dnssec, `${domain} ${server.name}`).toMatchObject({
            kind: "validated",
            verdict: "secure",
          });
          if (probe.dnssec?.kind !== "validated") continue;
          const anchor = probe.dnssec.keys.find((key) => key.dsMatched);
          expect(anchor?.keyTag).toBe(ds?.keyTag);
          expect(probe.dnssec.rrsets.find((r) => r.rrset === "DNSKEY")?.signedBy).toContain(
            ds?.keyTag,
          );
        }
      }
    }
  });

  it("the broken cases name servers, key tags and the likely cause", async () => {
    const moved = await judge("moved.com");
    const finding = moved.findings.find((f) => f.rule === "dnssec-bogus");
    expect(finding?.message).toContain("none matching DS");
    expect(finding?.message).toContain("DNS host changed or the zone was re-created");
    const stale = await judge("stale.com");
    const staleFinding = stale.findings.find((f) => f.rule === "dnssec-bogus");
    expect(staleFinding?.message).toMatch(/^1 of 4 server addresses/);
    expect(staleFinding?.message).toContain("ns4.provider.net");
    const expired = await judge("expired.com");
    expect(expired.findings.find((f) => f.rule === "dnssec-bogus")?.message).toContain(
      "expired signatures",
    );
    const unsigned = await judge("unsigned.com");
    expect(unsigned.findings.find((f) => f.rule === "dnssec-bogus")?.message).toContain(
      "unsigned (no DNSKEY)",
    );
  });

  it("--all-parents: a parent server still publishing the old keys' DS is dnssec-bogus, naming each parent's key tags", async () => {
    const all = labWalker(tree, { timeoutMs: 2000, allParents: true });
    try {
      const { current, old } = world.splitDsTags;
      const observation = delegated(await all.walk("split.com"));
      expect(
        observation.parent.answers.map(({ server, answer }) => [
          server.name,
          answer.kind === "delegation" ? answer.ds.map((d) => d.keyTag) : answer.kind,
        ]),
      ).toEqual([
        ["a.nic.com", [current]],
        ["b.nic.com", [old]],
      ]);
      const report = await judge("split.com", "optional", all);
      expect(dnssecFailures(report)).toEqual(["dnssec-bogus"]);
      const message = report.findings.find((f) => f.rule === "dnssec-bogus")?.message;
      expect(message).toMatch(
        new RegExp(
          `a\\.nic\\.com \\([\\d.]+\\): DS ${current}; b\\.nic\\.com \\([\\d.]+\\): DS ${old}\\.`,
        ),
      );
      expect(message).toMatch(/The DS records from b\.nic\.com \([\d.]+\) match no key/);
      // The NS sets agree: the delegation itself is consistent.
      expect(report.checks.find((c) => c.name === "parent-ns-inconsistent")?.status).toBe("pass");
    } finally {
      await all.close();
    }
  });

  it("a SHA-1 DS is accepted, and the pass says so", async () => {
    const report = await judge("sha1.com");
    expect(report.checks.find((c) => c.name === "dnssec-bogus")).toMatchObject({
      status: "pass",
      reason: expect.stringContaining("SHA-1"),
    });
  });

  it("Route 53 findings carry the exact aws commands", async () => {
    const noDs = await judge("r53-no-ds.com", "forbidden");
    expect(
      noDs.findings.find((f) => f.rule === "dnssec-signing-inconsistent")?.remediation,
    ).toMatch(
      /^aws route53domains associate-delegation-signer-to-domain --region us-east-1 --domain-name r53-no-ds\.com --signing-attributes Algorithm=13,Flags=257,PublicKey=\S+$/,
    );
    const needed = await judge("r53-action-needed.com");
    expect(
      needed.findings.find((f) => f.rule === "dnssec-signing-inconsistent")?.remediation,
    ).toContain("aws route53 activate-key-signing-key --hosted-zone-id Z");
  });

  it("budget: one DNSKEY query per server address of a signed domain, none for an unsigned one", async () => {
    const fresh = labWalker(tree, { timeoutMs: 2000 });
    try {
      await fresh.walk("alg13.com");
      expect(fresh.stats().dnskey).toBe(2);
      await fresh.walk("stale.com");
      expect(fresh.stats().dnskey).toBe(2 + 4);
      const before = fresh.stats().queries;
      const observation = delegated(await fresh.walk("nods.com"));
      expect(observation.dnssec).toBe("not-asked");
      expect(fresh.stats().dnskey).toBe(6);
      expect(fresh.stats().queries - before).toBeGreaterThan(0);
    } finally {
      await fresh.close();
    }
  });

  it("signature windows are judged by the walker's clock: after expiration the same chain is bogus", async () => {
    const later = labWalker(tree, {
      timeoutMs: 2000,
      now: () => new Date((CURRENT.expiration + DAY) * 1000),
    });
    try {
      const observation = delegated(await later.walk("alg13.com"));
      const probe = observation.nameservers[0]?.probes[0];
      expect(probe?.dnssec).toMatchObject({ kind: "validated", verdict: "bogus" });
    } finally {
      await later.close();
    }
  });

  it("a DNSKEY answer over the EDNS buffer is truncated and asked again over TCP", async () => {
    const fresh = labWalker(tree, { timeoutMs: 2000 });
    try {
      const observation = delegated(await fresh.walk("big.com"));
      for (const server of observation.nameservers) {
        expect(server.probes[0]?.dnssec).toMatchObject({ kind: "validated", verdict: "secure" });
      }
      expect(fresh.stats()).toMatchObject({ dnskey: 4, truncated: 2 });
    } finally {
      await fresh.close();
    }
  });

  it("GetDNSSEC only for zones whose domain has DS or whose policy asks", async () => {
    if (observer === undefined) route53Account();
    observer = aws.observer();
    aws.emulator.resetCounters();
    await judge("r53-no-ds.com");
    expect(aws.emulator.callCount("GetDNSSEC")).toBe(0);
    await judge("r53-no-ds.com", "required");
    await judge("r53-ok.com");
    expect(aws.emulator.callCount("GetDNSSEC")).toBe(2);
  });

  it("trace shows the chain per server address: DS key tags → DNSKEY key tags → signatures", async () => {
    const text = formatTrace(await walker.walk("stale.com"));
    const dsTag = world.staleDsTag;
    const lines = text.split("\n").filter((line) => line.includes("DNSSEC"));
    expect(lines).toHaveLength(4);
    expect(lines.slice(0, 3).every((line) => line.includes(`secure: DS ${dsTag} → DNSKEY`))).toBe(
      true,
    );
    expect(lines[0]).toContain(`${dsTag} (SEP, DS match)`);
    expect(lines[0]).toMatch(/DNSKEY anchored by \d+; SOA not-observed; NS valid by \d+/);
    expect(lines[3]).toContain(
      `bogus (ds-matches-no-key, dnskey-not-signed-by-ds-key): DS ${dsTag} (no-matching-key)`,
    );
  });

  it("the whole check: the JSON report carries the chain and matches its schema; text shows it", async () => {
    if (observer === undefined) route53Account();
    const loaded = parsePolicySources([
      {
        path: "dnssec.yaml",
        bytes: new TextEncoder().encode(`version: 1
providers:
  lab-dns: { dnsHost: { nameservers: ["ns*.provider.net"] } }
defaults: { registrar: route53, dnsHost: lab-dns }
domains:
  stale.com:
  alg13.com: { dnssec: required }
  r53-ok.com: { dnsHost: route53 }
`),
      },
    ]);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics));
    const report = await runCheck({
      policySet: loaded.policySet,
      observers: {
        delegation: walker,
        rdap: { kind: "skipped", reason: "not under test" },
        providers: new Map([["route53", { kind: "enabled", source: route53Provider(observer) }]]),
      },
      failOn: "high",
      inventory: false,
      selection: { only: undefined, shard: undefined },
      domainsObservedAtOnce: 3,
      now: new Date(),
      stats: () => ({ dnsQueries: 0, rdapRequests: 0, awsCalls: {} }),
    });
    const json: unknown = JSON.parse(renderJson(report));
    expect(validateReport(json), ajv.errorsText(validateReport.errors)).toBe(true);
    const stale = report.domains.find((d) => d.domain === "stale.com");
    expect(stale?.observed.dnssec?.ds.map((d) => d.keyTag)).toEqual([world.staleDsTag]);
    expect(
      stale?.observed.dnssec?.servers.map((s) =>
        s.chain.kind === "validated" ? s.chain.verdict : s.chain.kind,
      ),
    ).toEqual(["secure", "secure", "secure", "bogus"]);
    expect(report.domains.find((d) => d.domain === "r53-ok.com")?.observed.dnssec?.route53).toEqual(
      {
        serveSignature: "SIGNING",
        keySigningKeys: [
          {
            name: "ksk-r53-ok.com",
            status: "ACTIVE",
            keyTag: world.route53Keys.get("r53-ok.com")?.key.tag,
          },
        ],
      },
    );
    const text = renderText(report, { color: false });
    expect(text).toContain("DNSSEC ns4.provider.net (");
    expect(text).toMatch(/DNSSEC ns4\.provider\.net \([\d.]+\): bogus/);
  });

  describe.skipIf(zonemasterMissing)("agreement with Zonemaster", () => {
    it("dnssec-bogus fails where Zonemaster's DNSSEC module reports an ERROR (SHA-1 recorded apart)", async () => {
      const hints = join(signer.dir, "named.root");
      await writeFile(hints, tree.rootHints);
      for (const [domain, expected] of Object.entries(ZONEMASTER_CASES)) {
        const observation = delegated(await walker.walk(domain));
        const ours = dnssecFailures(await judge(domain)).includes("dnssec-bogus");
        const servers = observation.nameservers.flatMap((server) =>
          server.probes.map((probe) => `${server.name}/${probe.address}`),
        );
        const errors = zonemasterErrors(domain, servers, observation.parent.ds, hints);
        expect(ours, domain).toBe(expected.bogus);
        if (expected.errors.length === 0) expect(errors, domain).toEqual([]);
        for (const tag of expected.errors) expect(errors, domain).toContain(tag);
        if (!expected.bogus) expect(new Set(errors), domain).toEqual(new Set(expected.errors));
      }
    }, 300_000);
  });

  describe.skipIf(dnsvizMissing)("agreement with DNSViz", () => {
    it("dnssec-bogus fails where DNSViz finds no secure entry point (stale keys recorded apart)", async () => {
      const delegations = new Map<string, DnsvizDelegation>();
      for (const domain of Object.keys(DNSVIZ_CASES)) {
        const observation = delegated(await walker.walk(domain));
        const servers = observation.nameservers.flatMap((server) =>
          server.probes.map((probe) => `${server.name}=${probe.address}`),
        );
        delegations.set(domain, { servers, ds: observation.parent.ds });
      }
      const verdicts = dnsvizVerdicts(delegations, tree.address("a.root-servers.net"));
      for (const [domain, expected] of Object.entries(DNSVIZ_CASES)) {
        const ours = dnssecFailures(await judge(domain)).includes("dnssec-bogus");
        const theirs = verdicts.get(domain);
        expect(ours, domain).toBe(expected.bogus);
        expect(theirs?.status, domain).toBe(expected.status);
        expect(theirs?.status === "BOGUS" || theirs?.codes.has("NO_SEP"), domain).toBe(ours);
        if (expected.codes.length === 0) expect(theirs?.codes, domain).toEqual(new Set());
        for (const code of expected.codes) expect(theirs?.codes, domain).toContain(code);
      }
    }, 300_000);
  });
});
