// `domain-drift update-data`: refreshes the IANA RDAP bootstrap, the root hints and the Route 53
// address ranges in the cache directory. Exit 0 when all were refreshed, 2 when any failed (then
// nothing was changed). The options are defined here; ./run-update-data.ts, with the HTTP client
// behind it, loads only when the command runs.
import type { Command } from "commander";
import type { CliContext, CommandRegistrar } from "../program.js";

export interface UpdateDataFlags {
  readonly cacheDir?: string;
  readonly sourceBase?: string;
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
      const { runUpdateData } = await import("./run-update-data.js");
      await runUpdateData(context, flags);
    });
};
