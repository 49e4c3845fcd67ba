// How a run ends: the step outputs, and whether the step fails. The exit-code contract decides:
// 1 (drift) and 2 (invalid input) fail the step; 3 (checks that could not run, no drift) fails it
// unless `fail-on-unknown: false`. `status` says what was found, whatever the threshold.

import * as core from "@actions/core";
import { ExitCode } from "../../report/model/exit-codes.js";
import type { Report } from "../../report/model/model.js";
import { summaryLine } from "../../report/render/text.js";
import { plain } from "../../text/sanitize.js";
import type { ReportFiles } from "./report-files.js";

export type ActionStatus = "compliant" | "drift" | "unknown" | "invalid";

export interface Outcome {
  readonly status: ActionStatus;
  readonly exitCode: ExitCode;
  readonly driftCount: number;
  readonly unknownCount: number;
  readonly files: ReportFiles;
  /** Why the step fails; `undefined` when it passes. */
  readonly failure: string | undefined;
}

/** Drift below the fail threshold is still drift: never reported as compliant. */
function reportStatus(report: Report): Exclude<ActionStatus, "invalid"> {
  const accountDrift = report.accounts.some((account) =>
    account.findings.some((f) => f.suppressed === undefined && f.severity !== "info"),
  );
  if (report.summary.drift > 0 || accountDrift) return "drift";
  const accountUnknown = report.accounts.some((account) =>
    Object.values(account.sources).some((source) => source?.status === "unavailable"),
  );
  return report.summary.unknown > 0 || accountUnknown ? "unknown" : "compliant";
}

export function reportOutcome(
  report: Report,
  exitCode: ExitCode,
  files: ReportFiles,
  failOnUnknown: boolean,
): Outcome {
  const failure =
    exitCode === ExitCode.Drift
      ? `domain-drift found drift: ${summaryLine(report)}`
      : exitCode === ExitCode.Incomplete && failOnUnknown
        ? `domain-drift: some checks could not run and no drift was found (${summaryLine(report)}); set fail-on-unknown: false to let this pass`
        : undefined;
  return {
    status: reportStatus(report),
    exitCode,
    driftCount: report.summary.drift,
    unknownCount: report.summary.unknown,
    files,
    failure,
  };
}

export function invalidOutcome(message: string): Outcome {
  return {
    status: "invalid",
    exitCode: ExitCode.InvalidInput,
    driftCount: 0,
    unknownCount: 0,
    files: {},
    failure: message,
  };
}

/** Sets the outputs and the step's result. The process exits with the contract's code on failure. */
export function publishOutcome(outcome: Outcome): void {
  core.setOutput("status", outcome.status);
  core.setOutput("drift-count", String(outcome.driftCount));
  core.setOutput("unknown-count", String(outcome.unknownCount));
  core.setOutput("exit-code", String(outcome.exitCode));
  core.setOutput("json-report", outcome.files.json ?? "");
  core.setOutput("sarif-report", outcome.files.sarif ?? "");
  core.setOutput("markdown-report", outcome.files.markdown ?? "");
  core.setOutput("html-report", outcome.files.html ?? "");
  if (outcome.failure === undefined) {
    process.exitCode = 0;
    return;
  }
  core.setFailed(plain(outcome.failure));
  process.exitCode = outcome.exitCode === ExitCode.Ok ? 1 : outcome.exitCode;
}
