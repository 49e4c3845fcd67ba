// Annotations within GitHub's limit of 10 per level per step. Policy diagnostics and findings share
// it; kept aside are one error for the step's failure message, one notice for saying how many were
// left out (the job summary carries them all), and two warnings for problems of the run itself.
import * as core from "@actions/core";
import type { Diagnostic } from "../../policy/diagnostics.js";
import type { Report } from "../../report/model/model.js";
import {
  ANNOTATIONS_PER_LEVEL,
  type Annotation,
  reportAnnotations,
} from "../../report/render/github.js";
import { plain, plainLine } from "../../text/sanitize.js";

type Level = Annotation["level"];

/** Warnings about the run (an unreadable base commit, a failing API), not about a policy line. */
const RUN_WARNINGS = 2;

const COMMANDS: Readonly<Record<Level, typeof core.error>> = {
  error: core.error,
  warning: core.warning,
  notice: core.notice,
};

export class AnnotationBudget {
  readonly #left: Record<Level, number> = {
    error: ANNOTATIONS_PER_LEVEL - 1,
    warning: ANNOTATIONS_PER_LEVEL - RUN_WARNINGS,
    notice: ANNOTATIONS_PER_LEVEL - 1,
  };
  #runWarningsLeft = RUN_WARNINGS;
  #dropped = 0;

  /** A problem of the run; past the budget it still reaches the log. */
  warn(message: string): void {
    if (this.#runWarningsLeft <= 0) {
      // core.info escapes nothing: one clean line, so no text can start a workflow command.
      core.info(`Warning: ${plainLine(message)}`);
      return;
    }
    this.#runWarningsLeft -= 1;
    core.warning(plain(message), { title: "domain-drift" });
  }

  emit(annotation: Annotation): void {
    if (this.#left[annotation.level] <= 0) {
      this.#dropped += 1;
      return;
    }
    this.#left[annotation.level] -= 1;
    const properties: core.AnnotationProperties = { title: plain(annotation.title) };
    if (annotation.file !== undefined) properties.file = annotation.file;
    if (annotation.line !== undefined) properties.startLine = annotation.line;
    if (annotation.column !== undefined) properties.startColumn = annotation.column;
    COMMANDS[annotation.level](plain(annotation.message), properties);
  }

  /** Says how many annotations were left out, if any; call once at the end. */
  finish(): void {
    if (this.#dropped === 0) return;
    core.notice(
      `${this.#dropped} more annotation(s) are not shown: GitHub shows ${ANNOTATIONS_PER_LEVEL} per level and step. See the job summary or the JSON report.`,
      { title: "domain-drift" },
    );
  }
}

export function diagnosticAnnotation(diagnostic: Diagnostic): Annotation {
  return {
    level: diagnostic.severity,
    title: `domain-drift: ${diagnostic.code}`,
    message: diagnostic.message,
    file: diagnostic.file,
    line: diagnostic.line,
    column: diagnostic.column,
  };
}

/** A notice per migrating domain, then every unsuppressed finding, most severe first, at its policy line; the budget decides. */
export function findingAnnotations(report: Report): Annotation[] {
  return reportAnnotations(report, Number.POSITIVE_INFINITY);
}
