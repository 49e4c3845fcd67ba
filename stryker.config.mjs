// StrykerJS configuration for one promise module (scripts/mutation/modules.mjs), named by
// MUTATION_MODULE. Run it through `npm run test:mutation` (scripts/mutation/run.mjs), which runs
// the modules one after another: each mutant then runs only the tests that cover it (per-test
// coverage), and a static mutant (a table read when its module loads) only the tests related to
// its module, not the whole suite.
import { fileURLToPath } from "node:url";
import { keptResultsFile, mutationModule } from "./scripts/mutation/modules.mjs";

const name = process.env.MUTATION_MODULE ?? "";
const module = mutationModule(name);
if (module === undefined) {
  throw new Error(
    `MUTATION_MODULE=${JSON.stringify(name)} names no module of scripts/mutation/modules.mjs; run \`npm run test:mutation\``,
  );
}

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  vitest: { configFile: "vitest.mutation.config.ts", related: true },
  coverageAnalysis: "perTest",
  // Per module (scripts/mutation/modules.mjs): static mutants rerun every related test.
  ignoreStatic: module.ignoreStatic ?? false,
  mutate: [...module.files],
  // CI has two cores; so does the machine the team shares.
  concurrency: 2,
  // The first test run of a module (every related test, with coverage) took past Stryker's
  // default 5 minutes on the shared machine under load, which stops the run.
  dryRunTimeoutMinutes: 20,
  reporters: ["clear-text", "progress-append-only", "json", "html"],
  clearTextReporter: { reportTests: false, reportMutants: true },
  jsonReporter: { fileName: `reports/mutation/${name}.json` },
  htmlReporter: { fileName: `reports/mutation/${name}.html` },
  // Kept in the repository, so a clean clone's `--incremental` run tests only changed code.
  incrementalFile: keptResultsFile(name),
  // The per-module targets are checked by scripts/mutation/thresholds.mjs; these only colour.
  thresholds: { high: module.target, low: module.target, break: null },
  // Vitest never type-checks, so the sandbox's files need no `// @ts-nocheck`; added, it would
  // also make the committed page script differ from its fresh build (test/report/render/html).
  disableTypeChecks: false,
  // Off by default (docs/mutation-testing.md): `-- --checkers typescript` turns it on.
  checkers: [],
  checkerNodeArgs: [
    "--import",
    fileURLToPath(new URL("./scripts/mutation/typescript5.mjs", import.meta.url)),
  ],
  tsconfigFile: "tsconfig.json",
  // What the sandbox does not need: build outputs, the bundled Action, reports.
  ignorePatterns: ["lib", "dist", "reports", "coverage", "bench", ".cache"],
  tempDirName: ".stryker-tmp",
};
