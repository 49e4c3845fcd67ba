// A counting semaphore with a synchronous fast path. The walker takes two per query (the global
// in-flight limit and one per server address); at ~10,000 queries/s a promise per uncontended
// acquire would be measurable, so `tryAcquire` costs nothing when a slot is free.

export class Semaphore {
  readonly #limit: number;
  #free: number;
  #waiters: Array<() => void> = [];
  #head = 0;

  constructor(limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`bad limit ${limit}`);
    this.#limit = limit;
    this.#free = limit;
  }

  tryAcquire(): boolean {
    if (this.#free === 0) return false;
    this.#free--;
    return true;
  }

  /** Resolves once a slot is held; first come, first served. */
  acquire(): Promise<void> {
    if (this.tryAcquire()) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  release(): void {
    if (this.#head < this.#waiters.length) {
      const next = this.#waiters[this.#head] as () => void;
      this.#waiters[this.#head++] = noop;
      // Compact now and then so a long run does not keep a growing array of spent slots.
      if (this.#head >= 1024 && this.#head * 2 >= this.#waiters.length) {
        this.#waiters = this.#waiters.slice(this.#head);
        this.#head = 0;
      }
      next(); // the slot passes straight to the waiter
      return;
    }
    this.#free++;
  }

  /** True when no slot is held and nobody waits: the semaphore can be dropped. */
  get idle(): boolean {
    return this.#free === this.#limit && this.#head === this.#waiters.length;
  }
}

const noop = (): void => {};
