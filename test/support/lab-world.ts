// A lab scenario (src/lab/scenario.ts) started in a fresh temporary directory, with the environment
// a user's shell would have when pointed at it: what every suite that runs the CLI, the Action or
// `init` against a whole simulated internet shares. The scenario's own files go under `world/`.
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { LabDns } from "../../src/lab/dns-world.js";
import {
  type DnsRunner,
  type RunningScenario,
  type Scenario,
  type ScenarioDns,
  startScenario,
} from "../../src/lab/scenario.js";
import { type CliRun, runCliBinary, userEnv } from "./cli.js";

export interface LabWorld<D extends ScenarioDns = LabDns> {
  readonly scenario: RunningScenario<D>;
  /** The temporary directory, removed on close: the runs' files go anywhere in it. */
  readonly dir: string;
  /** PATH and HOME (`dir/home`) of a user, pointed at the scenario's AWS emulator. */
  readonly env: Readonly<Record<string, string>>;
  close(): Promise<void>;
}

/** Starts `spec` in a new directory named after `prefix`; the lab's DNS unless `runDns` is given. */
export async function startLabWorld(spec: Scenario, prefix: string): Promise<LabWorld>;
export async function startLabWorld<D extends ScenarioDns>(
  spec: Scenario,
  prefix: string,
  runDns: DnsRunner<D>,
): Promise<LabWorld<D>>;
export async function startLabWorld(
  spec: Scenario,
  prefix: string,
  runDns?: DnsRunner<ScenarioDns>,
): Promise<LabWorld<ScenarioDns>> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  try {
    await mkdir(join(dir, "home"));
    const scenario = runDns
      ? await startScenario(spec, join(dir, "world"), runDns)
      : await startScenario(spec, join(dir, "world"));
    return {
      scenario,
      dir,
      env: {
        ...userEnv(join(dir, "home")),
        NO_COLOR: "1",
        // The SDK's notice about Node 20 would be the only stderr output; it is not under test.
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
        ...scenario.env,
      },
      async close() {
        await scenario.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/** `domain-drift ...args` as the built binary, in the world's directory and environment. */
export function runInWorld(lab: LabWorld<ScenarioDns>, args: readonly string[]): Promise<CliRun> {
  return runCliBinary(args, { cwd: lab.dir, env: lab.env, timeoutMs: 120_000 });
}
