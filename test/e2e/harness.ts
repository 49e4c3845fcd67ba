// What the end-to-end suites share: the fleet's world (DNS under NSD when this machine can run it,
// else the in-process lab), the policies copied into a working directory, and `check` run as the
// built binary with a user's environment, a fresh cache directory and its JSON report read back
// and validated against the shipped schema.
import { cp, readFile } from "node:fs/promises";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { parse } from "yaml";
import { type LabWorldBuilder, startLabDns } from "../../src/lab/dns-world.js";
import type { RunningScenario, Scenario, ScenarioDns } from "../../src/lab/scenario.js";
import type { Report } from "../../src/report/model/model.js";
import reportSchema from "../../src/schemas/report-v1.schema.json" with { type: "json" };
import { buildLib } from "../support/build.js";
import { type CliRun, runCliBinary } from "../support/cli.js";
import { type LabWorld, startLabWorld } from "../support/lab-world.js";
import { nsdUnavailableReason, startNsdTree } from "../support/nsd.js";
import { repoPath } from "../support/repo.js";
import { missingTool } from "../support/tools.js";
import { fleetScenario } from "./fleet.js";

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

// Without NSD the DNS side falls back to the in-process lab (CI requires NSD: tools.ts). Every
// end-to-end suite that can run against NSD asks this, so none falls back silently.
export const labDns = missingTool(
  "end to end against NSD (the DNS side runs in the in-process lab instead)",
  nsdUnavailableReason(),
);
/** Which DNS servers the suites run against, for test names. */
export const DNS_LABEL = labDns ? "DNS: in-process lab" : "DNS: NSD";

export const FIXTURES = repoPath("fixtures", "e2e");

/** For a test that runs the binary while others do: generous for a loaded 2-core runner. */
export const CLI_TEST_TIMEOUT_MS = 120_000;

export interface ExpectedDomain {
  readonly status: "compliant" | "drift" | "unknown";
  readonly rules: readonly string[];
  readonly suppressed?: readonly string[];
  readonly architecture?: string;
}

export interface Expected {
  readonly domains: Readonly<Record<string, ExpectedDomain>>;
  readonly accounts: Readonly<Record<string, readonly string[]>>;
}

export async function readExpected(): Promise<Expected> {
  return parse(await readFile(join(FIXTURES, "expected.yaml"), "utf8")) as Expected;
}

export interface E2eWorld {
  readonly scenario: RunningScenario<ScenarioDns>;
  /** The working directory: `policies/` and everything the runs write. */
  readonly dir: string;
  /** A user's environment pointed at the scenario (AWS endpoints and credentials files). */
  readonly env: Readonly<Record<string, string>>;
  /** `check` as the binary, with the scenario's arguments and a fresh `--cache-dir`. */
  check(args: readonly string[], env?: Readonly<Record<string, string>>): Promise<CliRun>;
  close(): Promise<void>;
}

/**
 * Builds the binary and starts `spec` in a new directory named after `prefix`, its DNS under NSD
 * (or the in-process lab where NSD cannot run): what each provider's end-to-end suite starts
 * beside its emulators. `edit` rewrites the world's zones first (test/support/world-edits.ts).
 */
export async function startProviderWorld(
  spec: Scenario,
  prefix: string,
  edit: (build: LabWorldBuilder) => LabWorldBuilder = (build) => build,
): Promise<LabWorld<ScenarioDns>> {
  const [, world] = await Promise.all([
    buildLib(),
    labDns
      ? startLabWorld(spec, prefix, (build) => startLabDns(edit(build)))
      : startLabWorld(spec, prefix, (build) => startNsdTree(edit(build))),
  ]);
  return world;
}

/** Builds the binary and starts the fleet (or the named domains of it) with its policies. */
export async function startE2eWorld(only?: readonly string[]): Promise<E2eWorld> {
  const spec = fleetScenario(new Date(), only);
  const [built, started] = await Promise.allSettled([
    buildLib(),
    labDns
      ? startLabWorld(spec, "domain-drift-e2e-")
      : startLabWorld(spec, "domain-drift-e2e-", (build) => startNsdTree(build)),
  ]);
  const world: LabWorld<ScenarioDns> | undefined =
    started.status === "fulfilled" ? started.value : undefined;
  try {
    if (built.status === "rejected") throw built.reason;
    if (world === undefined) throw (started as PromiseRejectedResult).reason;
    await cp(join(FIXTURES, "policies"), join(world.dir, "policies"), { recursive: true });
  } catch (error) {
    await world?.close();
    throw error;
  }
  const { scenario, dir, env } = world;
  let runs = 0;
  return {
    scenario,
    dir,
    env,
    check(args, runEnv = env) {
      runs += 1;
      const cacheDir = join(dir, `cache-${runs}`);
      return runCliBinary(
        ["check", "policies", ...scenario.cliArgs, "--cache-dir", cacheDir, ...args],
        { cwd: dir, env: runEnv, timeoutMs: 90_000 },
      );
    },
    close: () => world.close(),
  };
}

const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
addFormats(ajv, ["date", "date-time"]);
const validateReport = ajv.compile(reportSchema);

/** Why a parsed JSON report does not match src/schemas/report-v1.schema.json, if it does not. */
export function schemaErrors(value: unknown): string | undefined {
  return validateReport(value) ? undefined : ajv.errorsText(validateReport.errors);
}

/** Parses a JSON report, refusing one that does not match its schema. */
export function parseReport(text: string): Report {
  const value: unknown = JSON.parse(text);
  const errors = schemaErrors(value);
  if (errors !== undefined) throw new Error(`the JSON report does not match its schema: ${errors}`);
  return value as Report;
}

/** Per domain: status and the sorted rule ids of its findings (unsuppressed and suppressed apart). */
export function verdicts(report: Report) {
  return Object.fromEntries(
    report.domains.map((d) => [
      d.domain,
      {
        status: d.status,
        rules: d.findings
          .filter((f) => !f.suppressed)
          .map((f) => f.rule)
          .sort(),
        suppressed: d.findings
          .filter((f) => f.suppressed)
          .map((f) => f.rule)
          .sort(),
      },
    ]),
  );
}
