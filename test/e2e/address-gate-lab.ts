// Run by address-gate.test.ts inside a network namespace of its own, where loopback is the only
// interface: no packet can leave it. The shipped root servers' addresses are put on loopback and
// served by lab root servers, so `check` without a lab option starts as it would on the internet;
// the roots refer `com` to a server at a loopback address, and the cached RDAP bootstrap names a
// loopback address too. `check` runs in-process twice, as shipped and with
// --allow-private-addresses, and the result is printed as one JSON line (see `GateLabResult`).
import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EMBEDDED_NAMED_ROOT } from "../../src/data/named-root.js";
import { a, ns, zone } from "../../src/lab/dns-records.js";
import { startLabDns } from "../../src/lab/dns-world.js";
import { parseRootHints } from "../../src/observe/dns/root-hints.js";
import { runCliInProcess } from "../support/cli.js";

export interface GateLabRun {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  /** Queries (DNS) and connections (RDAP) each lab server received during the run. */
  readonly received: {
    readonly root: number;
    readonly com: number;
    readonly domain: number;
    readonly rdap: number;
  };
}

export interface GateLabResult {
  /** `check` as shipped: no --root-hints, no --rdap-bootstrap, no --allow-private-addresses. */
  readonly shipped: GateLabRun;
  /** The same with --allow-private-addresses: shows that the lab is reachable at all. */
  readonly allowed: GateLabRun;
}

const hints = parseRootHints(EMBEDDED_NAMED_ROOT, "embedded");
if (!hints.ok) throw new Error(hints.message);
const roots = hints.servers.filter((server) => !server.address.includes(":"));

execFileSync("ip", ["link", "set", "lo", "up"]);
for (const root of roots) execFileSync("ip", ["addr", "add", `${root.address}/32`, "dev", "lo"]);

const lab = await startLabDns(({ host }) => {
  const rootZone = zone(".", [
    ...roots.flatMap((root) => [ns(".", root.name), a(root.name, root.address)]),
    ns("com", "ns.lab.com"),
    a("ns.lab.com", host(7)),
  ]);
  const com = zone("com", [
    ns("com", "ns.lab.com"),
    a("ns.lab.com", host(7)),
    ns("example.com", "ns1.example.com"),
    a("ns1.example.com", host(9)),
  ]);
  const example = zone("example.com", [
    ns("example.com", "ns1.example.com"),
    a("ns1.example.com", host(9)),
  ]);
  return {
    servers: [
      ...roots.map((root, i) => ({ name: `root-${i}`, host: root.address, zones: [rootZone] })),
      { name: "com", host: 7, zones: [com] },
      { name: "domain", host: 9, zones: [example] },
    ],
  };
});

// Any TCP connection counts: the gate must refuse before connecting, whatever the scheme.
let rdapConnections = 0;
const rdap = createServer((socket) => {
  rdapConnections += 1;
  socket.destroy();
});
const rdapAddress = `${lab.net.prefix}.5`;
await new Promise<void>((resolve) => rdap.listen(0, rdapAddress, resolve));
const rdapPort = (rdap.address() as { port: number }).port;

const dir = await mkdtemp(join(tmpdir(), "domain-drift-gate-"));
await mkdir(join(dir, "policies"));
await writeFile(
  join(dir, "policies", "gate.yaml"),
  "version: 1\ndomains:\n  example.com:\n    registrar: hover\n    dnsHost: hover\n",
);

function received() {
  const roots = [...lab.servers.entries()].filter(([name]) => name.startsWith("root-"));
  return {
    root: roots.reduce((sum, [, server]) => sum + server.received, 0),
    com: lab.server("com").received,
    domain: lab.server("domain").received,
    rdap: rdapConnections,
  };
}

async function check(name: string, extra: readonly string[]): Promise<GateLabRun> {
  const cacheDir = join(dir, `cache-${name}`);
  // A refreshed IANA bootstrap in the cache (as `update-data` leaves it): https, as the cache
  // requires, to a loopback address.
  await mkdir(join(cacheDir, "data"), { recursive: true });
  await writeFile(
    join(cacheDir, "data", "iana-rdap-dns.json"),
    JSON.stringify({
      version: "1.0",
      publication: "2099-01-01T00:00:00Z",
      services: [[["com"], [`https://${rdapAddress}:${rdapPort}/`]]],
    }),
  );
  const before = received();
  const run = await runCliInProcess(
    [
      "check",
      "policies",
      "--no-aws",
      "--dns-port",
      String(lab.port),
      "--timeout",
      "1000",
      "--cache-dir",
      cacheDir,
      "--format",
      "json",
      ...extra,
    ],
    { cwd: dir },
  );
  const after = received();
  return {
    exitCode: run.exitCode,
    stdout: run.stdout,
    stderr: run.stderr,
    received: {
      root: after.root - before.root,
      com: after.com - before.com,
      domain: after.domain - before.domain,
      rdap: after.rdap - before.rdap,
    },
  };
}

try {
  const result: GateLabResult = {
    shipped: await check("shipped", []),
    allowed: await check("allowed", ["--allow-private-addresses"]),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  await Promise.all([lab.close(), new Promise((resolve) => rdap.close(resolve))]);
  await rm(dir, { recursive: true, force: true });
}
