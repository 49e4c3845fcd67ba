// The child side of bench/dns-process.ts: runs the lab name servers of the world it is sent and
// answers the benchmark's questions about them until told to close.

import { monitorEventLoopDelay } from "node:perf_hooks";
import { type LabDns, startLabDns } from "../src/lab/dns-world.js";
import { internetWorld } from "../src/lab/internet.js";
import type { DnsProcessReply, DnsProcessRequest } from "./dns-process.js";

const send = (reply: DnsProcessReply) => process.send?.(reply);
const loop = monitorEventLoopDelay({ resolution: 10 });
let dns: LabDns | undefined;

async function handle(request: DnsProcessRequest): Promise<void> {
  switch (request.kind) {
    case "start": {
      dns = await startLabDns(internetWorld(request.internet));
      loop.enable();
      send({ kind: "ready", port: dns.port, rootHints: dns.rootHints, servers: dns.servers.size });
      return;
    }
    case "usage": {
      const cpu = process.cpuUsage();
      send({
        kind: "usage",
        usage: {
          received: dns?.received() ?? 0,
          cpuMs: (cpu.user + cpu.system) / 1000,
          loopDelayP99Ms: loop.percentile(99) / 1e6,
        },
      });
      loop.reset();
      return;
    }
    case "close":
      await dns?.close();
      process.exit();
  }
}

process.on("message", (request: DnsProcessRequest) => {
  handle(request).catch((error: unknown) => {
    const reply: DnsProcessReply = {
      kind: "failed",
      message: error instanceof Error ? error.message : String(error),
    };
    // Exits once the parent has the reason.
    process.send?.(reply, undefined, undefined, () => process.exit(1));
  });
});

// The benchmark ended without closing the lab (a crash, Ctrl-C): do not outlive it.
process.once("disconnect", () => process.exit());
