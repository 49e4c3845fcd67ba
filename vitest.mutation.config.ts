// The suites Stryker runs against mutants (stryker.config.mjs): the in-process tests of the
// promise modules. Child processes (the built binary, NSD, the bundled Action) never see a
// mutant, since Stryker switches mutants inside the test process, so those suites are left out.
import { defineConfig } from "vitest/config";
import LoadFailuresAsTests from "./test/support/load-failures-reporter.js";
import base from "./vitest.config.js";

export default defineConfig({
  test: {
    ...base.test,
    include: [
      "test/judge/**/*.test.ts",
      "test/report/**/*.test.ts",
      "test/net/**/*.test.ts",
      "test/check/**/*.test.ts",
      "test/observe/dns/wire.test.ts",
      "test/observe/dns/safety.test.ts",
      "test/shells/cli/observer-options.test.ts",
      "test/policy/**/*.test.ts",
      "test/dnssec/**/*.test.ts",
    ],
    exclude: [
      // External signing tools.
      "test/dnssec/signing-tools.test.ts",
      // Lab RDAP and WHOIS servers, and one pipeline run shared by all its tests (in beforeAll):
      // every rule would run outside a test, so every mutant of a rule would rerun all tests.
      "test/check/registry-verdicts.test.ts",
      // Headless Chromium (a child process, over a minute): the page's data is pinned in-process
      // by the other HTML report tests.
      "test/report/render/html/browser.test.ts",
      // 100,000 domains, most of a minute: it would run again for every policy mutant it covers.
      "test/policy/load-scale.test.ts",
    ],
    // The first test run must pass whole, or Stryker stops: on the shared two-core machine a
    // pipeline test over lab servers can take past the suite's 30 s. A mutant that loops is
    // stopped by Stryker's own timeout (from each test's time in that first run), not by this.
    testTimeout: 120_000,
    // Stryker reads results from vitest's state; printed reports would only flood its log.
    reporters: [new LoadFailuresAsTests()],
  },
});
