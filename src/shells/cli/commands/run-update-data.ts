// What `domain-drift update-data` does (its options are in ./update-data.ts, which loads this module
// only when the command runs): refreshes the reference data in the cache directory.
import { resolve } from "node:path";
import { defaultCacheDir } from "../../../data/cache-dir.js";
import { embeddedRegistryTable } from "../../../data/registry-table.js";
import { type ReferenceFileUpdate, updateReferenceData } from "../../../data/update-data.js";
import { ExitCode } from "../../../report/model/exit-codes.js";
import type { CliContext } from "../program.js";
import type { UpdateDataFlags } from "./update-data.js";

function describe(update: ReferenceFileUpdate): string {
  const before = `${update.previous.version} (${update.previous.origin})`;
  if (!update.inUse) {
    return `${update.fileName}: ${before}; downloaded ${update.version} is not newer than the embedded copy, which stays in use`;
  }
  if (update.previous.version === update.version) return `${update.fileName}: ${before}, unchanged`;
  return `${update.fileName}: ${before} → ${update.version}`;
}

export async function runUpdateData(context: CliContext, flags: UpdateDataFlags): Promise<void> {
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
  const table = embeddedRegistryTable();
  const lines = [
    ...result.files.map((update) => `  ${describe(update)}`),
    // Curated by hand: there is no upstream file to download.
    `  registries.json: ${table.version} (embedded; curated, updated with releases, not downloaded)`,
  ];
  io.stdout.write(`Reference data in ${resolve(cacheDir, "data")}:\n${lines.join("\n")}\n`);
  context.exitCode = ExitCode.Ok;
}
