// Host-name lookups through the system resolver (getaddrinfo, so /etc/hosts and the host's DNS
// settings apply), with a deadline of their own. getaddrinfo runs on libuv's thread pool (four
// threads) and cannot be cancelled: on a network that silently drops packets one lookup takes
// minutes, holds a pool thread the whole time and keeps the process alive after its work is done;
// four of them leave file writes (the report) waiting behind them. So:
// - a caller gets an answer or an ETIMEOUT error within its `timeoutMs`;
// - at most MAX_RUNNING lookups run at once in the whole process, so the pool always has threads
//   left for files; the others wait their turn within their deadline;
// - one lookup per host name and family runs at a time, shared by every caller, and while one
//   that timed out is still running, the same name fails at once;
// - a waiting lookup that every caller has given up on is never started.
// And the lookups already running must end by themselves: a process cannot exit while a pool
// thread is stuck in getaddrinfo (libuv joins its threads on the way out), so the shells bound the
// system resolver's own retries too (`boundSystemResolver`).
import {
  type LookupAddress,
  type LookupAllOptions,
  type LookupOptions,
  lookup as systemLookup,
} from "node:dns";
import type { LookupFunction } from "node:net";
import pLimit from "p-limit";

/** Raised when a lookup took longer than its deadline; `code` is "ETIMEOUT", as dns errors spell it. */
export class LookupTimeoutError extends Error {
  override readonly name = "LookupTimeoutError";
  readonly code = "ETIMEOUT";
  constructor(
    readonly hostname: string,
    timeoutMs: number,
  ) {
    super(
      `resolving ${hostname} took longer than ${timeoutMs} ms (is the network dropping packets?)`,
    );
  }
}

type Resolve = (hostname: string, options: LookupAllOptions) => Promise<LookupAddress[]>;

const resolveWithSystem: Resolve = (hostname, options) =>
  new Promise((resolve, reject) => {
    systemLookup(hostname, options, (error, addresses) => {
      if (error) reject(error);
      else resolve(addresses);
    });
  });

/** Half of libuv's default pool. */
const MAX_RUNNING = 2;
const running = pLimit(MAX_RUNNING);

/** One lookup, shared by every caller that asks for the same name meanwhile. */
class Flight {
  /** Set once a caller gave up on this lookup: later callers fail at once with it. */
  timedOut: LookupTimeoutError | undefined = undefined;
  readonly addresses: Promise<LookupAddress[]>;

  constructor(resolve: Resolve, hostname: string, options: LookupAllOptions) {
    this.addresses = running(() =>
      // Its turn came after everyone gave up on it: not worth a pool thread.
      this.timedOut === undefined ? resolve(hostname, options) : Promise.reject(this.timedOut),
    );
  }
}

/** Lookups in flight in this process, by host name and options. */
const flights = new Map<string, Flight>();

function flight(resolve: Resolve, hostname: string, options: LookupAllOptions): Flight {
  const key = `${options.family} ${options.hints} ${hostname}`;
  const current = flights.get(key);
  if (current !== undefined) return current;
  const started = new Flight(resolve, hostname, options);
  flights.set(key, started);
  const done = () => flights.delete(key);
  started.addresses.then(done, done);
  return started;
}

/** The family asked for as a number (0: either); newer callers may name it. */
function familyOf(family: LookupOptions["family"]): number {
  if (family === "IPv4") return 4;
  if (family === "IPv6") return 6;
  return family ?? 0;
}

export interface BoundedLookupOptions {
  readonly timeoutMs: number;
  /** The resolver behind the deadline; the system's by default (tests pass their own). */
  readonly resolve?: Resolve;
}

/**
 * A `lookup` for `net.connect`, undici's connector and http agents: the system resolver's answer
 * within `timeoutMs`, or an error.
 */
export function boundedLookup(options: BoundedLookupOptions): LookupFunction {
  const resolve = options.resolve ?? resolveWithSystem;
  return (hostname, lookupOptions, callback) => {
    const answer = (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => {
      const first = addresses[0];
      if (error) callback(error, "", 0);
      else if (lookupOptions.all) callback(null, addresses);
      else if (first === undefined) callback(notFound(hostname), "", 0);
      else callback(null, first.address, first.family);
    };
    const current = flight(resolve, hostname, {
      all: true,
      family: familyOf(lookupOptions.family),
      hints: lookupOptions.hints ?? 0,
    });
    if (current.timedOut !== undefined) {
      answer(current.timedOut, []);
      return;
    }
    let settled = false;
    const timer = setTimeout(() => {
      settled = true;
      current.timedOut ??= new LookupTimeoutError(hostname, options.timeoutMs);
      answer(current.timedOut, []);
    }, options.timeoutMs);
    // The deadline is no reason to keep the process alive.
    timer.unref();
    current.addresses.then(
      (addresses) => {
        if (settled) return;
        clearTimeout(timer);
        answer(null, addresses);
      },
      (error: NodeJS.ErrnoException) => {
        if (settled) return;
        clearTimeout(timer);
        answer(error, []);
      },
    );
  };
}

function notFound(hostname: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), {
    code: "ENOTFOUND",
    hostname,
  });
}

/**
 * The glibc resolver's retries, for this process only: two tries of two seconds per server and
 * name, instead of whatever the host configured (five tries of thirty seconds are allowed). glibc
 * reads RES_OPTIONS when a thread first resolves, so a shell calls this before any lookup. A
 * RES_OPTIONS the user set is left alone; other C libraries ignore it (musl bounds its own wait).
 */
export function boundSystemResolver(env: NodeJS.ProcessEnv): void {
  env.RES_OPTIONS ??= "timeout:2 attempts:2";
}
