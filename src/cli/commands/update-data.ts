// `domain-drift update-data`: refreshes the IANA RDAP bootstrap, the root hints and the Route 53
// address ranges in the cache directory. Exit 0 when all were refreshed, 2 when any failed (then
// nothing was changed).
import { resolve } from "node:path";
import type { Command } from "commander";
import { type ReferenceFileUpdate, updateReferenceData } from "../../data/update-data.js";
import { defaultCacheDir } from "../cache-dir.js";
import { ExitCode } from "../exit-codes.js";
import type { CliContext, CommandRegistrar } from "../program.js";

interface UpdateDataFlags {
  readonly cacheDir?: string;
  readonly sourceBase?: string;
}

function describe(update: ReferenceFileUpdate): string {
  const before = `${update.previous.version} (${update.previous.origin})`;
  if (!update.inUse) {
    return `${update.fileName}: ${before}; downloaded ${update.version} is not newer than the embedded copy, which stays in use`;
  }
  if (update.previous.version === update.version) return `${update.fileName}: ${before}, unchanged`;
  return `${update.fileName}: ${before} → ${update.version}`;
}

async function runUpdateData(context: CliContext, flags: UpdateDataFlags): Promise<void> {
  const { io } = context;
  const { sourceBase } = flags;
  if (sourceBase !== undefined) {
    const url = URL.canParse(sourceBase) ? new URL(sourceBase) : undefined;
    if (url?.protocol !== "https:" && url?.protocol !== "http:") {
      io.stderr.write(
        `domain-drift update-data: --source-base must be an http or https URL, got "${sourceBase}"\n`,
      );
      context.exitCode = ExitCode.InvalidInput;
      return;
    }
  }
  const cacheDir = resolve(io.cwd, flags.cacheDir ?? defaultCacheDir());
  const result = await updateReferenceData({
    cacheDir,
    ...(sourceBase !== undefined ? { sourceBase } : {}),
  });
  if (!result.ok) {
    const lines = result.failures.map((failure) => `  ${failure}`);
    io.stderr.write(
      `domain-drift update-data: failed; the cached copies were not changed:\n${lines.join("\n")}\n`,
    );
    context.exitCode = ExitCode.InvalidInput;
    return;
  }
  const lines = result.files.map((update) => `  ${describe(update)}`);
  io.stdout.write(`Reference data in ${resolve(cacheDir, "data")}:\n${lines.join("\n")}\n`);
  context.exitCode = ExitCode.Ok;
}

export const registerUpdateData: CommandRegistrar = (program: Command, context: CliContext) => {
  program
    .command("update-data")
    .description(
      "Refresh the IANA RDAP bootstrap, the root hints and the Route 53 address ranges in the cache directory. Exit 0 refreshed, 2 failed (nothing changed).",
    )
    .option("--cache-dir <dir>", "cache directory (default: the per-user cache directory)")
    .option(
      "--source-base <url>",
      "fetch dns.json, named.root and ip-ranges.json from this mirror instead of IANA, InterNIC and AWS (for air-gapped networks; http and private addresses are allowed for it)",
    )
    .action(async (flags: UpdateDataFlags) => {
      await runUpdateData(context, flags);
    });
};
