// A domain's migration: the phase, then per move each check's verdict with what was found or why it
// could not be judged, the registrar operation it waits on, and until when the old host must keep
// serving. A check that could not run reads "not checked" with its reason, never as passed.
import type { MigrationView } from "../page-data.js";
import { type Child, dataTable, h } from "./dom.js";
import { CHECK_LABEL, when } from "./labels.js";

/** The migration section's content. */
export function migrationPhase(view: MigrationView): Child[] {
  return [
    h("p", {}, h("strong", {}, `Phase: ${view.phase}`)),
    ...(view.keepOldHostUntil === undefined
      ? []
      : [h("p", {}, h("strong", {}, `Keep the old zone until ${when(view.keepOldHostUntil)}.`))]),
    ...view.moves.flatMap((move) => [
      dataTable(
        `${move.move}: ${move.phase}`,
        ["Check", "Result", "Found, or why not checked"],
        move.checks.map((check) => [
          h("code", {}, check.name),
          CHECK_LABEL[check.status] ?? check.status,
          check.detail,
        ]),
      ),
      move.operation === undefined ? null : h("p", { class: "sub" }, `Waits on ${move.operation}`),
    ]),
    h("p", {}, `Next: ${view.next}`),
  ];
}
