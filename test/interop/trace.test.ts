// `domain-drift trace` as a user runs it (the built binary, a child process) against the NSD tree:
// it must show every delegated server with its classification, in text and in JSON.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DelegationObservation } from "../../src/observe/dns/index.js";
import { buildLib } from "../support/build.js";
import { runCliBinary, userEnv } from "../support/cli.js";
import { type NsdTree, nsdUnavailableReason, startNsdTree } from "../support/nsd.js";
import { missingTool } from "../support/tools.js";
import { interopWorld, SIGNED_ZONES } from "./world.js";

const withoutNsd = missingTool("interop: domain-drift trace against NSD", nsdUnavailableReason());

describe.skipIf(withoutNsd)("interop: domain-drift trace against NSD", () => {
  let tree: NsdTree;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "domain-drift-trace-"));
    const [started, built] = await Promise.allSettled([
      startNsdTree(interopWorld, { signedZones: SIGNED_ZONES }),
      buildLib(),
    ]);
    if (started.status === "fulfilled") tree = started.value;
    for (const result of [started, built]) if (result.status === "rejected") throw result.reason;
    await writeFile(join(dir, "named.root"), tree.rootHints);
  }, 240_000);

  afterAll(async () => {
    await tree?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const trace = (domain: string, ...args: string[]) =>
    runCliBinary(
      ["trace", domain, "--root-hints", "named.root", "--dns-port", String(tree.port), ...args],
      {
        cwd: dir,
        env: userEnv(dir),
        timeoutMs: 30_000,
      },
    );

  it("text: the path, and every delegated server's address and classification", async () => {
    const run = await trace("lame.com");
    expect(run.exitCode, run.stderr).toBe(0);
    const lines = run.stdout.split("\n");
    // A probe's line starts with the address it asked; the name server's line only lists it.
    const probeLine = (address: string) =>
      lines.find((line) => line.trimStart().startsWith(`${address} `)) ?? "";
    expect(run.stdout).toContain(tree.address("a.root-servers.net"));
    expect(run.stdout).toContain(tree.address("a.nic.com"));
    expect(probeLine(tree.address("ns1.provider.net"))).toMatch(/authoritative/i);
    expect(probeLine(tree.address("ns2.provider.net"))).toMatch(/refused/i);
  });

  it("json: the delegation observation, with each server's answer", async () => {
    const run = await trace("lame.com", "--format", "json");
    expect(run.exitCode, run.stderr).toBe(0);
    const observation = JSON.parse(run.stdout) as DelegationObservation;
    expect(observation.kind).toBe("delegated");
    if (observation.kind !== "delegated") return;
    expect(observation.parent.ns).toEqual(["ns1.provider.net", "ns2.provider.net"]);
    expect(
      observation.nameservers.map((ns) => [
        ns.name,
        ns.probes.map((p) => [p.address, p.answer.kind]),
      ]),
    ).toEqual([
      ["ns1.provider.net", [[tree.address("ns1.provider.net"), "authoritative"]]],
      ["ns2.provider.net", [[tree.address("ns2.provider.net"), "refused"]]],
    ]);
  });

  it("json: a not-delegated domain and a lapsed name-server domain", async () => {
    const [absent, orphan] = await Promise.all([
      trace("absent.com", "--format", "json"),
      trace("orphan.com", "--format", "json"),
    ]);
    expect(absent.exitCode, absent.stderr).toBe(0);
    expect(JSON.parse(absent.stdout)).toMatchObject({
      kind: "not-delegated",
      parentZone: "com",
      reason: "nxdomain",
    });
    expect(orphan.exitCode, orphan.stderr).toBe(0);
    const observation = JSON.parse(orphan.stdout) as DelegationObservation;
    const lapsed =
      observation.kind === "delegated"
        ? observation.nameservers.find((ns) => ns.name === "ns1.gone-dns.net")
        : undefined;
    expect(lapsed?.addresses).toEqual({ kind: "nxdomain", zone: "net" });
  });
});
