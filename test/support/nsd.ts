// Real NSD for a lab world: one `nsd` process per server spec, each bound to its own 127.x address
// on port 53 and loading that spec's zones as master files (`toMasterFile`). The interop tests
// and the NSD-backed end-to-end scenario run the same worlds the in-process lab serves, so the
// walker is proven against a real authoritative server, not only against our own.
//
// NSD cannot inject faults: a lame server is one that is delegated to but does not load the zone
// (NSD answers REFUSED). Worlds with faults or latency are rejected rather than silently served
// without them.
//
// NSD hands out DS records with a referral only from a DNSSEC-signed parent zone, as every real
// TLD is. `signedZones` makes a zone look signed to NSD: an apex DNSKEY and RRSIGs over the SOA and
// DNSKEY. The signatures are placeholders: NSD serves them without validating, and domain-drift
// reads DS records as published data, never validating either.
import { type ChildProcess, spawn } from "node:child_process";
import { createSocket } from "node:dgram";
import { accessSync, constants } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import dnsPacket from "dns-packet";
import type { LabServerSpec, LabWorld, LabWorldBuilder } from "../../src/lab/dns-world.js";
import { hostAddress, type LoopbackNet, onFreeLoopbackNet } from "../../src/lab/loopback.js";
import { type RootServer, renderRootHints, rootServersOf } from "../../src/lab/root-hints.js";
import { toMasterFile, type Zone } from "../../src/lab/zone.js";

export const NSD_PORT = 53;

const SEARCHED_DIRS = ["/usr/sbin", "/usr/local/sbin"];
const READY_TIMEOUT_MS = 15_000;

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The nsd binary: on PATH or in the sbin directories a non-root PATH often lacks. */
export function findNsd(): string | undefined {
  const dirs = [...(process.env.PATH ?? "").split(delimiter).filter(Boolean), ...SEARCHED_DIRS];
  return dirs.map((dir) => join(dir, "nsd")).find(isExecutable);
}

/** Why NSD-backed tests cannot run here, or undefined when they can. */
export function nsdUnavailableReason(): string | undefined {
  if (findNsd() === undefined) {
    return "NSD is not installed (no `nsd` on PATH, in /usr/sbin or /usr/local/sbin; Debian: apt-get install nsd)";
  }
  const uid = process.getuid?.();
  if (uid !== 0) {
    return `NSD must bind port 53, which needs root, and this process runs as uid ${uid ?? "unknown"}`;
  }
  return undefined;
}

export interface NsdServer {
  readonly name: string;
  readonly address: string;
  readonly zones: readonly string[];
}

export interface NsdTree {
  /** The world's /24; `port` is always 53. */
  readonly net: LoopbackNet;
  readonly port: number;
  readonly world: LabWorld;
  /** named.root text for the world's root zone. */
  readonly rootHints: string;
  readonly rootServers: readonly RootServer[];
  readonly servers: ReadonlyMap<string, NsdServer>;
  /** The address of the server with this spec name; throws for an unknown name (a test bug). */
  address(name: string): string;
  /** Stops every NSD (kills its process group) and removes its files. */
  close(): Promise<void>;
}

class AddressInUse extends Error {
  readonly code = "EADDRINUSE";
}

interface RunningNsd {
  readonly spec: LabServerSpec;
  readonly address: string;
  readonly dir: string;
  readonly child: ChildProcess;
  readonly exited: Promise<void>;
  stderr: string;
}

// Each NSD runs in a process group of its own under a small supervisor shell, which also starts a
// watcher on the read end of a pipe from this process. When this process goes — through close(),
// a crash, or a test worker killed without running any exit handler — the pipe reaches EOF and the
// watcher kills the whole group: an orphaned NSD would hold port 53 on its address. The shell
// itself waits for NSD, so its exit tells this process that NSD exited on its own.
const SUPERVISOR = [
  "exec 3<&0",
  '"$0" -d -c "$1" </dev/null &',
  "nsd=$!",
  "(read -r _ <&3; kill -9 0) &",
  'wait "$nsd"',
].join("\n");

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    // The whole group is gone already.
  }
}

function checkExpressible(world: LabWorld): void {
  if (world.latencyMs !== undefined && world.latencyMs > 0) {
    throw new Error("NSD cannot add latency; run this world in the in-process lab");
  }
  for (const spec of world.servers) {
    if ((spec.faults ?? []).length > 0) {
      throw new Error(
        `server ${spec.name} has injected faults, which NSD cannot express (a lame server is one that does not load the zone)`,
      );
    }
    if (typeof spec.host === "string" && !spec.host.startsWith("127.")) {
      throw new Error(`server ${spec.name}: NSD runs IPv4 loopback only, not ${spec.host}`);
    }
  }
}

const zoneFileName = (index: number): string => `zone-${index}.zone`;
const absolute = (name: string): string => (name === "." ? "." : `${name}.`);

// A 64-byte ECDSA P-256 public key and signature (algorithm 13) of the right length, not real ones.
const PLACEHOLDER_KEY = Buffer.alloc(64, 0x5a).toString("base64");
const PLACEHOLDER_SIGNATURE = Buffer.alloc(64, 0xa5).toString("base64");

/** Apex DNSKEY and RRSIG lines that make NSD treat the zone as signed (see the file comment). */
function signatureLines(origin: string): string[] {
  const apex = absolute(origin);
  const labels = origin === "." ? 0 : origin.split(".").length;
  const rrsig = (covered: string) =>
    `${apex}\t3600\tIN\tRRSIG\t${covered} 13 ${labels} 3600 20991231000000 20200101000000 4242 ${apex} ${PLACEHOLDER_SIGNATURE}`;
  return [`${apex}\t3600\tIN\tDNSKEY\t257 3 13 ${PLACEHOLDER_KEY}`, rrsig("SOA"), rrsig("DNSKEY")];
}

function masterFile(zone: Zone, signed: boolean): string {
  const text = toMasterFile(zone);
  return signed ? `${text}${signatureLines(zone.origin).join("\n")}\n` : text;
}

function nsdConfig(dir: string, address: string, zones: readonly Zone[]): string {
  const quoted = (path: string) => JSON.stringify(path);
  const lines = [
    "server:",
    `  ip-address: ${address}`,
    `  port: ${NSD_PORT}`,
    "  do-ip4: yes",
    "  do-ip6: no",
    '  username: ""',
    '  chroot: ""',
    '  database: ""',
    `  zonesdir: ${quoted(dir)}`,
    `  pidfile: ${quoted(join(dir, "nsd.pid"))}`,
    `  zonelistfile: ${quoted(join(dir, "zone.list"))}`,
    `  xfrdfile: ${quoted(join(dir, "xfrd.state"))}`,
    `  xfrdir: ${quoted(join(dir, "xfr"))}`,
    `  logfile: ${quoted(join(dir, "nsd.log"))}`,
    "  server-count: 1",
    "  verbosity: 0",
    "  hide-version: yes",
    "  zonefiles-write: 0",
    "remote-control:",
    "  control-enable: no",
  ];
  zones.forEach((zone, index) => {
    lines.push("zone:", `  name: ${quoted(absolute(zone.origin))}`);
    lines.push(`  zonefile: ${quoted(zoneFileName(index))}`);
  });
  return `${lines.join("\n")}\n`;
}

async function launch(
  nsd: string,
  root: string,
  spec: LabServerSpec,
  address: string,
  options: NsdTreeOptions,
) {
  const dir = join(root, spec.name.replace(/[^a-z0-9.-]/gi, "_"));
  await mkdir(join(dir, "xfr"), { recursive: true });
  const signed = new Set(options.signedZones ?? []);
  await Promise.all(
    spec.zones.map((zone, index) =>
      writeFile(
        join(dir, zoneFileName(index)),
        options.zoneFiles?.get(zoneFileKey(spec.name, zone.origin)) ??
          masterFile(zone, signed.has(zone.origin)),
      ),
    ),
  );
  const configFile = join(dir, "nsd.conf");
  await writeFile(configFile, nsdConfig(dir, address, spec.zones));
  // NSD with -d stays in the foreground, so it and its server and xfrd children stay in the
  // supervisor's process group (detached: a new group, led by the shell).
  const child = spawn("/bin/sh", ["-c", SUPERVISOR, nsd, configFile], {
    detached: true,
    stdio: ["pipe", "ignore", "pipe"],
  });
  const running: RunningNsd = {
    spec,
    address,
    dir,
    child,
    stderr: "",
    exited: new Promise((resolve) => {
      child.once("exit", () => resolve());
      child.once("error", () => resolve());
    }),
  };
  child.stderr?.setEncoding("utf8");
  child.stderr?.on("data", (text: string) => {
    if (running.stderr.length < 64_000) running.stderr += text;
  });
  return running;
}

const NOERROR = 0;

/** One SOA query over UDP; the reply's rcode and AA bit, or undefined on silence. */
async function askSoa(
  address: string,
  name: string,
  timeoutMs: number,
): Promise<{ rcode: number; aa: boolean } | undefined> {
  const socket = createSocket("udp4");
  try {
    const id = Math.floor(Math.random() * 65_536);
    const query = dnsPacket.encode({
      type: "query",
      id,
      flags: 0,
      questions: [{ type: "SOA", name: name === "." ? "." : name }],
    });
    const reply = new Promise<{ rcode: number; aa: boolean } | undefined>((resolve) => {
      const timer = setTimeout(() => resolve(undefined), timeoutMs);
      socket.on("message", (bytes) => {
        try {
          const packet = dnsPacket.decode(bytes);
          if (packet.id !== id) return;
          clearTimeout(timer);
          const flags = packet.flags ?? 0;
          resolve({ rcode: flags & 0x0f, aa: (flags & dnsPacket.AUTHORITATIVE_ANSWER) !== 0 });
        } catch {
          // Not a DNS reply we can read: keep waiting.
        }
      });
      socket.on("error", () => {
        clearTimeout(timer);
        resolve(undefined);
      });
    });
    socket.send(query, NSD_PORT, address);
    return await reply;
  } finally {
    socket.close();
  }
}

/** True once the server answers authoritatively for every zone it loads (or at all, without zones). */
async function answers(server: RunningNsd): Promise<boolean> {
  const zones = server.spec.zones;
  if (zones.length === 0) return (await askSoa(server.address, ".", 200)) !== undefined;
  for (const zone of zones) {
    const reply = await askSoa(server.address, zone.origin, 200);
    if (reply === undefined || reply.rcode !== NOERROR || !reply.aa) return false;
  }
  return true;
}

async function logOf(server: RunningNsd): Promise<string> {
  const file = await readFile(join(server.dir, "nsd.log"), "utf8").catch(() => "");
  return `${server.stderr}${file}`.trim();
}

async function waitUntilReady(server: RunningNsd): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let exited = false;
  void server.exited.then(() => {
    exited = true;
  });
  while (Date.now() < deadline) {
    if (exited) {
      const log = await logOf(server);
      if (/address already in use/i.test(log)) {
        throw new AddressInUse(`${server.address}:${NSD_PORT} is in use`);
      }
      throw new Error(`nsd for ${server.spec.name} (${server.address}) exited:\n${log}`);
    }
    if (await answers(server)) return;
    await sleep(50);
  }
  throw new Error(
    `nsd for ${server.spec.name} (${server.address}) did not answer within ${READY_TIMEOUT_MS} ms:\n${await logOf(server)}`,
  );
}

async function stop(servers: readonly RunningNsd[]): Promise<void> {
  // Nothing to save: the zones are files of the test, so the groups go at once.
  for (const server of servers) killGroup(server.child);
  await Promise.all(servers.map((server) => server.exited));
}

export interface NsdTreeOptions {
  /** Zone origins NSD should treat as DNSSEC-signed (so that their referrals carry DS records). */
  readonly signedZones?: readonly string[];
  /**
   * Master files that replace the world's rendering of a zone on one server (really signed zones,
   * or one server's older copy), keyed by `zoneFileKey(server, origin)`.
   */
  readonly zoneFiles?: ReadonlyMap<string, string>;
}

export const zoneFileKey = (server: string, origin: string): string => `${server} ${origin}`;

/**
 * Starts NSD for every server of the world, on a random loopback /24 (retried elsewhere when an
 * address is taken), port 53, and resolves once each one answers. Check `nsdUnavailableReason()`
 * first.
 */
export async function startNsdTree(
  build: LabWorldBuilder,
  options: NsdTreeOptions = {},
): Promise<NsdTree> {
  const nsd = findNsd();
  if (nsd === undefined) throw new Error(nsdUnavailableReason());
  return onFreeLoopbackNet(async (random) => {
    const net: LoopbackNet = { prefix: random.prefix, port: NSD_PORT };
    const world = build({ net, host: (n) => hostAddress(net, n) });
    checkExpressible(world);
    const names = new Set<string>();
    for (const spec of world.servers) {
      if (names.has(spec.name)) throw new Error(`two servers named ${spec.name}`);
      names.add(spec.name);
    }
    const root = await mkdtemp(join(tmpdir(), "domain-drift-nsd-"));
    const running: RunningNsd[] = [];
    const closeAll = async () => {
      await stop(running);
      await rm(root, { recursive: true, force: true });
    };
    try {
      for (const spec of world.servers) {
        const address = typeof spec.host === "number" ? hostAddress(net, spec.host) : spec.host;
        running.push(await launch(nsd, root, spec, address, options));
      }
      await Promise.all(running.map(waitUntilReady));
    } catch (error) {
      await closeAll();
      throw error;
    }
    const rootZone = world.servers.flatMap((s) => s.zones).find((z) => z.origin === ".");
    const rootServers = rootZone === undefined ? [] : rootServersOf(rootZone);
    const servers = new Map<string, NsdServer>(
      running.map((r) => [
        r.spec.name,
        { name: r.spec.name, address: r.address, zones: r.spec.zones.map((z) => z.origin) },
      ]),
    );
    let closing: Promise<void> | undefined;
    return {
      net,
      port: NSD_PORT,
      world,
      rootHints: rootServers.length === 0 ? "" : renderRootHints(rootServers),
      rootServers,
      servers,
      address(name: string): string {
        const server = servers.get(name);
        if (server === undefined) throw new Error(`no NSD server named ${name}`);
        return server.address;
      },
      close() {
        closing ??= closeAll();
        return closing;
      },
    };
  });
}
