// Which mode a run takes from the `mode` input and the triggering event. A pull request's checkout
// is the pull request's: scan mode, which trusts the workspace, is never taken on such an event.
import { describe, expect, it } from "vitest";
import { resolveMode } from "../../../src/shells/action/inputs.js";

describe("the Action's mode", () => {
  it("auto: pull-request on pull-request events, scan on the others", () => {
    expect(resolveMode("auto", "pull_request")).toEqual({ ok: true, mode: "pull-request" });
    for (const event of [
      "pull_request_target",
      "pull_request_review",
      "pull_request_review_comment",
    ]) {
      expect(resolveMode("auto", event)).toEqual({ ok: true, mode: "pull-request" });
    }
    for (const event of ["schedule", "workflow_dispatch", "push", undefined]) {
      expect(resolveMode("auto", event)).toEqual({ ok: true, mode: "scan" });
    }
  });

  it("an explicit mode is kept, except scan on a pull-request event, which is refused", () => {
    expect(resolveMode("pull-request", "schedule")).toEqual({ ok: true, mode: "pull-request" });
    expect(resolveMode("scan", "push")).toEqual({ ok: true, mode: "scan" });
    for (const event of [
      "pull_request",
      "pull_request_target",
      "pull_request_review",
      "pull_request_review_comment",
    ]) {
      const resolved = resolveMode("scan", event);
      expect(resolved.ok).toBe(false);
      if (resolved.ok) continue;
      expect(resolved.message).toContain(`input mode: "scan" is refused on a ${event} event`);
      expect(resolved.message).toContain("Use mode: auto (or pull-request)");
    }
  });
});
