// The committed bundle must be what `npm run bundle` makes of the current sources: GitHub runs
// dist/index.js as committed, so a stale one ships old behaviour.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { DEFAULT_REPORT_FILE_FORMATS, INPUT_NAMES } from "../../../src/shells/action/inputs.js";
import { REPO_ROOT } from "../../support/repo.js";

const run = promisify(execFile);
const STALE = "dist/ is stale: run npm run bundle";

let fresh: string;
beforeAll(async () => {
  fresh = await mkdtemp(join(tmpdir(), "dd-bundle-"));
  await run(process.execPath, [join(REPO_ROOT, "scripts", "bundle.mjs"), "--outdir", fresh], {
    cwd: REPO_ROOT,
  });
}, 120_000);
afterAll(async () => {
  await rm(fresh, { recursive: true, force: true });
});

describe("dist/", () => {
  for (const file of ["index.js", "licenses.txt"]) {
    it(`${file} is byte for byte what npm run bundle makes`, async () => {
      const rebuilt = await readFile(join(fresh, file));
      const committed = await readFile(join(REPO_ROOT, "dist", file)).catch(() => Buffer.alloc(0));
      expect(committed.equals(rebuilt), STALE).toBe(true);
    });
  }

  it("is what action.yml runs, on node24, with exactly the inputs the Action reads", async () => {
    const action = parse(await readFile(join(REPO_ROOT, "action.yml"), "utf8")) as {
      runs: { using: string; main: string };
      inputs: Record<string, { default?: string }>;
      outputs: Record<string, unknown>;
    };
    expect(action.runs).toEqual({ using: "node24", main: "dist/index.js" });
    expect(Object.keys(action.inputs).sort()).toEqual([...INPUT_NAMES].sort());
    // A GitHub expression, not a JavaScript template.
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the literal expression is the point.
    expect(action.inputs["github-token"]?.default).toBe("${{ github.token }}");
    expect(action.inputs.formats?.default).toBe(DEFAULT_REPORT_FILE_FORMATS);
    expect(Object.keys(action.outputs)).toEqual([
      "status",
      "drift-count",
      "unknown-count",
      "exit-code",
      "json-report",
      "sarif-report",
      "markdown-report",
      "html-report",
    ]);
  });
});
