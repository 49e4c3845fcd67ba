// The peer comparison: zonemaster-cli and `dnsviz probe` next to domain-drift on the interop
// tests' NSD tree, per domain, for the lame-delegation, parent/child-mismatch and not-delegated
// cases (and healthy controls). `npx tsx bench/peers.ts [--repeat 3] [--no-record]`, or
// `npm run bench -- --peers`.
//
// Nothing may leave loopback, and neither peer can be limited to loopback by its own options
// alone. So the comparison runs in a network namespace of its own (`unshare --net`) holding
// nothing but `lo`: a packet for any other address has no route. It re-executes itself there,
// refuses to run if the namespace has any other interface, and then checks from the tools' own
// records (zonemaster's --save cache, dnsviz's probe output) that every server they asked was
// on 127.0.0.0/8. It needs root (NSD binds port 53), NSD, zonemaster-cli and dnsviz; whatever is
// missing is reported and skipped.

import { execFileSync, spawn, spawnSync } from "node:child_process";
import { appendFile, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { networkInterfaces, tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import {
  type LabRdapServer,
  renderLabBootstrap,
  startLabRdapServer,
} from "../src/lab/rdap-server.js";
import type { Zone } from "../src/lab/zone.js";
import type { Report } from "../src/report/model/model.js";
import { TOOL_VERSION } from "../src/version.js";
import { interopWorld, SIGNED_ZONES } from "../test/interop/world.js";
import { type NsdTree, nsdUnavailableReason, startNsdTree } from "../test/support/nsd.js";
import { CLI, checkerEnvironment } from "./checker.js";
import { describeMachine } from "./machine.js";
import {
  addressesIn,
  dnsvizVerdict,
  domainDriftVerdict,
  isLoopback,
  NO_PROBLEM,
  sameVerdict,
  type Verdict,
  zonemasterSaved,
  zonemasterVerdict,
} from "./peer-verdicts.js";

const BENCHMARKS = fileURLToPath(new URL("../BENCHMARKS.md", import.meta.url));
const ISOLATED_FLAG = "--inside-namespace";

const { values } = parseArgs({
  options: {
    repeat: { type: "string", default: "3" },
    "no-record": { type: "boolean", default: false },
    "inside-namespace": { type: "boolean", default: false },
  },
});

interface SampleDomain {
  readonly domain: string;
  readonly about: string;
  readonly expected: Omit<Verdict, "evidence">;
}

/** Domains of test/interop/world.ts: the three cases and healthy controls. */
const SAMPLE: readonly SampleDomain[] = [
  { domain: "healthy.com", about: "healthy, in-bailiwick glue", expected: NO_PROBLEM },
  { domain: "outside.com", about: "healthy, out-of-bailiwick servers", expected: NO_PROBLEM },
  { domain: "shop.co.uk", about: "healthy, under co.uk", expected: NO_PROBLEM },
  { domain: "lame.com", about: "lame delegation", expected: { ...NO_PROBLEM, lame: true } },
  {
    domain: "mismatch.com",
    about: "parent/child NS mismatch",
    expected: { ...NO_PROBLEM, mismatch: true },
  },
  { domain: "absent.com", about: "not delegated", expected: { ...NO_PROBLEM, notDelegated: true } },
];

const POLICY = `version: 1
defaults: { registrar: lab-registrar, dnsHost: lab-dns }
domains:
${SAMPLE.map((s) => `  ${s.domain}: {}`).join("\n")}
providers:
  lab-dns:
    name: Lab DNS
    dnsHost: { nameservers: ["ns*.provider.net", "ns*.healthy.com", "ns*.shop.co.uk"], sharedHosting: false }
  lab-registrar:
    name: Lab Registrar
    registrar: { ianaIds: [9999], names: ["Lab Registrar"] }
`;

function onPath(command: string): boolean {
  return (process.env.PATH ?? "")
    .split(delimiter)
    .some((dir) => spawnSync("test", ["-x", join(dir, command)]).status === 0);
}

/** Only `lo`, with an address: the namespace the comparison must run in. */
function onlyLoopback(): boolean {
  const interfaces = networkInterfaces();
  const names = Object.keys(interfaces);
  return names.length === 1 && names[0] === "lo" && (interfaces.lo ?? []).length > 0;
}

function say(text: string): void {
  process.stderr.write(`peers: ${text}\n`);
}

/** Re-runs this script in a new network namespace with only `lo` up; resolves to its exit code. */
function runIsolated(): Promise<number> {
  const script = fileURLToPath(import.meta.url);
  const inner = [
    process.execPath,
    ...process.execArgv,
    script,
    ...process.argv.slice(2),
    ISOLATED_FLAG,
  ];
  const child = spawn(
    "unshare",
    ["--net", "--", "sh", "-c", 'ip link set lo up && exec "$@"', "sh", ...inner],
    {
      stdio: "inherit",
    },
  );
  return new Promise((resolve) => child.once("close", (code) => resolve(code ?? 1)));
}

interface Finished {
  readonly stdout: string;
  readonly code: number | null;
  readonly ms: number;
}

/**
 * Runs a command to completion and times it. Asynchronously: this process serves the lab's RDAP,
 * which a blocked event loop would leave the checker waiting on.
 */
function execute(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<Finished> {
  const started = performance.now();
  const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
  child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) => {
      const finished = {
        stdout: Buffer.concat(out).toString(),
        code,
        ms: performance.now() - started,
      };
      // domain-drift exits 1 on drift; anything above that is a failure for every tool here.
      if (code === null || code > 1) {
        reject(
          new Error(
            `${command} ${args.join(" ")} exited ${code}:\n${Buffer.concat(err).toString()}`,
          ),
        );
      } else {
        resolve(finished);
      }
    });
  });
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};

/** Addresses of the servers the parent zone delegates `domain` to, from the world's zones. */
function delegatedAddresses(tree: NsdTree, domain: string): Set<string> {
  const zones: Zone[] = tree.world.servers.flatMap((server) => [...server.zones]);
  const targets = zones
    .filter((zone) => zone.origin !== domain)
    .flatMap((zone) => zone.records)
    .flatMap((record) => (record.type === "NS" && record.name === domain ? [record.data] : []));
  return new Set(targets.flatMap((name) => (tree.servers.has(name) ? [tree.address(name)] : [])));
}

interface ToolRun {
  readonly verdict: Verdict;
  readonly ms: number;
  /** DNS queries sent for the domain, where the tool's records tell. */
  readonly queries: number | undefined;
}

interface DomainResult {
  readonly sample: SampleDomain;
  readonly domainDrift: ToolRun;
  readonly zonemaster: ToolRun | undefined;
  readonly dnsviz: ToolRun | undefined;
}

async function compare(dir: string, tree: NsdTree, rdap: LabRdapServer, repeat: number) {
  const hints = join(dir, "named.root");
  const bootstrap = join(dir, "rdap-dns.json");
  const policy = join(dir, "peers.yaml");
  await writeFile(hints, tree.rootHints);
  await writeFile(
    bootstrap,
    JSON.stringify(renderLabBootstrap({ com: rdap.baseUrl, uk: rdap.baseUrl })),
  );
  await writeFile(policy, POLICY);
  const env = checkerEnvironment();
  const root = tree.rootServers[0];
  const rootAddress = root?.addresses[0];
  if (root === undefined || rootAddress === undefined) throw new Error("the NSD tree has no root");
  // dnsviz starts its walk at these root servers instead of the real ones.
  const rootServer = `.:${root.name}=${rootAddress}`;
  const queried = { zonemaster: new Set<string>(), dnsviz: new Set<string>() };
  const haveZonemaster = onPath("zonemaster-cli");
  const haveDnsviz = onPath("dnsviz");

  const checkArgs = (extra: readonly string[], output: string) => [
    CLI,
    "check",
    policy,
    "--root-hints",
    hints,
    "--rdap-bootstrap",
    bootstrap,
    "--no-aws",
    "--format",
    "json",
    "--output",
    output,
    ...extra,
  ];
  const whole = await execute(process.execPath, checkArgs([], join(dir, "all.json")), env);
  const scanReport = JSON.parse(await readFile(join(dir, "all.json"), "utf8")) as Report;

  async function domainDrift(domain: string): Promise<ToolRun> {
    const out = join(dir, `dd-${domain}.json`);
    const times: number[] = [];
    for (let i = 0; i < repeat; i++) {
      times.push((await execute(process.execPath, checkArgs(["--only", domain], out), env)).ms);
    }
    const report = JSON.parse(await readFile(out, "utf8")) as Report;
    return {
      verdict: domainDriftVerdict(report, domain),
      ms: median(times),
      queries: report.stats.dnsQueries,
    };
  }

  async function zonemaster(domain: string, delegated: ReadonlySet<string>): Promise<ToolRun> {
    const saved = join(dir, `zm-${domain}.cache`);
    const args = ["--hints", hints, "--test", "basic", "--test", "delegation", "--no-ipv6"];
    const times: number[] = [];
    let json = "[]";
    let queries = 0;
    for (let i = 0; i < repeat; i++) {
      const run = await execute(
        "zonemaster-cli",
        [...args, "--json", "--no-progress", "--save", saved, domain],
        env,
      );
      times.push(run.ms);
      json = run.stdout;
      const cache = zonemasterSaved(await readFile(saved, "utf8"));
      for (const address of cache.servers) queried.zonemaster.add(address);
      queries = cache.queries;
    }
    return { verdict: zonemasterVerdict(json, delegated), ms: median(times), queries };
  }

  async function dnsviz(domain: string, delegated: ReadonlySet<string>): Promise<ToolRun> {
    const probed = join(dir, `dnsviz-${domain}.json`);
    const times: number[] = [];
    for (let i = 0; i < repeat; i++) {
      const args = ["probe", "-A", "-4", "-x", rootServer, "-o", probed, domain];
      times.push((await execute("dnsviz", args, env)).ms);
      for (const address of addressesIn(JSON.parse(await readFile(probed, "utf8"))))
        queried.dnsviz.add(address);
    }
    const grok = await execute("dnsviz", ["grok", "-r", probed, "-l", "warning"], env);
    return {
      verdict: dnsvizVerdict(grok.stdout, domain, delegated),
      ms: median(times),
      queries: undefined,
    };
  }

  const results: DomainResult[] = [];
  for (const sample of SAMPLE) {
    const delegated = delegatedAddresses(tree, sample.domain);
    results.push({
      sample,
      domainDrift: await domainDrift(sample.domain),
      zonemaster: haveZonemaster ? await zonemaster(sample.domain, delegated) : undefined,
      dnsviz: haveDnsviz ? await dnsviz(sample.domain, delegated) : undefined,
    });
  }
  return {
    results,
    queried,
    haveZonemaster,
    haveDnsviz,
    scanMsPerDomain: whole.ms / SAMPLE.length,
    scanPipelineMsPerDomain: scanReport.stats.durationMs / SAMPLE.length,
  };
}

const secs = (ms: number) => (ms < 100 ? `${ms.toFixed(1)} ms` : `${(ms / 1000).toFixed(2)} s`);

function cell(run: ToolRun | undefined, expected: SampleDomain["expected"]): string {
  if (run === undefined) return "not installed";
  const found = run.verdict.evidence.length === 0 ? "no problem" : run.verdict.evidence.join(", ");
  const queries = run.queries === undefined ? "" : `, ${run.queries} queries`;
  return `${found} (${secs(run.ms)}${queries}) ${sameVerdict(run.verdict, expected) ? "✓" : "✗"}`;
}

function versionOf(command: string, args: readonly string[]): string {
  try {
    return execFileSync(command, args, { encoding: "utf8" }).split("\n")[0]?.trim() ?? "unknown";
  } catch {
    return "unknown";
  }
}

/** The installed Debian package's version (neither dnsviz nor the nsd package says it otherwise). */
function debianVersion(pkg: string): string {
  // biome-ignore lint/suspicious/noTemplateCurlyInString: dpkg-query's own format syntax
  return versionOf("dpkg-query", ["-W", "-f=${Version}", pkg]);
}

async function main(): Promise<number> {
  const reason = nsdUnavailableReason();
  if (reason !== undefined) {
    say(`skipped: ${reason}`);
    return 0;
  }
  if (!values["inside-namespace"]) {
    if (!onPath("unshare") || !onPath("ip")) {
      say(
        "skipped: needs `unshare` and `ip` to run the peers in a loopback-only network namespace",
      );
      return 0;
    }
    return runIsolated();
  }
  if (!onlyLoopback()) {
    say(
      `refusing to run: this network namespace has interfaces besides lo (${Object.keys(networkInterfaces()).join(", ")})`,
    );
    return 2;
  }
  const repeat = Number(values.repeat);
  const dir = await mkdtemp(join(tmpdir(), "domain-drift-peers-"));
  const tree = await startNsdTree(interopWorld, { signedZones: SIGNED_ZONES });
  const registered = SAMPLE.filter((s) => s.domain !== "absent.com");
  const rdap = await startLabRdapServer({
    domains: Object.fromEntries(
      registered.map((s) => [s.domain, { registrar: { ianaId: 9999, name: "Lab Registrar" } }]),
    ),
  });
  try {
    const machine = await describeMachine();
    const outcome = await compare(dir, tree, rdap, repeat);
    const offLoopback = [...outcome.queried.zonemaster, ...outcome.queried.dnsviz].filter(
      (a) => !isLoopback(a),
    );
    if (offLoopback.length > 0) {
      say(
        `a peer asked servers off loopback (${offLoopback.join(", ")}); the namespace kept the packets in`,
      );
    }
    const rows = outcome.results.map(
      (r) =>
        `| ${r.sample.domain} | ${r.sample.about} | ${cell(r.domainDrift, r.sample.expected)} | ${cell(r.zonemaster, r.sample.expected)} | ${cell(r.dnsviz, r.sample.expected)} |`,
    );
    const mean = (pick: (r: DomainResult) => ToolRun | undefined) => {
      const runs = outcome.results.flatMap((r) => pick(r) ?? []);
      return runs.length === 0
        ? undefined
        : runs.reduce((sum, run) => sum + run.ms, 0) / runs.length;
    };
    const dd = mean((r) => r.domainDrift) as number;
    const zm = mean((r) => r.zonemaster);
    const dv = mean((r) => r.dnsviz);
    const ratio = (peer: number | undefined, ours: number) =>
      peer === undefined ? "n/a" : `${(peer / ours).toFixed(1)}×`;
    const stamp = new Date()
      .toISOString()
      .replace("T", " ")
      .replace(/:\d\d\.\d+Z$/, " UTC");
    const section = [
      `### ${stamp} — peer comparison on the NSD tree (${SAMPLE.length} domains)`,
      "",
      `- Machine: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, ${machine.os}; load average ${machine.load}.`,
      `- Tools: domain-drift ${TOOL_VERSION} (\`check --no-aws\`, one process per domain), zonemaster-cli ${outcome.haveZonemaster ? versionOf("zonemaster-cli", ["--version"]).replace(/^CLI version:\s*/, "") : "not installed"} (\`--test basic --test delegation\`), dnsviz ${outcome.haveDnsviz ? debianVersion("dnsviz") : "not installed"} (\`probe -A\`), NSD ${debianVersion("nsd")}; median of ${repeat} runs per domain.`,
      `- Isolation: every tool ran in a network namespace with only \`lo\`. Servers asked, from the tools' own records: zonemaster ${outcome.queried.zonemaster.size} (\`--save\` cache), dnsviz ${outcome.queried.dnsviz.size} (probe output); off loopback: ${offLoopback.length === 0 ? "none" : offLoopback.join(", ")}.`,
      "",
      "| domain | case | domain-drift | zonemaster-cli | dnsviz probe |",
      "|---|---|---|---|---|",
      ...rows,
      "",
      `Mean per domain: domain-drift ${secs(dd)} as one process per domain (${secs(outcome.scanMsPerDomain)} when the ${SAMPLE.length} are checked in one run, ${secs(outcome.scanPipelineMsPerDomain)} of it in the check pipeline); zonemaster-cli ${zm === undefined ? "n/a" : secs(zm)}; dnsviz probe ${dv === undefined ? "n/a" : secs(dv)}. zonemaster-cli / domain-drift: ${ratio(zm, dd)} per process, ${ratio(zm, outcome.scanMsPerDomain)} within one run (target ≥ 20×). ✓ / ✗: the tool's verdict on lame delegation, parent/child mismatch and delegation matches the world's.`,
      "",
    ].join("\n");
    process.stdout.write(`\n${section}\n`);
    if (!values["no-record"]) await appendFile(BENCHMARKS, `\n${section}\n`);
    return offLoopback.length === 0 ? 0 : 1;
  } finally {
    await rdap.close();
    await tree.close();
    await rm(dir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
