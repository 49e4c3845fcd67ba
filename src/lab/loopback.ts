// Loopback address allocation for lab worlds. Test files run in parallel processes, so every world
// takes a random /24 inside 127.0.0.0/8 (never 127.0.0.0/24, where 127.0.0.1 lives) and a random
// unprivileged port shared by all of its servers (the walker has one destination port), and
// starts over elsewhere if something is already bound there.

import { randomInt } from "node:crypto";

export interface LoopbackNet {
  /** The first three octets, e.g. "127.83.4". */
  readonly prefix: string;
  readonly port: number;
}

export function randomLoopbackNet(): LoopbackNet {
  let second = 0;
  let third = 0;
  while (second === 0 && third === 0) {
    second = randomInt(0, 256);
    third = randomInt(0, 256);
  }
  return { prefix: `127.${second}.${third}`, port: randomInt(20_000, 61_000) };
}

/** The address of host `n` (1–254) in the net. */
export function hostAddress(net: LoopbackNet, n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 254) throw new RangeError(`host ${n} is not in 1..254`);
  return `${net.prefix}.${n}`;
}

function isAddressInUse(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === "EADDRINUSE";
}

/**
 * Runs `attempt` on fresh random nets until it succeeds or fails with something other than
 * "address in use". `attempt` must release whatever it bound before throwing.
 */
export async function onFreeLoopbackNet<T>(
  attempt: (net: LoopbackNet) => Promise<T>,
  tries = 20,
): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt(randomLoopbackNet());
    } catch (error) {
      if (!isAddressInUse(error) || i >= tries) throw error;
    }
  }
}
