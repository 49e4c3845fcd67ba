// The one rule for suites that need something a machine may lack (NSD, the DNSSEC signing tools,
// an IPv6 loopback, network namespaces): where it is missing, the suite is skipped (or falls back)
// and says why; where DOMAIN_DRIFT_REQUIRE_TOOLS=1 (CI: .ci/run sets it), the suite fails instead,
// so CI cannot lose a tier of tests without anyone noticing.

export const REQUIRE_TOOLS = "DOMAIN_DRIFT_REQUIRE_TOOLS";

/**
 * True when `suite` has to do without what it needs, `reason` saying why (undefined: it has it);
 * the caller then skips or falls back. Throws instead when tools are required.
 */
export function missingTool(suite: string, reason: string | undefined): boolean {
  if (reason === undefined) return false;
  if (process.env[REQUIRE_TOOLS] === "1") {
    throw new Error(`${suite} cannot run: ${reason} (${REQUIRE_TOOLS}=1 requires every tool)`);
  }
  console.warn(`[skipped] ${suite}: ${reason}`);
  return true;
}
