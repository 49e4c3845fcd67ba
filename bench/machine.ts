// The machine a benchmark ran on, as BENCHMARKS.md records it.
import { readFile } from "node:fs/promises";
import { availableParallelism, cpus, loadavg, release, totalmem, type } from "node:os";

export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly ramGb: number;
  readonly node: string;
  readonly os: string;
  /** 1-minute load average when the run started: other work on the machine skews the figures. */
  readonly load: number;
}

async function distribution(): Promise<string | undefined> {
  try {
    const text = await readFile("/etc/os-release", "utf8");
    return /^PRETTY_NAME="?([^"\n]+)"?$/m.exec(text)?.[1];
  } catch {
    return undefined;
  }
}

export async function describeMachine(): Promise<Machine> {
  const distro = await distribution();
  return {
    cpu: cpus()[0]?.model.trim() ?? "unknown",
    cores: availableParallelism(),
    ramGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    os: `${type()} ${release()}${distro === undefined ? "" : ` (${distro})`}`,
    load: Math.round((loadavg()[0] ?? 0) * 100) / 100,
  };
}
