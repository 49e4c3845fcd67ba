// The GitHub Action: validate the policies (annotations on their lines), check the domains in
// scope (pull-request mode: those the pull request changes; scan mode: all), write the reports and
// the job summary, keep the tracking issue, and end by the exit-code contract.
import path from "node:path";
import * as core from "@actions/core";
import { ALL_DOMAINS } from "../../check/select.js";
import { openCheckSession } from "../../check/session.js";
import { defaultCacheDir } from "../../data/cache-dir.js";
import { formatDiagnostic } from "../../policy/diagnostics.js";
import { loadPolicies } from "../../policy/load.js";
import type { PolicySet } from "../../policy/types.js";
import { compareWithBaseline } from "../../report/baseline.js";
import { ExitCode } from "../../report/model/exit-codes.js";
import type { Report } from "../../report/model/model.js";
import { exitCodeOf } from "../../report/model/summary.js";
import { renderText } from "../../report/render/text.js";
import { AnnotationBudget, diagnosticAnnotation, findingAnnotations } from "./annotations.js";
import { readBaselineFile } from "./baseline-file.js";
import { chooseCacheDir } from "./cache-dir.js";
import { type PullRequestEvent, readPullRequestEvent } from "./event.js";
import {
  type ActionInputs,
  type ActionMode,
  checkSettingsOf,
  readInputs,
  resolveMode,
} from "./inputs.js";
import {
  type HtmlReportNote,
  renderInvalidSummary,
  renderJobSummary,
  renderUsageSummary,
} from "./job-summary.js";
import { labFilesInWorkspace } from "./lab-files.js";
import { logUntrusted } from "./log.js";
import { invalidOutcome, type Outcome, publishOutcome, reportOutcome } from "./outcome.js";
import { writeReportFiles } from "./report-files.js";
import { workflowRunUrl } from "./run-url.js";
import { type CheckScope, pullRequestScope, SCAN_SCOPE, scopedPolicySet } from "./scope.js";
import { trackScan } from "./track-scan.js";

async function writeSummary(markdown: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) {
    core.info("No job summary: GITHUB_STEP_SUMMARY is not set.");
    return;
  }
  try {
    await core.summary.addRaw(markdown, true).write();
  } catch (error) {
    core.warning(`Cannot write the job summary: ${(error as Error).message}`);
  }
}

async function usageFailure(message: string): Promise<Outcome> {
  await writeSummary(renderUsageSummary(message));
  return invalidOutcome(`domain-drift: ${message}`);
}

/** Relative to the workspace with `/` separators: how annotations and code scanning name files. */
function workspacePath(given: string, workspace: string): string {
  const relative = path.relative(workspace, path.resolve(workspace, given));
  return relative === "" ? "." : relative.split(path.sep).join("/");
}

/** Where the HTML report went, named as a workflow's upload step would name it. */
function htmlReportNote(file: string | undefined, workspace: string): HtmlReportNote | undefined {
  if (file === undefined) return undefined;
  const relative = workspacePath(file, workspace);
  return {
    file: relative.startsWith("../") ? file : relative,
    runUrl: workflowRunUrl(process.env),
  };
}

interface RunContext {
  readonly inputs: ActionInputs;
  readonly mode: ActionMode;
  readonly workspace: string;
  readonly cacheDir: string;
  readonly paths: readonly string[];
  readonly now: Date;
  readonly budget: AnnotationBudget;
}

async function pullRequestEvent(context: RunContext): Promise<PullRequestEvent | undefined> {
  if (context.mode !== "pull-request") return undefined;
  const read = await readPullRequestEvent(process.env.GITHUB_EVENT_PATH);
  if (read.ok) return read.event;
  context.budget.warn(read.message);
  return undefined;
}

async function checkScope(
  context: RunContext,
  event: PullRequestEvent | undefined,
  policySet: PolicySet,
): Promise<CheckScope> {
  if (context.mode === "scan") return SCAN_SCOPE;
  const scope = await pullRequestScope({
    workspace: context.workspace,
    event,
    paths: context.paths,
    head: policySet,
    now: context.now,
  });
  if (scope.kind === "all") context.budget.warn(`Checking every domain: ${scope.reason}.`);
  else core.info(`Checking ${scope.changes.changed.size} changed domain(s).`);
  return scope;
}

async function observeAndJudge(
  context: RunContext,
  policySet: PolicySet,
): Promise<{ ok: true; report: Report } | { ok: false; message: string }> {
  const { inputs, workspace, cacheDir } = context;
  const opened = await openCheckSession(
    checkSettingsOf(inputs, workspace, cacheDir),
    policySet.accounts,
  );
  if (!opened.ok) return opened;
  const { session } = opened;
  for (const warning of session.warnings) core.warning(warning);
  try {
    const report = await session.run({
      policySet,
      failOn: inputs.failOn,
      inventory: inputs.inventory && context.mode === "scan",
      selection: ALL_DOMAINS,
      now: context.now,
    });
    return { ok: true, report };
  } finally {
    await session.close();
  }
}

async function runAction(): Promise<Outcome> {
  const parsed = readInputs((name) => core.getInput(name));
  if (!parsed.ok) return usageFailure(parsed.message);
  const { inputs } = parsed;
  if (inputs.githubToken !== undefined) core.setSecret(inputs.githubToken);
  if (inputs.inventory && !inputs.aws) {
    return usageFailure("inventory needs the AWS observers: set aws: true or inventory: false");
  }
  const workspace = process.env.GITHUB_WORKSPACE || process.cwd();
  const resolved = resolveMode(inputs.mode, process.env.GITHUB_EVENT_NAME);
  if (!resolved.ok) return usageFailure(resolved.message);
  const { mode } = resolved;
  const cacheDir = await chooseCacheDir(inputs.cacheDir, defaultCacheDir(), mode, workspace);
  if (!cacheDir.ok) return usageFailure(cacheDir.message);
  const labFiles = await labFilesInWorkspace(inputs, mode, workspace);
  if (labFiles !== undefined) return usageFailure(labFiles);
  const context: RunContext = {
    inputs,
    mode,
    workspace,
    cacheDir: cacheDir.dir,
    paths: inputs.policies.map((given) => workspacePath(given, workspace)),
    now: new Date(),
    budget: new AnnotationBudget(),
  };
  core.info(`domain-drift: ${mode} mode, policies ${context.paths.join(", ")}`);

  // The checkout is the pull request's: a policy path that is a symbolic link to `/` must not
  // make the Action read (and print the names and keys of) files outside it.
  const loaded = await loadPolicies(context.paths, {
    cwd: workspace,
    now: context.now,
    within: { path: workspace, name: "the workspace" },
  });
  if (loaded.diagnostics.length > 0) {
    logUntrusted(loaded.diagnostics.map(formatDiagnostic).join("\n"));
  }
  for (const diagnostic of loaded.diagnostics)
    context.budget.emit(diagnosticAnnotation(diagnostic));
  if (!loaded.ok) {
    context.budget.finish();
    await writeSummary(renderInvalidSummary(loaded.diagnostics));
    return invalidOutcome("domain-drift: the policies are invalid; nothing was checked");
  }

  let baseline: Report | undefined;
  if (inputs.baseline !== undefined && mode === "pull-request") {
    core.info("The baseline input is used in scan mode only.");
  } else if (inputs.baseline !== undefined) {
    const read = await readBaselineFile(inputs.baseline, workspace);
    if (read.kind === "invalid") return usageFailure(read.message);
    if (read.kind === "missing")
      context.budget.warn(`No baseline at ${inputs.baseline}: every finding is new.`);
    else baseline = read.report;
  }

  const event = await pullRequestEvent(context);
  const scope = await checkScope(context, event, loaded.policySet);
  const checked = await observeAndJudge(context, scopedPolicySet(loaded.policySet, scope));
  if (!checked.ok) return usageFailure(checked.message);
  const report =
    baseline === undefined ? checked.report : compareWithBaseline(checked.report, baseline);
  logUntrusted(renderText(report, { color: false }));

  const exitCode = exitCodeOf(report);
  const written = await writeReportFiles(
    report,
    inputs.formats,
    path.resolve(workspace, inputs.reportDir),
    workspace,
  );
  for (const annotation of findingAnnotations(report)) context.budget.emit(annotation);

  const notes =
    mode === "scan" && inputs.trackingIssue
      ? [await trackScan(report, exitCode, inputs, context.budget)]
      : [];
  context.budget.finish();
  if (mode === "pull-request" && (inputs.trackingIssue || inputs.inventory)) {
    core.info("tracking-issue and inventory are for scans; pull-request mode ignores them.");
  }
  await writeSummary(
    renderJobSummary({
      mode,
      report,
      scope,
      declaredDomains: loaded.policySet.domains.length,
      diagnostics: loaded.diagnostics,
      fromFork: event?.fromFork ?? false,
      files: written.ok ? written.files : {},
      htmlReport: htmlReportNote(written.ok ? written.files.html : undefined, workspace),
      notes,
    }),
  );
  if (!written.ok) {
    // Later steps upload these files: a run that could not write them must not pass.
    return {
      ...reportOutcome(report, exitCode, {}, inputs.failOnUnknown),
      exitCode: ExitCode.OutputFailed,
      failure: `domain-drift: ${written.message}`,
    };
  }
  return reportOutcome(report, exitCode, written.files, inputs.failOnUnknown);
}

export async function run(): Promise<void> {
  let outcome: Outcome;
  try {
    outcome = await runAction();
  } catch (error) {
    // Every expected failure is a value; this is a bug, reported without losing the outputs.
    outcome = invalidOutcome(`domain-drift: internal error: ${(error as Error).message}`);
    if (error instanceof Error && error.stack) core.debug(error.stack);
  }
  publishOutcome(outcome);
}
