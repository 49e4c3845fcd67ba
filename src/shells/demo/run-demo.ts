// `domain-drift demo` (`npm run demo` in a clone): starts the demo world on loopback (name servers,
// RDAP, AWS emulators), runs the real `domain-drift check` on the demo policies against it, and
// prints the report between an introduction and an explanation. Everything it starts is shut down
// before it returns; nothing leaves loopback: the check gets the world's root hints and RDAP bootstrap, and its AWS SDK gets
// the emulator's endpoints, a temporary credentials file and no instance-metadata lookups.

import { access, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type RunningScenario, startScenario } from "../../lab/scenario.js";
import { quietNodeVersionNotice } from "../../observe/providers/route53/node-version-notice.js";
import { ExitCode } from "../../report/model/exit-codes.js";
import { type CliIO, runCli } from "../cli/program.js";
import { explanation, introduction, LOOPBACK_UNAVAILABLE } from "./explanation.js";
import { demoScenario } from "./world.js";

/**
 * The repository (or installed package) root: the demo runs from `src/shells/demo/` and
 * `lib/shells/demo/`, and the package ships the demo's policies (package.json `files`).
 */
const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
/** Relative to ROOT, so the report names the policy file as a reader of the repository sees it. */
const DEMO_POLICIES = "examples/demo";

export interface DemoOptions {
  /** The demo's "today": registration and expiry dates are relative to it. */
  readonly now?: Date;
}

function isLoopbackRangeMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === "EADDRNOTAVAIL";
}

/**
 * Runs `work` with every AWS_* variable of process.env replaced by `env`, then restores them.
 * The AWS SDK reads its endpoints and credential files from process.env only; dropping the
 * caller's own AWS variables keeps real credentials, profiles and container-credential URLs out
 * of the demo's check.
 */
async function withAwsEnvironment<T>(
  env: Readonly<Record<string, string>>,
  work: () => Promise<T>,
): Promise<T> {
  const saved = Object.entries(process.env).filter(([key]) => key.startsWith("AWS_"));
  for (const [key] of saved) delete process.env[key];
  Object.assign(process.env, env);
  try {
    return await work();
  } finally {
    for (const key of Object.keys(env)) delete process.env[key];
    for (const [key, value] of saved) process.env[key] = value;
  }
}

async function checkWorld(io: CliIO, world: RunningScenario, dir: string): Promise<ExitCode> {
  const args = ["check", DEMO_POLICIES, ...world.cliArgs, "--cache-dir", join(dir, "cache")];
  io.stdout.write(
    introduction({
      dnsNet: `${world.dns.net.prefix}.0/24`,
      dnsPort: world.dns.port,
      nameServers: world.dns.servers.size,
      rdapUrl: world.rdap.baseUrl,
      awsUrl: world.aws.url,
    }),
  );
  io.stdout.write(`$ domain-drift ${args.join(" ")}\n\n`);
  // The demo's check sees only the world's AWS variables, and the user's choice about the notice.
  const env: Record<string, string> = { ...world.env };
  quietNodeVersionNotice(env, process.env);
  return withAwsEnvironment(env, () => runCli(args, { ...io, env: { ...process.env }, cwd: ROOT }));
}

/** Runs the demo and resolves to the exit code of its check (2 when the demo cannot start). */
export async function runDemo(io: CliIO, options: DemoOptions = {}): Promise<ExitCode> {
  try {
    await access(join(ROOT, DEMO_POLICIES));
  } catch {
    io.stderr.write(
      `domain-drift demo: ${join(ROOT, DEMO_POLICIES)} is missing: this copy of domain-drift is incomplete (reinstall it, or run the demo from a clone of the repository).\n`,
    );
    return ExitCode.InvalidInput;
  }
  const dir = await mkdtemp(join(tmpdir(), "domain-drift-demo-"));
  try {
    let world: RunningScenario;
    try {
      world = await startScenario(demoScenario(options.now ?? new Date()), join(dir, "world"));
    } catch (error) {
      if (!isLoopbackRangeMissing(error)) throw error;
      io.stderr.write(LOOPBACK_UNAVAILABLE);
      return ExitCode.InvalidInput;
    }
    try {
      const code = await checkWorld(io, world, dir);
      io.stdout.write(explanation(code));
      return code;
    } finally {
      await world.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
