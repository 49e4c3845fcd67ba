// docs/aws.md's read-only IAM policy must allow exactly what the observers call, no more.
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { IAM_ACTIONS, READ_ONLY_ACTIONS } from "../../../../src/observe/providers/route53/index.js";
import { repoPath } from "../../../support/repo.js";

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: string | string[];
}

async function readOnlyPolicy(): Promise<{ Statement: Statement[] }> {
  const doc = await readFile(repoPath("docs", "aws.md"), "utf8");
  const section = doc.split("## Minimal read-only IAM policy")[1] ?? "";
  const block = /```json\n([\s\S]*?)```/.exec(section)?.[1];
  if (block === undefined) throw new Error("no JSON policy under the heading");
  return JSON.parse(block) as { Statement: Statement[] };
}

describe("docs/aws.md", () => {
  it("lists exactly the read-only actions the observers call", async () => {
    const policy = await readOnlyPolicy();
    const actions = policy.Statement.flatMap((s) =>
      Array.isArray(s.Action) ? s.Action : [s.Action],
    );
    expect(policy.Statement.every((s) => s.Effect === "Allow")).toBe(true);
    expect(actions.sort()).toEqual([...READ_ONLY_ACTIONS].sort());
    expect(
      actions.some(
        (a) => a.includes("*") || /:(Change|Create|Delete|Update|Register|Transfer)/.test(a),
      ),
    ).toBe(false);
  });

  it("names every operation's IAM action in the read-only policy or the role section", async () => {
    const doc = await readFile(repoPath("docs", "aws.md"), "utf8");
    for (const action of Object.values(IAM_ACTIONS)) expect(doc).toContain(action);
  });
});
