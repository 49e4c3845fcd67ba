// `npm run bench [-- --domains 1000|10000|100000] [--concurrency 256] [--latency 20]
//   [--rdap-latency 0] [--aws-rps 1000] [--realistic] [--profile] [--no-record] [--no-peers]`
//
// A benchmark, not a test: starts the simulated internet for a generated portfolio — the name
// servers (with injected latency) in a child process of their own (bench/dns-process.ts), RDAP and
// the AWS emulators in this process, which does nothing else while a scan runs — then runs the real
// `domain-drift check` twice as a child process — cold (empty cache directory) and warm (the
// same directory) — so the checker has a core of its own and its RSS and CPU, read from inside
// that process as it exits (bench/checker.ts), are its own alone; then measures the
// HTML report of the warm scan (bench/html-report.ts). Prints the figures and appends them to
// BENCHMARKS.md, then runs the peer comparison (bench/peers.ts),
// which skips itself with a reason where NSD, zonemaster-cli or dnsviz are missing.

import { spawn } from "node:child_process";
import { access, appendFile, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { type RunningScenario, startScenario } from "../src/lab/scenario.js";
import { CLI, checkerEnvironment, runChecker } from "./checker.js";
import { type DnsProcess, startDnsProcess } from "./dns-process.js";
import { measureHtmlReport } from "./html-report.js";
import { describeMachine, type Machine } from "./machine.js";
import { buildPortfolio } from "./portfolio.js";
import {
  type ProfileSettings,
  renderSection,
  type ScanMeasurement,
  verdictDifferences,
} from "./results.js";

const BENCHMARKS = fileURLToPath(new URL("../BENCHMARKS.md", import.meta.url));
const PEERS = fileURLToPath(new URL("./peers.ts", import.meta.url));

const { values } = parseArgs({
  options: {
    domains: { type: "string", default: "10000" },
    concurrency: { type: "string", default: "256" },
    latency: { type: "string", default: "20" },
    "rdap-latency": { type: "string", default: "0" },
    "aws-rps": { type: "string" },
    realistic: { type: "boolean", default: false },
    profile: { type: "boolean", default: false },
    "no-record": { type: "boolean", default: false },
    "no-peers": { type: "boolean", default: false },
  },
});

function integer(name: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max) {
    process.stderr.write(
      `bench: --${name} must be an integer from ${min} to ${max}, got ${text}\n`,
    );
    process.exit(2);
  }
  return n;
}
const positive = (name: string, text: string, max: number) => integer(name, text, 1, max);
const nonNegative = (name: string, text: string, max: number) => integer(name, text, 0, max);

/**
 * The realistic profile: registries answer in 150–400 ms and now and then with 429 (one request
 * in RATE_LIMIT_EVERY, Retry-After 1 s), and the AWS clients keep their default rate.
 */
const REALISTIC_RDAP = { minMs: 150, maxMs: 400 } as const;
const RATE_LIMIT_EVERY = 200;

if (values.realistic && (values["rdap-latency"] !== "0" || values["aws-rps"] !== undefined)) {
  process.stderr.write("bench: --realistic sets the RDAP latency and the AWS rate itself\n");
  process.exit(2);
}

const settings: ProfileSettings = {
  profile: values.realistic ? "realistic" : "lab",
  domains: positive("domains", values.domains, 1_000_000),
  concurrency: positive("concurrency", values.concurrency, 4096),
  latencyMs: positive("latency", values.latency, 10_000),
  rdapLatency: values.realistic
    ? REALISTIC_RDAP
    : nonNegative("rdap-latency", values["rdap-latency"], 10_000),
  rdapRateLimitEvery: values.realistic ? RATE_LIMIT_EVERY : 0,
  // The realistic profile leaves the checker's default; the lab one lifts it to measure the checker.
  awsRequestsPerSecond: values.realistic
    ? undefined
    : positive("aws-rps", values["aws-rps"] ?? "1000", 1000),
};

async function scan(
  label: "cold" | "warm",
  world: RunningScenario<DnsProcess>,
  args: readonly string[],
  dir: string,
): Promise<ScanMeasurement> {
  world.aws.resetCounters();
  world.rdap.resetCounters();
  const dnsBefore = await world.dns.usage();
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const cpu = process.cpuUsage();
  // Outside the temporary directory, which goes at the end of the run.
  const profileDir = values.profile
    ? join(tmpdir(), "domain-drift-bench-profiles", `${settings.domains}-${label}`)
    : undefined;
  const run = await runChecker({
    args,
    env: checkerEnvironment(world.env),
    reportFile: join(dir, `report-${label}.json`),
    ...(profileDir === undefined ? {} : { cpuProfileDir: profileDir }),
  });
  const labCpu = process.cpuUsage(cpu);
  loop.disable();
  const dnsAfter = await world.dns.usage();
  if (run.stderr.trim() !== "") process.stderr.write(`checker (${label}) stderr:\n${run.stderr}\n`);
  if (profileDir !== undefined)
    process.stderr.write(`CPU profile of the ${label} scan: ${profileDir}\n`);
  return {
    label,
    run,
    awsCalls: world.aws.calls(),
    rdapRequests: world.rdap.counters().total,
    labQueries: dnsAfter.received - dnsBefore.received,
    labCpuMs: (labCpu.user + labCpu.system) / 1000,
    labLoopDelayP99Ms: loop.percentile(99) / 1e6,
    dnsLabCpuMs: dnsAfter.cpuMs - dnsBefore.cpuMs,
    dnsLabLoopDelayP99Ms: dnsAfter.loopDelayP99Ms,
  };
}

async function main(): Promise<void> {
  try {
    await access(CLI);
  } catch {
    process.stderr.write(`bench: ${CLI} is missing; run \`npm run build\` first.\n`);
    process.exit(2);
  }
  const machine = await describeMachine();
  const dir = await mkdtemp(join(tmpdir(), "domain-drift-bench-"));
  try {
    await measure(machine, dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  if (!values["no-peers"]) await runPeers();
}

async function measure(machine: Machine, dir: string): Promise<void> {
  const now = new Date();
  process.stderr.write(`bench: building a portfolio of ${settings.domains} domains…\n`);
  const portfolio = buildPortfolio(settings.domains, now);
  const policies = join(dir, "policies");
  await mkdir(policies);
  for (const [name, text] of portfolio.policies) await writeFile(join(policies, name), text);

  const started = performance.now();
  // The child builds the same world from the same spec (with the latency): the in-process
  // builder startScenario offers is not used.
  const world = await startScenario(portfolio.scenario, join(dir, "world"), () =>
    startDnsProcess({ ...portfolio.scenario.internet, latencyMs: settings.latencyMs }),
  );
  try {
    world.rdap.setLatency(settings.rdapLatency);
    world.rdap.setRateLimitEvery(settings.rdapRateLimitEvery, 1);
    process.stderr.write(
      `bench: world up in ${((performance.now() - started) / 1000).toFixed(1)} s (${world.dns.servers} name servers); scanning…\n`,
    );
    const args = [
      "check",
      policies,
      ...world.cliArgs,
      "--cache-dir",
      join(dir, "cache"),
      "--concurrency",
      String(settings.concurrency),
      ...(settings.awsRequestsPerSecond === undefined
        ? []
        : ["--aws-rps", String(settings.awsRequestsPerSecond)]),
    ];
    const cold = await scan("cold", world, args, dir);
    const warm = await scan("warm", world, args, dir);
    process.stderr.write("bench: measuring the HTML report of the warm scan…\n");
    const html = await measureHtmlReport(join(dir, "report-warm.json"), dir);
    const section = renderSection({
      date: now,
      machine,
      settings: {
        ...settings,
        nameServers: world.dns.servers,
        route53Servers: portfolio.route53Servers,
      },
      portfolio: portfolio.domains,
      scans: [cold, warm],
      html,
    });
    process.stdout.write(`\n${section}`);
    if (!values["no-record"]) {
      await appendFile(BENCHMARKS, `\n${section}`);
      process.stderr.write(`bench: appended to ${BENCHMARKS}\n`);
    }
    // The caches may make a scan faster, never different: the cold scan started from an empty
    // cache directory, so it is the uncached run the warm one must agree with.
    const differences = verdictDifferences(cold, warm);
    if (differences.length > 0) {
      process.stderr.write(
        `bench: ${differences.length} of the warm scan's verdicts differ from the uncached scan's, first:\n${differences
          .slice(0, 20)
          .map((d) => `  ${d}\n`)
          .join("")}`,
      );
      process.exitCode = 1;
    }
  } finally {
    await world.close();
  }
}

/** The peer comparison, in its own process (it re-runs itself in a network namespace). */
function runPeers(): Promise<void> {
  const args = [...process.execArgv, PEERS, ...(values["no-record"] ? ["--no-record"] : [])];
  const child = spawn(process.execPath, args, { stdio: "inherit" });
  return new Promise((resolve) => child.once("close", () => resolve()));
}

await main();
