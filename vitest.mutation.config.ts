// The suites Stryker runs against mutants (stryker.config.mjs): the in-process tests of the
// promise modules (scripts/mutation/modules.mjs lists them, per module where one has its own).
import { defineConfig } from "vitest/config";
import { MUTATION_SUITE, mutationModule, suiteOf } from "./scripts/mutation/modules.mjs";
import LoadFailuresAsTests from "./test/support/load-failures-reporter.js";
import base from "./vitest.config.js";

// The module Stryker is testing (stryker.config.mjs), whose suite may be its own.
const module = mutationModule(process.env.MUTATION_MODULE ?? "");
const suite = module === undefined ? MUTATION_SUITE : suiteOf(module);

export default defineConfig({
  test: {
    ...base.test,
    // The suites and why some are left out: scripts/mutation/modules.mjs, which the check of the
    // kept results (scripts/mutation/kept-results.mjs) reads too.
    include: [...suite.include],
    exclude: [...suite.exclude],
    // The first test run must pass whole, or Stryker stops: on the shared two-core machine a
    // pipeline test over lab servers can take past the suite's 30 s. A mutant that loops is
    // stopped by Stryker's own timeout (from each test's time in that first run), not by this.
    testTimeout: 120_000,
    // Stryker reads results from vitest's state; printed reports would only flood its log.
    reporters: [new LoadFailuresAsTests()],
  },
});
