// `npm run test:mutation [-- [--incremental] [module ...] [stryker options]]`: runs Stryker on
// each promise module in turn (all of them unless some are named), then checks every module's
// score against its target (thresholds.mjs). Options not known here go to Stryker as they are,
// e.g. `--concurrency 1` or `--checkers typescript`.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { MUTATION_MODULES, mutationModule } from "./modules.mjs";

const TYPESCRIPT5 = fileURLToPath(new URL("./typescript5.mjs", import.meta.url));
const THRESHOLDS = fileURLToPath(new URL("./thresholds.mjs", import.meta.url));
const STRYKER = join(
  dirname(createRequire(import.meta.url).resolve("@stryker-mutator/core/package.json")),
  "bin",
  "stryker.js",
);

const args = process.argv.slice(2);
const names = args.filter((arg) => mutationModule(arg) !== undefined);
const strykerArgs = args.filter((arg) => mutationModule(arg) === undefined);
const modules = names.length > 0 ? names : MUTATION_MODULES.map((module) => module.name);

for (const name of modules) {
  const started = Date.now();
  console.log(`\n== mutation testing: ${name}`);
  const run = spawnSync(
    process.execPath,
    ["--import", TYPESCRIPT5, STRYKER, "run", ...strykerArgs],
    { stdio: "inherit", env: { ...process.env, MUTATION_MODULE: name } },
  );
  console.log(`== ${name}: ${Math.round((Date.now() - started) / 1000)} s`);
  if (run.status !== 0) process.exit(run.status ?? 1);
}

const check = spawnSync(process.execPath, [THRESHOLDS, ...modules], { stdio: "inherit" });
process.exit(check.status ?? 1);
