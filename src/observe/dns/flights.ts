// In-flight deduplication: 256 walks that need the same referral or the same name-server address
// at the same moment share one lookup instead of sending 256 queries.
//
// Sharing creates a hazard: lookup A (resolving ns1.a.example) may wait on lookup B (ns1.b.example)
// while B waits on A, through other walks. Every flight records what it is waiting on, and a
// caller joins an existing flight only when that flight does not (transitively) wait on the chain
// of flights the caller is running inside; otherwise it is told `CYCLE` and treats it as a loop.

export interface Flight {
  readonly key: string;
  /** The flights this one is waiting for right now. */
  readonly waitingOn: Set<Flight>;
}

/** The flights a caller runs inside, innermost first. `undefined` at the top of a walk. */
export interface Chain {
  readonly flight: Flight;
  readonly parent: Chain | undefined;
}

export const CYCLE: unique symbol = Symbol("cycle");

export interface FlightResult<T> {
  readonly value: T;
  /** True for the caller that ran the lookup, false for those that joined it. */
  readonly leader: boolean;
}

function reachesChain(start: Flight, chain: Chain | undefined): boolean {
  if (chain === undefined) return false;
  const targets = new Set<Flight>();
  for (let link: Chain | undefined = chain; link !== undefined; link = link.parent) {
    targets.add(link.flight);
  }
  const seen = new Set<Flight>();
  const stack = [start];
  while (stack.length > 0) {
    const flight = stack.pop() as Flight;
    if (targets.has(flight)) return true;
    if (seen.has(flight)) continue;
    seen.add(flight);
    for (const next of flight.waitingOn) stack.push(next);
  }
  return false;
}

async function waitFor<T>(
  chain: Chain | undefined,
  target: Flight,
  promise: Promise<T>,
): Promise<T> {
  const waiter = chain?.flight;
  waiter?.waitingOn.add(target);
  try {
    return await promise;
  } finally {
    waiter?.waitingOn.delete(target);
  }
}

export class Flights<T> {
  readonly #running = new Map<string, { readonly flight: Flight; readonly promise: Promise<T> }>();

  /**
   * Runs `work` under `key`, or joins the run already in flight. `work` receives the chain to
   * pass to nested lookups. Resolves to `CYCLE` when joining would wait on the caller itself.
   */
  async run(
    key: string,
    chain: Chain | undefined,
    work: (chain: Chain) => Promise<T>,
  ): Promise<FlightResult<T> | typeof CYCLE> {
    const existing = this.#running.get(key);
    if (existing !== undefined) {
      if (reachesChain(existing.flight, chain)) return CYCLE;
      return { value: await waitFor(chain, existing.flight, existing.promise), leader: false };
    }
    const flight: Flight = { key, waitingOn: new Set() };
    // The edge from the caller and the registration exist before `work` starts (it runs a
    // microtask later), so nested lookups see both.
    chain?.flight.waitingOn.add(flight);
    const promise = Promise.resolve()
      .then(() => work({ flight, parent: chain }))
      .finally(() => {
        if (this.#running.get(key)?.flight === flight) this.#running.delete(key);
      });
    this.#running.set(key, { flight, promise });
    return { value: await waitFor(chain, flight, promise), leader: true };
  }
}
