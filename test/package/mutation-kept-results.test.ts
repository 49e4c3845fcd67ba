// The check that lets CI's incremental mutation run skip a module (scripts/mutation/kept-results.mjs):
// a module's kept results count as current only while its mutated files, and every test file whose
// tests detected a mutant, are as they recorded them. Run as CI runs it, a process in a working tree: here a temporary
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
/** A test file whose test covered a mutant it did not kill. */
const OTHER_TEST = "test/observe/dns/safety.test.ts";

let tree: string;

async function put(path: string, text: string): Promise<void> {
  await mkdir(dirname(join(tree, path)), { recursive: true });
  await writeFile(join(tree, path), text);
}

/** What the script says of the module in the temporary tree. */
async function verdict(module = "wire-acceptance"): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, [SCRIPT, module], {
    cwd: tree,
  });
  return stdout.trim();
}

beforeEach(async () => {
  tree = await mkdtemp(join(tmpdir(), "domain-drift-kept-results-"));
  await put(MUTATED, "export const answer = 42;\n");
  await put(TEST, "it('answers', () => {});\n");
  await put(OTHER_TEST, "it('covers', () => {});\n");
  const kept = {
    schemaVersion: "2",
    thresholds: { high: 90, low: 90 },
    files: {
      [MUTATED]: {
        language: "typescript",
        source: "export const answer = 42;\n",
        mutants: [
          { id: "1", mutatorName: "NumberLiteral", status: "Killed", killedBy: ["0"] },
          { id: "2", mutatorName: "StringLiteral", status: "Survived", coveredBy: ["1"] },
        ],
      },
    },
    testFiles: {
      [TEST]: { source: "it('answers', () => {});\n", tests: [{ id: "0", name: "answers" }] },
      [OTHER_TEST]: { source: "it('covers', () => {});\n", tests: [{ id: "1", name: "covers" }] },
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

  it("stay current when a test file that detected no mutant is added, changed or removed: the score cannot fall", async () => {
    await put("test/net/new.test.ts", "it('is new', () => {});\n");
    expect(await verdict()).toBe("wire-acceptance: current");
    await put(OTHER_TEST, "it('covers', () => { expect(1).toBe(1); });\n");
    expect(await verdict()).toBe("wire-acceptance: current");
    await rm(join(tree, OTHER_TEST));
    expect(await verdict()).toBe("wire-acceptance: current");
  });

  it("are not current once the mutated file changed", async () => {
    await put(MUTATED, "export const answer = 41;\n");
    expect(await verdict()).toBe(`wire-acceptance: ${MUTATED} changed`);
  });

  it("are not current once a test file that killed a mutant changed or was removed", async () => {
    await put(TEST, "it('answers', () => { throw new Error(); });\n");
    expect(await verdict()).toBe(`wire-acceptance: ${TEST} changed`);
    await rm(join(tree, TEST));
    expect(await verdict()).toBe(`wire-acceptance: ${TEST} changed`);
  });

  it("count every test that covered a mutant that timed out, and every test when a detected mutant names none", async () => {
    const keptWith = (mutant: object) => ({
      files: { [MUTATED]: { source: "export const answer = 42;\n", mutants: [mutant] } },
      testFiles: {
        [OTHER_TEST]: { source: "it('covers', () => {});\n", tests: [{ id: "1", name: "covers" }] },
      },
    });
    await put(OTHER_TEST, "it('covers', () => { expect(1).toBe(1); });\n");
    const file = "reports/stryker-incremental/wire-acceptance.json";
    await put(file, JSON.stringify(keptWith({ id: "1", status: "Timeout", coveredBy: ["1"] })));
    expect(await verdict()).toBe(`wire-acceptance: ${OTHER_TEST} changed`);
    await put(file, JSON.stringify(keptWith({ id: "1", status: "Killed", killedBy: [] })));
    expect(await verdict()).toBe(`wire-acceptance: ${OTHER_TEST} changed`);
    await put(file, JSON.stringify(keptWith({ id: "1", status: "Survived", coveredBy: ["1"] })));
    expect(await verdict()).toBe("wire-acceptance: current");
  });

  it("are not current when they name a test file the mutation suite leaves out", async () => {
    const kept = {
      files: {
        [MUTATED]: {
          source: "export const answer = 42;\n",
          mutants: [{ id: "1", status: "Killed", killedBy: ["0"] }],
        },
      },
      testFiles: { "test/e2e/wire.test.ts": { source: "", tests: [{ id: "0", name: "e2e" }] } },
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

  it("read a module's own suite and leave out the files its `!` patterns name", async () => {
    // dnssec-validator: its own suite (test/dnssec), its files without index.ts (no code).
    const VERIFY = "src/observe/dns/dnssec/verify.ts";
    const TEST_OF_IT = "test/dnssec/verify.test.ts";
    const PIPELINE_TEST = "test/check/pipeline.test.ts";
    await put(VERIFY, "export const ok = true;\n");
    await put("src/observe/dns/dnssec/index.ts", 'export { ok } from "./verify.js";\n');
    await put(TEST_OF_IT, "it('verifies', () => {});\n");
    await put(PIPELINE_TEST, "it('runs', () => {});\n");
    const kept = (testFile: string) => ({
      files: {
        [VERIFY]: {
          source: "export const ok = true;\n",
          mutants: [{ id: "1", status: "Killed", killedBy: ["0"] }],
        },
      },
      testFiles: {
        [testFile]: { source: "it('verifies', () => {});\n", tests: [{ id: "0", name: "v" }] },
      },
    });
    const file = "reports/stryker-incremental/dnssec-validator.json";
    await put(file, JSON.stringify(kept(TEST_OF_IT)));
    expect(await verdict("dnssec-validator")).toBe("dnssec-validator: current");
    // In the shared suite, not in the module's own.
    await put(file, JSON.stringify(kept(PIPELINE_TEST)));
    expect(await verdict("dnssec-validator")).toBe(
      `dnssec-validator: ${PIPELINE_TEST} left the mutation suite`,
    );
  });
});
