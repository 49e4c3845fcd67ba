// A vitest reporter for mutation runs only (vitest.mutation.config.ts). Stryker's vitest runner
// judges a mutant by the tests that ran, and a test file that cannot be loaded has none: a mutant
// that breaks a module while it loads (a bad entry in a table built at load time) would count as
// survived, though any real run fails on it. This reporter gives such a file one failed test,
// "loads", carrying the load error, as a person reading the run would count it.
import type { RunnerTestCase } from "vitest";
import type { Reporter, Vitest } from "vitest/node";

export default class LoadFailuresAsTests implements Reporter {
  #vitest: Vitest | undefined;

  onInit(vitest: Vitest): void {
    this.#vitest = vitest;
  }

  onTestRunEnd(): void {
    for (const file of this.#vitest?.state.getFiles() ?? []) {
      if (file.result?.state !== "fail" || file.tasks.length > 0) continue;
      // Only what a reader of results looks at: a test that failed, in this file.
      const loads = {
        type: "test",
        id: `${file.id}_loads`,
        name: "loads",
        mode: "run",
        file,
        suite: file,
        meta: {},
        result: { state: "fail", errors: file.result.errors ?? [] },
      } as unknown as RunnerTestCase;
      file.tasks.push(loads);
    }
  }
}
