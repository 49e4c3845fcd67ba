// `domain-drift trace` through runCli against a lab world on loopback.

import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type LabDns, startLabDns } from "../../../src/lab/dns-world.js";
import type { DelegationObservation } from "../../../src/observe/dns/types.js";
import { ExitCode } from "../../../src/report/model/exit-codes.js";
import { standardWorld } from "../../observe/dns/support/worlds.js";
import { runCliInProcess } from "../../support/cli.js";

let lab: LabDns;
let dir: string;
let hints: string;

beforeAll(async () => {
  lab = await startLabDns(standardWorld({ laggingParent: true }));
  dir = await mkdtemp(join(tmpdir(), "dd-trace-"));
  hints = join(dir, "lab.named.root");
  await writeFile(hints, lab.rootHints);
});

afterEach(() => {
  for (const server of lab.servers.values()) server.setFaults([]);
});

afterAll(async () => {
  await lab?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const trace = (...args: string[]) =>
  runCliInProcess(["trace", ...args, "--root-hints", hints, "--dns-port", String(lab.port)], {
    cwd: dir,
  });

describe("domain-drift trace", () => {
  it("prints the path, the parent's answer and every server's classification", async () => {
    const run = await trace("example.com");
    expect(run.stderr).toBe("");
    expect(run.exitCode).toBe(ExitCode.Ok);
    const p = lab.net.prefix;
    expect(run.stdout).toMatch(/^;; trace example\.com\. {2}\(\d+ queries, \d+ ms\)$/m);
    expect(run.stdout).toContain(`.  (cached)\n    a.root-servers.lab           ${p}.1\n`);
    expect(run.stdout).toContain(`com.  (referral)\n    a.gtld-servers.net           ${p}.10\n`);
    expect(run.stdout).toMatch(
      /example\.com\. {2}delegated by com\., answer from [ab]\.gtld-servers\.net/,
    );
    expect(run.stdout).toContain("    NS    ns1.provider.net\n");
    expect(run.stdout).toContain(`    DS    12345 13 2 ${"ab".repeat(32)}\n`);
    expect(run.stdout).toContain(`  ns1.provider.net  resolved ${p}.31\n`);
    expect(run.stdout).toMatch(
      new RegExp(
        `    ${p.replaceAll(".", "\\.")}\\.31 +udp \\d+\\.\\d ms  authoritative, NS ns1\\.provider\\.net ns2\\.provider\\.net ns3\\.provider\\.net ns4\\.provider\\.net\\n`,
      ),
    );
  });

  it("shows failures per server, and every parent with --all-parents and serials with --soa", async () => {
    lab.server("provider-2").setFaults([{ fault: { kind: "refused" }, names: ["moved.com"] }]);
    const run = await trace("moved.com", "--all-parents", "--soa");
    expect(run.exitCode).toBe(ExitCode.Ok);
    expect(run.stdout).toContain("  every parent server:");
    expect(run.stdout).toMatch(
      /a\.gtld-servers\.net \(\S+\) +delegation, NS ns1\.provider\.net ns2\.provider\.net/,
    );
    expect(run.stdout).toMatch(
      /b\.gtld-servers\.net \(\S+\) +delegation, NS ns3\.provider\.net ns4\.provider\.net/,
    );
    expect(run.stdout).toContain("! the parent servers disagree");
    expect(run.stdout).toMatch(
      /udp \d+\.\d ms {2}authoritative, NS ns1\.provider\.net ns2\.provider\.net, SOA serial 1\n/,
    );
    expect(run.stdout).toMatch(/udp \d+\.\d ms {2}REFUSED\n/);
  });

  it("reports name servers that cannot be resolved", async () => {
    const run = await trace("lapsed.com");
    expect(run.stdout).toContain("  ns1.gone-provider.com  does not exist: NXDOMAIN from com.\n");
  });

  it("prints the observation as JSON", async () => {
    const run = await trace("inzone.com", "--format", "json");
    expect(run.exitCode).toBe(ExitCode.Ok);
    const observation = JSON.parse(run.stdout) as DelegationObservation;
    expect(observation.kind).toBe("delegated");
    if (observation.kind !== "delegated") return;
    expect(observation.domain).toBe("inzone.com");
    expect(observation.parent.glue.map((g) => g.name)).toEqual([
      "ns1.inzone.com",
      "ns2.inzone.com",
    ]);
    expect(observation.nameservers.map((ns) => ns.probes[0]?.answer.kind)).toEqual([
      "authoritative",
      "authoritative",
    ]);
  });

  it("exits 0 for a domain that is not delegated", async () => {
    const run = await trace("no-such-name.com");
    expect(run.exitCode).toBe(ExitCode.Ok);
    expect(run.stdout).toContain("no-such-name.com.  NOT DELEGATED by com.");
    expect(run.stdout).toMatch(/answered NXDOMAIN: the name does not exist/);
  });

  it("exits 3 when no parent server answers", async () => {
    lab.server("gtld-a").setFaults([{ fault: { kind: "drop" }, names: ["example.com"] }]);
    lab.server("gtld-b").setFaults([{ fault: { kind: "servfail" }, names: ["example.com"] }]);
    const run = await trace("example.com", "--timeout", "300");
    expect(run.exitCode).toBe(ExitCode.Incomplete);
    expect(run.stdout).toContain("example.com.  FAILED at com.");
    expect(run.stdout).toMatch(/a\.gtld-servers\.net \(\S+\): timeout/);
    expect(run.stdout).toMatch(/b\.gtld-servers\.net \(\S+\): SERVFAIL/);
  });

  it("turns a Unicode domain into its A-label", async () => {
    const run = await trace("Bücher.COM", "--format", "json");
    expect(run.exitCode).toBe(ExitCode.Ok);
    expect(JSON.parse(run.stdout)).toMatchObject({
      domain: "xn--bcher-kva.com",
      kind: "not-delegated",
    });
  });

  it.each([["exa mple.com"], ["a..b"], ["."], [`${"x".repeat(64)}.com`]])(
    "refuses %j with exit 2",
    async (domain) => {
      const run = await trace(domain);
      expect(run.exitCode).toBe(ExitCode.InvalidInput);
      expect(run.stderr).toMatch(/^domain-drift trace: invalid domain /);
      expect(run.stdout).toBe("");
    },
  );

  it("reports a bad root hints file as FILE:LINE: error and exits 2", async () => {
    const bad = join(dir, "bad.named.root");
    await writeFile(bad, ".  3600000  NS  a.root.lab.\na.root.lab.  3600000  A  not-an-address\n");
    const run = await runCliInProcess(["trace", "example.com", "--root-hints", bad], { cwd: dir });
    expect(run.exitCode).toBe(ExitCode.InvalidInput);
    expect(run.stderr).toBe(`${bad}:2: error: bad A address "not-an-address"\n`);
  });

  it("reports a missing root hints file and exits 2", async () => {
    const missing = join(dir, "missing.named.root");
    const run = await runCliInProcess(["trace", "example.com", "--root-hints", missing], {
      cwd: dir,
    });
    expect(run.exitCode).toBe(ExitCode.InvalidInput);
    expect(run.stderr).toBe(
      `${missing}: error: cannot read root hints: no such file or directory\n`,
    );
  });
});
