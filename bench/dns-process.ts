// The benchmark's DNS lab in a process of its own (bench/dns-process-main.ts), so its replies do
// not wait behind the RDAP server and the AWS emulator in the benchmark's event loop: a reply the
// lab sends late looks like a lame server to the checker and would corrupt the uncached reference
// scan. This side starts the child, tells it the world, and asks it for its counters over IPC.

import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { InternetSpec } from "../src/lab/internet.js";
import type { ScenarioDns } from "../src/lab/scenario.js";

const MAIN = fileURLToPath(new URL("./dns-process-main.ts", import.meta.url));

/** What the parent sends. */
export type DnsProcessRequest =
  | { readonly kind: "start"; readonly internet: InternetSpec }
  | { readonly kind: "usage" }
  | { readonly kind: "close" };

/** What the child answers. */
export type DnsProcessReply =
  | {
      readonly kind: "ready";
      readonly port: number;
      readonly rootHints: string;
      readonly servers: number;
    }
  | { readonly kind: "usage"; readonly usage: DnsProcessUsage }
  | { readonly kind: "failed"; readonly message: string };

/** The lab's own figures, cumulative since it started (the event-loop delay since the last ask). */
export interface DnsProcessUsage {
  readonly received: number;
  readonly cpuMs: number;
  readonly loopDelayP99Ms: number;
}

export interface DnsProcess extends ScenarioDns {
  /** Name servers running. */
  readonly servers: number;
  usage(): Promise<DnsProcessUsage>;
}

function nextReply(child: ChildProcess): Promise<DnsProcessReply> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: DnsProcessReply) => {
      child.off("exit", onExit);
      resolve(message);
    };
    const onExit = (code: number | null) => {
      child.off("message", onMessage);
      reject(new Error(`the DNS lab process exited (${code}) before answering`));
    };
    child.once("message", onMessage);
    child.once("exit", onExit);
  });
}

/** Starts the DNS lab of `internet` in a child process; resolves once every server listens. */
export async function startDnsProcess(internet: InternetSpec): Promise<DnsProcess> {
  // The same loader as this process (tsx), so the child runs the TypeScript sources too.
  const child = spawn(process.execPath, [...process.execArgv, MAIN], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  let exited = false;
  child.once("exit", () => {
    exited = true;
  });
  const ask = (request: DnsProcessRequest): Promise<DnsProcessReply> => {
    const reply = nextReply(child);
    child.send(request);
    return reply;
  };
  const ready = await ask({ kind: "start", internet });
  if (ready.kind !== "ready") {
    child.kill();
    throw new Error(
      `the DNS lab process did not start: ${ready.kind === "failed" ? ready.message : ready.kind}`,
    );
  }
  return {
    port: ready.port,
    rootHints: ready.rootHints,
    servers: ready.servers,
    async usage() {
      const reply = await ask({ kind: "usage" });
      if (reply.kind !== "usage") throw new Error(`the DNS lab process answered ${reply.kind}`);
      return reply.usage;
    },
    async close() {
      if (exited) return;
      const gone = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.send({ kind: "close" } satisfies DnsProcessRequest);
      await gone;
    },
  };
}
