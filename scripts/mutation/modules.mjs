// The modules whose mutation score is a promise (docs/mutation-testing.md): the code that decides
// verdicts, exit codes and what may be sent or accepted. One list serves the Stryker configuration
// (what is mutated) and the threshold check (the score each module must keep).

/**
 * @typedef {object} MutationModule
 * @property {string} name How the docs, the threshold check and `npm run test:mutation -- <name>` call it.
 * @property {readonly string[]} files Stryker `mutate` patterns (`!` before one leaves its files out).
 * @property {number} target The lowest mutation score (percent) the module may have.
 * @property {boolean} [ignoreStatic] Leave out mutants in code that runs when a module loads
 *   (Stryker's `ignoreStatic`): each would rerun every related test (docs/mutation-testing.md).
 * @property {MutationSuite} [suite] The test files run against its mutants, when not
 *   MUTATION_SUITE (below).
 */

/**
 * @typedef {object} MutationSuite
 * @property {readonly string[]} include
 * @property {readonly string[]} exclude
 */

/** @type {readonly MutationModule[]} */
export const MUTATION_MODULES = [
  // A rule's descriptor (id, severity, title, doc) and its tables run when the rule loads: static
  // mutants (108 of the 1400 in the domain, health and facts files), each rerunning every related
  // test. The descriptors are pinned by test/judge/rules/registry.test.ts, the tables by rule tests.
  //
  // Judged by the rules' own tests, which call them in process on built facts: every pipeline test
  // (test/check/) runs every rule too, seconds apiece, and a mutant of a rule would rerun each of
  // them (the module's measurement was two to three hours of the machine that way, and minutes
  // this way). A mutant only a pipeline test would notice counts as survived.
  {
    name: "rules",
    files: ["src/judge/rules/**/*.ts"],
    target: 90,
    ignoreStatic: true,
    suite: { include: ["test/judge/**/*.test.ts"], exclude: [] },
  },
  {
    name: "judging",
    files: ["src/judge/judge.ts", "src/judge/findings.ts", "src/judge/shared-values.ts"],
    target: 90,
  },
  { name: "waivers", files: ["src/judge/waivers.ts"], target: 90 },
  {
    name: "exit-codes",
    files: ["src/report/model/summary.ts", "src/report/model/model.ts"],
    target: 90,
  },
  {
    name: "severity-mapping",
    files: ["src/report/render/sarif.ts", "src/report/render/github.ts"],
    target: 90,
  },
  { name: "wire-acceptance", files: ["src/observe/dns/wire.ts"], target: 90 },
  // Where the gate's default is decided for the library and the Action (settings.ts); the CLI's
  // own option parsing is pinned by test/shells/cli/observer-options.test.ts and end to end.
  {
    name: "address-gate",
    files: ["src/net/address-policy.ts", "src/check/settings.ts"],
    target: 90,
  },
  // The policy's semantic checks, judged by the tests that load policy text in process (a pipeline
  // test loads policies too, seconds apiece, and would rerun for each mutant).
  {
    name: "policy-semantics",
    files: ["src/policy/policy-set.ts"],
    target: 90,
    suite: {
      include: [
        "test/policy/**/*.test.ts",
        "test/migration/policy.test.ts",
        "test/init/render.test.ts",
        "test/shells/action/policy-changes.test.ts",
      ],
      // 100,000 domains, most of a minute: it would run again for every mutant it covers.
      exclude: ["test/policy/load-scale.test.ts"],
    },
  },
  // The validator judged by its own tests: RFC vectors, hostile records, keys, delegations.
  {
    name: "dnssec-validator",
    // Without the two files that hold no code (the public re-exports and the result types):
    // Stryker's report leaves out a file it found nothing to mutate in, and the kept results
    // would never seem to hold.
    files: [
      "src/observe/dns/dnssec/**/*.ts",
      "!src/observe/dns/dnssec/index.ts",
      "!src/observe/dns/dnssec/result.ts",
    ],
    target: 90,
    suite: {
      include: ["test/dnssec/**/*.test.ts"],
      // External signing tools (child processes, minutes).
      exclude: ["test/dnssec/signing-tools.test.ts"],
    },
  },
];

/**
 * The test files Stryker runs against mutants (vitest.mutation.config.ts) unless a module names its
 * own: the in-process tests of the promise modules. Stryker switches mutants inside the test
 * process, so a child process (the built binary, NSD, the bundled Action) never sees one; those
 * suites are left out.
 */
/** @type {MutationSuite} */
export const MUTATION_SUITE = {
  include: [
    "test/judge/**/*.test.ts",
    "test/report/**/*.test.ts",
    "test/net/**/*.test.ts",
    "test/check/**/*.test.ts",
    "test/observe/dns/wire.test.ts",
    "test/observe/dns/safety.test.ts",
    "test/observe/record-parity/compare.test.ts",
    "test/migration/render.test.ts",
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
};

/**
 * The test files Stryker runs against `module`'s mutants.
 * @param {MutationModule} module
 * @returns {MutationSuite}
 */
export function suiteOf(module) {
  return module.suite ?? MUTATION_SUITE;
}

/** The module called `name`, or undefined. */
export function mutationModule(name) {
  return MUTATION_MODULES.find((module) => module.name === name);
}

/** Where a module's results are kept between runs (committed), for Stryker's `--incremental`. */
export function keptResultsFile(name) {
  return `reports/stryker-incremental/${name}.json`;
}
