// Suites that need a system tool (NSD, Chromium, the Python OpenMetrics parser) skip where it is
// missing, and say so once, with the reason and the package that brings it, so a skip never
// passes unnoticed in a run's output. `.ci/run` installs every such tool: in CI none of them skips.
/** Logs once per suite why it is skipped; pair with `describe.skipIf(reason !== undefined)`. */
export function noteSkipped(suite: string, reason: string | undefined): void {
  if (reason !== undefined) console.warn(`[skipped] ${suite}: ${reason}`);
}
