// Runs the built CLI on a host cut off from the world: a fresh network namespace whose only
// interface is loopback (`unshare --net`), with its own /etc/resolv.conf (a mount namespace), so
// nothing it does can reach past this machine. The lab servers a case needs run inside the same
// namespace: ./netns-case.ts starts them, runs the CLI and reports back as JSON. Needs root and
// util-linux `unshare` and iproute2 `ip`; `netnsUnavailableReason` says why not, when not.
import { execFile, spawnSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { REPO_ROOT } from "../../support/repo.js";
import type { NetnsCase, NetnsCaseResult } from "./netns-case.js";

const CASE_SCRIPT = fileURLToPath(new URL("./netns-case.ts", import.meta.url));
const execFileAsync = promisify(execFile);

/** Why this machine cannot run the namespace cases, or undefined when it can. */
export function netnsUnavailableReason(): string | undefined {
  if (process.getuid?.() !== 0) return "network namespaces need root";
  const probe = spawnSync(
    "unshare",
    ["--net", "--mount", "--", "sh", "-c", "ip link set lo up && mount --bind /dev/null /dev/null"],
    { encoding: "utf8" },
  );
  if (probe.error !== undefined) return `cannot run unshare: ${probe.error.message}`;
  if (probe.status !== 0) return `unshare --net --mount failed: ${probe.stderr.trim()}`;
  return undefined;
}

export interface NetnsRun {
  /** The case's own report, or undefined when the namespace run itself failed. */
  readonly result: NetnsCaseResult | undefined;
  readonly stderr: string;
}

/**
 * Runs `testCase` in a namespace of its own. `resolverOptions` become the namespace's
 * resolv.conf, whose name server is 127.0.0.1 (where the case may run a server that never
 * answers). The case is killed after its runs' own limits and a margin.
 */
export async function runInNetns(testCase: NetnsCase, resolverOptions = ""): Promise<NetnsRun> {
  const dir = await mkdtemp(join(tmpdir(), "domain-drift-netns-"));
  const resolvConf = join(dir, "resolv.conf");
  await writeFile(resolvConf, `nameserver 127.0.0.1\n${resolverOptions}\n`);
  const spec = JSON.stringify({ ...testCase, dir });
  const script = [
    "set -e",
    "ip link set lo up",
    `mount --bind "$1" /etc/resolv.conf`,
    `exec "$2" --import tsx "$3" "$4"`,
  ].join("\n");
  const limit = testCase.runs.reduce((sum, run) => sum + run.killAfterMs, 0) + 30_000;
  // unshare and sh exec into the case runner, which stops its own runs at their limits: killing
  // it (past all of them) ends the case.
  const { stdout, stderr } = await execFileAsync(
    "unshare",
    [
      "--net",
      "--mount",
      "--",
      "sh",
      "-c",
      script,
      "netns",
      resolvConf,
      process.execPath,
      CASE_SCRIPT,
      spec,
    ],
    { cwd: REPO_ROOT, timeout: limit, killSignal: "SIGKILL", maxBuffer: 16 * 1024 * 1024 },
  ).catch((error: { stdout?: string; stderr?: string; message: string }) => ({
    stdout: error.stdout ?? "",
    stderr: `${error.stderr ?? ""}\n${error.message}`,
  }));
  await rm(dir, { recursive: true, force: true });
  const last = stdout.trim().split("\n").at(-1) ?? "";
  try {
    return { result: JSON.parse(last) as NetnsCaseResult, stderr };
  } catch {
    return { result: undefined, stderr: `${stderr}\n${stdout}` };
  }
}
