// Whether a module's kept results (reports/stryker-incremental/<module>.json) still hold for its
// code and tests, so that the incremental run can check them against the target without starting
// Stryker.
//
// Stryker's own incremental run reuses a killed mutant's result while its code and the test that
// killed it are unchanged, and a surviving one's while no test was added that covers it; it finds
// that out after a first test run of every related test (minutes per module). The kept results
// hold the source of every mutated file and of every test file that ran, and which tests killed
// which mutant, so what could lower the score can be read from them in milliseconds: a mutated
// file that changed (or a file added to or gone from the module), or a changed, removed or
// excluded test file holding a test that detected a mutant (killed it, or covered one that timed
// out). A test file that detected nothing, changed or added, can only detect more: the score cannot
// fall, and the next incremental run credits it. Anything else: Stryker runs, mutant by mutant.
//
// `node scripts/mutation/kept-results.mjs [module ...]` says, for each module, whether its kept
// results hold and otherwise why not; scripts/mutation/run.mjs uses the same answer.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { keptResultsFile, MUTATION_MODULES, mutationModule, suiteOf } from "./modules.mjs";

/** A glob of the kind modules.mjs uses (`**`, `*`, `?`, `[a-z]`) as a regular expression. */
function globRegExp(glob) {
  let source = "";
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i];
    if (glob.startsWith("**/", i)) {
      source += "(?:.*/)?";
      i += 2;
    } else if (char === "*") source += "[^/]*";
    else if (char === "?") source += "[^/]";
    else if (char === "[") {
      const close = glob.indexOf("]", i);
      source += glob.slice(i, close + 1);
      i = close;
    } else source += char.replace(/[.+^${}()|\\]/g, "\\$&");
  }
  return new RegExp(`^${source}$`);
}

/** The files under the working directory that match any of `globs` and none of its `!` ones, sorted. */
export function filesMatching(globs) {
  const included = globs.filter((glob) => !glob.startsWith("!"));
  const patterns = included.map(globRegExp);
  const excluded = globs
    .filter((glob) => glob.startsWith("!"))
    .map((glob) => globRegExp(glob.slice(1)));
  const roots = new Set(included.map((glob) => glob.split("/")[0] ?? "."));
  const found = [];
  for (const root of roots) {
    if (!existsSync(root)) continue;
    for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const path = join(entry.parentPath, entry.name);
      if (
        patterns.some((pattern) => pattern.test(path)) &&
        !excluded.some((pattern) => pattern.test(path))
      )
        found.push(path);
    }
  }
  return found.sort();
}

/** @param {import("./modules.mjs").MutationSuite} suite @param {string} path */
const inSuite = (suite, path) =>
  suite.include.some((glob) => globRegExp(glob).test(path)) &&
  !suite.exclude.some((glob) => globRegExp(glob).test(path));

const sameText = (path, text) => existsSync(path) && readFileSync(path, "utf8") === text;

/**
 * `{ current: true }` when the module's kept results describe its code and tests as they are;
 * otherwise why not (the first difference found).
 * @param {import("./modules.mjs").MutationModule} module
 * @returns {{ current: true } | { current: false, reason: string }}
 */
export function keptResultsCurrent(module) {
  const file = keptResultsFile(module.name);
  if (!existsSync(file)) return { current: false, reason: `no kept results (${file})` };
  /** @type {{ files: Record<string, { source: string }>, testFiles?: Record<string, { source?: string }> }} */
  const kept = JSON.parse(readFileSync(file, "utf8"));
  const mutated = filesMatching(module.files);
  const keptFiles = Object.keys(kept.files).sort();
  const added = mutated.find((path) => !(path in kept.files));
  if (added !== undefined) return { current: false, reason: `${added} is not in them` };
  const gone = keptFiles.find((path) => !mutated.includes(path));
  if (gone !== undefined) return { current: false, reason: `${gone} is no longer mutated` };
  const changed = keptFiles.find((path) => !sameText(path, kept.files[path]?.source));
  if (changed !== undefined) return { current: false, reason: `${changed} changed` };
  const detecting = detectingTestFiles(kept);
  for (const [path, test] of Object.entries(kept.testFiles ?? {})) {
    // A test runner that cannot tell test files apart reports one entry named "" without sources.
    if (path === "" || test.source === undefined)
      return { current: false, reason: "no test sources" };
    if (detecting !== "all" && !detecting.has(path)) continue;
    if (!inSuite(suiteOf(module), path))
      return { current: false, reason: `${path} left the mutation suite` };
    if (!sameText(path, test.source)) return { current: false, reason: `${path} changed` };
  }
  return { current: true };
}

/**
 * The test files whose tests detected a mutant: killed it, or covered one that timed out (which
 * of them stopped it is not recorded). "all" when that cannot be told: a detected mutant that
 * names no test (a static one that timed out is covered by every test).
 * @param {{ files: Record<string, { mutants: Mutant[] }>, testFiles?: Record<string, { tests: { id: string }[] }> }} kept
 * @typedef {{ status: string, killedBy?: string[], coveredBy?: string[] }} Mutant
 * @returns {Set<string> | "all"}
 */
function detectingTestFiles(kept) {
  const fileOfTest = new Map();
  for (const [path, testFile] of Object.entries(kept.testFiles ?? {})) {
    for (const test of testFile.tests) fileOfTest.set(test.id, path);
  }
  const files = new Set();
  for (const { mutants } of Object.values(kept.files)) {
    for (const mutant of mutants) {
      if (mutant.status !== "Killed" && mutant.status !== "Timeout") continue;
      const tests = mutant.status === "Killed" ? mutant.killedBy : mutant.coveredBy;
      if (tests === undefined || tests.length === 0) return "all";
      for (const id of tests) {
        const path = fileOfTest.get(id);
        if (path === undefined) return "all";
        files.add(path);
      }
    }
  }
  return files;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const names = process.argv.slice(2);
  const unknown = names.filter((name) => mutationModule(name) === undefined);
  if (unknown.length > 0) {
    console.error(`unknown module(s): ${unknown.join(", ")}`);
    process.exit(2);
  }
  for (const module of names.length > 0 ? names.map(mutationModule) : MUTATION_MODULES) {
    const kept = keptResultsCurrent(module);
    console.log(`${module.name}: ${kept.current ? "current" : kept.reason}`);
  }
}
