// `init --from-aws` end to end, as child processes against a simulated world (DNS from the root,
// RDAP, Route 53 and Route 53 Domains emulators): its output validates, and `check` on it against
// the same world reports exactly the inconsistencies its comments name — nothing else.
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isMap, isScalar, parseDocument } from "yaml";
import type { RunningScenario } from "../../src/lab/scenario.js";
import { parsePolicySources } from "../../src/policy/load.js";
import type { DomainIntent } from "../../src/policy/types.js";
import type { Report } from "../../src/report/model/model.js";
import { runCliInProcess } from "../support/cli.js";
import { AMAZON, FAR, HOVER, LOCKED, route53Set, TUCOWS } from "../support/lab-names.js";
import { type LabWorld, runInWorld, startLabWorld } from "../support/lab-world.js";

const EXAMPLEDNS = ["ns1.exampledns.net", "ns2.exampledns.net"];
const EXAMPLEDNS_B = ["ns2.exampledns.net", "ns3.exampledns.net"];

/** Per domain: the rules of `! rule (...)` remarks and the checks of `? not checked: check:` ones. */
interface Remarks {
  readonly findings: Map<string, string[]>;
  readonly notChecked: Map<string, string[]>;
  /** Names written out commented (undecided). */
  readonly undecided: string[];
}

function remarksOf(text: string): Remarks {
  const document = parseDocument(text);
  const domains = document.get("domains");
  const remarks: Remarks = { findings: new Map(), notChecked: new Map(), undecided: [] };
  if (!isMap(domains)) return remarks;
  const comments = [
    ...domains.items.map((pair) => ({
      key: isScalar(pair.key) ? String(pair.key.value) : "",
      comment: isScalar(pair.key) ? (pair.key.commentBefore ?? "") : "",
    })),
    { key: "", comment: domains.comment ?? "" },
  ];
  for (const { key, comment } of comments) {
    const lines = comment.split("\n").map((line) => line.trim());
    const rules = lines.flatMap((line) => /^! ([a-z-]+) \(/.exec(line)?.[1] ?? []);
    const checks = lines.flatMap((line) => /^\? not checked: ([a-z-]+):/.exec(line)?.[1] ?? []);
    if (rules.length > 0) remarks.findings.set(key, rules.sort());
    if (checks.length > 0) remarks.notChecked.set(key, checks.sort());
    remarks.undecided.push(
      ...lines.flatMap((line) => /^([a-z0-9.-]+\.[a-z]+):$/.exec(line)?.[1] ?? []),
    );
  }
  return remarks;
}

/** The text with each wrapped remark on one line again. */
function unwrapped(text: string): string {
  return text.replace(/\n *# {3}/g, " ");
}

function findingsOf(report: Report): Map<string, string[]> {
  return new Map(
    report.domains
      .filter((d) => d.findings.length > 0)
      .map((d) => [d.unicode, d.findings.map((f) => f.rule).sort()]),
  );
}

function notCheckedOf(report: Report): Map<string, string[]> {
  return new Map(
    report.domains
      .map(
        (d) =>
          [
            d.unicode,
            d.checks
              .filter((c) => c.status === "not-checked")
              .map((c) => c.name)
              .sort(),
          ] as const,
      )
      .filter(([, checks]) => checks.length > 0),
  );
}

function intents(text: string, path: string): Map<string, DomainIntent> {
  const loaded = parsePolicySources([{ path, bytes: new TextEncoder().encode(text) }]);
  if (!loaded.ok) throw new Error(`${path} is invalid: ${JSON.stringify(loaded.diagnostics)}`);
  return new Map(loaded.policySet.domains.map((d) => [d.name, d]));
}

describe("init --from-aws: one account, everything the field has", () => {
  let lab: LabWorld;
  let world: RunningScenario;
  let dir: string;
  const cli = (...args: string[]) => runInWorld(lab, args);
  const init = (...extra: string[]) =>
    cli("init", "--from-aws", ...world.cliArgs, "--cache-dir", join(dir, "cache"), ...extra);

  beforeAll(async () => {
    const zone = (name: string, id: string, n: number) => ({
      name,
      id,
      nameServers: route53Set(n),
    });
    lab = await startLabWorld(
      {
        internet: {
          domains: [
            { name: "traditional.com", delegation: route53Set(1) },
            { name: "twice.com", delegation: route53Set(2) },
            { name: "registrar-only.net", delegation: HOVER },
            { name: "dnshost-only.org", delegation: route53Set(4) },
            { name: "custom-dns.com", delegation: EXAMPLEDNS },
            { name: "custom-dns.net", delegation: EXAMPLEDNS_B },
            { name: "odd-registrar.org", delegation: route53Set(5) },
            // The zone was deleted; the registry still delegates to its servers.
            { name: "dangling.com", delegation: route53Set(6), servedBy: [] },
            { name: "no-autorenew.com", delegation: route53Set(7) },
            { name: "flaky.net", delegation: route53Set(8) },
            { name: "mystery.org", delegation: route53Set(9) },
            { name: "xn--bcher-kva.de", delegation: route53Set(10) },
            { name: "unlocked.com", delegation: route53Set(11) },
          ],
        },
        rdap: {
          "traditional.com": { registrar: AMAZON, statuses: LOCKED, events: FAR },
          "twice.com": { registrar: AMAZON, statuses: LOCKED, events: FAR },
          "registrar-only.net": { registrar: AMAZON, statuses: LOCKED, events: FAR },
          "dnshost-only.org": { registrar: TUCOWS, statuses: LOCKED, events: FAR },
          "custom-dns.com": { registrar: AMAZON, statuses: LOCKED, events: FAR },
          "custom-dns.net": { registrar: AMAZON, statuses: LOCKED, events: FAR },
          // A registrar the catalog does not know, and a registry that gives no expiry date.
          "odd-registrar.org": {
            registrar: { ianaId: 9999, name: "Example Registrar, LLC" },
            statuses: LOCKED,
          },
          "dangling.com": { registrar: AMAZON, statuses: LOCKED, events: FAR },
          "no-autorenew.com": { registrar: AMAZON, statuses: LOCKED, events: FAR },
          "flaky.net": { registrar: AMAZON, statuses: LOCKED, events: FAR },
          "mystery.org": { registrar: { ianaId: 146, name: "GoDaddy.com, LLC" }, events: FAR },
          "xn--bcher-kva.de": { registrar: AMAZON, statuses: LOCKED, events: FAR },
          "unlocked.com": { registrar: AMAZON, statuses: [], events: FAR },
        },
        accounts: [
          {
            profile: "default",
            hostedZones: [
              zone("traditional.com", "ZTRADITIONAL", 1),
              zone("twice.com", "ZTWICELIVE", 2),
              zone("twice.com", "ZTWICESTALE", 3),
              zone("dnshost-only.org", "ZDNSHOSTONLY", 4),
              zone("odd-registrar.org", "ZODDREGISTRAR", 5),
              zone("no-autorenew.com", "ZNOAUTORENEW", 7),
              zone("flaky.net", "ZFLAKY", 8),
              zone("mystery.org", "ZMYSTERY", 9),
              zone("xn--bcher-kva.de", "ZBUCHER", 10),
              zone("unlocked.com", "ZUNLOCKED", 11),
              // Left over from before the DNS moved to Hover.
              zone("registrar-only.net", "ZLEFTOVER", 12),
            ],
            domains: [
              { name: "traditional.com", nameservers: route53Set(1) },
              { name: "twice.com", nameservers: route53Set(2) },
              { name: "registrar-only.net", nameservers: HOVER },
              { name: "custom-dns.com", nameservers: EXAMPLEDNS },
              { name: "custom-dns.net", nameservers: EXAMPLEDNS_B },
              { name: "dangling.com", nameservers: route53Set(6) },
              { name: "no-autorenew.com", nameservers: route53Set(7), autoRenew: false },
              { name: "flaky.net", nameservers: route53Set(8) },
              { name: "xn--bcher-kva.de", nameservers: route53Set(10) },
              { name: "unlocked.com", nameservers: route53Set(11), transferLock: false },
            ],
          },
        ],
      },
      "dd-init-",
    );
    ({ scenario: world, dir } = lab);
    // The registry's RDAP fails for these two: for a Route 53 Domains registration that costs
    // nothing essential; for a zone-only name it leaves the registrar unknown.
    world.rdap.addFault("flaky.net", { kind: "error-status", status: 503 });
    world.rdap.addFault("mystery.org", { kind: "error-status", status: 503 });
  }, 60_000);

  afterAll(async () => {
    await lab?.close();
  });

  it("writes the account's policy, which validates and checks exactly as its comments say", async () => {
    const run = await init();
    expect(run.stderr).toBe("");
    // RDAP failed for two names: written, and exit 3 says some facts are missing.
    expect(run.exitCode).toBe(3);
    expect(run.stdout).toContain(
      "wrote policies/aws-default.yaml: 12 domains declared, 1 left undecided (commented out)",
    );
    expect(run.stdout).toContain("  ! dangling.com: dangling-delegation, hosted-zone-missing");
    expect(run.stdout).toContain("  ? mystery.org: not declared: its registrar is unknown");
    const text = await readFile(join(dir, "policies", "aws-default.yaml"), "utf8");
    // The example policies' header: editors find the schema (outside this repo: a dev install).
    expect(text.split("\n")[0]).toBe(
      "# yaml-language-server: $schema=../node_modules/domain-drift/lib/schemas/policy-v1.schema.json",
    );

    // What the file declares: the account as it is.
    const declared = intents(text, "policies/aws-default.yaml");
    const setup = (name: string) => {
      const d = declared.get(name);
      return d && [d.registrar, d.dnsHost, d.hostedZoneId ?? null];
    };
    expect([...declared.keys()].sort()).toEqual(
      [
        "custom-dns.com",
        "custom-dns.net",
        "dangling.com",
        "dnshost-only.org",
        "flaky.net",
        "no-autorenew.com",
        "odd-registrar.org",
        "registrar-only.net",
        "traditional.com",
        "twice.com",
        "unlocked.com",
        "xn--bcher-kva.de",
      ].sort(),
    );
    expect(setup("traditional.com")).toEqual(["route53", "route53", "ZTRADITIONAL"]);
    expect(setup("twice.com")).toEqual(["route53", "route53", "ZTWICELIVE"]);
    expect(setup("registrar-only.net")).toEqual(["route53", "hover", null]);
    expect(setup("dnshost-only.org")).toEqual(["hover", "route53", "ZDNSHOSTONLY"]);
    expect(setup("custom-dns.com")).toEqual(["route53", "exampledns-net", null]);
    expect(setup("custom-dns.net")).toEqual(["route53", "exampledns-net", null]);
    expect(setup("odd-registrar.org")).toEqual(["example-registrar", "route53", "ZODDREGISTRAR"]);
    expect(setup("dangling.com")).toEqual(["route53", "route53", null]);
    expect(declared.get("xn--bcher-kva.de")?.unicode).toBe("bücher.de");
    expect(declared.get("no-autorenew.com")?.hygiene.autoRenew).toBe("ignore");
    expect(declared.get("unlocked.com")?.hygiene.transferLock).toBe("ignore");
    expect(declared.get("traditional.com")?.hygiene).toEqual({
      expiryMinDays: 30,
      transferLock: "required",
      autoRenew: "required",
    });
    expect(text).toContain("  custom-dns.com:\n    dnsHost: exampledns-net\n");
    expect(text).toMatch(
      /exampledns-net:\n {4}name: exampledns\.net\n {4}dnsHost:\n {6}nameservers: \[ ns1\.exampledns\.net, ns2\.exampledns\.net, ns3\.exampledns\.net \]/,
    );
    expect(unwrapped(text)).toContain(
      "  # public hosted zone ZLEFTOVER of this name exists in account default, but the DNS is hosted elsewhere: it is not live\n  registrar-only.net:\n    dnsHost: hover\n",
    );
    expect(unwrapped(text)).toMatch(
      /# \? RDAP could not be asked: http:\/\/127\.0\.0\.1:\d+\/domain\/flaky\.net answered HTTP 503 \(after 3 attempts\)\n {2}flaky\.net:/,
    );

    const remarks = remarksOf(text);
    expect(remarks.undecided).toEqual(["mystery.org"]);
    // The inconsistencies of this world, as a person would list them.
    const expectedFindings = new Map([
      ["dangling.com", ["dangling-delegation", "hosted-zone-missing"]],
      ["twice.com", ["hosted-zone-duplicate"]],
    ]);
    const expectedNotChecked = new Map([
      ["dangling.com", ["parent-child-ns-mismatch"]],
      ["odd-registrar.org", ["expiry-soon"]],
    ]);
    expect(remarks.findings).toEqual(expectedFindings);
    expect(remarks.notChecked).toEqual(expectedNotChecked);

    const validate = await cli("validate", "policies");
    expect(validate.stderr).toBe("");
    expect(validate.exitCode).toBe(0);

    const check = await cli(
      "check",
      "policies",
      ...world.cliArgs,
      "--cache-dir",
      join(dir, "cache"),
      "--inventory",
      "--format",
      "json",
      "--output",
      "report.json",
    );
    expect(check.stderr).toBe("");
    const report = JSON.parse(await readFile(join(dir, "report.json"), "utf8")) as Report;
    // Clean but for what the comments name: the critical dangling delegation fails the run.
    expect(check.exitCode).toBe(1);
    expect(findingsOf(report)).toEqual(expectedFindings);
    expect(notCheckedOf(report)).toEqual(expectedNotChecked);
    expect(report.summary).toMatchObject({ domains: 12, compliant: 9, drift: 2, unknown: 1 });
    // Nothing in the account was dropped: only the undecided name is in no policy.
    expect(report.accounts.flatMap((a) => a.findings.map((f) => f.observed))).toEqual([
      "mystery.org (ZMYSTERY)",
    ]);
  }, 180_000);

  it("refuses to overwrite without --force, and rewrites the same bytes with it", async () => {
    const file = join(dir, "policies", "aws-default.yaml");
    const before = await readFile(file, "utf8");
    const refused = await init();
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toBe(
      "domain-drift init: policies/aws-default.yaml exists already: give --force to overwrite, or another --out\n",
    );
    expect(await readFile(file, "utf8")).toBe(before);

    const forced = await init("--force");
    expect(forced.exitCode).toBe(3);
    expect(await readFile(file, "utf8")).toBe(before);
  }, 120_000);

  it("writes nothing when its output would clash with policies already in the directory", async () => {
    await writeFile(
      join(dir, "policies", "hand-written.yaml"),
      "version: 1\ndomains:\n  traditional.com: { registrar: route53, dnsHost: route53 }\n",
    );
    const file = join(dir, "policies", "aws-default.yaml");
    const before = await readFile(file, "utf8");
    const run = await init("--force");
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(
      /policies\/aws-default\.yaml:\d+:\d+: error: domain `traditional\.com` is already declared at policies\/hand-written\.yaml:3:3/,
    );
    expect(run.stderr).toContain("nothing was written");
    expect(await readFile(file, "utf8")).toBe(before);
  }, 120_000);
});

describe("init --from-aws: several accounts", () => {
  let lab: LabWorld;
  let world: RunningScenario;
  let dir: string;
  const cli = (...args: string[]) => runInWorld(lab, args);

  beforeAll(async () => {
    lab = await startLabWorld(
      {
        internet: {
          domains: [
            { name: "split.com", delegation: route53Set(1) },
            { name: "own.net", delegation: route53Set(2) },
            { name: "reg-custom.com", delegation: EXAMPLEDNS },
            { name: "dns-custom.org", delegation: EXAMPLEDNS },
          ],
        },
        rdap: {
          "split.com": { registrar: AMAZON, statuses: LOCKED, events: FAR },
          "own.net": { registrar: TUCOWS, statuses: LOCKED, events: FAR },
          "reg-custom.com": { registrar: AMAZON, statuses: LOCKED, events: FAR },
          "dns-custom.org": { registrar: TUCOWS, statuses: LOCKED, events: FAR },
        },
        accounts: [
          {
            // Registrations live in one account...
            profile: "registrar",
            domains: [
              { name: "split.com", nameservers: route53Set(1) },
              { name: "reg-custom.com", nameservers: EXAMPLEDNS },
            ],
          },
          {
            // ... and DNS in another.
            profile: "dns",
            hostedZones: [
              { name: "split.com", id: "ZSPLIT", nameServers: route53Set(1) },
              { name: "own.net", id: "ZOWN", nameServers: route53Set(2) },
              { name: "dns-custom.org", id: "ZDNSCUSTOM", nameServers: route53Set(3) },
            ],
          },
        ],
      },
      "dd-init-accounts-",
    );
    ({ scenario: world, dir } = lab);
  }, 60_000);

  afterAll(async () => {
    await lab?.close();
  });

  const init = (...extra: string[]) =>
    cli(
      "init",
      "--from-aws",
      "--profile",
      "registrar",
      "--profile",
      "dns",
      "--out",
      "policies/aws",
      ...world.cliArgs,
      "--cache-dir",
      join(dir, "cache"),
      ...extra,
    );

  it("writes one file per account; together they validate and check as their comments say", async () => {
    const run = await init();
    expect(run.stderr).toBe("");
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain("wrote policies/aws/aws-registrar.yaml: 2 domains declared");
    expect(run.stdout).toContain("wrote policies/aws/aws-dns.yaml: 2 domains declared");
    const registrar = await readFile(join(dir, "policies/aws/aws-registrar.yaml"), "utf8");
    const dns = await readFile(join(dir, "policies/aws/aws-dns.yaml"), "utf8");

    expect(registrar).toContain("accounts:\n  registrar: { profile: registrar }\n");
    expect(registrar).toContain("  account: registrar\n");
    expect(dns).toContain("accounts:\n  dns: { profile: dns }\n");
    // A provider is defined once in the set, in the first file that needs it.
    expect(registrar).toContain("providers:\n  exampledns-net:");
    expect(dns).not.toContain("providers:");
    // The registration decides where split.com is declared; its zone's account is noted.
    expect(registrar).toMatch(
      /also has public hosted zone ZSPLIT in account dns; it is declared here,/,
    );
    expect(registrar).not.toContain("hostedZoneId");
    // Ties for the defaults go to the first id in sort order, so the file is stable.
    expect(dns).toContain("defaults:\n  registrar: hover\n  dnsHost: exampledns-net\n");
    expect(dns).toContain("  own.net:\n    dnsHost: route53\n    hostedZoneId: ZOWN\n");

    const remarks = [remarksOf(registrar), remarksOf(dns)];
    expect(remarks[0]?.findings).toEqual(new Map([["split.com", ["hosted-zone-missing"]]]));
    expect(remarks[1]?.findings).toEqual(new Map());
    expect(remarks.every((r) => r.notChecked.size === 0 && r.undecided.length === 0)).toBe(true);

    const validate = await cli("validate", "policies/aws");
    expect(validate.exitCode).toBe(0);

    const check = await cli(
      "check",
      "policies/aws",
      ...world.cliArgs,
      "--cache-dir",
      join(dir, "cache"),
      "--format",
      "json",
      "--output",
      "report.json",
    );
    expect(check.stderr).toBe("");
    const report = JSON.parse(await readFile(join(dir, "report.json"), "utf8")) as Report;
    expect(findingsOf(report)).toEqual(new Map([["split.com", ["hosted-zone-missing"]]]));
    expect(notCheckedOf(report)).toEqual(new Map());
    expect(check.exitCode).toBe(1);
    expect(report.domains.find((d) => d.domain === "dns-custom.org")?.intended).toMatchObject({
      registrar: "hover",
      dnsHost: "exampledns-net",
      account: "dns",
    });
  }, 180_000);

  it("still writes, with the reason and exit 3, when an account cannot be listed", async () => {
    world.aws.faults.deny("ListHostedZones");
    try {
      const run = await init("--force");
      expect(run.exitCode).toBe(3);
      expect(run.stdout).toMatch(
        /\? Route 53 hosted zones could not be listed: .*route53:ListHostedZones/,
      );
      const dns = await readFile(join(dir, "policies/aws/aws-dns.yaml"), "utf8");
      expect(unwrapped(dns)).toMatch(
        /# \? Route 53 hosted zones could not be listed: .*route53:ListHostedZones/,
      );
      expect(dns).toContain("domains: {}");
      expect((await cli("validate", "policies/aws")).exitCode).toBe(0);
    } finally {
      world.aws.faults.allow("ListHostedZones");
    }
  }, 120_000);
});

describe("init usage", () => {
  it("refuses bad usage with exit 2 before observing anything", async () => {
    const dir = await mkdtemp(join(tmpdir(), "dd-init-usage-"));
    await writeFile(join(dir, "a-file"), "");
    const cases: Array<[string[], RegExp]> = [
      [["init"], /give --from-aws/],
      [["init", "--from-aws", "--no-aws"], /drop --no-aws/],
      [
        ["init", "--from-aws", "--profile", "../etc"],
        /--profile "\.\.\/etc": the profile name becomes the policy's account id/,
      ],
      [["init", "--from-aws", "--out", "a-file"], /--out a-file is not a directory/],
      [["init", "--from-aws", "--concurrency", "0"], /--concurrency/],
    ];
    for (const [args, message] of cases) {
      const run = await runCliInProcess(args, { cwd: dir });
      expect(run.exitCode, args.join(" ")).toBe(2);
      expect(run.stderr, args.join(" ")).toMatch(message);
      expect(run.stdout).toBe("");
    }
  });
});
