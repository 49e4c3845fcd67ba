// The check that lets CI's incremental mutation run skip a module (scripts/mutation/kept-results.mjs):
// a module's kept results count as current only while its mutated files and every test file that
// ran are as they recorded them. Run as CI runs it, a process in a working tree: here a temporary
// one holding the `wire-acceptance` module's one file, a test of it and its kept results.
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { repoPath } from "../support/repo.js";

const SCRIPT = repoPath("scripts", "mutation", "kept-results.mjs");
const MUTATED = "src/observe/dns/wire.ts";
const TEST = "test/observe/dns/wire.test.ts";

let tree: string;

async function put(path: string, text: string): Promise<void> {
  await mkdir(dirname(join(tree, path)), { recursive: true });
  await writeFile(join(tree, path), text);
}

/** What the script says of the module in the temporary tree. */
async function verdict(): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, [SCRIPT, "wire-acceptance"], {
    cwd: tree,
  });
  return stdout.trim();
}

beforeEach(async () => {
  tree = await mkdtemp(join(tmpdir(), "domain-drift-kept-results-"));
  await put(MUTATED, "export const answer = 42;\n");
  await put(TEST, "it('answers', () => {});\n");
  const kept = {
    schemaVersion: "2",
    thresholds: { high: 90, low: 90 },
    files: {
      [MUTATED]: {
        language: "typescript",
        source: "export const answer = 42;\n",
        mutants: [{ id: "1", mutatorName: "ArithmeticOperator", status: "Killed" }],
      },
    },
    testFiles: {
      [TEST]: { source: "it('answers', () => {});\n", tests: [{ id: "0", name: "answers" }] },
    },
  };
  await put("reports/stryker-incremental/wire-acceptance.json", JSON.stringify(kept));
});

afterEach(async () => {
  await rm(tree, { recursive: true, force: true });
});

describe("kept mutation results", () => {
  it("are current while the mutated file and the tests that ran are unchanged", async () => {
    expect(await verdict()).toBe("wire-acceptance: current");
  });

  it("stay current when a test file is added: it can only kill more mutants", async () => {
    await put("test/observe/dns/safety.test.ts", "it('is new', () => {});\n");
    expect(await verdict()).toBe("wire-acceptance: current");
  });

  it("are not current once the mutated file changed", async () => {
    await put(MUTATED, "export const answer = 41;\n");
    expect(await verdict()).toBe(`wire-acceptance: ${MUTATED} changed`);
  });

  it("are not current once a test file that ran changed or was removed", async () => {
    await put(TEST, "it('answers', () => { throw new Error(); });\n");
    expect(await verdict()).toBe(`wire-acceptance: ${TEST} changed`);
    await rm(join(tree, TEST));
    expect(await verdict()).toBe(`wire-acceptance: ${TEST} changed`);
  });

  it("are not current when they name a test file the mutation suite leaves out", async () => {
    const kept = {
      files: { [MUTATED]: { source: "export const answer = 42;\n", mutants: [] } },
      testFiles: { "test/e2e/wire.test.ts": { source: "", tests: [] } },
    };
    await put("reports/stryker-incremental/wire-acceptance.json", JSON.stringify(kept));
    expect(await verdict()).toBe("wire-acceptance: test/e2e/wire.test.ts left the mutation suite");
  });

  it("are not current when the module's files are not the ones they hold", async () => {
    const kept = {
      files: { "src/observe/dns/old-wire.ts": { source: "", mutants: [] } },
      testFiles: {},
    };
    await put("reports/stryker-incremental/wire-acceptance.json", JSON.stringify(kept));
    expect(await verdict()).toBe(`wire-acceptance: ${MUTATED} is not in them`);
    await rm(join(tree, MUTATED));
    expect(await verdict()).toBe(
      "wire-acceptance: src/observe/dns/old-wire.ts is no longer mutated",
    );
  });

  it("are not current when there are none", async () => {
    await rm(join(tree, "reports"), { recursive: true });
    expect(await verdict()).toBe(
      "wire-acceptance: no kept results (reports/stryker-incremental/wire-acceptance.json)",
    );
  });
});
