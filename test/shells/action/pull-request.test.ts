// Pull-request mode of the bundled Action, run as GitHub runs it, against the simulated internet:
// only the domains the pull request changes (by parsed policy, not text lines) are checked.
import { readFile, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningScenario } from "../../../src/lab/scenario.js";
import type { Report } from "../../../src/report/model/model.js";
import type { LabWorld } from "../../support/lab-world.js";
import {
  type FileChanges,
  pullRequestPayload,
  pullRequestRepo,
  shallowPullRequestRepo,
} from "./support/git-repo.js";
import { type ActionRun, runAction } from "./support/run-action.js";
import { BASE_POLICY, rdapRequests, startWorld, worldInputs } from "./support/world.js";

const POLICY_FILE = "policies/domains.yaml";

/**
 * The pull request: adds added.net, moves modified.com to Cloudflare (drift: it is still at Route
 * 53), widens acme-dns's name servers, and only reformats and comments untouched.com (no change).
 */
const HEAD_POLICY = `version: 1
providers:
  acme-dns:
    name: Acme DNS
    dnsHost:
      nameservers: ["ns1.acme-dns.net", "ns2.acme-dns.net", "ns3.acme-dns.net"]
defaults:
  registrar: route53
  dnsHost: route53
domains:
  # Main brand: reviewed 2026-05.
  untouched.com:
    {}
  modified.com:
    dnsHost: cloudflare
  acme.org:
    registrar: hover
    dnsHost: acme-dns
  dangling.com: {}
  added.net:
    registrar: hover
    dnsHost: hover
`;

const CHANGED = ["acme.org", "added.net", "modified.com"];

function lineOf(text: string, needle: string): number {
  const index = text.split("\n").findIndex((line) => line.includes(needle));
  if (index < 0) throw new Error(`no line contains ${needle}`);
  return index + 1;
}

async function jsonReport(run: ActionRun): Promise<Report> {
  const file = run.outputs["json-report"];
  expect(file, "json-report output").toBeTruthy();
  return JSON.parse(await readFile(file as string, "utf8")) as Report;
}

let dir: string;
let lab: LabWorld;
let world: RunningScenario;
let repoCount = 0;

beforeAll(async () => {
  lab = await startWorld("dd-action-pr-");
  ({ scenario: world, dir } = lab);
});
afterAll(async () => {
  await lab?.close();
});
beforeEach(() => {
  world.rdap.resetCounters();
  world.aws.resetCounters();
});

function newRepoDir(): string {
  repoCount += 1;
  return join(dir, `repo-${repoCount}`);
}

function runPullRequest(
  workspace: string,
  payload: unknown,
  options: { inputs?: Record<string, string>; env?: Record<string, string> } = {},
): Promise<ActionRun> {
  return runAction({
    workspace,
    eventName: "pull_request",
    payload,
    inputs: { ...worldInputs(world, dir), ...options.inputs },
    env: { ...world.env, ...options.env },
  });
}

const base: FileChanges = { [POLICY_FILE]: BASE_POLICY, "README.md": "domains\n" };
const head: FileChanges = { [POLICY_FILE]: HEAD_POLICY };

// Each test runs the Action one to three times; allow for a loaded machine.
describe("pull-request mode", { timeout: 90_000 }, () => {
  it("checks only the domains whose parsed policies changed, and fails on their drift", async () => {
    const repo = await pullRequestRepo(newRepoDir(), base, head);
    const run = await runPullRequest(repo.workspace, pullRequestPayload(repo));

    expect(run.exitCode, run.stderr).toBe(1);
    expect(run.outputs).toMatchObject({
      status: "drift",
      "drift-count": "1",
      "unknown-count": "0",
      "exit-code": "1",
      "markdown-report": "",
    });
    expect(run.outputs["sarif-report"]).toMatch(/domain-drift\.sarif$/);
    // The default formats include the HTML page, and the summary says where to get it.
    expect(run.outputs["html-report"]).toMatch(/domain-drift\.html$/);
    expect(run.summary).toContain(
      "`domain-drift-reports/domain-drift.html`: one self-contained page",
    );

    const report = await jsonReport(run);
    expect(report.domains.map((d) => d.domain)).toEqual(CHANGED);
    expect(
      report.domains.find((d) => d.domain === "modified.com")?.findings.map((f) => f.rule),
    ).toEqual(["dns-host-mismatch"]);
    // The unchanged domains were not even looked up.
    expect(rdapRequests(world, "untouched.com")).toBe(0);
    expect(rdapRequests(world, "dangling.com")).toBe(0);
    for (const domain of CHANGED) expect(rdapRequests(world, domain)).toBeGreaterThan(0);

    const findingAnnotations = run.annotations.filter((a) => a.properties.file === POLICY_FILE);
    expect(findingAnnotations).toEqual([
      {
        level: "error",
        properties: {
          title: "dns-host-mismatch (high): modified.com",
          file: POLICY_FILE,
          line: String(lineOf(HEAD_POLICY, "modified.com:")),
          col: "3",
        },
        message: expect.stringContaining(
          "modified.com is delegated to Amazon Route 53, not Cloudflare",
        ),
      },
    ]);
    // The step's failure message is the only other annotation.
    expect(run.annotations.filter((a) => a.properties.file === undefined)).toEqual([
      expect.objectContaining({
        level: "error",
        message: expect.stringContaining("domain-drift found drift"),
      }),
    ]);

    expect(run.summary).toContain("## domain-drift: 1 drift, 0 unknown, 2 compliant");
    expect(run.summary).toContain(
      "| Domain | Status | Intended | Observed | Findings | Remediation |",
    );
    expect(run.summary).toMatch(
      /\| `modified\.com` \| ❌ drift \| registrar-only .*DNS cloudflare.* \| traditional .*DNS route53/,
    );
    expect(run.summary).toContain("3 of 5 domains were checked");
    expect(run.summary).toContain("- `added.net`: added");
    expect(run.summary).toContain("- `modified.com`: changed: dnsHost, architecture");
    expect(run.summary).toContain("- `acme.org`: provider acme-dns changed");
    expect(run.summary).not.toContain("untouched.com");
    expect(run.summary).not.toContain("dangling.com");
  });

  it("fetches the base commit into a shallow clone before comparing", async () => {
    const repo = await shallowPullRequestRepo(newRepoDir(), base, head);
    const run = await runPullRequest(repo.workspace, pullRequestPayload(repo));

    expect(run.outputs["exit-code"], run.stdout).toBe("1");
    expect((await jsonReport(run)).domains.map((d) => d.domain)).toEqual(CHANGED);
    expect(run.summary).toContain(`since the base commit \`${repo.baseSha.slice(0, 12)}\``);
  });

  it("checks nothing live when the pull request only moves and comments entries", async () => {
    const reordered = BASE_POLICY.replace(
      "  untouched.com: {}\n  modified.com: {}\n",
      "  modified.com: {} # moved up\n\n  untouched.com:\n    {}\n",
    );
    const repo = await pullRequestRepo(newRepoDir(), base, { [POLICY_FILE]: reordered });
    const run = await runPullRequest(repo.workspace, pullRequestPayload(repo));

    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({
      status: "compliant",
      "exit-code": "0",
      "drift-count": "0",
    });
    expect((await jsonReport(run)).domains).toEqual([]);
    expect(world.rdap.counters().total).toBe(0);
    expect(run.summary).toContain("0 of 4 domains were checked");
  });

  it("checks every domain when the base commit is unknown, cannot be fetched or does not validate", async () => {
    const repo = await pullRequestRepo(newRepoDir(), base, head);
    const missing = pullRequestPayload({ ...repo, baseSha: "0".repeat(40) });
    const run = await runPullRequest(repo.workspace, missing);

    const report = await jsonReport(run);
    expect(report.domains.map((d) => d.domain)).toEqual([
      "acme.org",
      "added.net",
      "dangling.com",
      "modified.com",
      "untouched.com",
    ]);
    expect(run.summary).toContain(
      "All 5 domains were checked: the base policies could not be read",
    );
    expect(run.annotations).toContainEqual(
      expect.objectContaining({
        level: "warning",
        message: expect.stringContaining("Checking every domain"),
      }),
    );
    // dangling.com's critical drift was already on the base branch, but an unknown base hides nothing.
    expect(run.outputs["drift-count"]).toBe("2");

    const noBase = await runPullRequest(repo.workspace, { pull_request: { number: 7 } });
    expect((await jsonReport(noBase)).domains).toHaveLength(5);
    expect(noBase.summary).toContain("the pull request's base commit is unknown");

    // A pull request that repairs broken policies: nothing to compare with.
    const broken = { [POLICY_FILE]: BASE_POLICY.replace("dnsHost: acme-dns", "dnsHost: acme-dnz") };
    const repaired = await pullRequestRepo(newRepoDir(), broken, head);
    const fromBroken = await runPullRequest(repaired.workspace, pullRequestPayload(repaired));
    expect((await jsonReport(fromBroken)).domains).toHaveLength(5);
    expect(fromBroken.summary).toContain(
      `the policies at the base commit ${repaired.baseSha.slice(0, 12)} do not validate`,
    );
  });

  it("annotates every policy diagnostic on its line and stops with status invalid", async () => {
    const invalid = `version: 1
defaults:
  registrar: route53
  dnsHost: route53
domains:
  untouched.com: {}
  modified.com:
    dnsHost: cloudfare
  bad..name.com: {}
`;
    const repo = await pullRequestRepo(newRepoDir(), base, { [POLICY_FILE]: invalid });
    const run = await runPullRequest(repo.workspace, pullRequestPayload(repo));

    expect(run.exitCode).toBe(2);
    expect(run.outputs).toMatchObject({
      status: "invalid",
      "exit-code": "2",
      "json-report": "",
      "sarif-report": "",
    });
    const onFile = run.annotations.filter((a) => a.properties.file === POLICY_FILE);
    expect(onFile).toEqual([
      {
        level: "error",
        properties: {
          title: "domain-drift: unknown-provider",
          file: POLICY_FILE,
          line: String(lineOf(invalid, "cloudfare")),
          col: "14",
        },
        message: expect.stringMatching(/unknown provider `cloudfare`.*did you mean `cloudflare`/),
      },
      {
        level: "error",
        properties: {
          title: "domain-drift: invalid-domain-name",
          file: POLICY_FILE,
          line: String(lineOf(invalid, "bad..name.com")),
          col: "3",
        },
        message: expect.stringContaining("invalid domain name `bad..name.com`"),
      },
    ]);
    expect(run.summary).toContain("## domain-drift: the policies are invalid");
    expect(run.summary).toContain("2 error(s), 0 warning(s); nothing was checked");
    expect(run.summary).toContain(
      `policies/domains.yaml:${lineOf(invalid, "cloudfare")}:14: error: unknown provider`,
    );
    expect(world.rdap.counters().total).toBe(0);
  });

  it("refuses a cache-dir inside the workspace, where the pull request could plant cached data", async () => {
    // A planted root-hints copy pointing the walker at the runner's own network.
    const planted = {
      ...head,
      ".dd-cache/data/named.root":
        "; related version of root zone: 2099010101\n. NS a.evil.\na.evil. A 10.0.0.1\n",
    };
    const repo = await pullRequestRepo(newRepoDir(), base, planted);
    // Outside the workspace by name, inside it by a symlink; and the other way round.
    const intoWorkspace = join(dir, `into-${repoCount}`);
    await symlink(join(repo.workspace, ".dd-cache"), intoWorkspace);
    await symlink(join(dir, "cache"), join(repo.workspace, "out-of-workspace"));
    for (const cacheDir of [
      ".dd-cache",
      join(repo.workspace, ".dd-cache", "..", "deeper"),
      intoWorkspace,
      "out-of-workspace",
    ]) {
      const run = await runPullRequest(repo.workspace, pullRequestPayload(repo), {
        inputs: { "cache-dir": cacheDir },
      });
      expect(run.exitCode, run.stdout).toBe(2);
      expect(run.outputs).toMatchObject({ status: "invalid", "exit-code": "2", "json-report": "" });
      expect(run.annotations).toContainEqual(
        expect.objectContaining({
          level: "error",
          message: expect.stringContaining(
            `domain-drift: cache-dir ${cacheDir} is inside the workspace, which holds the pull request's files`,
          ),
        }),
      );
      expect(run.summary).toContain("runner.temp");
    }
    expect(world.rdap.counters().total).toBe(0);
  });

  it("refuses root-hints and rdap-bootstrap inside the workspace, where the pull request could change them", async () => {
    // The lab files as a pull request could commit them: working copies of the world's own.
    const planted = {
      ...head,
      "lab/named.root": await readFile(world.rootHintsFile, "utf8"),
      "lab/dns.json": await readFile(world.rdapBootstrapFile, "utf8"),
    };
    const repo = await pullRequestRepo(newRepoDir(), base, planted);
    // Outside the workspace by name, inside it by a symlink.
    const linkedLab = join(dir, `lab-link-${repoCount}`);
    await symlink(join(repo.workspace, "lab"), linkedLab);
    const cases: ReadonlyArray<readonly [Record<string, string>, string]> = [
      [{ "root-hints": "lab/named.root" }, "root-hints lab/named.root is inside the workspace"],
      [
        { "rdap-bootstrap": join(repo.workspace, "lab", "dns.json") },
        `rdap-bootstrap ${join(repo.workspace, "lab", "dns.json")} is inside the workspace`,
      ],
      [
        { "root-hints": join(linkedLab, "named.root") },
        `root-hints ${join(linkedLab, "named.root")} is inside the workspace`,
      ],
      [
        { "root-hints": "lab/named.root", "rdap-bootstrap": "lab/dns.json" },
        "root-hints lab/named.root and rdap-bootstrap lab/dns.json are inside the workspace",
      ],
    ];
    for (const [inputs, message] of cases) {
      const run = await runPullRequest(repo.workspace, pullRequestPayload(repo), { inputs });
      expect(run.exitCode, run.stdout).toBe(2);
      expect(run.outputs).toMatchObject({ status: "invalid", "exit-code": "2", "json-report": "" });
      expect(run.annotations).toContainEqual(
        expect.objectContaining({
          level: "error",
          message: expect.stringContaining(
            `domain-drift: ${message}, which holds the pull request's files`,
          ),
        }),
      );
      expect(run.summary).toContain("runner.temp");
    }
    expect(world.rdap.counters().total).toBe(0);
  });

  it("keeps annotations within GitHub's limit of 10 per level and says how many were left out", async () => {
    const many = Array.from(
      { length: 14 },
      (_, i) => `  d${i}.com: { dnsHost: nowhere${i} }\n`,
    ).join("");
    const invalid = `version: 1\ndefaults: { registrar: route53, dnsHost: route53 }\ndomains:\n${many}`;
    const repo = await pullRequestRepo(newRepoDir(), base, { [POLICY_FILE]: invalid });
    const run = await runPullRequest(repo.workspace, pullRequestPayload(repo));

    const errors = run.annotations.filter((a) => a.level === "error");
    const notices = run.annotations.filter((a) => a.level === "notice");
    expect(errors).toHaveLength(10); // 9 diagnostics and the step's failure
    expect(
      errors.filter((a) => a.properties.file === POLICY_FILE).map((a) => a.properties.line),
    ).toEqual(Array.from({ length: 9 }, (_, i) => String(4 + i)));
    expect(notices).toEqual([
      expect.objectContaining({
        message: expect.stringContaining("5 more annotation(s) are not shown"),
      }),
    ]);
    // The summary carries all 14.
    expect(run.summary.match(/error: unknown provider/g)).toHaveLength(14);
  });

  it("on a fork without AWS credentials, runs the DNS and RDAP checks and shows AWS as not checked", async () => {
    const forkHead = BASE_POLICY.replace(
      "  untouched.com: {}\n",
      "  untouched.com: { transferLock: required }\n",
    );
    const repo = await pullRequestRepo(newRepoDir(), base, { [POLICY_FILE]: forkHead });
    const emptyAws = join(dir, "no-aws");
    await writeFile(emptyAws, "");
    const noCredentials = { AWS_CONFIG_FILE: emptyAws, AWS_SHARED_CREDENTIALS_FILE: emptyAws };
    const payload = pullRequestPayload(repo, { fork: true });

    const run = await runPullRequest(repo.workspace, payload, { env: noCredentials });
    expect(run.exitCode, run.stdout).toBe(3);
    expect(run.outputs).toMatchObject({
      status: "unknown",
      "exit-code": "3",
      "unknown-count": "1",
    });
    const [domain] = (await jsonReport(run)).domains;
    expect(domain?.domain).toBe("untouched.com");
    expect(domain?.sources.delegation.status).toBe("ok");
    expect(domain?.sources.rdap.status).toBe("ok");
    expect(domain?.sources.route53.status).toBe("unavailable");
    expect(domain?.sources.route53Domains.status).toBe("unavailable");
    expect(domain?.sources.route53.reason).toMatch(/credentials/i);
    const notChecked = domain?.checks.filter((c) => c.status === "not-checked").map((c) => c.name);
    expect(notChecked).toContain("hosted-zone-missing");
    expect(domain?.checks.find((c) => c.name === "transfer-lock-disabled")?.status).toBe("pass");
    expect(domain?.checks.find((c) => c.name === "dns-host-mismatch")?.status).toBe("pass");
    // Without credentials no AWS request is even signed.
    expect(world.aws.requestLog).toEqual([]);
    expect(run.summary).toContain("comes from a fork");
    expect(run.summary).toContain("not checked `hosted-zone-missing`");

    const lenient = await runPullRequest(repo.workspace, payload, {
      env: noCredentials,
      inputs: { "fail-on-unknown": "false" },
    });
    expect(lenient.exitCode).toBe(0);
    expect(lenient.outputs).toMatchObject({ status: "unknown", "exit-code": "3" });
  });
});
