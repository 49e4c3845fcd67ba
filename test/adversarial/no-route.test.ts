// Break 10.14 of the adversarial review: with no route out (an air-gapped host, a container
// without network) or IPv6 forced on a host without it, `check` and `trace` died on the UDP
// transport's ignored connect error and exited 1 ("drift"). Unroutable is an answer like a
// timeout: the run ends by itself with exit 3 and a report. Run in a network namespace with only
// loopback: nothing can leave this machine.
import { describe, expect, it } from "vitest";
import type { Report } from "../../src/report/model/model.js";
import { buildLib } from "../support/build.js";
import { netnsUnavailableReason, runInNetns } from "./support/netns.js";
import { DUAL_POLICY, ROUTE53_POLICY } from "./support/policies.js";

const unavailable = netnsUnavailableReason();

const CHECK_JSON = ["--format", "json", "--output", "report.json", "--cache-dir", "cache"];

describe.skipIf(unavailable !== undefined)(
  `no route out${unavailable ? ` (skipped: ${unavailable})` : ""}`,
  () => {
    it("10.14 with no route out, or IPv6 forced on a host without it, check and trace end by themselves with exit 3 and a report", async () => {
      await buildLib();
      const cutOff = await runInNetns({
        world: "none",
        policy: ROUTE53_POLICY,
        runs: [
          {
            args: ["check", "policies", ...CHECK_JSON],
            killAfterMs: 60_000,
            output: "report.json",
          },
          { args: ["trace", "example.com"], killAfterMs: 30_000 },
        ],
      });
      const [check, trace] = cutOff.result?.runs ?? [];
      expect(check, cutOff.stderr).toMatchObject({ killed: false, code: 3 });
      expect(check?.stderr).not.toMatch(/ERR_SOCKET_BAD_PORT/);
      const report = JSON.parse(check?.output ?? "null") as Report;
      expect(report.domains[0]?.status).toBe("unknown");
      const lame = report.domains[0]?.checks.find((c) => c.name === "lame-delegation");
      expect(lame).toMatchObject({ status: "not-checked" });
      expect(lame?.reason).toMatch(/no server of the root answer.*unroutable/);
      expect(trace).toMatchObject({ killed: false, code: 3 });
      expect(trace?.stdout).toMatch(/FAILED at \.\n.*unroutable: network unreachable/);

      // --ipv6 where this host has no route to an IPv6 address: not checked, never lame.
      const forced = await runInNetns({
        world: "dual-stack",
        policy: DUAL_POLICY,
        runs: [
          {
            args: ["check", "policies", "{world}", "--ipv6", "--no-aws", ...CHECK_JSON],
            killAfterMs: 60_000,
            output: "report.json",
          },
        ],
      });
      const [ipv6] = forced.result?.runs ?? [];
      expect(ipv6, forced.stderr).toMatchObject({ killed: false, code: 3 });
      const domain = (JSON.parse(ipv6?.output ?? "null") as Report).domains[0];
      expect(domain?.findings).toEqual([]);
      expect(domain?.checks.find((c) => c.name === "lame-delegation")).toMatchObject({
        status: "not-checked",
        reason: expect.stringMatching(/ns1\.dual\.com \(2001:db8::53\): unroutable/),
      });
    }, 240_000);
  },
);
