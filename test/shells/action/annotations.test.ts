// Run warnings past the annotation budget go to the log with core.info, which escapes nothing: a
// line break in the message must not start a workflow command there.
import { afterEach, describe, expect, it, vi } from "vitest";
import { AnnotationBudget } from "../../../src/shells/action/annotations.js";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("AnnotationBudget.warn", () => {
  it("logs warnings beyond the budget on one line, with control characters replaced", () => {
    const written: string[] = [];
    vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    const budget = new AnnotationBudget();
    for (let i = 0; i < 3; i++) {
      budget.warn(`the base policies could not be read: a\n::error::forged\u001b[2J.yaml ${i}`);
    }
    const log = written.join("");
    // The first two are annotations (escaped by @actions/core); the third is a plain log line.
    expect(log).not.toMatch(/^::error::forged/m);
    expect(log).not.toContain("\u001b");
    expect(log).toContain("Warning: the base policies could not be read: a ::error::forged");
  });
});
