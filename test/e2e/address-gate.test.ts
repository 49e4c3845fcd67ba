// The address gate's default, end to end: `check` without --root-hints, --rdap-bootstrap or
// --allow-private-addresses must not query loopback or private addresses it learns from the
// network. Every other CLI test passes --root-hints, which opens the gate by design, so this one
// runs in a network namespace whose only interface is loopback (address-gate-lab.ts): the shipped
// root servers' addresses answer there, and nothing can leave the machine.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import type { Report } from "../../src/report/model/model.js";
import { repoPath } from "../support/repo.js";
import { missingTool } from "../support/tools.js";
import type { GateLabResult } from "./address-gate-lab.js";
import { parseReport } from "./harness.js";

// A user namespace maps us to root inside it, so this needs no privilege where the kernel allows
// unprivileged user namespaces (and works as root everywhere).
const UNSHARE = ["--map-root-user", "--net"];

function namespaceUnavailableReason(): string | undefined {
  const probe = spawnSync("unshare", [...UNSHARE, "ip", "link", "set", "lo", "up"], {
    encoding: "utf8",
  });
  if (probe.error !== undefined) return `cannot run unshare (${probe.error.message}; util-linux)`;
  if (probe.status !== 0) {
    return `cannot make a network namespace with loopback up (unshare ${UNSHARE.join(" ")}: ${probe.stderr.trim()}; needs util-linux, iproute2 and user namespaces or root)`;
  }
  return undefined;
}

const withoutNamespace = missingTool(
  "address gate in a loopback-only network namespace",
  namespaceUnavailableReason(),
);

function runLab(): GateLabResult {
  const run = spawnSync(
    "unshare",
    [
      ...UNSHARE,
      process.execPath,
      "--import",
      "tsx",
      repoPath("test", "e2e", "address-gate-lab.ts"),
    ],
    { cwd: repoPath(), encoding: "utf8", timeout: 120_000 },
  );
  if (run.status !== 0) throw new Error(`the namespace lab failed (${run.status}):\n${run.stderr}`);
  return JSON.parse(run.stdout) as GateLabResult;
}

describe.skipIf(withoutNamespace)("the address gate of a run without a lab", () => {
  it("refuses the loopback servers it is referred to and the loopback RDAP server: nothing reaches them", () => {
    const { shipped, allowed } = runLab();
    const report: Report = parseReport(shipped.stdout);
    const [domain] = report.domains;
    expect(domain?.sources.delegation).toEqual({
      status: "unavailable",
      reason: expect.stringMatching(
        /ns\.lab\.com \(127\.\d+\.\d+\.7\): blocked: 127\.\d+\.\d+\.7 is a loopback address; non-public targets are blocked unless a lab is configured/,
      ),
    });
    expect(domain?.sources.rdap).toEqual({
      status: "unavailable",
      reason: expect.stringMatching(
        /refusing https:\/\/127\.\d+\.\d+\.5:\d+\/domain\/example\.com: 127\.\d+\.\d+\.5 is a loopback address/,
      ),
    });
    expect(shipped.exitCode, shipped.stderr).toBe(3);
    // The root servers (public addresses, trusted) were asked; nothing behind the gate was.
    expect(shipped.received).toEqual({
      root: expect.any(Number),
      com: 0,
      domain: 0,
      rdap: 0,
    });
    expect(shipped.received.root).toBeGreaterThan(0);
    // The same run with the gate opened reaches every server: the lab is not unreachable.
    expect(allowed.received.com).toBeGreaterThan(0);
    expect(allowed.received.domain).toBeGreaterThan(0);
    expect(allowed.received.rdap).toBeGreaterThan(0);
  }, 150_000);
});
