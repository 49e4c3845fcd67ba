// Keeps the tracking issue of a scan, from the workflow's environment and token. A failing API call
// is a warning: the scan's own result stands either way.
import * as core from "@actions/core";
import { ExitCode } from "../../report/model/exit-codes.js";
import type { Report } from "../../report/model/model.js";
import type { AnnotationBudget } from "./annotations.js";
import { fittedMarkdown } from "./fitted-markdown.js";
import { createGitHubRest } from "./github-rest.js";
import type { ActionInputs } from "./inputs.js";
import { workflowRunUrl } from "./run-url.js";
import { type ScanState, syncTrackingIssue, type TrackingOutcome } from "./tracking-issue.js";

/** Issue bodies are limited to 65,536 characters; the marker and the run link need a little. */
const BODY_BYTES = 60_000;
const REPOSITORY = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

function scanState(exitCode: ExitCode): ScanState {
  if (exitCode === ExitCode.Drift) return "drift";
  return exitCode === ExitCode.Ok ? "clean" : "incomplete";
}

function runLink(): string {
  const url = workflowRunUrl(process.env);
  return url === undefined
    ? "this workflow run"
    : `[workflow run ${process.env.GITHUB_RUN_ID}](${url})`;
}

function describeOutcome(outcome: TrackingOutcome): string {
  switch (outcome.kind) {
    case "created":
      return `Tracking issue #${outcome.number} opened.`;
    case "updated":
      return `Tracking issue #${outcome.number} ${outcome.reopened ? "reopened and updated" : "updated"}.`;
    case "closed":
      return `Tracking issue #${outcome.number} closed: no drift.`;
    case "unchanged":
      return `Tracking issue left as it is: ${outcome.reason}.`;
    case "failed":
      return `The tracking issue could not be kept: ${outcome.message}`;
  }
}

/** Opens, updates or closes the tracking issue; the line for the job summary. */
export async function trackScan(
  report: Report,
  exitCode: ExitCode,
  inputs: ActionInputs,
  budget: AnnotationBudget,
): Promise<string> {
  const repository = process.env.GITHUB_REPOSITORY ?? "";
  const token = inputs.githubToken;
  if (token === undefined || !REPOSITORY.test(repository)) {
    const message = "The tracking issue needs github-token and GITHUB_REPOSITORY (owner/name).";
    budget.warn(message);
    return message;
  }
  const rest = createGitHubRest({
    apiUrl: process.env.GITHUB_API_URL || "https://api.github.com",
    token,
  });
  const link = runLink();
  let outcome: TrackingOutcome;
  try {
    outcome = await syncTrackingIssue(rest, {
      repository,
      state: scanState(exitCode),
      body: `${fittedMarkdown(report, BODY_BYTES)}\nLast scan: ${link}.\n`,
      closingComment: `domain-drift found no drift in ${link}: closing.`,
    });
  } finally {
    await rest.close();
  }
  const line = describeOutcome(outcome);
  if (outcome.kind === "failed") budget.warn(line);
  else core.info(line);
  return line;
}
