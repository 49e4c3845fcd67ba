// Scan mode of the bundled Action: every domain checked, report files written and valid against
// their schemas (the HTML page carrying every domain), the baseline comparison, and usage errors.
import { copyFile, mkdir, mkdtemp, readFile, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import AjvDraft04Module from "ajv-draft-04";
import addFormatsModule from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningScenario } from "../../../src/lab/scenario.js";
import type { Report } from "../../../src/report/model/model.js";
import reportSchema from "../../../src/schemas/report-v1.schema.json" with { type: "json" };
import sarifSchema from "../../../src/schemas/vendor/sarif-schema-2.1.0.json" with { type: "json" };
import { pageDataOf } from "../../support/html-page.js";
import type { LabWorld } from "../../support/lab-world.js";
import { REPO_ROOT } from "../../support/repo.js";
import { scanRepo } from "./support/git-repo.js";
import { type ActionRun, runAction } from "./support/run-action.js";
import { BASE_POLICY, startWorld, worldInputs } from "./support/world.js";

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;
const AjvDraft04 = AjvDraft04Module as unknown as typeof AjvDraft04Module.default;

const POLICY_FILE = "policies/domains.yaml";
/** modified.com declared at Cloudflare while it is at Route 53; dangling.com dangles. */
const DRIFTING_POLICY = BASE_POLICY.replace(
  "  modified.com: {}\n",
  "  modified.com: { dnsHost: cloudflare }\n",
);

function lineOf(text: string, needle: string): number {
  return text.split("\n").findIndex((line) => line.includes(needle)) + 1;
}

let dir: string;
let lab: LabWorld;
let world: RunningScenario;
let workspaces = 0;

beforeAll(async () => {
  lab = await startWorld("dd-action-scan-");
  ({ scenario: world, dir } = lab);
});
afterAll(async () => {
  await lab?.close();
});

async function workspace(policy: string): Promise<string> {
  workspaces += 1;
  return scanRepo(join(dir, `ws-${workspaces}`), { [POLICY_FILE]: policy });
}

function runScan(ws: string, inputs: Record<string, string> = {}): Promise<ActionRun> {
  return runAction({
    workspace: ws,
    eventName: "schedule",
    payload: { schedule: "0 3 * * *" },
    inputs: { ...worldInputs(world, dir), ...inputs },
    env: world.env,
  });
}

async function readJson(file: string | undefined): Promise<unknown> {
  expect(file).toBeTruthy();
  return JSON.parse(await readFile(file as string, "utf8"));
}

// Each test runs the Action once or twice; allow for a loaded machine.
describe("scan mode", { timeout: 90_000 }, () => {
  it("checks every domain and writes JSON, SARIF, Markdown and HTML reports that validate", async () => {
    const ws = await workspace(DRIFTING_POLICY);
    const run = await runScan(ws, {
      formats: "json, sarif, markdown, html",
      "report-dir": "out/reports",
    });

    expect(run.exitCode, run.stdout).toBe(1);
    expect(run.outputs).toMatchObject({
      status: "drift",
      "exit-code": "1",
      "drift-count": "2",
      "unknown-count": "0",
      "json-report": join(ws, "out/reports/domain-drift.json"),
      "sarif-report": join(ws, "out/reports/domain-drift.sarif"),
      "markdown-report": join(ws, "out/reports/domain-drift.md"),
      "html-report": join(ws, "out/reports/domain-drift.html"),
    });

    const json = await readJson(run.outputs["json-report"]);
    const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
    addFormats(ajv, ["date", "date-time"]);
    const validateReport = ajv.compile(reportSchema);
    expect(validateReport(json), JSON.stringify(validateReport.errors?.slice(0, 3))).toBe(true);
    const report = json as Report;
    // The bundle finds ../package.json from dist/, as src/version.ts expects.
    const pkg = JSON.parse(await readFile(join(REPO_ROOT, "package.json"), "utf8"));
    expect(report.tool).toEqual({ name: pkg.name, version: pkg.version });
    expect(report.domains.map((d) => d.domain)).toEqual([
      "acme.org",
      "dangling.com",
      "modified.com",
      "untouched.com",
    ]);

    const sarif = await readJson(run.outputs["sarif-report"]);
    const draft04 = new AjvDraft04({ allErrors: true, strict: false });
    addFormats(draft04);
    const validateSarif = draft04.compile(sarifSchema);
    expect(validateSarif(sarif), JSON.stringify(validateSarif.errors?.slice(0, 3))).toBe(true);
    type SarifResult = {
      ruleId: string;
      locations: {
        physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } };
      }[];
    };
    const results = (sarif as { runs: { results: SarifResult[] }[] }).runs[0]?.results ?? [];
    expect(results.map((r) => r.ruleId)).toContain("dangling-delegation");
    const dangling = results.find((r) => r.ruleId === "dangling-delegation");
    expect(dangling?.locations[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: POLICY_FILE, uriBaseId: "%SRCROOT%" },
      region: { startLine: lineOf(DRIFTING_POLICY, "dangling.com"), startColumn: 3 },
    });

    const markdown = await readFile(run.outputs["markdown-report"] as string, "utf8");
    expect(markdown).toMatch(/^## domain-drift: 2 drift, 0 unknown, 2 compliant/);

    expect(run.summary).toContain("## domain-drift: 2 drift, 0 unknown, 2 compliant");
    expect(run.summary).toContain("All 4 domains were checked: a scan checks every domain.");
    expect(run.summary).toContain("`dangling-delegation`");
    expect(run.summary).toContain("### Report files");

    // The page people read: every domain in it, and the summary says where to get it.
    const html = await readFile(run.outputs["html-report"] as string, "utf8");
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(
      pageDataOf(html)
        .domains.map((d) => d.name)
        .sort(),
    ).toEqual(report.domains.map((d) => d.domain).sort());
    expect(run.summary).toContain("### HTML report");
    expect(run.summary).toContain("`out/reports/domain-drift.html`: one self-contained page");
    expect(run.summary).toContain(
      "Download it from the artifacts of [this run](https://github.example/octo-org/domains/actions/runs/4242#artifacts) when the workflow uploads `out/reports` with `actions/upload-artifact`.",
    );

    const errorLines = run.annotations
      .filter((a) => a.level === "error" && a.properties.file === POLICY_FILE)
      .map((a) => [a.properties.title, Number(a.properties.line)]);
    expect(errorLines).toContainEqual([
      "dangling-delegation (critical): dangling.com",
      lineOf(DRIFTING_POLICY, "dangling.com"),
    ]);
    expect(errorLines).toContainEqual([
      "dns-host-mismatch (high): modified.com",
      lineOf(DRIFTING_POLICY, "modified.com"),
    ]);
  });

  it("with a baseline, marks findings new or persisting and lists the resolved ones", async () => {
    const first = await runScan(await workspace(DRIFTING_POLICY));

    // modified.com is fixed; added.net is new and declared with the wrong registrar.
    const next = `${BASE_POLICY}  added.net:\n    registrar: route53\n    dnsHost: hover\n`;
    const ws = await workspace(next);
    // Where the documented workflow's actions/cache step restores it.
    await mkdir(join(ws, "baseline"));
    await copyFile(first.outputs["json-report"] as string, join(ws, "baseline", "previous.json"));
    const run = await runScan(ws, { baseline: "baseline/previous.json", formats: "json,sarif" });

    const report = (await readJson(run.outputs["json-report"])) as Report;
    const findings = (domain: string) =>
      report.domains.find((d) => d.domain === domain)?.findings ?? [];
    expect(findings("dangling.com").length).toBeGreaterThan(0);
    expect(findings("dangling.com").map((f) => f.baseline)).toEqual(
      findings("dangling.com").map(() => "persisting"),
    );
    expect(findings("added.net").map((f) => f.rule)).toContain("registrar-mismatch");
    expect(findings("added.net").every((f) => f.baseline === "new")).toBe(true);
    expect(findings("modified.com")).toEqual([]);
    expect(report.baseline?.resolved).toEqual([
      expect.objectContaining({ domain: "modified.com", rule: "dns-host-mismatch" }),
    ]);

    const sarif = (await readJson(run.outputs["sarif-report"])) as {
      runs: { results: { ruleId: string; baselineState?: string }[] }[];
    };
    const states = new Set(sarif.runs[0]?.results.map((r) => r.baselineState));
    expect(states).toEqual(new Set(["new", "unchanged"]));

    expect(run.summary).toContain("### Resolved since the baseline");
    expect(run.summary).toMatch(/`dns-host-mismatch` `modified\.com`/);
    expect(run.summary).toContain("_(new)_");
  });

  it("takes a missing baseline as the first run, and stops on an invalid one", async () => {
    const ws = await workspace(BASE_POLICY);
    const first = await runScan(ws, { baseline: "previous/domain-drift.json" });
    expect(first.outputs["exit-code"]).toBe("1");
    expect(first.annotations).toContainEqual(
      expect.objectContaining({
        level: "warning",
        message: "No baseline at previous/domain-drift.json: every finding is new.",
      }),
    );
    const report = (await readJson(first.outputs["json-report"])) as Report;
    expect(report.baseline).toBeUndefined();

    await writeFile(join(ws, "garbage.json"), JSON.stringify({ schemaVersion: "1.0", domains: 3 }));
    const invalid = await runScan(ws, { baseline: "garbage.json" });
    expect(invalid.exitCode).toBe(2);
    expect(invalid.outputs).toMatchObject({
      status: "invalid",
      "exit-code": "2",
      "json-report": "",
    });
    expect(invalid.summary).toContain("garbage.json: not a domain-drift report");
  });

  it("refuses a baseline outside the workspace, as written or through a symbolic link", async () => {
    const first = await runScan(await workspace(BASE_POLICY), { formats: "json" });
    // A valid report elsewhere on the runner: read, it would decide what counts as new.
    const outside = join(await mkdtemp(join(dir, "elsewhere-")), "previous.json");
    await copyFile(first.outputs["json-report"] as string, outside);
    const ws = await workspace(BASE_POLICY);
    await symlink(outside, join(ws, "linked.json"));
    for (const [baseline, how] of [
      [outside, ""],
      ["../elsewhere.json", ""],
      ["linked.json", " through a symbolic link"],
    ] as const) {
      world.rdap.resetCounters();
      const run = await runScan(ws, { baseline });
      expect(run.exitCode, run.stdout).toBe(2);
      expect(run.outputs).toMatchObject({ status: "invalid", "exit-code": "2", "json-report": "" });
      const [failure] = run.annotations.filter((a) => a.level === "error");
      expect(failure?.message).toContain(
        `baseline ${baseline} leads outside the workspace${how}: not read`,
      );
      // Refused before anything was checked.
      expect(world.rdap.counters().total).toBe(0);
    }
  });

  it("takes a registry capability table of your own (registries), validated as check --registries does", async () => {
    const ws = await workspace(BASE_POLICY);
    const table = join(await mkdtemp(join(dir, "registries-")), "registries.json");
    await writeFile(
      table,
      JSON.stringify({
        version: "lab",
        registries: [{ id: "lab", name: "Lab Registry", tlds: ["com", "com"] }],
      }),
    );
    world.rdap.resetCounters();
    const refused = await runScan(ws, { registries: table });
    expect(refused.exitCode, refused.stdout).toBe(2);
    expect(refused.outputs).toMatchObject({ status: "invalid", "exit-code": "2" });
    const [failure] = refused.annotations.filter((a) => a.level === "error");
    expect(failure?.message).toContain(`${table}: `);
    expect(world.rdap.counters().total).toBe(0);

    await writeFile(
      table,
      JSON.stringify({
        version: "lab",
        registries: [{ id: "lab", name: "Lab Registry", tlds: ["com", "net", "org"] }],
      }),
    );
    const run = await runScan(ws, { registries: table, formats: "json" });
    expect(run.outputs, run.stdout).toMatchObject({ status: "drift", "exit-code": "1" });
  });

  it("refuses bad inputs with one message naming each, before checking anything", async () => {
    world.rdap.resetCounters();
    const run = await runScan(await workspace(BASE_POLICY), {
      formats: "json,pdf",
      "fail-on": "severe",
      concurrency: "0",
    });
    expect(run.exitCode).toBe(2);
    expect(run.outputs).toMatchObject({ status: "invalid", "exit-code": "2" });
    const [failure] = run.annotations.filter((a) => a.level === "error");
    expect(failure?.message).toContain(
      'input formats: "pdf" is not one of json, sarif, markdown, html',
    );
    expect(failure?.message).toContain('input fail-on: "severe" is not one of critical');
    expect(failure?.message).toContain('input concurrency: "0" is not an integer from 1 to 4096');
    expect(world.rdap.counters().total).toBe(0);
  });

  it("refuses mode: scan on pull-request events, before reading or checking anything", async () => {
    world.rdap.resetCounters();
    const ws = await workspace(BASE_POLICY);
    for (const eventName of ["pull_request", "pull_request_target"]) {
      const run = await runAction({
        workspace: ws,
        eventName,
        payload: { action: "opened", pull_request: { number: 1 } },
        inputs: { ...worldInputs(world, dir), mode: "scan" },
        env: world.env,
      });
      expect(run.exitCode, run.stdout).toBe(2);
      expect(run.outputs).toMatchObject({ status: "invalid", "exit-code": "2" });
      const [failure] = run.annotations.filter((a) => a.level === "error");
      expect(failure?.message).toContain(`input mode: "scan" is refused on a ${eventName} event`);
      expect(run.summary).toContain("mode: auto");
    }
    expect(world.rdap.counters().total).toBe(0);
  });

  it("passes on a clean scan and says so in every output", async () => {
    const clean = BASE_POLICY.replace("  dangling.com: {}\n", "");
    const run = await runScan(await workspace(clean), { "fail-on": "low" });
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({
      status: "compliant",
      "exit-code": "0",
      "drift-count": "0",
    });
    expect(run.annotations).toEqual([]);
    expect(run.summary).toContain("## domain-drift: 0 drift, 0 unknown, 3 compliant");
  });
});
