// `npm run test:mutation [-- [--incremental] [module ...] [stryker options]]`: runs Stryker on
// each promise module in turn (all of them unless some are named), then checks every module's
// score against its target (thresholds.mjs). Options not known here go to Stryker as they are,
// e.g. `--concurrency 1` or `--checkers typescript`.
//
// Both runs keep their results in reports/stryker-incremental/<module>.json (committed): the full
// run tests every mutant and rewrites them; `--incremental` reruns only the mutants whose code or
// covering tests differ from them. A module without kept results is skipped by `--incremental`,
// saying so: testing it from scratch is the full run's work, and would make CI's time unbounded.
// A module whose code and tests are as its kept results recorded them (kept-results.mjs) is not
// run at all by `--incremental`: its kept results are its report, checked against its target.
//
// `--mutate <globs>` (passed to Stryker) retests only those files of a module and keeps the kept
// results of its other files: a long module can be measured in slices that each land on their own.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { keptResultsCurrent } from "./kept-results.mjs";
import { keptResultsFile, MUTATION_MODULES, mutationModule } from "./modules.mjs";

const TYPESCRIPT5 = fileURLToPath(new URL("./typescript5.mjs", import.meta.url));
const THRESHOLDS = fileURLToPath(new URL("./thresholds.mjs", import.meta.url));
const STRYKER = join(
  dirname(createRequire(import.meta.url).resolve("@stryker-mutator/core/package.json")),
  "bin",
  "stryker.js",
);

const args = process.argv.slice(2);
const incremental = args.includes("--incremental");
const names = args.filter((arg) => mutationModule(arg) !== undefined);
const strykerArgs = args.filter(
  (arg) => mutationModule(arg) === undefined && arg !== "--incremental",
);
const modules = names.length > 0 ? names : MUTATION_MODULES.map((module) => module.name);

const checked = [];
for (const name of modules) {
  if (incremental && !existsSync(keptResultsFile(name))) {
    console.log(
      `\n== mutation testing: ${name} skipped: no kept results (${keptResultsFile(name)}); ` +
        `\`npm run test:mutation -- ${name}\` makes them, to commit`,
    );
    continue;
  }
  if (incremental) {
    const kept = keptResultsCurrent(
      /** @type {import("./modules.mjs").MutationModule} */ (mutationModule(name)),
    );
    if (kept.current) {
      console.log(
        `\n== mutation testing: ${name} unchanged since its kept results (its code and tests): reused without a run`,
      );
      // The kept results are a complete Stryker report: the threshold check reads them as one.
      mkdirSync("reports/mutation", { recursive: true });
      copyFileSync(keptResultsFile(name), `reports/mutation/${name}.json`);
      checked.push(name);
      continue;
    }
    console.log(`\n== ${name}: ${kept.reason} since its kept results`);
  }
  const started = Date.now();
  console.log(`\n== mutation testing: ${name}${incremental ? " (incremental)" : ""}`);
  const run = spawnSync(
    process.execPath,
    [
      "--import",
      TYPESCRIPT5,
      STRYKER,
      "run",
      "--incremental",
      ...(incremental ? [] : ["--force"]),
      ...strykerArgs,
    ],
    { stdio: "inherit", env: { ...process.env, MUTATION_MODULE: name } },
  );
  console.log(`== ${name}: ${Math.round((Date.now() - started) / 1000)} s`);
  if (run.status !== 0) process.exit(run.status ?? 1);
  checked.push(name);
}

if (checked.length === 0) process.exit(0);
const check = spawnSync(process.execPath, [THRESHOLDS, ...checked], { stdio: "inherit" });
process.exit(check.status ?? 1);
