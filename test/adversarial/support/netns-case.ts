// One case of a cut-off host, run inside the network namespace that ./netns.ts made (never import
// it elsewhere): starts the lab servers the case needs on the namespace's loopback, writes the
// policies, runs the built CLI once per `runs` entry, each killed if it outlives its own limit,
// and prints what happened as one line of JSON.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { a, aaaa, ns } from "../../../src/lab/dns-records.js";
import { startLabDnsServer } from "../../../src/lab/dns-server.js";
import { startLabDns } from "../../../src/lab/dns-world.js";
import { CLI_MAIN, runNodeEntry, userEnv } from "../../support/cli.js";
import { rootAndCom, zoneServedBy } from "./lab-tree.js";

export interface NetnsRunSpec {
  /** Arguments after `node main.js`; `{world}` is replaced by the world's CLI arguments. */
  readonly args: readonly string[];
  /** Killed after this long: a case whose process has to be killed failed. */
  readonly killAfterMs: number;
  /** A file the run writes (relative to its directory), read back into the result. */
  readonly output?: string;
}

export interface NetnsCase {
  /**
   * `none`: no lab, the shipped root hints (no route to any of them); `silent`: root hints and
   * the system resolver on a server that never answers; `dual-stack`: a lab tree in which
   * dual.com's name servers also have IPv6 addresses: ns1 one this host has no route to (a
   * documentation address), ns2 ::1.
   */
  readonly world: "none" | "silent" | "dual-stack";
  /** Policy YAML written to policies/domains.yaml. */
  readonly policy: string;
  readonly runs: readonly NetnsRunSpec[];
}

export interface NetnsRunResult {
  readonly code: number | null;
  readonly signal: string | null;
  readonly killed: boolean;
  readonly stdout: string;
  readonly stderr: string;
  /** The `output` file's text, when it was written. */
  readonly output: string | undefined;
}

export interface NetnsCaseResult {
  readonly runs: readonly NetnsRunResult[];
}

const MAX_TEXT = 20_000;

interface World {
  readonly args: readonly string[];
  close(): Promise<void>;
}

async function startWorld(kind: NetnsCase["world"], dir: string): Promise<World> {
  const rootHints = join(dir, "named.root");
  if (kind === "none") return { args: [], close: async () => {} };
  if (kind === "silent") {
    // The system resolver's server and the only root server: it receives and never answers.
    const silent = await startLabDnsServer({
      address: "127.0.0.1",
      port: 53,
      zones: [],
      faults: [{ fault: { kind: "drop" } }],
    });
    await writeFile(rootHints, ". 3600000 NS a.root.lab.\na.root.lab. 3600000 A 127.0.0.1\n");
    return {
      args: ["--root-hints", rootHints, "--dns-port", "53"],
      close: () => silent.close(),
    };
  }
  const lab = await startLabDns(({ host }) => {
    const dual = zoneServedBy("dual.com", ["ns1.dual.com", "ns2.dual.com"]);
    return {
      servers: [
        ...rootAndCom(host, [
          ns("dual.com", "ns1.dual.com"),
          ns("dual.com", "ns2.dual.com"),
          a("ns1.dual.com", host(10)),
          aaaa("ns1.dual.com", "2001:db8::53"),
          a("ns2.dual.com", host(11)),
          aaaa("ns2.dual.com", "::1"),
        ]),
        { name: "ns1", host: 10, zones: [dual] },
        { name: "ns2", host: 11, zones: [dual] },
        { name: "ns2-v6", host: "::1", zones: [dual] },
      ],
    };
  });
  await writeFile(rootHints, lab.rootHints);
  return {
    args: ["--root-hints", rootHints, "--dns-port", String(lab.port)],
    close: () => lab.close(),
  };
}

async function runCli(spec: NetnsRunSpec, world: World, dir: string): Promise<NetnsRunResult> {
  const args = spec.args.flatMap((arg) => (arg === "{world}" ? world.args : [arg]));
  const run = await runNodeEntry(CLI_MAIN, args, {
    cwd: dir,
    env: {
      ...userEnv(join(dir, "home")),
      // Static keys: the SDK goes to the network (and the system resolver) for every call.
      AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE",
      AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
      AWS_REGION: "us-east-1",
      AWS_EC2_METADATA_DISABLED: "true",
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    },
    timeoutMs: spec.killAfterMs,
  });
  const output =
    spec.output === undefined
      ? undefined
      : await readFile(join(dir, spec.output), "utf8").catch(() => undefined);
  return {
    code: run.signal === null ? run.exitCode : null,
    signal: run.signal,
    killed: run.signal === "SIGKILL",
    stdout: run.stdout.slice(0, MAX_TEXT),
    stderr: run.stderr.slice(0, MAX_TEXT),
    output,
  };
}

async function main(): Promise<void> {
  const testCase = JSON.parse(process.argv[2] ?? "{}") as NetnsCase & { dir: string };
  const { dir } = testCase;
  await mkdir(join(dir, "policies"), { recursive: true });
  await mkdir(join(dir, "home"), { recursive: true });
  await writeFile(join(dir, "policies", "domains.yaml"), testCase.policy);
  const world = await startWorld(testCase.world, dir);
  const runs: NetnsRunResult[] = [];
  try {
    for (const run of testCase.runs) runs.push(await runCli(run, world, dir));
  } finally {
    await world.close();
  }
  process.stdout.write(`\n${JSON.stringify({ runs } satisfies NetnsCaseResult)}\n`);
}

await main();
