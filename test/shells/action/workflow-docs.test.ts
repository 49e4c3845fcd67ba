// The example workflows in the docs are what users copy: every third-party action in them, as in
// the repository's own workflows, is pinned to a full commit (with the release it is named in a
// comment), and the examples that run the Action upload the HTML report it writes.
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { repoPath } from "../../support/repo.js";

const DOCS = ["README.md", "docs/github-action.md", "docs/sharding.md"];
const WORKFLOWS = readdirSync(repoPath(".github", "workflows")).map(
  (name) => `.github/workflows/${name}`,
);

/** Every `uses:` of the file: the action and the rest of its line. */
function usesOf(file: string): { action: string; ref: string; comment: string }[] {
  const text = readFileSync(repoPath(file), "utf8");
  return [...text.matchAll(/^\s*(?:-\s+)?uses:\s*([^@\s]+)@(\S+)\s*(#.*)?$/gm)].map((m) => ({
    action: m[1] as string,
    ref: m[2] as string,
    comment: m[3] ?? "",
  }));
}

describe("example workflows", () => {
  it.each([...DOCS, ...WORKFLOWS])(
    "%s pins every third-party action to a commit of a named release",
    (file) => {
      const thirdParty = usesOf(file).filter((u) => !u.action.startsWith("domain-drift/"));
      for (const { action, ref, comment } of thirdParty) {
        expect(ref, `${file}: ${action}`).toMatch(/^[0-9a-f]{40}$/);
        expect(comment, `${file}: ${action}`).toMatch(/^# v\d+\.\d+\.\d+$/);
      }
    },
  );

  it("docs/github-action.md uploads the report directory, HTML report included, in each example", () => {
    const text = readFileSync(repoPath("docs/github-action.md"), "utf8");
    const examples = text.split(/^## Example: /m).slice(1);
    expect(examples.length).toBeGreaterThanOrEqual(2);
    for (const example of examples.filter((e) => e.includes("domain-drift/domain-drift@"))) {
      expect(example).toMatch(/uses: actions\/upload-artifact@[0-9a-f]{40}/);
      expect(example).toContain("path: domain-drift-reports/");
      const formats = /^\s+formats: (.+)$/m.exec(example)?.[1];
      if (formats !== undefined) expect(formats.split(",")).toContain("html");
    }
  });
});
