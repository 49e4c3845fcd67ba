// Item 5 of issue 11 (networks of real hosts), in network namespaces with only loopback:
// IPv6 name-server addresses are asked where this host has a route to them and skipped, saying so,
// where it has none (`--ipv6` / `--no-ipv6` force either way); and with packets silently dropped,
// the system resolver's lookups for RDAP and AWS hosts never keep the process alive after its
// report is written. Each case states its limit as the time after which its process is killed.
import { describe, expect, it } from "vitest";
import type { Report } from "../../src/report/model/model.js";
import { buildLib } from "../support/build.js";
import { netnsUnavailableReason, runInNetns } from "./support/netns.js";
import { DUAL_POLICY, ROUTE53_POLICY } from "./support/policies.js";

const unavailable = netnsUnavailableReason();

const CHECK_JSON = ["--format", "json", "--output", "report.json", "--cache-dir", "cache"];

const checkOf = (output: string | undefined, name: string) =>
  (JSON.parse(output ?? "null") as Report).domains[0]?.checks.find((c) => c.name === name);

describe.skipIf(unavailable !== undefined)(
  `networks of real hosts${unavailable ? ` (skipped: ${unavailable})` : ""}`,
  () => {
    it("11.5 IPv6 addresses are asked where this host has a route and skipped, saying so, where it has none; --no-ipv6 skips them all", async () => {
      await buildLib();
      const run = (flags: readonly string[]) => ({
        args: ["check", "policies", "{world}", ...flags, "--no-aws", ...CHECK_JSON],
        killAfterMs: 60_000,
        output: "report.json",
      });
      const { result, stderr } = await runInNetns({
        world: "dual-stack",
        policy: DUAL_POLICY,
        runs: [run([]), run(["--no-ipv6"])],
      });
      const [auto, off] = result?.runs ?? [];
      expect(auto, stderr).toMatchObject({ killed: false });
      expect(off, stderr).toMatchObject({ killed: false });
      for (const name of ["lame-delegation", "parent-child-ns-mismatch"]) {
        // Automatic: ::1 is routed and asked (it answers, so the check passes), the
        // documentation address is not, and the pass says so.
        const automatic = checkOf(auto?.output, name);
        expect(automatic).toMatchObject({ status: "pass" });
        expect(automatic?.reason).toMatch(
          /ns1\.dual\.com \(2001:db8::53\): not probed: this host has no IPv6 route/,
        );
        expect(automatic?.reason).not.toContain("::1)");
        // Forced off: neither is asked, and the pass says that too.
        const forcedOff = checkOf(off?.output, name);
        expect(forcedOff).toMatchObject({ status: "pass" });
        expect(forcedOff?.reason).toMatch(/IPv6 is off/);
        expect(forcedOff?.reason).toMatch(/ns2\.dual\.com \(::1\): not probed: IPv6 is off/);
      }
    }, 180_000);

    it("11.5 with packets silently dropped, the process ends as soon as its report is written", async () => {
      await buildLib();
      // The system resolver's server drops everything, and the resolver waits 30 s five times.
      const { result, stderr } = await runInNetns(
        {
          world: "silent",
          policy: ROUTE53_POLICY,
          runs: [
            {
              args: ["check", "policies", "{world}", ...CHECK_JSON],
              killAfterMs: 60_000,
              output: "report.json",
            },
          ],
        },
        "options timeout:30 attempts:5",
      );
      const [check] = result?.runs ?? [];
      expect(check, stderr).toMatchObject({ killed: false, code: 3 });
      const report = JSON.parse(check?.output ?? "null") as Report;
      expect(report.domains[0]?.status).toBe("unknown");
      expect(report.domains[0]?.sources.rdap.reason).toMatch(/cannot resolve the host/);
      expect(report.domains[0]?.sources.route53.reason).toMatch(/could not reach the AWS API/);
    }, 180_000);
  },
);
