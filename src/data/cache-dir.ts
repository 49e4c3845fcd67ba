import envPaths from "env-paths";

/** The per-user cache directory (XDG on Linux, ~/Library/Caches on macOS, %LOCALAPPDATA% on Windows). */
export function defaultCacheDir(): string {
  return envPaths("domain-drift", { suffix: "" }).cache;
}
