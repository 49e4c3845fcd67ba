// When the AWS APIs cannot be asked — unreachable, no credentials, access denied, or `--no-aws` —
// the domains that need their evidence are `unknown` with the reason on every check that could
// not run, and the run exits 3: never a false "compliant". The external domain needs no AWS
// evidence and stays compliant.
import { createServer } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, type ExpectStatic, it } from "vitest";
import { writeAwsProfiles } from "../../src/lab/aws-emulator.js";
import type { EmulatedOperation } from "../../src/lab/aws-world.js";
import type { Report } from "../../src/report/model/model.js";
import {
  CLI_TEST_TIMEOUT_MS,
  DNS_LABEL,
  type E2eWorld,
  parseReport,
  startE2eWorld,
  verdicts,
} from "./harness.js";

const NEEDS_AWS = ["trad-ok.com", "regonly-ok.com", "dnsonly-ok.net"];
const EXTERNAL = "external-ok.org";
const DOMAINS = [...NEEDS_AWS, EXTERNAL];
const OBSERVED_OPERATIONS: readonly EmulatedOperation[] = [
  "ListDomains",
  "GetDomainDetail",
  "ListHostedZones",
  "GetHostedZone",
  "ListResourceRecordSets",
];

/** A loopback port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

describe(`check with AWS unavailable (${DNS_LABEL})`, () => {
  let world: E2eWorld;

  beforeAll(async () => {
    world = await startE2eWorld(DOMAINS);
  }, 240_000);

  afterAll(async () => {
    await world?.close();
  });

  /** Runs check on the four domains and asserts the verdicts every AWS failure must give. */
  async function checkWithoutAws(
    expect: ExpectStatic,
    args: readonly string[],
    env = world.env,
  ): Promise<Report> {
    const run = await world.check(["--only", ...DOMAINS, "--format", "json", ...args], env);
    expect(run.exitCode, run.stderr).toBe(3);
    // The SDK's notice about its future Node requirement is not printed on every run.
    expect(run.stderr).not.toContain("NodeVersionSupportWarning");
    const report = parseReport(run.stdout);
    const unknown = { status: "unknown", rules: [], suppressed: [] };
    expect(verdicts(report)).toEqual({
      "trad-ok.com": unknown,
      "regonly-ok.com": unknown,
      "dnsonly-ok.net": unknown,
      [EXTERNAL]: { status: "compliant", rules: [], suppressed: [] },
    });
    return report;
  }

  /** Every check that could not run, and both AWS sources, carry the cause. */
  function expectReason(
    expect: ExpectStatic,
    report: Report,
    cause: RegExp,
    sourceStatus: "unavailable" | "skipped",
  ) {
    for (const name of NEEDS_AWS) {
      const domain = report.domains.find((d) => d.domain === name);
      const notChecked = domain?.checks.filter((c) => c.status === "not-checked") ?? [];
      expect(notChecked.length, name).toBeGreaterThan(0);
      for (const check of notChecked) expect(check.reason, `${name} ${check.name}`).toMatch(cause);
      for (const source of [domain?.sources.route53Domains, domain?.sources.route53]) {
        expect(source?.status, name).toBe(sourceStatus);
        expect(source?.reason, name).toMatch(cause);
      }
    }
    // What each architecture cannot know without AWS.
    const notChecked = (name: string) =>
      report.domains
        .find((d) => d.domain === name)
        ?.checks.filter((c) => c.status === "not-checked")
        .map((c) => c.name);
    expect(notChecked("trad-ok.com")).toEqual(
      expect.arrayContaining([
        "hosted-zone-missing",
        "auto-renew-disabled",
        "nameservers-mismatch",
      ]),
    );
    expect(notChecked("regonly-ok.com")).toEqual(
      expect.arrayContaining(["auto-renew-disabled", "registrar-nameservers-mismatch"]),
    );
    expect(notChecked("dnsonly-ok.net")).toEqual(
      expect.arrayContaining(["hosted-zone-missing", "hosted-zone-duplicate"]),
    );
  }

  it.concurrent(
    "AWS unreachable: not checked, could not reach the API (exit 3)",
    async ({ expect }) => {
      const endpoint = `http://127.0.0.1:${await closedPort()}`;
      const report = await checkWithoutAws(expect, [], {
        ...world.env,
        AWS_ENDPOINT_URL_ROUTE_53: endpoint,
        AWS_ENDPOINT_URL_ROUTE_53_DOMAINS: endpoint,
        AWS_ENDPOINT_URL_STS: endpoint,
      });
      expectReason(expect, report, /could not reach the AWS API .*ECONNREFUSED/, "unavailable");
    },
    CLI_TEST_TIMEOUT_MS,
  );

  it.concurrent(
    "AWS without credentials: not checked, credentials could not be loaded (exit 3)",
    async ({ expect }) => {
      const files = await writeAwsProfiles(join(world.dir, "aws-empty"), []);
      const report = await checkWithoutAws(expect, [], {
        ...world.env,
        AWS_CONFIG_FILE: files.configFile,
        AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile,
      });
      expectReason(
        expect,
        report,
        /AWS credentials for account "default" could not be loaded from the default credential chain/,
        "unavailable",
      );
    },
    CLI_TEST_TIMEOUT_MS,
  );

  it.concurrent(
    "AWS access denied: not checked, naming the IAM action refused (exit 3)",
    async ({ expect }) => {
      // An account of its own whose every read is denied, so the other runs are unaffected.
      const account = world.scenario.aws.addAccount();
      for (const operation of OBSERVED_OPERATIONS)
        world.scenario.aws.faults.deny(operation, account.accountId);
      const files = await writeAwsProfiles(join(world.dir, "aws-denied"), [
        { name: "default", key: account.createAccessKey("auditor") },
      ]);
      const report = await checkWithoutAws(expect, [], {
        ...world.env,
        AWS_CONFIG_FILE: files.configFile,
        AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile,
      });
      expectReason(
        expect,
        report,
        /access denied: .* may not call (route53domains|route53):\w+/,
        "unavailable",
      );
      const trad = report.domains.find((d) => d.domain === "trad-ok.com");
      expect(trad?.sources.route53Domains.reason).toContain("route53domains:ListDomains");
      expect(trad?.sources.route53.reason).toContain("route53:ListHostedZones");
    },
    CLI_TEST_TIMEOUT_MS,
  );

  // The SDK prints the notice only under Node < 22.
  it.skipIf(Number(process.versions.node.split(".")[0]) >= 22).concurrent(
    "the SDK's Node-version notice comes back when the user sets its variable to false",
    async ({ expect }) => {
      const endpoint = `http://127.0.0.1:${await closedPort()}`;
      const run = await world.check(["--only", ...DOMAINS, "--format", "json"], {
        ...world.env,
        AWS_ENDPOINT_URL_ROUTE_53: endpoint,
        AWS_ENDPOINT_URL_ROUTE_53_DOMAINS: endpoint,
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "false",
      });
      expect(run.stderr).toContain("NodeVersionSupportWarning");
    },
    CLI_TEST_TIMEOUT_MS,
  );

  it.concurrent(
    "--inventory with an account that cannot be read: exit 3, though DNS and RDAP answer and every domain is compliant",
    async ({ expect }) => {
      const account = world.scenario.aws.addAccount();
      world.scenario.aws.faults.deny("ListDomains", account.accountId);
      world.scenario.aws.faults.deny("ListHostedZones", account.accountId);
      const files = await writeAwsProfiles(join(world.dir, "aws-inventory-denied"), [
        { name: "default", key: account.createAccessKey("auditor") },
      ]);
      const run = await world.check(["--only", EXTERNAL, "--inventory", "--format", "json"], {
        ...world.env,
        AWS_CONFIG_FILE: files.configFile,
        AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile,
      });
      const report = parseReport(run.stdout);
      expect(verdicts(report)).toEqual({
        [EXTERNAL]: { status: "compliant", rules: [], suppressed: [] },
      });
      const external = report.domains[0];
      expect([external?.sources.delegation.status, external?.sources.rdap.status]).toEqual([
        "ok",
        "ok",
      ]);
      expect(report.accounts).toEqual([
        {
          account: "default",
          provider: "route53",
          findings: [],
          sources: {
            route53Domains: {
              status: "unavailable",
              reason: expect.stringContaining("route53domains:ListDomains"),
            },
            route53: {
              status: "unavailable",
              reason: expect.stringContaining("route53:ListHostedZones"),
            },
          },
        },
      ]);
      expect(run.exitCode, run.stderr).toBe(3);
    },
    CLI_TEST_TIMEOUT_MS,
  );

  it.concurrent(
    "--no-aws: not checked, AWS checks are off (exit 3)",
    async ({ expect }) => {
      const report = await checkWithoutAws(expect, ["--no-aws"]);
      expectReason(expect, report, /AWS checks are off \(--no-aws\)/, "skipped");
      expect(report.stats.awsCalls).toEqual({});
    },
    CLI_TEST_TIMEOUT_MS,
  );
});
