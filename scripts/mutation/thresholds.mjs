// `node scripts/mutation/thresholds.mjs [module ...]`: reads each promise module's Stryker JSON
// report (reports/mutation/<module>.json) and fails when a module's mutation score is below its
// target (scripts/mutation/modules.mjs) or its report is missing. Stryker's own
// `thresholds.break` applies to one score for the whole run; the promises are per module.
import { readFileSync } from "node:fs";
import { MUTATION_MODULES, mutationModule } from "./modules.mjs";

const DETECTED = new Set(["Killed", "Timeout"]);
const UNDETECTED = new Set(["Survived", "NoCoverage"]);

/**
 * Counts by status and the score as Stryker reports it: detected / (detected + undetected).
 * Mutants that do not compile, crash the runner or are ignored do not count.
 * @param {{ files: Record<string, { mutants: { status: string }[] }> }} report
 */
function moduleScore(report) {
  /** @type {Record<string, number>} */
  const counts = { Killed: 0, Survived: 0, Timeout: 0, NoCoverage: 0 };
  for (const file of Object.values(report.files)) {
    for (const mutant of file.mutants) counts[mutant.status] = (counts[mutant.status] ?? 0) + 1;
  }
  const detected = [...DETECTED].reduce((sum, status) => sum + (counts[status] ?? 0), 0);
  const undetected = [...UNDETECTED].reduce((sum, status) => sum + (counts[status] ?? 0), 0);
  const total = detected + undetected;
  return { counts, score: total === 0 ? 100 : (100 * detected) / total };
}

function main() {
  const names = process.argv.slice(2);
  const unknown = names.filter((name) => mutationModule(name) === undefined);
  if (unknown.length > 0) {
    console.error(`unknown module(s): ${unknown.join(", ")}`);
    process.exit(2);
  }
  const modules = names.length > 0 ? names.map(mutationModule) : MUTATION_MODULES;
  let failed = false;
  console.log("| module | killed | survived | timeout | no coverage | score | target |");
  console.log("|---|---:|---:|---:|---:|---:|---:|");
  for (const module of modules) {
    const file = `reports/mutation/${module.name}.json`;
    let report;
    try {
      report = JSON.parse(readFileSync(file, "utf8"));
    } catch (error) {
      console.log(
        `| ${module.name} | no report (${file}: ${error.code ?? error.message}) | | | | | ${module.target} % |`,
      );
      failed = true;
      continue;
    }
    const { counts, score } = moduleScore(report);
    const below = score < module.target;
    failed ||= below;
    console.log(
      `| ${module.name} | ${counts.Killed} | ${counts.Survived} | ${counts.Timeout} | ${counts.NoCoverage} | ${score.toFixed(2)} %${below ? " **below target**" : ""} | ${module.target} % |`,
    );
  }
  if (failed) {
    console.error("\nmutation score below target (docs/mutation-testing.md)");
    process.exit(1);
  }
}

main();
